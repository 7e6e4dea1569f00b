/**
 * Kernel CKA: estimator formulas against direct implementations, equivalences with linear CKA and the
 * compositional registry, the Euclidean-distance convention, gradients for every kernel × estimator ×
 * output, invariances, degenerate inputs and id errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, hasMeasure, score, scoreAndGrad } from "../../lib";
import { Matrix, axpby, centerCols, frobenius, gramRows, matmul, transpose } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { Rng } from "../../lib/random";
import { gradCheck } from "../support/gradcheck";

const rng = new Rng(11);
const X = rng.normalMatrix(16, 4);
const Y = axpby(1, matmul(X, rng.normalMatrix(4, 5)), 0.8, rng.normalMatrix(16, 5));
const near = (a: number, b: number, tol = 1e-10) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** Song et al.'s unbiased HSIC written out: [tr(K̃L̃) + 1ᵀK̃1·1ᵀL̃1/((n−1)(n−2)) − 2/(n−2)·1ᵀK̃L̃1]/(n(n−3)). */
function songHsic(K: Matrix, L: Matrix): number {
  const n = K.rows;
  const k = (i: number, j: number) => (i === j ? 0 : K.data[i * n + j]);
  const l = (i: number, j: number) => (i === j ? 0 : L.data[i * n + j]);
  let tr = 0;
  let sk = 0;
  let sl = 0;
  let cross = 0;
  for (let i = 0; i < n; i++) {
    let rk = 0;
    let rl = 0;
    for (let j = 0; j < n; j++) {
      tr += k(i, j) * l(j, i);
      sk += k(i, j);
      sl += l(i, j);
      rk += k(i, j);
      rl += l(i, j);
    }
    cross += rk * rl;
  }
  return (tr + (sk * sl) / ((n - 1) * (n - 2)) - (2 / (n - 2)) * cross) / (n * (n - 3));
}

test("hsic=song equals the written-out unbiased HSIC estimator, and cka-hsic_song is its linear case", () => {
  const KX = gramRows(X);
  const KY = gramRows(Y);
  const expected = songHsic(KX, KY) / Math.sqrt(songHsic(KX, KX) * songHsic(KY, KY));
  assert.ok(near(score("cka-kernel=linear-hsic=song-score", X, Y), expected));
  assert.equal(score("cka-hsic_song", X, Y), score("cka-kernel=linear-hsic=song-score", X, Y));
  // U-centering removes translations, so the raw and the centered X give the same value
  assert.ok(near(score("cka-hsic_song", centerCols(X), Y), expected));
});

test("linear Gretton kernel CKA is cka; Lange and Gretton match the compositional registry", () => {
  const cka = score("cka", X, Y);
  assert.ok(near(score("cka-kernel=linear-hsic=gretton-distance=one_minus_score", X, Y), 1 - cka));
  assert.ok(near(score("cka-kernel=linear-hsic=gretton-score-negative_log", X, Y), -Math.log(cka)));
  assert.ok(near(score("kernel=linear-similarity=(centered-cosine)-score", X, Y), cka));
  assert.ok(near(score("cka-kernel=linear-hsic=lange-score", X, Y), score("kernel=linear-similarity=(centered-zero_diagonal-cosine)-score", X, Y)));
  assert.ok(near(score("cka-kernel=linear-hsic=lange-angular_score", X, Y), 1 - (2 / Math.PI) * Math.acos(score("cka-kernel=linear-hsic=lange-score", X, Y))));
});

test("an RBF kernel much wider than the data tends to the linear kernel", () => {
  const wide = score("cka-kernel=(rbf-sigma=1000)-hsic=gretton-score", X, Y);
  assert.ok(Math.abs(wide - score("cka", X, Y)) < 1e-5, `${wide}`);
  const lange = score("cka-kernel=(rbf-sigma=1e3)-hsic=lange-score", X, Y);
  assert.ok(Math.abs(lange - score("cka-kernel=linear-hsic=lange-score", X, Y)) < 1e-5);
});

test("the Laplace kernel uses the length scale σ√2 (similarity-repository's convention)", () => {
  // two points at distance 2 and one far away: K = exp(−d/(σ√2))
  const A = Matrix.fromRows([[0, 0], [2, 0], [0, 50]]);
  const B = Matrix.fromRows([[0, 0], [0, 1], [40, 0]]);
  const k = (d: number) => Math.exp(-d / (3 * Math.SQRT2));
  const kA = [1, k(2), k(50), k(2), 1, k(Math.hypot(2, 50)), k(50), k(Math.hypot(2, 50)), 1];
  const kB = [1, k(1), k(40), k(1), 1, k(Math.hypot(1, 40)), k(40), k(Math.hypot(1, 40)), 1];
  const center = (v: number[]) => {
    const M = new Matrix(3, 3, Float64Array.from(v));
    const H = axpby(1, Matrix.identity(3), -1 / 3, new Matrix(3, 3, new Float64Array(9).fill(1)));
    return matmul(matmul(H, M), H);
  };
  const a = center(kA);
  const b = center(kB);
  const expected = a.data.reduce((s, v, i) => s + v * b.data[i], 0) / (frobenius(a) * frobenius(b));
  assert.ok(near(score("cka-kernel=(laplace-sigma=3)-hsic=gretton-score", A, B), expected));
});

