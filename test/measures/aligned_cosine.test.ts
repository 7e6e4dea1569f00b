/**
 * Aligned cosine similarity (aligned_cosine.ts): rotated copies align perfectly, the raw version sees
 * translations while the centered one does not, zero padding for different widths, symmetry.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { score } from "../../lib";
import { Matrix, matmul, padCols } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { Rng } from "../../lib/random";

const rng = new Rng(51);
const symmetricRandom = (n: number) => {
  const G = rng.normalMatrix(n, n);
  const S = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S.data[i * n + j] = G.data[i * n + j] + G.data[j * n + i];
  return eigh(S).vectors;
};

test("a rotated (and zero-padded) copy scores 1; a translation only matters to the raw version", () => {
  const X = rng.normalMatrix(25, 5);
  const Y = matmul(X, symmetricRandom(5));
  assert.ok(Math.abs(score("aligned_cosine_similarity", X, Y) - 1) < 1e-10);
  assert.ok(Math.abs(score("aligned_cosine_similarity", X, padCols(Y, 7)) - 1) < 1e-10);
  const shifted = Y.clone();
  for (let i = 0; i < shifted.data.length; i++) shifted.data[i] += 3;
  assert.ok(score("aligned_cosine_similarity", X, shifted) < 0.99);
  assert.ok(Math.abs(score("aligned_cossim", X, shifted) - 1) < 1e-10);
});

test("symmetric in its arguments and at most 1", () => {
  const X = rng.normalMatrix(20, 4);
  const Y = rng.normalMatrix(20, 6);
  for (const id of ["aligned_cosine_similarity", "aligned_cossim"]) {
    const a = score(id, X, Y);
    assert.ok(Math.abs(a - score(id, Y, X)) < 1e-10 && a <= 1 + 1e-12, id);
  }
});
