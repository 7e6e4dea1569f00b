import { InputError, received } from "../errors";
import { Rng } from "../random";
import { Matrix, takeRows } from "../tensor/matrix";
import { principalAxes } from "../tensor/linalg/pca";
import { LogisticBasis, LogisticCoefficients, fitLogistic, predictLogistic } from "./logistic";

/**
 * Fitted coefficients of every (time step, fold) of a decode, keyed "t/f": `decode` starts each fit
 * from the stored one (warm start) and stores its result. Reuse one store across decodes of slowly
 * changing data with the same labels and folds (as `decodingRecorder` does along an optimization).
 */
export type DecodeWarmStart = Map<string, LogisticCoefficients>;

/** Settings of `decode`. */
export interface DecodeOptions {
  /** Seed of the shuffled stratified folds (fresh folds are drawn for every time step). Default 0. */
  seed?: number;
  /** Number of stratified folds k. Default 5. */
  folds?: number;
  /** Inverse L2 regularization strength of the logistic regression. Default 1 (scikit-learn's default). */
  C?: number;
  /**
   * Explicit test-fold index (0 … k−1) of every condition, the same for all time steps or per time
   * step; replaces the seeded folds (k = largest index + 1).
   */
  foldsOf?: number[] | ((t: number) => number[]);
  /**
   * L-BFGS iteration cap of each fit (scikit-learn's `max_iter`). Default 200, the paper's
   * `LogisticRegression(max_iter=200)`; fits that stop there are counted in `capped`.
   */
  maxIter?: number;
  /** Stopping tolerance of each fit, scikit-learn's `tol` (see `fitLogistic`). Default 1e-4, scikit-learn's. */
  tol?: number;
  /** Warm-start store, read and updated (see DecodeWarmStart). Default none: every fit starts at zero. */
  warmStart?: DecodeWarmStart;
}

/** Cross-validated decoding accuracy. */
export interface DecodeResult {
  /** Mean over time steps of `perTime`. */
  accuracy: number;
  /** Per time step: mean over the k folds of the test-fold accuracy. */
  perTime: number[];
  /** Per time step: standard deviation (ddof 0) of the k fold accuracies. */
  std?: number[];
  /** Logistic-regression fits made (time steps × folds). */
  fits: number;
  /** Fits that stopped at `maxIter` before meeting the tolerance (scikit-learn would warn: ConvergenceWarning). */
  capped: number;
  /** Per time step: fits that stopped at `maxIter`. */
  cappedPerTime: number[];
  /** L-BFGS iterations of all fits together (a measure of the work done). */
  iterations: number;
  /** Out-of-fold predicted label of every condition, per time step (T × C). */
  predictions: number[][];
}

/**
 * The paper's decoder (diffscore `decoder_logistic`): at every time step t, the C conditions are the
 * samples and the N neurons the features; an L2 logistic regression (C = 1, scikit-learn defaults,
 * no feature standardization, at most `maxIter` = 200 iterations, see `fitLogistic`) is trained on
 * k − 1 stratified folds and scored on the held-out one, for each of the k folds:
 *
 *   perTime[t] = (1/k)·Σ_f accuracy(test fold f at time t),   accuracy = (1/T)·Σ_t perTime[t]
 *
 * `activity` is the flattened (T·C, N) matrix (row t·C + c) with `shape` [T, C, N]; 2-D data
 * (`shape` [n, N]) is one time step. `labels` holds one class value per condition. With a
 * `warmStart` store, each fit starts from the previous decode's solution for the same (t, fold):
 * the optimum is unchanged, only fewer iterations are needed when the data changed little.
 *
 *   const { accuracy, perTime, capped } = decode(ds.activity, ds.shape, ds.labels.context.values, { seed: 1 });
 *   const store: DecodeWarmStart = new Map();
 *   decode(Y1, shape, labels, { warmStart: store }); decode(Y2, shape, labels, { warmStart: store }); // 2nd is faster
 */
