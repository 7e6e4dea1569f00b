/**
 * Partial whitening (whitening.ts): α = 0 whitens (orthogonal columns of equal norm), α = 1 is the
 * identity, the variance-preserving rescale, the k > n (sample-side) branch agrees with the
 * feature-side formula, and the backward pass matches finite differences, also for rank-deficient input.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, axpby, centerCols, dot, gramCols, matmul, sumSquares } from "../../../lib/tensor/matrix";
import { eigh, symmetricFunction } from "../../../lib/tensor/linalg/eigh";
import { partialWhitening } from "../../../lib/tensor/linalg/whitening";
import { Rng } from "../../../lib/random";

const rng = new Rng(5);

test("α = 0 whitens: WᵀW = c²·I with the total variance preserved", () => {
  const M = centerCols(rng.normalMatrix(20, 4));
  const { W } = partialWhitening(M, 0, 4);
  const G = gramCols(W);
  const c2 = G.data[0];
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) assert.ok(Math.abs(G.data[i * 4 + j] - (i === j ? c2 : 0)) < 1e-10);
  assert.ok(Math.abs(sumSquares(W) - sumSquares(M)) < 1e-9 * sumSquares(M));
});

test("α = 1 is the identity; 0 < α < 1 preserves the variance; padding to a wider K shrinks it", () => {
  const M = centerCols(rng.normalMatrix(15, 3));
  assert.equal(partialWhitening(M, 1, 3).W, M);
  const half = partialWhitening(M, 0.5, 3).W;
  assert.ok(Math.abs(sumSquares(half) - sumSquares(M)) < 1e-9 * sumSquares(M));
  const padded = partialWhitening(M, 0, 5).W; // two padded zero eigenvalues floored at 1e-7
  assert.ok(Math.abs(sumSquares(padded) - (sumSquares(M) + 2e-7) * (3 / 5)) < 1e-9 * sumSquares(M));
});

test("the sample-side branch (more columns than rows) equals the feature-side formula computed explicitly", () => {
  const M = centerCols(rng.normalMatrix(6, 9)); // rank 5
  const alpha = 0.3;
  const eig = eigh(gramCols(M)); // 9×9, explicit oracle
  const lam = Array.from(eig.values, (l) => Math.max(l, 1e-7));
  const g = (l: number) => alpha * alpha * l + 2 * alpha * (1 - alpha) * Math.sqrt(l) + (1 - alpha) ** 2;
  const c = Math.sqrt(lam.reduce((a, b) => a + b, 0) / lam.reduce((a, l) => a + g(l), 0));
  const expected = matmul(M, symmetricFunction(eig, (l) => c * (alpha + (1 - alpha) / Math.sqrt(Math.max(l, 1e-7)))));
  const { W } = partialWhitening(M, alpha, 9);
  let err = 0;
  for (let i = 0; i < W.data.length; i++) err = Math.max(err, Math.abs(W.data[i] - expected.data[i]));
  assert.ok(err < 1e-9, `max error ${err}`);
});

function checkBackward(M: Matrix, alpha: number, width: number, label: string) {
  const G = rng.normalMatrix(M.rows, M.cols);
  const D = rng.normalMatrix(M.rows, M.cols);
  const f = (t: number) => dot(G, partialWhitening(axpby(1, M, t, D), alpha, width).W);
  const h = 1e-6;
  const fd = (f(h) - f(-h)) / (2 * h);
  const an = dot(partialWhitening(M, alpha, width).backward(G), D);
  assert.ok(Math.abs(fd - an) < 1e-6 * Math.max(1, Math.abs(fd)), `${label}: fd ${fd} vs ${an}`);
}

test("backward pass matches finite differences (α = 0, 0.3, 0.7; padded; sample side)", () => {
  checkBackward(rng.normalMatrix(12, 4), 0, 4, "α=0");
  checkBackward(rng.normalMatrix(12, 4), 0.3, 6, "α=0.3 padded");
  checkBackward(rng.normalMatrix(12, 4), 0.7, 4, "α=0.7");
  checkBackward(rng.normalMatrix(5, 8), 0.4, 8, "sample side");
});

test("backward pass is finite for rank-deficient input (constant column, fewer rows than columns)", () => {
  const M = centerCols(rng.normalMatrix(10, 4));
  for (let i = 0; i < 10; i++) M.data[i * 4 + 2] = 0;
  for (const alpha of [0, 0.5]) {
    const g = partialWhitening(M, alpha, 4).backward(rng.normalMatrix(10, 4));
    assert.ok(g.data.every(Number.isFinite));
  }
  const wide = centerCols(rng.normalMatrix(4, 7));
  assert.ok(partialWhitening(wide, 0, 7).backward(rng.normalMatrix(4, 7)).data.every(Number.isFinite));
});
