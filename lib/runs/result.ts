/**
 * What a run produces and what the store gives back: plain objects, the same whether the run was just
 * computed or read from the store (apart from the timing columns wallTimeMs, createdAt and host, which
 * describe one computation).
 *
 *   const r = await run(config, { store });
 *   r.finalScore; r.scores.length === r.iterations + 1; r.decoding.filter((d) => d.label === "context");
 */
import type { StopReason } from "../optimize/optimize";
import type { NormalizedRunConfig } from "./config";

/** Decoding accuracy of one label at one recorded step (decode(): mean over time of the CV accuracy; std: mean over time of the fold accuracies' standard deviation, ddof 0). */
export interface DecodingRow {
  step: number;
  label: string;
  accuracy: number;
  std: number;
}

/** R² of PC `pc` (0-based, descending variance) of X captured by Y at one recorded step, with that PC's explained-variance ratio in X. */
export interface PcRow {
  step: number;
  pc: number;
  r2: number;
  explainedVariance: number;
}

/** A copy of Y at one recorded step (in Y's shape, row-major). */
export interface Snapshot {
  step: number;
  shape: number[];
  data: Float64Array;
}

/** One row of the runs table. */
export interface RunSummary {
  key: string;
  /** Dataset id (or the user array's name). */
  dataset: string;
  /** Measure id, or "w1*id1+w2*id2" for a weighted combination. */
  measure: string;
  /** Optimizer seed. */
  seed: number;
  iterations: number;
  initialScore: number;
  finalScore: number;
  stopReason: StopReason;
  /** Steps whose value or gradient was not finite (skipped by the optimizer). */
  nonFinite: number;
  wallTimeMs: number;
  numbersVersion: number;
  /** Product kernel of the computation ("native-openblas", "wasm-simd", "js"). */
  kernel: string;
  /** ISO 8601 time the run was stored or computed. */
  createdAt: string;
  host: string;
}

/** A run with its configuration and recordings. */
export interface RunResult extends RunSummary {
  config: NormalizedRunConfig;
  /** scores[k] = objective at step k, k = 0 … iterations. */
  scores: number[];
  decoding: DecodingRow[];
  pcs: PcRow[];
  snapshots: Snapshot[];
}

/** A filter of stored runs: every given field must match (a list matches any of its values). */
export interface RunQuery {
  key?: string | string[];
  dataset?: string | string[];
  measure?: string | string[];
  seed?: number | number[];
  stopReason?: StopReason | StopReason[];
  /** At most this many runs (in key order). */
  limit?: number;
}
