/**
 * Decoding along the optimization (paper §4, Fig. 3): how well a task variable can be decoded from the
 * synthetic Y as its similarity score to the neural data X rises.
 */
import type { Dataset } from "../data/types";
import { InputError } from "../errors";
import type { Objective } from "../optimize/objective";
import { OptimizeOptions, OptimizeResult, OptimizeState, Recorder, optimize } from "../optimize/optimize";
import { DecodeOptions, DecodeResult, chanceLevel, decode, decodingThreshold, thresholdScore } from "./decoding";

/** Settings of `decodingRecorder`: those of `decode`, plus warm starts and a hook for the full result. */
export interface DecodingRecorderOptions extends DecodeOptions {
  /**
   * Start every fit from the same (time step, fold)'s solution at the previous recorded step (same
   * optimum, fewer iterations: Y changes little between recorded steps). Default true; ignored when
   * `warmStart` gives a store.
   */
  warmStarts?: boolean;
  /** Called with the full DecodeResult of every recorded step (capped fits, per-time accuracies, …). */
  onResult?: (result: DecodeResult, state: OptimizeState) => void;
}

/**
 * A recorder for optimize(): the cross-validated decoding accuracy of `labels` from the current Y
 * (decode(Y, shapeY, labels, options).accuracy; same folds seed at every step, so accuracy changes
 * come from Y, not from the CV split), with warm starts from the previous recorded step.
 *
 *   optimize(X, "cka", { recorders: { context: decodingRecorder(ds.labels.context.values) }, recordEvery: 10 });
 */
export function decodingRecorder(labels: number[], options: DecodingRecorderOptions = {}): Recorder {
  const { warmStarts, onResult, ...decodeOptions } = options;
  const warmStart = decodeOptions.warmStart ?? (warmStarts === false ? undefined : new Map());
  return (state) => {
    const result = decode(state.Y, [...state.shapeY], labels, { ...decodeOptions, warmStart });
    onResult?.(result, state);
    return result.accuracy;
  };
}

/** Result of decodingAlong(). */
export interface DecodingAlong {
  run: OptimizeResult<{ accuracy: number }>;
  /** Score and decoding accuracy at every recorded step. */
  scores: number[];
  accuracies: number[];
  /** Accuracy of the same decoder on the neural data X. */
  reference: number;
  chance: number;
  /** chance + 0.9·(reference − chance). */
  threshold: number;
  /** Score at which the accuracy first reaches the threshold (Fig. 3 dot); crossed = false if never. */
  thresholdScore: { score: number; crossed: boolean };
}

/**
 * Fig. 3 for one dataset, measure and task variable: optimize Y against the dataset (paper protocol:
 * stopScore 0.99, maxIter 1000, every step recorded by default) while decoding `label` from every
 * recorded Y, and compare with the decoder's accuracy on the neural data.
 *
 *   const d = decodingAlong(loadDataset("Mante2013"), "procrustes-angular-score", "context", { seed: 1, stopScore: 0.99, recordEvery: 5 });
 *   d.thresholdScore.score   // ≈ 0.46–0.48 in the paper
 */
export function decodingAlong(
  dataset: Dataset,
  measure: string | Objective,
  label: string,
  options: Omit<OptimizeOptions, "recorders"> & { decode?: DecodeOptions } = {},
): DecodingAlong {
  const labels = dataset.labels[label];
  if (!labels) throw new InputError("label", `one of the dataset's labels (${Object.keys(dataset.labels).join(", ")})`, `got "${label}"`);
  const { decode: decodeOptions, ...optimizeOptions } = options;
  const reference = decode(dataset.activity, dataset.shape, labels.values, decodeOptions).accuracy;
  const run = optimize({ data: dataset.activity.data, shape: dataset.shape }, measure, {
    ...optimizeOptions,
    recorders: { accuracy: decodingRecorder(labels.values, decodeOptions) },
  }) as OptimizeResult<{ accuracy: number }>;
  const scores = run.records.map((r) => r.score);
  const accuracies = run.records.map((r) => r.values.accuracy);
  const chance = chanceLevel(labels.values);
  const threshold = decodingThreshold(reference, chance);
  return { run, scores, accuracies, reference, chance, threshold, thresholdScore: thresholdScore(scores, accuracies, threshold) };
}
