/**
 * nuclearNorm (values-only route) against Σ s of thinSvd (the eigenvector route used for the polar
 * factor), on tall, wide, square, rank-deficient and zero-padded matrices, and on known spectra.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, matmul, transpose } from "../../lib/tensor/matrix";
import { nuclearNorm } from "../../lib/tensor/linalg/nuclear_norm";
import { thinSvd } from "../../lib/tensor/linalg/svd";
import { eigvalsh, eighJs } from "../../lib/tensor/linalg/eigh";
import { Rng } from "../../lib/random";

test("nuclearNorm = Σ s of thinSvd on tall, wide, square, rank-deficient and padded matrices", () => {
  const rng = new Rng(21);
  const padded = (r: number, c: number, pad: number) => {
    const F = new Matrix(r, c + pad);
    const G = rng.normalMatrix(r, c);
    for (let i = 0; i < r; i++) F.data.set(G.data.subarray(i * c, (i + 1) * c), i * (c + pad));
    return F;
  };
  const cases: [string, Matrix][] = [
    ["tall 60×13", rng.normalMatrix(60, 13)],
    ["wide 9×40", rng.normalMatrix(9, 40)],
    ["square 120×120", rng.normalMatrix(120, 120)],
    ["rank 5 (60×5 · 5×30)", matmul(rng.normalMatrix(60, 5), rng.normalMatrix(5, 30))],
    ["zero-padded 50×20 + 30 zero columns", padded(50, 20, 30)],
    ["zero 4×3", new Matrix(4, 3)],
  ];
  for (const [name, A] of cases) {
    const viaSvd = thinSvd(A).s.reduce((a, b) => a + b, 0);
    const direct = nuclearNorm(A);
    assert.ok(Math.abs(direct - viaSvd) <= 1e-12 * Math.max(1, viaSvd), `${name}: ${direct} vs ${viaSvd}`);
  }
});

/** (S + Sᵀ) for a random S: a symmetric test matrix. */
function randomSymmetric(n: number, seed: number): Matrix {
  const S = new Rng(seed).normalMatrix(n, n);
  return new Matrix(n, n, S.data.map((v, idx) => v + S.data[(idx % n) * n + Math.floor(idx / n)]));
}

test("nuclearNorm of known spectra: diag(3, −2, 0), [[0, 2], [3, 0]] and V·diag(1..8)·Vᵀ with V orthogonal", () => {
  assert.ok(Math.abs(nuclearNorm(Matrix.fromRows([[3, 0, 0], [0, -2, 0], [0, 0, 0]])) - 5) < 1e-14);
  assert.ok(Math.abs(nuclearNorm(Matrix.fromRows([[0, 2], [3, 0]])) - 5) < 1e-14);
  const V = eighJs(randomSymmetric(8, 22)).vectors;
  const D = new Matrix(8, 8);
  for (let i = 0; i < 8; i++) D.set(i, i, i + 1);
  assert.ok(Math.abs(nuclearNorm(matmul(matmul(V, D), transpose(V))) - 36) < 1e-12);
});

test("eigvalsh = eigenvalues of the JS solver, ascending", () => {
  const sym = randomSymmetric(30, 23);
  const values = eigvalsh(sym);
  const js = eighJs(sym).values;
  for (let k = 0; k < 30; k++) assert.ok(Math.abs(values[k] - js[k]) < 1e-12, `λ_${k}`);
  for (let k = 1; k < 30; k++) assert.ok(values[k - 1] <= values[k]);
});
