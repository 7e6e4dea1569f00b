/**
 * The opt-in same-run anchor of the step benchmark: bench/numpy_baseline.py (numpy float64
 * closed-form value + gradient + Adam, X-side quantities cached) in a child process per thread count,
 * with OPENBLAS_NUM_THREADS / OMP_NUM_THREADS / MKL_NUM_THREADS set at its start. steps.ts times
 * one of its steps after each of diffsim's, cell by cell, so both see the same machine load.
 *
 * numpy comes from PyPI into the project's .venv (one documented step, not part of npm run setup):
 *   .venv/bin/pip install -r bench/requirements-baseline.txt
 * The interpreter is .venv/bin/python when it exists, else python3 (BENCH_PYTHON overrides).
 *
 *   const numpy = await NumpyBaseline.start(2);
 *   await numpy.prepare(X, Y, "cka");      // numpy's score(X, Y), for a consistency check
 *   const ms = await numpy.steps(1);        // [ms of one step]
 *   numpy.close();
 */
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { createInterface } from "readline";
import type { Matrix } from "../lib/tensor/matrix";

const ROOT = join(__dirname, "..");
const SCRIPT = join(__dirname, "numpy_baseline.py");
/** How to install the baseline's one dependency. */
export const BASELINE_SETUP = ".venv/bin/pip install -r bench/requirements-baseline.txt";

function pythonPath(): string {
  const venvPython = join(ROOT, ".venv", "bin", "python");
  return process.env.BENCH_PYTHON ?? (existsSync(venvPython) ? venvPython : "python3");
}

/** One numpy process with a fixed BLAS thread count. */
export class NumpyBaseline {
  private readonly pending: ((line: string) => void)[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), "diffsim-baseline-"));
  private stderr = "";

  private constructor(
    readonly threads: number,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {
    createInterface({ input: child.stdout }).on("line", (line) => this.pending.shift()?.(line));
    child.stderr.on("data", (d) => (this.stderr += d));
    const fail = (why: string) => {
      for (const resolve of this.pending.splice(0)) resolve(JSON.stringify({ error: why }));
    };
    child.on("exit", () => fail(`numpy baseline exited: ${this.stderr.trim().split("\n").pop()}`));
    child.on("error", (e) => fail(`cannot start ${pythonPath()}: ${e.message}`));
  }

  /** Starts the process; resolves with its numpy version and BLAS library, or rejects saying how to install numpy. */
  static async start(threads: number): Promise<{ baseline: NumpyBaseline; numpy: string; blas: string }> {
    const n = String(threads);
    const child = spawn(pythonPath(), [SCRIPT], { env: { ...process.env, OPENBLAS_NUM_THREADS: n, OMP_NUM_THREADS: n, MKL_NUM_THREADS: n } });
    const baseline = new NumpyBaseline(threads, child);
    try {
      const info = await baseline.request({ cmd: "info" });
      return { baseline, numpy: info.numpy as string, blas: info.blas as string };
    } catch (e) {
      baseline.close();
      throw new Error(`--baseline numpy: ${(e as Error).message}; install numpy with: ${BASELINE_SETUP}`);
    }
  }

  private request(message: Record<string, unknown>): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      this.pending.push((line) => {
        const reply = JSON.parse(line) as Record<string, unknown>;
        if (reply.error) reject(new Error(String(reply.error)));
        else resolve(reply);
      });
      this.child.stdin.write(JSON.stringify(message) + "\n");
    });
  }

  /** Hands X and Y (same shape) to the process and prepares `measure`; returns numpy's score(X, Y). */
  async prepare(X: Matrix, Y: Matrix, measure: string): Promise<number> {
    const file = join(this.dir, "xy.f64");
    const data = new Float64Array(X.data.length + Y.data.length);
    data.set(X.data);
    data.set(Y.data, X.data.length);
    writeFileSync(file, data);
    const reply = await this.request({ cmd: "prepare", file, rows: X.rows, cols: X.cols, measure });
    return reply.value as number;
  }

  /** Runs `count` steps of the prepared cell; their times in ms. */
  async steps(count: number): Promise<number[]> {
    return (await this.request({ cmd: "steps", count })).ms as number[];
  }

  close(): void {
    this.child.stdin.end();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
