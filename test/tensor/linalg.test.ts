import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, allFinite, matmul, matmulNT, matmulTN, transpose, gramCols, centerCols, colMeans, colSumSquares, frobenius, axpby, scaleCols } from "../../lib/tensor/matrix";
import { pca, pcaAxes, pcaScores, principalAxes } from "../../lib/tensor/linalg/pca";
import { eigh, eighJs, symmetricFunction } from "../../lib/tensor/linalg/eigh";
import { cholesky, choleskySolve } from "../../lib/tensor/linalg/cholesky";
import { Rng } from "../../lib/random";
import { InputError } from "../../lib/errors";

const maxAbs = (A: Matrix) => A.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const diff = (A: Matrix, B: Matrix) => maxAbs(axpby(1, A, -1, B));

function naive(A: Matrix, B: Matrix): Matrix {
  const C = new Matrix(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < B.cols; j++) {
      let s = 0;
      for (let k = 0; k < A.cols; k++) s += A.get(i, k) * B.get(k, j);
      C.set(i, j, s);
    }
  return C;
}

test("matrix products agree with the definition on odd shapes", () => {
  const rng = new Rng(1);
  for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [17, 9, 33], [40, 1, 2]]) {
    const A = rng.normalMatrix(m, k);
    const B = rng.normalMatrix(k, n);
    assert.ok(diff(matmul(A, B), naive(A, B)) < 1e-12);
    assert.ok(diff(matmulTN(transpose(A), B), naive(A, B)) < 1e-12);
    assert.ok(diff(matmulNT(A, transpose(B)), naive(A, B)) < 1e-12);
  }
});

test("centering removes column means", () => {
  const A = new Rng(2).normalMatrix(20, 4);
  const mu = colMeans(centerCols(A));
  assert.ok(mu.every((v) => Math.abs(v) < 1e-14));
});

test("colMeans: each column summed top to bottom (the same bits as a plain loop), any column count; NaN propagates", () => {
  const rng = new Rng(5);
  for (const [r, c] of [[7, 13], [5, 4], [3, 1], [1, 6], [9, 0], [0, 3]]) {
    const A = rng.normalMatrix(r, c);
    const expected = Array.from({ length: c }, (_, j) => {
      let s = 0;
      for (let i = 0; i < r; i++) s += A.data[i * c + j];
      return s / r;
    });
    assert.deepEqual(Array.from(colMeans(A)), expected, `${r}×${c}`);
  }
  const B = Matrix.fromRows([[1, 2, 3, 4, 5], [NaN, 2, 3, 4, Infinity]]);
  assert.deepEqual(Array.from(colMeans(B)), [NaN, 2, 3, 4, Infinity]);
});

test("column helpers: scaleCols = A·diag(w), colSumSquares = diag(AᵀA); PCA scores = X̄·V_k", () => {
  const A = Matrix.fromRows([[1, -2], [3, 0.5]]);
  assert.deepEqual(Array.from(scaleCols(A, [2, -1]).data), [2, 2, 6, -0.5]);
  assert.deepEqual(Array.from(colSumSquares(A)), [10, 4.25]);
  const X = new Rng(3).normalMatrix(12, 5);
  const p = pca(X);
  const scores = pcaScores(p.profiles, p.sumsOfSquares, 3);
  const projected = matmul(centerCols(X), p.axes);
  for (let i = 0; i < 12; i++) for (let k = 0; k < 3; k++) assert.ok(Math.abs(scores.data[i * 3 + k] - projected.data[i * 5 + k]) < 1e-12);
  assert.deepEqual(Array.from(colSumSquares(scores)).map((v, k) => Math.abs(v - p.sumsOfSquares[k]) < 1e-10), [true, true, true]);
});

test("principalAxes: the means, sums of squares and axes (up to sign) of pcaAxes, also rank-deficient; pcaAxes itself for dominant means and p > n", () => {
  const rng = new Rng(4);
  const X = rng.normalMatrix(60, 6);
  for (let i = 0; i < 60; i++) {
    X.data[i * 6] = 3 * X.data[i * 6] + 5; // mean 5, n‖μ‖² / ‖X̄‖²_F ≈ 2: the Gram path
    X.data[i * 6 + 5] = X.data[i * 6 + 1] - X.data[i * 6 + 2]; // rank 5
  }
  const fast = principalAxes(X);
  const reference = pcaAxes(X);
  assert.equal(fast.sumsOfSquares.length, 5);
  assert.equal(reference.sumsOfSquares.length, 5);
  fast.means.forEach((m, j) => assert.ok(Math.abs(m - reference.means[j]) < 1e-12));
  fast.sumsOfSquares.forEach((l, k) => assert.ok(Math.abs(l - reference.sumsOfSquares[k]) < 1e-10 * reference.sumsOfSquares[0]));
  const alignment = matmulTN(fast.axes, reference.axes); // ±1 on the diagonal for distinct λ
  for (let k = 0; k < 5; k++) assert.ok(Math.abs(Math.abs(alignment.data[k * 5 + k]) - 1) < 1e-9);
  const offset = new Matrix(60, 6, X.data.map((v) => v + 1e6));
  assert.deepEqual(principalAxes(offset).sumsOfSquares, pcaAxes(offset).sumsOfSquares);
  const wide = rng.normalMatrix(5, 8);
  assert.deepEqual(principalAxes(wide).axes, pcaAxes(wide).axes);
});

