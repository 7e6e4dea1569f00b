import { addMeasure, addPattern } from "./registry";
import { contiguousFolds, inSample } from "./splits";
import { RegressionSpec, regressionMethods } from "./regression_measure";
import { ridgeCvPredictivity } from "./regression_ridgecv";
import { perTargetPearson, perTargetR2 } from "./regression_scores";
import type { Invariances, MeasureDefinition, MeasureInfo } from "./types";

/**
 * similarity-repository's standardized regression ids, with the conventions of the implementations
 * behind them, worked out from the golden values (both argument orders):
 *
 *   ridge-lambda={λ}-r2, kernel_ridge-lambda={λ}-r2    (brain_language_nlp)
 *       in-sample ridge WITHOUT intercept or centering, Y predicted from X:
 *       B = (XᵀX + λI)⁻¹XᵀY,  score = mean_j R²_j(y_j, (XB)_j)  (per-target R², centered denominators)
 *       The kernel form Xᵀ(XXᵀ + λI)⁻¹Y is the same estimator, hence the same values.
 *   ridge-lambda={λ}-{r2|pearsonr2}-cv=5folds           (DeepDive)
 *       sklearn Ridge(λ) with intercept on 5 contiguous folds, Y predicted from X, the out-of-fold
 *       predictions of all rows pooled, then per-target R² (or squared Pearson r) averaged over targets.
 *   ridge-pearsonr-cv=5folds[-reverse]                  (NeuroAIMetrics; see regression_ridgecv.ts)
 *       RidgeCV on z-scored features, shuffled folds (seed 42), per-target Pearson r; Y predicted
 *       from X, or X from Y with -reverse. Value only.
 *   linear_regression                                   (resi) = linreg (registered in regression.ts)
 *
 * Not registered, because the only reference values come from implementations that compute
 * something else (meta.known_registry_issues of the golden file): linear_regression-pearsonr,
 * ridge-lambda=1-pearsonr, pls-pearsonr[-cv=5folds] (brainscore runs PLS with 25 components for all
 * three), linear_regression-{r2,pearsonr2}-cv=5folds (DeepDive ignores the λ = 0 it is given and
 * fits Ridge(1)), and ridge-lambda=1-pearsonr-cv=5folds (brainscore's PLS and DeepDive tie 1 : 1,
 * with no majority to target). The honest λ = 0 versions are ridge-lambda=0-….
 */

const NUMBER = "(\\d+(?:\\.\\d*)?(?:e[+-]?\\d+)?)";

/** Y is the target: per-target scores are invariant to scaling and permuting its columns, not to rotations. */
const perTargetInvariances = (translation: boolean): Invariances => ({
  permutation: true,
  isotropicScale: true,
  translation,
  orthogonal: false,
  invertibleLinear: false,
});

type Meta = Pick<MeasureInfo, "formula" | "range" | "invariances" | "minSamples" | "notes">;

function repositoryMeasure(id: string, meta: Meta, methods: Pick<MeasureDefinition, "prepare" | "valueAndGrads" | "isotropicScaleX">, differentiable = true): MeasureDefinition {
  return { id, family: "regression", higherIsMoreSimilar: true, symmetric: false, differentiable, stochastic: false, aliases: [], ...meta, ...methods };
}

/** brain_language_nlp ridge: in-sample, no intercept, per-target R², Y from X. */
function uncenteredRidge(id: string, lambda: number): MeasureDefinition {
  const spec: RegressionSpec = { lambda, center: false, scorer: perTargetR2, aggregate: "mean", splits: inSample, stochastic: false };
  return repositoryMeasure(
    id,
    {
      formula: `mean_j R²(y_j, (XB)_j), B = (XᵀX + ${lambda}·I)⁺XᵀY (no intercept, in-sample)`,
      range: [-Infinity, 1],
      invariances: perTargetInvariances(false),
      minSamples: 2,
      notes:
        "Convention of brain_language_nlp (majority and only implementation): predicts Y (second argument) from X, raw data without centering or intercept, R² per target with mean-centered denominators, averaged over targets. Not translation-invariant. Kernel ridge is the same estimator in dual form.",
    },
    regressionMethods(spec, "Y from X"),
  );
}