export function decode(activity: Matrix, shape: number[], labels: number[], options: DecodeOptions = {}): DecodeResult {
  const [T, C, N] = shape.length === 2 ? [1, shape[0], shape[1]] : shape;
  if ((shape.length !== 2 && shape.length !== 3) || shape.some((s) => !(Number.isInteger(s) && s > 0)))
    throw new InputError("shape", "[T, C, N] or [n, N] with positive integer sizes", `got [${shape}]`);
  if (!(activity instanceof Matrix)) throw new InputError("activity", "a Matrix (e.g. dataset.activity)", `got ${typeof activity}`);
  if (activity.rows !== T * C || activity.cols !== N)
    throw new InputError("activity", `a (T·C, N) = (${T * C}, ${N}) matrix for shape [${shape}]`, `got ${activity.rows}×${activity.cols}`);
  if (!Array.isArray(labels) || labels.length !== C)
    throw new InputError("labels", `one label per condition (${C})`, `got ${Array.isArray(labels) ? labels.length : typeof labels}`);
  if (labels.some((v) => typeof v !== "number" || !Number.isFinite(v))) throw new InputError("labels", "finite numbers", "got a non-finite label");
  if (options.warmStart !== undefined && !(options.warmStart instanceof Map)) throw new InputError("warmStart", "a Map (DecodeWarmStart)", `got ${typeof options.warmStart}`);
  const explicit = options.foldsOf;
  const k = explicit === undefined ? options.folds ?? 5 : undefined;
  if (k !== undefined) checkFoldCount(k, labels);
  const fit: FitSettings = { C: options.C ?? 1, maxIter: options.maxIter ?? 200, tol: options.tol, warmStart: options.warmStart };
  const rng = new Rng(options.seed ?? 0);
  const perTime: number[] = [];
  const std: number[] = [];
  const cappedPerTime: number[] = [];
  const predictions: number[][] = [];
  let fits = 0;
  let iterations = 0;
  for (let t = 0; t < T; t++) {
    const foldOf = explicit === undefined ? stratifiedFolds(labels, k as number, rng) : checkFoldsOf(typeof explicit === "function" ? explicit(t) : explicit, labels);
    const block = new Matrix(C, N, activity.data.subarray(t * C * N, (t + 1) * C * N));
    const predicted = new Array<number>(C);
    const folds = foldResults(block, labels, foldOf, fit, t, predicted);
    predictions.push(predicted);
    const accuracies = folds.map((f) => f.accuracy);
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    perTime.push(mean);
    std.push(Math.sqrt(accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / accuracies.length));
    cappedPerTime.push(folds.filter((f) => f.capped).length);
    fits += folds.length;
    iterations += folds.reduce((a, f) => a + f.iterations, 0);
  }
  const capped = cappedPerTime.reduce((a, b) => a + b, 0);
  return { accuracy: perTime.reduce((a, b) => a + b, 0) / T, perTime, std, fits, capped, cappedPerTime, iterations, predictions };
}

interface FitSettings {
  C: number;
  maxIter: number;
  tol: number | undefined;
  warmStart: DecodeWarmStart | undefined;
}

/**
 * Per fold: fit on the other folds (from the stored warm start, if any), predict the held-out samples
 * (into `predictions`). The rows are copied once, by fold, in the cyclic order 0 … k−1, 0 … k−3, so that
 * every training set (folds f+1 … f+k−1 mod k) and every test fold is a contiguous block of that copy (a
 * view, not a copy per fold); the fits share one principal basis of X (see LogisticBasis).
 */
function foldResults(X: Matrix, labels: number[], foldOf: number[], fit: FitSettings, t: number, predictions: number[]): { accuracy: number; capped: boolean; iterations: number }[] {
  const k = Math.max(...foldOf) + 1;
  const members = Array.from({ length: k }, (): number[] => []);
  foldOf.forEach((f, i) => members[f].push(i));
  const cyclic = [...members, ...members.slice(0, k - 2)].flat();
  const stacked = takeRows(X, cyclic);
  const start = members.map((_, f) => members.slice(0, f).reduce((a, m) => a + m.length, 0)); // of fold f in the first copy
  const rowsOf = (from: number, count: number) => new Matrix(count, X.cols, stacked.data.subarray(from * X.cols, (from + count) * X.cols));
  const { means, axes, sumsOfSquares } = principalAxes(X); // one eigendecomposition for the k fits
  const basis: LogisticBasis = { means, axes, sumsOfSquares, rows: X.rows };
  const out: { accuracy: number; capped: boolean; iterations: number }[] = [];
  for (let f = 0; f < k; f++) {
    const test = members[f];
    const from = f === k - 1 ? 0 : start[f + 1];
    const count = X.rows - test.length;
    const key = `${t}/${f}`;
    const trainLabels = cyclic.slice(from, from + count).map((i) => labels[i]);
    const model = fitLogistic(rowsOf(from, count), trainLabels, { C: fit.C, maxIter: fit.maxIter, tol: fit.tol, initial: fit.warmStart?.get(key), basis });
    fit.warmStart?.set(key, { coef: model.coef, intercept: model.intercept });
    const predicted = predictLogistic(model, rowsOf(start[f], test.length));
    predicted.forEach((p, j) => (predictions[test[j]] = p));
    out.push({ accuracy: predicted.filter((p, j) => p === labels[test[j]]).length / test.length, capped: model.capped, iterations: model.iterations });
  }
  return out;
}

