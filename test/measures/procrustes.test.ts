/**
 * NBS / Procrustes family (procrustes.ts, procrustes_cv.ts): finite-difference gradients for every
 * id in several shape regimes, invariances, the identities between the ids, the explicit optimal
 * rotation, the NBS² bounds against CKA (paper §6.5), the perturbation theory (§6.1), the toy2d test
 * vectors (§2.6), degenerate inputs and the cross-validated ids (their splits: splits.test.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, score, scoreAndGrad } from "../../lib";
import { Matrix, axpby, centerCols, frobenius, matmul, matmulTN, transpose } from "../../lib/tensor/matrix";
import { polar } from "../../lib/tensor/linalg/polar";
import { thinSvd } from "../../lib/tensor/linalg/svd";
import { toy2d } from "../../lib/data/toys";
import { Rng } from "../../lib/random";

const rng = new Rng(31);

/** Central-difference directional derivative vs ⟨gradient, D⟩ (relative tolerance). */
function checkGradient(id: string, X: Matrix | number[][][], Y: Matrix, shapeY: number[] | null, tol = 1e-6): void {
  const D = rng.normalMatrix(Y.rows, Y.cols);
  const asInput = (M: Matrix) => (shapeY ? reshape3(M, shapeY) : M);
  const opts = { seed: 4 };
  const f = (t: number) => score(id, X, asInput(axpby(1, Y, t, D)), opts);
  const h = 1e-5;
  const fd = (f(h) - f(-h)) / (2 * h);
  const g = scoreAndGrad(id, X, asInput(Y), opts).gradY;
  const an = (g.flat(2) as number[]).reduce((s, v, i) => s + v * D.data[i], 0);
  assert.ok(Math.abs(fd - an) <= tol * Math.max(1, Math.abs(fd)), `${id}: finite difference ${fd} vs gradient ${an}`);
}

function reshape3(M: Matrix, [T, C, N]: number[]): number[][][] {
  return Array.from({ length: T }, (_, t) => Array.from({ length: C }, (_, c) => Array.from(M.data.subarray((t * C + c) * N, (t * C + c + 1) * N))));
}

function randomOrthogonal(n: number): Matrix {
  return polar(rng.normalMatrix(n, n)).factor;
}

const DIFFERENTIABLE = [
  "nbs",
  "nbs-squared",
  "procrustes-angular",
  "procrustes-angular-score",
  "procrustes-chordal",
  "procrustes-euclidean",
  "procrustes-squared_euclidean",
  "procrustes-angular#5folds_cv",
  "procrustes-angular-cv-score",
  "procrustes-euclidean#5folds_cv",
  "procrustes-angular-cv",
];

test("gradients match finite differences: equal widths, correlated data", () => {
  const X = rng.normalMatrix(30, 6);
  const Y = axpby(1, matmul(X, rng.normalMatrix(6, 6)), 0.8, rng.normalMatrix(30, 6));
  for (const id of DIFFERENTIABLE) checkGradient(id, X, Y, null);
});

test("gradients match finite differences: different widths (no padding needed)", () => {
  const X = rng.normalMatrix(25, 4);
  const Y = rng.normalMatrix(25, 7);
  for (const id of DIFFERENTIABLE) checkGradient(id, X, Y, null);
  for (const id of DIFFERENTIABLE) checkGradient(id, Y, X, null);
});

test("gradients match finite differences: fewer samples than features", () => {
  const X = rng.normalMatrix(9, 14);
  const Y = rng.normalMatrix(9, 11);
  for (const id of DIFFERENTIABLE) checkGradient(id, X, Y, null, 1e-5);
});

test("gradients match finite differences: 3-D data (condition splits along axis 1)", () => {
  const shape = [4, 6, 3];
  const X = reshape3(rng.normalMatrix(24, 3), shape);
  const Y = rng.normalMatrix(24, 3);
  for (const id of ["procrustes-angular-cv", "procrustes-angular-cv-score", "nbs"]) checkGradient(id, X, Y, shape);
});

