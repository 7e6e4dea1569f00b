import { Matrix, dot, gramCols, gramRows, matmul, matmulNT, matmulTN, scale } from "../matrix";
import { eigh, symmetricFunction } from "./eigh";
import { symmetricFunctionBackward } from "./matrix_function";

/** A partially whitened matrix and the backward pass to the original one. */
export interface Whitening {
  /** c·M·Z (same shape as M). */
  W: Matrix;
  /** Given G = ∂f/∂W, returns ∂f/∂M (through Z and c, which depend on M). */
  backward(G: Matrix): Matrix;
  /**
   * The k×k map c·Z with W = M·(c·Z), to whiten new rows the same way (cross-validation); present when
   * the feature-side Gram was used (k ≤ n) and for α = 1 (the identity).
   */
  transform?: Matrix;
}

/**
 * Partial whitening of a centered n×k matrix M, exactly as netrep's `whiten` and diffscore's RegCCA
 * (paper §2.2), for a zero-padded width K ≥ k:
 *
 *   MᵀM = V·diag(λ)·Vᵀ, λ ← max(λ, floor) (the K − k padded zero eigenvalues included)
 *   d_k = α + (1 − α)·λ_k^{−1/2},   c = √( Σλ / Σ_k[α²λ_k + 2α(1−α)λ_k^{1/2} + (1−α)²] )
 *   W = c·M·V·diag(d)·Vᵀ            (α > 1 − floor: W = M)
 *
 * α = 0 whitens (CCA), α = 1 leaves M unchanged (Procrustes); c preserves the total variance.
 * When k > n the n×n Gram is used instead (M·f(MᵀM) = f(MMᵀ)·M on the nonzero spectrum; the
 * missing eigenvalues are zeros and are floored). The backward pass differentiates d through the
 * eigendecomposition (Daleckii–Krein, matrix_function.ts) and c through the unfloored eigenvalues
 * (dλ_k = v_kᵀ·dS·v_k); floored eigenvalues carry no derivative, so it is finite for rank-deficient M.
 *
 *   const { W, backward } = partialWhitening(centerCols(Y), 0.5, Y.cols);
 */
export function partialWhitening(M: Matrix, alpha: number, width: number, floor = 1e-7): Whitening {
  if (alpha > 1 - floor) return { W: M, backward: (G) => G, transform: Matrix.identity(M.cols) };
  const sampleSide = M.cols > M.rows;
  const eig = eigh(sampleSide ? gramRows(M) : gramCols(M));
  const lam = eig.values;
  const m = lam.length;
  const fl = (l: number) => Math.max(l, floor);
  const h = (l: number) => alpha + (1 - alpha) / Math.sqrt(fl(l));
  const dh = (l: number) => (l > floor ? -0.5 * (1 - alpha) * l ** -1.5 : 0);
  const g = (l: number) => alpha * alpha * l + 2 * alpha * (1 - alpha) * Math.sqrt(l) + (1 - alpha) ** 2;
  const dg = (l: number) => alpha * alpha + (alpha * (1 - alpha)) / Math.sqrt(l);
  const missing = Math.max(0, width - m);
  let s1 = missing * floor;
  let s2 = missing * g(floor);
  for (const l of lam) {
    s1 += fl(l);
    s2 += g(fl(l));
  }
  const c = Math.sqrt(s1 / s2);
  const Z = symmetricFunction(eig, h);
  const W0 = sampleSide ? matmul(Z, M) : matmul(M, Z);
  const W = W0.clone();
  for (let i = 0; i < W.data.length; i++) W.data[i] *= c;

  function backward(G: Matrix): Matrix {
    // ∂f/∂S (S the Gram): c·DK-backward of ⟨B, Z(S)⟩ plus ⟨G, W0⟩·∂c/∂S, ∂c/∂λ_k = (c/2)(1/s1 − g'(λ_k)/s2)
    const B = sampleSide ? matmulNT(G, M) : matmulTN(M, G);
    const Sbar = symmetricFunctionBackward(eig, h, dh, B);
    const gw = dot(G, W0);
    const V = eig.vectors;
    const e = Array.from(lam, (l) => (l > floor ? gw * (c / 2) * (1 / s1 - dg(l) / s2) : 0));
    const VE = V.clone();
    for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) VE.data[i * m + k] *= e[k];
    const cTerm = matmulNT(VE, V);
    for (let i = 0; i < Sbar.data.length; i++) Sbar.data[i] = 2 * (c * Sbar.data[i] + cTerm.data[i]);
    // W = c·M·Z (or c·Z·M): direct term c·G·Z (c·Z·G), Gram term 2·M·S̄ (2·S̄·M)
    const direct = sampleSide ? matmul(Z, G) : matmul(G, Z);
    const viaGram = sampleSide ? matmul(Sbar, M) : matmul(M, Sbar);
    for (let i = 0; i < direct.data.length; i++) direct.data[i] = c * direct.data[i] + viaGram.data[i];
    return direct;
  }
  return { W, backward, transform: sampleSide ? undefined : scale(Z, c) };
}
