import { test } from "node:test";
import assert from "node:assert/strict";
import { fastExp } from "../../lib/tensor/exp";
import { Rng } from "../../lib/random";

test("fastExp: within 2 ulp of Math.exp on (−700, 700), Math.exp's values outside and for special values", () => {
  const rng = new Rng(7);
  let worst = 0;
  for (let i = 0; i < 200000; i++) {
    const x = i % 2 ? -40 * rng.uniform() : 1400 * rng.uniform() - 700; // the softmax's range, and all of it
    const exact = Math.exp(x);
    worst = Math.max(worst, Math.abs(fastExp(x) - exact) / (exact * Number.EPSILON));
  }
  assert.ok(worst <= 2, `largest error ${worst} ulp`);
  assert.equal(fastExp(0), 1);
  for (const x of [-700, -745.2, -1e4, -Infinity, 700, 710, Infinity, NaN]) assert.ok(Object.is(fastExp(x), Math.exp(x)), `at ${x}`);
});
