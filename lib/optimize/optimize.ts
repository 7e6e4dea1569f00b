import { InputError, NumericalError, optionsObject, received } from "../errors";
import { Rng, checkSeed } from "../random";
import { ArrayInput, Flat, toFlat, toNested } from "../tensor/arrays";
import { Matrix, allFinite, sumSquares } from "../tensor/matrix";
import { Adam } from "./adam";
import { Objective, ObjectiveContext, ObjectiveValue, measureObjective } from "./objective";

/** What a recorder sees at a recorded step. Y and X are the live parameters: copy them to keep them. */
export interface OptimizeState {
  /** Steps taken so far (Y is Y_iteration). */
  iteration: number;
  score: number;
  Y: Matrix;
  X: Matrix;
  shapeY: readonly number[];
  shapeX: readonly number[];
}

/** A named function evaluated at every recorded step (decoding accuracy, per-PC R², …). */
export type Recorder = (state: OptimizeState) => unknown;

/** Progress report after each evaluation; returning false cancels the run. */
export interface OptimizeProgress {
  iteration: number;
  score: number;
  maxIter: number;
}

export interface OptimizeOptions<R extends Record<string, Recorder> = Record<string, Recorder>> {
  /** Seed of the run: Y₀ (when not given) and any jitter are drawn from `new Rng(seed)`. Default 0. */
  seed?: number;
  /** Adam learning rate. Default 0.1. */
  lr?: number;
  /** Adam β₁, β₂, ε. Defaults 0.9, 0.999, 1e-8. */
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Largest number of steps. Default 1000. */
  maxIter?: number;
  /** Stop as soon as a score is strictly greater than this. Default +∞ (never). */
  stopScore?: number;
  /**
   * Record (snapshot, recorders) every this many steps; step 0 and the final step are always recorded.
   * Default 1, or no step-based records when `recordEveryScore` is given.
   */
  recordEvery?: number;
  /**
   * Also record on a score grid of this spacing Δ: the first step whose score reaches each grid point
   * j·Δ above the best point reached so far (e.g. 0.01: about one record per 0.01 of score, however
   * fast the score rises). Default none.
   */
  recordEveryScore?: number;
  /** Keep a copy of Y (and of X when trainable) at every recorded step. Default false. */
  snapshots?: boolean;
  /** Functions evaluated at every recorded step; their results land in `records[i].values`. */
  recorders?: R;
  /** Initial Y (any shape with X's number of samples). Default: i.i.d. N(0, 1) with X's shape. */
  Y0?: ArrayInput;
  /** Optimize X as well (joint mode, paper §7.3): X is copied and updated by its own Adam. Default false. */
  trainX?: boolean;
  /** Called after every evaluation; return false to cancel. */
  onProgress?: (progress: OptimizeProgress) => boolean | void;
  /** Cancels the run when aborted (checked after every evaluation). */
  signal?: AbortSignal;
  /** Seed for stochastic measures given by id (condition-split CV). Default: `seed`. */
  measureSeed?: number;
}

/** One recorded step. */
export interface OptimizeRecord<V> {
  iteration: number;
  score: number;
  /** Copy of Y_iteration (flattened) when `snapshots`. */
  Y?: Matrix;
  /** Copy of X at that step when `snapshots` and `trainX`. */
  X?: Matrix;
  /** Results of the recorders. */
  values: V;
}

export type StopReason = "stopScore" | "maxIter" | "cancelled";

export interface OptimizeResult<V = Record<string, unknown>> {
  /** scores[k] = objective at Y_k, the parameter after k steps, for k = 0 … iterations (every step, not only recorded ones). */
  scores: number[];
  /** Steps taken (Adam updates plus skipped non-finite steps); Y is Y_iterations. */
  iterations: number;
  stopReason: StopReason;
  /** Final Y as nested arrays in Y's shape (X's shape unless Y0 had another width). */
  Y: number[][] | number[][][];
  YMatrix: Matrix;
  shapeY: number[];
  /** Final X (nested and flat) in joint mode. */
  X?: number[][] | number[][][];
  XMatrix?: Matrix;
  /** The recorded steps, in order (records[i].iteration is the step; see recordEvery / recordEveryScore). */
  records: OptimizeRecord<V>[];
  /** Per-step component values when the objective reports `terms` (combineMeasures does). */
  terms?: number[][];
  /** Steps whose value or gradient was not finite: no Adam update, Y jittered once instead. */
  nonFinite: { count: number; iterations: number[] };
  seed: number;
}

