/**
 * Joint optimization of two scores towards target pairs (paper §7, diffscore analysis/optim_square.py
 * and joint_optim.py): drive (score A, score B) to chosen points of the unit square.
 */
import { InputError, received } from "../errors";
import { Rng } from "../random";
import { ArrayInput, toFlat } from "../tensor/arrays";
import { Combiner, Objective, combineMeasures } from "./objective";
import { OptimizeOptions, OptimizeResult, optimize } from "./optimize";

/** A point of the (score A, score B) plane. */
export type ScorePair = [number, number];

/**
 * The 4(N−1) targets on the boundary of the unit square, in the order of diffscore `optim_square`
 * (g = linspace(0, 1, N)): bottom edge left→right (g_j, 0) for j < N−1; right edge upwards (1, g_j) for
 * j < N−1; top edge right→left (g_j, 1) for j = N−1 … 1; left edge downwards (0, g_j) for j = N−1 … 1.
 * Consecutive targets walk the boundary once counter-clockwise from (0, 0).
 *
 *   squareTargets(2)  // [[0, 0], [1, 0], [1, 1], [0, 1]]
 */
export function squareTargets(N: number): ScorePair[] {
  if (!Number.isInteger(N) || N < 2) throw new InputError("N", "an integer ≥ 2 (points per side)", `got ${received(N)}`);
  const g = Array.from({ length: N }, (_, j) => j / (N - 1));
  const out: ScorePair[] = [];
  for (let j = 0; j < N - 1; j++) out.push([g[j], 0]);
  for (let j = 0; j < N - 1; j++) out.push([1, g[j]]);
  for (let j = N - 1; j >= 1; j--) out.push([g[j], 1]);
  for (let j = N - 1; j >= 1; j--) out.push([0, g[j]]);
  return out;
}

/**
 * Combiner of the L1 objective towards a target pair: value −(|s_A − t_A| + |s_B − t_B|), partials
 * −sign(s − t) (0 exactly at the target). Use with combineMeasures([A, B], l1ToTarget(t)).
 *
 *   optimize(X, combineMeasures(["cka", "procrustes-angular-score"], l1ToTarget([0.9, 0.2])));
 */
export function l1ToTarget(target: ScorePair): Combiner {
  return (s) => ({
    value: -(Math.abs(s[0] - target[0]) + Math.abs(s[1] - target[1])),
    partials: [-Math.sign(s[0] - target[0]), -Math.sign(s[1] - target[1])],
  });
}

/** One target's run: the path of (score A, score B) over every step and where it ended. */
export interface TargetRun {
  target: ScorePair;
  /** (score A, score B) of Y_k for k = 0 … iterations (terms of the L1 objective). */
  path: ScorePair[];
  /** The last point of `path`. */
  reached: ScorePair;
  /** L1 distance from `reached` to the target. */
  distance: number;
  /** The full optimization result (final Y, and X in joint mode). */
  run: OptimizeResult;
}

/** Options of optimizeToTargets(). */
export type TargetOptions = Omit<OptimizeOptions, "recorders" | "Y0" | "stopScore"> & {
  /** Shared initial Y for every target. Default N(0, 1) with X's shape drawn from `new Rng(seed)`. */
  Y0?: ArrayInput;
};

/**
 * For every target pair (t_A, t_B), maximize −(|A(X, Y) − t_A| + |B(X, Y) − t_B|) by Adam from ONE
 * shared initial Y (paper §7.1: lr 0.1, maxIter steps, no stopping threshold; with `trainX` both X
 * and Y move, as in joint_optim.py §7.3, also from a shared initial X). maxIter defaults to 100 here
 * (the figure's step count is unknown; the diffscore notebook used 50).
 *
 *   const runs = optimizeToTargets(X, "cka", "procrustes-angular-score", squareTargets(6), { maxIter: 100, seed: 1 });
 *   runs.map((r) => r.reached);
 */
export function optimizeToTargets(
  X: ArrayInput,
  measureA: string | Objective,
  measureB: string | Objective,
  targets: ScorePair[],
  options: TargetOptions = {},
): TargetRun[] {
  if (!Array.isArray(targets) || targets.length === 0 || targets.some((t) => !Array.isArray(t) || t.length !== 2 || !t.every(Number.isFinite)))
    throw new InputError("targets", "a non-empty list of [scoreA, scoreB] pairs", `got ${JSON.stringify(targets).slice(0, 80)}`);
  const fx = toFlat(X, "X");
  const Y0 = options.Y0 ?? { data: new Rng(options.seed ?? 0).normalMatrix(fx.matrix.rows, fx.matrix.cols).data, shape: fx.shape };
  const input = { data: fx.matrix.data, shape: fx.shape };
  return targets.map((target) => {
    const objective = combineMeasures([measureA, measureB], l1ToTarget(target), { seed: options.measureSeed ?? options.seed });
    const run = optimize(input, objective, { ...options, Y0, maxIter: options.maxIter ?? 100 });
    const path = (run.terms as number[][]).map((t) => [t[0], t[1]] as ScorePair);
    const reached = path[path.length - 1];
    return { target, path, reached, distance: Math.abs(reached[0] - target[0]) + Math.abs(reached[1] - target[1]), run };
  });
}
