import { Matrix, dot, frobenius, gramCols, gramRows, matmul, matmulNT, matmulTN } from "../matrix";
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

/**
 * Polar factor and nuclear norm by the optimally scaled Newton–Schulz iteration (Chen & Chow 2014),
 * whose bulk is matrix products (the WebAssembly GEMM) instead of an O(k³) scalar eigensolver:
 *
 *   X₀ = A/√b with b ≥ s_max² (b = min(‖S‖_F, ‖S‖_∞), S = X₀ᵀX₀ before scaling), ℓ₀ = lowerBound
 *   α_j = √(3/(1 + ℓ_j + ℓ_j²)),   X_{j+1} = X_j·(3α_j/2·I − α_j³/2·X_jᵀX_j),   ℓ_{j+1} = 3α_jℓ_j/2 − (α_jℓ_j)³/2
 *
 * until ℓ_j = 1 to rounding (≈21 iterations for ℓ₀ = 1e-7, two products each; the smaller Gram side
 * is used for wide A). Every singular value in [ℓ₀·√b, s_max] is mapped to 1, exact zeros stay 0,
 * and smaller ones only partly converge (their share of ‖A‖_* is below ℓ₀ relative). Returns the
 * same P = U·Vᵀ and ‖A‖_* = ⟨P, A⟩ as `polar` for matrices of full numerical rank.
 *
 *   const { factor, nuclearNorm } = polarNewtonSchulz(Matrix.fromRows([[0, 2], [3, 0]])); // 5
 */
export function polarNewtonSchulz(A: Matrix, lowerBound = 1e-7): { factor: Matrix; nuclearNorm: number } {
  const wide = A.cols > A.rows;
  const gram = (M: Matrix) => (wide ? gramRows(M) : gramCols(M));
  let S = gram(A);
  const k = S.rows;
  let rowMax = 0;
  for (let i = 0; i < k; i++) {
    let r = 0;
    for (let j = 0; j < k; j++) r += Math.abs(S.data[i * k + j]);
    rowMax = Math.max(rowMax, r);
  }
  const bound = Math.min(frobenius(S), rowMax) * (1 + 1e-10);
  if (!(bound > 0)) return { factor: new Matrix(A.rows, A.cols), nuclearNorm: 0 };
  let X = A.clone();
  for (let i = 0; i < X.data.length; i++) X.data[i] /= Math.sqrt(bound);
  for (let i = 0; i < S.data.length; i++) S.data[i] /= bound;
  let l = lowerBound;
  for (let iter = 0; iter < 100; iter++) {
    const a = Math.sqrt(3 / (1 + l + l * l));
    const T = S; // T = 3a/2·I − a³/2·S, in place
    for (let i = 0; i < T.data.length; i++) T.data[i] *= -0.5 * a * a * a;
    for (let i = 0; i < k; i++) T.data[i * k + i] += 1.5 * a;
    X = wide ? matmul(T, X) : matmul(X, T);
    l = 1.5 * a * l - 0.5 * (a * l) ** 3;
    if (1 - l < 1e-15) break;
    S = gram(X);
  }
  return { factor: X, nuclearNorm: dot(X, A) };
}
