import { Matrix, axpby, centerCols, dot, frobenius, gramCols, gramRows, matmul, matmulTN } from "../tensor/matrix";
import { addMeasure } from "./registry";
import { TRANSFORMS, withTransform } from "./transforms";
import { MeasureDefinition, ORTHOGONAL_SIMILARITY, PreparedMeasure } from "./types";

/**
 * Linear CKA with the biased (Gretton) HSIC estimator, Kornblith et al. 2019:
 *
 *   CKA(X, Y) = ‖X̄ᵀȲ‖²_F / (‖X̄ᵀX̄‖_F · ‖ȲᵀȲ‖_F)        (X̄, Ȳ column-centered)
 *             = ⟨H K_X H, H K_Y H⟩ / (‖H K_X H‖ ‖H K_Y H‖) with K = XXᵀ
 *
 *   ∂CKA/∂Ȳ = 2·X̄A/(k_X k_Y) − CKA·2·ȲB/k_Y²,   A = X̄ᵀȲ, B = ȲᵀȲ, k_X = ‖X̄ᵀX̄‖_F, k_Y = ‖B‖_F
 *
 * (already column-centered, so it is also the gradient with respect to the raw Y). Feature-space
 * products are used when Y has no more columns than rows, the n×n Gram form otherwise; everything
 * that depends on X alone is computed once.
 *
 *   score("cka", X, Y)
 */
export function prepareLinearCka(X: Matrix): PreparedMeasure {
  const Xc = centerCols(X);
  let featureNormX = -1; // ‖X̄ᵀX̄‖_F
  let KX: Matrix | null = null; // X̄X̄ᵀ (sample space)
  const normX = () => (featureNormX >= 0 ? featureNormX : (featureNormX = frobenius(gramCols(Xc))));
  const gramX = () => KX ?? (KX = gramRows(Xc));
  const useSamples = (Y: Matrix) => Y.cols > Y.rows && Xc.cols > Xc.rows;

  function valueAndGrad(Y: Matrix, needGrad: boolean) {
    const Yc = centerCols(Y);
    if (useSamples(Y)) {
      const KXm = gramX();
      const KY = gramRows(Yc);
      const kx = frobenius(KXm);
      const ky = frobenius(KY);
      const cross = dot(KXm, KY);
      const value = kx > 0 && ky > 0 ? cross / (kx * ky) : 0;
      if (!needGrad) return { value, gradY: Yc };
      if (!(kx > 0 && ky > 0)) return { value, gradY: new Matrix(Y.rows, Y.cols) };
      // ∂/∂Ȳ ⟨K_X, ȲȲᵀ⟩ = 2 K_X Ȳ;  ∂/∂Ȳ ‖ȲȲᵀ‖ = 2 K_Y Ȳ / k_Y
      const gradY = axpby(2 / (kx * ky), matmul(KXm, Yc), (-2 * value) / (ky * ky), matmul(KY, Yc));
      return { value, gradY };
    }
    const A = matmulTN(Xc, Yc);
    const B = gramCols(Yc);
    const kx = normX();
    const ky = frobenius(B);
    const value = kx > 0 && ky > 0 ? dot(A, A) / (kx * ky) : 0;
    if (!needGrad) return { value, gradY: Yc };
    if (!(kx > 0 && ky > 0)) return { value, gradY: new Matrix(Y.rows, Y.cols) };
    const gradY = axpby(2 / (kx * ky), matmul(Xc, A), (-2 * value) / (ky * ky), matmul(Yc, B));
    return { value, gradY };
  }

  return {
    value: (Y) => valueAndGrad(Y, false).value,
    valueAndGrad: (Y) => valueAndGrad(Y, true),
  };
}

const linearCka: MeasureDefinition = {
  id: "cka",
  family: "cka",
  formula: "‖X̄ᵀȲ‖²_F / (‖X̄ᵀX̄‖_F ‖ȲᵀȲ‖_F)",
  ...ORTHOGONAL_SIMILARITY,
  aliases: ["cka-kernel=linear-hsic=gretton-score", "kernel=linear-similarity=(centered-cosine)-score", "rsa-correlation-corr", "rsa-euclidean-centered-cosine"],
  notes:
    "Linear kernel, biased HSIC (Gretton). rsa-correlation-corr and rsa-euclidean-centered-cosine of diffscore are numerically this measure (double-centering a squared-distance RDM gives −2·HKH).",
  prepare: (X) => prepareLinearCka(X),
};

/** Registers cka and its transforms under the paper's and similarity-repository's ids. */
export function registerCka(): void {
  addMeasure(linearCka);
  addMeasure(withTransform(linearCka, TRANSFORMS.angular, "cka-angular", { aliases: ["cka-kernel=linear-hsic=gretton-distance=angular"] }));
  addMeasure(
    withTransform(linearCka, TRANSFORMS["angular-score"], "cka-angular-score", {
      aliases: ["cka-kernel=linear-hsic=gretton-angular_score", "kernel=linear-similarity=(centered-cosine)-angular_score"],
    }),
  );
}