test("Euclidean outputs: d² = ‖φ̄(X)‖² + ‖φ̄(Y)‖² − 2‖φ̄(X)‖‖φ̄(Y)‖·CKA with feature-space norms", () => {
  const cka = score("cka", X, Y);
  const a = frobenius(centerCols(X));
  const b = frobenius(centerCols(Y));
  assert.ok(near(score("cka-kernel=linear-hsic=gretton-distance=squared_euclidean", X, Y), a * a + b * b - 2 * a * b * cka));
  for (const k of ["linear", "(rbf-sigma=2)", "(laplace-sigma=2)"])
    for (const h of ["gretton", "song", "lange"]) {
      const d = score(`cka-kernel=${k}-hsic=${h}-distance=euclidean`, X, Y);
      assert.ok(near(d * d, score(`cka-kernel=${k}-hsic=${h}-distance=squared_euclidean`, X, Y), 1e-9), `${k} ${h}`);
    }
  // RBF feature norm: tr(HKH) = n − 1ᵀK1/n; identical inputs at distance 0
  assert.equal(score("cka-kernel=(rbf-sigma=2)-hsic=gretton-distance=euclidean", X, X), 0);
  // Y = 2X: linear CKA is 1, the distance is ‖2X̄‖ − ‖X̄‖
  assert.ok(near(score("cka-kernel=linear-hsic=lange-distance=euclidean", X, axpby(2, X, 0, X)), frobenius(centerCols(X)), 1e-7));
});

const KERNELS = ["linear", "(rbf-sigma=2.5)", "(laplace-sigma=2)"];
const ESTIMATORS = ["gretton", "song", "lange"];
const OUTPUTS = ["score", "angular_score", "distance=angular", "distance=euclidean", "distance=squared_euclidean", "distance=one_minus_score"];

test("gradients match finite differences for every kernel × estimator × output", () => {
  const failures: string[] = [];
  for (const k of KERNELS)
    for (const h of ESTIMATORS)
      for (const o of OUTPUTS) {
        const id = `cka-kernel=${k}-hsic=${h}-${o}`;
        const r = gradCheck(id, X, Y);
        if (!r.ok) failures.push(`${id}: fd ${r.fd} vs ${r.analytic}`);
      }
  const neg = gradCheck("cka-kernel=(rbf-sigma=2.5)-hsic=gretton-score-negative_log", X, Y);
  if (!neg.ok) failures.push(`negative_log: ${neg.fd} vs ${neg.analytic}`);
  // fewer samples than features (n×n path for the linear kernel too)
  const Xw = rng.normalMatrix(8, 12);
  const Yw = rng.normalMatrix(8, 15);
  for (const id of ["cka-hsic_song", "cka-kernel=linear-hsic=gretton-distance=euclidean", "cka-kernel=(rbf-sigma=4)-hsic=lange-score"]) {
    const r = gradCheck(id, Xw, Yw);
    if (!r.ok) failures.push(`${id} (n < p): fd ${r.fd} vs ${r.analytic}`);
  }
  assert.deepEqual(failures, []);
});

test("invariances: translation and rotation for every kernel; scale only for the linear kernel", () => {
  const G = new Rng(3).normalMatrix(5, 5);
  const Q = eigh(axpby(0.5, G, 0.5, transpose(G))).vectors; // a random orthogonal matrix
  const moved = matmul(Y, Q);
  for (let i = 0; i < moved.rows; i++) for (let j = 0; j < moved.cols; j++) moved.data[i * moved.cols + j] += 3 - j;
  for (const k of KERNELS)
    for (const h of ESTIMATORS) {
      const id = `cka-kernel=${k}-hsic=${h}-score`;
      assert.ok(near(score(id, X, moved), score(id, X, Y), 1e-9), id);
      const scaled = score(id, X, axpby(3, Y, 0, Y));
      if (k === "linear") assert.ok(near(scaled, score(id, X, Y), 1e-9), id);
      else assert.ok(Math.abs(scaled - score(id, X, Y)) > 1e-3, `${id} should change when Y is rescaled`);
    }
});

test("bounds, X vs X, and finite gradients on degenerate inputs", () => {
  for (const k of KERNELS)
    for (const h of ESTIMATORS) {
      const s = score(`cka-kernel=${k}-hsic=${h}-score`, X, Y);
      assert.ok(h === "gretton" ? s >= 0 && s <= 1 : s >= -1 && s <= 1, `${k} ${h}: ${s}`);
      assert.ok(near(score(`cka-kernel=${k}-hsic=${h}-score`, X, X), 1, 1e-12));
      for (const [A, B] of [[X, X], [X, new Matrix(16, 3).clone()]]) {
        const { value, gradY } = scoreAndGrad(`cka-kernel=${k}-hsic=${h}-distance=angular`, A, B);
        assert.ok(Number.isFinite(value) && (gradY as number[][]).flat().every(Number.isFinite), `${k} ${h}`);
      }
    }
});

test("ids: any numeric σ format resolves, bad σ and too few samples throw InputError", () => {
  assert.ok(hasMeasure("cka-kernel=(rbf-sigma=1)-hsic=gretton-score"));
  assert.ok(near(score("cka-kernel=(rbf-sigma=5)-hsic=song-score", X, Y), score("cka-kernel=(rbf-sigma=5.0)-hsic=song-score", X, Y), 0));
  assert.ok(near(score("cka-kernel=(rbf-sigma=0.5)-hsic=song-score", X, Y), score("cka-kernel=(rbf-sigma=5e-1)-hsic=song-score", X, Y), 0));
  assert.throws(() => score("cka-kernel=(rbf-sigma=0)-hsic=gretton-score", X, Y), (e: unknown) => e instanceof InputError && /sigma > 0/.test((e as Error).message));
  assert.ok(!hasMeasure("cka-kernel=(poly-sigma=1)-hsic=gretton-score"));
  assert.throws(() => score("cka-hsic_song", X.toRows().slice(0, 3), Y.toRows().slice(0, 3)), /at least 4 samples/);
});