for (const [solver, eig] of [["dispatch", eigh], ["js", eighJs]] as const)
test(`eigh (${solver}) reconstructs symmetric matrices with orthonormal eigenvectors, ascending values`, () => {
  const rng = new Rng(3);
  for (const n of [1, 2, 3, 10, 47, 130]) {
    const G = rng.normalMatrix(n, n);
    const A = axpby(0.5, G, 0.5, transpose(G));
    const { values, vectors: V } = eig(A);
    for (let i = 1; i < n; i++) assert.ok(values[i - 1] <= values[i]);
    const VtV = matmulTN(V, V);
    assert.ok(diff(VtV, Matrix.identity(n)) < 1e-12, `orthonormal n=${n}`);
    const rec = symmetricFunction({ values, vectors: V }, (l) => l);
    assert.ok(diff(rec, A) < 1e-11 * Math.max(1, maxAbs(A)), `reconstruction n=${n}`);
  }
});

test("eigh handles repeated and zero eigenvalues (rank-deficient Gram)", () => {
  const rng = new Rng(4);
  const Y = rng.normalMatrix(5, 12); // rank 5 Gram of size 12
  const A = gramCols(Y);
  const { values, vectors } = eigh(A);
  assert.equal(values.filter((v) => Math.abs(v) < 1e-10).length, 7);
  assert.ok(diff(symmetricFunction({ values, vectors }, (l) => l), A) < 1e-10);
  const Z = eigh(new Matrix(4, 4));
  assert.deepEqual(Array.from(Z.values), [0, 0, 0, 0]);
  const I = eigh(Matrix.identity(6));
  assert.ok(Array.from(I.values).every((v) => v === 1));
  assert.ok(diff(matmulTN(I.vectors, I.vectors), Matrix.identity(6)) < 1e-14);
});

test("eigh of a 2×2 example", () => {
  const { values } = eigh(Matrix.fromRows([[2, 1], [1, 2]]));
  assert.ok(Math.abs(values[0] - 1) < 1e-15 && Math.abs(values[1] - 3) < 1e-15);
});

test("Cholesky solve recovers the solution, scalar (n ≤ 64) and blocked (n > 64) paths; non-SPD input throws", () => {
  const rng = new Rng(5);
  for (const n of [8, 64, 65, 150]) {
    const G = rng.normalMatrix(n + 22, n);
    const A = axpby(1, gramCols(G), 1, Matrix.identity(n));
    const X = rng.normalMatrix(n, 3);
    const B = matmul(A, X);
    const L = cholesky(A);
    assert.ok(L.data.every((v, k) => k % n <= Math.floor(k / n) || v === 0), `n = ${n}: L is lower triangular`);
    assert.ok(diff(matmulNT(L, L), A) < 1e-12 * frobenius(A), `n = ${n}: L·Lᵀ = A`);
    assert.ok(diff(choleskySolve(L, B), X) < 1e-10 * frobenius(X), `n = ${n}: solve`);
  }
  assert.throws(() => cholesky(Matrix.fromRows([[1, 2], [2, 1]])), /not positive definite \(pivot 1/);
  const singular = gramCols(rng.normalMatrix(100, 100)); // rank 100 of 100, then a zero row and column
  const padded = new Matrix(101, 101);
  for (let i = 0; i < 100; i++) padded.data.set(singular.data.subarray(i * 100, (i + 1) * 100), i * 101);
  assert.throws(() => cholesky(padded), /not positive definite \(pivot 100 = 0\)/);
  assert.throws(() => cholesky(new Matrix(3, 2)), InputError);
  assert.throws(() => choleskySolve(cholesky(Matrix.identity(3)), new Matrix(2, 1)), InputError);
});

test("allFinite: false for NaN or ±∞ at any position (the 4-wide pass and its tail), true otherwise", () => {
  assert.equal(allFinite(new Float64Array(0)), true);
  assert.equal(allFinite(Float64Array.of(1e308, -1e308, 0, 5e-324, 3, 7, 1)), true);
  for (const bad of [NaN, Infinity, -Infinity])
    for (let at = 0; at < 7; at++) {
      const a = Float64Array.of(1, 2, 3, 4, 5, 6, 7);
      a[at] = bad;
      assert.equal(allFinite(a), false, `${bad} at ${at}`);
    }
});
