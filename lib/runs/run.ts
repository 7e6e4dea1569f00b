/**
 * A run, computed once: served from the store when its key is there, else computed and stored.
 *
 *   const r = await run({ dataset: "toy2d", objective: "cka", optimizer: { seed: 0, maxIter: 200 } });   // computes (~ms–s)
 *   const again = await run({ dataset: "toy2d", objective: "cka", optimizer: { seed: 0, maxIter: 200 } }); // instant, from the store
 */
import { ComputeOptions, computeRun } from "./compute";
import { RunConfig, normalizeConfig } from "./config";
import { runKey } from "./key";
import type { RunResult } from "./result";
import { RunStore, openStore } from "./store";

export interface RunOptions extends ComputeOptions {
  /** An open store, or the path of one (opened and closed here). Default: the default store (defaultStorePath()). */
  store?: RunStore | string;
}

/**
 * Returns the stored result of `config` when its key (runKey) is in the store; otherwise computes it
 * (computeRun), stores it (one transaction) and returns it. A cancelled run (onProgress returned false,
 * or the signal aborted) is returned but not stored.
 *
 *   const store = await openStore("runs.duckdb");
 *   const r = await run({ dataset: "ultrametric", objective: "nbs", optimizer: { seed: 1, stopScore: 0.99 } }, { store });
 *   r.iterations; r.scores;
 */
export async function run(config: RunConfig, o: RunOptions = {}): Promise<RunResult> {
  const c = normalizeConfig(config);
  const key = runKey(c);
  const store = typeof o.store === "object" ? o.store : await openStore(o.store);
  try {
    const stored = await store.get(key);
    if (stored) return stored;
    const result = computeRun(c, o);
    if (result.stopReason !== "cancelled") await store.put(result);
    return result;
  } finally {
    if (store !== o.store) await store.close();
  }
}

// computeRun lives in compute.ts; re-exported here, where the run-store contract names it.
export { computeRun } from "./compute";
