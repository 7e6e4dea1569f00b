/**
 * Permutation shape metric (permutation.ts): recovers a permuted copy exactly, is bounded by the
 * Procrustes (orthogonal) optimum, gradients match finite differences, zero padding for different widths.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { score, scoreAndGrad } from "../../lib";
import { Matrix, axpby } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";

const rng = new Rng(21);

function permuteCols(M: Matrix, p: number[]): Matrix {
  const out = new Matrix(M.rows, M.cols);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out.data[i * M.cols + j] = M.data[i * M.cols + p[j]];
  return out;
}

test("a column-permuted, scaled, shifted copy scores 1; the permutation optimum never beats Procrustes", () => {
  const X = rng.normalMatrix(20, 6);
  const Y = axpby(2, permuteCols(X, [3, 0, 5, 1, 4, 2]), 0, X);
  for (let i = 0; i < Y.data.length; i++) Y.data[i] += 1;
  assert.ok(Math.abs(score("permutation_metric-score", X, Y) - 1) < 1e-12);
  for (let t = 0; t < 3; t++) {
    const A = rng.normalMatrix(15, 4);
    const B = rng.normalMatrix(15, 6);
    assert.ok(score("permutation_metric-score", A, B) <= score("nbs", A, B) + 1e-12);
    assert.ok(score("permutation_metric-distance=euclidean", A, B) >= score("procrustes-euclidean", A, B) - 1e-12);
  }
});

test("gradients match finite differences (unique optimal permutation), different widths included", () => {
  const X = rng.normalMatrix(18, 5);
  for (const Y of [axpby(1, X, 0.5, rng.normalMatrix(18, 5)), rng.normalMatrix(18, 7)])
    for (const id of ["permutation_metric-score", "permutation_metric-distance=angular", "permutation_metric-distance=euclidean", "permutation_metric-distance=squared_euclidean"]) {
      const D = rng.normalMatrix(Y.rows, Y.cols);
      const h = 1e-6;
      const fd = (score(id, X, axpby(1, Y, h, D)) - score(id, X, axpby(1, Y, -h, D))) / (2 * h);
      const an = (scoreAndGrad(id, X, Y).gradY.flat() as number[]).reduce((s, g, i) => s + g * D.data[i], 0);
      assert.ok(Math.abs(fd - an) < 1e-6 * Math.max(1, Math.abs(fd)), `${id}: ${fd} vs ${an}`);
    }
});

test("permutation_procrustes: 0 for a column-permuted copy (up to the rounding of √(d²)); raw data, so a shift counts", () => {
  const X = rng.normalMatrix(20, 6);
  const P = permuteCols(X, [3, 0, 5, 1, 4, 2]);
  assert.ok(score("permutation_procrustes", X, P) < 1e-6);
  const shifted = P.clone();
  for (let i = 0; i < shifted.data.length; i++) shifted.data[i] += 1;
  assert.ok(Math.abs(score("permutation_procrustes", X, shifted) - score("permutation_metric-distance=euclidean", X, shifted)) > 1);
  const Y = rng.normalMatrix(20, 4);
  const r = score("permutation_procrustes", X, Y) ** 2;
  const norms = X.data.reduce((s, v) => s + v * v, 0) + Y.data.reduce((s, v) => s + v * v, 0);
  assert.ok(r <= norms + 1e-9);
});
