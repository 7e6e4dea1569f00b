import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, score, scoreAndGrad } from "../../lib";
import { Matrix, scale } from "../../lib/tensor/matrix";
import { powerOfTwoScale } from "../../lib/measures/scale_safe";
import { Rng } from "../../lib/random";

const rng = new Rng(17);
const X = rng.normalMatrix(6, 3);
const Y = rng.normalMatrix(6, 3);
const flat = (g: number[][] | number[][][]) => g.flat(2) as number[];
const near = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test("powerOfTwoScale: 2ᵉ ≤ max|M| < 2ᵉ⁺¹ outside the ordinary range, 1 inside or for zero, NaN for non-finite entries", () => {
  for (const v of [3e-200, 1e-320, 5e-324, 1e300, 1.7976931348623157e308, 2 ** 700, 2 ** -700 * 0.999])
    if (v !== 0) {
      const c = powerOfTwoScale(Matrix.fromRows([[v, -v / 3]]));
      assert.ok(c <= v && v < 2 * c && Math.log2(c) === Math.round(Math.log2(c)), `${v} → ${c}`);
    }
  assert.equal(powerOfTwoScale(Matrix.fromRows([[3, -100]])), 1);
  assert.equal(powerOfTwoScale(new Matrix(2, 2)), 1);
  assert.ok(Number.isNaN(powerOfTwoScale(Matrix.fromRows([[1, NaN]]))));
  assert.ok(Number.isNaN(powerOfTwoScale(Matrix.fromRows([[1, -Infinity]]))));
});

test("issue 17 cases: scale-invariant measures keep their value and gradient at extreme scales", () => {
  assert.ok(near(score("cka", X, scale(X, 1e-100)), 1), "cka(X, X·1e-100) = 1");
  for (const id of ["cka", "nbs", "procrustes-angular-score", "cka-angular-score"]) {
    const base = scoreAndGrad(id, X, Y);
    for (const c of [1e-300, 1e-160, 1e100, 1e140, 1e200, 1e300]) {
      const r = scoreAndGrad(id, X, scale(Y, c));
      assert.ok(near(r.value, base.value, 1e-12), `${id} at Y·${c}: ${r.value} vs ${base.value}`);
      const g = flat(r.gradY);
      flat(base.gradY).forEach((b, i) => assert.ok(Math.abs(c * g[i] - b) <= 1e-10 * Math.max(1, Math.abs(b)), `${id} at Y·${c}: gradient ${c * g[i]} vs ${b}`));
      assert.ok(near(score(id, scale(X, c), Y), base.value, 1e-12), `${id} at X·${c}`);
    }
  }
  const linreg = score("linreg", X, Y);
  for (const c of [1e-300, 1e160, 1e300]) {
    assert.ok(near(score("linreg", scale(X, c), Y), linreg, 1e-12), `linreg at X·${c}`);
    assert.ok(near(score("linreg", X, scale(Y, c)), linreg, 1e-12), `linreg at Y·${c}`);
  }
  // ridge with an absolute λ depends on Y's scale, not on X's (X is the target)
  assert.ok(near(score("ridge-lambda100-r2", scale(X, 1e200), Y), score("ridge-lambda100-r2", X, Y), 1e-12));
});

test("homogeneous distances are computed at any scale: d(cX, cY) = c·d(X, Y), d(X, Y·c) ≈ c·‖Ȳ‖ for huge c", () => {
  for (const id of ["procrustes-euclidean", "permutation_metric-distance=euclidean", "permutation_procrustes"]) {
    const d = score(id, X, Y);
    for (const c of [1e-300, 1e-200, 1e200, 1e300]) assert.ok(near(score(id, scale(X, c), scale(Y, c)), c * d, 1e-12), `${id} at (X, Y)·${c}`);
  }
  const huge = score("procrustes-euclidean", X, scale(Y, 1e200));
  assert.ok(huge > 1e200 && Number.isFinite(huge), `procrustes-euclidean(X, Y·1e200) = ${huge}`);
  assert.ok(near(score("procrustes-squared_euclidean", scale(X, 1e-100), scale(Y, 1e-100)), 1e-200 * score("procrustes-squared_euclidean", X, Y), 1e-12));
});

test("measures that are not scale-invariant: an overflowing computation is an InputError naming the data, not a NaN", () => {
  for (const id of ["procrustes-squared_euclidean", "kernel_HSIC", "ridge-lambda100-r2"])
    assert.throws(
      () => scoreAndGrad(id, X, scale(Y, 1e200)),
      (e: unknown) => e instanceof InputError && e.argument === "X and Y" && /not scale-invariant/.test(e.message),
      id,
    );
});

test("options must be an object", () => {
  for (const bad of [null, "seed", 3, [1]])
    assert.throws(() => score("cka", X, Y, bad as unknown as { seed: number }), (e: unknown) => e instanceof InputError && e.argument === "options");
  assert.throws(() => score("linreg-cv", X, Y, { seed: -1 }), /seed: expected a non-negative safe integer/);
});
