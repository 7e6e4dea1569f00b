/**
 * PLS (pls.ts, pls_regression.ts): the NIPALS fit against closed forms (full rank = least squares, one
 * target = one power step), the cross-covariance PLS value and gradient, the seeded numpy split layouts
 * against numpy itself, exact recovery of linear maps and argument checks.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, score } from "../../lib";
import { Matrix, axpby, centerCols, colMeans, gramCols, matmul, matmulTN, scale } from "../../lib/tensor/matrix";
import { thinSvd } from "../../lib/tensor/linalg/svd";
import { solveLinear } from "../../lib/tensor/linalg/lu";
import { Rng } from "../../lib/random";
import { fitPls, predictPls } from "../../lib/measures/pls_regression";
import { stratifiedShuffleSplits } from "../../lib/measures/splits";
import { numpyRandomState } from "../../lib/measures/regression_numpy_shuffle";
import { gradCheck } from "../support/gradcheck";

const rng = new Rng(61);
const maxAbsDiff = (A: Matrix, B: Matrix) => A.data.reduce((m, v, i) => Math.max(m, Math.abs(v - B.data[i])), 0);

test("with as many components as features PLS fits the least-squares predictions", () => {
  const X = rng.normalMatrix(40, 5);
  const Y = axpby(1, matmul(X, rng.normalMatrix(5, 3)), 0.7, rng.normalMatrix(40, 3));
  const Xc = centerCols(X);
  const ols = matmul(Xc, solveLinear(gramCols(Xc), matmulTN(Xc, centerCols(Y))));
  const mu = colMeans(Y);
  for (let i = 0; i < 40; i++) for (let j = 0; j < 3; j++) ols.data[i * 3 + j] += mu[j];
  for (const scale of [false, true]) assert.ok(maxAbsDiff(predictPls(fitPls(X, Y, 5, scale), X), ols) < 1e-9, `scale=${scale}`);
});

test("one component and one target: a single power step, prediction = ȳ + t·⟨t, ȳc⟩/⟨t, t⟩ with t = X̄X̄ᵀȳc", () => {
  const X = rng.normalMatrix(30, 4);
  const y = rng.normalMatrix(30, 1);
  const Xc = centerCols(X);
  const yc = centerCols(y);
  const t = matmul(Xc, matmulTN(Xc, yc));
  const c = matmulTN(t, yc).data[0] / matmulTN(t, t).data[0];
  const expected = scale(t, c);
  for (let i = 0; i < 30; i++) expected.data[i] += colMeans(y)[0];
  assert.ok(maxAbsDiff(predictPls(fitPls(X, y, 1, false), X), expected) < 1e-10);
});

test("pls = mean singular value of the sample cross-covariance over min(p, q), with its gradient", () => {
  const X = rng.normalMatrix(25, 4);
  const Y = axpby(1, matmul(X, rng.normalMatrix(4, 6)), 1, rng.normalMatrix(25, 6));
  const s = thinSvd(matmulTN(centerCols(X), centerCols(Y))).s;
  const expected = s.reduce((a, v) => a + v, 0) / (24 * 4);
  assert.ok(Math.abs(score("pls", X, Y) - expected) < 1e-12 * expected);
  const r = gradCheck("pls", X, Y);
  assert.ok(r.ok, `${r.fd} vs ${r.analytic}`);
});

test("seeded layouts equal numpy's: RandomState(7).permutation(8) and StratifiedShuffleSplit(random_state=1) on 12 rows", () => {
  // values printed by numpy 2.4 (legacy RandomState)
  assert.deepEqual(Array.from(numpyRandomState(7).permutation(8)), [2, 5, 0, 6, 3, 1, 4, 7]);
  const splits = stratifiedShuffleSplits(12, 2, 0.9, 1);
  assert.deepEqual(Array.from(splits[0].train), [0, 1, 2, 3, 4, 6, 7, 9, 10, 11]);
  assert.deepEqual(Array.from(splits[0].test as Int32Array), [5, 8]);
  assert.deepEqual(Array.from(splits[1].train), [0, 1, 3, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(Array.from(splits[1].test as Int32Array), [2, 4]);
});

test("an exact linear map of X is recovered by the PLS regression protocols", () => {
  const X = rng.normalMatrix(60, 6);
  const Y = matmul(X, rng.normalMatrix(6, 4));
  for (const id of ["pls-pearsonr-components=6", "pls-pearsonr", "pls-pearsonr-cv=5folds"]) assert.ok(Math.abs(score(id, X, Y) - 1) < 1e-8, id);
  // NeuroAIMetrics z-scores the test rows with their own SDs, which rescales each feature: close to, not exactly, 1
  const v = score("pls-pearsonr-components=6-cv=5folds", X, Y);
  assert.ok(v > 0.9 && v < 1, `${v}`);
});

test("more components than features of X is an InputError naming X", () => {
  assert.throws(() => score("pls-pearsonr-components=8", rng.normalMatrix(20, 5), rng.normalMatrix(20, 3)), (e: unknown) => e instanceof InputError && e.argument === "X");
});
