import { addMeasure } from "./registry";
import { conditionSplits } from "./splits";
import { RegressionSpec, angularWithCutoff, regressionMethods } from "./regression_measure";
import { pooledR2 } from "./regression_scores";
import type { MeasureDefinition } from "./types";

/**
 * Condition-split cross-validated linear regression (diffscore `linreg-cv`, `linreg-angular-cv`;
 * paper §2.3): 5 times, permute the conditions (axis 1 of a (T, C, N) input; the rows of a 2-D
 * input) with ctx.rng, fit X̄ on Ȳ (least squares, means of the fit rows) on the first ⌊0.8·C⌋
 * conditions at all time steps, and score the pooled R² of the other conditions:
 *
 *   linreg-cv         = mean_s R²_s
 *   linreg-angular-cv = mean_s arccos(R²_s)   (0 when |R²_s − 1| < 1e-5; arccos of R² < −1 is π)
 *
 * Stochastic: each evaluation draws new splits from the seeded generator (score(…, {seed})).
 *
 *   score("linreg-cv", X, Y, { seed: 1 });
 */
const SPEC: RegressionSpec = {
  lambda: 0,
  center: true,
  scorer: pooledR2,
  aggregate: "mean",
  splits: (_rows, ctx) => conditionSplits(ctx.shapeX, 5, 0.8, ctx.rng),
  stochastic: true,
};

const NOTES =
  "Predicts X from Y. Splits conditions, not time blocks (unlike #5folds_cv); 5 random splits drawn from the seeded generator at every evaluation, so values differ from diffscore's (torch.randperm) draw by draw. " +
  "For 2-D inputs the rows are the conditions. Least squares is minimum-norm (pseudo-inverse) when the fit rows do not determine Y's columns; invariance to invertible linear maps of Y holds only when they do (more fit rows than Y columns).";

function conditionCv(id: string, angular: boolean): MeasureDefinition {
  const spec = angular ? { ...SPEC, perSplit: angularWithCutoff } : SPEC;
  return {
    id,
    family: "regression",
    formula: angular ? "mean over 5 condition splits of arccos(1 − ‖X̄ᵥ − ȲᵥȲₜ⁺X̄ₜ‖²/‖X̄ᵥ‖²)" : "mean over 5 condition splits of 1 − ‖X̄ᵥ − ȲᵥȲₜ⁺X̄ₜ‖²/‖X̄ᵥ‖²",
    range: angular ? [0, Math.PI] : [-Infinity, 1],
    higherIsMoreSimilar: !angular,
    symmetric: false,
    invariances: { permutation: true, orthogonal: true, translation: true, isotropicScale: true, invertibleLinear: true },
    differentiable: true,
    stochastic: true,
    aliases: [],
    minSamples: 2,
    notes: NOTES,
    ...regressionMethods(spec, "X from Y"),
  };
}

/** Registers linreg-cv and linreg-angular-cv. */
export function registerConditionSplitRegression(): void {
  addMeasure(conditionCv("linreg-cv", false));
  addMeasure(conditionCv("linreg-angular-cv", true));
}
