import { Matrix, addScaledInPlace, axpby, colSums, scale, takeRows } from "../tensor/matrix";
import type { GradientSink, RegressorBlock, TargetBlock } from "./regression_fit";
import type { Split } from "./splits";
import { finishGradients, fitBlock, pairCache, regressorBlocks, targetBlocks } from "./regression_fit";
import type { FitScorer } from "./regression_scores";
import { prepareInSampleLeastSquares } from "./regression_in_sample";
import { TRANSFORMS, Transform } from "./transforms";
import type { MeasureContext, MeasureDefinition, PreparedMeasure, ValueGrads } from "./types";

/**
 * A regression measure as data: which ridge fit, on which row splits, scored how, averaged how.
 *
 *   mean:   score = mean over splits s of perSplit(scorer(T_v − μ_T, P_s))        (diffscore)
 *   pooled: score = scorer(T, P̂) with P̂ the out-of-split predictions P_s + μ_T of every row
 *           (sklearn `cross_val_predict` followed by a metric, as in DeepDive)
 *
 * Gradients with respect to both arguments come from regression_fit.ts, so every regression
 * measure is differentiable with respect to X and Y with no extra code.
 */
export interface RegressionSpec {
  lambda: number;
  /** Center both arguments with the training means (fit an intercept). */
  center: boolean;
  scorer: FitScorer;
  aggregate: "mean" | "pooled";
  /** The row splits for an input of `rows` rows (ctx gives the 3-D shape and the random generator). */
  splits(rows: number, ctx: MeasureContext): Split[];
  /** The splits are drawn from ctx.rng at every evaluation (nothing split-dependent is cached). */
  stochastic: boolean;
  /** Applied to each split's score before averaging ("mean" only), e.g. arccos for linreg-angular-cv. */
  perSplit?: Transform;
}

/** linreg-angular: arccos(R²) — of R², not R — and exactly 0 when |R² − 1| < 1e-5 (diffscore's cut-off). */
export const angularWithCutoff: Transform = {
  ...TRANSFORMS.angular,
  apply: (s) => (Math.abs(s - 1) < 1e-5 ? 0 : TRANSFORMS.angular.apply(s)),
  derivative: (s) => (Math.abs(s - 1) < 1e-5 ? 0 : TRANSFORMS.angular.derivative(s)),
};

/** Which argument is predicted from which. */
export type Direction = "X from Y" | "Y from X" | "both";

interface Evaluation {
  value: number;
  gradT: Matrix | null;
  gradR: Matrix | null;
}

/** Score and gradients of the regression of T on R (blocks precomputed for a fixed side, or built here). */
function evaluate(spec: RegressionSpec, splits: Split[], T: Matrix, R: Matrix, tBlocks: TargetBlock[] | null, rBlocks: RegressorBlock[] | null, want: { T: boolean; R: boolean }): Evaluation {
  const tb = tBlocks ?? targetBlocks(T, splits, spec.center);
  const rb = rBlocks ?? regressorBlocks(R, splits, spec.lambda, spec.center);
  const sink: GradientSink = { T: want.T ? new Matrix(T.rows, T.cols) : null, R: want.R ? new Matrix(R.rows, R.cols) : null };
  const wantGrad = want.T || want.R;
  const pair = pairCache(rb, tb);
  const fits = splits.map((_, k) => fitBlock(rb[k], tb[k], pair, spec.scorer.stationary));
  let value = 0;
  if (spec.aggregate === "mean") {
    const K = splits.length;
    for (let k = 0; k < K; k++) {
      const s = spec.scorer.score(tb[k].test, fits[k].prediction, wantGrad, want.T);
      const t = spec.perSplit;
      value += (t ? t.apply(s.value) : s.value) / K;
      if (wantGrad) {
        const w = (t ? t.derivative(s.value) : 1) / K;
        fits[k].backward({ prediction: scaled(s.prediction, w) as Matrix, testTarget: scaled(s.target, w) }, sink);
      }
    }
  } else {
    const P = new Matrix(T.rows, T.cols);
    splits.forEach((s, k) => addRows(P, s.test as Int32Array, fits[k].prediction, tb[k].mean));
    const s = spec.scorer.score(tb[0].source, P, wantGrad, want.T); // T up to a common shift, like P
    value = s.value;
    if (wantGrad) {
      if (sink.T && s.target) addScaledInPlace(sink.T, 1, s.target);
      splits.forEach((sp, k) => {
        const gP = takeRows(s.prediction as Matrix, sp.test as Int32Array);
        fits[k].backward({ prediction: gP, targetMean: colSums(gP) }, sink);
      });
    }
  }
  finishGradients(sink, rb[0].source, tb[0].source);
  return { value, gradT: sink.T, gradR: sink.R };
}

