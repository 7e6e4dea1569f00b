import { Matrix, matmulTN, takeRows } from "../tensor/matrix";
import { linearAssignment } from "../tensor/linalg/assignment";
import { thinSvd } from "../tensor/linalg/svd";
import { standardizedColumns } from "./elementary";
import { addMeasure } from "./registry";
import { shuffledFolds } from "./splits";
import { INVARIANCE, Invariances, MeasureDefinition } from "./types";

/**
 * Neuron-matching measures: each unit (column) of one representation is paired with units of the
 * other, and the quality of the pairing is the score. With C_ij = corr(x_i, y_j) the p×q matrix of
 * Pearson correlations between the columns of X and Y:
 *
 *   hard_correlation_match   mean of C over the best one-to-one pairing (linear assignment, min(p, q) pairs)
 *   soft_correlation_match   (mean_i max_j C_ij + mean_j max_i C_ij)/2
 *   pairwisematching         5 shuffled folds: each Y unit takes the X unit it correlates best with on the
 *                            training rows; score = mean over folds of mean_j corr(y_j, x_m(j)) on the test rows
 *   max_match                the largest ε-approximate match of the column spans (Wang et al. 2018), as the
 *                            fraction (|S_X| + |S_Y|)/(p + q) of units in it
 *
 * All are value-only (assignments, maxima and subsets are discrete).
 *
 *   score("hard_correlation_match", X, Y)
 */

/** p×q Pearson correlations between the columns of X and those of Y (0 for a constant column). */
function crossCorrelations(X: Matrix, Y: Matrix): Matrix {
  return matmulTN(standardizedColumns(X).Z, standardizedColumns(Y).Z);
}

/**
 * Mean correlation over the one-to-one pairing of units that maximizes the total correlation
 * (scipy `linear_sum_assignment(C, maximize=True)` on the rectangular C: min(p, q) pairs).
 *
 *   hardCorrelationMatch(X, Y); // 1 when Y is a permutation of X's columns
 */
export function hardCorrelationMatch(X: Matrix, Y: Matrix): number {
  const C = crossCorrelations(X, Y);
  const { rows: p, cols: q } = C;
  const m = Math.max(p, q);
  const cost = new Matrix(m, m); // padded rows/columns cost 0 and absorb the unmatched units
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) cost.data[i * m + j] = -C.data[i * q + j];
  const perm = linearAssignment(cost);
  let total = 0;
  for (let i = 0; i < p; i++) if (perm[i] < q) total += C.data[i * q + perm[i]];
  return total / Math.min(p, q);
}

/**
 * Symmetrized best-match correlation: every unit of X takes its best-correlated unit of Y and vice versa,
 * (mean_i max_j C_ij + mean_j max_i C_ij)/2.
 *
 *   softCorrelationMatch(X, Y);
 */
export function softCorrelationMatch(X: Matrix, Y: Matrix): number {
  const C = crossCorrelations(X, Y);
  const { rows: p, cols: q } = C;
  const rowMax = new Float64Array(p).fill(-Infinity);
  const colMax = new Float64Array(q).fill(-Infinity);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < q; j++) {
      const c = C.data[i * q + j];
      if (c > rowMax[i]) rowMax[i] = c;
      if (c > colMax[j]) colMax[j] = c;
    }
  const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
  return (mean(rowMax) + mean(colMax)) / 2;
}

/** Pearson correlation of column a of A with column b of B, NaN when either is constant. */
function columnCorrelation(A: Matrix, a: number, B: Matrix, b: number): number {
  const n = A.rows;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += A.data[i * A.cols + a] / n;
    mb += B.data[i * B.cols + b] / n;
  }
  let aa = 0;
  let bb = 0;
  let ab = 0;
  for (let i = 0; i < n; i++) {
    const u = A.data[i * A.cols + a] - ma;
    const v = B.data[i * B.cols + b] - mb;
    aa += u * u;
    bb += v * v;
    ab += u * v;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : NaN;
}

/**
 * NeuroAIMetrics' pairwise matching: on each of sklearn's `KFold(5, shuffle=True, random_state=42)` folds,
 * every unit y_j of Y is matched to m(j) = argmax_i corr(x_i, y_j) over the training rows (first
 * maximum; constant columns correlate 0), and the fold scores nanmean_j corr(y_j, x_m(j)) over the test
 * rows (units constant on the test rows are skipped). The value is the mean over folds.
 *
 *   pairwiseMatching(X, Y);
 */
export function pairwiseMatching(X: Matrix, Y: Matrix): number {
  let total = 0;
  const folds = shuffledFolds(X.rows, 5, 42);
  for (const { train, test } of folds) {
    const C = crossCorrelations(takeRows(X, train), takeRows(Y, train));
    const Xt = takeRows(X, test as Int32Array);
    const Yt = takeRows(Y, test as Int32Array);
    let sum = 0;
    let count = 0;
    for (let j = 0; j < Y.cols; j++) {
      let best = 0;
      for (let i = 1; i < X.cols; i++) if (C.data[i * Y.cols + j] > C.data[best * Y.cols + j]) best = i;
      const r = columnCorrelation(Yt, j, Xt, best);
      if (Number.isFinite(r)) {
        sum += r;
        count++;
      }
    }
    total += count ? sum / count : NaN;
  }
  return total / folds.length;
}

/** Norms below this count as zero vectors (the reference's _ZERO). */
const ZERO_NORM = 1e-16;

