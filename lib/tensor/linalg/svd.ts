import { Matrix, gramCols, gramRows, matmul, matmulTN } from "../matrix";
import { eigh } from "./eigh";

/** Thin singular value decomposition A = U·diag(s)·Vᵀ restricted to the numerical rank r. */
export interface ThinSvd {
  /** m×r, orthonormal columns. */
  U: Matrix;
  /** r singular values, descending, all > 0. */
  s: Float64Array;
  /** n×r, orthonormal columns. */
  V: Matrix;
}

/**
 * Thin SVD of an m×n matrix from the symmetric eigendecomposition of its smaller Gram matrix
 * (k = min(m, n), so the O(k³) eigensolver never sees the larger dimension):
 *
 *   n ≤ m:  AᵀA = V·diag(λ)·Vᵀ,  s = √λ,  U = A·V·diag(1/s)
 *   n > m:  AAᵀ = U·diag(λ)·Uᵀ,  s = √λ,  V = Aᵀ·U·diag(1/s)
 *
 * Eigenvalues at or below `k·4ε·λ_max` are numerical zeros and are dropped, so rank-deficient A
 * (zero padding, fewer samples than features, duplicated columns) gives r < k and never divides by
 * a zero singular value. Singular values below ≈ √(k·4ε)·s_max ≈ 1e-7·s_max are lost to the
 * squaring; this is the accuracy the measures built on it (Procrustes, CCA) need.
 *
 *   const { U, s, V } = thinSvd(Matrix.fromRows([[3, 0], [0, 4], [0, 0]])); // s = [4, 3]
 */
export function thinSvd(A: Matrix): ThinSvd {
  const wide = A.cols > A.rows;
  const { values, vectors } = eigh(wide ? gramRows(A) : gramCols(A));
  const k = values.length;
  const top = k ? Math.max(values[k - 1], 0) : 0;
  const cut = top * k * 4 * 2 ** -52;
  let r = 0;
  while (r < k && values[k - 1 - r] > cut && values[k - 1 - r] > 0) r++;
  const s = new Float64Array(r);
  const W = new Matrix(k, r); // eigenvectors of the kept eigenvalues, descending
  for (let j = 0; j < r; j++) {
    s[j] = Math.sqrt(values[k - 1 - j]);
    for (let i = 0; i < k; i++) W.data[i * r + j] = vectors.data[i * k + (k - 1 - j)];
  }
  const other = wide ? matmulTN(A, W) : matmul(A, W); // A·V or Aᵀ·U, columns scaled by s
  for (let i = 0; i < other.rows; i++) for (let j = 0; j < r; j++) other.data[i * r + j] /= s[j];
  return wide ? { U: W, s, V: other } : { U: other, s, V: W };
}
