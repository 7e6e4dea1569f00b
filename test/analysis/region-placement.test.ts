import { test } from "node:test";
import assert from "node:assert/strict";
import { AllowedRegion, InputError, ScorePair, allowedRegion, placeInRegion, toy2d } from "../../lib";
import { edgeCrossings } from "../../lib/analysis/regions";

/** A region with a given polygon and extra visited points (no real runs). */
function region(polygon: ScorePair[], visited: ScorePair[] = []): AllowedRegion {
  const runs = visited.length ? [{ target: [0, 0] as ScorePair, path: visited, reached: visited[visited.length - 1], distance: 0, run: {} as never }] : [];
  return { measures: ["A", "B"], targets: [], runs, reached: polygon, polygon };
}

const square = region([[0, 0], [1, 0], [1, 1], [0, 1]]);
const upper = region([[0, 0], [1, 1], [0, 1]]); // B ≥ A

test("edgeCrossings: each edge crossing the line once, with its direction; a vertex on the line counts once", () => {
  assert.deepEqual(edgeCrossings(square.polygon, "A", 0.5), [{ other: 0, direction: 1 }, { other: 1, direction: -1 }]);
  assert.deepEqual(edgeCrossings(square.polygon, "B", 0.25), [{ other: 1, direction: 1 }, { other: 0, direction: -1 }]);
  assert.deepEqual(edgeCrossings(upper.polygon, "A", 0), [{ other: 0, direction: 1 }, { other: 1, direction: -1 }]);
  assert.deepEqual(edgeCrossings(upper.polygon, "A", 2), []);
});

test("placeInRegion: inside, outside and at the edge of hand-made polygons", () => {
  const centre = placeInRegion(square, [0.5, 0.4]);
  assert.equal(centre.position, "inside");
  assert.ok(Math.abs(centre.edgeDistance - 0.4) < 1e-12);
  assert.deepEqual([centre.givenA.implication.min, centre.givenA.implication.max, centre.givenA.position], [0, 1, "within"]);
  assert.equal(centre.givenB.statement, "B ≥ 0.400 leaves A in [0.000, 1.000]; the model's A 0.500 is within");
  // the same square walked clockwise: winding −1, still inside
  assert.equal(placeInRegion(region([[0, 0], [0, 1], [1, 1], [1, 0]]), [0.5, 0.4]).position, "inside");
  assert.equal(placeInRegion(square, [1, 0.5]).position, "at the edge");
  assert.equal(placeInRegion(square, [1, 0.5]).edgeDistance, 0);
  assert.equal(placeInRegion(square, [0, 0]).position, "at the edge"); // a vertex
  // within the default tolerance 0.01 of the top edge, outside with tolerance 0
  assert.equal(placeInRegion(square, [0.5, 1.005]).position, "at the edge");
  assert.equal(placeInRegion(square, [0.5, 1.005], { tolerance: 0 }).position, "outside");
  // below the diagonal of the triangle B ≥ A: outside, and the model's B is below the range A ≥ 0.8 allows
  const below = placeInRegion(upper, [0.8, 0.3]);
  assert.equal(below.position, "outside");
  assert.ok(Math.abs(below.givenA.implication.min - 0.8) < 1e-12 && below.givenA.implication.max === 1);
  assert.equal(below.givenA.position, "below");
  assert.equal(below.givenB.position, "within"); // B ≥ 0.3 leaves A in [0, 1]
  assert.equal(placeInRegion(upper, [0.2, 0.6]).position, "inside");
  // on the diagonal the model's B is at the lower end of what A ≥ 0.5 allows
  assert.equal(placeInRegion(upper, [0.5, 0.5]).givenA.position, "at the edge");
  // a bow tie (self-intersecting): its two lobes are inside, the triangle between them is not
  const bowTie = region([[0, 0], [1, 1], [1, 0], [0, 1]]);
  assert.equal(placeInRegion(bowTie, [0.1, 0.5]).position, "inside");
  assert.equal(placeInRegion(bowTie, [0.9, 0.5]).position, "inside");
  assert.equal(placeInRegion(bowTie, [0.5, 0.1]).position, "outside");
});

test("placeInRegion: the implied ranges include visited points; an empty restriction is NaN and unknown", () => {
  const visited = placeInRegion(region([[0, 0], [1, 1], [0, 1]], [[0.95, 0.3]]), [0.9, 0.2]);
  assert.equal(visited.givenA.implication.min, 0.3); // the visited point weakens the bound A ≥ 0.9 ⇒ B ≥ 0.9
  assert.equal(visited.givenA.position, "below");
  const beyond = placeInRegion(square, [1.5, 0.5]);
  assert.equal(beyond.position, "outside");
  assert.ok(Number.isNaN(beyond.givenA.implication.min) && Number.isNaN(beyond.givenA.implication.max));
  assert.equal(beyond.givenA.position, "unknown");
  assert.match(beyond.givenA.statement, /^no point of the region has A ≥ 1.500/);
  assert.equal(beyond.givenB.position, "above"); // B ≥ 0.5 leaves A in [0, 1]; 1.5 is above
});

test("placeInRegion on a computed region: a reached point lies on the polygon", () => {
  const r = allowedRegion(toy2d(), "cka", "procrustes-angular-score", { N: 2, maxIter: 5, seed: 0 });
  const p = placeInRegion(r, r.reached[1]);
  assert.equal(p.position, "at the edge");
  assert.equal(p.edgeDistance, 0);
  assert.deepEqual(p.measures, ["cka", "procrustes-angular-score"]);
});

test("placeInRegion: bad input is an InputError naming the argument", () => {
  assert.throws(() => placeInRegion(region([]), [0.5, 0.5]), (e: unknown) => e instanceof InputError && /region/.test(e.message));
  assert.throws(() => placeInRegion(region([[0, 0], [1, NaN]]), [0.5, 0.5]), InputError);
  assert.throws(() => placeInRegion(square, [0.5, NaN]), (e: unknown) => e instanceof InputError && /point/.test(e.message));
  assert.throws(() => placeInRegion(square, [0.5] as unknown as ScorePair), InputError);
  assert.throws(() => placeInRegion(square, [0.5, 0.5], { tolerance: -1 }), (e: unknown) => e instanceof InputError && /tolerance/.test(e.message));
});
