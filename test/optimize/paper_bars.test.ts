/**
 * The paper's protocol (§3: Adam lr 0.1, stop at 0.99, max_iter 1000) reaches 0.99 on the toy datasets
 * for every measure of the paper's figures.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { optimize, toy2d, ultrametric } from "../../lib";

const PAPER_MEASURES = ["cka", "cka-angular-score", "nbs", "procrustes-angular-score", "linreg", "ridge-lambda100-r2#5folds_cv"];

for (const dataset of [toy2d(), ultrametric({ seed: 1 })])
  for (const measure of PAPER_MEASURES)
    test(`${dataset.id}: ${measure} reaches 0.99 within 1000 Adam steps`, () => {
      const r = optimize(dataset.toArray(), measure, { seed: 1, stopScore: 0.99, maxIter: 1000 });
      console.log(`${dataset.id} ${measure}: initial ${r.scores[0].toFixed(3)} → 0.99 in ${r.iterations} steps`);
      assert.equal(r.stopReason, "stopScore");
      assert.ok(r.scores[r.iterations] > 0.99);
      assert.equal(r.nonFinite.count, 0);
    });
