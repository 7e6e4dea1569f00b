import { test } from "node:test";
import assert from "node:assert/strict";
import { Adam, InputError, hasMeasure, Matrix, Objective, Rng, combineMeasures, optimize, prepareMeasure, score, scoreAndGrad, toNested, toy2d } from "../../lib";

const X = toy2d().toArray(); // (10, 6, 2)
const Xflat = toy2d().activity;

test("same seed gives the identical trajectory; different seeds differ", () => {
  const a = optimize(X, "cka", { seed: 7, maxIter: 30 });
  const b = optimize(X, "cka", { seed: 7, maxIter: 30 });
  const c = optimize(X, "cka", { seed: 8, maxIter: 30 });
  assert.deepEqual(a.scores, b.scores);
  assert.deepEqual(Array.from(a.YMatrix.data), Array.from(b.YMatrix.data));
  assert.notDeepEqual(a.scores, c.scores);
  assert.ok(a.scores[0] !== c.scores[0]);
});

test("scores[k] = score(X, Y_k); Y returned in X's 3-D shape; Y0 copied, not mutated", () => {
  const Y0 = new Rng(3).normalMatrix(60, 2);
  const before = Y0.data.slice();
  const r = optimize(X, "cka", { Y0: { data: Y0.data, shape: [10, 6, 2] }, maxIter: 12, snapshots: true });
  assert.deepEqual(Array.from(Y0.data), Array.from(before));
  assert.equal(r.scores.length, 13);
  assert.equal(r.iterations, 12);
  assert.equal(r.stopReason, "maxIter");
  assert.ok(Math.abs(r.scores[0] - score("cka", X, toNested(Y0, [10, 6, 2]))) < 1e-14);
  assert.ok(Math.abs(r.scores[12] - score("cka", X, r.Y)) < 1e-14);
  const Y = r.Y as number[][][];
  assert.deepEqual([Y.length, Y[0].length, Y[0][0].length], [10, 6, 2]);
  for (const rec of r.records) assert.ok(Math.abs(score("cka", X, toNested(rec.Y as Matrix, [10, 6, 2])) - r.scores[rec.iteration]) < 1e-14);
  assert.ok(r.scores[12] > r.scores[0]);
});

test("the loop is the reference loop of paper §3 without its duplicated first entry", () => {
  // diffscore MeasureOptim, written out literally: scores = [s(Y0)], then per iteration the pre-update score.
  const seed = 5;
  const maxIter = 40;
  const stop = 0.6;
  const m = prepareMeasure("cka", X);
  const Y = new Rng(seed).normalMatrix(60, 2);
  const adam = new Adam(Y.data.length, { lr: 0.1 });
  const ref = [m.scoreMatrix(Y)];
  let refIterations = maxIter;
  for (let i = 0; i < maxIter; i++) {
    const { value, gradY } = m.scoreAndGradMatrix(Y);
    ref.push(value);
    if (value > stop) {
      refIterations = i;
      break;
    }
    adam.step(Y.data, gradY.data, true);
  }
  const r = optimize(X, "cka", { seed, maxIter, stopScore: stop });
  assert.equal(r.stopReason, "stopScore");
  assert.equal(r.iterations, refIterations);
  assert.equal(r.iterations, ref.length - 2);
  assert.deepEqual(r.scores, ref.slice(1));
  assert.ok(r.scores[r.iterations] > stop && r.scores[r.iterations - 1] <= stop);
});

test("stopScore is strict and recordEvery keeps step 0, every k-th step and the last one", () => {
  const free = optimize(X, "cka", { seed: 2, maxIter: 25 });
  const s = free.scores[10];
  const stopped = optimize(X, "cka", { seed: 2, maxIter: 25, stopScore: s });
  const firstAbove = free.scores.findIndex((v) => v > s);
  assert.equal(stopped.iterations, firstAbove);
  assert.ok(firstAbove !== -1 && free.scores[firstAbove] > s);
  const rec = optimize(X, "cka", { seed: 2, maxIter: 10, recordEvery: 3, recorders: { double: (st) => 2 * st.score } });
  assert.deepEqual(rec.records.map((r) => r.iteration), [0, 3, 6, 9, 10]);
  for (const r of rec.records) {
    assert.equal(r.values.double, 2 * rec.scores[r.iteration]);
    assert.equal(r.Y, undefined);
  }
});

test("recordEveryScore records the first step past each grid point of the score (with or without recordEvery)", () => {
  const free = optimize(X, "cka", { seed: 2, maxIter: 40 });
  const delta = 0.05;
  // Expected: step 0, then every step whose score reaches a grid point above the best one reached so far, and the last step.
  const expected: number[] = [];
  let next = -Infinity;
  free.scores.forEach((v, k) => {
    if (v >= next) {
      expected.push(k);
      next = (Math.floor(v / delta) + 1) * delta;
    } else if (k === free.scores.length - 1) expected.push(k);
  });
  assert.ok(expected.length > 3 && expected.length < 30, `${expected}`);
  const grid = optimize(X, "cka", { seed: 2, maxIter: 40, recordEveryScore: delta });
  assert.deepEqual(grid.records.map((r) => r.iteration), expected);
  assert.deepEqual(grid.scores, free.scores);
  const both = optimize(X, "cka", { seed: 2, maxIter: 40, recordEveryScore: delta, recordEvery: 10 });
  assert.deepEqual(both.records.map((r) => r.iteration), [...new Set([...expected, 10, 20, 30, 40])].sort((a, b) => a - b));
  assert.throws(() => optimize(X, "cka", { recordEveryScore: 0 }), (e: unknown) => e instanceof InputError && e.argument === "recordEveryScore");
});

