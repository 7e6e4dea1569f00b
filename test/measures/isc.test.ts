/**
 * Inter-subject correlation (isc.ts): the mean of the full cross-correlation matrix, checked against a
 * direct computation, its extreme cases and finite-difference gradients.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { score, scoreAndGrad } from "../../lib";
import { Matrix, axpby } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";
import { gradCheck } from "../support/gradcheck";

const rng = new Rng(41);

function corr(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  const ab = a.reduce((s, v, k) => s + (v - ma) * (b[k] - mb), 0);
  return ab / Math.sqrt(a.reduce((s, v) => s + (v - ma) ** 2, 0) * b.reduce((s, v) => s + (v - mb) ** 2, 0));
}
const column = (M: Matrix, j: number) => Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);

test("isc is the mean of every corr(x_i, y_j)", () => {
  const X = rng.normalMatrix(20, 3);
  const Y = axpby(1, rng.normalMatrix(20, 4), 0.5, new Matrix(20, 4, Float64Array.from({ length: 80 }, (_, k) => X.data[Math.floor(k / 4) * 3 + (k % 3)])));
  let direct = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) direct += corr(column(X, i), column(Y, j)) / 12;
  assert.ok(Math.abs(score("isc", X, Y) - direct) < 1e-12);
});

test("one unit against an affine copy of itself scores 1; a constant unit counts as 0 with a finite gradient", () => {
  const x = rng.normalMatrix(15, 1);
  assert.ok(Math.abs(score("isc", x, axpby(2, x, 0, x)) - 1) < 1e-12);
  const Y = rng.normalMatrix(15, 2);
  for (let i = 0; i < 15; i++) Y.data[i * 2 + 1] = 3;
  const { value, gradY } = scoreAndGrad("isc", x, Y);
  assert.ok(Math.abs(value - corr(column(x, 0), column(Y, 0)) / 2) < 1e-12);
  assert.ok((gradY as number[][]).flat().every(Number.isFinite));
  assert.ok((gradY as number[][]).every((row) => row[1] === 0));
});

test("gradient matches finite differences", () => {
  const X = rng.normalMatrix(18, 4);
  const r = gradCheck("isc", X, axpby(1, X, 1, rng.normalMatrix(18, 4)));
  assert.ok(r.ok, `${r.fd} vs ${r.analytic}`);
});
