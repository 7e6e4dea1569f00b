import { Matrix } from "../tensor/matrix";
import { symmetricPart } from "../tensor/pairwise";
import { Kernel, linearKernel, rbfKernel } from "./kernel_cka";
import { addMeasure } from "./registry";
import { RDMS } from "./rsa";
import { INVARIANCE, Invariances, MeasureDefinition, ValueGrad } from "./types";

/**
 * "Sparse HSIC" of implicitDeclaration/similarity (`sparse_HSIC`, registered with topk = 500, σ = 1):
 *
 *   M = mask ∘ K, mask keeping the t = 500 largest entries of each row (all of them when n ≤ t)
 *   A = (I − 11ᵀ/t)·M_X,  B = (I − 11ᵀ/t)·M_Y
 *   value = Σ_i A_ii B_ii / (t − 1)²,   A_ii = M_ii − (1/t) Σ_k M_ki
 *
 * Note the reference multiplies A and B entry-wise before taking the trace, so only the diagonals of
 * the (partially) centered kernels meet, and the centering uses t, not n. Kernels: linear XXᵀ, rbf
 * exp(−‖x_i − x_j‖²/2) (σ = 1), cos (cosine of the rows). Gradient: ∂value/∂M_kl = a_l(δ_kl − 1/t)/(t − 1)²
 * on the kept entries, symmetrized and pulled back through the kernel.
 *
 *   score("linear_sparse_HSIC", X, Y)
 */
const TOPK = 500;

/** 1 for the t largest entries of each row of K (all entries when n ≤ t); ties broken by column order. */
function topkMask(K: Matrix, t: number): Uint8Array {
  const n = K.cols;
  const mask = new Uint8Array(K.data.length).fill(1);
  if (n <= t) return mask;
  for (let i = 0; i < K.rows; i++) {
    const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => K.data[i * n + a] - K.data[i * n + b]);
    for (let r = 0; r < n - t; r++) mask[i * n + order[r]] = 0;
  }
  return mask;
}

/** The diagonal a_i = M_ii − (1/t) Σ_k M_ki of (I − 11ᵀ/t)·(mask ∘ K). */
function centeredDiagonal(K: Matrix, mask: Uint8Array, t: number): Float64Array {
  const n = K.rows;
  const a = new Float64Array(n);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (mask[k * n + i]) a[i] -= K.data[k * n + i] / t;
  for (let i = 0; i < n; i++) if (mask[i * n + i]) a[i] += K.data[i * n + i];
  return a;
}

/** The cosine kernel K_ij = cos(x_i, x_j) = 1 − (cosine RDM)_ij, with the RDM's backward pass. */
const cosineKernel: Kernel = {
  id: "cos",
  formula: "K_ij = ⟨x_i, x_j⟩/(‖x_i‖‖x_j‖)",
  gram(X) {
    const K = RDMS.cosine.compute(X);
    for (let i = 0; i < K.data.length; i++) K.data[i] = 1 - K.data[i];
    return K;
  },
  backward(X, K, G) {
    const D = K.clone();
    for (let i = 0; i < D.data.length; i++) D.data[i] = 1 - D.data[i];
    const minusG = G.clone();
    for (let i = 0; i < minusG.data.length; i++) minusG.data[i] = -minusG.data[i];
    return RDMS.cosine.backward(X, D, minusG);
  },
  invariances: { ...INVARIANCE.orthogonal, translation: false },
};

function sparseHsicDefinition(id: string, kernel: Kernel, invariances: Invariances): MeasureDefinition {
  const c = 1 / (TOPK - 1) ** 2;
  const run = (X: Matrix) => {
    const KX = kernel.gram(X);
    const a = centeredDiagonal(KX, topkMask(KX, TOPK), TOPK);
    return (Y: Matrix, needGrad: boolean): ValueGrad => {
      const KY = kernel.gram(Y);
      const mask = topkMask(KY, TOPK);
      const b = centeredDiagonal(KY, mask, TOPK);
      const value = c * a.reduce((s, v, i) => s + v * b[i], 0);
      if (!needGrad) return { value, gradY: Y };
      const n = KY.rows;
      const G = new Matrix(n, n);
      for (let k = 0; k < n; k++)
        for (let l = 0; l < n; l++) if (mask[k * n + l]) G.data[k * n + l] = c * a[l] * ((k === l ? 1 : 0) - 1 / TOPK);
      return { value, gradY: kernel.backward(Y, KY, symmetricPart(G)) };
    };
  };
  return {
    id,
    family: "cka",
    formula: `Σ_i [(I − 11ᵀ/t)M_X]_ii [(I − 11ᵀ/t)M_Y]_ii/(t − 1)², M = top-t masked ${kernel.formula}, t = ${TOPK}`,
    range: [-Infinity, Infinity],
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances,
    differentiable: true,
    stochastic: false,
    minSamples: 1,
    aliases: [],
    notes:
      `implicitDeclaration/similarity's sparse_HSIC with the ${kernel.id} kernel, topk = ${TOPK}${kernel.id === "rbf" ? " and σ = 1" : ""}, exactly as registered in similarity-repository: ` +
      "the reference takes the trace of the entry-wise product of the two partially centered kernels, so only their diagonals interact; it is an unnormalized statistic, not an HSIC estimate in the usual sense. " +
      "With more than 500 samples each row keeps its 500 largest kernel entries (ties broken by column order; the reference's argsort order on ties is unspecified) and the gradient holds that mask fixed.",
    prepare(X) {
      const f = run(X);
      return { value: (Y) => f(Y, false).value, valueAndGrad: (Y) => f(Y, true) };
    },
  };
}

/** Registers linear_sparse_HSIC, rbf_sparse_HSIC and cos_sparse_HSIC. */
export function registerSparseHsic(): void {
  addMeasure(sparseHsicDefinition("linear_sparse_HSIC", linearKernel, { ...INVARIANCE.none, permutation: true, orthogonal: true }));
  addMeasure(sparseHsicDefinition("rbf_sparse_HSIC", { ...rbfKernel(1), id: "rbf" }, { ...INVARIANCE.none, permutation: true, orthogonal: true, translation: true }));
  addMeasure(sparseHsicDefinition("cos_sparse_HSIC", cosineKernel, { ...INVARIANCE.none, permutation: true, orthogonal: true, isotropicScale: true }));
}
