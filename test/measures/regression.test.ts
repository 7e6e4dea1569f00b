/**
 * The regression family: paper test vectors (§2.6, toy2d), identities between ids, finite-difference
 * checks of the gradients with respect to Y and X, degenerate and bad inputs (fold layouts: splits.test.ts).
 * (Golden values of the Python implementations are checked in golden.test.ts.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, getMeasure, score, scoreAndGradsMatrix } from "../../lib";
import { Matrix, axpby, centerCols, gramCols, matmul, matmulTN, padCols, sumSquares } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";
import { cholesky, choleskySolve } from "../../lib/tensor/linalg/cholesky";

/** score with inputs given as matrices plus their original shapes. */
function val(id: string, X: Matrix, Y: Matrix, shapes: { X?: number[]; Y?: number[] } = {}, seed = 0): number {
  return score(id, { data: X.data, shape: shapes.X ?? [X.rows, X.cols] }, { data: Y.data, shape: shapes.Y ?? [Y.rows, Y.cols] }, { seed });
}

function grads(id: string, X: Matrix, Y: Matrix, shapes: { X?: number[]; Y?: number[] } = {}, seed = 0) {
  return scoreAndGradsMatrix(id, X, Y, { shapeX: shapes.X, shapeY: shapes.Y }, { seed });
}

/** 4-point central difference of f along D. */
function directional(f: (t: number) => number, h = 1e-4): number {
  return (8 * (f(h) - f(-h)) - (f(2 * h) - f(-2 * h))) / (12 * h);
}

const inner = (A: Matrix, B: Matrix) => A.data.reduce((s, a, i) => s + a * B.data[i], 0);
const finite = (M: Matrix) => M.data.every(Number.isFinite);

/** toy2d(a) of paper §9.1 as a (10, 6, 2) array flattened to 60×2 (row t·6 + c). */
function toy2d(a: number): Matrix {
  const arc = [
    [0.01, 0.01], [0.4, 0.3], [0.7, 0.5], [0.88, 0.613], [1.13, 0.68],
    [1.43, 0.73], [1.68, 0.6], [1.86, 0.473], [1.97, 0.24], [2.02, 0.04],
  ];
  const X = new Matrix(60, 2);
  for (let t = 0; t < 10; t++)
    for (let c = 0; c < 6; c++) {
      const sign = c < 3 ? 1 : -1;
      const stretch = 1 + (c % 3) * a;
      X.set(t * 6 + c, 0, sign * arc[t][0]);
      X.set(t * 6 + c, 1, sign * arc[t][1] * stretch);
    }
  return X;
}

test("paper §2.6 test vectors on toy2d (X = toy2d(0.5), Y = toy2d(1), Y3 = Y + cos(t)(c+1))", () => {
  const X = toy2d(0.5);
  const Y = toy2d(1);
  const Y3 = padCols(Y, 3);
  for (let t = 0; t < 10; t++) for (let c = 0; c < 6; c++) Y3.set(t * 6 + c, 2, Math.cos(t) * (c + 1));
  const shapes = { X: [10, 6, 2], Y: [10, 6, 2] };
  const shapes3 = { X: [10, 6, 2], Y: [10, 6, 3] };
  const table: [string, number, number | null][] = [
    ["linreg", 0.9972364563, 0.997236655],
    ["linreg-r2#5folds_cv", 0.9937577512, 0.9934350452],
    ["ridge-lambda1-r2#5folds_cv", 0.9922547175, null],
    ["ridge-lambda10-r2#5folds_cv", 0.9602938457, null],
    ["ridge-lambda100-r2#5folds_cv", 0.720101995, 0.7041769355],
    ["ridge-lambda100-r2#no_cv", 0.7996723865, 0.7996870861],
  ];
  for (const [id, vY, vY3] of table) {
    assert.ok(Math.abs(val(id, X, Y, shapes) - vY) < 1e-9, `${id}(X, Y) = ${val(id, X, Y, shapes)}, expected ${vY}`);
    if (vY3 !== null) assert.ok(Math.abs(val(id, X, Y3, shapes3) - vY3) < 1e-9, `${id}(X, Y3) = ${val(id, X, Y3, shapes3)}, expected ${vY3}`);
  }
});

