/**
 * The run configurations of the paper's Fig. 3 / Fig. 4–5 protocol (paper §3–§5): Adam lr 0.1 from a
 * random Y, stop when the score exceeds 0.99 (maxIter 1000), recording the decoding accuracy of the
 * dataset's Fig. 3 task variable and the R² of every PC. Notebooks 03, 04 and 08 build their runs from
 * this one function, so they share run keys: whichever notebook runs first fills the store for the others.
 *
 *   const configs = paperRunConfigs({ datasets: ["Mante2013"], measures: ["cka", "nbs"], seeds: [0, 1, 2] });
 *   await sweep(configs, { store: "output/runs.duckdb", workers: 2 });
 */
import { mkdirSync } from "fs";
import { dirname } from "path";
import { progress } from "../display/progress";
import { InputError } from "../errors";
import { NormalizedRunConfig, RunConfig, RunResult, SweepSummary, UserArrays, expandGrid, openStore, runKey, sweep } from "../runs";
import { PAPER_DECODING_REFERENCE, PAPER_PROTOCOL, PaperDataset } from "./paper-numbers";

export interface PaperRunOptions {
  /** Dataset ids, or user arrays { array: hash, name } (passed to storedRuns as `arrays`; PCs only). */
  datasets: (string | { array: string; name?: string })[];
  measures: string[];
  seeds: number[];
  /** Default 1000 (the paper's). */
  maxIter?: number;
  /** Default 0.99 (the paper's). */
  stopScore?: number;
  /** Record decoding and PCs every this many steps (default 10; step 0 and the last step always). */
  every?: number;
  /** Dataset source (default "auto": the real data when cached, else the surrogate). */
  source?: "auto" | "real" | "surrogate";
}

/**
 * The label of Fig. 3 for a paper dataset (PAPER_DECODING_REFERENCE), undefined for others.
 *
 *   fig3Label("Hatsopoulos2007");   // "target"
 */
export function fig3Label(dataset: string): string | undefined {
  return (PAPER_DECODING_REFERENCE as Record<string, { label: string }>)[dataset]?.label;
}

/**
 * datasets × measures × seeds configs of the paper protocol; datasets outside the paper (and user
 * arrays) record PCs only.
 *
 *   paperRunConfigs({ datasets: ["FreemanZiemba2013"], measures: ["cka"], seeds: [0], maxIter: 100 })[0].record
 *   // { every: 10, decoding: ["texture_type"], pcs: true, snapshots: false }
 */
export function paperRunConfigs(o: PaperRunOptions): NormalizedRunConfig[] {
  if (!Array.isArray(o?.datasets) || o.datasets.length === 0) throw new InputError("datasets", "a non-empty list of dataset ids", `got ${JSON.stringify(o?.datasets)}`);
  return o.datasets.flatMap((dataset) => {
    const label = typeof dataset === "string" ? fig3Label(dataset as PaperDataset) : undefined;
    return expandGrid({
      datasets: [typeof dataset === "string" ? { id: dataset, source: o.source ?? "auto" } : dataset],
      measures: o.measures,
      seeds: o.seeds,
      optimizer: { lr: PAPER_PROTOCOL.lr, maxIter: o.maxIter ?? PAPER_PROTOCOL.maxIter, stopScore: o.stopScore ?? PAPER_PROTOCOL.stopScore },
      record: { every: o.every ?? 10, decoding: label ? [label] : [], pcs: true },
    });
  });
}

/**
 * The stored results of `configs`: sweeps the ones missing from the store at `store` (in `workers`
 * processes, default 2; a progress bar per finished run; an interrupted sweep resumes on the next call),
 * then reads every run back in the configs' order. Creates the store's folder. Throws when a run failed.
 *
 *   const { runs, summary } = await storedRuns(paperRunConfigs({ … }), { store: "output/runs.duckdb" });
 *   summary.skipped;   // runs that were already stored (a rerun computes nothing)
 */
export async function storedRuns(configs: RunConfig[], o: { store: string; workers?: number; label?: string; arrays?: UserArrays }): Promise<{ runs: RunResult[]; summary: SweepSummary }> {
  if (typeof o?.store !== "string" || !o.store) throw new InputError("store", "the path of a run store file", `got ${JSON.stringify(o?.store)}`);
  mkdirSync(dirname(o.store), { recursive: true });
  let bar: ReturnType<typeof progress> | undefined;
  const summary = await sweep(configs, {
    store: o.store,
    workers: o.workers ?? 2,
    arrays: o.arrays,
    onProgress: (p) => {
      bar ??= progress(p.total - p.skipped, o.label ?? "runs");
      bar.update(p.computed + p.failed, p.last ? `${p.last.dataset} ${p.last.measure} seed ${p.last.seed}: ${p.last.iterations} steps` : "a run failed");
    },
  });
  bar?.done();
  if (summary.failures.length) throw new Error(`${summary.failures.length} run(s) failed, e.g. ${summary.failures[0].message}`);
  const store = await openStore(o.store, { readOnly: true });
  try {
    const runs: RunResult[] = [];
    for (const c of configs) {
      const r = await store.get(runKey(c));
      if (!r) throw new Error(`run ${runKey(c).slice(0, 12)} is not in ${o.store} after the sweep`);
      runs.push(r);
    }
    return { runs, summary };
  } finally {
    await store.close();
  }
}
