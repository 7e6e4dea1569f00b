import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, toy2d } from "../../lib";
import { neuralDecoding } from "../../lib/analysis/decoding-reference";
import { randomFeatureModel } from "../../lib/analysis/random-feature-model";

test("randomFeatureModel: the dataset's layout and labels, tanh units built from the task variables, seeded", () => {
  const data = toy2d();
  const model = randomFeatureModel(data, { units: 30, seed: 2 });
  assert.deepEqual(model.shape, [data.shape[0], data.shape[1], 30]);
  assert.deepEqual(Object.keys(model.labels), Object.keys(data.labels));
  assert.equal(model.meta.source, "user");
  const noiseless = randomFeatureModel(data, { units: 30, seed: 2, noise: 0 });
  assert.ok(noiseless.activity.data.every((v) => Math.abs(v) <= 1), "tanh units without noise stay in [-1, 1]");
  assert.deepEqual(randomFeatureModel(data, { units: 30, seed: 2 }).activity.data, model.activity.data);
  assert.notDeepEqual(randomFeatureModel(data, { units: 30, seed: 3 }).activity.data, model.activity.data);
  const label = Object.keys(data.labels)[0];
  assert.ok(neuralDecoding(noiseless, label).accuracy > 0.9, "the task variable drives the units, so it decodes");
  assert.throws(() => randomFeatureModel(data, { units: 0 }), InputError);
});