/**
 * Test-fold index of every sample for k-fold cross-validation stratified by `labels`, with
 * scikit-learn's `StratifiedKFold(shuffle=True)` allocation: classes are taken in order of first
 * appearance; the sorted class codes are dealt round-robin to the folds to fix how many members of
 * each class every fold gets (fold sizes ⌊n/k⌋ or ⌈n/k⌉, class counts within one of each other);
 * then, per class, that list of fold indices is shuffled and assigned to the class's samples in order.
 * (The shuffle uses this library's Rng, so the folds are the same in distribution as scikit-learn's,
 * not draw for draw.)
 *
 *   stratifiedFolds([0, 0, 1, 1, 0, 1], 2, new Rng(0)); // e.g. [1, 0, 0, 1, 0, 1]
 */
export function stratifiedFolds(labels: number[], k: number, rng: Rng): number[] {
  checkFoldCount(k, labels);
  const order = [...new Set(labels)];
  const code = labels.map((v) => order.indexOf(v));
  const sorted = code.slice().sort((a, b) => a - b);
  const foldsOfClass: number[][] = order.map(() => []);
  for (let f = 0; f < k; f++) for (let i = f; i < sorted.length; i += k) foldsOfClass[sorted[i]].push(f);
  const shuffled = foldsOfClass.map((list) => rng.permutation(list.length).map((i) => list[i]));
  const next = order.map(() => 0);
  return code.map((c) => shuffled[c][next[c]++]);
}

function checkFoldCount(k: number, labels: number[]): void {
  if (!(Number.isInteger(k) && k >= 2)) throw new InputError("folds", "an integer ≥ 2", `got ${received(k)}`);
  const counts = new Map<number, number>();
  for (const v of labels) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size < 2) throw new InputError("labels", "at least two classes", `got only ${labels[0]}`);
  for (const [v, c] of counts)
    if (c < k) throw new InputError("labels", `at least ${k} samples of every class (one per fold)`, `class ${v} has ${c}`);
}

function checkFoldsOf(foldOf: number[], labels: number[]): number[] {
  if (!Array.isArray(foldOf) || foldOf.length !== labels.length)
    throw new InputError("foldsOf", `one fold index per condition (${labels.length})`, `got ${Array.isArray(foldOf) ? foldOf.length : typeof foldOf}`);
  const k = Math.max(...foldOf) + 1;
  if (foldOf.some((f) => !(Number.isInteger(f) && f >= 0)) || k < 2) throw new InputError("foldsOf", "integer fold indices 0 … k−1 with k ≥ 2", `got [${foldOf.slice(0, 8)}…]`);
  for (let f = 0; f < k; f++) {
    if (!foldOf.includes(f)) throw new InputError("foldsOf", `every fold 0 … ${k - 1} non-empty`, `fold ${f} is empty`);
    if (new Set(labels.filter((_, i) => foldOf[i] !== f)).size < 2)
      throw new InputError("foldsOf", "training sets with at least two classes", `the training set of fold ${f} has one class`);
  }
  return foldOf;
}

/** How chance accuracy is defined: "uniform" = 1/K, "majority" = share of the most frequent class. */
export type ChanceRule = "uniform" | "majority";

/**
 * Chance accuracy of a decoder of `labels`:
 *
 *   "uniform" (default): 1/K for K distinct classes — the paper's plot script hard-codes 1/8 for the
 *                        two 8-class datasets and ½ for every other one, the same for the paper's data;
 *   "majority":          max_k n_k / n — what always answering the most frequent class scores, the
 *                        better baseline for unbalanced labels (Siegel's context is split 16/27, so a
 *                        random Y already decodes it at ≈ 0.6, above the uniform ½).
 *
 *   chanceLevel([1, 2, 1, 2]);                  // 0.5
 *   chanceLevel([0, 0, 0, 1], "majority");      // 0.75
 */