type RecorderValues<R extends Record<string, Recorder>> = { [K in keyof R]: ReturnType<R[K]> };

/**
 * Gradient ascent of a similarity score (Cloos et al. 2024, §3): find a synthetic Y that maximizes
 * `objective(X, Y)` for the reference X, with Adam on Y (and on X in joint mode).
 *
 *   Y₀ ~ N(0, 1) i.i.d. with X's shape (seeded), or a copy of options.Y0
 *   for k = 0, 1, …:  s_k = score(X, Y_k) and ∇ ;  record;  stop if s_k > stopScore, k = maxIter or cancelled
 *                     Y_{k+1} = AdamAscent(Y_k, ∇)
 *
 * Recording vs the reference loop (diffscore `MeasureOptim`): the reference logs
 * [s(Y₀), s(Y₀), s(Y₁), …] (the initial score twice) and never scores its final post-update Y. Here
 * scores[k] = s(Y_k) once each, so `scores` equals the reference's list without its first entry,
 * plus s(Y_maxIter) when the run is not stopped early; `iterations` equals the reference's iteration
 * index at its break (its len(scores) − 2), e.g. "iterations to reach 0.99" compare directly.
 *
 * Non-finite values or gradients, and numerical failures of a kernel (better than the reference,
 * which injects noise forever after one NaN): that step makes no Adam update; Y is jittered once by
 * N(0, (0.01·rms Y)²) drawn from the run's Rng so the next evaluation is at a new point, and the step
 * is listed in `nonFinite`.
 *
 *   const r = optimize(X, "procrustes-angular-score", { seed: 1, stopScore: 0.99 });
 *   r.iterations; r.scores[0]; r.Y;            // Y in X's shape
 *   optimize(X, combineMeasures(["cka", "nbs"], [1, 1]), { recorders: { norm: (s) => frobenius(s.Y) } });
 */
export function optimize<R extends Record<string, Recorder> = Record<string, Recorder>>(
  X: ArrayInput,
  objective: string | Objective,
  opts?: OptimizeOptions<R>,
): OptimizeResult<RecorderValues<R>> {
  const run = new Optimization(X, objective, opts);
  while (!run.done) run.step();
  return run.result();
}

/** What one `Optimization.step()` did: the score of Y_iteration, and why the run stopped there (else null). */
export interface OptimizationStep {
  iteration: number;
  score: number;
  stop: StopReason | null;
}

/**
 * optimize() one step at a time, for callers that must yield between steps (the live explorer in a
 * browser page animates Y as it goes). `step()` evaluates the objective at Y_k, records it and, unless
 * the run stops there, applies the Adam update to Y_{k+1}; `result()` is what optimize() returns.
 * The same seed and options give exactly optimize()'s trajectory (optimize() is this loop).
 *
 *   const run = new Optimization(toy2d().toArray(), "cka", { seed: 0, maxIter: 100 });
 *   while (!run.done) { const Yk = run.Y.clone(); const { score } = run.step(); draw(Yk, score); }
 *   run.result().scores;  // = optimize(X, "cka", { seed: 0, maxIter: 100 }).scores
 */
export class Optimization<R extends Record<string, Recorder> = Record<string, Recorder>> {
  private readonly options: OptimizeOptions<R>;
  private readonly maxIter: number;
  private readonly stopScore: number;
  private readonly recordEvery: number;
  private readonly recordEveryScore: number | undefined;
  /** The score that triggers the next score-grid record (recordEveryScore). */
  private nextGridPoint = -Infinity;
  private readonly trainX: boolean;
  private readonly seed: number;
  private readonly rng: Rng;
  private readonly fx: Flat;
  private readonly fy: Flat;
  private readonly Xm: Matrix;
  private readonly Ym: Matrix;
  private readonly ctx: ObjectiveContext;
  private readonly f: Objective;
  private readonly adamY: Adam;
  private readonly adamX: Adam | null;
  private readonly recorders: [string, Recorder][];
  private readonly scores: number[] = [];
  private readonly terms: number[][] = [];
  private readonly records: OptimizeRecord<RecorderValues<R>>[] = [];
  private readonly skipped: number[] = [];
  private stopReason: StopReason | null = null;

