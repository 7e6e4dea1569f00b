import { Matrix } from "../tensor/matrix";
import { RDMS } from "./rsa";
import { addMeasure } from "./registry";
import { INVARIANCE, MeasureDefinition } from "./types";

/**
 * Nearest-neighbour measures of ReSi (k = 10 cosine neighbours, as similarity-repository registers them).
 * N_k(i) = the k samples nearest to sample i by cosine distance 1 − cos(x_i, x_j), i itself excluded,
 * ranked 1…k by increasing distance:
 *
 *   rank_similarity                mean_i Σ_{j ∈ N_k^X(i) ∩ N_k^Y(i)} 2/[(1 + |r_X(j) − r_Y(j)|)(r_X(j) + r_Y(j))] / H_m,
 *                                  H_m = Σ_{l ≤ m} 1/l, m = |N_k^X(i) ∩ N_k^Y(i)| (0 for an empty intersection)
 *   second_order_cosine_similarity mean_i cos(d^X_i[U_i], d^Y_i[U_i]), U_i = N_k^X(i) ∪ N_k^Y(i), d_i = row i of the
 *                                  cosine-distance matrix
 *
 * Value only (neighbour sets are discrete). Ties between distances are broken by sample index.
 *
 *   score("rank_similarity", X, Y)
 */
const K = 10;

/** The k nearest neighbours of every row (cosine distance, self excluded), nearest first. */
function cosineNeighbors(D: Matrix, k: number): number[][] {
  const n = D.rows;
  return Array.from({ length: n }, (_, i) => {
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
    others.sort((a, b) => D.data[i * n + a] - D.data[i * n + b] || a - b);
    return others.slice(0, k);
  });
}

/** Cosine-distance matrix 1 − cos(x_i, x_j) with a zero diagonal (a zero row is at distance 1 from every other), as sklearn computes it. */
function cosineDistances(X: Matrix): Matrix {
  return RDMS.cosine.compute(X);
}

/**
 * ReSi's rank similarity of the k-nearest-neighbour rankings of X and Y (see the file comment).
 *
 *   rankSimilarity(X, Y, 10);
 */
export function rankSimilarity(X: Matrix, Y: Matrix, k: number): number {
  const nx = cosineNeighbors(cosineDistances(X), k);
  const ny = cosineNeighbors(cosineDistances(Y), k);
  let total = 0;
  for (let i = 0; i < X.rows; i++) {
    const rankY = new Map(ny[i].map((j, r) => [j, r + 1]));
    let score = 0;
    let m = 0;
    nx[i].forEach((j, r) => {
      const ry = rankY.get(j);
      if (ry === undefined) return;
      const rx = r + 1;
      score += 2 / ((1 + Math.abs(rx - ry)) * (rx + ry));
      m++;
    });
    let harmonic = 0;
    for (let l = 1; l <= m; l++) harmonic += 1 / l;
    total += m ? score / harmonic : 0;
  }
  return total / X.rows;
}

/**
 * ReSi's second-order cosine similarity: per sample, the cosine between its distance profiles in X and
 * in Y restricted to the union of its k nearest neighbours in either (see the file comment).
 *
 *   secondOrderCosineSimilarity(X, Y, 10);
 */
export function secondOrderCosineSimilarity(X: Matrix, Y: Matrix, k: number): number {
  const DX = cosineDistances(X);
  const DY = cosineDistances(Y);
  const nx = cosineNeighbors(DX, k);
  const ny = cosineNeighbors(DY, k);
  const n = X.rows;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (const j of new Set([...nx[i], ...ny[i]])) {
      const a = DX.data[i * n + j];
      const b = DY.data[i * n + j];
      ab += a * b;
      aa += a * a;
      bb += b * b;
    }
    total += aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
  }
  return total / n;
}

function neighborDefinition(id: string, formula: string, range: [number, number], run: (X: Matrix, Y: Matrix) => number, notes: string): MeasureDefinition {
  return {
    id,
    family: "neighbors",
    formula,
    range,
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances: { ...INVARIANCE.orthogonal, translation: false },
    differentiable: false,
    stochastic: false,
    minSamples: K + 1,
    aliases: [],
    notes,
    prepare: (X) => ({ value: (Y) => run(X, Y) }),
  };
}

/** Registers rank_similarity and second_order_cosine_similarity (k = 10, cosine neighbours). */
export function registerNeighbors(): void {
  addMeasure(
    neighborDefinition(
      "rank_similarity",
      "mean_i Σ_{j ∈ N(i) ∩ N′(i)} 2/[(1 + |r(j) − r′(j)|)(r(j) + r′(j))] / H_|N(i) ∩ N′(i)|",
      [0, 1],
      (X, Y) => rankSimilarity(X, Y, K),
      "ReSi's RankSimilarity (Wang et al. 2022) with its defaults: k = 10 nearest neighbours by cosine distance of the raw rows (so invariant to rescaling each sample, not to translations). Value only.",
    ),
  );
  addMeasure(
    neighborDefinition(
      "second_order_cosine_similarity",
      "mean_i cos(d_X(i, U_i), d_Y(i, U_i)), U_i = N_X(i) ∪ N_Y(i), d = cosine distance",
      [0, 1],
      (X, Y) => secondOrderCosineSimilarity(X, Y, K),
      "ReSi's SecondOrderCosineSimilarity (Hamilton et al. 2016) with k = 10 cosine neighbours of the raw rows. Value only.",
    ),
  );
}
