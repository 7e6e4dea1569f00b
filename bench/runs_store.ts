/**
 * The run store's costs (issue 14): what storing a run with its recordings adds to computing it
 * (ms per put and per get, by number of rows), and the throughput of a local sweep with 2 worker
 * processes against 1 (target ≥ 1.7× on 2 cores; the machines are shared, so the load is reported).
 */
import { mkdtempSync, rmSync } from "fs";
import { loadavg, tmpdir } from "os";
import { join } from "path";
import { RunConfig, RunResult, computeRun, expandGrid, openStore, sweep } from "../lib/runs";
import { median } from "./timing";

export interface StoreOverheadResult {
  /** What was recorded. */
  case: string;
  runs: number;
  /** Rows per run over steps, decoding, pcs and snapshots (+1 runs row). */
  rowsPerRun: number;
  /** Median ms to compute one run (for scale). */
  computeMs: number;
  /** Median ms of store.put (one transaction: runs row, appenders, snapshot files). */
  putMs: number;
  /** Median ms of store.get (every row and snapshot back). */
  getMs: number;
}

export interface SweepSpeedupResult {
  runs: number;
  workers: number;
  seconds: number;
  runsPerSecond: number;
  /** Sum of the runs' own compute times ÷ wall time: how busy the workers kept. */
  computeSecondsPerSecond: number;
  loadavg: number[];
}

const CASES: { name: string; config: Omit<RunConfig, "optimizer">; maxIter: number }[] = [
  { name: "toy2d, scores only", config: { dataset: "toy2d", objective: "cka", record: { every: 10 } }, maxIter: 100 },
  { name: "ultrametric, decoding + pcs every 10", config: { dataset: "ultrametric", objective: "cka", record: { every: 10, decoding: true, pcs: true } }, maxIter: 100 },
  { name: "exp-gaussian, pcs + snapshots every 2 (big)", config: { dataset: "exp-gaussian", objective: "cka", record: { every: 2, pcs: true, snapshots: true } }, maxIter: 200 },
];

/** ms per put and get of real runs (computed first, outside the timing), in a fresh store. */
export async function benchStoreOverhead(quick: boolean): Promise<StoreOverheadResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "diffsim-bench-store-"));
  const store = await openStore(join(dir, "bench.duckdb"));
  const out: StoreOverheadResult[] = [];
  try {
    for (const c of CASES) {
      const runs = quick ? 3 : 8;
      const results: RunResult[] = [];
      const computeMs: number[] = [];
      for (let seed = 0; seed < runs; seed++) {
        const r = computeRun({ ...c.config, optimizer: { seed, maxIter: c.maxIter } });
        results.push(r);
        computeMs.push(r.wallTimeMs);
      }
      const putMs: number[] = [];
      const getMs: number[] = [];
      for (const r of results) {
        const t0 = performance.now();
        await store.put(r);
        putMs.push(performance.now() - t0);
        const t1 = performance.now();
        await store.get(r.key);
        getMs.push(performance.now() - t1);
      }
      const r = results[0];
      out.push({ case: c.name, runs, rowsPerRun: 1 + r.scores.length + r.decoding.length + r.pcs.length + r.snapshots.length, computeMs: median(computeMs), putMs: median(putMs), getMs: median(getMs) });
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** The same grid swept with 1 and then 2 workers into fresh stores (worker start-up included). */
export async function benchSweepSpeedup(quick: boolean): Promise<SweepSpeedupResult[]> {
  const configs = expandGrid({ datasets: ["exp-gaussian"], measures: ["cka", "procrustes-angular-score"], seeds: quick ? [0, 1] : [0, 1, 2, 3, 4, 5, 6, 7], optimizer: { maxIter: quick ? 100 : 300 }, record: { every: 50, pcs: true } });
  const out: SweepSpeedupResult[] = [];
  for (const workers of [1, 2]) {
    const dir = mkdtempSync(join(tmpdir(), "diffsim-bench-sweep-"));
    const store = join(dir, "sweep.duckdb");
    try {
      const t0 = performance.now();
      let computeMs = 0;
      const summary = await sweep(configs, { store, workers, onProgress: (p) => (computeMs += p.last?.wallTimeMs ?? 0) });
      const seconds = (performance.now() - t0) / 1000;
      if (summary.computed !== configs.length) throw new Error(`sweep computed ${summary.computed} of ${configs.length}: ${JSON.stringify(summary.failures)}`);
      out.push({ runs: configs.length, workers, seconds, runsPerSecond: configs.length / seconds, computeSecondsPerSecond: computeMs / 1000 / seconds, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