test("invariances: orthogonal maps, isotropic scaling, translation, permutation (and Euclidean is not scale-invariant)", () => {
  const X = rng.normalMatrix(20, 5);
  const Y = rng.normalMatrix(20, 5);
  const Q = randomOrthogonal(5);
  const moved = axpby(3.5, matmul(Y, Q), 0, Y);
  for (let i = 0; i < 20; i++) for (let j = 0; j < 5; j++) moved.data[i * 5 + j] += 1 + j;
  for (const id of ["nbs", "procrustes-angular-score", "procrustes-angular#5folds_cv", "procrustes-angular-cv"]) {
    const a = score(id, X, Y);
    assert.ok(Math.abs(score(id, X, moved) - a) < 1e-10, `${id} invariant`);
  }
  const eu = score("procrustes-euclidean", X, Y);
  assert.ok(Math.abs(score("procrustes-euclidean", X, matmul(Y, Q)) - eu) < 1e-10);
  assert.ok(Math.abs(score("procrustes-euclidean", X, axpby(2, Y, 0, Y)) - eu) > 1e-3);
});

test("identities: angular score = 1 − (2/π)·arccos(NBS), chordal = √(2 − 2·NBS), aliases agree", () => {
  const X = rng.normalMatrix(15, 4);
  const Y = rng.normalMatrix(15, 6);
  const nbs = score("nbs", X, Y);
  assert.ok(Math.abs(score("procrustes-angular-score", X, Y) - (1 - (2 / Math.PI) * Math.acos(nbs))) < 1e-14);
  assert.ok(Math.abs(score("procrustes-chordal", X, Y) - Math.sqrt(2 - 2 * nbs)) < 1e-14);
  assert.ok(Math.abs(score("nbs-squared", X, Y) - nbs * nbs) < 1e-14);
  for (const [alias, id] of [["procrustes-score", "nbs"], ["nbs-angular-score", "procrustes-angular-score"], ["bures_distance", "procrustes-euclidean"], ["procrustes-distance=angular", "procrustes-angular"]])
    assert.equal(score(alias, X, Y), score(id, X, Y));
});

test("Euclidean distance equals ‖X̄ − ȲQ*‖ for the explicit optimal rotation Q* = polar(ȲᵀX̄)", () => {
  const X = rng.normalMatrix(18, 5);
  const Y = rng.normalMatrix(18, 5);
  const Xc = centerCols(X);
  const Yc = centerCols(Y);
  const Q = polar(matmulTN(Yc, Xc)).factor;
  const d = frobenius(axpby(1, Xc, -1, matmul(Yc, Q)));
  assert.ok(Math.abs(score("procrustes-euclidean", X, Y) - d) < 1e-10);
  // and no random rotation does better
  for (let k = 0; k < 5; k++) assert.ok(frobenius(axpby(1, Xc, -1, matmul(Yc, randomOrthogonal(5)))) >= d);
});

test("NBS² bounds against CKA (paper §6.5): CKA/√(r_X r_Y) ≤ NBS² ≤ min(r_X, r_Y)·CKA", () => {
  for (const [n, p, q, rank] of [[20, 5, 5, 5], [12, 8, 3, 3], [30, 6, 6, 2]]) {
    const X = rng.normalMatrix(n, p);
    const Y = matmul(rng.normalMatrix(n, rank), rng.normalMatrix(rank, q));
    const rx = thinSvd(centerCols(X)).s.length;
    const ry = thinSvd(centerCols(Y)).s.length;
    const cka = score("cka", X, Y);
    const nbs2 = score("nbs-squared", X, Y);
    assert.ok(cka / Math.sqrt(rx * ry) <= nbs2 + 1e-12 && nbs2 <= Math.min(rx, ry) * cka + 1e-12, `n=${n}: ${cka} vs ${nbs2}`);
  }
});

test("perturbation theory (paper §6.1): decorrelating PC i by ρ gives NBS = 1 − (1 − |ρ|)·λ_i/Λ₁", () => {
  const X = centerCols(matmul(rng.normalMatrix(40, 5), Matrix.fromRows([[3, 0, 0, 0, 0], [0, 2, 0, 0, 0], [0, 0, 1.5, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 0.5]])));
  const { U, s, V } = thinSvd(X);
  // w: unit, centered, orthogonal to all PC profiles (project a random vector)
  let w = centerCols(rng.normalMatrix(40, 1));
  w = axpby(1, w, -1, matmul(U, matmulTN(U, w)));
  w = axpby(1 / frobenius(w), w, 0, w);
  const lambda = Array.from(s, (v) => v * v);
  const total = lambda.reduce((a, b) => a + b, 0);
  for (const [i, rho] of [[0, 0], [2, 0.5], [4, -0.3]]) {
    const Up = U.clone();
    for (let t = 0; t < 40; t++) Up.data[t * 5 + i] = rho * U.data[t * 5 + i] + Math.sqrt(1 - rho * rho) * w.data[t];
    const US = Up.clone();
    for (let t = 0; t < 40; t++) for (let k = 0; k < 5; k++) US.data[t * 5 + k] *= s[k];
    const Yt = matmul(US, transpose(V)); // U'·S·Vᵀ
    const expected = 1 - ((1 - Math.abs(rho)) * lambda[i]) / total;
    assert.ok(Math.abs(score("nbs", X, Yt) - expected) < 1e-12, `PC ${i}, ρ=${rho}`);
  }
});

