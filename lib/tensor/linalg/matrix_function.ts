import { Matrix, matmul, matmulTN, transpose } from "../matrix";
import type { Eigh } from "./eigh";

/**
 * Backward pass of a spectral matrix function F(A) = V·diag(f(λ))·Vᵀ of a symmetric A (Daleckii–Krein):
 *
 *   ∂⟨W, F(A)⟩/∂A = V·(L ∘ VᵀW̃V)·Vᵀ,   W̃ = (W + Wᵀ)/2,
 *   L_ij = (f(λ_i) − f(λ_j))/(λ_i − λ_j) for λ_i ≠ λ_j, and f′(λ_i) otherwise.
 *
 * Used for the matrix square root of Bures similarities and the inverse square root of whitening.
 *
 *   const eig = eigh(A);
 *   const gA = symmetricFunctionBackward(eig, Math.sqrt, (l) => 0.5 / Math.sqrt(l), W);
 */
export function symmetricFunctionBackward(eig: Eigh, f: (lambda: number) => number, df: (lambda: number) => number, W: Matrix): Matrix {
  const { values: w, vectors: V } = eig;
  const n = w.length;
  const fw = Array.from(w, f);
  const M = matmul(matmulTN(V, W), V); // VᵀWV
  const S = new Matrix(n, n);
  const scale = Math.max(...Array.from(w, Math.abs), 1e-300);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const gap = w[i] - w[j];
      const L = Math.abs(gap) > 1e-12 * scale ? (fw[i] - fw[j]) / gap : df(0.5 * (w[i] + w[j]));
      S.data[i * n + j] = 0.5 * L * (M.data[i * n + j] + M.data[j * n + i]);
    }
  return matmul(matmul(V, S), transpose(V));
}
