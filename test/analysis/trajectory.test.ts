import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, optimize, ultrametric } from "../../lib";
import { decode } from "../../lib/analysis/decoding";
import { decodingAlong, decodingRecorder } from "../../lib/analysis/trajectory";

// 40 leaves in 2 categories of 20: binary, balanced, quick to decode.
const data = ultrametric({ seed: 1, branches: [2, 20], dim: 30 });
const labels = data.labels.category.values;

test("decodingRecorder records decode(Y_k).accuracy at every recorded step", () => {
  const r = optimize(data.activity, "cka", { seed: 2, maxIter: 12, recordEvery: 4, snapshots: true, recorders: { acc: decodingRecorder(labels, { seed: 3 }) } });
  assert.deepEqual(r.records.map((x) => x.iteration), [0, 4, 8, 12]);
  for (const rec of r.records) assert.equal(rec.values.acc, decode(rec.Y as Matrix, [40, 30], labels, { seed: 3 }).accuracy);
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
