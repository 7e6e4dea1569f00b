/**
 * VERSA (versa.ts): responses linear in X give a clearly positive τ (exactly invariant to rescaling Y),
 * unrelated responses give τ near 0, too few samples are refused.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { score } from "../../lib";
import { matmul } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";

const rng = new Rng(91);

test("responses linear in X give a clearly positive τ_b, unchanged by rescaling them", () => {
  const X = rng.normalMatrix(40, 5);
  const Y = matmul(X, rng.normalMatrix(5, 6));
  const v = score("versa", X, Y);
  // not 1: the reference z-scores the test rows of X with their own SDs, which rescales each predictor
  assert.ok(v > 0.4 && v < 1, `${v}`);
  const scaled = Y.clone();
  for (let i = 0; i < scaled.data.length; i++) scaled.data[i] *= 7;
  assert.ok(Math.abs(score("versa", X, scaled) - v) < 1e-12);
});

test("unrelated responses stay near 0, and fewer than 15 samples are refused", () => {
  const v = score("versa", rng.normalMatrix(60, 6), rng.normalMatrix(60, 6));
  assert.ok(Math.abs(v) < 0.3, `${v}`);
  assert.throws(() => score("versa", rng.normalMatrix(12, 3), rng.normalMatrix(12, 3)), /at least 15 samples/);
});
