/** Linear assignment (assignment.ts) against brute force over all permutations. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../../lib/tensor/matrix";
import { linearAssignment } from "../../../lib/tensor/linalg/assignment";
import { Rng } from "../../../lib/random";

function permutations(a: number[]): number[][] {
  if (a.length <= 1) return [a];
  return a.flatMap((x, i) => permutations([...a.slice(0, i), ...a.slice(i + 1)]).map((p) => [x, ...p]));
}

test("linearAssignment finds the minimum-cost permutation (brute force, 1–6 rows, ties and integers)", () => {
  const rng = new Rng(4);
  assert.deepEqual(linearAssignment(Matrix.fromRows([[4, 1], [2, 3]])), [1, 0]);
  assert.deepEqual(linearAssignment(new Matrix(1, 1)), [0]);
  for (let n = 1; n <= 6; n++)
    for (let t = 0; t < 5; t++) {
      const C = t % 2 ? rng.normalMatrix(n, n) : Matrix.fromRows(Array.from({ length: n }, () => Array.from({ length: n }, () => Math.floor(rng.uniform() * 3))));
      const cost = (p: number[]) => p.reduce((s, j, i) => s + C.data[i * n + j], 0);
      const best = Math.min(...permutations(Array.from({ length: n }, (_, i) => i)).map(cost));
      const perm = linearAssignment(C);
      assert.deepEqual([...perm].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i), "a permutation");
      assert.ok(Math.abs(cost(perm) - best) < 1e-12, `n=${n}: ${cost(perm)} vs ${best}`);
    }
  assert.throws(() => linearAssignment(new Matrix(2, 3)));
});
