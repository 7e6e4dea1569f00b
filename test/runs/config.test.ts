import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Matrix, loadDataset } from "../../lib";
import { NUMBERS_VERSION, RunConfig, arrayHash, canonicalJson, computeRun, keyMaterial, normalizeConfig, runKey } from "../../lib/runs";
import { throwsAt } from "../support/throws";

// No real data anywhere: "auto" must resolve to the surrogate.
process.env.DIFFSIM_DATA_DIR = mkdtempSync(join(tmpdir(), "diffsim-nodata-"));

const base: RunConfig = { dataset: { id: "toy2d" }, objective: "cka", optimizer: { seed: 0 } };

test("normalizeConfig fills every default and accepts a bare dataset id", () => {
  assert.deepEqual(normalizeConfig(base), {
    dataset: { id: "toy2d", source: "auto", seed: 0 },
    objective: "cka",
    optimizer: { seed: 0, lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, maxIter: 1000 },
    record: { every: 10, decoding: [], pcs: false, snapshots: false },
  });
  const c = normalizeConfig({ ...base, optimizer: { seed: 3, stopScore: 0.99 }, record: { decoding: true, every: 2 } });
  assert.equal(c.optimizer.stopScore, 0.99);
  // toy2d's "stimulus" has one condition per class: cross-validation cannot decode it, so true means ["choice"]
  assert.deepEqual(c.record.decoding, ["choice"]);
  assert.deepEqual(normalizeConfig({ ...base, dataset: "Mante2013", record: { decoding: ["gt_choice", "context", "context"] } }).record.decoding, ["context", "gt_choice"]);
  assert.deepEqual(normalizeConfig(normalizeConfig(base)), normalizeConfig(base), "idempotent");
});

test("normalizeConfig: errors name the key path", () => {
  throwsAt(() => normalizeConfig({ ...base, objective: "ckaa" }), "objective", /nearest: .*cka/);
  throwsAt(() => normalizeConfig({ ...base, objective: { measures: ["cka", "nbss"], weights: [1, 1] } }), "objective.measures[1]", /nbs/);
  throwsAt(() => normalizeConfig({ ...base, objective: { measures: ["cka", "nbs"], weights: [1] } }), "objective.weights");
  throwsAt(() => normalizeConfig({ ...base, objective: "aligned_cosine_similarity" }), "objective", /value-only/);
  throwsAt(() => normalizeConfig({ ...base, dataset: "mante2013" }), "dataset.id", /Mante2013/);
  throwsAt(() => normalizeConfig({ ...base, dataset: { id: "toy2d", source: "real" } }), "dataset.source");
  throwsAt(() => normalizeConfig({ ...base, dataset: { id: "toy2d", seed: 0.5 } }), "dataset.seed");
  throwsAt(() => normalizeConfig({ ...base, dataset: { array: "abc" } }), "dataset.array");
  throwsAt(() => normalizeConfig({ ...base, optimizer: { seed: 0, lr: "0.1" } }), "optimizer.lr", /positive number; got "0.1"/);
  throwsAt(() => normalizeConfig({ ...base, optimizer: { seed: 0, maxIter: -1 } }), "optimizer.maxIter");
  throwsAt(() => normalizeConfig({ ...base, optimizer: { seed: 0, lrr: 0.1 } }), "optimizer.lrr", /unknown key/);
  throwsAt(() => normalizeConfig({ ...base, optimizer: { seed: 0, stopScore: null } }), "optimizer.stopScore");
  throwsAt(() => normalizeConfig({ ...base, record: { every: 0 } }), "record.every");
  throwsAt(() => normalizeConfig({ ...base, record: { pcs: "yes" } }), "record.pcs");
  throwsAt(() => normalizeConfig({ ...base, record: { decoding: ["choice", "colour"] } }), "record.decoding[1]", /choice/);
  throwsAt(() => normalizeConfig({ ...base, record: { decoding: ["stimulus"] } }), "record.decoding[0]", /2 conditions/);
  throwsAt(() => normalizeConfig({ ...base, seed: 1 }), "seed", /unknown key/);
  throwsAt(() => normalizeConfig({ objective: "cka" }), "dataset");
  throwsAt(() => normalizeConfig("toy2d"), "config");
});

