import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, Rng, l1ToTarget, optimizeToTargets, score, squareTargets, toy2d } from "../../lib";

test("squareTargets follows the optim_square order of paper §7.1", () => {
  assert.deepEqual(squareTargets(2), [[0, 0], [1, 0], [1, 1], [0, 1]]);
  assert.deepEqual(squareTargets(3), [
    [0, 0], [0.5, 0], // bottom, j < N−1
    [1, 0], [1, 0.5], // right, j < N−1
    [1, 1], [0.5, 1], // top, descending, j ≥ 1
    [0, 1], [0, 0.5], // left, descending, j ≥ 1
  ]);
  const t6 = squareTargets(6);
  assert.equal(t6.length, 20);
  assert.ok(t6.every(([a, b]) => a === 0 || a === 1 || b === 0 || b === 1));
  assert.equal(new Set(t6.map((t) => t.join())).size, 20);
  // consecutive targets are neighbours on the boundary (one step of 0.2 along an edge)
  for (let k = 0; k < 20; k++) {
    const [p, q] = [t6[k], t6[(k + 1) % 20]];
    assert.ok(Math.abs(Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) - 0.2) < 1e-12, `${p} → ${q}`);
  }
  assert.throws(() => squareTargets(1), InputError);
});

test("l1ToTarget: value −(|a − t_a| + |b − t_b|), partials −sign", () => {
  const r = l1ToTarget([0.5, 0.2])([0.75, 0.125]);
  assert.equal(r.value, -(0.25 + 0.075));
  assert.deepEqual(r.partials, [-1, 1]);
  assert.deepEqual(l1ToTarget([0.5, 0.2])([0.5, 0.2]).partials.map(Math.abs), [0, 0]);
});

test("optimizeToTargets: one shared initial Y, per-step (A, B) path, targets approached", () => {
  const X = toy2d().toArray();
  const targets = [[1, 1], [0.5, 0.3], [0, 0]] as [number, number][];
  const runs = optimizeToTargets(X, "cka", "cka-angular-score", targets, { seed: 3, maxIter: 150 });
  assert.equal(runs.length, 3);
  for (const r of runs) {
    assert.deepEqual(r.path[0], runs[0].path[0]);
    assert.equal(r.path.length, 151);
    assert.deepEqual(r.reached, r.path[150]);
    assert.ok(Math.abs(r.reached[0] - score("cka", X, r.run.Y)) < 1e-14);
  }
  assert.ok(runs[0].distance < 0.02, `(1, 1): ${runs[0].reached}`);
  assert.ok(runs[2].distance < 0.02, `(0, 0): ${runs[2].reached}`);
  // (0.5, 0.3) lies off the curve B = 1 − (2/π)·arccos(A): the run ends on the curve, closer than it started
  const [a, b] = runs[1].reached;
  assert.ok(Math.abs(b - (1 - (2 / Math.PI) * Math.acos(a))) < 1e-9);
  assert.ok(runs[1].distance < Math.abs(runs[1].path[0][0] - 0.5) + Math.abs(runs[1].path[0][1] - 0.3));
  const again = optimizeToTargets(X, "cka", "cka-angular-score", targets, { seed: 3, maxIter: 150 });
  assert.deepEqual(again.map((r) => r.reached), runs.map((r) => r.reached));
});

test("optimizeToTargets in joint mode (paper §7.3): X and Y both move from a shared initialization", () => {
  const X0 = new Rng(1).normalMatrix(20, 10);
  const runs = optimizeToTargets(X0, "cka", "cka-angular-score", [[0.95, 0.8], [0, 0]], { trainX: true, lr: 0.01, maxIter: 200, seed: 2 });
  for (const r of runs) assert.ok(r.run.XMatrix && r.run.XMatrix.data.some((v, i) => v !== X0.data[i]));
  assert.deepEqual(runs[0].path[0], runs[1].path[0]);
  assert.ok(runs[0].reached[0] > runs[0].path[0][0] + 0.3, `${runs[0].path[0]} → ${runs[0].reached}`);
  assert.throws(() => optimizeToTargets(X0, "cka", "nbs", []), InputError);
});
