import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { expandGrid, parseGridFile } from "../../lib/runs";
import { throwsAt } from "../support/throws";

const dir = mkdtempSync(join(tmpdir(), "diffsim-grid-"));
const grid = { datasets: ["toy2d", "ultrametric"], measures: ["cka", "procrustes-angular-score"], seeds: [0, 1], optimizer: { lr: 0.1, maxIter: 200, stopScore: 0.99 }, record: { every: 5, decoding: true, pcs: true } };

test("expandGrid: datasets × measures × seeds in a deterministic order, shared options", () => {
  const configs = expandGrid(grid);
  assert.equal(configs.length, 8);
  assert.deepEqual(
    configs.map((c) => `${(c.dataset as { id: string }).id}/${c.objective}/${c.optimizer.seed}`),
    ["toy2d/cka/0", "toy2d/cka/1", "toy2d/procrustes-angular-score/0", "toy2d/procrustes-angular-score/1", "ultrametric/cka/0", "ultrametric/cka/1", "ultrametric/procrustes-angular-score/0", "ultrametric/procrustes-angular-score/1"],
  );
  for (const c of configs) {
    assert.equal(c.optimizer.maxIter, 200);
    assert.equal(c.optimizer.stopScore, 0.99);
    assert.equal(c.record.every, 5);
    assert.equal(c.record.pcs, true);
  }
  assert.deepEqual(configs[0].record.decoding, ["choice"]);
  assert.deepEqual(configs[4].record.decoding, ["category"]);
  assert.deepEqual(expandGrid(grid), configs);
});

test("expandGrid: exclude removes matching runs, include adds runs (once), objects as datasets and measures", () => {
  const configs = expandGrid({
    ...grid,
    exclude: [{ dataset: "ultrametric", measure: "cka" }, { seed: 1 }],
    include: [
      { dataset: { id: "toy2d", seed: 3 }, measure: { measures: ["cka", "nbs"], weights: [0.5, 0.5] }, seed: 7, optimizer: { maxIter: 10 } },
      { dataset: "toy2d", measure: "cka", seed: 0 }, // already in the product
    ],
  });
  assert.deepEqual(
    configs.map((c) => `${(c.dataset as { id: string }).id}/${JSON.stringify(c.objective)}/${c.optimizer.seed}`),
    ['toy2d/"cka"/0', 'toy2d/"procrustes-angular-score"/0', 'ultrametric/"procrustes-angular-score"/0', 'toy2d/{"measures":["cka","nbs"],"weights":[0.5,0.5]}/7'],
  );
  assert.equal(configs[3].optimizer.maxIter, 10);
  assert.equal(configs[3].optimizer.stopScore, 0.99);
});

test("expandGrid: an excluded dataset id also excludes that dataset's object entries", () => {
  const configs = expandGrid({ datasets: [{ id: "toy2d", seed: 1 }, "ultrametric"], measures: ["cka"], seeds: [0], exclude: [{ dataset: "toy2d" }] });
  assert.deepEqual(configs.map((c) => (c.dataset as { id: string }).id), ["ultrametric"]);
});

test("expandGrid: bad grids name the grid key", () => {
  throwsAt(() => expandGrid({ ...grid, exclude: [{ seed: 0 }, { seed: 1 }] }), "grid", /at least one run/);
  throwsAt(() => expandGrid({ ...grid, datasets: [] }), "grid.datasets");
  throwsAt(() => expandGrid({ ...grid, measures: ["cka", "ckaa"] }), "grid.measures[1]", /cka/);
  throwsAt(() => expandGrid({ ...grid, datasets: ["toy2d", { id: "toy3d" }] }), "grid.datasets[1].id", /toy2d/);
  throwsAt(() => expandGrid({ ...grid, seeds: [0, "1"] }), "grid.seeds[1]");
  throwsAt(() => expandGrid({ ...grid, optimizer: { lr: -1 } }), "grid.optimizer.lr");
  throwsAt(() => expandGrid({ ...grid, optimizer: { seed: 1 } }), "grid.optimizer.seed");
  throwsAt(() => expandGrid({ ...grid, record: { decoding: ["nope"] } }), "grid.record.decoding[0]");
  throwsAt(() => expandGrid({ ...grid, measure: ["cka"] }), "grid.measure", /unknown key/);
  throwsAt(() => expandGrid({ ...grid, include: [{ dataset: "toy2d", measure: "nbss" }] }), "grid.include[0].measure", /nbs/);
  throwsAt(() => expandGrid({ ...grid, exclude: [{ datasett: "toy2d" }] }), "grid.exclude[0].datasett");
  throwsAt(() => expandGrid([1, 2]), "grid");
});

test("parseGridFile reads YAML and JSON to the same grid", () => {
  const yaml = join(dir, "grid.yaml");
  writeFileSync(yaml, ["datasets: [toy2d, ultrametric]", "measures: [cka, procrustes-angular-score]", "seeds: [0, 1]", "optimizer: { lr: 0.1, maxIter: 200, stopScore: 0.99 }", "record: { every: 5, decoding: true, pcs: true }", ""].join("\n"));
  const json = join(dir, "grid.json");
  writeFileSync(json, JSON.stringify(grid, null, 2));
  assert.deepEqual(parseGridFile(yaml), grid);
  assert.deepEqual(parseGridFile(json), grid);
});

test("parseGridFile: malformed files and bad content name the file, the line or the key", () => {
  const badYaml = join(dir, "bad.yaml");
  writeFileSync(badYaml, "datasets: [toy2d, ultrametric]\nmeasures: [cka\nseeds: [0]\n");
  throwsAt(() => parseGridFile(badYaml), new RegExp(`^${badYaml.replace(/[.]/g, "\\.")}:\\d+$`), /YAML/);
  const badJson = join(dir, "bad.json");
  writeFileSync(badJson, '{\n  "datasets": ["toy2d"],\n  "seeds": [0 1]\n}');
  throwsAt(() => parseGridFile(badJson), `${badJson}:3`, /JSON/);
  const badKey = join(dir, "badkey.yaml");
  writeFileSync(badKey, "datasets: [toy2d]\nmeasures: [cka]\nseeds: [0]\noptimizer: { lr: fast }\n");
  throwsAt(() => parseGridFile(badKey), `${badKey}: grid.optimizer.lr`, /got "fast"/);
  throwsAt(() => parseGridFile(join(dir, "missing.yaml")), join(dir, "missing.yaml"));
});
