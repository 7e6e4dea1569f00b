import { Matrix, gramCols, gramRows } from "../matrix";
import { eigvalsh } from "./eigh";

/**
 * Nuclear norm ‖A‖_* = Σ_i σ_i(A) = Σ_i √λ_i(G), G the smaller Gram matrix (AᵀA, or AAᵀ when A is
 * wide), from the eigenvalues alone: one Gram product and a values-only eigensolve, no eigenvectors
 * and no polar factor. For score-only evaluations of NBS / angular Procrustes (‖X̄ᵀȲ‖_*), where the
 * polar factor is only needed for the gradient.
 *
 * Eigenvalues at or below k·4ε·λ_max (k = min(m, n)) are numerical zeros and are dropped, exactly as
 * in thinSvd, so Σ s of thinSvd(A) and nuclearNorm(A) agree to rounding (also for rank-deficient or
 * zero-padded A).
 *
 *   nuclearNorm(Matrix.fromRows([[0, 2], [3, 0]])); // 5
 */
export function nuclearNorm(A: Matrix): number {
  const values = eigvalsh(A.cols > A.rows ? gramRows(A) : gramCols(A));
  const k = values.length;
  const cut = k ? Math.max(values[k - 1], 0) * k * 4 * 2 ** -52 : 0;
  let sum = 0;
  for (let i = k - 1; i >= 0 && values[i] > cut && values[i] > 0; i--) sum += Math.sqrt(values[i]);
  return sum;
}
