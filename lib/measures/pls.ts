import { Matrix, scale, takeRows } from "../tensor/matrix";
import { prepareBures } from "./procrustes";
import { fitPls, predictPls } from "./pls_regression";
import { addMeasure, addPattern } from "./registry";
import { Split, inSample, shuffledFolds, stratifiedShuffleSplits } from "./splits";
import { zscore } from "./regression_ridgecv";
import { columnCorrelations } from "./regression_scores";
import { INVARIANCE, Invariances, MeasureDefinition } from "./types";
import { nanMean, nanMedian } from "./aggregate";

/**
 * Partial least squares measures of similarity-repository:
 *
 *   pls                                 mean singular value of the cross-covariance X̄ᵀȲ/(n − 1) over min(p, q)
 *                                       (google/svcca's numpy_pls; differentiable)
 *   pls-pearsonr-components={k}         in-sample PLS regression of Y on X with k components (sklearn, unscaled),
 *                                       mean per-target Pearson r of the fit (mouse-vision PLSNeuralMap)
 *   pls-pearsonr-components={k}-cv=5folds  NeuroAIMetrics' PLSreg: KFold(5, shuffle, seed 42), X z-scored per fold,
 *                                       sklearn's default scaled PLS, nanmean_j r_j on the test rows, mean over folds
 *   pls-pearsonr, pls-pearsonr-cv=5folds   Brain-Score's CrossRegressedCorrelation with PLS(25, unscaled): 10 stratified
 *                                       90/10 shuffle splits (seed 1), resp. KFold(5, shuffle, seed 1); median over
 *                                       targets of the test-row Pearson r, mean over splits
 *
 * The PLS fits follow sklearn's NIPALS exactly (pls_regression.ts) and the fold layouts reproduce the
 * seeded numpy permutations, so the published values are matched. All regression forms predict Y (second
 * argument) from X and are value-only (the early-stopped power iteration is not a smooth map).
 *
 *   score("pls-pearsonr-components=25", X, Y)
 */

/** How one cross-validated PLS score is formed from the folds. */
interface PlsProtocol {
  splits(n: number): Split[];
  /** z-score X on the training and on the test rows separately (NeuroAIMetrics). */
  zscoreX: boolean;
  /** sklearn's scale=True. */
  scale: boolean;
  /** per-target correlations → fold score */
  aggregate(r: Float64Array): number;
  /** Use min(components, p) components instead of refusing narrower X (Brain-Score's fixed 25). */
  capComponents?: boolean;
}

/** Mean over splits of the aggregated per-target test correlations of a k-component PLS fit. */
function plsPredictivity(X: Matrix, Y: Matrix, components: number, protocol: PlsProtocol): number {
  const splits = protocol.splits(X.rows);
  if (protocol.capComponents) components = Math.min(components, X.cols);
  let total = 0;
  for (const { train, test } of splits) {
    const rows = test ?? train;
    const prep = (M: Matrix) => (protocol.zscoreX ? zscore(M) : M);
    const model = fitPls(prep(takeRows(X, train)), takeRows(Y, train), components, protocol.scale);
    const prediction = predictPls(model, prep(takeRows(X, rows)));
    total += protocol.aggregate(columnCorrelations(takeRows(Y, rows), prediction));
  }
  return total / splits.length;
}

const PREDICTIVITY_INVARIANCES: Invariances = { ...INVARIANCE.none, isotropicScale: true, translation: true };

function plsRegressionDefinition(id: string, components: number, protocol: PlsProtocol, formula: string, minSamples: number, notes: string): MeasureDefinition {
  return {
    id,
    family: "regression",
    formula,
    range: [-1, 1],
    higherIsMoreSimilar: true,
    symmetric: false,
    invariances: PREDICTIVITY_INVARIANCES,
    differentiable: false,
    stochastic: false,
    minSamples,
    aliases: [],
    notes:
      notes +
      " Y (second argument) is predicted from X. Value only. Not invariant to permuting Y's columns to the last digit: the power iteration starts from Y's first column and stops at sklearn's tolerance.",
    prepare: (X) => ({ value: (Y) => plsPredictivity(X, Y, components, protocol) }),
  };
}

const BRAINSCORE_COMPONENTS = 25;