test("optimize accepts a loaded Dataset as X (its activity and shape)", () => {
  const ds = toy2d();
  const a = optimize(ds, "cka", { seed: 3, maxIter: 5 });
  const b = optimize({ data: ds.activity.data, shape: ds.shape }, "cka", { seed: 3, maxIter: 5 });
  assert.deepEqual(a.scores, b.scores);
  assert.deepEqual(a.shapeY, ds.shape);
});

test("non-finite gradients skip the step, are reported, and the run recovers (no permanent noise)", () => {
  const m = prepareMeasure("cka", X);
  let calls = 0;
  const flaky: Objective = (_X, Y) => {
    const r = m.scoreAndGradMatrix(Y);
    calls++;
    if (calls === 4 || calls === 8) r.gradY.data[0] = NaN;
    if (calls === 10) return { value: NaN, gradY: r.gradY };
    return r;
  };
  const r = optimize(X, flaky, { seed: 1, maxIter: 30 });
  assert.deepEqual(r.nonFinite, { count: 3, iterations: [3, 7, 9] });
  assert.ok(Number.isNaN(r.scores[9]));
  assert.ok(r.scores.slice(10).every(Number.isFinite));
  // after the skip the scores are clean again: each later score is the measure at that Y (no noise injection)
  assert.ok(Math.abs(r.scores[30] - m.scoreMatrix(r.YMatrix)) < 1e-15);
  assert.ok(r.scores[30] > r.scores[0]);
});

test("angular scores started at Y0 = X (arccos(1 + ε), paper §12 #14) give finite values and gradients", () => {
  for (const id of ["cka-angular-score", "procrustes-angular-score"].filter(hasMeasure)) {
    const r = optimize(X, id, { Y0: X, maxIter: 5 });
    assert.equal(r.nonFinite.count, 0, id);
    assert.ok(r.scores.every((s) => Number.isFinite(s) && s > 0.999), `${id}: ${r.scores}`);
  }
});

test("cancellation by AbortSignal and by a progress callback returning false", () => {
  const controller = new AbortController();
  const seen: number[] = [];
  const a = optimize(X, "cka", {
    maxIter: 100,
    signal: controller.signal,
    onProgress: (p) => {
      seen.push(p.iteration);
      if (p.iteration === 5) controller.abort();
    },
  });
  assert.equal(a.stopReason, "cancelled");
  assert.equal(a.iterations, 5);
  assert.deepEqual(seen, [0, 1, 2, 3, 4, 5]);
  const b = optimize(X, "cka", { maxIter: 100, onProgress: (p) => p.iteration < 4 });
  assert.equal(b.stopReason, "cancelled");
  assert.equal(b.iterations, 4);
  assert.equal(b.records[b.records.length - 1].iteration, 4);
});

test("combineMeasures: weighted value and gradient, terms recorded per step", () => {
  const Y = new Rng(4).normalMatrix(60, 2);
  const objective = combineMeasures(["cka", "cka-angular-score"], [0.25, 2]);
  const r = objective(Xflat, Y, { trainX: false, shapeX: [10, 6, 2], shapeY: [60, 2] });
  const a = scoreAndGrad("cka", Xflat, Y);
  const b = scoreAndGrad("cka-angular-score", Xflat, Y);
  assert.ok(Math.abs(r.value - (0.25 * a.value + 2 * b.value)) < 1e-14);
  const ga = (a.gradY as number[][]).flat();
  const gb = (b.gradY as number[][]).flat();
  r.gradY.data.forEach((g, i) => assert.ok(Math.abs(g - (0.25 * ga[i] + 2 * gb[i])) < 1e-12));
  assert.deepEqual(r.terms, [a.value, b.value]);
  const run = optimize(X, objective, { maxIter: 5 });
  assert.equal(run.terms?.length, 6);
  assert.ok(Math.abs((run.terms as number[][])[5][0] - score("cka", X, run.Y)) < 1e-14);
});

test("joint mode (trainX) moves X and Y, returns both, leaves the input untouched", () => {
  const X0 = new Rng(9).normalMatrix(20, 10);
  const copy = X0.data.slice();
  const r = optimize(X0, "cka", { trainX: true, maxIter: 50, lr: 0.01, seed: 3 });
  assert.deepEqual(Array.from(X0.data), Array.from(copy));
  assert.ok(r.XMatrix && r.X);
  assert.notDeepEqual(Array.from((r.XMatrix as Matrix).data), Array.from(copy));
  assert.ok(Math.abs(r.scores[50] - score("cka", r.X as number[][], r.Y)) < 1e-14);
  assert.ok(r.scores[50] > r.scores[0] + 0.05);
});

test("bad inputs throw InputError naming the argument", () => {
  const cases: [() => unknown, string][] = [
    [() => optimize(X, "cka", { maxIter: -1 }), "maxIter"],
    [() => optimize(X, "cka", { recordEvery: 0 }), "recordEvery"],
    [() => optimize(X, "cka", { stopScore: NaN }), "stopScore"],
    [() => optimize(X, "cka", { Y0: [[1, 2]] }), "Y0"],
    [() => optimize(X, "no-such-measure"), "measure"],
    [() => optimize([[1, NaN], [2, 3]], "cka"), "X"],
    [() => optimize(X, () => ({ value: 0, gradY: new Matrix(3, 3) })), "objective gradY"],
    [() => optimize(X, () => ({ value: 0, gradY: new Matrix(60, 2) }), { trainX: true }), "objective gradX"],
  ];
  for (const [fn, arg] of cases)
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === arg, `expected InputError on ${arg}`);
});
