import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, loadDataset, perturbationTheory, pca } from "../../lib";
import { perturbationCurves } from "../../lib/analysis/perturbation-curves";

test("perturbationCurves: theory for every PC, simulation at the chosen PCs, variance = s²/(n−1)", () => {
  const ds = loadDataset("exp-gaussian-dim50");
  const p = pca(ds.activity);
  const c = perturbationCurves(ds, { pcs: [0, 5, 20], construction: "exact", seed: 3 });
  assert.equal(c.variance.length, p.sumsOfSquares.length);
  assert.ok(Math.abs(c.variance[0] - p.sumsOfSquares[0] / (ds.activity.rows - 1)) < 1e-12);
  assert.deepEqual(c.theory.cka, perturbationTheory(p.sumsOfSquares).cka);
  assert.deepEqual(c.simulation.pcs, [0, 5, 20]);
  assert.ok(c.simulation.maxAbsDifference < 1e-8, "the exact construction matches the theory");
  assert.deepEqual(c.simulation.variance, [0, 5, 20].map((i) => c.variance[i]));
  // the paper's inferred simulation (random profile) sits slightly above the theory
  const r = perturbationCurves(ds, { pcs: [0], seed: 3 });
  assert.ok(r.simulation.simulated.nbs![0] > r.theory.nbs![0] - 1e-3);
  assert.deepEqual(perturbationCurves(ds, { simulate: 4, measures: ["nbs"] }).simulation.pcs, [0, 3, 13, 49]);
  assert.throws(() => perturbationCurves(ds, { pcs: [0], simulate: 2 }), InputError);
  assert.throws(() => perturbationCurves(ds, { measures: ["linreg" as "cka"] }), InputError);
});
