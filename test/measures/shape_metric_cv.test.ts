/**
 * Cross-validated shape metrics (shape_metric_cv.ts): a rotated, shifted copy is at distance 0 for
 * every α (scaled too for α = 0, 1), CCA (α = 0) ignores invertible linear maps, the PCA step for unequal widths, the
 * derived ids, and the refusal when folds have fewer training rows than dimensions.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, score } from "../../lib";
import { Matrix, axpby, matmul, transpose } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { pca, pcaScores } from "../../lib/tensor/linalg/pca";
import { Rng } from "../../lib/random";
import { shapeMetricCvDistance } from "../../lib/measures/shape_metric_cv";

const rng = new Rng(101);
const rotation = (n: number) => {
  const G = rng.normalMatrix(n, n);
  return eigh(axpby(1, G, 1, transpose(G))).vectors;
};

test("a rotated, shifted copy is at held-out distance 0 for α = 0, 0.5, 1 (also scaled for α = 0, 1)", () => {
  const X = rng.normalMatrix(40, 4);
  const Y = matmul(X, rotation(4));
  for (let i = 0; i < Y.data.length; i++) Y.data[i] += 3;
  for (const alpha of [0, 0.5, 1]) assert.ok(shapeMetricCvDistance(X, Y, alpha) < 1e-6, `α = ${alpha}`);
  for (const alpha of [0, 1]) assert.ok(shapeMetricCvDistance(X, axpby(2, Y, 0, Y), alpha) < 1e-6, `scaled, α = ${alpha}`);
  assert.ok(shapeMetricCvDistance(X, axpby(2, Y, 0, Y), 0.5) > 1e-3, "partial whitening is not scale-invariant");
});

test("α = 0 ignores invertible linear maps of Y; the derived ids are the α = 0 / α = 1 metrics", () => {
  const X = rng.normalMatrix(40, 4);
  const Y = axpby(1, matmul(X, rng.normalMatrix(4, 4)), 1, rng.normalMatrix(40, 4));
  const A = axpby(1, Matrix.identity(4), 0.5, rng.normalMatrix(4, 4));
  assert.ok(Math.abs(shapeMetricCvDistance(X, Y, 0) - shapeMetricCvDistance(X, matmul(Y, A), 0)) < 1e-9);
  assert.equal(score("cca-distance=angular-cv=5folds", X, Y), shapeMetricCvDistance(X, Y, 0));
  assert.equal(score("procrustes-distance=angular-cv=5folds", X, Y), shapeMetricCvDistance(X, Y, 1));
  assert.equal(score("nbs-distance=angular-cv=5folds", X, Y), shapeMetricCvDistance(X, Y, 1));
  assert.equal(score("shape_metric-alpha=0.5-distance=angular-cv=5folds", X, Y), shapeMetricCvDistance(X, Y, 0.5));
});

test("a wider input is first reduced to its leading PC scores; svcca ids reduce both inputs first", () => {
  const X = rng.normalMatrix(40, 7);
  const Y = axpby(1, matmul(X, rng.normalMatrix(7, 4)), 1, rng.normalMatrix(40, 4));
  const p = pca(X);
  assert.ok(Math.abs(shapeMetricCvDistance(X, Y, 1) - shapeMetricCvDistance(pcaScores(p.profiles, p.sumsOfSquares, 4), Y, 1)) < 1e-12);
  const q = pca(Y);
  const reduced = shapeMetricCvDistance(pcaScores(p.profiles, p.sumsOfSquares, 3), pcaScores(q.profiles, q.sumsOfSquares, 3), 0);
  assert.ok(Math.abs(score("svcca-dim=3-distance=angular-cv=5folds", X, Y) - reduced) < 1e-12);
});

test("folds with fewer training rows than compared dimensions are refused", () => {
  assert.throws(() => shapeMetricCvDistance(rng.normalMatrix(20, 18), rng.normalMatrix(20, 18), 1), (e: unknown) => e instanceof InputError && /training rows/.test((e as Error).message));
});
