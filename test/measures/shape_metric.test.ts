/**
 * Shape metrics and CCA (shape_metric.ts): the α = 1 and α = 0 limits, the zero-padding vs
 * mean-over-min-rank conventions, invariance to invertible linear maps for CCA (and not to scaling
 * for 0 < α < 1), finite-difference gradients through the whitening of Y, the toy2d test vector,
 * degenerate inputs and bad ids.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, getMeasure, hasMeasure, score, scoreAndGrad } from "../../lib";
import { Matrix, axpby, dot, matmul, matmulTN } from "../../lib/tensor/matrix";
import { pca } from "../../lib/tensor/linalg/pca";
import { polar } from "../../lib/tensor/linalg/polar";
import { toy2d } from "../../lib/data/toys";
import { Rng } from "../../lib/random";

const rng = new Rng(77);

/** Central-difference directional derivative vs ⟨gradient, D⟩. */
function checkGradient(id: string, X: Matrix, Y: Matrix, tol = 1e-6): void {
  const D = rng.normalMatrix(Y.rows, Y.cols);
  const h = 1e-5;
  const fd = (score(id, X, axpby(1, Y, h, D)) - score(id, X, axpby(1, Y, -h, D))) / (2 * h);
  const an = (scoreAndGrad(id, X, Y).gradY.flat() as number[]).reduce((s, v, i) => s + v * D.data[i], 0);
  assert.ok(Math.abs(fd - an) <= tol * Math.max(1, Math.abs(fd)), `${id}: finite difference ${fd} vs gradient ${an}`);
}

const OUTPUTS = ["score", "distance=angular", "distance=euclidean", "distance=squared_euclidean"];
const CCA_IDS = ["cca-score", "cca-squared_score", "cca-distance=angular", "cca-distance=euclidean", "cca-distance=squared_euclidean", "cca-angular", "cca-angular-score"];

test("α = 1 is Procrustes: score = NBS, angular = arccos(NBS), euclidean = procrustes-euclidean", () => {
  const X = rng.normalMatrix(20, 4);
  const Y = rng.normalMatrix(20, 6);
  assert.ok(Math.abs(score("shape_metric-alpha=1-score", X, Y) - score("nbs", X, Y)) < 1e-14);
  assert.ok(Math.abs(score("shape_metric-alpha=1-distance=angular", X, Y) - score("procrustes-angular", X, Y)) < 1e-14);
  assert.ok(Math.abs(score("shape_metric-alpha=1.0-distance=euclidean", X, Y) - score("procrustes-euclidean", X, Y)) < 1e-12);
});

test("α = 0 is CCA: mean canonical correlation for equal widths, Σρ/√(pq) with zero padding otherwise", () => {
  const X = rng.normalMatrix(30, 4);
  const Y = axpby(1, matmul(X, rng.normalMatrix(4, 4)), 1, rng.normalMatrix(30, 4));
  assert.ok(Math.abs(score("shape_metric-alpha=0-score", X, Y) - score("cca-score", X, Y)) < 1e-10);
  assert.ok(Math.abs(score("cca-angular", X, Y) - Math.acos(score("cca-score", X, Y))) < 1e-9);
  const Z = rng.normalMatrix(30, 7);
  const padded = score("shape_metric-alpha=0-score", X, Z);
  assert.ok(Math.abs(padded - (score("cca-score", X, Z) * 4) / Math.sqrt(4 * 7)) < 1e-10);
});

test("cca-squared_score = tr(P_X P_Y)/min(r): an independent projector computation", () => {
  const X = rng.normalMatrix(25, 3);
  const Y = axpby(1, matmul(X, rng.normalMatrix(3, 5)), 2, rng.normalMatrix(25, 5));
  const Ux = pca(X).profiles;
  const Uy = pca(Y).profiles;
  const C = matmulTN(Ux, Uy);
  assert.ok(Math.abs(score("cca-squared_score", X, Y) - dot(C, C) / 3) < 1e-10);
  assert.ok(Math.abs(score("cca-score", X, matmul(X, rng.normalMatrix(3, 3))) - 1) < 1e-10, "Y = X·M has all ρ = 1");
});

