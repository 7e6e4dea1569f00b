/**
 * Decoding along the optimization (paper §4, Fig. 3): how well a task variable can be decoded from the
 * synthetic Y as its similarity score to the neural data X rises.
 */
import type { Dataset } from "../data/types";
import { InputError } from "../errors";
import type { Objective } from "../optimize/objective";
import { OptimizeOptions, OptimizeResult, OptimizeState, Recorder, optimize } from "../optimize/optimize";
import { isDataset } from "../data/toys";
import { ChanceRule, CrossingRule, DecodeOptions, DecodeResult, ThresholdCrossing, chanceLevel, decode, decodingThreshold, thresholdScore } from "./decoding";

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
 * come from Y, not from the CV split), with warm starts from the previous recorded step (the same
 * optimum up to the solver tolerance: at the default tol, scikit-learn's, a few near-tie predictions
 * can differ from a cold start's, as between any two points that meet the tolerance).
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

/** Settings of `decodingAlong`: those of `optimize`, plus the decoder's, the chance and crossing rules and extra recorders. */
export interface DecodingAlongOptions extends OptimizeOptions {
  /** Decoder settings for the neural reference and every recorded Y (warm starts along the run by default, see decodingRecorder). */
  decode?: DecodingRecorderOptions;
  /** Chance level used for the threshold: "uniform" 1/K (default, the paper's) or "majority" (see chanceLevel). */
  chance?: ChanceRule;
  /** Which crossing is the Fig. 3 dot: "first" (default) or "sustained" (see thresholdScore). */
  crossing?: CrossingRule;
}

/** Result of decodingAlong(). */
export interface DecodingAlong {
  /** The optimization run: `run.scores` has the score of every step; `run.records` the recorded ones. */
  run: OptimizeResult<Record<string, unknown> & { accuracy: number }>;
  /** The recorded steps (optimizer iterations): steps[i] is the step of scores[i] and accuracies[i]. */
  steps: number[];
  /** Score at each recorded step (not every step: see `steps`, and `run.scores` for all of them). */
  scores: number[];
  /** Decoding accuracy at each recorded step. */
  accuracies: number[];
  /** Logistic-regression fits that stopped at the decoder's maxIter, at each recorded step. */
  capped: number[];
  /** Accuracy of the same decoder on the neural data X. */
  reference: number;
  /** Chance level under `chanceRule`. */
  chance: number;
  chanceRule: ChanceRule;
  /** chance + 0.9·(reference − chance). */
  threshold: number;
  /** Where the accuracy reaches the threshold under `crossing` (the Fig. 3 dot): crossed = false and score NaN if never. */
  thresholdScore: ThresholdCrossing;
}

/**
 * Fig. 3 for one dataset, measure and task variable: optimize Y against the dataset (paper protocol:
 * stopScore 0.99, maxIter 1000, every step recorded by default; `recordEvery` k or `recordEveryScore`
 * Δ thin the records) while decoding `label` from every recorded Y, and compare with the decoder's
 * accuracy on the neural data. Extra `recorders` (e.g. per-PC R²) run on the same steps.
 *
 *   const d = decodingAlong(loadDataset("Mante2013"), "procrustes-angular-score", "context", { seed: 1, stopScore: 0.99, recordEveryScore: 0.01 });
 *   d.thresholdScore.score   // ≈ 0.46–0.48 in the paper (NaN when never crossed)
 *   decodingAlong(ds, "cka", "context", { chance: "majority", crossing: "sustained", recorders: { r2: pcR2Recorder(ds) } });
 */
export function decodingAlong(dataset: Dataset, measure: string | Objective, label: string, options: DecodingAlongOptions = {}): DecodingAlong {
  if (!isDataset(dataset)) throw new InputError("dataset", "a loaded Dataset (loadDataset(id), with labels)", `got ${typeof dataset}`);
  const labels = dataset.labels[label];
  if (!labels) throw new InputError("label", `one of the dataset's labels (${Object.keys(dataset.labels).join(", ")})`, `got "${label}"`);
  const { decode: decodeOptions = {}, chance: chanceRule = "uniform", crossing = "first", recorders = {}, ...optimizeOptions } = options;
  if ("accuracy" in recorders) throw new InputError("recorders", 'names other than "accuracy" (decodingAlong records it)', 'got a recorder named "accuracy"');
  const { warmStarts: _warmStarts, onResult, ...referenceOptions } = decodeOptions;
  const reference = decode(dataset.activity, dataset.shape, labels.values, { ...referenceOptions, warmStart: undefined }).accuracy;
  const capped = new Map<number, number>();
  const recorder = decodingRecorder(labels.values, {
    ...decodeOptions,
    onResult: (result, state) => {
      capped.set(state.iteration, result.capped);
      onResult?.(result, state);
    },
  });
  const run = optimize(dataset, measure, { ...optimizeOptions, recorders: { ...recorders, accuracy: recorder } }) as DecodingAlong["run"];
  const steps = run.records.map((r) => r.iteration);
  const scores = run.records.map((r) => r.score);
  const accuracies = run.records.map((r) => r.values.accuracy);
  const chance = chanceLevel(labels.values, chanceRule);
  const threshold = decodingThreshold(reference, chance);
  return {
    run,
    steps,
    scores,
    accuracies,
    capped: steps.map((k) => capped.get(k) ?? 0),
    reference,
    chance,
    chanceRule,
    threshold,
    thresholdScore: thresholdScore(scores, accuracies, threshold, { rule: crossing }),
  };
}
