/**
 * ENSD: the participation-ratio identity ENSD(X, X) = PR(X), its bound by the participation ratios,
 * the angular distance = (2/π)·arccos(CKA), gradients in both the feature and the sample form,
 * invariances and degenerate inputs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { score, scoreAndGrad } from "../../lib";
import { Matrix, axpby, centerCols, gramCols, matmul, sumSquares, transpose } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { Rng } from "../../lib/random";
import { gradCheck } from "../support/gradcheck";

const rng = new Rng(31);
const X = rng.normalMatrix(30, 6);
const Y = axpby(1, matmul(X, rng.normalMatrix(6, 8)), 2, rng.normalMatrix(30, 8));
const near = (a: number, b: number, tol = 1e-10) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** PR(X) = (tr C)²/tr(C²), C = X̄ᵀX̄. */
function participationRatio(A: Matrix): number {
  const Ac = centerCols(A);
  return sumSquares(Ac) ** 2 / sumSquares(gramCols(Ac));
}

test("ENSD(X, X) is the participation ratio, and ENSD(X, Y) ≤ min(PR(X), PR(Y))", () => {
  assert.ok(near(score("ensd", X, X), participationRatio(X)));
  const v = score("ensd", X, Y);
  assert.ok(v > 0 && v <= Math.min(participationRatio(X), participationRatio(Y)) + 1e-12, `${v}`);
  // explicit formula
  const Xc = centerCols(X);
  const Yc = centerCols(Y);
  let cross = 0;
  for (let i = 0; i < Xc.cols; i++)
    for (let j = 0; j < Yc.cols; j++) {
      let s = 0;
      for (let k = 0; k < Xc.rows; k++) s += Xc.data[k * Xc.cols + i] * Yc.data[k * Yc.cols + j];
      cross += s * s;
    }
  const expected = (cross * sumSquares(Xc) * sumSquares(Yc)) / (sumSquares(gramCols(Xc)) * sumSquares(gramCols(Yc)));
  assert.ok(near(v, expected));
});

test("ensd-distance=angular_normalized is (2/π)·arccos(CKA) = 1 − cka-angular-score", () => {
  assert.ok(near(score("ensd-distance=angular_normalized", X, Y), (2 / Math.PI) * Math.acos(score("cka", X, Y))));
  assert.ok(near(score("ensd-distance=angular_normalized", X, Y), 1 - score("cka-angular-score", X, Y)));
  assert.ok(near(score("ensd-distance=angular_normalized", X, X), 0, 1e-7)); // arccos(1 − ε) ≈ √(2ε)
});

test("gradients match finite differences (feature form, sample form, angular distance)", () => {
  for (const [A, B] of [[X, Y], [rng.normalMatrix(9, 12), rng.normalMatrix(9, 14)]] as const)
    for (const id of ["ensd", "ensd-distance=angular_normalized"]) {
      const r = gradCheck(id, A, B);
      assert.ok(r.ok, `${id} (${B.rows}×${B.cols}): fd ${r.fd} vs ${r.analytic}`);
    }
});

test("invariant to rotation, scaling and translation of Y; a constant Y gives 0 with a zero gradient", () => {
  const G = rng.normalMatrix(8, 8);
  const Q = eigh(axpby(0.5, G, 0.5, transpose(G))).vectors; // a random orthogonal matrix
  assert.ok(near(score("ensd", X, matmul(Y, Q)), score("ensd", X, Y)));
  assert.ok(!near(score("ensd", X, matmul(Y, G)), score("ensd", X, Y), 1e-3)); // not an invariance
  const shifted = axpby(4, Y, 0, Y);
  for (let i = 0; i < shifted.data.length; i++) shifted.data[i] += 7;
  assert.ok(near(score("ensd", X, shifted), score("ensd", X, Y)));
  const constant = new Matrix(30, 8, new Float64Array(240).fill(2));
  const r = scoreAndGrad("ensd", X, constant);
  assert.equal(r.value, 0);
  assert.ok((r.gradY as number[][]).flat().every((g) => g === 0));
});
