import { test } from "node:test";
import assert from "node:assert/strict";
import { Adam, InputError } from "../../lib";

// Hand computation, lr 0.1, β₁ 0.9, β₂ 0.999, ε 1e-8, x₀ = (1, −2):
// step 1, g = (0.5, −1):  m = 0.1g, v = 0.001g², m̂ = g, v̂ = g²  →  x₁ = x₀ − 0.1·g/(|g| + 1e-8)
//                         = (1 − 0.05/0.50000001, −2 + 0.1/1.00000001) = (0.900000002, −1.900000001)
// step 2, g = (−1, 3):    m = (0.045 − 0.1, −0.09 + 0.3) = (−0.055, 0.21)
//                         v = (0.999·0.00025 + 0.001, 0.999·0.001 + 0.009) = (0.00124975, 0.009999)
//                         m̂ = m/0.19 = (−0.289474, 1.105263), v̂ = v/0.001999 = (0.625188, 5.002001)
//                         x₂ = x₁ − 0.1·m̂/(√v̂ + ε) = (0.9366103542, −1.9494189841)
test("Adam: two steps match the hand computation (torch.optim.Adam semantics)", () => {
  const x = new Float64Array([1, -2]);
  const adam = new Adam(2, { lr: 0.1 });
  adam.step(x, new Float64Array([0.5, -1]));
  assert.ok(Math.abs(x[0] - 0.900000002) < 1e-15 && Math.abs(x[1] + 1.900000001) < 1e-15, `step 1: ${x}`);
  adam.step(x, new Float64Array([-1, 3]));
  assert.ok(Math.abs(x[0] - 0.9366103542405654) < 1e-12, `step 2: ${x[0]}`);
  assert.ok(Math.abs(x[1] + 1.9494189841087441) < 1e-12, `step 2: ${x[1]}`);
  assert.equal(adam.steps, 2);
});

test("Adam: maximize=true is descent on the negated gradient", () => {
  const a = new Float64Array([0.3, 0.7, -1]);
  const b = a.slice();
  const up = new Adam(3, { lr: 0.05 });
  const down = new Adam(3, { lr: 0.05 });
  for (const g of [[1, -2, 0.5], [0.2, 0.1, -3], [-1, 1, 1]]) {
    up.step(a, Float64Array.from(g), true);
    down.step(b, Float64Array.from(g.map((v) => -v)));
  }
  assert.deepEqual(Array.from(a), Array.from(b));
});

test("Adam: rejects bad hyperparameters and mismatched lengths", () => {
  assert.throws(() => new Adam(2, { lr: 0 }), InputError);
  assert.throws(() => new Adam(2, { beta1: 1 }), InputError);
  assert.throws(() => new Adam(2, { eps: -1 }), InputError);
  for (const bad of [{ eps: 0 }, { eps: NaN }, { lr: "0.1" }, { beta1: NaN }, { beta2: -0.5 }, { lr: 1e400 }])
    assert.throws(() => new Adam(2, bad as unknown as Record<string, number>), InputError, JSON.stringify(bad));
  assert.throws(() => new Adam(2).step(new Float64Array(2), new Float64Array(3)), InputError);
});