// Shapes chosen to exercise both factorizations of regression_fit.ts and the pseudo-inverse:
// tall (normal equations), many targets and few test rows (test-side), fewer training rows than
// regressors (minimum-norm least squares with its null-space gradient term), and 3-D data.
const rng = new Rng(11);
const SHAPES: { name: string; X: Matrix; Y: Matrix; shapes: { X?: number[]; Y?: number[] } }[] = [
  { name: "tall 40×6 vs 40×4", X: rng.normalMatrix(40, 6), Y: rng.normalMatrix(40, 4), shapes: {} },
  { name: "many targets 30×40 vs 30×5", X: rng.normalMatrix(30, 40), Y: rng.normalMatrix(30, 5), shapes: {} },
  { name: "wide 20×3 vs 20×26", X: rng.normalMatrix(20, 3), Y: rng.normalMatrix(20, 26), shapes: {} },
  { name: "3-D (5, 8, 3) vs (5, 8, 4)", X: rng.normalMatrix(40, 3), Y: rng.normalMatrix(40, 4), shapes: { X: [5, 8, 3], Y: [5, 8, 4] } },
];
// Y correlated with X so that the scores are informative.
for (const s of SHAPES) s.Y = axpby(1, s.Y, 0.8, matmul(s.X, new Rng(12).normalMatrix(s.X.cols, s.Y.cols)));

const DIFFERENTIABLE = [
  "linreg",
  "linreg-angular",
  "linreg-r2#5folds_cv",
  "linreg-pearsonr#5folds_cv",
  "ridge-lambda100-r2#5folds_cv",
  "ridge-lambda0.5-pearsonr#no_cv",
  "ridge-lambda3-r2#no_cv",
  "ridge-lambda10-r2-sym#5folds_cv",
  "linreg-pearsonr-sym#no_cv",
  "linreg-r2-sym#5folds_cv",
  "ridge-lambda2-r2",
  "linreg-cv",
  "linreg-angular-cv",
  "ridge-lambda=1-r2",
  "kernel_ridge-lambda=0.3-r2",
  "ridge-lambda=1-r2-cv=5folds",
  "ridge-lambda=2-pearsonr2-cv=5folds",
  "ridge-lambda=0-r2-cv=5folds",
];

for (const id of DIFFERENTIABLE)
  test(`gradients match finite differences in Y and in X: ${id}`, () => {
    assert.ok(getMeasure(id).differentiable);
    for (const { name, X, Y, shapes } of SHAPES) {
      const r = grads(id, X, Y, shapes, 5);
      assert.ok(Math.abs(r.value - val(id, X, Y, shapes, 5)) < 1e-12, `${name}: value of scoreAndGradsMatrix`);
      const DY = new Rng(21).normalMatrix(Y.rows, Y.cols);
      const DX = new Rng(22).normalMatrix(X.rows, X.cols);
      const fdY = directional((t) => val(id, X, axpby(1, Y, t, DY), shapes, 5));
      const fdX = directional((t) => val(id, axpby(1, X, t, DX), Y, shapes, 5));
      const anY = inner(r.gradY, DY);
      const anX = inner(r.gradX, DX);
      assert.ok(Math.abs(fdY - anY) <= 1e-6 * Math.max(1, Math.abs(fdY)), `${name}: dY finite difference ${fdY} vs gradient ${anY}`);
      assert.ok(Math.abs(fdX - anX) <= 1e-6 * Math.max(1, Math.abs(fdX)), `${name}: dX finite difference ${fdX} vs gradient ${anX}`);
    }
  });

test("the gradient with respect to Y of a prepared measure equals the joint one", () => {
  const { X, Y } = SHAPES[1];
  for (const id of ["ridge-lambda100-r2#5folds_cv", "linreg-pearsonr-sym#no_cv", "ridge-lambda=1-r2-cv=5folds"]) {
    const joint = grads(id, X, Y).gradY;
    const single = getMeasure(id).prepare(X, { shapeX: [X.rows, X.cols], shapeY: [Y.rows, Y.cols], rng: new Rng(0) }).valueAndGrad!(Y).gradY;
    assert.ok(sumSquares(axpby(1, joint, -1, single)) <= 1e-24 * Math.max(1, sumSquares(joint)), id);
  }
});

test("linreg's in-sample fast path (regression_in_sample.ts) = the general path, also for rank-deficient, wide and constant inputs", () => {
  const rng = new Rng(31);
  const X = rng.normalMatrix(40, 7);
  const Y = rng.normalMatrix(40, 5);
  const duplicated = new Matrix(40, 6);
  const constantColumn = new Matrix(40, 6);
  for (let i = 0; i < 40; i++)
    for (let j = 0; j < 6; j++) {
      duplicated.set(i, j, Y.get(i, j % 5));
      constantColumn.set(i, j, j === 5 ? 3 : Y.get(i, j));
    }
  const cases: [string, Matrix, Matrix][] = [
    ["random", X, Y],
    ["zero-padded Y", X, padCols(Y, 9)],
    ["duplicated column of Y", X, duplicated],
    ["constant column of Y", X, constantColumn],
    ["wide Y (more columns than rows: the dual form)", X, rng.normalMatrix(40, 55)],
    ["constant X", new Matrix(40, 7, new Float64Array(280).fill(2)), Y],
  ];
  for (const [name, A, B] of cases) {
    const ctx = { shapeX: [A.rows, A.cols], shapeY: [B.rows, B.cols], rng: new Rng(0) };
    const fast = getMeasure("linreg").prepare(A, ctx).valueAndGrad!(B);
    const general = grads("linreg", A, B);
    assert.ok(Math.abs(fast.value - general.value) <= 1e-12, `${name}: value ${fast.value} vs ${general.value}`);
    assert.ok(sumSquares(axpby(1, fast.gradY, -1, general.gradY)) <= 1e-20 * Math.max(1, sumSquares(general.gradY)), `${name}: gradient`);
  }
});

