/**
 * Sparse HSIC (sparse_hsic.ts): the reference's diagonal-only statistic against a direct computation
 * (including the top-500 row mask above 500 samples) and finite-difference gradients for every kernel.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { score } from "../../lib";
import { Matrix, axpby, gramRows } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";
import { gradCheck } from "../support/gradcheck";

const rng = new Rng(71);

/** Σ_i [(I − 11ᵀ/t)(mask∘K_X)]_ii [(I − 11ᵀ/t)(mask∘K_Y)]_ii/(t − 1)², written out entry by entry. */
function direct(KX: Matrix, KY: Matrix, t: number): number {
  const n = KX.rows;
  const masked = (K: Matrix) => {
    const M = K.clone();
    if (n > t)
      for (let i = 0; i < n; i++) {
        const row = Array.from({ length: n }, (_, j) => K.data[i * n + j]);
        const cut = row.slice().sort((a, b) => a - b)[n - t];
        for (let j = 0; j < n; j++) if (row[j] < cut) M.data[i * n + j] = 0;
      }
    return M;
  };
  const diag = (K: Matrix) => {
    const M = masked(K);
    return Array.from({ length: n }, (_, i) => {
      let col = 0;
      for (let k = 0; k < n; k++) col += M.data[k * n + i];
      return M.data[i * n + i] - col / t;
    });
  };
  const a = diag(KX);
  const b = diag(KY);
  return a.reduce((s, v, i) => s + v * b[i], 0) / (t - 1) ** 2;
}

test("linear_sparse_HSIC matches the direct formula below and above 500 samples", () => {
  for (const n of [30, 520]) {
    const X = rng.normalMatrix(n, 3);
    const Y = axpby(1, X, 1, rng.normalMatrix(n, 3));
    const expected = direct(gramRows(X), gramRows(Y), 500);
    assert.ok(Math.abs(score("linear_sparse_HSIC", X, Y) - expected) <= 1e-12 * Math.abs(expected), `n = ${n}`);
  }
});

test("gradients match finite differences for the linear, RBF and cosine kernels", () => {
  const X = rng.normalMatrix(16, 3);
  const Y = axpby(1, X, 0.8, rng.normalMatrix(16, 3));
  for (const id of ["linear_sparse_HSIC", "rbf_sparse_HSIC", "cos_sparse_HSIC"]) {
    const r = gradCheck(id, X, Y);
    assert.ok(r.ok, `${id}: ${r.fd} vs ${r.analytic}`);
  }
});