test("canonicalJson sorts keys at every level and drops undefined members", () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }], u: undefined }), '{"a":[{"c":3,"d":2}],"b":1}');
  assert.throws(() => canonicalJson({ a: NaN }));
});

test("runKey: same for every spelling of a run, different when anything that changes the numbers changes", () => {
  const key = runKey(base);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(runKey({ dataset: { seed: 0, id: "toy2d" }, optimizer: { lr: 0.1, seed: 0 }, objective: "cka", record: { decoding: false } }), key);
  for (const changed of [
    { ...base, optimizer: { seed: 1 } },
    { ...base, optimizer: { seed: 0, lr: 0.05 } },
    { ...base, optimizer: { seed: 0, stopScore: 0.9 } },
    { ...base, dataset: { id: "toy2d", seed: 1 } },
    { ...base, objective: "nbs" },
    { ...base, record: { every: 5 } },
  ])
    assert.notEqual(runKey(changed), key, JSON.stringify(changed));
  // the key records the source actually used: "auto" without cached real data is the surrogate
  assert.equal(runKey({ ...base, dataset: { id: "FreemanZiemba2013", source: "auto" } }), runKey({ ...base, dataset: { id: "FreemanZiemba2013", source: "surrogate" } }));
  const m = keyMaterial(normalizeConfig({ ...base, dataset: "FreemanZiemba2013" }));
  assert.equal(m.numbers, NUMBERS_VERSION);
  // the surrogate's version is part of the key: results of an older surrogate are never served for a newer one
  assert.equal(m.datasetVersion, String(loadDataset("FreemanZiemba2013", { source: "surrogate" }).meta.version));
  assert.equal(m.datasetVersion, "3");
  assert.equal((m.config as { dataset: { source: string } }).dataset.source, "surrogate");
});

test("user arrays: keyed by content hash, the name is not part of the key, the numbers must match the hash", () => {
  const X = [[0.1, 0.3, 0.2], [0.2, 0.1, 0.5], [0.5, 0.9, 0.1], [0.4, 0.2, 0.3], [0.7, 0.1, 0.8]];
  const hash = arrayHash(X);
  assert.equal(arrayHash(Matrix.fromRows(X)), hash);
  assert.notEqual(arrayHash([[0.1, 0.3, 0.2], [0.2, 0.1, 0.5], [0.5, 0.9, 0.1], [0.4, 0.2, 0.3], [0.7, 0.1, 0.80000001]]), hash);
  const config = { dataset: { array: hash, name: "mine" }, objective: "cka", optimizer: { seed: 0, maxIter: 5 } };
  assert.equal(runKey(config), runKey({ ...config, dataset: { array: hash, name: "other" } }));
  const r = computeRun(config, { arrays: { [hash]: X } });
  assert.equal(r.dataset, "mine");
  assert.equal(r.scores.length, 6);
  throwsAt(() => computeRun(config), "arrays", /not given/);
  throwsAt(() => computeRun(config, { arrays: { [hash]: [[1, 2], [3, 4], [5, 6], [7, 8], [9, 1]] } }), /^arrays\[/, /hash/);
});

test("user arrays survive the trip to a worker process with their hash (toPortable → structured clone → fromPortable)", async () => {
  const { toPortable, fromPortable } = await import("../../lib/runs/dataset");
  const { ultrametric } = await import("../../lib");
  const { deserialize, serialize } = await import("v8");
  const bare = [[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6], [0.7, 0.8]]];
  const data = ultrametric({ seed: 2, branches: [2, 5], dim: 6 });
  const arrays = { [arrayHash(bare)]: bare, [arrayHash(data)]: data };
  const back = fromPortable(deserialize(serialize(toPortable(arrays))));
  for (const [hash, x] of Object.entries(back)) assert.equal(arrayHash(x), hash);
  assert.deepEqual(Object.keys(back).sort(), Object.keys(arrays).sort());
});