  constructor(X: ArrayInput, objective: string | Objective, opts?: OptimizeOptions<R>) {
    const options = optionsObject(opts);
    this.options = options;
    this.seed = options.seed ?? 0;
    this.maxIter = options.maxIter ?? 1000;
    this.stopScore = options.stopScore ?? Infinity;
    this.recordEveryScore = options.recordEveryScore;
    this.recordEvery = options.recordEvery ?? (this.recordEveryScore === undefined ? 1 : Infinity);
    this.trainX = options.trainX ?? false;
    const { maxIter, recordEvery, recordEveryScore, stopScore, seed, trainX } = this;
    if (!Number.isInteger(maxIter) || maxIter < 0) throw new InputError("maxIter", "an integer ≥ 0", `got ${received(maxIter)}`);
    if (!(recordEvery === Infinity || (Number.isInteger(recordEvery) && recordEvery >= 1))) throw new InputError("recordEvery", "an integer ≥ 1", `got ${received(recordEvery)}`);
    if (recordEveryScore !== undefined && !(recordEveryScore > 0 && Number.isFinite(recordEveryScore)))
      throw new InputError("recordEveryScore", "a finite score spacing > 0", `got ${received(recordEveryScore)}`);
    if (typeof stopScore !== "number" || Number.isNaN(stopScore)) throw new InputError("stopScore", "a number (or Infinity)", `got ${received(stopScore)}`);
    checkSeed(seed);
    if (options.measureSeed !== undefined) checkSeed(options.measureSeed, "measureSeed");

    this.fx = toFlat(X, "X");
    this.rng = new Rng(seed);
    this.fy = initialY(this.fx, options.Y0, this.rng);
    this.Xm = trainX ? this.fx.matrix.clone() : this.fx.matrix;
    this.Ym = this.fy.matrix;
    this.ctx = { trainX, shapeX: this.fx.shape, shapeY: this.fy.shape };
    const f = typeof objective === "string" ? measureObjective(objective, { seed: options.measureSeed ?? seed }) : objective;
    if (typeof f !== "function") throw new InputError("objective", "a measure id or an Objective function (X, Y, ctx) => { value, gradY }", `got ${typeof objective}`);
    this.f = f;
    const adamOptions = { lr: options.lr, beta1: options.beta1, beta2: options.beta2, eps: options.eps };
    this.adamY = new Adam(this.Ym.data.length, adamOptions);
    this.adamX = trainX ? new Adam(this.Xm.data.length, adamOptions) : null;
    this.recorders = Object.entries(options.recorders ?? {});
  }

  /** True once a step stopped the run (stopScore, maxIter or cancelled); step() then throws. */
  get done(): boolean {
    return this.stopReason !== null;
  }

  /** Steps evaluated so far: the next step() evaluates Y_iteration. */
  get iteration(): number {
    return this.scores.length;
  }

  /** The live Y (flattened), Y_iteration; copy it to keep it. */
  get Y(): Matrix {
    return this.Ym;
  }

  /** Y's shape (X's shape unless Y0 had another width). */
  get shapeY(): readonly number[] {
    return this.fy.shape;
  }

  /** Evaluates Y_k (k = iteration), records it, and unless the run stops here updates Y to Y_{k+1}. */
  step(): OptimizationStep {
    if (this.done) throw new InputError("Optimization.step", "a run that has not stopped", `it stopped (${this.stopReason}) at iteration ${this.scores.length - 1}`);
    const { Xm, Ym, ctx, options } = this;
    const k = this.scores.length;
    const r = evaluate(this.f, Xm, Ym, ctx);
    if (k === 0) checkShapes(r.gradY, Ym, "gradY", r.gradX, this.trainX ? Xm : null);
    this.scores.push(r.value);
    if (r.terms) this.terms.push(r.terms);
    else if (this.terms.length) this.terms.push(this.terms[0].map(() => NaN)); // a failed evaluation (see evaluate)
    const cancelled = options.onProgress?.({ iteration: k, score: r.value, maxIter: this.maxIter }) === false || options.signal?.aborted === true;
    const stop: StopReason | null = r.value > this.stopScore ? "stopScore" : k >= this.maxIter ? "maxIter" : cancelled ? "cancelled" : null;
    const spacing = this.recordEveryScore;
    const onGrid = spacing !== undefined && r.value >= this.nextGridPoint;
    if (onGrid) this.nextGridPoint = (Math.floor(r.value / spacing) + 1) * spacing;
    if (k % this.recordEvery === 0 || onGrid || stop) {
      const state: OptimizeState = { iteration: k, score: r.value, Y: Ym, X: Xm, shapeY: this.fy.shape, shapeX: this.fx.shape };
      const values = Object.fromEntries(this.recorders.map(([name, rec]) => [name, rec(state)])) as RecorderValues<R>;
      const rec: OptimizeRecord<RecorderValues<R>> = { iteration: k, score: r.value, values };
      if (options.snapshots) {
        rec.Y = Ym.clone();
        if (this.trainX) rec.X = Xm.clone();
      }
      this.records.push(rec);
    }
    if (stop) {
      this.stopReason = stop;
    } else if (!(Number.isFinite(r.value) && allFinite(r.gradY.data) && (!this.adamX || allFinite((r.gradX as Matrix).data)))) {
      this.skipped.push(k);
      jitter(Ym, this.rng);
    } else {
      this.adamY.step(Ym.data, r.gradY.data, true);
      if (this.adamX) this.adamX.step(Xm.data, (r.gradX as Matrix).data, true);
    }
    return { iteration: k, score: r.value, stop };
  }

