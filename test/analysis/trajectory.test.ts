import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, optimize, ultrametric } from "../../lib";
import { decode } from "../../lib/analysis/decoding";
import { decodingAlong, decodingRecorder } from "../../lib/analysis/trajectory";

// 40 leaves in 2 categories of 20: binary, balanced, quick to decode.
const data = ultrametric({ seed: 1, branches: [2, 20], dim: 30 });
const labels = data.labels.category.values;

test("decodingRecorder records decode(Y_k).accuracy at every recorded step; warm starts: same accuracies, fewer iterations", () => {
  const iterations = { warm: [] as number[], cold: [] as number[] };
  const r = optimize(data.activity, "cka", {
    seed: 2,
    maxIter: 12,
    recordEvery: 4,
    snapshots: true,
    recorders: {
      warm: decodingRecorder(labels, { seed: 3, onResult: (d) => iterations.warm.push(d.iterations) }),
      cold: decodingRecorder(labels, { seed: 3, warmStarts: false, onResult: (d) => iterations.cold.push(d.iterations) }),
    },
  });
  assert.deepEqual(r.records.map((x) => x.iteration), [0, 4, 8, 12]);
  for (const rec of r.records) {
    const cold = decode(rec.Y as Matrix, [40, 30], labels, { seed: 3 });
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
});
