import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../lib";
import { logSpacedIndices, powerLawFit } from "../../lib/analysis/power-law";

test("powerLawFit recovers exponent and prefactor of exact power laws, inside the window only", () => {
  const x = [1e-4, 1e-3, 1e-2, 0.1, 0.5];
  const fit = powerLawFit(x, x.map((v) => 3 * v ** 0.5));
  assert.ok(Math.abs(fit.exponent - 0.5) < 1e-12 && Math.abs(fit.prefactor - 3) < 1e-12 && fit.points === 5);
  // a different law above 0.01 is ignored by the window; non-positive y values are skipped
  const y = x.map((v) => (v <= 0.01 ? v * v : 7));
  const small = powerLawFit([...x, 1e-5], [...y, 0], { maxX: 0.01 });
  assert.ok(Math.abs(small.exponent - 2) < 1e-12);
  assert.equal(small.points, 3);
  assert.throws(() => powerLawFit([1, 1], [2, 3]), InputError);
  assert.throws(() => powerLawFit([1, 2], [2]), /y/);
});

test("logSpacedIndices: distinct, sorted, first and last included, dense at the low end", () => {
  for (const [total, count] of [[727, 6], [205, 12], [10, 8], [3, 3], [5, 20], [100, 1]]) {
    const idx = logSpacedIndices(total, count);
    assert.equal(idx.length, Math.min(total, count));
    assert.deepEqual([...new Set(idx)].sort((a, b) => a - b), idx);
    assert.equal(idx[0], 0);
    if (count > 1) assert.equal(idx[idx.length - 1], total - 1);
  }
  const idx = logSpacedIndices(1000, 10);
  assert.ok(idx.filter((i) => i < 100).length > idx.filter((i) => i >= 100).length, "more indices among the first tenth");
  assert.throws(() => logSpacedIndices(0, 3), InputError);
});
