/**
 * Computing one run from its config, without any store: load the data, optimize with the configured
 * recorders, and package the result as a RunResult (what the store keeps).
 */
import { hostname } from "os";
import { performance } from "perf_hooks";
import { decode } from "../analysis/decoding";
import { decodingFolds } from "../analysis/decoding-reference";
import { pcR2Recorder } from "../analysis/pcs";
import { InputError } from "../errors";
import { combineMeasures } from "../optimize/objective";
import { OptimizeProgress, Recorder, optimize } from "../optimize/optimize";
import { pca } from "../tensor/linalg/pca";
import { gemmKernelInUse, withSingleThreadKernels } from "../tensor/matrix";
import { RunConfig, datasetLabel, normalizeConfig, objectiveLabel } from "./config";
import { UserArrays, resolveDataset } from "./dataset";
import { NUMBERS_VERSION, runKey } from "./key";
import type { DecodingRow, PcRow, RunResult, Snapshot } from "./result";

export interface ComputeOptions {
  /** User arrays by hash, for configs whose dataset is { array }. */
  arrays?: UserArrays;
  /** Called after every step; return false to cancel (the result then has stopReason "cancelled" and is not stored by run()). */
  onProgress?: (p: OptimizeProgress) => boolean | void;
  signal?: AbortSignal;
}

const DECODING_PREFIX = "decoding:";
const PCS = "pcs";

/**
 * Computes a run (no store involved; sweep workers call this): normalizes the config, loads its
 * dataset, and runs optimize() with Adam and the stop rule of `config.optimizer` and, every
 * `record.every` steps (and at step 0 and the last step), the recorders of `config.record`:
 *
 *   decoding[label] = decode(Y, labels[label]) → accuracy (mean over time of the k-fold CV accuracy,
 *                     k = min(5, smallest class count), folds seed 0 at every step, as decodingRecorder)
 *                     and std (mean over time of the fold accuracies' standard deviation, ddof 0);
 *   pcs             = pcR2Recorder(pca(X)) → R² of every PC of X captured by Y, with its explained-variance ratio;
 *   snapshots       = copies of Y.
 *
 * The native kernels are pinned to one thread for the whole run (withSingleThreadKernels), so the
 * numbers are the same for any DIFFSIM_THREADS, number of workers or shard; `kernel` records which
 * product kernel computed them. The objective of a weighted combination is combineMeasures(ids,
 * weights) with the optimizer seed as the seed of stochastic measures (as optimize() does for one id).
 *
 *   const r = computeRun({ dataset: "toy2d", objective: "cka", optimizer: { seed: 0, maxIter: 100 }, record: { every: 5, pcs: true } });
 *   r.finalScore; r.pcs.filter((p) => p.pc === 0).map((p) => p.r2);
 */
export function computeRun(config: RunConfig, o: ComputeOptions = {}): RunResult {
  const c = normalizeConfig(config);
  const key = runKey(c);
  const dataset = resolveDataset(c.dataset, o.arrays);
  const labels = c.record.decoding === true ? Object.keys(dataset.labels).sort() : c.record.decoding;
  const recorders: Record<string, Recorder> = {};
  labels.forEach((label, i) => {
    const set = dataset.labels[label];
    if (!set) throw new InputError(`record.decoding[${i}]`, `a label of ${datasetLabel(c.dataset)} (${Object.keys(dataset.labels).join(", ") || "it has none"})`, `got "${label}"`);
    const folds = decodingFolds(set.values);
    if (folds < 2) throw new InputError(`record.decoding[${i}]`, "a label with at least 2 conditions in every class (cross-validation)", `"${label}" has a class with ${folds}`);
    recorders[DECODING_PREFIX + label] = (state) => {
      const d = decode(state.Y, [...state.shapeY], set.values, { folds });
      const std = d.std as number[];
      return { accuracy: d.accuracy, std: std.reduce((a, b) => a + b, 0) / std.length };
    };
  });
  const started = performance.now();
  return withSingleThreadKernels(() => {
    const pcsOfX = c.record.pcs ? pca(dataset.activity) : null;
    if (pcsOfX) recorders[PCS] = pcR2Recorder(pcsOfX);
    const { seed, ...adam } = c.optimizer;
    const objective = typeof c.objective === "string" ? c.objective : combineMeasures(c.objective.measures, c.objective.weights, { seed });
    const r = optimize({ data: dataset.activity.data, shape: dataset.shape }, objective, {
      ...adam,
      seed,
      recordEvery: c.record.every,
      snapshots: c.record.snapshots,
      recorders,
      onProgress: o.onProgress,
      signal: o.signal,
    });
    const decoding: DecodingRow[] = [];
    const pcs: PcRow[] = [];
    const snapshots: Snapshot[] = [];
    for (const rec of r.records) {
      for (const label of labels) {
        const v = rec.values[DECODING_PREFIX + label] as { accuracy: number; std: number };
        decoding.push({ step: rec.iteration, label, accuracy: v.accuracy, std: v.std });
      }
      if (pcsOfX) (rec.values[PCS] as number[]).forEach((r2, pc) => pcs.push({ step: rec.iteration, pc, r2, explainedVariance: pcsOfX.explainedVarianceRatio[pc] }));
      if (rec.Y) snapshots.push({ step: rec.iteration, shape: [...r.shapeY], data: rec.Y.data });
    }
    return {
      key,
      config: c,
      dataset: datasetLabel(c.dataset),
      measure: objectiveLabel(c.objective),
      seed,
      iterations: r.iterations,
      initialScore: r.scores[0],
      finalScore: r.scores[r.scores.length - 1],
      stopReason: r.stopReason,
      nonFinite: r.nonFinite.count,
      wallTimeMs: performance.now() - started,
      numbersVersion: NUMBERS_VERSION,
      kernel: gemmKernelInUse(),
      createdAt: new Date().toISOString(),
      host: hostname(),
      scores: r.scores,
      decoding,
      pcs,
      snapshots,
    };
  });
}