test("E[R²] ≈ q/(n − 1) for random Y (the paper's sanity check of the initial linreg scores)", () => {
  const r = new Rng(3);
  const n = 50;
  const q = 8;
  const X = r.normalMatrix(n, 5);
  let mean = 0;
  const draws = 200;
  for (let k = 0; k < draws; k++) mean += val("linreg", X, r.normalMatrix(n, q)) / draws;
  assert.ok(Math.abs(mean - q / (n - 1)) < 0.01, `mean R² ${mean} vs ${q / (n - 1)}`);
});

test("identities between ids", () => {
  const { X, Y } = SHAPES[0];
  const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
  // names of the same quantity
  assert.equal(val("linreg", X, Y), val("linreg-r2#no_cv", X, Y));
  assert.equal(val("linreg", X, Y), val("linear_regression", X, Y));
  assert.ok(close(val("ridge-lambda0-r2#no_cv", X, Y), val("linreg", X, Y)));
  assert.equal(val("ridge-lambda100-r2", X, Y), val("ridge-lambda100-r2#no_cv", X, Y));
  assert.equal(val("linreg-r2", X, Y), val("linreg-r2#5folds_cv", X, Y));
  assert.equal(val("kernel_ridge-lambda=1-r2", X, Y), val("ridge-lambda=1-r2", X, Y));
  // in-sample: cosine of X̄ with its projection is √R²; arccos of R² with diffscore's cut-off
  assert.ok(close(val("linreg-pearsonr#no_cv", X, Y), Math.sqrt(val("linreg", X, Y))));
  assert.ok(close(val("linreg-angular", X, Y), Math.acos(val("linreg", X, Y))));
  assert.equal(val("linreg-angular", X, X), 0);
  // -sym is the mean of both directions
  for (const base of ["ridge-lambda10-r2#5folds_cv", "linreg-pearsonr#no_cv"]) {
    const sym = base.replace("#", "-sym#");
    assert.ok(close(val(sym, X, Y), 0.5 * (val(base, X, Y) + val(base, Y, X))), sym);
  }
  assert.ok(close(val("ridge-pearsonr-cv=5folds-reverse", X, Y), val("ridge-pearsonr-cv=5folds", Y, X)));
});

test("ridge tends to minimum-norm least squares as λ → 0, also with fewer training rows than regressors", () => {
  for (const { name, X, Y } of [SHAPES[0], SHAPES[2]]) {
    for (const cv of ["5folds_cv", "no_cv"]) {
      const ls = val(`linreg-r2#${cv}`, X, Y);
      const ridge = val(`ridge-lambda1e-7-r2#${cv}`, X, Y);
      assert.ok(Math.abs(ls - ridge) < 1e-5 * Math.max(1, Math.abs(ls)), `${name} ${cv}: λ=0 ${ls} vs λ=1e-7 ${ridge}`);
    }
  }
});

test("linreg projects onto span(Ȳ): zero padding of Y changes nothing (paper quirk #10)", () => {
  const r = new Rng(4);
  const X = r.normalMatrix(30, 6);
  const Y = r.normalMatrix(30, 2);
  // R² from the normal equations of the unpadded Y
  const Xc = centerCols(X);
  const Yc = centerCols(Y);
  const B = choleskySolve(cholesky(gramCols(Yc)), matmulTN(Yc, Xc));
  const expected = 1 - sumSquares(axpby(1, Xc, -1, matmul(Yc, B))) / sumSquares(Xc);
  for (const id of ["linreg", "linreg-r2#5folds_cv", "ridge-lambda10-r2#no_cv"]) {
    assert.ok(Math.abs(val(id, X, padCols(Y, 6)) - val(id, X, Y)) < 1e-12, `${id}: padded vs unpadded Y`);
  }
  assert.ok(Math.abs(val("linreg", X, padCols(Y, 6)) - expected) < 1e-12);
  // duplicated and constant columns do not change span(Ȳ) either (pseudo-inverse path)
  const extra = padCols(Y, 4);
  for (let i = 0; i < 30; i++) {
    extra.set(i, 2, 2 * Y.get(i, 0) - Y.get(i, 1));
    extra.set(i, 3, 7);
  }
  for (const id of ["linreg", "linreg-r2#5folds_cv", "linreg-pearsonr#5folds_cv"])
    assert.ok(Math.abs(val(id, X, extra) - val(id, X, Y)) < 1e-9, `${id}: dependent columns ${val(id, X, extra)} vs ${val(id, X, Y)}`);
});

