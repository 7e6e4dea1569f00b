/**
 * Neuron-matching measures (matching.ts): permuted and rescaled copies are matched exactly, the soft
 * match bounds the one-to-one match, max_match on the subspace-match reference example, zero units.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { score } from "../../lib";
import { Matrix, axpby } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";
import { hardCorrelationMatch, maxMatch, softCorrelationMatch } from "../../lib/measures/matching";

const rng = new Rng(31);

/** Columns `cols` of M, column j multiplied by 1 + j and shifted by j. */
function pickScaled(M: Matrix, cols: number[]): Matrix {
  const out = new Matrix(M.rows, cols.length);
  for (let i = 0; i < M.rows; i++) cols.forEach((c, j) => (out.data[i * cols.length + j] = (1 + j) * M.data[i * M.cols + c] + j));
  return out;
}

test("a permuted, rescaled, shifted copy of the units scores 1 under every matching measure", () => {
  const X = rng.normalMatrix(30, 6);
  const Y = pickScaled(X, [3, 0, 5, 1, 4, 2]);
  for (const id of ["hard_correlation_match", "soft_correlation_match", "pairwisematching"]) assert.ok(Math.abs(score(id, X, Y) - 1) < 1e-12, id);
  // max_match compares raw column spans: the copy must not be shifted
  const unshifted = pickScaled(X, [3, 0, 5, 1, 4, 2]);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < 6; j++) unshifted.data[i * 6 + j] -= j;
  assert.equal(score("max_match", X, unshifted), 1);
  assert.ok(score("max_match", X, Y) < 1);
});

test("hard match averages over the min(p, q) assigned pairs; the soft match is never below it", () => {
  const X = rng.normalMatrix(30, 5);
  assert.ok(Math.abs(hardCorrelationMatch(X, pickScaled(X, [4, 1])) - 1) < 1e-12);
  for (let t = 0; t < 3; t++) {
    const A = rng.normalMatrix(25, 4);
    const B = axpby(1, A, 1, rng.normalMatrix(25, 4));
    assert.ok(softCorrelationMatch(A, B) >= hardCorrelationMatch(A, B) - 1e-12);
  }
});

test("max_match: the subspace-match reference example (ε = 0.1) and zero units", () => {
  const e = (k: number, s = 1) => Array.from({ length: 6 }, (_, i) => (i === k ? s : 0));
  const cols = (vs: number[][]) => new Matrix(6, vs.length, Float64Array.from({ length: 6 * vs.length }, (_, k) => vs[k % vs.length][Math.floor(k / vs.length)]));
  const X = cols([e(0).map((v, i) => v + (i === 1 ? 0.5 : 0)), e(1), e(3), e(4)]);
  const Y = cols([e(2), e(0), e(1).map((v, i) => v + (i === 0 ? 0.5 : 0)), e(3), e(4)]);
  // e3 of Y lies outside span(X); everything else matches: (4 + 4)/(4 + 5)
  assert.equal(maxMatch(X, Y, 0.1), 8 / 9);
  const withZero = cols([e(0), e(1), e(5, 0)]);
  assert.equal(maxMatch(withZero, cols([e(1), e(0)]), 0.1), 4 / 5);
  assert.equal(maxMatch(cols([e(5, 0)]), Y, 0.1), 0);
});

test("pairwise matching scores held-out correlations: unrelated data stays near 0", () => {
  const v = score("pairwisematching", rng.normalMatrix(60, 8), rng.normalMatrix(60, 8));
  assert.ok(Math.abs(v) < 0.3, `${v}`);
});
