import { test } from "node:test";
import assert from "node:assert/strict";
import { AllowedRegion, InputError, ScorePair, allowedRegion, impliedBound, squareTargets, toy2d } from "../../lib";

/** A region with a given polygon and extra visited points (no real runs). */
function region(polygon: ScorePair[], visited: ScorePair[] = []): AllowedRegion {
  const runs = visited.length ? [{ target: [0, 0] as ScorePair, path: visited, reached: visited[visited.length - 1], distance: 0, run: {} as never }] : [];
  return { measures: ["A", "B"], targets: [], runs, reached: polygon, polygon };
}

test("impliedBound: extremes of the other score over the polygon clipped to {given ≥ a}", () => {
  const square = region([[0, 0], [1, 0], [1, 1], [0, 1]]);
  assert.deepEqual([impliedBound(square, "A", 0.5).min, impliedBound(square, "A", 0.5).max], [0, 1]);
  // asymmetric region B ≥ A (Fig. 7a): high A forces high B, not the other way round
  const upper = region([[0, 0], [1, 1], [0, 1]]);
  const a = impliedBound(upper, "A", 0.9);
  assert.ok(Math.abs(a.min - 0.9) < 1e-12 && a.max === 1);
  assert.equal(a.statement, "A ≥ 0.9 implies B ≥ 0.900 (and ≤ 1.000) in the empirical region");
  assert.equal(impliedBound(upper, "B", 0.9).min, 0);
  // a lens around the diagonal (coupled)
  const lens = region([[0, 0], [0.6, 0.2], [1, 1], [0.2, 0.6]]);
  assert.ok(Math.abs(impliedBound(lens, "A", 0.8).min - 0.6) < 1e-12); // edge (0.6,0.2)→(1,1) at A = 0.8
  assert.ok(Math.abs(impliedBound(lens, "B", 0.8).min - 0.6) < 1e-12);
  // visited points are feasible too and can only weaken the bound
  assert.equal(impliedBound(region([[0, 0], [1, 1], [0, 1]], [[0.95, 0.3]]), "A", 0.9).min, 0.3);
  const empty = impliedBound(upper, "A", 1.5);
  assert.ok(Number.isNaN(empty.min) && /no reached point/.test(empty.statement));
  assert.throws(() => impliedBound(upper, "C" as "A", 0.9), InputError);
  assert.throws(() => impliedBound(upper, "A", NaN), InputError);
});

test(
  "allowedRegion on toy2d, CKA × angular Procrustes (Fig. 7b): Procrustes ≥ 0.9 implies a high CKA, not the converse",
  () => {
    const r = allowedRegion(toy2d(), "cka", "procrustes-angular-score", { N: 6, seed: 1, maxIter: 100 });
    assert.deepEqual(r.targets, squareTargets(6));
    assert.equal(r.reached.length, 20);
    assert.deepEqual(r.polygon, r.runs.map((run) => run.reached));
    assert.deepEqual(r.measures, ["cka", "procrustes-angular-score"]);
    assert.ok(r.runs.every((run) => JSON.stringify(run.path[0]) === JSON.stringify(r.runs[0].path[0])));
    const highProc = impliedBound(r, "B", 0.9);
    const highCka = impliedBound(r, "A", 0.9);
    console.log(`${highProc.statement}\n${highCka.statement}`);
    assert.ok(highProc.min > 0.85, highProc.statement);
    assert.ok(highCka.min < 0.7, highCka.statement);
  },
);
