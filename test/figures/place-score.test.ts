import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../lib";
import type { DecodingCurve } from "../../lib/figures/decoding-vs-score";
import type { PcCapture } from "../../lib/figures/pc-learning-order";
import { guaranteeRows, placeScore } from "../../lib/figures/place-score";

const curve = (seed: number, accuracies: number[]): DecodingCurve => ({ dataset: "d", measure: "cka", seed, label: "context", steps: [0, 10, 20], scores: [0, 0.5, 1], accuracies });
const pc = (captureScores: number[]): PcCapture => ({
  dataset: "d", measure: "cka", seed: 0, iterations: 20, finalScore: 1, explainedVariance: [0.6, 0.3, 0.1], scores: [0, 0.5, 1], r2: [], captureScores,
  captured: { count: captureScores.filter(Number.isFinite).length, total: 3, varianceShare: 0 },
});
const reference = { label: "context", accuracy: 0.9, chanceUniform: 0.5, chanceMajority: 0.5, chanceRule: "uniform" as const, threshold: 0.86 };

test("placeScore: accuracy of optimized runs where their score first reaches the model's, and the PCs captured by then", () => {
  const p = placeScore("cka", 0.25, [curve(0, [0.5, 0.7, 0.9]), curve(1, [0.5, 0.9, 0.9])], [pc([0.2, 0.4, NaN]), pc([0.1, 0.3, 0.9])], reference);
  assert.equal(p.runsReaching, 2);
  assert.ok(Math.abs(p.syntheticAccuracy - (0.6 + 0.7) / 2) < 1e-12, "linear interpolation at score 0.25 in each run, then the mean");
  assert.equal(p.pcsCaptured, 1);
  assert.ok(Math.abs(p.varianceShare - 0.6) < 1e-12);
  const beyond = placeScore("cka", 1.5, [curve(0, [0.5, 0.7, 0.9])], [pc([0.2, 0.4, NaN])], reference);
  assert.equal(beyond.runsReaching, 0);
  assert.ok(Number.isNaN(beyond.syntheticAccuracy));
  assert.throws(() => placeScore("nbs", 0.5, [curve(0, [0.5, 0.7, 0.9])], [], reference), /under nbs/);
  assert.throws(() => placeScore("cka", NaN, [], [], reference), InputError);
});

test("guaranteeRows: neural-level decoding is listed as guaranteed only when optimized data at that score reach the threshold", () => {
  const low = placeScore("cka", 0.25, [curve(0, [0.5, 0.7, 0.9])], [pc([0.2, 0.4, NaN])], reference);
  const high = placeScore("cka", 0.9, [curve(0, [0.5, 0.7, 0.9])], [pc([0.2, 0.4, NaN])], reference);
  const beyond = placeScore("cka", 1.5, [curve(0, [0.5, 0.7, 0.9])], [pc([0.2, 0.4, NaN])], reference);
  const [a, b, c] = guaranteeRows([low, high, beyond]);
  assert.match(a["does not guarantee"], /context decoded like the neural data \(optimized Y at this score: 0\.60 vs threshold 0\.86\)/);
  assert.match(a.guarantees, /^1\/3 PCs of X \(60\.0% of the variance\) captured$/);
  assert.match(b.guarantees, /2\/3 PCs .*context decoded at the neural level \(0\.86 vs threshold 0\.86\)/);
  assert.match(c.guarantees, /no optimized run reached this score/);
});
