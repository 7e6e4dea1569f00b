/**
 * Thin SVD, polar factor / nuclear norm and the polar-factor backward pass (svd.ts, polar.ts):
 * reconstruction, orthonormality, rank handling, the nuclear-norm gradient and the backward pass
 * against central finite differences.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, axpby, dot, frobenius, matmul, matmulNT, matmulTN } from "../../../lib/tensor/matrix";
import { thinSvd } from "../../../lib/tensor/linalg/svd";
import { polar, polarBackward, polarNewtonSchulz } from "../../../lib/tensor/linalg/polar";
import { Rng } from "../../../lib/random";

const rng = new Rng(11);

function maxAbsDiff(A: Matrix, B: Matrix): number {
  let m = 0;
  for (let i = 0; i < A.data.length; i++) m = Math.max(m, Math.abs(A.data[i] - B.data[i]));
  return m;
}

function reconstruct(svd: ReturnType<typeof thinSvd>): Matrix {
  const US = svd.U.clone();
  const r = svd.s.length;
  for (let i = 0; i < US.rows; i++) for (let j = 0; j < r; j++) US.data[i * r + j] *= svd.s[j];
  return matmulNT(US, svd.V);
}

for (const [m, n] of [[7, 4], [4, 7], [5, 5]]) {
  test(`thinSvd reconstructs a ${m}×${n} matrix with orthonormal factors and descending s`, () => {
    const A = rng.normalMatrix(m, n);
    const svd = thinSvd(A);
    assert.equal(svd.s.length, Math.min(m, n));
    assert.ok(maxAbsDiff(reconstruct(svd), A) < 1e-12);
    assert.ok(maxAbsDiff(matmulTN(svd.U, svd.U), Matrix.identity(svd.s.length)) < 1e-12);
    assert.ok(maxAbsDiff(matmulTN(svd.V, svd.V), Matrix.identity(svd.s.length)) < 1e-12);
    for (let i = 1; i < svd.s.length; i++) assert.ok(svd.s[i - 1] >= svd.s[i]);
  });
}

test("thinSvd drops numerically zero singular values (rank-deficient input)", () => {
  const A = matmul(rng.normalMatrix(8, 2), rng.normalMatrix(2, 6)); // rank 2
  const svd = thinSvd(A);
  assert.equal(svd.s.length, 2);
  assert.ok(maxAbsDiff(reconstruct(svd), A) < 1e-12);
  assert.equal(thinSvd(new Matrix(3, 4)).s.length, 0);
});

test("polar: a diagonal example, P orthogonal, ⟨P, A⟩ = ‖A‖_*", () => {
  const p = polar(Matrix.fromRows([[0, 2], [3, 0]]));
  assert.ok(Math.abs(p.nuclearNorm - 5) < 1e-14);
  assert.deepEqual(p.factor.toRows().map((r) => r.map((v) => Math.round(v * 1e12) / 1e12)), [[0, 1], [1, 0]]);
  const A = rng.normalMatrix(6, 4);
  const q = polar(A);
  assert.ok(maxAbsDiff(matmulTN(q.factor, q.factor), Matrix.identity(4)) < 1e-12);
  assert.ok(Math.abs(dot(q.factor, A) - q.nuclearNorm) < 1e-12);
});

test("polar: the nuclear-norm gradient is the polar factor (finite differences)", () => {
  for (const [m, n] of [[6, 4], [3, 5]]) {
    const A = rng.normalMatrix(m, n);
    const D = rng.normalMatrix(m, n);
    const h = 1e-6;
    const fd = (polar(axpby(1, A, h, D)).nuclearNorm - polar(axpby(1, A, -h, D)).nuclearNorm) / (2 * h);
    assert.ok(Math.abs(fd - dot(polar(A).factor, D)) < 1e-7);
  }
});

test("polarBackward matches finite differences of ⟨G, P(A)⟩ (square, tall, wide)", () => {
  for (const [m, n] of [[5, 5], [7, 4], [3, 6]]) {
    const A = rng.normalMatrix(m, n);
    const G = rng.normalMatrix(m, n);
    const D = rng.normalMatrix(m, n);
    const f = (t: number) => dot(G, polar(axpby(1, A, t, D)).factor);
    const h = 1e-5;
    const fd = (f(h) - f(-h)) / (2 * h);
    const an = dot(polarBackward(polar(A).svd, G), D);
    assert.ok(Math.abs(fd - an) < 1e-6 * Math.max(1, Math.abs(fd)), `${m}×${n}: fd ${fd} vs ${an}`);
  }
});

test("polar factor of a rank-deficient matrix is the partial isometry on its range (finite gradient)", () => {
  const A = matmul(rng.normalMatrix(6, 2), rng.normalMatrix(2, 5));
  const p = polar(A);
  const PtP = matmulTN(p.factor, p.factor);
  assert.ok(Math.abs(frobenius(PtP) ** 2 - 2) < 1e-10, "PᵀP is a rank-2 projector");
  const g = polarBackward(p.svd, rng.normalMatrix(6, 5));
  assert.ok(g.data.every(Number.isFinite));
});

test("polarNewtonSchulz agrees with the eigendecomposition route (tall, wide, rank-deficient, zero)", () => {
  for (const A of [rng.normalMatrix(40, 30), rng.normalMatrix(20, 35), matmul(rng.normalMatrix(30, 3), rng.normalMatrix(3, 25))]) {
    const e = polar(A);
    const ns = polarNewtonSchulz(A);
    assert.ok(Math.abs(ns.nuclearNorm - e.nuclearNorm) < 1e-12 * e.nuclearNorm);
    assert.ok(maxAbsDiff(ns.factor, e.factor) < 1e-8);
  }
  const ill = matmul(rng.normalMatrix(30, 30), Matrix.fromRows(Array.from({ length: 30 }, (_, i) => Array.from({ length: 30 }, (_, j) => (i === j ? 10 ** (-i / 6) : 0)))));
  assert.ok(Math.abs(polarNewtonSchulz(ill).nuclearNorm - polar(ill).nuclearNorm) < 1e-9 * polar(ill).nuclearNorm, "condition number 1e5");
  assert.equal(polarNewtonSchulz(new Matrix(4, 3)).nuclearNorm, 0);
});
