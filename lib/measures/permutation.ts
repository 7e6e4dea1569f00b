import { Matrix, centerCols, frobenius, matmulTN } from "../tensor/matrix";
import { linearAssignment } from "../tensor/linalg/assignment";
import { BuresParts, nbsFromParts, procrustesDistanceFromParts } from "./procrustes";
import { addMeasure } from "./registry";
import { TRANSFORMS, withTransform } from "./transforms";
import { INVARIANCE, MeasureDefinition, PreparedMeasure, ValueGrad } from "./types";

/**
 * Permutation shape metric (netrep `PermutationMetric`): Procrustes restricted to permutations of
 * the (zero-padded) feature axis, the best one found by linear assignment on −X̄ᵀȲ:
 *
 *   s = max_Π ⟨X̄, ȲΠ⟩,   score = s/(‖X̄‖‖Ȳ‖),   angular = arccos(score),   euclidean = √(‖X̄‖² + ‖Ȳ‖² − 2s)
 *
 * The gradient holds the optimal Π fixed (valid wherever the optimum is unique): ∂s/∂Ȳ = X̄Πᵀ,
 * i.e. column π(i) of the gradient is column i of X̄.
 *
 * With `center = false` the raw X, Y are used (ReSi's permutation_procrustes).
 *
 *   score("permutation_metric-score", X, Y);
 */
export function preparePermutation(X: Matrix, center = true): (Y: Matrix, needGrad: boolean) => BuresParts {
  const Xc = center ? centerCols(X) : X;
  const normX = frobenius(Xc);
  return (Y, needGrad) => {
    const Yc = center ? centerCols(Y) : Y;
    const p = Math.max(Xc.cols, Yc.cols);
    const cross = matmulTN(Xc, Yc); // p_x × p_y
    const cost = new Matrix(p, p);
    for (let i = 0; i < Xc.cols; i++) for (let j = 0; j < Yc.cols; j++) cost.data[i * p + j] = -cross.data[i * Yc.cols + j];
    const perm = linearAssignment(cost);
    let s = 0;
    const grad = needGrad ? new Matrix(Y.rows, Y.cols) : null;
    for (let i = 0; i < Xc.cols; i++) {
      const j = perm[i];
      if (j >= Yc.cols) continue;
      s += cross.data[i * Yc.cols + j];
      if (grad) for (let r = 0; r < Y.rows; r++) grad.data[r * Y.cols + j] = Xc.data[r * Xc.cols + i];
    }
    return { nuclear: s, normX, normY: frobenius(Yc), Yc, dNuclear: grad };
  };
}

function prepared(X: Matrix, f: (b: BuresParts, needGrad: boolean) => ValueGrad, center = true): PreparedMeasure {
  const parts = preparePermutation(X, center);
  return { value: (Y) => f(parts(Y, false), false).value, valueAndGrad: (Y) => f(parts(Y, true), true) };
}

const permutationScore: MeasureDefinition = {
  id: "permutation_metric-score",
  family: "permutation",
  formula: "max_Π ⟨X̄, ȲΠ⟩ / (‖X̄‖‖Ȳ‖) over permutations Π of the zero-padded features",
  range: [-1, 1],
  higherIsMoreSimilar: true,
  symmetric: true,
  invariances: { ...INVARIANCE.orthogonal, orthogonal: false },
  differentiable: true,
  stochastic: false,
  minSamples: 2,
  aliases: [],
  notes:
    "netrep PermutationMetric (centered, zero-padded, linear assignment). The gradient keeps the optimal permutation fixed; it is " +
    "exact wherever that permutation is unique and jumps where two assignments tie.",
  prepare: (X) => prepared(X, nbsFromParts),
};

/** Registers permutation_metric-{score, distance=angular, distance=euclidean, distance=squared_euclidean} and permutation_procrustes. */
export function registerPermutation(): void {
  addMeasure(permutationScore);
  addMeasure(withTransform(permutationScore, TRANSFORMS.angular, "permutation_metric-distance=angular"));
  const distance = { ...permutationScore, range: [0, Infinity] as [number, number], higherIsMoreSimilar: false, invariances: { ...INVARIANCE.orthogonal, orthogonal: false, isotropicScale: false } };
  addMeasure({ ...distance, id: "permutation_metric-distance=euclidean", homogeneity: 1, formula: "√(‖X̄‖² + ‖Ȳ‖² − 2·max_Π ⟨X̄, ȲΠ⟩)", prepare: (X) => prepared(X, (b, g) => procrustesDistanceFromParts(b, g, false)) });
  addMeasure({ ...distance, id: "permutation_metric-distance=squared_euclidean", homogeneity: 2, formula: "‖X̄‖² + ‖Ȳ‖² − 2·max_Π ⟨X̄, ȲΠ⟩", prepare: (X) => prepared(X, (b, g) => procrustesDistanceFromParts(b, g, true)) });
  addMeasure({
    ...distance,
    id: "permutation_procrustes",
    homogeneity: 1,
    formula: "min_Π ‖X − YΠ‖_F = √(‖X‖² + ‖Y‖² − 2·max_Π ⟨X, YΠ⟩) (raw, zero-padded)",
    invariances: { ...INVARIANCE.none, permutation: true },
    notes:
      "ReSi's PermutationProcrustes: like permutation_metric-distance=euclidean but on the raw (uncentered) arrays, so not translation-invariant. The gradient keeps the optimal permutation fixed (exact wherever it is unique).",
    prepare: (X) => prepared(X, (b, g) => procrustesDistanceFromParts(b, g, false), false),
  });
}