  /** optimize()'s result; only once the run is done. */
  result(): OptimizeResult<RecorderValues<R>> {
    if (!this.stopReason) throw new InputError("Optimization.result", "a finished run (step() until done)", `it is at iteration ${this.scores.length}`);
    const { Ym, Xm, fx, fy, scores, terms } = this;
    const result: OptimizeResult<RecorderValues<R>> = {
      scores,
      iterations: scores.length - 1,
      stopReason: this.stopReason,
      Y: toNested(Ym, fy.shape),
      YMatrix: Ym,
      shapeY: fy.shape,
      records: this.records,
      nonFinite: { count: this.skipped.length, iterations: this.skipped },
      seed: this.seed,
    };
    if (terms.length) result.terms = terms;
    if (this.trainX) {
      result.X = toNested(Xm, fx.shape);
      result.XMatrix = Xm;
    }
    return result;
  }
}

/**
 * f(X, Y, ctx); a numerical failure of a kernel (NumericalError: e.g. an eigensolver given overflowed
 * products) comes back as a NaN value with zero gradients, so the step follows the non-finite policy.
 */
function evaluate(f: Objective, X: Matrix, Y: Matrix, ctx: ObjectiveContext): ObjectiveValue {
  try {
    return f(X, Y, ctx);
  } catch (e) {
    if (!(e instanceof NumericalError)) throw e;
    return { value: NaN, gradY: new Matrix(Y.rows, Y.cols), gradX: ctx.trainX ? new Matrix(X.rows, X.cols) : undefined };
  }
}

/** A private copy of Y0, or N(0, 1) with X's shape. */
function initialY(fx: Flat, Y0: ArrayInput | undefined, rng: Rng): Flat {
  if (Y0 === undefined) return { matrix: rng.normalMatrix(fx.matrix.rows, fx.matrix.cols), shape: fx.shape.slice() };
  const fy = toFlat(Y0, "Y0");
  if (fy.matrix.rows !== fx.matrix.rows)
    throw new InputError("Y0", `the same number of samples as X (${fx.matrix.rows} rows after flattening [${fx.shape}])`, `got ${fy.matrix.rows} rows from shape [${fy.shape}]`);
  return { matrix: fy.matrix.clone(), shape: fy.shape };
}

function checkShapes(gradY: Matrix, Y: Matrix, name: string, gradX: Matrix | undefined, X: Matrix | null): void {
  if (!gradY || gradY.rows !== Y.rows || gradY.cols !== Y.cols)
    throw new InputError(`objective ${name}`, `a ${Y.rows}×${Y.cols} Matrix (the flattened Y)`, gradY ? `got ${gradY.rows}×${gradY.cols}` : "got none");
  if (X && (!gradX || gradX.rows !== X.rows || gradX.cols !== X.cols))
    throw new InputError("objective gradX", `a ${X.rows}×${X.cols} Matrix when trainX is true`, gradX ? `got ${gradX.rows}×${gradX.cols}` : "got none");
}

/** Y ← Y + N(0, (0.01·rms Y)²) (σ = 0.01 when Y is zero), the one-off escape from a non-finite point. */
function jitter(Y: Matrix, rng: Rng): void {
  const rms = Math.sqrt(sumSquares(Y) / Y.data.length);
  const sd = 0.01 * (rms > 0 && Number.isFinite(rms) ? rms : 1);
  for (let i = 0; i < Y.data.length; i++) Y.data[i] += sd * rng.normal();
}
