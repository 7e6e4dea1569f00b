import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { RunConfig, RunResult, openStore, run, runKey, runsFrame } from "../../lib/runs";

const dir = mkdtempSync(join(tmpdir(), "diffsim-run-"));
const config: RunConfig = { dataset: "toy2d", objective: { measures: ["cka", "procrustes-angular-score"], weights: [0.5, 0.5] }, optimizer: { seed: 3, maxIter: 40, stopScore: 0.95 }, record: { every: 4, decoding: true, pcs: true } };

test("run: computes and stores once, then serves the stored result", async () => {
  const store = await openStore(join(dir, "runs.duckdb"));
  const puts: RunResult[] = [];
  const counting = Object.assign(Object.create(store), { put: (r: RunResult) => (puts.push(r), store.put(r)) });
  const first = await run(config, { store: counting });
  assert.equal(puts.length, 1);
  assert.equal(first.key, runKey(config));
  assert.equal(first.measure, "0.5*cka+0.5*procrustes-angular-score");
  assert.equal(first.stopReason, "stopScore");
  assert.ok(first.finalScore > 0.95 && first.scores.length === first.iterations + 1);
  const second = await run(config, { store: counting });
  assert.equal(puts.length, 1, "not computed again");
  assert.deepEqual(second, first);
  await store.close();
});

test("run: a cancelled run is returned but not stored", async () => {
  const file = join(dir, "cancel.duckdb");
  const r = await run({ ...config, optimizer: { seed: 4, maxIter: 40 } }, { store: file, onProgress: (p) => p.iteration < 3 });
  assert.equal(r.stopReason, "cancelled");
  const store = await openStore(file, { readOnly: true });
  assert.equal(await store.has(r.key), false);
  await store.close();
});

test("run without a store option uses $DIFFSIM_STORE; runsFrame shows runs and recordings as DataFrames", async () => {
  process.env.DIFFSIM_STORE = join(dir, "default.duckdb");
  const a = await run(config);
  const b = await run({ ...config, objective: "cka" });
  const runs = await runsFrame();
  assert.deepEqual(runs.shape, [2, 14]);
  assert.deepEqual((runs.column("key").values as string[]).slice().sort(), [a.key, b.key].sort());
  const steps = await runsFrame({ measure: "cka" }, { table: "steps" });
  assert.deepEqual(steps.columns, ["key", "dataset", "measure", "seed", "step", "score"]);
  assert.deepEqual(steps.column("score").values, b.scores);
  const decoding = await runsFrame({ key: a.key }, { table: "decoding" });
  assert.deepEqual(decoding.column("accuracy").values, a.decoding.map((d) => d.accuracy));
  const pcs = await runsFrame({ dataset: "toy2d" }, { store: join(dir, "default.duckdb"), table: "pcs" });
  assert.equal(pcs.shape[0], a.pcs.length + b.pcs.length);
  assert.deepEqual((await runsFrame({ measure: "nbs" })).shape, [0, 14]);
});
