import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, Matrix, Rng } from "../../lib";
import { labelSet, makeDataset } from "../../lib/data/dataset";
import { decodingFolds, neuralDecoding } from "../../lib/analysis/decoding-reference";

test("decodingFolds: min(5, smallest class count)", () => {
  assert.equal(decodingFolds([0, 0, 0, 1, 1, 1]), 3);
  assert.equal(decodingFolds(Array.from({ length: 40 }, (_, i) => i % 2)), 5);
});

test("neuralDecoding: a separable label decodes perfectly; chance levels and the threshold follow the rule", () => {
  const rng = new Rng(3);
  const labels = Array.from({ length: 30 }, (_, i) => (i < 20 ? 0 : 1));
  const rows = labels.map((y) => [y * 6 + rng.normal(), rng.normal(), rng.normal()]);
  const ds = makeDataset(Matrix.fromRows(rows), [30, 3], [labelSet("y", labels)], { id: "sep", source: "toy", units: "a.u.", preprocessing: "none", citation: "test" });
  const uniform = neuralDecoding(ds, "y");
  assert.equal(uniform.accuracy, 1);
  assert.equal(uniform.chanceUniform, 0.5);
  assert.ok(Math.abs(uniform.chanceMajority - 20 / 30) < 1e-12);
  assert.ok(Math.abs(uniform.threshold - (0.5 + 0.9 * 0.5)) < 1e-12);
  const majority = neuralDecoding(ds, "y", { chance: "majority" });
  assert.ok(Math.abs(majority.threshold - (2 / 3 + 0.9 * (1 / 3))) < 1e-12);
  assert.throws(() => neuralDecoding(ds, "z"), /labels \(y\)/);
  assert.throws(() => neuralDecoding({} as never, "y"), InputError);
});
