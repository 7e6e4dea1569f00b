import { Matrix, matmul, matmulNT, matmulTN } from "../matrix";
import { ThinSvd, thinSvd } from "./svd";

/** A = P·H with P = U·Vᵀ (a partial isometry on A's row and column spaces) and H = V·diag(s)·Vᵀ. */
export interface Polar {
  /** P = U·Vᵀ, same shape as A. */
  factor: Matrix;
  /** ‖A‖_* = Σ s_i = ⟨P, A⟩. */
  nuclearNorm: number;
  svd: ThinSvd;
}

/**
 * Polar factor and nuclear norm of A from its thin SVD (see svd.ts):
 *
 *   P = U·Vᵀ,   ‖A‖_* = Σ_i s_i,   ∂‖A‖_* / ∂A = P
 *
 * Zero singular values contribute nothing (P is the partial isometry on the numerical range), so
 * the nuclear-norm gradient stays finite for rank-deficient A; there it is the minimum-norm element
 * of the subdifferential.
 *
 *   const { factor, nuclearNorm } = polar(Matrix.fromRows([[0, 2], [3, 0]])); // ‖A‖_* = 5
 */
export function polar(A: Matrix): Polar {
  const svd = thinSvd(A);
  let nuclearNorm = 0;
  for (const si of svd.s) nuclearNorm += si;
  return { factor: matmulNT(svd.U, svd.V), nuclearNorm, svd };
}

/**
 * Backward pass of the polar factor: given G = ∂f/∂P, returns ∂f/∂A for P = U·Vᵀ, A = U·S·Vᵀ
 * (rank held fixed, as everywhere A has full rank):
 *
 *   ∂f/∂A = U·[(B − Bᵀ) ∘ F]·Vᵀ + (I − UUᵀ)·G·V·S⁻¹·Vᵀ + U·S⁻¹·Uᵀ·G·(I − VVᵀ),
 *   B = Uᵀ·G·V,   F_ij = 1/(s_i + s_j)
 *
 * Used where a fitted rotation is scored on held-out data (cross-validated Procrustes).
 *
 *   const p = polar(M);
 *   const gM = polarBackward(p.svd, G); // ∂⟨G, P(M)⟩/∂M
 */
export function polarBackward(svd: ThinSvd, G: Matrix): Matrix {
  const { U, s, V } = svd;
  const r = s.length;
  const GV = matmul(G, V); // m×r
  const UtG = matmulTN(U, G); // r×n
  const B = matmulTN(U, GV); // r×r
  // left = U·K + (GV − U·B)·S⁻¹,  right = S⁻¹·(UᵀG − B·Vᵀ)
  const K = new Matrix(r, r);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) K.data[i * r + j] = (B.data[i * r + j] - B.data[j * r + i]) / (s[i] + s[j]);
  const UB = matmul(U, B);
  const left = matmul(U, K);
  for (let i = 0; i < left.rows; i++) for (let j = 0; j < r; j++) left.data[i * r + j] += (GV.data[i * r + j] - UB.data[i * r + j]) / s[j];
  const right = matmulNT(B, V);
  for (let i = 0; i < r; i++) for (let j = 0; j < right.cols; j++) right.data[i * right.cols + j] = (UtG.data[i * right.cols + j] - right.data[i * right.cols + j]) / s[i];
  const out = matmulNT(left, V);
  const extra = matmul(U, right);
  for (let i = 0; i < out.data.length; i++) out.data[i] += extra.data[i];
  return out;
}
