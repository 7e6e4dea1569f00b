import { test } from "node:test";
import assert from "node:assert/strict";
import { PAPER_DATASETS, PAPER_PERTURBATION_END_POINTS, PAPER_TEST_VECTORS, listDatasets, perturbationTheory, score, toy2d } from "../../lib";

test("PAPER_TEST_VECTORS (§2.6) are what the library computes on toy2d(0.5) vs toy2d(1.0)", () => {
  const X = toy2d(0.5).toArray();
  const Y = toy2d(1.0).toArray();
  for (const [id, value] of Object.entries(PAPER_TEST_VECTORS)) assert.ok(Math.abs(score(id, X, Y) - value) < 1e-9, `${id}: ${score(id, X, Y)} vs ${value}`);
});

test("§6.3 end points follow from their PC1 ratios through the decorrelation formulas (transcription check)", () => {
  assert.deepEqual(PAPER_DATASETS.filter((id) => !listDatasets().some((d) => d.id === id)), [], "every paper dataset id exists");
  for (const id of PAPER_DATASETS) {
    const p = PAPER_PERTURBATION_END_POINTS[id];
    // NBS = 1 − ratio and Procrustes = angular score of NBS hold for any spectrum
    const { nbs, "procrustes-angular-score": proc } = perturbationTheory([p.pc1Ratio, 1 - p.pc1Ratio]);
    assert.ok(Math.abs(nbs[0] - p.nbs) < 0.002, `${id} NBS`);
    assert.ok(Math.abs(proc[0] - p.procrustes) < 0.003, `${id} Procrustes`);
  }
});
