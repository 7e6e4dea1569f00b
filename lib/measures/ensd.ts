import { Matrix, axpby, centerCols, dot, gramCols, gramRows, matmul, matmulTN, sumSquares } from "../tensor/matrix";
import { prepareLinearCka } from "./cka";
import { addMeasure } from "./registry";
import { TRANSFORMS, withTransform } from "./transforms";
import { MeasureDefinition, ORTHOGONAL_SIMILARITY, PreparedMeasure } from "./types";

/**
 * Effective number of shared dimensions (Giaffar et al. 2023), on column-centered X̄, Ȳ:
 *
 *   ENSD = PR(X)·PR(Y)·tr(C_X C_Y)/(tr C_X · tr C_Y) = ‖X̄ᵀȲ‖²_F · tr(X̄ᵀX̄)·tr(ȲᵀȲ) / (‖X̄ᵀX̄‖²_F · ‖ȲᵀȲ‖²_F)
 *
 * with C = X̄ᵀX̄ and the participation ratio PR(X) = (tr C)²/tr(C²). Writing a = ‖X̄ᵀȲ‖², t = tr C,
 * q = ‖C‖²:  ∂ENSD/∂Ȳ = ENSD·(2X̄(X̄ᵀȲ)/a + 2Ȳ/t_Y − 4Ȳ(ȲᵀȲ)/q_Y)  (the n×n Gram form when Y has more
 * columns than rows). The ENSD repository's angular distance is
 *
 *   ensd-distance=angular_normalized = (2/π)·arccos(ENSD/√(PR(X)·PR(Y))) = (2/π)·arccos(CKA),
 *
 * because ENSD/√(PR_X PR_Y) = a/√(q_X q_Y) is linear CKA.
 *
 *   score("ensd", X, Y)
 */
export function prepareEnsd(X: Matrix): PreparedMeasure {
  const Xc = centerCols(X);
  const tX = sumSquares(Xc);
  let qXFeatures = -1;
  let KX: Matrix | null = null;
  const qX = () => (qXFeatures >= 0 ? qXFeatures : (qXFeatures = sumSquares(gramCols(Xc))));
  const gramX = () => KX ?? (KX = gramRows(Xc));

  function run(Y: Matrix, needGrad: boolean) {
    const Yc = centerCols(Y);
    const tY = sumSquares(Yc);
    const samples = Y.cols > Y.rows;
    let a: number;
    let qY: number;
    let dA: () => Matrix; // ∂a/∂Ȳ
    let dQ: () => Matrix; // ∂q_Y/∂Ȳ
    if (samples) {
      const KY = gramRows(Yc);
      a = dot(gramX(), KY);
      qY = sumSquares(KY);
      dA = () => matmul(gramX(), Yc);
      dQ = () => matmul(KY, Yc);
    } else {
      const A = matmulTN(Xc, Yc);
      const B = gramCols(Yc);
      a = sumSquares(A);
      qY = sumSquares(B);
      dA = () => matmul(Xc, A);
      dQ = () => matmul(Yc, B);
    }
    const qx = samples ? sumSquares(gramX()) : qX();
    const ok = qx > 0 && qY > 0 && a > 0;
    const value = ok ? (a * tX * tY) / (qx * qY) : 0;
    if (!needGrad) return { value, gradY: Yc };
    if (!ok) return { value, gradY: new Matrix(Y.rows, Y.cols) };
    // ENSD·(2·∂a/a + 2Ȳ/t_Y − 4·∂q/q_Y), with ∂a = X̄A (or K_X Ȳ) and ∂q = ȲB (or K_Y Ȳ) as above
    const g = axpby((2 * value) / a, dA(), (-4 * value) / qY, dQ());
    return { value, gradY: axpby(1, g, (2 * value) / tY, Yc) };
  }
  return { value: (Y) => run(Y, false).value, valueAndGrad: (Y) => run(Y, true) };
}

const ensd: MeasureDefinition = {
  id: "ensd",
  family: "ensd",
  formula: "‖X̄ᵀȲ‖²_F·tr(X̄ᵀX̄)·tr(ȲᵀȲ)/(‖X̄ᵀX̄‖²_F·‖ȲᵀȲ‖²_F)",
  ...ORTHOGONAL_SIMILARITY,
  range: [0, Infinity],
  aliases: [],
  notes: "Effective number of shared dimensions (Giaffar et al. 2023; diffscore's and the ENSD repository's definition). Not a [0, 1] score: it counts dimensions, at most min(PR(X), PR(Y)).",
  prepare: (X) => prepareEnsd(X),
};

/** Registers `ensd` and `ensd-distance=angular_normalized`. */
export function registerEnsd(): void {
  addMeasure(ensd);
  const cka: MeasureDefinition = { ...ensd, range: [0, 1], prepare: (X) => prepareLinearCka(X) };
  const angular = withTransform(cka, TRANSFORMS["normalized-angular"], "ensd-distance=angular_normalized", {
    family: "ensd",
    formula: "(2/π)·arccos(ENSD/√(PR(X)·PR(Y))) = (2/π)·arccos(CKA)",
    notes: "The ENSD repository's computeDist. ENSD/√(PR(X)PR(Y)) is exactly linear CKA, so this is (2/π)·arccos(CKA) = 1 − cka-angular-score.",
  });
  addMeasure(angular);
}