/** Columns `idx` of A, each as a vector over the rows, with its relative distance to span(B's columns `basisIdx`). */
function relativeDistancesToSpan(A: Matrix, idx: number[], B: Matrix, basisIdx: number[]): Float64Array {
  const n = A.rows;
  const sub = new Matrix(n, basisIdx.length);
  for (let i = 0; i < n; i++) basisIdx.forEach((c, k) => (sub.data[i * basisIdx.length + k] = B.data[i * B.cols + c]));
  const U = thinSvd(sub).U; // orthonormal basis of the span
  const r = U.cols;
  return Float64Array.from(idx, (c) => {
    const coef = new Float64Array(r);
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      const v = A.data[i * A.cols + c];
      norm2 += v * v;
      for (let k = 0; k < r; k++) coef[k] += U.data[i * r + k] * v;
    }
    let res2 = 0;
    for (let i = 0; i < n; i++) {
      let proj = 0;
      for (let k = 0; k < r; k++) proj += U.data[i * r + k] * coef[k];
      res2 += (A.data[i * A.cols + c] - proj) ** 2;
    }
    return Math.sqrt(res2 / norm2);
  });
}

/** Indices of the columns of A whose norm exceeds ZERO_NORM. */
function nonZeroColumns(A: Matrix): number[] {
  const out: number[] = [];
  for (let c = 0; c < A.cols; c++) {
    let s = 0;
    for (let i = 0; i < A.rows; i++) s += A.data[i * A.cols + c] ** 2;
    if (Math.sqrt(s) > ZERO_NORM) out.push(c);
  }
  return out;
}

/**
 * Maximum-match score (Wang et al. 2018, subspace-match `maximum_match_score`): starting from all
 * non-zero units, alternately drop the units of X farther than ε (relative distance ‖x − P x‖/‖x‖) from
 * the span of the remaining units of Y, and vice versa, until nothing changes; the score is
 * (|S_X| + |S_Y|)/(p + q). Raw columns (no centering).
 *
 *   maxMatch(X, Y, 0.25);
 */
export function maxMatch(X: Matrix, Y: Matrix, epsilon: number): number {
  let sx = nonZeroColumns(X);
  let sy = nonZeroColumns(Y);
  let changed = sx.length > 0 && sy.length > 0;
  if (!changed) return 0;
  while (changed) {
    changed = false;
    const dx = relativeDistancesToSpan(X, sx, Y, sy);
    const keepX = sx.filter((_, k) => dx[k] <= epsilon);
    changed ||= keepX.length < sx.length;
    sx = keepX;
    if (sx.length === 0) {
      sy = [];
      break;
    }
    const dy = relativeDistancesToSpan(Y, sy, X, sx);
    const keepY = sy.filter((_, k) => dy[k] <= epsilon);
    changed ||= keepY.length < sy.length;
    sy = keepY;
    if (sy.length === 0) {
      sx = [];
      break;
    }
  }
  return (sx.length + sy.length) / (X.cols + Y.cols);
}

const PER_UNIT: Invariances = { ...INVARIANCE.none, permutation: true, isotropicScale: true, translation: true };

function matchingDefinition(id: string, formula: string, range: [number, number], run: (X: Matrix, Y: Matrix) => number, extra: Partial<MeasureDefinition>): MeasureDefinition {
  return {
    id,
    family: "matching",
    formula,
    range,
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances: PER_UNIT,
    differentiable: false,
    stochastic: false,
    minSamples: 3,
    aliases: [],
    prepare: (X) => ({ value: (Y) => run(X, Y) }),
    ...extra,
  };
}

/** Registers hard_correlation_match, soft_correlation_match, pairwisematching and max_match. */
export function registerMatching(): void {
  addMeasure(
    matchingDefinition("hard_correlation_match", "mean of corr(x_i, y_π(i)) over the optimal one-to-one pairing π", [-1, 1], hardCorrelationMatch, {
      notes:
        "ReSi's HardCorrelationMatch (Li et al. 2015): Pearson correlations of the columns, linear assignment maximizing the total correlation, mean over the min(p, q) pairs. Value only.",
    }),
  );
  addMeasure(
    matchingDefinition("soft_correlation_match", "(mean_i max_j corr(x_i, y_j) + mean_j max_i corr(x_i, y_j))/2", [-1, 1], softCorrelationMatch, {
      notes:
        "ReSi's SoftCorrelationMatch (every unit takes its best match on the other side, both directions averaged). NeuroAIMetrics' SoftMatching (an optimal-transport plan in float32) gives other values; the two tie in the golden file and ReSi's is used. Value only.",
    }),
  );
  addMeasure(
    matchingDefinition("pairwisematching", "mean over 5 shuffled folds of nanmean_j corr_test(y_j, x_m(j)), m(j) = argmax_i corr_train(x_i, y_j)", [-1, 1], pairwiseMatching, {
      symmetric: false,
      minSamples: 10,
      notes:
        "NeuroAIMetrics' pairwisematching: folds of sklearn KFold(5, shuffle=True, random_state=42) reproduced exactly; each unit of Y (second argument) is matched to its best-correlated unit of X on the training rows and the matches are scored on the test rows. The reference computes in float32; here float64 (differences ≈1e-7). Value only.",
    }),
  );
  addMeasure(
    matchingDefinition("max_match", "(|S_X| + |S_Y|)/(p + q) for the maximal ε-match (S_X, S_Y), ε = 0.25", [0, 1], (X, Y) => maxMatch(X, Y, 0.25), {
      invariances: { ...INVARIANCE.none, permutation: true, isotropicScale: true },
      minSamples: 1,
      notes:
        "subspace-match's maximum match score (Wang et al. 2018) with ε = 0.25 as registered in similarity-repository: units are the raw columns (no centering), a unit is ε-matched when its relative distance to the span of the other side's remaining units is at most ε. Value only.",
    }),
  );
}