test("ridge is not scale-invariant in Y; in-sample linreg is invariant to invertible linear maps of Y", () => {
  const { X, Y } = SHAPES[0];
  assert.ok(Math.abs(val("ridge-lambda100-r2#5folds_cv", X, axpby(5, Y, 0, Y)) - val("ridge-lambda100-r2#5folds_cv", X, Y)) > 1e-3);
  assert.equal(getMeasure("ridge-lambda100-r2#5folds_cv").invariances.isotropicScale, false);
  const M = axpby(1, Matrix.identity(Y.cols), 0.7, new Rng(5).normalMatrix(Y.cols, Y.cols));
  assert.ok(Math.abs(val("linreg", X, matmul(Y, M)) - val("linreg", X, Y)) < 1e-12);
  assert.ok(Math.abs(val("linreg-r2#5folds_cv", X, matmul(Y, M)) - val("linreg-r2#5folds_cv", X, Y)) < 1e-10);
});

test("condition-split CV: seeded, 1 for an exact linear relation, differs between seeds", () => {
  const r = new Rng(6);
  const Y = r.normalMatrix(5 * 12, 4);
  const X = matmul(Y, axpby(1, Matrix.identity(4), 0.5, r.normalMatrix(4, 4)));
  const shapes = { X: [5, 12, 4], Y: [5, 12, 4] };
  assert.ok(Math.abs(val("linreg-cv", X, Y, shapes, 1) - 1) < 1e-10);
  assert.equal(val("linreg-angular-cv", X, Y, shapes, 1), 0);
  const noisy = axpby(1, X, 2, r.normalMatrix(60, 4));
  assert.equal(val("linreg-cv", noisy, Y, shapes, 1), val("linreg-cv", noisy, Y, shapes, 1));
  assert.notEqual(val("linreg-cv", noisy, Y, shapes, 1), val("linreg-cv", noisy, Y, shapes, 2));
  assert.ok(getMeasure("linreg-cv").stochastic);
});

test("degenerate inputs give finite values and gradients", () => {
  const r = new Rng(7);
  const X = r.normalMatrix(25, 4);
  const base = r.normalMatrix(25, 5);
  const constant = base.clone();
  const duplicated = base.clone();
  for (let i = 0; i < 25; i++) {
    constant.set(i, 2, 3);
    duplicated.set(i, 4, duplicated.get(i, 0));
  }
  const zeroX = new Matrix(25, 4);
  const cases: [string, Matrix, Matrix][] = [
    ["constant column", X, constant],
    ["duplicated column", X, duplicated],
    ["all-zero Y", X, new Matrix(25, 5)],
    ["constant X", zeroX, base],
    ["n < q", r.normalMatrix(8, 3), r.normalMatrix(8, 12)],
  ];
  for (const id of DIFFERENTIABLE)
    for (const [label, A, B] of cases) {
      const g = grads(id, A, B, {}, 1);
      assert.ok(Number.isFinite(g.value) && finite(g.gradX) && finite(g.gradY), `${id}, ${label}: value ${g.value}`);
    }
  assert.equal(val("linreg", zeroX, base), 0);
});

test("bad input: too few conditions, samples or folds, unknown ids, NaN", () => {
  const r = new Rng(8);
  const X3 = r.normalMatrix(6, 3);
  assert.throws(() => val("linreg-cv", X3, X3, { X: [6, 1, 3], Y: [6, 1, 3] }), (e: unknown) => e instanceof InputError && /X: expected enough conditions/.test((e as Error).message));
  assert.throws(() => val("ridge-lambda100-r2#5folds_cv", r.normalMatrix(4, 2), r.normalMatrix(4, 2)), /X: expected at least 5 samples/);
  assert.throws(() => val("ridge-lambda-1-r2#no_cv", X3, X3), /measure: expected a known measure id/);
  assert.throws(() => val("linreg-r2#1folds_cv", X3, X3), /measure: expected a known measure id/);
  assert.throws(() => val("linear_regression-pearsonr", X3, X3), /measure: expected a known measure id/);
  const bad = r.normalMatrix(6, 3);
  bad.set(1, 1, NaN);
  assert.throws(() => val("linreg", X3, bad), /Y: expected finite values/);
});
