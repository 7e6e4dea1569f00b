import { addMeasure, addPattern } from "./registry";
import { contiguousFolds, inSample } from "./splits";
import { Direction, RegressionSpec, angularWithCutoff, regressionMethods } from "./regression_measure";
import { pooledCosine, pooledR2 } from "./regression_scores";
import { registerConditionSplitRegression } from "./regression_condition_cv";
import { registerRepositoryRegression } from "./regression_repository";
import { withTransform } from "./transforms";
import type { Invariances, MeasureDefinition } from "./types";

/**
 * The paper's regression measures (nacloos/diffscore `measure_linreg`; paper §2.3–2.4): X (the
 * reference) is predicted from Y by ridge regression, both centered with the training means,
 *
 *   B = (ȲₜᵀȲₜ + λI)⁺ ȲₜᵀX̄ₜ,   X̂ᵥ = ȲᵥB
 *   r2        = 1 − ‖X̄ᵥ − X̂ᵥ‖²_F / ‖X̄ᵥ‖²_F      (pooled over all neurons: variance-weighted)
 *   pearsonr  = ⟨X̄ᵥ, X̂ᵥ⟩_F / (‖X̄ᵥ‖_F ‖X̂ᵥ‖_F)     (a pooled cosine, not a per-neuron correlation)
 *
 * averaged over 5 contiguous folds (`#5folds_cv`; for 3-D data the folds are blocks of time steps)
 * or computed in-sample (`#no_cv`); `-sym` averages score(X, Y) and score(Y, X). λ = 0 uses the
 * minimum-norm least-squares solution, so zero-padded, rank-deficient or wide Y project onto span(Ȳ)
 * exactly (quirk #10: diffscore's QR of a zero-padded Y overstates R²). No zero padding is needed:
 * padded columns add nothing to a regression.
 *
 *   score("linreg", X, Y);                        // in-sample R², paper "Linear Regression"
 *   score("ridge-lambda100-r2#5folds_cv", X, Y);  // paper "Ridge Regression CV"
 *   scoreAndGrad("ridge-lambda10-pearsonr-sym#no_cv", X, Y).gradY;
 */

const NUMBER = "(\\d+(?:\\.\\d*)?(?:e[+-]?\\d+)?)";

/** The diffscore spec: ridge λ, pooled r2 or cosine, k contiguous folds or in-sample (k = null). */
export function diffscoreSpec(lambda: number, scoreName: "r2" | "pearsonr", folds: number | null): RegressionSpec {
  return {
    lambda,
    center: true,
    scorer: scoreName === "r2" ? pooledR2 : pooledCosine,
    aggregate: "mean",
    splits: (rows) => (folds === null ? inSample(rows) : contiguousFolds(rows, folds)),
    stochastic: false,
  };
}

/**
 * Transformations of Y that leave a centered ridge score with a pooled scorer unchanged. As
 * regressor: any invertible linear map when λ = 0 (the fit depends on span(Ȳ) only; with CV this
 * needs training blocks of full column rank), only orthogonal maps and permutations when λ > 0 (λ is
 * absolute, so scaling Y changes the penalty). As target too (`-sym`): orthogonal maps and isotropic
 * scaling, not general linear maps.
 */
export function centeredRidgeInvariances(lambda: number, sym: boolean): Invariances {
  return { permutation: true, orthogonal: true, translation: true, isotropicScale: lambda === 0, invertibleLinear: lambda === 0 && !sym };
}

function lambdaNote(lambda: number): string {
  return lambda === 0
    ? "λ = 0: minimum-norm least squares through a pseudo-inverse with rank tolerance q·4ε·μ_max on the eigenvalues of ȲₜᵀȲₜ (diffscore's torch lstsq/QR are unreliable for rank-deficient Y, golden cases flagged implementation_dependent). Invariance to invertible linear maps of Y holds when the training rows determine Y's columns (n_train > q); with fewer rows the minimum-norm solution is only orthogonally invariant."
    : `λ = ${lambda} is absolute (not scaled by n), so the score is not scale-invariant in Y: an optimizer can grow ‖Y‖ to escape the penalty (paper §2.4 (b)).`;
}

