/**
 * A model's pair of scores placed in an empirical allowed region (paper §7, Fig. 7b): is the pair inside
 * the region, and what range does the region allow for each score given the model's value of the other?
 */
import { InputError, received } from "../errors";
import type { ScorePair } from "../optimize/joint";
import { AllowedRegion, Implication, edgeCrossings, impliedBound } from "./regions";

/** Where a value lies relative to an implied range [min, max]. */
export type RangePosition = "within" | "at the edge" | "below" | "above" | "unknown";

/** One score of the pair read against the range the region implies for it given the other score. */
export interface RangeCheck {
  /** The range of this score over the region where the other score ≥ the model's (impliedBound). */
  implication: Implication;
  /** The model's value of this score. */
  value: number;
  /** "unknown" when no point of the region has the other score that high (min and max NaN). */
  position: RangePosition;
  statement: string;
}

/** A model's (score A, score B) in an allowed region. */
export interface RegionPlacement {
  measures: [string, string];
  point: ScorePair;
  /** Relative to the region's polygon (nonzero winding; "at the edge" within `tolerance` of an edge). */
  position: "inside" | "at the edge" | "outside";
  /** Euclidean distance in the score plane from the point to the nearest polygon edge. */
  edgeDistance: number;
  /** B given A ≥ the model's A, and A given B ≥ the model's B. */
  givenA: RangeCheck;
  givenB: RangeCheck;
  tolerance: number;
}

/**
 * Places `point` = (score A, score B) of a model in `region`:
 * - `position`: inside / outside the polygon through the reached points (nonzero winding number, from
 *   the same edge crossings as impliedBound), or "at the edge" when its distance to an edge is
 *   ≤ `tolerance` (default 0.01 score units). Visited points add no area, so they do not change it.
 * - `givenA` / `givenB`: impliedBound at the model's value of one score (polygon edges plus every visited
 *   point, the region's definition) — the range the other score takes where the first is at least the
 *   model's — and where the model's other score lies in it (within, at the edge within `tolerance`,
 *   below, above; unknown when the region has no point that high).
 * The region is an inner approximation of what is feasible: a model outside it (or outside a range)
 * shows a feasible pair the optimization did not reach, so the bounds are too tight there.
 *
 *   const p = placeInRegion(allowedRegion(X, "cka", "procrustes-angular-score"), [0.14, 0.26]);
 *   p.position;              // "inside"
 *   p.givenB.statement;      // "procrustes-angular-score ≥ 0.260 leaves cka in [0.040, 0.620]; the model's cka 0.140 is within"
 */
export function placeInRegion(region: AllowedRegion, point: ScorePair, options: { tolerance?: number } = {}): RegionPlacement {
  const polygon = region?.polygon;
  if (!Array.isArray(polygon) || polygon.length === 0 || !polygon.every(isPair))
    throw new InputError("region", "an AllowedRegion whose polygon is a non-empty list of finite [scoreA, scoreB] pairs", `got polygon ${JSON.stringify(polygon)?.slice(0, 80)}`);
  if (!isPair(point)) throw new InputError("point", "the model's [scoreA, scoreB], two finite numbers", `got ${JSON.stringify(point)?.slice(0, 80)}`);
  const tolerance = options.tolerance ?? 0.01;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new InputError("tolerance", "a finite distance ≥ 0 in score units", `got ${received(tolerance)}`);
  const [a, b] = point;
  const winding = edgeCrossings(polygon, "A", a)
    .filter((c) => c.other > b)
    .reduce((sum, c) => sum + c.direction, 0);
  const edgeDistance = polygon.reduce((d, p, k) => Math.min(d, segmentDistance(point, p, polygon[(k + 1) % polygon.length])), Infinity);
  const position = edgeDistance <= tolerance ? "at the edge" : winding !== 0 ? "inside" : "outside";
  return {
    measures: region.measures,
    point: [a, b],
    position,
    edgeDistance,
    givenA: checkRange(impliedBound(region, "A", a), b, region.measures[0], region.measures[1], tolerance),
    givenB: checkRange(impliedBound(region, "B", b), a, region.measures[1], region.measures[0], tolerance),
    tolerance,
  };
}

function isPair(p: unknown): p is ScorePair {
  return Array.isArray(p) && p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

function checkRange(implication: Implication, value: number, givenName: string, name: string, tolerance: number): RangeCheck {
  const { min, max } = implication;
  const head = `${givenName} ≥ ${implication.atLeast.toFixed(3)}`;
  if (Number.isNaN(min)) return { implication, value, position: "unknown", statement: `no point of the region has ${head}: it says nothing about ${name} there` };
  const position: RangePosition =
    Math.abs(value - min) <= tolerance || Math.abs(value - max) <= tolerance ? "at the edge" : value < min ? "below" : value > max ? "above" : "within";
  return { implication, value, position, statement: `${head} leaves ${name} in [${min.toFixed(3)}, ${max.toFixed(3)}]; the model's ${name} ${value.toFixed(3)} is ${position}` };
}

/** Distance from point p to the segment [u, v]. */
function segmentDistance(p: ScorePair, u: ScorePair, v: ScorePair): number {
  const dx = v[0] - u[0];
  const dy = v[1] - u[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - u[0]) * dx + (p[1] - u[1]) * dy) / length2));
  return Math.hypot(p[0] - u[0] - t * dx, p[1] - u[1] - t * dy);
}
