import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, Matrix, optimize, pcR2, pcR2Recorder, ultrametric } from "../../lib";
import { decode, thresholdScore } from "../../lib/analysis/decoding";
import { decodingAlong, decodingRecorder } from "../../lib/analysis/trajectory";

// 40 leaves in 2 categories of 20: binary, balanced, quick to decode.
const data = ultrametric({ seed: 1, branches: [2, 20], dim: 30 });
const labels = data.labels.category.values;

test("decodingRecorder records decode(Y_k).accuracy at every recorded step; warm starts: same accuracies, fewer iterations", () => {
  // A tight tolerance, so that warm and cold fits agree on every prediction (40 samples: one flip is 0.025).
  const tol = 1e-6;
  const iterations = { warm: [] as number[], cold: [] as number[] };
  const r = optimize(data.activity, "cka", {
    seed: 2,
    maxIter: 12,
    recordEvery: 4,
    snapshots: true,
    recorders: {
      warm: decodingRecorder(labels, { seed: 3, tol, onResult: (d) => iterations.warm.push(d.iterations) }),
      cold: decodingRecorder(labels, { seed: 3, tol, warmStarts: false, onResult: (d) => iterations.cold.push(d.iterations) }),
    },
  });
  assert.deepEqual(r.records.map((x) => x.iteration), [0, 4, 8, 12]);
  for (const rec of r.records) {
    const cold = decode(rec.Y as Matrix, [40, 30], labels, { seed: 3, tol });
    assert.equal(rec.values.cold, cold.accuracy);
    assert.equal(rec.values.warm, cold.accuracy);
  }
  assert.equal(iterations.warm[0], iterations.cold[0]);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  assert.ok(sum(iterations.warm.slice(1)) < 0.8 * sum(iterations.cold.slice(1)), `warm ${iterations.warm} vs cold ${iterations.cold}`);
});

test("decodingAlong (Fig. 3 protocol): accuracy rises with the score, neural reference, threshold and its crossing", () => {
  const d = decodingAlong(data, "cka", "category", { seed: 1, stopScore: 0.99, recordEvery: 5 });
  assert.equal(d.run.stopReason, "stopScore");
  assert.equal(d.scores.length, d.accuracies.length);
  assert.equal(d.chance, 0.5);
  assert.equal(d.reference, decode(data.activity, data.shape, labels).accuracy);
  assert.ok(Math.abs(d.threshold - (0.5 + 0.9 * (d.reference - 0.5))) < 1e-15);
  assert.ok(d.accuracies[0] < 0.8 && d.accuracies[d.accuracies.length - 1] > 0.9, `${d.accuracies}`);
  assert.ok(d.thresholdScore.crossed && d.thresholdScore.score > d.scores[0] && d.thresholdScore.score <= d.scores[d.scores.length - 1]);
  assert.throws(() => decodingAlong(data, "cka", "nope"), /label/);
  assert.deepEqual(d.steps, d.run.records.map((r) => r.iteration));
  d.steps.forEach((k, i) => assert.equal(d.scores[i], d.run.scores[k]));
  assert.deepEqual(d.capped, d.steps.map(() => 0));
});

test("one run records decoding and per-PC R² together (recorders combine), on a score grid", () => {
  const r2 = pcR2(data);
  const d = decodingAlong(data, "cka", "category", { seed: 1, stopScore: 0.99, recordEveryScore: 0.1, snapshots: true, recorders: { r2: pcR2Recorder(data) } });
  assert.ok(d.steps.length >= 4 && d.steps.length < d.run.scores.length, `steps ${d.steps}`);
  for (const rec of d.run.records) {
    assert.deepEqual(rec.values.r2, Array.from(r2(rec.Y as Matrix)));
    assert.equal(typeof rec.values.accuracy, "number");
  }
  // Each record after the first is the first step at or past a new multiple of 0.1 (or the last step).
  for (let i = 1; i < d.steps.length - 1; i++) assert.ok(Math.floor(d.scores[i] / 0.1) > Math.floor(Math.max(...d.run.scores.slice(0, d.steps[i])) / 0.1));
  assert.throws(() => decodingAlong(data, "cka", "category", { recorders: { accuracy: () => 0 } }), (e: unknown) => e instanceof InputError && e.argument === "recorders");
});

test("decodingAlong: chance rule and crossing rule are options; the result says which", () => {
  const unbalanced = { ...data, labels: { ...data.labels, odd: { name: "odd", values: labels.map((_, i) => (i < 28 ? 0 : 1)), classes: [0, 1] } } };
  const d = decodingAlong(unbalanced, "cka", "odd", { seed: 1, maxIter: 20, recordEvery: 5, chance: "majority", crossing: "sustained" });
  assert.equal(d.chanceRule, "majority");
  assert.equal(d.chance, 28 / 40);
  const expected = thresholdScore(d.scores, d.accuracies, d.threshold, { rule: "sustained" });
  assert.deepEqual(d.thresholdScore, expected);
});

test("pcR2 takes a loaded Dataset (or any data array); other objects give an InputError, not a TypeError", () => {
  const fromDataset = pcR2(data)(data.activity);
  const fromMatrix = pcR2(data.activity)(data.activity);
  assert.deepEqual(Array.from(fromDataset), Array.from(fromMatrix));
  assert.ok(fromMatrix.every((v) => Math.abs(v - 1) < 1e-9));
  assert.throws(() => pcR2({ rows: 3 } as unknown as Matrix), (e: unknown) => e instanceof InputError && e.argument === "X");
  assert.throws(() => pcR2(data)({ activity: 1, shape: [40, 30] } as unknown as Matrix), (e: unknown) => e instanceof InputError && e.argument === "Y");
});
