import { Matrix } from "../tensor/matrix";
import { standardizedColumns } from "./elementary";
import { addMeasure } from "./registry";
import { INVARIANCE, MeasureDefinition, ValueGrad } from "./types";

/**
 * Inter-subject correlation (nnsrm-neurips18's `isc`, as registered in similarity-repository): the mean
 * of the full p×q matrix of Pearson correlations between the units (columns) of X and those of Y,
 *
 *   isc = (1/pq) Σ_ij corr(x_i, y_j) = ⟨s_X, s_Y⟩/(pq),   s = Σ_j z_j  (z_j = unit-norm centered column j)
 *   ∂isc/∂y_j = (s_X − ⟨s_X, z_j⟩ z_j) / (‖ȳ_j‖ pq)      (0 for a constant column, whose correlations are 0)
 *
 *   score("isc", X, Y)
 */
function iscPrepared(X: Matrix): (Y: Matrix, needGrad: boolean) => ValueGrad {
  const zx = standardizedColumns(X).Z;
  const n = X.rows;
  const sx = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < X.cols; j++) sx[i] += zx.data[i * X.cols + j];
  return (Y, needGrad) => {
    const { Z: zy, norms } = standardizedColumns(Y);
    const q = Y.cols;
    const pq = X.cols * q;
    const proj = new Float64Array(q); // ⟨s_X, z_j⟩
    for (let i = 0; i < n; i++) for (let j = 0; j < q; j++) proj[j] += sx[i] * zy.data[i * q + j];
    const value = proj.reduce((s, v) => s + v, 0) / pq;
    if (!needGrad) return { value, gradY: Y };
    const g = new Matrix(n, q);
    for (let j = 0; j < q; j++) {
      if (!(norms[j] > 1e-300)) continue;
      for (let i = 0; i < n; i++) g.data[i * q + j] = (sx[i] - proj[j] * zy.data[i * q + j]) / (norms[j] * pq);
    }
    return { value, gradY: g };
  };
}

const isc: MeasureDefinition = {
  id: "isc",
  family: "correlation",
  formula: "(1/pq) Σ_ij corr(x_i, y_j)",
  range: [-1, 1],
  higherIsMoreSimilar: true,
  symmetric: true,
  invariances: { ...INVARIANCE.none, permutation: true, isotropicScale: true, translation: true },
  differentiable: true,
  stochastic: false,
  minSamples: 2,
  aliases: [],
  notes:
    "nnsrm-neurips18's inter-subject correlation: the mean of every cross-correlation between a unit of X and a unit of Y (not only matched pairs), so it is near 0 for unrelated data and is not 1 for X = Y unless every unit is perfectly correlated with every other. Constant columns correlate 0 (numpy gives NaN).",
  prepare(X) {
    const f = iscPrepared(X);
    return { value: (Y) => f(Y, false).value, valueAndGrad: (Y) => f(Y, true) };
  },
};

/** Registers isc. */
export function registerIsc(): void {
  addMeasure(isc);
}
