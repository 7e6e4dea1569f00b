import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, Rng, getMeasure, tableText } from "../../lib";
import { measureEquivalences } from "../../lib/analysis/equivalences";
import { scoresOnIndependentData } from "../../lib/analysis/independent-scores";
import { INVARIANCE_TRANSFORMS, invarianceDemo } from "../../lib/analysis/invariance-demo";
import { axpby, matmul } from "../../lib/tensor/matrix";

const rng = new Rng(11);
const X = rng.normalMatrix(40, 6);
const Y = axpby(1, matmul(X, rng.normalMatrix(6, 5)), 0.8, rng.normalMatrix(40, 5));

test("measureEquivalences: each pair of routes agrees to rounding on correlated data", () => {
  const rows = measureEquivalences(X, Y);
  assert.equal(rows.length, 4);
  assert.match(tableText(rows), /^claim\s+left\s+leftValue/, "rows go straight into showTable");
  for (const r of rows) {
    assert.ok(r.absDifference < 1e-10, `${r.claim}: ${r.leftValue} vs ${r.rightValue}`);
    assert.ok(r.leftValue > 0.05 && r.leftValue < 1, `${r.claim}: a non-trivial value`);
  }
});

test("invarianceDemo: observed invariances match the catalogue; CKA moves under an invertible linear map, CCA does not", () => {
  const rows = invarianceDemo(["cka", "procrustes-angular-score", "cca-angular-score", "linreg"], X, Y, { seed: 2 });
  for (const r of rows) assert.deepEqual(r.mismatches, [], r.measure);
  const cka = rows[0];
  assert.equal(cka.observed.orthogonal, true);
  assert.equal(cka.observed.invertibleLinear, false);
  assert.ok(Math.abs(cka.transformed.invertibleLinear - cka.original) > 1e-3);
  assert.equal(rows[2].observed.invertibleLinear, true);
  assert.deepEqual(Object.keys(cka.transformed).sort(), INVARIANCE_TRANSFORMS.map((t) => t.key).sort());
  assert.equal(getMeasure("cka").invariances.invertibleLinear, false);
  assert.throws(() => invarianceDemo([], X, Y), InputError);
});

test("scoresOnIndependentData: biased CKA of independent data is large at small n/d and falls; the unbiased one stays near 0", () => {
  const rows = scoresOnIndependentData({ ids: ["cka", "cka-hsic_song"], samples: [10, 50, 400], features: 20, repeats: 4, seed: 1 });
  assert.equal(rows.length, 6);
  const at = (m: string, n: number) => rows.find((r) => r.measure === m && r.samples === n)!;
  assert.ok(at("cka", 10).mean > 0.4, `biased CKA at n/d = 0.5: ${at("cka", 10).mean}`);
  assert.ok(at("cka", 10).mean > at("cka", 50).mean && at("cka", 50).mean > at("cka", 400).mean);
  for (const n of [10, 50, 400]) assert.ok(Math.abs(at("cka-hsic_song", n).mean) < 0.1, `unbiased at n = ${n}: ${at("cka-hsic_song", n).mean}`);
  assert.equal(at("cka", 50).ratio, 2.5);
  assert.ok(at("cka", 50).sd > 0);
  assert.throws(() => scoresOnIndependentData({ ids: ["cka"], samples: [3], features: 2, repeats: 2 }), InputError);
});
