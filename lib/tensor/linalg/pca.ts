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
  const means = colMeans(X);
  const Xc = centerCols(X, means);
  const { rows: n, cols: p } = Xc;
  const featureSide = p <= n;
  const { values, vectors } = eigh(featureSide ? gramCols(Xc) : gramRows(Xc));
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
  const other = featureSide ? matmul(Xc, W) : matmulTN(Xc, W); // columns s_k·u_k (or s_k·v_k)
  for (let k = 0; k < r; k++) {
    const inv = 1 / Math.sqrt(sumsOfSquares[k]);
    for (let i = 0; i < other.rows; i++) other.data[i * r + k] *= inv;
  }
  const total = sumSquares(Xc);
  const explainedVarianceRatio = sumsOfSquares.map((l) => (total > 0 ? l / total : 0));
  return {
    means,
    sumsOfSquares,
    explainedVarianceRatio,
    profiles: featureSide ? other : W,
    axes: featureSide ? W : other,
    totalSumOfSquares: total,
  };
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
