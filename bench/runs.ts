/**
 * End-to-end timings: one whole optimization run per paper measure on the Mante2013 surrogate
 * (Adam lr 0.1, seed 0, stop at score 0.99, at most 1000 iterations; quick mode caps at 50), and
 * the notebook suite (`npm run notebooks`, with QUICK=1 and, in full mode, also without).
 */
import { spawnSync } from "child_process";
import { join } from "path";
import { loadDataset } from "../lib/data/datasets";
import { optimize } from "../lib/optimize/optimize";
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

/**
 * One run to 0.99 per paper measure on the Mante2013 surrogate; `progress` gets each result as soon
 * as it is measured.
 */
export async function benchWholeRuns(quick: boolean, progress: (r: WholeRunResult) => void = () => {}): Promise<WholeRunResult[]> {
  const ds = loadDataset("Mante2013", { source: "surrogate" });
  const X = { data: ds.activity.data, shape: ds.shape };
  const out: WholeRunResult[] = [];
  for (const id of PAPER_MEASURES) {
    const t0 = performance.now();
    try {
      const r = optimize(X, id, { seed: 0, lr: 0.1, maxIter: quick ? 50 : 1000, stopScore: 0.99 });
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
  const modes: NotebookRunResult["mode"][] = quick ? ["QUICK"] : ["QUICK", "full"];
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
