import { Matrix, centerCols, colMeans, gramCols, gramRows, matmul, matmulTN, scaleCols, sliceCols, sumSquares } from "../matrix";
import { eigh } from "./eigh";

/** Principal components of a column-centered matrix: X̄ = Σ_k s_k u_k v_kᵀ = U·diag(s)·Vᵀ (thin SVD). */
export interface Pca {
  /** Column means μ that were removed (X̄ = X − 1μᵀ). */
  means: Float64Array;
  /** λ_k = s_k², the sum of squares along PC k (variance × (n − 1)), descending; only the numerical rank r. */
  sumsOfSquares: Float64Array;
  /** λ_k / ‖X̄‖²_F: sklearn's explained_variance_ratio_. */
  explainedVarianceRatio: Float64Array;
  /** U (n × r): unit, centered, orthonormal profiles u_k of the PCs over samples. */
  profiles: Matrix;
  /** V (p × r): unit PC directions v_k in feature space. */
  axes: Matrix;
  /** ‖X̄‖²_F = Σ of all λ (including the ones below the rank cut-off). */
  totalSumOfSquares: number;
}

/**
 * PCA of X (rows = samples) through the eigendecomposition of the smaller Gram matrix: X̄ᵀX̄ = VΛVᵀ
 * when p ≤ n (then U = X̄V/s), X̄X̄ᵀ = UΛUᵀ otherwise (then V = X̄ᵀU/s). Components with
 * λ_k ≤ λ₁·max(n, p)·1e-14 are dropped, so `profiles` is an orthonormal basis of span(X̄) even for
 * rank-deficient X. Cost O(min(n, p)³ + n·p·min(n, p)).
 *
 *   const { explainedVarianceRatio, profiles } = pca(Matrix.fromRows([[1, 0], [0, 1], [1, 1]]));
 */
export function pca(X: Matrix): Pca {
  const g = gramEigen(X);
  const other = unitColumns(g.featureSide ? matmul(g.centered, g.vectors) : matmulTN(g.centered, g.vectors), g.sumsOfSquares); // u_k (or v_k)
  const total = sumSquares(g.centered);
  const explainedVarianceRatio = g.sumsOfSquares.map((l) => (total > 0 ? l / total : 0));
  return {
    means: g.means,
    sumsOfSquares: g.sumsOfSquares,
    explainedVarianceRatio,
    profiles: g.featureSide ? other : g.vectors,
    axes: g.featureSide ? g.vectors : other,
    totalSumOfSquares: total,
  };
}

/**
 * The feature-space part of `pca(X)` — means, sums of squares λ_k and unit axes V (p × r), same rank
 * rule — and the centered X̄, without the n × r profiles (an n·p·r product when p ≤ n), e.g. for
 * working in the principal axes of X̄ directly.
 *
 *   const { axes, sumsOfSquares, centered } = pcaAxes(X);   // pca(X).axes, pca(X).sumsOfSquares, X − 1μᵀ
 */
export function pcaAxes(X: Matrix): Pick<Pca, "means" | "sumsOfSquares" | "axes"> & { centered: Matrix } {
  const g = gramEigen(X);
  const axes = g.featureSide ? g.vectors : unitColumns(matmulTN(g.centered, g.vectors), g.sumsOfSquares);
  return { means: g.means, sumsOfSquares: g.sumsOfSquares, axes, centered: g.centered };
}

/**
 * pcaAxes(X) without its centered copy of X when p ≤ n: the means as Xᵀ1/n and the covariance as
 * XᵀX − n·μμᵀ, two products and no pass over X in JS (the copy and the passes cost about as much as
 * the eigendecomposition of a 168 × 168 covariance, e.g. per time step of a decode). The difference
 * loses accuracy when the means dominate the spread, so when n‖μ‖² > MEAN_DOMINANCE·‖X̄‖²_F (and for
 * p > n) this is pcaAxes(X).
 *
 *   const { means, axes, sumsOfSquares } = principalAxes(X);   // as pcaAxes(X), without `centered`
 */