test("invariances: CCA to invertible linear maps, 0 < α < 1 to orthogonal maps but not to scaling", () => {
  const X = rng.normalMatrix(24, 4);
  const Y = rng.normalMatrix(24, 4);
  const M = axpby(1, Matrix.identity(4), 0.6, rng.normalMatrix(4, 4));
  for (const id of ["cca-score", "cca-squared_score", "cca-angular-score", "shape_metric-alpha=0-score"])
    assert.ok(Math.abs(score(id, X, matmul(Y, M)) - score(id, X, Y)) < 1e-9, id);
  const Q = polar(rng.normalMatrix(4, 4)).factor; // random orthogonal
  const half = score("shape_metric-alpha=0.5-score", X, Y);
  assert.ok(Math.abs(score("shape_metric-alpha=0.5-score", X, matmul(Y, Q)) - half) < 1e-10);
  assert.ok(Math.abs(score("shape_metric-alpha=0.5-score", X, axpby(10, Y, 0, Y)) - half) > 1e-4);
  assert.equal(getMeasure("shape_metric-alpha=0.5-score").invariances.isotropicScale, false);
  assert.equal(getMeasure("cca-score").invariances.invertibleLinear, true);
});

test("gradients match finite differences: shape metrics for α ∈ {0, 0.3, 0.5, 1}", () => {
  const X = rng.normalMatrix(28, 5);
  const Y = axpby(1, matmul(X, rng.normalMatrix(5, 5)), 1, rng.normalMatrix(28, 5));
  for (const alpha of [0, 0.3, 0.5, 1]) for (const out of OUTPUTS) checkGradient(`shape_metric-alpha=${alpha}-${out}`, X, Y);
});

test("gradients match finite differences: width mismatch (padding) and fewer samples than features", () => {
  const X = rng.normalMatrix(22, 3);
  const Y = rng.normalMatrix(22, 6);
  for (const alpha of [0, 0.5]) for (const out of OUTPUTS) {
    checkGradient(`shape_metric-alpha=${alpha}-${out}`, X, Y);
    checkGradient(`shape_metric-alpha=${alpha}-${out}`, Y, X);
  }
  const W = rng.normalMatrix(8, 11);
  const V = rng.normalMatrix(8, 9);
  for (const out of OUTPUTS) checkGradient(`shape_metric-alpha=0.5-${out}`, W, V, 1e-5);
});

test("gradients match finite differences: standardized and diffscore CCA ids", () => {
  const X = rng.normalMatrix(26, 4);
  const Y = axpby(1, matmul(X, rng.normalMatrix(4, 6)), 1.5, rng.normalMatrix(26, 6));
  for (const id of CCA_IDS) {
    checkGradient(id, X, Y);
    checkGradient(id, Y, X);
  }
});

test("toy2d test vector (paper §2.6): cca-angular-score = 0.9239061594", () => {
  const v = score("cca-angular-score", toy2d(0.5).toArray(), toy2d(1).toArray());
  assert.ok(Math.abs(v - 0.9239061594) < 5e-10, `${v}`);
});

test("degenerate inputs give finite values and gradients (X vs X, constant column, n < features)", () => {
  const X = rng.normalMatrix(12, 4);
  const constant = rng.normalMatrix(12, 4);
  for (let i = 0; i < 12; i++) constant.data[i * 4 + 1] = 3;
  const wide = rng.normalMatrix(6, 10);
  const ids = [...CCA_IDS, ...OUTPUTS.map((o) => `shape_metric-alpha=0.5-${o}`), "shape_metric-alpha=0-score"];
  for (const id of ids)
    for (const [A, B] of [[X, X], [X, constant], [wide, rng.normalMatrix(6, 10)]]) {
      const r = scoreAndGrad(id, A, B);
      assert.ok(Number.isFinite(r.value) && (r.gradY.flat() as number[]).every(Number.isFinite), id);
    }
  assert.ok(Math.abs(score("cca-score", X, X) - 1) < 1e-10);
  assert.ok(score("cca-distance=angular", X, X) < 1e-6);
});

test("bad ids: α outside [0, 1] is rejected with a named error", () => {
  assert.equal(hasMeasure("shape_metric-alpha=1.5-score"), false);
  assert.throws(() => score("shape_metric-alpha=2-score", [[1], [2]], [[1], [3]]), InputError);
  assert.ok(hasMeasure("shape_metric-alpha=0.25-distance=squared_euclidean"));
});

