"""Executes one notebook with the repo kernel and writes the executed copy (called by run-notebooks.js).

    .venv/bin/python environment/notebook_execute.py NOTEBOOK OUTPUT_IPYNB [--timeout SECONDS]

Exit status 0 when every cell ran; 1 when a cell failed (type error, exception, timeout, dead kernel):
the message on stderr names the notebook and the cell, and the executed copy keeps the outputs up to it.
tslab reports type errors and exceptions on stderr with an "error" reply and no error output, so the
cell's stderr text is the message. Cells after a failure are not run (tslab would abort them anyway).
"""
import argparse
import os
import signal
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbformat.sign import NotebookNotary

KERNEL = "tslab-repo"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parameter_cell_problem(nb):
    """None if the first cell is a code cell tagged "parameters", else what is wrong."""
    first = next(iter(nb.cells), None)
    if first is None:
        return "the notebook has no cells"
    if first.cell_type != "code" or "parameters" not in first.get("metadata", {}).get("tags", []):
        return 'the first cell must be a code cell tagged "parameters" (it reads QUICK and the other settings)'
    return None


def cell_label(nb, index):
    cell = nb.cells[index]
    first_line = next((line for line in cell.source.splitlines() if line.strip()), "").strip()
    return f"cell {index + 1} of {len(nb.cells)} (`{first_line[:80]}`)"


def stderr_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr")


def execute(nb, timeout):
    """Runs the code cells in order; returns None, or (index, reason) of the cell that failed."""
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=120, resources={"metadata": {"path": REPO}})
    with client.setup_kernel():
        count = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            try:
                client.execute_cell(cell, index, execution_count=count)  # tslab sends no execute_input to number cells
            except CellExecutionError:
                return index, stderr_text(cell).strip() or "the kernel reported an error"
            except CellTimeoutError:
                return index, f"no result within {timeout} s (raise --timeout, or use QUICK=1)"
            except DeadKernelError as e:
                return index, f"the kernel died: {e}"
    return None


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # shut the kernel down on the way out
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell (default 3600)")
    args = parser.parse_args()

    name = os.path.relpath(os.path.abspath(args.notebook), REPO)
    nb = nbformat.read(args.notebook, as_version=4)
    started = time.time()
    problem = parameter_cell_problem(nb)
    failure = (0, problem) if problem else execute(nb, args.timeout)
    status = {
        "notebook": name,
        "status": "failed" if failure else "ok",
        "seconds": round(time.time() - started, 1),
        "quick": os.environ.get("QUICK") == "1",
        "executed_at": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    if failure:
        index, reason = failure
        status["failed_cell"] = index
        status["message"] = f"{name}: {cell_label(nb, index)} failed:\n{reason}"
    nb.metadata["diffsim_run"] = status
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    nbformat.write(nb, args.output)
    # Trust the outputs this run produced (the notary database lives in the project's .jupyter/), so the
    # executed copy opened in the project's JupyterLab or Notebook 7 runs its scripts (the live explorer).
    NotebookNotary().sign(nb)
    if failure:
        print(status["message"], file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
