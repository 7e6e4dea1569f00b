import { InputError, NumericalError, optionsObject } from "../errors";
import { Rng } from "../random";
import { ArrayInput, Flat, toFlat, toNested } from "../tensor/arrays";
import { Matrix, allFinite, maxAbs } from "../tensor/matrix";
import "./catalog";
import { getMeasure } from "./registry";
import type { MeasureContext, MeasureDefinition, MeasureInfo, PreparedMeasure, ValueGrad, ValueGrads } from "./types";

/** Options shared by the scoring functions. */
export interface ScoreOptions {
  /** Seed for stochastic measures (condition-split CV). Default 0. */
  seed?: number;
}

/** A measure bound to a reference X, for loops that score many Y against the same X. */
export interface BoundMeasure {
  readonly info: MeasureInfo;
  readonly shapeX: readonly number[];
  /** Score of Y (nested array, tensor, Matrix…) against X. */
  score(Y: ArrayInput): number;
  /** Score and d score / dY (on the flattened Y) of a validated Y, with the checks of scoreAndGrad (tfjs ops use it). */
  scoreAndGrad(Y: ArrayInput): ValueGrad;
  /**
   * Score and d score / dY, both on the flattened Y (fast path for optimizers: no conversion, no
   * checks: a non-finite result is returned as is, a numerical failure throws a NumericalError).
   */
  scoreAndGradMatrix(Y: Matrix): ValueGrad;
  /** Score of a flattened Y, no validation (fast path, like scoreAndGradMatrix). */
  scoreMatrix(Y: Matrix): number;
}

function context(X: Flat, Y: Flat | null, options: ScoreOptions | null): MeasureContext {
  return { shapeX: X.shape, shapeY: Y ? Y.shape : X.shape, rng: new Rng(optionsObject(options, "options").seed ?? 0) };
}

function checkPair(def: MeasureDefinition, X: Flat, Y: Flat): void {
  if (X.matrix.rows !== Y.matrix.rows)
    throw new InputError("Y", `the same number of samples as X (${X.matrix.rows} rows after flattening [${X.shape}])`, `got ${Y.matrix.rows} rows from shape [${Y.shape}]`);
  if (X.shape.length === 3 && Y.shape.length === 3 && (X.shape[0] !== Y.shape[0] || X.shape[1] !== Y.shape[1]))
    throw new InputError("Y", `the same time × condition layout as X (${X.shape[0]} × ${X.shape[1]})`, `got ${Y.shape[0]} × ${Y.shape[1]}`);
  checkSamples(def, X);
}

function checkSamples(def: MeasureDefinition, X: Flat): void {
  if (X.matrix.rows < def.minSamples)
    throw new InputError("X", `at least ${def.minSamples} samples for measure "${def.id}"`, `got ${X.matrix.rows}`);
}

function requireGrad(def: MeasureDefinition, p: PreparedMeasure): NonNullable<PreparedMeasure["valueAndGrad"]> {
  if (!def.differentiable || !p.valueAndGrad)
    throw new InputError("measure", `a differentiable measure for a gradient`, `"${def.id}" is value-only (see listMeasures())`);
  return p.valueAndGrad.bind(p);
}

/**
 * One evaluation of `def` at a public entry point: a numerical failure inside (NumericalError) or a
 * non-finite value or gradient becomes an InputError naming the data, never a silent NaN. Values that
 * overflow float64 can only come from measures that are not scale-invariant (scale_safe.ts).
 */
function checked<T extends { value: number; gradY?: Matrix }>(def: MeasureDefinition, X: Matrix, Y: Matrix, evaluate: () => T): T {
  const r = guarded(def, X, Y, evaluate);
  const bad = !Number.isFinite(r.value) ? `the value ${r.value}` : r.gradY && !allFinite(r.gradY.data) ? "a non-finite gradient" : null;
  if (bad) throw dataError(def, X, Y, bad);
  return r;
}

/** `evaluate()`, with a NumericalError turned into an InputError naming the data. */
function guarded<T>(def: MeasureDefinition, X: Matrix, Y: Matrix | null, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (e) {
    if (e instanceof NumericalError) throw dataError(def, X, Y, `a numerical failure (${e.message})`);
    throw e;
  }
}

function dataError(def: MeasureDefinition, X: Matrix, Y: Matrix | null, what: string): InputError {
  const scales = `max |X| = ${maxAbs(X)}${Y ? `, max |Y| = ${maxAbs(Y)}` : ""}`;
  const hint = def.invariances.isotropicScale ? "" : `; "${def.id}" is not scale-invariant, so its result can overflow float64 at extreme scales: rescale the data`;
  return new InputError(Y ? "X and Y" : "X", `data on which measure "${def.id}" is finite in float64`, `got ${what} with ${scales}${hint}`);
}