/** The definition of a diffscore regression id. */
export function diffscoreRegression(id: string, lambda: number, scoreName: "r2" | "pearsonr", sym: boolean, folds: number | null, aliases: string[] = []): MeasureDefinition {
  const direction: Direction = sym ? "both" : "X from Y";
  const cv = folds === null ? "in-sample" : `mean over ${folds} contiguous folds (time blocks for 3-D data) of`;
  const core = scoreName === "r2" ? "1 − ‖X̄ᵥ − ȲᵥB‖²/‖X̄ᵥ‖²" : "⟨X̄ᵥ, ȲᵥB⟩/(‖X̄ᵥ‖‖ȲᵥB‖)";
  const fit = lambda === 0 ? "B = Ȳₜ⁺X̄ₜ" : `B = (ȲₜᵀȲₜ + ${lambda}·I)⁻¹ȲₜᵀX̄ₜ`;
  const lower = folds === null ? 0 : scoreName === "r2" ? -Infinity : -1;
  return {
    id,
    family: "regression",
    formula: `${sym ? "½[s(X,Y) + s(Y,X)], s = " : ""}${cv} ${core}, ${fit} (train-mean centering)`,
    range: [lower, 1],
    higherIsMoreSimilar: true,
    symmetric: sym,
    invariances: centeredRidgeInvariances(lambda, sym),
    differentiable: true,
    stochastic: false,
    aliases,
    minSamples: folds ?? 2,
    notes: [
      "Predicts X (reference) from Y; rows are samples after flattening (t·C + c).",
      scoreName === "pearsonr" ? "'pearsonr' is diffscore's pooled cosine of the train-mean-centered targets and predictions, not an average of per-neuron correlations." : "R² is pooled over neurons (variance-weighted), as in diffscore.",
      folds === null ? "" : "Folds are contiguous row blocks (sklearn KFold without shuffle); scores are averaged over folds. They split time blocks, not conditions, for 3-D data (paper quirk #8).",
      sym ? "-sym: mean of both prediction directions." : "",
      lambdaNote(lambda),
    ]
      .filter(Boolean)
      .join(" "),
    ...regressionMethods(diffscoreSpec(lambda, scoreName, folds), direction),
  };
}

/** Registers the whole regression family: diffscore ids, condition-split CV and similarity-repository ids. */
export function registerRegression(): void {
  const linreg = diffscoreRegression("linreg", 0, "r2", false, null, ["linreg-r2#no_cv", "linear_regression"]);
  linreg.notes += " Same as linreg-r2#no_cv and resi's linear_regression. Sanity check: for random Y with q columns, E[R²] ≈ q/(n−1).";
  addMeasure(linreg);
  addMeasure(withTransform(linreg, angularWithCutoff, "linreg-angular", { notes: "arccos of R² (not of R); exactly 0 when |R² − 1| < 1e-5, with zero gradient there. " + linreg.notes }));
  addMeasure(diffscoreRegression("linreg-r2#5folds_cv", 0, "r2", false, 5, ["linreg-r2"]));

  addPattern({
    template: "{linreg|ridge-lambda{λ}}-{r2|pearsonr}[-sym]#{{k}folds_cv|no_cv}",
    pattern: new RegExp(`^(?:linreg|ridge-lambda${NUMBER})-(r2|pearsonr)(-sym)?#(?:([2-9]|[1-9]\\d+)folds_cv|(no_cv))$`),
    build: (id, m) => diffscoreRegression(id, m[1] === undefined ? 0 : Number(m[1]), m[2] as "r2" | "pearsonr", m[3] !== undefined, m[5] ? null : Number(m[4])),
    examples: ["linreg-pearsonr#no_cv", "linreg-r2-sym#5folds_cv", "ridge-lambda100-r2#5folds_cv", "ridge-lambda100-r2#no_cv", "ridge-lambda10-pearsonr-sym#5folds_cv", "ridge-lambda1-pearsonr#5folds_cv"],
  });
  addPattern({
    template: "ridge-lambda{λ}-r2 (no suffix: the in-sample #no_cv score)",
    pattern: new RegExp(`^ridge-lambda${NUMBER}-r2$`),
    build: (id, m) => {
      const def = diffscoreRegression(id, Number(m[1]), "r2", false, null);
      def.notes += ` The suffix-less id is the in-sample score (= ridge-lambda${m[1]}-r2#no_cv), as diffscore's notebooks use it (paper §2.4 naming quirk).`;
      return def;
    },
    examples: ["ridge-lambda100-r2"],
  });

  registerConditionSplitRegression();
  registerRepositoryRegression();
}
