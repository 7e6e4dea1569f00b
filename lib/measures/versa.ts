import { Matrix, takeRows } from "../tensor/matrix";
import { upperTriangle } from "../tensor/pairwise";
import { kendallTau } from "../tensor/ranks";
import { addMeasure } from "./registry";
import { shuffledFolds } from "./splits";
import { ridgeCvFitPredict, zscore } from "./regression_ridgecv";
import { RDMS } from "./rsa";
import { INVARIANCE, MeasureDefinition } from "./types";

/**
 * NeuroAIMetrics' VERSA (voxel-encoding RSA): RSA between the held-out responses and their ridge
 * predictions.
 *
 *   folds = sklearn KFold(5, shuffle=True, random_state=42)
 *   Ŷ_test = RidgeCV (λ ∈ 10^{−8…8}, leave-one-out) fitted on z-scored X_train → Y_train, applied to z-scored X_test
 *   fold score = Kendall τ_b between the upper triangles of 1 − corr(rows of Ŷ_test) and 1 − corr(rows of Y_test)
 *   VERSA = mean over folds
 *
 * The ridge step is the one of `ridge-pearsonr-cv=5folds` (regression_ridgecv.ts). Value only.
 *
 *   versa(X, Y);
 */
export function versa(X: Matrix, Y: Matrix): number {
  const folds = shuffledFolds(X.rows, 5, 42);
  let total = 0;
  for (const { train, test } of folds) {
    const rows = test as Int32Array;
    const prediction = ridgeCvFitPredict(zscore(takeRows(X, train)), takeRows(Y, train), zscore(takeRows(X, rows)));
    const a = upperTriangle(RDMS.correlation.compute(prediction));
    const b = upperTriangle(RDMS.correlation.compute(takeRows(Y, rows)));
    total += kendallTau(a, b).tauB;
  }
  return total / folds.length;
}

const versaDefinition: MeasureDefinition = {
  id: "versa",
  family: "rsa",
  formula: "mean over 5 shuffled folds of τ_b(RDM(Ŷ_test), RDM(Y_test)), Ŷ = RidgeCV prediction from z-scored X, RDM = 1 − row correlations",
  range: [-1, 1],
  higherIsMoreSimilar: true,
  symmetric: false,
  invariances: { ...INVARIANCE.none, isotropicScale: true, permutation: true },
  differentiable: false,
  stochastic: false,
  minSamples: 15,
  aliases: [],
  notes:
    "NeuroAIMetrics' VERSA, the only implementation: folds of sklearn KFold(5, shuffle=True, random_state=42) reproduced exactly, Y (second argument) predicted from X by RidgeCV as in ridge-pearsonr-cv=5folds, then Kendall's τ_b between the correlation-distance RDMs of the predicted and the actual test responses, averaged over folds. Needs at least 3 test rows per fold (15 samples). Not translation-invariant: shifting Y's columns changes the correlations between its rows. When λ* is very large the predictions are nearly constant and their RDM is set by rounding, so the value is then fragile. Value only.",
  prepare: (X) => ({ value: (Y) => versa(X, Y) }),
};

/** Registers versa. */
export function registerVersa(): void {
  addMeasure(versaDefinition);
}
