/**
 * Decoding along the optimization (paper §4, Fig. 3): how well a task variable can be decoded from the
 * synthetic Y as its similarity score to the neural data X rises.
 */
import type { Dataset } from "../data/types";
import { InputError } from "../errors";
import type { Objective } from "../optimize/objective";
import { OptimizeOptions, OptimizeResult, Recorder, optimize } from "../optimize/optimize";
import { DecodeOptions, chanceLevel, decode, decodingThreshold, thresholdScore } from "./decoding";

/**
 * A recorder for optimize(): the cross-validated decoding accuracy of `labels` from the current Y
 * (decode(Y, shapeY, labels, options).accuracy; same folds seed at every step, so accuracy changes
 * come from Y, not from the CV split).
 *
 *   optimize(X, "cka", { recorders: { context: decodingRecorder(ds.labels.context.values) }, recordEvery: 10 });
 */
export function decodingRecorder(labels: number[], options: DecodeOptions = {}): Recorder {
  return (state) => decode(state.Y, [...state.shapeY], labels, options).accuracy;
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