test("toy2d test vectors (paper §2.6)", () => {
  const X = toy2d(0.5).toArray();
  const Y = toy2d(1).toArray();
  const Y3 = (Y as number[][][]).map((row, t) => row.map((v, c) => [...v, Math.cos(t) * (c + 1)]));
  const cases: [string, number[][][], number][] = [
    ["nbs", Y as number[][][], 0.9914302489],
    ["nbs", Y3, 0.5176875326],
    ["procrustes-angular-score", Y as number[][][], 0.9165954271],
    ["procrustes-angular-score", Y3, 0.3464140355],
  ];
  for (const [id, B, expected] of cases) assert.ok(Math.abs(score(id, X, B) - expected) < 5e-10, `${id}: ${score(id, X, B)} vs ${expected}`);
});

test("degenerate inputs: X vs X (score 1, zero gradient), zero Y (score 0), finite everywhere", () => {
  const X = rng.normalMatrix(12, 4);
  assert.ok(Math.abs(score("nbs", X, X) - 1) < 1e-12);
  assert.ok(score("procrustes-angular-score", X, X) > 1 - 1e-7, "arccos amplifies the 1e-15 rounding of NBS to ~1e-8");
  for (const id of DIFFERENTIABLE) {
    const g = scoreAndGrad(id, X, X, { seed: 2 }).gradY.flat() as number[];
    assert.ok(g.every(Number.isFinite), `${id} finite at X = Y`);
  }
  const g = scoreAndGrad("nbs", X, X).gradY.flat() as number[];
  assert.ok(Math.max(...g.map(Math.abs)) < 1e-10, "NBS is stationary at its maximum");
  const zero = new Matrix(12, 3);
  assert.equal(score("nbs", X, zero), 0);
  assert.ok((scoreAndGrad("procrustes-angular-score", X, zero).gradY.flat() as number[]).every((v) => v === 0));
  const constant = rng.normalMatrix(12, 3);
  for (let i = 0; i < 12; i++) constant.data[i * 3] = 7;
  for (const id of DIFFERENTIABLE) assert.ok((scoreAndGrad(id, X, constant, { seed: 2 }).gradY.flat() as number[]).every(Number.isFinite), id);
});

test("cross-validated ids: angular CV score = 1 − (2/π)·angle, seeded condition splits are reproducible", () => {
  const X = rng.normalMatrix(20, 3);
  const Y = axpby(1, X, 0.5, rng.normalMatrix(20, 3));
  const angle = score("procrustes-angular#5folds_cv", X, Y);
  assert.ok(Math.abs(score("procrustes-angular-cv-score", X, Y) - (1 - (2 / Math.PI) * angle)) < 1e-14);
  assert.equal(score("procrustes-euclidean-score#5folds_cv", X, Y), angle, "diffscore's mislabelled alias");
  assert.equal(score("procrustes-angular-cv", X, Y, { seed: 5 }), score("procrustes-angular-cv", X, Y, { seed: 5 }));
  assert.notEqual(score("procrustes-angular-cv", X, Y, { seed: 5 }), score("procrustes-angular-cv", X, Y, { seed: 6 }));
});

test("bad input: mismatched rows and non-finite values are named errors", () => {
  const X = rng.normalMatrix(10, 3);
  assert.throws(() => score("nbs", X, rng.normalMatrix(9, 3)), /Y: expected the same number of samples/);
  const bad = rng.normalMatrix(10, 3);
  bad.data[4] = Infinity;
  assert.throws(() => score("procrustes-angular-score", X, bad), InputError);
  assert.throws(() => score("procrustes-angular#5folds_cv", X.toRows().slice(0, 4), X.toRows().slice(0, 4)), /at least 5 samples/);
});
