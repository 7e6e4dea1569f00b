/**
 * Allowed regions of a pair of scores (paper §7, Fig. 7b): which (score A, score B) combinations a
 * synthetic Y can reach for a given reference X, and the implications that follow.
 */
import type { Dataset } from "../data/types";
import { isDataset } from "../data/toys";
import { InputError, received } from "../errors";
import { ScorePair, TargetOptions, TargetRun, optimizeToTargets, squareTargets } from "../optimize/joint";
import type { Objective } from "../optimize/objective";
import type { ArrayInput } from "../tensor/arrays";

/** The empirical allowed region of two scores. */
export interface AllowedRegion {
  /** Names of the two measures (axis A = x, axis B = y). */
  measures: [string, string];
  targets: ScorePair[];
  /** Every target's trajectory. */
  runs: TargetRun[];
  /** Final points in target order. */
  reached: ScorePair[];
  /**
   * The polygon through the final points in target order (closed implicitly), as drawn in Fig. 7b:
   * an inner approximation of the feasible set.
   */
  polygon: ScorePair[];
}

/**
 * Fig. 7b for one pair of measures: drive (A, B) towards the 4(N−1) boundary targets of the unit square
 * (squareTargets, §7.1 order) from one shared initial Y with the L1 objective, and return every
 * trajectory, the reached points and the polygon through them. Defaults: N = 6, maxIter 100, lr 0.1.
 *
 *   const region = allowedRegion(X, "cka", "procrustes-angular-score", { N: 6, seed: 1 });
 *   impliedBound(region, "A", 0.9).statement;
 */
export function allowedRegion(
  X: Dataset | ArrayInput,
  measureA: string | Objective,
  measureB: string | Objective,
  options: TargetOptions & { N?: number; targets?: ScorePair[] } = {},
): AllowedRegion {
  const { N, targets: given, ...rest } = options;
  const targets = given ?? squareTargets(N ?? 6);
  const input = isDataset(X) ? { data: X.activity.data, shape: X.shape } : X;
  const runs = optimizeToTargets(input, measureA, measureB, targets, rest);
  const reached = runs.map((r) => r.reached);
  return { measures: [nameOf(measureA, "A"), nameOf(measureB, "B")], targets, runs, reached, polygon: reached.slice() };
}

/** What a region says about one score given a floor on the other. */
export interface Implication {
  given: "A" | "B";
  atLeast: number;
  /** Lowest / highest value of the other score over the region where the given score ≥ atLeast (NaN when empty). */
  min: number;
  max: number;
  statement: string;
}

/**
 * "Score A ≥ a implies score B ≥ b": the range of the other score over the empirical region restricted
 * to {given ≥ a}. The region is the polygon's edges (the extremes of a linear function over a polygon
 * lie on its boundary; using every edge is conservative for a self-intersecting polygon) plus every
 * point visited by a trajectory (all were reached, so all are feasible). The region is an inner
 * approximation of what is feasible, so the true bound can only be weaker (b lower) than reported.
 *
 *   impliedBound(region, "B", 0.9)   // { min: 0.93, …, statement: "procrustes-angular-score ≥ 0.9 implies cka ≥ 0.930 …" }
 */
export function impliedBound(region: AllowedRegion, given: "A" | "B", atLeast: number): Implication {
  if (given !== "A" && given !== "B") throw new InputError("given", '"A" or "B"', `got ${received(given)}`);
  if (!Number.isFinite(atLeast)) throw new InputError("atLeast", "a finite score", `got ${received(atLeast)}`);
  const g = given === "A" ? 0 : 1;
  const o = 1 - g;
  const values = edgeCrossings(region.polygon, given, atLeast).map((c) => c.other);
  for (const p of region.polygon) if (p[g] >= atLeast) values.push(p[o]);
  for (const run of region.runs) for (const pt of run.path) if (pt[g] >= atLeast) values.push(pt[o]);
  const [nameGiven, nameOther] = given === "A" ? region.measures : [region.measures[1], region.measures[0]];
  if (values.length === 0)
    return { given, atLeast, min: NaN, max: NaN, statement: `no reached point has ${nameGiven} ≥ ${atLeast}: the region says nothing there` };
  const min = values.reduce((a, v) => Math.min(a, v), Infinity);
  const max = values.reduce((a, v) => Math.max(a, v), -Infinity);
  return {
    given,
    atLeast,
    min,
    max,
    statement: `${nameGiven} ≥ ${atLeast} implies ${nameOther} ≥ ${min.toFixed(3)} (and ≤ ${max.toFixed(3)}) in the empirical region`,
  };
}

/** Where one edge of a polygon crosses a line {score = level}. */
export interface EdgeCrossing {
  /** The other score at the crossing. */
  other: number;
  /** +1 when the crossed score increases along the edge (polygon order), −1 when it decreases. */
  direction: 1 | -1;
}

/**
 * The crossings of the closed polygon's edges with the line {score `axis` = level}, in edge order.
 * Half-open rule: an edge crosses when exactly one of its ends has score > level, so a vertex on the
 * line is counted once and the directions sum to the polygon's winding around points of the line.
 *
 *   edgeCrossings([[0, 0], [1, 0], [1, 1], [0, 1]], "A", 0.5)   // [{ other: 0, direction: 1 }, { other: 1, direction: -1 }]
 */
export function edgeCrossings(polygon: ScorePair[], axis: "A" | "B", level: number): EdgeCrossing[] {
  const g = axis === "A" ? 0 : 1;
  const o = 1 - g;
  const out: EdgeCrossing[] = [];
  for (let k = 0; k < polygon.length; k++) {
    const p = polygon[k];
    const q = polygon[(k + 1) % polygon.length];
    if (p[g] > level === q[g] > level) continue;
    out.push({ other: p[o] + ((level - p[g]) / (q[g] - p[g])) * (q[o] - p[o]), direction: q[g] > p[g] ? 1 : -1 });
  }
  return out;
}

function nameOf(m: string | Objective, fallback: string): string {
  return typeof m === "string" ? m : m.name || fallback;
}
