import { InputError } from "../errors";
import { Matrix, colMeans, centerCols, dot, frobenius, matmul, matmulTN, takeRows } from "../tensor/matrix";
import { Polar, polar, polarBackward, polarNewtonSchulz } from "../tensor/linalg/polar";
import { addMeasure } from "./registry";
import { Split, conditionSplits, contiguousFolds } from "./splits";
import { INVARIANCE, Invariances, MeasureContext, MeasureDefinition, PreparedMeasure, ValueGrad } from "./types";

/**
 * Cross-validated Procrustes (diffscore's `RegCCA(alpha=1)` fitted on some rows, scored on the others):
 *
 *   fit:    μ_X, μ_Y = means of the fit rows;  P = polar factor of (X_f − μ_X)ᵀ(Y_f − μ_Y)  (= U·Vᵀ)
 *   score:  A = X̃ᵀỸ with X̃ = X_v − μ_X, Ỹ = Y_v − μ_Y on the held-out rows, c = ⟨A, P⟩
 *           cos = c / (‖X̃‖‖Ỹ‖),  θ = arccos(cos),  d = √(‖X̃‖² + ‖Ỹ‖² − 2c)
 *
 * averaged over splits. Splits are either 5 contiguous row folds (sklearn KFold without shuffling,
 * deterministic) or 5 random condition splits keeping ⌊0.8·C⌋ conditions for the fit (axis 1 of a
 * 3-D input, rows of a 2-D one; drawn from the measure's seeded generator, a fresh draw at every
 * evaluation as in diffscore). The gradient follows Y through the held-out term, through the fitted
 * rotation (polarBackward) and through the fit-row means:
 *
 *   ∂c/∂Ỹ = X̃·P,   ∂c/∂Ȳ_f = X̄_f·P̄ with P̄ = polarBackward(⟨A, dP⟩),   fit rows − colsum(∂/∂Ỹ)/n_fit
 *
 * The reference code zero-pads to equal widths and takes a full SVD; the padded directions meet
 * zero columns on one side, so the thin polar factor gives the same value whenever the fit
 * cross-covariance has rank min(p, q). With fewer fit rows than features the reference value
 * depends on LAPACK's arbitrary completion of the singular vectors; the thin factor used here
 * (zero on the null spaces) is the deterministic, minimum-norm choice.
 *
 *   score("procrustes-angular#5folds_cv", X, Y);  score("procrustes-angular-cv", X, Y, { seed: 1 });
 */
type Kind = "angular" | "euclidean";

/** Mean held-out distance over the splits (each with test rows) and its gradient with respect to Y. */
export function crossValidatedProcrustes(X: Matrix, Y: Matrix, splits: Split[], kind: Kind, needGrad: boolean): ValueGrad {
  const grad = new Matrix(Y.rows, Y.cols);
  let total = 0;
  for (const { train: fit, test: held } of splits) {
    if (!held) throw new InputError("splits", "held-out test rows in every split", "an in-sample split");
    const Xf = takeRows(X, fit);
    const Yf = takeRows(Y, fit);
    const mx = colMeans(Xf);
    const my = colMeans(Yf);
    const Xfc = centerCols(Xf, mx);
    const Yfc = centerCols(Yf, my);
    const Xv = centerCols(takeRows(X, held), mx);
    const Yv = centerCols(takeRows(Y, held), my);
    const M = matmulTN(Xfc, Yfc);
    const fitted = polar(M);
    const rotation = accurateFactor(M, fitted);
    const A = matmulTN(Xv, Yv);
    const c = dot(A, rotation);
    const a = frobenius(Xv);
    const b = frobenius(Yv);
    // value and ∂value/∂c, ∂value/∂b
    let value: number;
    let dc: number;
    let db: number;
    if (kind === "angular") {
      const cos = a > 0 && b > 0 ? Math.min(1, Math.max(-1, c / (a * b))) : 0;
      value = Math.acos(cos);
      const r = 1 - cos * cos;
      const slope = a > 0 && b > 0 && r > 1e-300 ? -1 / Math.sqrt(r) : 0;
      dc = slope / (a * b || 1);
      db = (-slope * c) / (a * b * b || 1);
    } else {
      value = Math.sqrt(Math.max(0, a * a + b * b - 2 * c));
      dc = value > 0 ? -1 / value : 0;
      db = value > 0 ? b / value : 0;
    }
    total += value;
    if (!needGrad) continue;
    // held-out rows: dc·X̃P + db·Ỹ/b;  fit rows: dc·X̄_f·P̄
    const gHeld = matmul(Xv, rotation);
    for (let i = 0; i < gHeld.data.length; i++) gHeld.data[i] = dc * gHeld.data[i] + (b > 0 ? (db * Yv.data[i]) / b : 0);
    const gFit = fitted.svd.s.length ? matmul(Xfc, polarBackward(fitted.svd, A)) : new Matrix(fit.length, Y.cols);
    const heldSum = new Float64Array(Y.cols);
    for (let k = 0; k < held.length; k++) for (let j = 0; j < Y.cols; j++) heldSum[j] += gHeld.data[k * Y.cols + j];
    const w = 1 / splits.length;
    for (let k = 0; k < held.length; k++)
      for (let j = 0; j < Y.cols; j++) grad.data[held[k] * Y.cols + j] += w * gHeld.data[k * Y.cols + j];
    for (let k = 0; k < fit.length; k++)
      for (let j = 0; j < Y.cols; j++) grad.data[fit[k] * Y.cols + j] += w * (dc * gFit.data[k * Y.cols + j] - heldSum[j] / fit.length);
  }
  return { value: total / splits.length, gradY: grad };
}