/**
 * Similarity of Y to the reference X under measure `id` (regression-type measures predict X from Y).
 *
 *   score("cka", X, Y)                       // X, Y: (n, p) / (n, q) or (T, C, N) arrays
 *   score("ridge-lambda100-r2#5folds_cv", X, Y)
 */
export function score(id: string, X: ArrayInput, Y: ArrayInput, options?: ScoreOptions): number {
  const def = getMeasure(id);
  const fx = toFlat(X, "X");
  const fy = toFlat(Y, "Y");
  checkPair(def, fx, fy);
  const ctx = context(fx, fy, optionsObject(options));
  return checked(def, fx.matrix, fy.matrix, () => ({ value: def.prepare(fx.matrix, ctx).value(fy.matrix) })).value;
}

/**
 * Score and its gradient with respect to Y, returned in Y's own shape as nested arrays.
 *
 *   const { value, gradY } = scoreAndGrad("procrustes-angular-score", X, Y);
 */
export function scoreAndGrad(id: string, X: ArrayInput, Y: ArrayInput, options?: ScoreOptions): { value: number; gradY: number[][] | number[][][] } {
  const def = getMeasure(id);
  const fx = toFlat(X, "X");
  const fy = toFlat(Y, "Y");
  checkPair(def, fx, fy);
  const ctx = context(fx, fy, optionsObject(options));
  const r = checked(def, fx.matrix, fy.matrix, () => requireGrad(def, def.prepare(fx.matrix, ctx))(fy.matrix));
  return { value: r.value, gradY: toNested(r.gradY, fy.shape) };
}

/**
 * Score with gradients for both arguments (joint optimization of X and Y), on flattened matrices.
 * A fast path like BoundMeasure.scoreAndGradMatrix: no checks of the result.
 * Symmetric measures get d/dX by swapping the arguments; others define it explicitly.
 */
export function scoreAndGradsMatrix(id: string, X: Matrix, Y: Matrix, shapes: { shapeX?: number[]; shapeY?: number[] } = {}, opts?: ScoreOptions): ValueGrads {
  const def = getMeasure(id);
  const options = optionsObject(opts);
  const fx: Flat = { matrix: X, shape: shapes.shapeX ?? [X.rows, X.cols] };
  const fy: Flat = { matrix: Y, shape: shapes.shapeY ?? [Y.rows, Y.cols] };
  checkPair(def, fx, fy);
  if (def.valueAndGrads) return def.valueAndGrads(X, Y, context(fx, fy, options));
  if (!def.symmetric) throw new InputError("measure", "a measure with a gradient in X (symmetric, or regression with an explicit one)", `"${def.id}" has none`);
  const forward = requireGrad(def, def.prepare(X, context(fx, fy, options)))(Y);
  const backward = requireGrad(def, def.prepare(Y, context(fy, fx, options)))(X);
  return { value: forward.value, gradY: forward.gradY, gradX: backward.gradY };
}

/**
 * Bind a measure to a reference X once (everything that depends only on X is cached), then score
 * many Y. This is what the optimizer uses.
 *
 *   const m = prepareMeasure("nbs", X);
 *   m.score(Y1); m.score(Y2);
 */
export function prepareMeasure(id: string, X: ArrayInput, opts?: ScoreOptions & { shapeY?: number[] }): BoundMeasure {
  const def = getMeasure(id);
  const options = optionsObject(opts);
  const fx = toFlat(X, "X");
  checkSamples(def, fx);
  const ctx: MeasureContext = { shapeX: fx.shape, shapeY: options.shapeY ?? fx.shape, rng: new Rng(options.seed ?? 0) };
  const prepared = guarded(def, fx.matrix, null, () => def.prepare(fx.matrix, ctx));
  const { prepare, valueAndGrads, ...info } = def;
  void prepare;
  void valueAndGrads;
  return {
    info,
    shapeX: fx.shape,
    score(Y: ArrayInput) {
      const fy = toFlat(Y, "Y");
      checkPair(def, fx, fy);
      return checked(def, fx.matrix, fy.matrix, () => ({ value: prepared.value(fy.matrix) })).value;
    },
    scoreAndGrad(Y: ArrayInput) {
      const fy = toFlat(Y, "Y");
      checkPair(def, fx, fy);
      return checked(def, fx.matrix, fy.matrix, () => requireGrad(def, prepared)(fy.matrix));
    },
    scoreMatrix: (Y: Matrix) => prepared.value(Y),
    scoreAndGradMatrix: (Y: Matrix) => requireGrad(def, prepared)(Y),
  };
}
