import { InputError } from "../errors";
import { Matrix, centerCols, gramCols, matmul, matmulNT, matmulTN } from "../tensor/matrix";
import { cholesky, choleskySolve } from "../tensor/linalg/cholesky";
import { eigh } from "../tensor/linalg/eigh";
import { polar } from "../tensor/linalg/polar";
import { TRANSFORMS } from "./transforms";
import { addMeasure } from "./registry";
import { INVARIANCE, MeasureDefinition, PreparedMeasure } from "./types";

/**
 * Projection-weighted CCA (Morcos et al. 2018) following google/svcca's `compute_pwcca`, the
 * implementation shared by the agreeing similarity-repository backends (contrasim, resi, rtd, svcca).
 * With A = the input with fewer features (X on ties), B the other, Ā, B̄ centered:
 *
 *   Q_A, Q_B = polar factors of Ā, B̄ (Q = Ā·(ĀᵀĀ)^{-½});   Q_AᵀQ_B·Q_BᵀQ_A = u·diag(ρ²)·uᵀ (ρ descending)
 *   D = Ā·u   (google's "directions": u rotates Ā itself, not its whitened version)
 *   P = orthonormalized columns of D (QR);   w_i = Σ_j |⟨P_i, ā_j⟩| over the features ā_j of Ā
 *   pwcca = Σ_i w_i ρ_i / Σ_i w_i
 *
 * One deliberate deviation: the reference adds the feature means back to the directions
 * (D + 1·μᵀ, with μ_i of feature i added to direction i), which makes its value depend on the
 * arbitrary signs LAPACK gives the singular vectors u_i; here D stays centered, so the value is
 * well defined and equals the reference for centered inputs (≈1e-3 away on the golden cases). Needs
 * fewer features than samples on both sides. Where several ρ are equal the basis u of that
 * eigenspace, and so the weights, are still arbitrary (as in the reference). Value only.
 *
 *   score("pwcca-score", X, Y);
 */
export function pwcca(X: Matrix, Y: Matrix): number {
  const [A, B] = X.cols <= Y.cols ? [X, Y] : [Y, X];
  if (A.cols >= A.rows || B.cols >= B.rows)
    throw new InputError(A === X ? "X" : "Y", "fewer features than samples for PWCCA (the canonical weights need invertible covariances)", `got ${A.rows}×${A.cols} and ${B.rows}×${B.cols}`);
  const Ac = centerCols(A);
  const C = matmulTN(polar(Ac).factor, polar(centerCols(B)).factor); // Σ_AA^{-½}Σ_AB Σ_BB^{-½}
  const { values, vectors } = eigh(matmulNT(C, C));
  const k = values.length;
  const rho = Array.from({ length: k }, (_, i) => Math.sqrt(Math.max(0, values[k - 1 - i])));
  const u = new Matrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) u.data[i * k + j] = vectors.data[i * k + (k - 1 - j)];
  const D = matmul(Ac, u);
  const L = cholesky(gramCols(D));
  const P = matmul(D, choleskySolve(L, L)); // D·L^{-ᵀ}: Gram–Schmidt of D's columns
  const proj = matmulTN(P, Ac);
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    let w = 0;
    for (let j = 0; j < A.cols; j++) w += Math.abs(proj.data[i * A.cols + j]);
    num += w * rho[i];
    den += w;
  }
  return den > 0 ? num / den : 0;
}

/**
 * sim_metric's PWCCA distance (Ding et al. 2021, `pwcca_dist`), the convention behind
 * `pwcca-distance=one_minus_score`. With Q_X, Q_Y the polar factors of X̄, Ȳ and Q_XᵀQ_Y·Q_YᵀQ_X =
 * u·diag(ρ²)·uᵀ (all p_X eigenvectors, ρ descending):
 *
 *   w_i ∝ Σ_j |(uᵀ Q_Xᵀ X̄)_ij| = Σ_j |(uᵀ (X̄ᵀX̄)^½)_ij|   (canonical variates of X against X's own features)
 *   value = 1 − Σ_i w_i ρ_i,   Σ_i w_i = 1
 *
 * The weights always come from X (the first argument). X may not have more features than Y: the
 * reference would then weight directions of X without a canonical partner along an arbitrary basis.
 *
 *   pwccaSimMetricDistance(X, Y);
 */