function scaled(M: Matrix | null, w: number): Matrix | null {
  return M && (w === 1 ? M : scale(M, w));
}

function addRows(P: Matrix, rows: Int32Array, block: Matrix, shift: Float64Array): void {
  const c = P.cols;
  rows.forEach((r, k) => {
    for (let j = 0; j < c; j++) P.data[r * c + j] = block.data[k * c + j] + shift[j];
  });
}

/**
 * The measure of `spec` bound to a reference X, predicting X from Y ("X from Y", the paper's
 * regression measures), Y from X ("Y from X", e.g. similarity-repository's DeepDive ids), or the
 * mean of both ("both", the "-sym" ids). Everything that depends on X and the splits alone (its
 * centered blocks; as regressor, its factorizations) is computed once here.
 *
 *   const m = prepareRegression(spec, "X from Y", X, ctx);
 *   m.valueAndGrad!(Y).gradY;
 */
export function prepareRegression(spec: RegressionSpec, direction: Direction, X: Matrix, ctx: MeasureContext): PreparedMeasure {
  const fixed = spec.stochastic ? null : spec.splits(X.rows, ctx);
  const splitsNow = () => fixed ?? spec.splits(X.rows, ctx);
  const asTarget = fixed && direction !== "Y from X" ? targetBlocks(X, fixed, spec.center) : null;
  const asRegressor = fixed && direction !== "X from Y" ? regressorBlocks(X, fixed, spec.lambda, spec.center) : null;
  const inSampleLeastSquares = prepareInSampleLeastSquares(spec, direction, fixed, X);

  function run(Y: Matrix, wantGrad: boolean): { value: number; gradY: Matrix | null } {
    const fast = inSampleLeastSquares?.(Y, wantGrad);
    if (fast) return fast;
    const splits = splitsNow();
    const forward = direction !== "Y from X" ? evaluate(spec, splits, X, Y, asTarget, null, { T: false, R: wantGrad }) : null;
    const backward = direction !== "X from Y" ? evaluate(spec, splits, Y, X, null, asRegressor, { T: wantGrad, R: false }) : null;
    if (forward && backward)
      return { value: 0.5 * (forward.value + backward.value), gradY: wantGrad ? axpby(0.5, forward.gradR as Matrix, 0.5, backward.gradT as Matrix) : null };
    const only = (forward ?? backward) as Evaluation;
    return { value: only.value, gradY: forward ? forward.gradR : only.gradT };
  }
  return {
    value: (Y) => run(Y, false).value,
    valueAndGrad: (Y) => {
      const r = run(Y, true);
      return { value: r.value, gradY: r.gradY as Matrix };
    },
  };
}

/** Value and gradients with respect to X and Y of the measure of `spec` in `direction` (joint optimization). */
export function regressionValueAndGrads(spec: RegressionSpec, direction: Direction, X: Matrix, Y: Matrix, ctx: MeasureContext): ValueGrads {
  const splits = spec.splits(X.rows, ctx);
  const want = { T: true, R: true };
  const xy = direction !== "Y from X" ? evaluate(spec, splits, X, Y, null, null, want) : null;
  const yx = direction !== "X from Y" ? evaluate(spec, splits, Y, X, null, null, want) : null;
  if (xy && yx)
    return {
      value: 0.5 * (xy.value + yx.value),
      gradX: axpby(0.5, xy.gradT as Matrix, 0.5, yx.gradR as Matrix),
      gradY: axpby(0.5, xy.gradR as Matrix, 0.5, yx.gradT as Matrix),
    };
  if (xy) return { value: xy.value, gradX: xy.gradT as Matrix, gradY: xy.gradR as Matrix };
  const r = yx as Evaluation;
  return { value: r.value, gradX: r.gradR as Matrix, gradY: r.gradT as Matrix };
}

/**
 * `prepare` and `valueAndGrads` of a MeasureDefinition for `spec` in `direction`, and whether the score
 * is invariant to scaling X (when X is only the target: the fit is linear in it and the scorers are
 * scale-free).
 */
export function regressionMethods(spec: RegressionSpec, direction: Direction): Pick<MeasureDefinition, "prepare" | "valueAndGrads" | "isotropicScaleX"> {
  return {
    isotropicScaleX: direction === "X from Y",
    prepare: (X, ctx) => prepareRegression(spec, direction, X, ctx),
    valueAndGrads: (X, Y, ctx) => regressionValueAndGrads(spec, direction, X, Y, ctx),
  };
}