/**
 * The held-out score depends on the fitted rotation P itself (not only through ‖M‖_*, which is
 * stationary in P), so P must be accurate to rounding: the Gram-eigendecomposition route carries
 * errors ≈ ε·κ(M)² that show up as noise in finite differences. For full-rank M the factor is
 * refined by Newton–Schulz (products of M itself, accurate to ≈ ε·κ), started with the lower
 * bound the SVD already gives; rank-deficient M keeps the thin factor (Newton–Schulz would
 * amplify its rounding-level singular values).
 */
function accurateFactor(M: Matrix, fitted: Polar): Matrix {
  const { s } = fitted.svd;
  const k = Math.min(M.rows, M.cols);
  if (s.length === 0 || s.length < k) return fitted.factor;
  return polarNewtonSchulz(M, (0.5 * s[s.length - 1]) / (s[0] * Math.sqrt(Math.sqrt(k)))).factor;
}

function preparedCv(X: Matrix, kind: Kind, splitsFor: (Y: Matrix) => Split[], post: (v: number) => number, slope: number): PreparedMeasure {
  const run = (Y: Matrix, needGrad: boolean) => {
    const r = crossValidatedProcrustes(X, Y, splitsFor(Y), kind, needGrad);
    if (slope !== 1) for (let i = 0; i < r.gradY.data.length; i++) r.gradY.data[i] *= slope;
    return { value: post(r.value), gradY: r.gradY };
  };
  return { value: (Y) => run(Y, false).value, valueAndGrad: (Y) => run(Y, true) };
}

const ANGULAR_INVARIANCES: Invariances = INVARIANCE.orthogonal;
const EUCLIDEAN_INVARIANCES: Invariances = { ...INVARIANCE.orthogonal, isotropicScale: false };

const base = {
  family: "procrustes",
  symmetric: true,
  differentiable: true,
  minSamples: 5,
};

function kfold(id: string, kind: Kind, angularScore: boolean, aliases: string[], notes: string): MeasureDefinition {
  return {
    ...base,
    id,
    formula: angularScore
      ? "1 − (2/π)·mean over 5 contiguous folds of arccos(⟨X̃ᵀỸ, P_fit⟩/(‖X̃‖‖Ỹ‖))"
      : kind === "angular"
        ? "mean over 5 contiguous folds of arccos(⟨X̃ᵀỸ, P_fit⟩/(‖X̃‖‖Ỹ‖))"
        : "mean over 5 contiguous folds of √(‖X̃‖² + ‖Ỹ‖² − 2⟨X̃ᵀỸ, P_fit⟩)",
    range: angularScore ? [-1, 1] : kind === "angular" ? [0, Math.PI] : [0, Infinity],
    higherIsMoreSimilar: angularScore,
    invariances: kind === "angular" ? ANGULAR_INVARIANCES : EUCLIDEAN_INVARIANCES,
    stochastic: false,
    aliases,
    notes,
    prepare: (X: Matrix) =>
      preparedCv(X, kind, (Y) => contiguousFolds(Y.rows, 5), angularScore ? (t) => 1 - (2 / Math.PI) * t : (t) => t, angularScore ? -2 / Math.PI : 1),
  };
}

const FOLDS_NOTE =
  "Folds are contiguous blocks of flattened rows (for 3-D data: blocks of time steps), fit and held-out rows centered with the fit means; " +
  "with fewer fit rows than features the reference value is LAPACK-dependent and this one uses the minimum-norm rotation (see procrustes_cv.ts).";

/** Registers the cross-validated Procrustes ids of diffscore, including its mislabelled ones. */
export function registerProcrustesCv(): void {
  addMeasure(
    kfold("procrustes-angular#5folds_cv", "angular", false, ["procrustes-euclidean-score#5folds_cv"],
      "Held-out angular Procrustes distance (radians), 5-fold CV. diffscore registers the same function under the mislabelled " +
        "id procrustes-euclidean-score#5folds_cv (kept as an alias: it is an angle, not a score). " + FOLDS_NOTE),
  );
  addMeasure(
    kfold("procrustes-angular-cv-score", "angular", true, [],
      "diffscore's procrustes-angular-cv-score: 1 − (2/π)·procrustes-angular#5folds_cv (deterministic contiguous folds, as the reference " +
        "code at 43456c2 computes it, not the random condition splits of procrustes-angular-cv). Can be negative: a held-out angle may exceed π/2. " + FOLDS_NOTE),
  );
  addMeasure(
    kfold("procrustes-euclidean#5folds_cv", "euclidean", false, ["procrustes-angular-score#5folds_cv"],
      "Held-out Euclidean Procrustes distance (data units), 5-fold CV. diffscore registers it under the mislabelled id " +
        "procrustes-angular-score#5folds_cv (kept as an alias: it is a distance, not an angular score). " + FOLDS_NOTE),
  );
  addMeasure({
    ...base,
    id: "procrustes-angular-cv",
    formula: "mean over 5 random condition splits (⌊0.8·C⌋ fitted) of the held-out arccos(⟨X̃ᵀỸ, P_fit⟩/(‖X̃‖‖Ỹ‖))",
    range: [0, Math.PI],
    higherIsMoreSimilar: false,
    invariances: ANGULAR_INVARIANCES,
    stochastic: true,
    aliases: [],
    notes:
      "Stochastic: every evaluation draws 5 new permutations of the conditions (axis 1 of 3-D data; rows of 2-D data) from the seeded " +
      "generator, as diffscore's torch.randperm does; the optimizer therefore sees a noisy objective. Same seed, same sequence of splits.",
    prepare: (X: Matrix, ctx: MeasureContext) => preparedCv(X, "angular", () => conditionSplits(ctx.shapeX, 5, 0.8, ctx.rng), (t) => t, 1),
  });
}