export function chanceLevel(labels: number[], rule: ChanceRule = "uniform"): number {
  if (!Array.isArray(labels) || labels.length === 0) throw new InputError("labels", "a non-empty label list", `got ${Array.isArray(labels) ? "[]" : typeof labels}`);
  const counts = new Map<number, number>();
  for (const v of labels) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (rule === "uniform") return 1 / counts.size;
  if (rule === "majority") return Math.max(...counts.values()) / labels.length;
  throw new InputError("rule", '"uniform" or "majority"', `got ${JSON.stringify(rule)}`);
}

/**
 * The Fig. 3 threshold: chance + 0.9·(reference − chance), the accuracy at which a model counts as
 * decoding the task variable like the neural data.
 *
 *   decodingThreshold(0.886, 0.5); // 0.8474
 */
export function decodingThreshold(reference: number, chance: number, fraction = 0.9): number {
  return chance + fraction * (reference - chance);
}

/** Which crossing of the threshold counts: the first one, or the first one after which the curve stays at or above it. */
export type CrossingRule = "first" | "sustained";

/** Where an accuracy-vs-score curve crosses a threshold (a Fig. 3 dot), or that it does not. */
export interface ThresholdCrossing {
  /** Whether the curve reaches the threshold under the rule. */
  crossed: boolean;
  /** Score at the crossing (linear interpolation); NaN when not crossed, so it cannot pass for a dot. */
  score: number;
  /** Index of the first point at or above the threshold that counts; −1 when not crossed. */
  index: number;
  /**
   * Where np.interp(threshold, accuracies, scores) would clamp when the curve never reaches the
   * threshold (the last score, as the paper's plot script reports it); equals `score` when crossed.
   */
  clampedScore: number;
}

/**
 * Score at which an accuracy-vs-score curve reaches `threshold` (the Fig. 3 dots), by a deterministic
 * rule replacing the paper's np.interp on non-monotone curves:
 *
 *   "first" (default): the first index k with accuracies[k] ≥ threshold;
 *   "sustained":       the first k with accuracies[j] ≥ threshold for every j ≥ k (a curve that crosses
 *                      briefly and ends below the threshold, like Hatsopoulos' ridge and linear
 *                      regression, does not count as crossed);
 *
 * the score is interpolated linearly between points k − 1 and k (scores[0] when k = 0). When no k
 * qualifies, `crossed` is false, `score` NaN and `clampedScore` the last score.
 *
 *   thresholdScore([0.1, 0.5, 0.9], [0.5, 0.6, 0.9], 0.75);                        // { crossed: true, score: 0.7, index: 2, … }
 *   thresholdScore([0, 0.5, 1], [0.5, 0.8, 0.6], 0.75, { rule: "sustained" }).crossed; // false
 */
export function thresholdScore(scores: number[], accuracies: number[], threshold: number, options: { rule?: CrossingRule } = {}): ThresholdCrossing {
  if (!Array.isArray(scores) || !Array.isArray(accuracies) || scores.length !== accuracies.length || scores.length === 0)
    throw new InputError("accuracies", `a non-empty list as long as scores (${Array.isArray(scores) ? scores.length : typeof scores})`, `got ${Array.isArray(accuracies) ? accuracies.length : typeof accuracies}`);
  const rule = options.rule ?? "first";
  if (rule !== "first" && rule !== "sustained") throw new InputError("rule", '"first" or "sustained"', `got ${JSON.stringify(rule)}`);
  let k = accuracies.findIndex((a) => a >= threshold);
  if (rule === "sustained") {
    k = accuracies.length;
    while (k > 0 && accuracies[k - 1] >= threshold) k--;
    if (k === accuracies.length) k = -1;
  }
  const last = scores[scores.length - 1];
  if (k < 0) return { crossed: false, score: NaN, index: -1, clampedScore: last };
  if (k === 0) return { crossed: true, score: scores[0], index: 0, clampedScore: scores[0] };
  const w = (threshold - accuracies[k - 1]) / (accuracies[k] - accuracies[k - 1]);
  const score = scores[k - 1] + w * (scores[k] - scores[k - 1]);
  return { crossed: true, score, index: k, clampedScore: score };
}
