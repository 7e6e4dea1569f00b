/**
 * PWCCA (pwcca.ts): the weighted mean lies between the smallest and largest canonical correlation,
 * equals 1 for Y = X·M, is close to the reference where that is well defined, is invariant to
 * translations and permutations, and rejects inputs with as many features as samples.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, score } from "../../lib";
import { axpby, matmul, matmulTN } from "../../lib/tensor/matrix";
import { pca } from "../../lib/tensor/linalg/pca";
import { thinSvd } from "../../lib/tensor/linalg/svd";
import { golden } from "../support/golden";
import { Rng } from "../../lib/random";

const rng = new Rng(8);

test("PWCCA is a weighted mean of the canonical correlations", () => {
  const X = rng.normalMatrix(60, 4);
  const Y = axpby(1, matmul(X, rng.normalMatrix(4, 6)), 1, rng.normalMatrix(60, 6));
  const rho = thinSvd(matmulTN(pca(X).profiles, pca(Y).profiles)).s;
  const v = score("pwcca-score", X, Y);
  assert.ok(v >= rho[rho.length - 1] - 1e-12 && v <= rho[0] + 1e-12, `${v} within [${rho[rho.length - 1]}, ${rho[0]}]`);
  assert.ok(Math.abs(score("pwcca-distance=angular", X, Y) - Math.acos(v)) < 1e-12);
  assert.ok(Math.abs(score("pwcca-score", X, matmul(X, rng.normalMatrix(4, 4))) - 1) < 1e-10);
});

test("close to the google/svcca reference on golden case f and exact on the invariant case d", () => {
  for (const [id, tol] of [["f", 2e-3], ["d", 1e-9]] as const) {
    const c = golden().cases[id];
    const ref = golden().values.find((v) => v.measure === "pwcca-score" && v.case === id && v.repo === "svcca");
    assert.ok(ref && ref.value !== null);
    assert.ok(Math.abs(score("pwcca-score", c.X, c.Y) - (ref.value as number)) < tol, id);
  }
});

test("well defined: invariant to translating and permuting the features of either input", () => {
  const X = rng.normalMatrix(40, 3);
  const Y = axpby(1, matmul(X, rng.normalMatrix(3, 4)), 1, rng.normalMatrix(40, 4));
  const base = score("pwcca-score", X, Y);
  const shifted = X.clone();
  for (let i = 0; i < 40; i++) for (let j = 0; j < 3; j++) shifted.data[i * 3 + j] = X.data[i * 3 + ((j + 1) % 3)] + 5 * j;
  assert.ok(Math.abs(score("pwcca-score", shifted, Y) - base) < 1e-10);
});

test("needs fewer features than samples", () => {
  assert.throws(() => score("pwcca-score", rng.normalMatrix(6, 6), rng.normalMatrix(6, 3)), InputError);
});

test("pwcca-distance=one_minus_score (sim_metric): 0 for Y = X·M, between 1 − ρ_max and 1 − ρ_min, X no wider than Y", () => {
  const X = rng.normalMatrix(60, 4);
  assert.ok(Math.abs(score("pwcca-distance=one_minus_score", X, matmul(X, rng.normalMatrix(4, 6)))) < 1e-10);
  const Y = axpby(1, matmul(X, rng.normalMatrix(4, 6)), 1, rng.normalMatrix(60, 6));
  const rho = thinSvd(matmulTN(pca(X).profiles, pca(Y).profiles)).s;
  const d = score("pwcca-distance=one_minus_score", X, Y);
  assert.ok(d >= 1 - rho[0] - 1e-12 && d <= 1 - rho[rho.length - 1] + 1e-12, `${d}`);
  assert.throws(() => score("pwcca-distance=one_minus_score", Y, X), (e: unknown) => e instanceof InputError && e.argument === "Y");
});
