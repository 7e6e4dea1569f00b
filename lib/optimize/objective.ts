import { InputError } from "../errors";
import { BoundMeasure, prepareMeasure, scoreAndGradsMatrix } from "../measures/api";
import { getMeasure } from "../measures/registry";
import { Matrix, addScaledInPlace } from "../tensor/matrix";

/** What optimize() tells an objective besides X and Y. */
export interface ObjectiveContext {
  /** X is trainable (joint mode): gradX is required and X changes between calls. */
  trainX: boolean;
  /** Original shapes of X and Y ([n, p] or [T, C, N]); the matrices are their row-major flattenings. */
  shapeX: readonly number[];
  shapeY: readonly number[];
}

/** Value of an objective at (X, Y) with its gradients (same shapes as the flattened X and Y). */
export interface ObjectiveValue {
  value: number;
  gradY: Matrix;
  /** Required when `ctx.trainX`. */
  gradX?: Matrix;
  /** Component values (e.g. each measure of a combination); optimize() records them per step. */
  terms?: number[];
}

/**
 * A differentiable function of the reference X and the synthetic Y that optimize() MAXIMIZES
 * (return −loss to minimize a loss). X and Y are the flattened (rows × features) float64 matrices;
 * when `ctx.trainX` is false X is the fixed reference and never changes between calls.
 *
 *   const objective: Objective = (X, Y) => {
 *     const r = cka.scoreAndGradMatrix(Y);            // cka = prepareMeasure("cka", X)
 *     return { value: r.value, gradY: r.gradY };
 *   };
 */
export type Objective = (X: Matrix, Y: Matrix, ctx: ObjectiveContext) => ObjectiveValue;

/** Turns component scores s₁…s_k into the combined value f(s) and its partial derivatives ∂f/∂s_i. */
export type Combiner = (scores: number[]) => { value: number; partials: number[] };

/**
 * The objective "score of measure `id`". With a fixed X the measure is prepared once for that X (all
 * X-only work cached; the same X matrix object is expected at every call, a new object re-prepares);
 * with a trainable X both gradients come from scoreAndGradsMatrix at every call.
 *
 *   optimize(X, measureObjective("nbs"));   // same as optimize(X, "nbs")
 */
export function measureObjective(id: string, options: { seed?: number } = {}): Objective {
  const def = getMeasure(id);
  if (!def.differentiable) throw new InputError("measure", "a differentiable measure to optimize", `"${id}" is value-only (see listMeasures())`);
  let boundTo: Matrix | null = null;
  let bound: BoundMeasure | null = null;
  return (X, Y, ctx) => {
    if (ctx.trainX) {
      const r = scoreAndGradsMatrix(id, X, Y, { shapeX: [...ctx.shapeX], shapeY: [...ctx.shapeY] }, options);
      return { value: r.value, gradY: r.gradY, gradX: r.gradX };
    }
    if (boundTo !== X || !bound) {
      bound = prepareMeasure(id, { data: X.data, shape: ctx.shapeX }, { seed: options.seed, shapeY: [...ctx.shapeY] });
      boundTo = X;
    }
    return bound.scoreAndGradMatrix(Y);
  };
}

/**
 * One objective from several measures (ids or objectives): value f(s₁,…,s_k) with gradient
 * Σ_i ∂f/∂s_i · ∇s_i (chain rule; gradX as well in joint mode). `combine` is either weights (f = Σ w_i s_i)
 * or any Combiner, e.g. the L1 distance to a target pair used for allowed regions. The component
 * scores are returned as `terms`, so optimize() records each of them per step.
 *
 *   optimize(X, combineMeasures(["cka", "procrustes-angular-score"], [0.5, 0.5]));
 *   combineMeasures(["cka", "nbs"], (s) => ({ value: s[0] * s[1], partials: [s[1], s[0]] }));
 */
export function combineMeasures(measures: Array<string | Objective>, combine: number[] | Combiner, options: { seed?: number } = {}): Objective {
  if (measures.length === 0) throw new InputError("measures", "at least one measure id or objective");
  if (Array.isArray(combine) && combine.length !== measures.length)
    throw new InputError("combine", `one weight per measure (${measures.length})`, `got ${combine.length}`);
  const parts = measures.map((m) => (typeof m === "string" ? measureObjective(m, options) : m));
  const combiner: Combiner = Array.isArray(combine) ? weightedSumCombiner(combine) : combine;
  return (X, Y, ctx) => {
    const results = parts.map((p) => p(X, Y, ctx));
    const terms = results.map((r) => r.value);
    const { value, partials } = combiner(terms);
    const gradY = new Matrix(Y.rows, Y.cols);
    const gradX = ctx.trainX ? new Matrix(X.rows, X.cols) : undefined;
    results.forEach((r, i) => {
      if (partials[i] === 0) return;
      addScaledInPlace(gradY, partials[i], r.gradY);
      if (gradX) {
        if (!r.gradX) throw new InputError("objective", "a gradX from every component when X is trainable", `component ${i} returned none`);
        addScaledInPlace(gradX, partials[i], r.gradX);
      }
    });
    return { value, gradY, gradX, terms };
  };
}

function weightedSumCombiner(weights: number[]): Combiner {
  return (s) => ({ value: s.reduce((acc, si, i) => acc + weights[i] * si, 0), partials: weights });
}
