"""Builds ONE self-contained HTML report from executed notebooks (called by run-notebooks.js).

    .venv/bin/python environment/notebook_report.py REPORT_HTML PLOTLY_MIN_JS EXECUTED.ipynb [...]

The report starts with a summary table (status, time, QUICK or full) and then shows every notebook in
order, each under its own heading, with the failure message on top of a failed one. plotly.js is
inlined once (template environment/report_template/diffsim_report), so the figures are interactive
when the file is opened from disk with no network; each figure also carries its PNG.
"""
import html
import os
import sys
import time

import nbformat
from nbconvert import HTMLExporter

HERE = os.path.dirname(os.path.abspath(__file__))


def anchor(name):
    return "nb-" + "".join(c if c.isalnum() else "-" for c in name)


def summary_cell(notebooks):
    rows = []
    for nb in notebooks:
        run = nb.metadata.get("diffsim_run", {})
        name = run.get("notebook", "?")
        rows.append(
            f'<tr><td style="text-align:left"><a href="#{anchor(name)}">{html.escape(name)}</a></td>'
            f'<td style="text-align:left">{run.get("status", "?")}</td><td>{run.get("seconds", "?")} s</td>'
            f'<td style="text-align:left">{"QUICK" if run.get("quick") else "full"}</td></tr>'
        )
    failed = sum(nb.metadata.get("diffsim_run", {}).get("status") != "ok" for nb in notebooks)
    verdict = "all notebooks ran" if failed == 0 else f"{failed} notebook(s) failed"
    return nbformat.v4.new_markdown_cell(
        f"# Notebook report\n\nGenerated {time.strftime('%Y-%m-%d %H:%M:%S')} by `npm run notebooks`: {verdict}.\n\n"
        '<table class="diffsim-table"><thead><tr><th style="text-align:left">notebook</th><th style="text-align:left">status</th>'
        f'<th>time</th><th style="text-align:left">mode</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def section_cells(nb):
    run = nb.metadata.get("diffsim_run", {})
    name = run.get("notebook", "?")
    heading = f'<a id="{anchor(name)}"></a>\n\n---\n\n## {name} — {run.get("status", "?")} ({run.get("seconds", "?")} s)'
    cells = [nbformat.v4.new_markdown_cell(heading)]
    if run.get("status") != "ok":
        message = html.escape(run.get("message", "failed"))
        cells.append(nbformat.v4.new_markdown_cell(f'<div class="diffsim-report-failed"><pre>{message}</pre></div>'))
    return cells + list(nb.cells)


def merge(notebooks):
    merged = nbformat.v4.new_notebook()
    merged.metadata.update({k: v for k, v in notebooks[0].metadata.items() if k in ("kernelspec", "language_info")})
    merged.metadata["title"] = "diffsim notebook report"
    merged.cells = [summary_cell(notebooks)] + [cell for nb in notebooks for cell in section_cells(nb)]
    for number, cell in enumerate(merged.cells):
        cell["id"] = f"cell-{number}"
    return merged


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    report, plotly_js, executed = sys.argv[1], sys.argv[2], sys.argv[3:]
    notebooks = [nbformat.read(path, as_version=4) for path in executed]
    with open(plotly_js, encoding="utf-8") as f:
        inline_js = f.read().replace("</script", "<\\/script")
    exporter = HTMLExporter(template_name="diffsim_report", extra_template_basedirs=[os.path.join(HERE, "report_template")])
    body, _ = exporter.from_notebook_node(merge(notebooks), resources={"diffsim_plotly_js": inline_js})
    os.makedirs(os.path.dirname(os.path.abspath(report)), exist_ok=True)
    with open(report, "w", encoding="utf-8") as f:
        f.write(body)


if __name__ == "__main__":
    main()
