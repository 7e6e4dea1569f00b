/**
 * End-to-end timings: one whole optimization run per paper measure on the Mante2013 surrogate
 * (Adam lr 0.1, seed 0, stop at score 0.99, at most 1000 iterations; quick mode caps at 50), and
 * the notebook suite (`npm run notebooks`, with QUICK=1 and, in full mode, also without). Each part
 * reports "not available yet" while the optimizer, the dataset loader, the measure or the notebook
 * script does not exist.
 */
import { spawnSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { hasMeasure } from "../lib/measures/registry";
import { PAPER_MEASURES } from "./reference";

export interface WholeRunResult {
  measure: string;
  status: string;
  seconds: number | null;
  iterations: number | null;
  finalScore: number | null;
  stopReason: string | null;
}

export interface NotebookRunResult {
  mode: "QUICK" | "full";
  status: string;
  seconds: number | null;
}

const root = join(__dirname, "..");

type OptimizeFn = (X: unknown, id: string, options: Record<string, unknown>) => { iterations: number; scores: number[]; stopReason: string };
type LoadDatasetFn = (id: string, options: Record<string, unknown>) => unknown;

/** Export `name` of the public API, else of `modulePath` (relative to lib/), else null. */
function optionalExport<T>(name: string, modulePath: string): T | null {
  for (const path of [join(root, "lib"), join(root, "lib", modulePath)]) {
    try {
      const f = (require(path) as Record<string, unknown>)[name];
      if (typeof f === "function") return f as T;
    } catch {
      // module not written yet
    }
  }
  return null;
}

/**
 * One run to 0.99 per paper measure on the Mante2013 surrogate, or a single "not available yet" row;
 * `progress` gets each result as soon as it is measured.
 */
export async function benchWholeRuns(quick: boolean, progress: (r: WholeRunResult) => void = () => {}): Promise<WholeRunResult[]> {
  const optimize = optionalExport<OptimizeFn>("optimize", "optimize/optimize");
  const loadDataset = optionalExport<LoadDatasetFn>("loadDataset", "data/datasets");
  const missing = [optimize ? "" : "optimize", loadDataset ? "" : "loadDataset"].filter(Boolean);
  if (missing.length) return [{ measure: "*", status: `not available yet (${missing.join(", ")})`, seconds: null, iterations: null, finalScore: null, stopReason: null }];
  const ds = (await loadDataset!("Mante2013", { source: "surrogate" })) as { activity: { data: Float64Array }; shape: number[] };
  const X = { data: ds.activity.data, shape: ds.shape };
  const out: WholeRunResult[] = [];
  for (const id of PAPER_MEASURES) {
    if (!hasMeasure(id)) {
      out.push({ measure: id, status: "not available yet (measure not registered)", seconds: null, iterations: null, finalScore: null, stopReason: null });
      continue;
    }
    const t0 = performance.now();
    try {
      const r = optimize!(X, id, { seed: 0, lr: 0.1, maxIter: quick ? 50 : 1000, stopScore: 0.99 });
      out.push({ measure: id, status: quick ? "ok (quick: ≤ 50 iterations)" : "ok", seconds: (performance.now() - t0) / 1000, iterations: r.iterations, finalScore: r.scores[r.scores.length - 1], stopReason: r.stopReason });
    } catch (e) {
      out.push({ measure: id, status: `error: ${(e as Error).message}`, seconds: null, iterations: null, finalScore: null, stopReason: null });
    }
    progress(out[out.length - 1]);
  }
  return out;
}

/** Wall time of `npm run notebooks` in QUICK mode (and full mode unless `quick`). */
export function benchNotebooks(quick: boolean): NotebookRunResult[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const modes: NotebookRunResult["mode"][] = quick ? ["QUICK"] : ["QUICK", "full"];
  if (!pkg.scripts?.notebooks || !existsSync(join(root, "notebooks")))
    return modes.map((mode) => ({ mode, status: "not available yet (no `notebooks` script in package.json)", seconds: null }));
  return modes.map((mode) => {
    const env = { ...process.env };
    if (mode === "QUICK") env.QUICK = "1";
    else delete env.QUICK;
    const t0 = performance.now();
    const r = spawnSync("npm", ["run", "--silent", "notebooks"], { cwd: root, env, stdio: "ignore", timeout: 3600_000 });
    const seconds = (performance.now() - t0) / 1000;
    return { mode, status: r.status === 0 ? "ok" : `failed (exit ${r.status ?? r.signal})`, seconds };
  });
}
