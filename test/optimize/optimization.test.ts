import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, Optimization, optimize, toy2d } from "../../lib";

const X = toy2d().toArray();

test("Optimization stepped by hand gives optimize()'s trajectory, Y_k before each step", () => {
  const options = { seed: 4, lr: 0.05, maxIter: 25 };
  const whole = optimize(X, "procrustes-angular-score", { ...options, snapshots: true });
  const run = new Optimization(X, "procrustes-angular-score", options);
  const seen: number[][] = [];
  while (!run.done) {
    assert.equal(run.iteration, seen.length);
    seen.push(Array.from(run.Y.data));
    const s = run.step();
    assert.equal(s.score, whole.scores[s.iteration]);
    assert.equal(s.stop, s.iteration === 25 ? "maxIter" : null);
  }
  assert.deepEqual(run.result().scores, whole.scores);
  assert.deepEqual(Array.from(run.result().YMatrix.data), Array.from(whole.YMatrix.data));
  for (const rec of whole.records) assert.deepEqual(seen[rec.iteration], Array.from(rec.Y!.data));
  assert.deepEqual(run.shapeY, [10, 6, 2]);
});

test("Optimization stops at stopScore, then refuses more steps; result() only when done", () => {
  const run = new Optimization(X, "cka", { seed: 1, stopScore: 0.5 });
  assert.throws(() => run.result(), InputError);
  let last = run.step();
  while (!run.done) last = run.step();
  assert.equal(last.stop, "stopScore");
  assert.ok(last.score > 0.5);
  assert.throws(() => run.step(), (e: unknown) => e instanceof InputError && /stopped \(stopScore\)/.test(e.message));
  assert.equal(run.result().stopReason, "stopScore");
});