export function principalAxes(X: Matrix): Pick<Pca, "means" | "sumsOfSquares" | "axes"> {
  const { rows: n, cols: p } = X;
  if (p > n) return pcaAxes(X);
  const means = matmulTN(X, new Matrix(n, 1, new Float64Array(n).fill(1 / n))).data;
  const gram = gramCols(X);
  let meanSquares = 0;
  let total = 0;
  for (let j = 0; j < p; j++) {
    meanSquares += n * means[j] * means[j];
    total += gram.data[j * p + j];
  }
  if (!(meanSquares <= MEAN_DOMINANCE * (total - meanSquares))) return pcaAxes(X);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) gram.data[i * p + j] -= n * means[i] * means[j];
  const { sumsOfSquares, vectors } = descendingEigenpairs(gram, n, p);
  return { means, sumsOfSquares, axes: vectors };
}

/**
 * The largest n‖μ‖² / ‖X̄‖²_F for which principalAxes subtracts the means from the Gram matrix. The
 * round-off of XᵀX − n·μμᵀ, about 2⁻⁵²·(1 + MEAN_DOMINANCE)·‖X̄‖²_F ≤ 2.3e-14·p·λ₁ (‖X̄‖²_F ≤ p·λ₁), is
 * at most 2.3·p/n times the rank cut-off λ₁·max(n, p)·1e-14: only directions whose variance is at the
 * round-off level can be kept or dropped differently from pcaAxes.
 */
const MEAN_DOMINANCE = 100;

/** Centered X and the eigenpairs of its smaller Gram matrix above the rank cut-off, descending. */
function gramEigen(X: Matrix): { means: Float64Array; centered: Matrix; featureSide: boolean; sumsOfSquares: Float64Array; vectors: Matrix } {
  const means = colMeans(X);
  const centered = centerCols(X, means);
  const { rows: n, cols: p } = centered;
  const featureSide = p <= n;
  return { means, centered, featureSide, ...descendingEigenpairs(featureSide ? gramCols(centered) : gramRows(centered), n, p) };
}

/** Eigenpairs of the Gram matrix of centered n × p data above the rank cut-off λ ≤ λ₁·max(n, p)·1e-14, descending. */
function descendingEigenpairs(gram: Matrix, n: number, p: number): { sumsOfSquares: Float64Array; vectors: Matrix } {
  const { values, vectors } = eigh(gram);
  const m = values.length;
  const top = m ? Math.max(values[m - 1], 0) : 0;
  const cutoff = top * Math.max(n, p) * 1e-14;
  let r = 0;
  while (r < m && values[m - 1 - r] > cutoff) r++;
  const sumsOfSquares = new Float64Array(r);
  const W = new Matrix(m, r); // eigenvectors of the kept components, descending
  for (let k = 0; k < r; k++) {
    sumsOfSquares[k] = values[m - 1 - k];
    for (let i = 0; i < m; i++) W.data[i * r + k] = vectors.data[i * m + (m - 1 - k)];
  }
  return { sumsOfSquares, vectors: W };
}

/** Columns s_k·w_k of A divided by s_k = √λ_k, in place. */
function unitColumns(A: Matrix, sumsOfSquares: Float64Array): Matrix {
  const r = A.cols;
  for (let k = 0; k < r; k++) {
    const inv = 1 / Math.sqrt(sumsOfSquares[k]);
    for (let i = 0; i < A.rows; i++) A.data[i * r + k] *= inv;
  }
  return A;
}

/**
 * The first k principal-component scores X̄·v_k = s_k·u_k as an n × k matrix (sklearn's
 * `PCA(n_components=k).fit_transform(X)` up to the sign of each column), from the unit profiles U and
 * the sums of squares λ_k = s_k².
 *
 *   const p = pca(X);
 *   const Z = pcaScores(p.profiles, p.sumsOfSquares, 10);   // PCA-reduced data, 10 columns
 */
export function pcaScores(profiles: Matrix, sumsOfSquares: ArrayLike<number>, k: number): Matrix {
  if (!(Number.isInteger(k) && k >= 1 && k <= profiles.cols)) throw new Error(`pcaScores: k must be an integer in 1 … ${profiles.cols}, got ${k}`);
  return scaleCols(sliceCols(profiles, k), Array.from({ length: k }, (_, j) => Math.sqrt(sumsOfSquares[j])));
}