/** google/svcca numpy_pls: the nuclear norm ‖X̄ᵀȲ‖_* over (n − 1)·min(p, q); gradient X̄P/((n − 1)·min(p, q)). */
const crossCovariancePls: MeasureDefinition = {
  id: "pls",
  family: "pls",
  formula: "Σ_i s_i(X̄ᵀȲ/(n − 1)) / min(p, q)",
  range: [0, Infinity],
  higherIsMoreSimilar: true,
  symmetric: true,
  invariances: { ...INVARIANCE.orthogonal, isotropicScale: false },
  differentiable: true,
  stochastic: false,
  minSamples: 2,
  aliases: [],
  notes:
    "google/svcca's PLS similarity as registered in similarity-repository: the mean of the singular values of the sample cross-covariance (np.cov, n − 1) over min(p, q). In data units (not normalized). The reference fails when p ≠ q or p ≥ n; any shape is accepted here. Gradient through the nuclear norm (X̄P, P the polar factor of X̄ᵀȲ).",
  prepare(X) {
    const parts = prepareBures(X);
    const run = (Y: Matrix, needGrad: boolean) => {
      const b = parts(Y, needGrad);
      const c = 1 / ((Y.rows - 1) * Math.min(X.cols, Y.cols));
      return { value: b.nuclear * c, gradY: b.dNuclear ? scale(b.dNuclear, c) : Y };
    };
    return { value: (Y) => run(Y, false).value, valueAndGrad: (Y) => run(Y, true) };
  },
};

/** Registers pls, pls-pearsonr-components={k}[-cv=5folds], pls-pearsonr and pls-pearsonr-cv=5folds. */
export function registerPls(): void {
  addMeasure(crossCovariancePls);
  addPattern({
    template: "pls-pearsonr-components={k}[-cv=5folds]",
    pattern: /^pls-pearsonr-components=(\d+)(-cv=5folds)?$/,
    build: (id, m) =>
      m[2]
        ? plsRegressionDefinition(
            id,
            Number(m[1]),
            { splits: (n) => shuffledFolds(n, 5, 42), zscoreX: true, scale: true, aggregate: nanMean },
            `mean over 5 shuffled folds of nanmean_j corr(y_j, ŷ_j), ŷ from sklearn PLSRegression(${m[1]}) on z-scored X`,
            10,
            "NeuroAIMetrics' PLSreg: sklearn KFold(5, shuffle=True, random_state=42) reproduced exactly, X z-scored on the training and on the test rows separately (population SD), PLSRegression with its default scale=True, per-target Pearson r on the test rows averaged with undefined ones skipped, then averaged over folds. X needs at least k features (sklearn's bound).",
          )
        : plsRegressionDefinition(
            id,
            Number(m[1]),
            { splits: inSample, zscoreX: false, scale: false, aggregate: nanMean },
            `mean_j corr(y_j, ŷ_j), ŷ = in-sample fit of sklearn PLSRegression(${m[1]}, scale=False)`,
            2,
            "mouse-vision's PLSNeuralMap as registered in similarity-repository: fitted and scored on the same rows (no cross-validation), per-target Pearson r averaged (targets with an undefined correlation skipped; the reference returns NaN). X needs at least k features (sklearn's bound).",
          ),
    examples: ["pls-pearsonr-components=3", "pls-pearsonr-components=3-cv=5folds"],
  });
  addMeasure(
    plsRegressionDefinition(
      "pls-pearsonr",
      BRAINSCORE_COMPONENTS,
      { splits: (n) => stratifiedShuffleSplits(n, 10, 0.9, 1), zscoreX: false, scale: false, aggregate: nanMedian, capComponents: true },
      "mean over 10 shuffle splits (90/10) of median_j corr(y_j, ŷ_j), ŷ from PLSRegression(25, scale=False)",
      10,
      "Brain-Score's CrossRegressedCorrelation with pls_regression (25 components, unscaled) and its default cross-validation: StratifiedShuffleSplit(10, train_size=0.9, random_state=1) over one stratum, reproduced exactly; median over targets of the test-row Pearson r, mean over splits. X with fewer than 25 features gets as many components as features (the reference fails there).",
    ),
  );
  addMeasure(
    plsRegressionDefinition(
      "pls-pearsonr-cv=5folds",
      BRAINSCORE_COMPONENTS,
      { splits: (n) => shuffledFolds(n, 5, 1), zscoreX: false, scale: false, aggregate: nanMedian, capComponents: true },
      "mean over 5 shuffled folds of median_j corr(y_j, ŷ_j), ŷ from PLSRegression(25, scale=False)",
      10,
      "Brain-Score's CrossRegressedCorrelation with pls_regression (25 components, unscaled) and kfold=True: KFold(5, shuffle=True, random_state=1), reproduced exactly; median over targets of the test-row Pearson r, mean over folds. X with fewer than 25 features gets as many components as features (the reference fails there).",
    ),
  );
}