/** DeepDive ridge CV: intercept, 5 contiguous folds, pooled out-of-fold predictions, per-target score, Y from X. */
function deepDiveRidge(id: string, lambda: number, score: "r2" | "pearsonr2"): MeasureDefinition {
  const spec: RegressionSpec = {
    lambda,
    center: true,
    scorer: score === "r2" ? perTargetR2 : perTargetPearson(true),
    aggregate: "pooled",
    splits: (rows) => contiguousFolds(rows, 5),
    stochastic: false,
  };
  return repositoryMeasure(
    id,
    {
      formula: `mean_j ${score === "r2" ? "R²" : "corr²"}(y_j, ŷ_j), ŷ = out-of-fold predictions of sklearn Ridge(${lambda}) (intercept) from X, 5 contiguous folds`,
      range: score === "r2" ? [-Infinity, 1] : [0, 1],
      invariances: perTargetInvariances(true),
      minSamples: 5,
      notes:
        "Convention of DeepDive (the only implementation): predicts Y (second argument) from X with an intercept, folds are contiguous row blocks (KFold without shuffle), the out-of-fold predictions of all rows are pooled before scoring each target, and scores are averaged over targets. A constant target column counts as R² 0 (1 if predicted exactly) or correlation 0.",
    },
    regressionMethods(spec, "Y from X"),
  );
}

/** NeuroAIMetrics RidgeCV predictivity (value only): Y from X, or X from Y with `reverse`. */
function neuroAiRidge(id: string, reverse: boolean): MeasureDefinition {
  return repositoryMeasure(
    id,
    {
      formula: `mean over 5 shuffled folds of nanmean_j corr(t_j, t̂_j), t = ${reverse ? "X, t̂ from z-scored Y" : "Y, t̂ from z-scored X"} by ridge with leave-one-out λ ∈ 10^{-8..8}`,
      range: [-1, 1],
      invariances: { permutation: true, isotropicScale: true, translation: true, orthogonal: false, invertibleLinear: false },
      minSamples: 10,
      notes:
        "Convention of NeuroAIMetrics (the only implementation): sklearn KFold(5, shuffle=True, random_state=42) reproduced exactly (numpy MT19937 permutation), train and test features z-scored separately, RidgeCV(alphas=logspace(-8, 8, 17)) with intercept and exact leave-one-out selection, per-target Pearson r averaged with NaN columns skipped. Value only: λ is a discrete choice.",
    },
    { prepare: (X) => ({ value: (Y) => (reverse ? ridgeCvPredictivity(Y, X) : ridgeCvPredictivity(X, Y)) }), valueAndGrads: undefined },
    false,
  );
}

/** Registers the similarity-repository regression ids (λ-general patterns where natural). */
export function registerRepositoryRegression(): void {
  addPattern({
    template: "{ridge|kernel_ridge}-lambda={λ}-r2",
    pattern: new RegExp(`^(?:kernel_)?ridge-lambda=${NUMBER}-r2$`),
    build: (id, m) => uncenteredRidge(id, Number(m[1])),
    examples: ["ridge-lambda=1-r2", "kernel_ridge-lambda=1-r2"],
  });
  addPattern({
    template: "ridge-lambda={λ}-{r2|pearsonr2}-cv=5folds",
    pattern: new RegExp(`^ridge-lambda=${NUMBER}-(r2|pearsonr2)-cv=5folds$`),
    build: (id, m) => deepDiveRidge(id, Number(m[1]), m[2] as "r2" | "pearsonr2"),
    examples: ["ridge-lambda=1-r2-cv=5folds", "ridge-lambda=1-pearsonr2-cv=5folds"],
  });
  addMeasure(neuroAiRidge("ridge-pearsonr-cv=5folds", false));
  addMeasure(neuroAiRidge("ridge-pearsonr-cv=5folds-reverse", true));
}
