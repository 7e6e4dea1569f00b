import { test } from "node:test";
import assert from "node:assert/strict";
import { toFlat, toNested } from "../../lib/tensor/arrays";
import { InputError } from "../../lib/errors";
import { Rng } from "../../lib/random";

test("3-D inputs flatten row-major: row t·C + c", () => {
  const X = [
    [[1, 2], [3, 4], [5, 6]],
    [[7, 8], [9, 10], [11, 12]],
  ]; // T=2, C=3, N=2
  const { matrix, shape } = toFlat(X, "X");
  assert.deepEqual(shape, [2, 3, 2]);
  assert.equal(matrix.rows, 6);
  assert.deepEqual(Array.from(matrix.data.subarray(2 * 3, 2 * 4)), [7, 8]); // row 3 = (t=1, c=0)
  assert.deepEqual(toNested(matrix, shape), X);
});

test("typed arrays with a shape, and 2-D arrays, are accepted", () => {
  const f = toFlat({ data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [3, 2] }, "Y");
  assert.deepEqual(f.matrix.toRows(), [[1, 2], [3, 4], [5, 6]]);
});

test("bad inputs name the argument and the expectation", () => {
  assert.throws(() => toFlat([[1, NaN]], "X"), (e: unknown) => e instanceof InputError && /X: expected finite values.*\[0,1\] is NaN/.test(e.message));
  assert.throws(() => toFlat([[1, 2], [3]], "Y"), /Y: expected a rectangular array/);
  assert.throws(() => toFlat([1, 2, 3] as unknown as number[][], "X"), /X: expected a 2-D .* or 3-D/);
  assert.throws(() => toFlat([[[[1]]]] as unknown as number[][][], "X"), /got rank 4/);
  assert.throws(() => toFlat({ data: [1, 2, 3], shape: [2, 2] }, "Y"), /Y: expected 4 values/);
  assert.throws(() => toFlat([[1, Infinity]], "Y"), /Y: expected finite/);
});

test("Rng is reproducible, seeds differ, normals have unit variance", () => {
  const a = new Rng(7).normalMatrix(1, 5).data;
  const b = new Rng(7).normalMatrix(1, 5).data;
  const c = new Rng(8).normalMatrix(1, 5).data;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const r = new Rng(9);
  let s = 0, s2 = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) { const v = r.normal(); s += v; s2 += v * v; }
  assert.ok(Math.abs(s / n) < 0.03 && Math.abs(s2 / n - 1) < 0.05);
  const p = new Rng(1).permutation(10);
  assert.deepEqual([...p].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test("a loaded dataset (activity Matrix + shape) is a data array; a malformed one is an InputError", () => {
  const activity = new Rng(1).normalMatrix(6, 2);
  const f = toFlat({ activity, shape: [2, 3, 2], labels: {}, meta: {} } as never, "X");
  assert.deepEqual(f.shape, [2, 3, 2]);
  assert.equal(f.matrix.data, activity.data);
  assert.throws(() => toFlat({ activity, shape: [2, 2, 2] } as never, "X"), (e: unknown) => e instanceof InputError && e.argument === "X");
  assert.throws(() => toFlat({ activity: [[1]], shape: [1, 1] } as never, "Y"), (e: unknown) => e instanceof InputError && e.argument === "Y");
});
