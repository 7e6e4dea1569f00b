/**
 * SVCCA (svcca.ts): the PC reduction rules, the limits that reduce to CCA, the Euclidean
 * convention on the reduced data, invariances and bad ids.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, getMeasure, hasMeasure, score } from "../../lib";
import { Matrix, axpby, matmul } from "../../lib/tensor/matrix";
import { polar } from "../../lib/tensor/linalg/polar";
import { reduceToPcs } from "../../lib/measures/svcca";
import { Rng } from "../../lib/random";

const rng = new Rng(3);
const scales = Matrix.fromRows([[5, 0, 0, 0, 0], [0, 3, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0.3, 0], [0, 0, 0, 0, 0.1]]);
const X = matmul(rng.normalMatrix(40, 5), scales);
const Y = axpby(1, matmul(X, rng.normalMatrix(5, 5)), 0.5, rng.normalMatrix(40, 5));

test("PC reduction: variance rule keeps the fewest PCs reaching the fraction; dim rule keeps min(d, rank)", () => {
  const all = reduceToPcs(X, { variance: 1 });
  assert.equal(all.profiles.cols, 5);
  const v90 = reduceToPcs(X, { variance: 0.9 });
  const v99 = reduceToPcs(X, { variance: 0.99 });
  assert.ok(v90.profiles.cols <= v99.profiles.cols && v99.profiles.cols <= 5);
  assert.ok(v90.sumOfSquares / all.sumOfSquares >= 0.9);
  const fewer = reduceToPcs(X, { variance: 0.9 }).profiles.cols - 1;
  assert.ok(reduceToPcs(X, { dim: fewer }).sumOfSquares / all.sumOfSquares < 0.9, "one PC fewer would not reach 90 %");
  assert.equal(reduceToPcs(X, { dim: 2 }).profiles.cols, 2);
  assert.equal(reduceToPcs(X, { dim: 50 }).profiles.cols, 5);
});

test("keeping every PC is CCA: svcca-var=1 and svcca-dim≥rank equal cca-*", () => {
  for (const out of ["score", "squared_score", "distance=angular", "distance=euclidean", "distance=squared_euclidean"]) {
    const cca = score(`cca-${out}`, X, Y);
    assert.ok(Math.abs(score(`svcca-var=1-${out}`, X, Y) - cca) < 1e-9 * Math.max(1, Math.abs(cca)), out);
    assert.ok(Math.abs(score(`svcca-dim=9-${out}`, X, Y) - cca) < 1e-9 * Math.max(1, Math.abs(cca)), out);
  }
});

test("truncation: 2 PCs each, mean of the 2 canonical correlations; Euclidean on the reduced norms", () => {
  const s = score("svcca-dim=2-score", X, Y);
  assert.ok(s > 0 && s <= 1);
  const a2 = reduceToPcs(X, { dim: 2 }).sumOfSquares;
  const b2 = reduceToPcs(Y, { dim: 2 }).sumOfSquares;
  const d2 = a2 + b2 - 2 * Math.sqrt(a2 * b2) * s;
  assert.ok(Math.abs(score("svcca-dim=2-distance=squared_euclidean", X, Y) - d2) < 1e-9 * d2);
  assert.ok(Math.abs(score("svcca-dim=2-distance=angular", X, Y) - Math.acos(s)) < 1e-12);
});

test("invariances: orthogonal maps and scaling of Y (score), not general invertible maps", () => {
  const Q = polar(rng.normalMatrix(5, 5)).factor;
  const base = score("svcca-var=0.95-score", X, Y);
  assert.ok(Math.abs(score("svcca-var=0.95-score", X, axpby(4, matmul(Y, Q), 0, Y)) - base) < 1e-10);
  assert.equal(getMeasure("svcca-var=0.95-score").invariances.invertibleLinear, false);
  assert.equal(getMeasure("svcca-dim=3-distance=euclidean").invariances.isotropicScale, false);
});

test("bad ids: variance outside (0, 1], non-integer or zero dim", () => {
  for (const id of ["svcca-var=1.5-score", "svcca-var=0-score", "svcca-dim=0-score", "svcca-dim=2.5-score"]) assert.equal(hasMeasure(id), false, id);
  assert.throws(() => score("svcca-var=2-score", X, Y), InputError);
});

test("svcca-score (contrasim: all PCs, ε = 1e-10) equals cca-score up to ε·κ² and weights each PC by 1/√(1 + ε·s₁²/s_i²)", () => {
  assert.ok(Math.abs(score("svcca-score", X, Y) - score("cca-score", X, Y)) < 1e-6);
  const r = reduceToPcs(X, { epsilon: 0.01 });
  const full = reduceToPcs(X, { variance: 1 });
  const s2 = full.profiles.cols; // 5 PCs, s_1²/s_i² from the design scales (≈ 25/s_i² for s = 5, 3, 1, 0.3, 0.1)
  assert.ok(r.profiles.cols <= s2);
  for (let j = 0; j < r.profiles.cols; j++) {
    let norm = 0;
    for (let i = 0; i < X.rows; i++) norm += r.profiles.data[i * r.profiles.cols + j] ** 2;
    assert.ok(norm < 1 + 1e-12 && norm > 0, `weight² of PC ${j} = ${norm}`);
  }
  const copy = axpby(3, X, 0, X);
  assert.ok(Math.abs(score("svcca-score", X, copy) - 1) < 1e-6);
});