export function pwccaSimMetricDistance(X: Matrix, Y: Matrix): number {
  if (X.cols >= X.rows || Y.cols >= Y.rows)
    throw new InputError(X.cols >= X.rows ? "X" : "Y", "fewer features than samples for PWCCA (the canonical weights need invertible covariances)", `got ${X.rows}×${X.cols} and ${Y.rows}×${Y.cols}`);
  if (X.cols > Y.cols)
    throw new InputError("Y", `at least as many features as X (${X.cols}) for sim_metric's PWCCA, whose weights of unpartnered directions of X are not determined`, `got ${Y.cols}`);
  const Xc = centerCols(X);
  const QX = polar(Xc).factor;
  const C = matmulTN(QX, polar(centerCols(Y)).factor);
  const { values, vectors } = eigh(matmulNT(C, C));
  const p = values.length;
  const variates = matmulTN(vectors, matmulTN(QX, Xc)); // row k: eigenvector k (ascending) against X's features
  let num = 0;
  let den = 0;
  for (let k = 0; k < p; k++) {
    let w = 0;
    for (let j = 0; j < p; j++) w += Math.abs(variates.data[k * p + j]);
    num += w * Math.sqrt(Math.max(0, values[k]));
    den += w;
  }
  return den > 0 ? 1 - num / den : 1;
}

function prepared(X: Matrix, output: "score" | "angular" | "euclidean" | "squared_euclidean"): PreparedMeasure {
  const Xc = centerCols(X);
  let a2 = 0;
  for (const v of Xc.data) a2 += v * v;
  return {
    value(Y: Matrix) {
      const s = pwcca(X, Y);
      if (output === "score") return s;
      if (output === "angular") return TRANSFORMS.angular.apply(s);
      let b2 = 0;
      for (const v of centerCols(Y).data) b2 += v * v;
      const d2 = Math.max(0, a2 + b2 - 2 * Math.sqrt(a2 * b2) * s);
      return output === "euclidean" ? Math.sqrt(d2) : d2;
    },
  };
}

function definition(id: string, output: "score" | "angular" | "euclidean" | "squared_euclidean", formula: string): MeasureDefinition {
  return {
    id,
    family: "pwcca",
    formula,
    range: output === "score" ? [0, 1] : output === "angular" ? [0, Math.PI / 2] : [0, Infinity],
    higherIsMoreSimilar: output === "score",
    symmetric: false,
    invariances: { ...INVARIANCE.none, permutation: true, translation: true, isotropicScale: output === "score" || output === "angular" },
    differentiable: false,
    stochastic: false,
    minSamples: 3,
    aliases: [],
    notes:
      "google/svcca compute_pwcca conventions (weights from the side with fewer features, u rotating the centered data) except that " +
      "the feature means are not added back to the directions: in the reference that step makes the value depend on the arbitrary " +
      "signs of LAPACK's singular vectors, so the golden values are not reproducible exactly (≈1e-3 away). sim_metric's variant is " +
      "not followed. Not symmetric; not invariant to orthogonal maps of the weighting input (absolute projections on individual " +
      "features). Euclidean forms use the raw centered norms.",
    prepare: (X) => prepared(X, output),
  };
}

/** Registers pwcca-score and its distances. */
export function registerPwcca(): void {
  addMeasure(definition("pwcca-score", "score", "Σ w_i ρ_i / Σ w_i, w_i = Σ_j |⟨P_i, a_j⟩|"));
  addMeasure(definition("pwcca-distance=angular", "angular", "arccos(pwcca)"));
  addMeasure(definition("pwcca-distance=euclidean", "euclidean", "√(‖X̄‖² + ‖Ȳ‖² − 2‖X̄‖‖Ȳ‖·pwcca)"));
  addMeasure(definition("pwcca-distance=squared_euclidean", "squared_euclidean", "‖X̄‖² + ‖Ȳ‖² − 2‖X̄‖‖Ȳ‖·pwcca"));
  addMeasure({
    ...definition("pwcca-distance=one_minus_score", "score", "1 − Σ_i w_i ρ_i, w_i ∝ Σ_j |⟨canonical variate i of X, x̄_j⟩|"),
    range: [0, 1],
    higherIsMoreSimilar: false,
    invariances: INVARIANCE.linear,
    notes:
      "sim_metric's pwcca_dist (Ding et al. 2021), the only implementation of this id: weights from the canonical variates of X (first argument) against X's own centered features, normalized over all of X's directions; X needs fewer features than samples and no more than Y. " +
      "Unchanged by any invertible linear map of Y (only span(Ȳ) enters), not by orthogonal maps of X. When p_X + p_Y > n − 1 several canonical correlations equal 1 and the weights depend on an arbitrary basis of that eigenspace, as in the reference. Value only.",
    prepare: (X) => ({ value: (Y) => pwccaSimMetricDistance(X, Y) }),
  });
}
