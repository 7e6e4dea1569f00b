import { InputError } from "../errors";
import type { Rng } from "../random";
import { numpyRandomState, numpyShuffledRange } from "./regression_numpy_shuffle";

/**
 * Cross-validation splits: the row layouts of the fits a cross-validated measure (regression,
 * Procrustes, PLS, matching) averages over. Rows are samples after flattening, so for a 3-D
 * (T, C, N) input row t·C + c is time t of condition c.
 *
 *   for (const { train, test } of contiguousFolds(n, 5)) fitOn(takeRows(X, train)).scoreOn(takeRows(X, test!));
 */
export interface Split {
  /** Rows the map is fitted on (their means center both arguments). */
  train: Int32Array;
  /** Rows it is evaluated on, disjoint from `train`; null: in-sample (evaluated on the training rows). */
  test: Int32Array | null;
}

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

function complement(n: number, test: Int32Array): Int32Array {
  const inTest = new Uint8Array(n);
  for (const i of test) inTest[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!inTest[i]) out.push(i);
  return Int32Array.from(out);
}

/** Fit and evaluate on all n rows (no cross-validation). */
export function inSample(n: number): Split[] {
  return [{ train: range(0, n), test: null }];
}

/** Sizes of sklearn's KFold folds: ⌊n/k⌋ + 1 for the first n mod k folds, ⌊n/k⌋ for the others. */
function foldBounds(n: number, k: number): number[] {
  const bounds = [0];
  for (let f = 0; f < k; f++) bounds.push(bounds[f] + Math.floor(n / k) + (f < n % k ? 1 : 0));
  return bounds;
}

/**
 * sklearn `KFold(k, shuffle=False)`: fold f tests the contiguous rows [start_f, start_f + size_f)
 * and trains on the others. For 3-D data these are blocks of consecutive time steps (paper §2.4 (a)).
 *
 *   contiguousFolds(1080, 5)[0].test; // rows 0..215
 */
export function contiguousFolds(n: number, k: number): Split[] {
  if (n < k) throw new InputError("X", `at least ${k} samples for ${k}-fold cross-validation`, `got ${n}`);
  const b = foldBounds(n, k);
  return Array.from({ length: k }, (_, f) => {
    const test = range(b[f], b[f + 1]);
    return { train: complement(n, test), test };
  });
}

/**
 * sklearn `KFold(k, shuffle=True, random_state=seed)`: the same fold sizes over the rows permuted by
 * numpy's `RandomState(seed).shuffle` (a fixed layout, reproduced bit for bit).
 *
 *   shuffledFolds(50, 5, 42);
 */
export function shuffledFolds(n: number, k: number, seed: number): Split[] {
  if (n < k) throw new InputError("X", `at least ${k} samples for ${k}-fold cross-validation`, `got ${n}`);
  const order = numpyShuffledRange(n, seed);
  const b = foldBounds(n, k);
  return Array.from({ length: k }, (_, f) => {
    const test = order.slice(b[f], b[f + 1]).sort();
    return { train: complement(n, test), test };
  });
}

/**
 * sklearn `StratifiedShuffleSplit(splits, train_size, random_state=seed)` with a single class (Brain-Score's
 * default cross-validation, whose stratification coordinate is constant here): ⌊train_size·n⌋ training rows
 * and the rest for testing, each split drawn from one continuing `RandomState(seed)` stream as sklearn
 * does (a permutation of all rows, then a shuffle of the training and of the test indices).
 *
 *   stratifiedShuffleSplits(50, 10, 0.9, 1); // 10 splits of 45 / 5 rows
 */
export function stratifiedShuffleSplits(n: number, splits: number, trainSize: number, seed: number): Split[] {
  const nTrain = Math.floor(trainSize * n);
  if (nTrain < 1 || nTrain >= n) throw new InputError("X", `enough samples for a ${trainSize} train / test split`, `got ${n}`);
  const rs = numpyRandomState(seed);
  return Array.from({ length: splits }, () => {
    const perm = rs.permutation(n);
    const train = rs.shuffle(perm.slice(0, nTrain));
    const test = rs.shuffle(perm.slice(nTrain));
    return { train: train.sort(), test: test.sort() };
  });
}

/**
 * Condition splits (diffscore `linreg-cv`): `repeats` times, draw a random permutation of the
 * condition axis (axis 1 of a (T, C, N) input; the rows of a 2-D input), fit on the first
 * ⌊fitRatio·C⌋ conditions at every time step and test on the rest.
 *
 *   conditionSplits([15, 72, 727], 5, 0.8, rng); // 5 splits, 57 fit / 15 test conditions
 */
export function conditionSplits(shape: readonly number[], repeats: number, fitRatio: number, rng: Rng): Split[] {
  const [T, C] = shape.length === 3 ? [shape[0], shape[1]] : [1, shape[0]];
  const nFit = Math.floor(fitRatio * C);
  if (nFit < 1 || nFit >= C)
    throw new InputError("X", `enough conditions for a ${fitRatio} fit / test split (at least ${Math.ceil(1 / fitRatio)} and one left to test)`, `got ${C} conditions`);
  return Array.from({ length: repeats }, () => {
    const perm = rng.permutation(C);
    const rowsOf = (conds: number[]) => {
      const rows: number[] = [];
      for (let t = 0; t < T; t++) for (const c of conds) rows.push(t * C + c);
      return Int32Array.from(rows).sort();
    };
    return { train: rowsOf(perm.slice(0, nFit)), test: rowsOf(perm.slice(nFit)) };
  });
}
