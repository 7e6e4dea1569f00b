import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, expGaussian, pca, score, spectrumMatchedGaussian, toy2d, ultrametric } from "../../lib";

test("toy2d (paper §9.1): base arc, neuron 2 stretched by 1, 1+a, 1+2a, conditions 3–5 rotated by π, labels", () => {
  const d = toy2d(0.5);
  assert.deepEqual(d.shape, [10, 6, 2]);
  const X = d.toArray() as number[][][];
  assert.deepEqual(X[3][0], [0.88, 0.613]);
  assert.ok(Math.abs(X[3][1][1] - 0.613 * 1.5) < 1e-15 && Math.abs(X[3][2][1] - 0.613 * 2) < 1e-15);
  for (let t = 0; t < 10; t++)
    for (let c = 0; c < 3; c++)
      for (let k = 0; k < 2; k++) assert.ok(Math.abs(X[t][c + 3][k] + X[t][c][k]) < 1e-15, `(${t}, ${c}, ${k})`);
  assert.deepEqual(d.labels.choice.values, [-1, -1, -1, 1, 1, 1]);
  assert.deepEqual(d.labels.stimulus.values, [-3, -2, -1, 1, 2, 3]);
  assert.equal(d.activity.rows, 60);
  assert.throws(() => toy2d(NaN), InputError);
});

// paper.md §2.6: X = toy2d(0.5), Y = toy2d(1), Y3 = Y with a third neuron cos(t)·(c+1).
const TEST_VECTORS: [string, number, number | null][] = [
  ["cka", 0.9869378911, 0.3103385523],
  ["cka-angular-score", 0.8969908888, 0.2008848267],
  ["nbs", 0.9914302489, 0.5176875326],
  ["procrustes-angular-score", 0.9165954271, 0.3464140355],
  ["linreg", 0.9972364563, 0.997236655],
  ["cka-hsic_song", 0.9872075089, 0.2958743763],
  ["linreg-r2#5folds_cv", 0.9937577512, 0.9934350452],
  ["ridge-lambda1-r2#5folds_cv", 0.9922547175, null],
  ["ridge-lambda10-r2#5folds_cv", 0.9602938457, null],
  ["ridge-lambda100-r2#5folds_cv", 0.720101995, 0.7041769355],
  ["ridge-lambda100-r2#no_cv", 0.7996723865, 0.7996870861],
];

const X = toy2d(0.5).toArray();
const Y = toy2d(1).toArray() as number[][][];
const Y3 = Y.map((block, t) => block.map((row, c) => [...row, Math.cos(t) * (c + 1)]));

for (const [id, xy, xy3] of TEST_VECTORS)
  test(`toy2d test vectors of paper §2.6: ${id}`, () => {
    assert.ok(Math.abs(score(id, X, Y) - xy) < 1e-9, `score(X, Y) = ${score(id, X, Y)}, expected ${xy}`);
    if (xy3 !== null) assert.ok(Math.abs(score(id, X, Y3) - xy3) < 1e-9, `score(X, Y3) = ${score(id, X, Y3)}, expected ${xy3}`);
  });

test("ultrametric: 100 leaves × 50 bits, 10 categories of 10 consecutive leaves, seeded, tree-structured agreement", () => {
  const a = ultrametric({ seed: 5 });
  assert.deepEqual(a.shape, [100, 50]);
  assert.ok(Array.from(a.activity.data).every((v) => v === 0 || v === 1));
  assert.deepEqual(a.labels.category.values, Array.from({ length: 100 }, (_, i) => Math.floor(i / 10)));
  assert.deepEqual(a.labels.category.classes, Array.from({ length: 10 }, (_, i) => i));
  assert.deepEqual(Array.from(ultrametric({ seed: 5 }).activity.data), Array.from(a.activity.data));
  assert.notDeepEqual(Array.from(ultrametric({ seed: 6 }).activity.data), Array.from(a.activity.data));
  // P(bit equal): siblings γ² + (1−γ²)/2 = 0.82; leaves in different root branches γ⁶ + (1−γ⁶)/2 ≈ 0.631
  const agree = (X: typeof a.activity, i: number, j: number) => {
    let s = 0;
    for (let k = 0; k < 50; k++) s += X.get(i, k) === X.get(j, k) ? 1 : 0;
    return s / 50;
  };
  const mean = (X: typeof a.activity, pairs: [number, number][]) => pairs.reduce((acc, [i, j]) => acc + agree(X, i, j), 0) / pairs.length;
  const siblings: [number, number][] = [];
  const far: [number, number][] = [];
  for (let i = 0; i < 100; i++)
    for (let j = i + 1; j < 100; j++) {
      if (Math.floor(i / 10) === Math.floor(j / 10)) siblings.push([i, j]);
      if (i < 50 && j >= 50) far.push([i, j]);
    }
  let sib = 0;
  let cross = 0;
  for (let seed = 0; seed < 4; seed++) {
    const X = ultrametric({ seed }).activity;
    sib += mean(X, siblings) / 4;
    cross += mean(X, far) / 4;
  }
  assert.ok(Math.abs(sib - 0.82) < 0.03, `siblings ${sib}`);
  assert.ok(Math.abs(cross - 0.631) < 0.07, `across the root ${cross}`);
  assert.throws(() => ultrametric({ gamma: 2 }), InputError);
  assert.throws(() => ultrametric({ branches: [] }), InputError);
});

test("expGaussian: shape (15, 40, 100), per-neuron variances logspace(−4, 0), trial labels", () => {
  const d = expGaussian({ seed: 2 });
  assert.deepEqual(d.shape, [15, 40, 100]);
  assert.deepEqual(d.labels.trial.values, Array.from({ length: 40 }, (_, k) => k));
  const n = 600;
  for (const j of [0, 33, 66, 99]) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d.activity.get(i, j) ** 2;
    const expected = 10 ** (-4 + (4 * j) / 99);
    assert.ok(Math.abs(s / n / expected - 1) < 0.2, `neuron ${j}: ${s / n} vs ${expected}`);
  }
  assert.deepEqual(expGaussian({ dim: 50 }).shape, [15, 40, 50]);
  assert.equal(expGaussian({ dim: 50 }).id, "exp-gaussian-dim50");
});

test("spectrumMatchedGaussian: exactly the same singular values and means, random singular vectors, seeded", () => {
  const d = ultrametric({ seed: 1 });
  const g = spectrumMatchedGaussian(d, { seed: 3 });
  assert.deepEqual(g.shape, d.shape);
  assert.equal(g.meta.source, "surrogate");
  assert.deepEqual(g.labels.category.values, d.labels.category.values);
  const pd = pca(d.activity);
  const pg = pca(g.activity);
  assert.equal(pg.sumsOfSquares.length, pd.sumsOfSquares.length);
  pd.sumsOfSquares.forEach((l, k) => assert.ok(Math.abs(pg.sumsOfSquares[k] / l - 1) < 1e-9, `PC ${k}`));
  pd.means.forEach((m, j) => assert.ok(Math.abs(pg.means[j] - m) < 1e-12));
  // the leading direction is random: far from the data's
  let overlap = 0;
  for (let j = 0; j < 50; j++) overlap += pd.axes.get(j, 0) * pg.axes.get(j, 0);
  assert.ok(Math.abs(overlap) < 0.9, `overlap ${overlap}`);
  assert.deepEqual(Array.from(spectrumMatchedGaussian(d, { seed: 3 }).activity.data), Array.from(g.activity.data));
  const nested = spectrumMatchedGaussian(toy2d().toArray(), { seed: 1 });
  assert.deepEqual(nested.shape, [10, 6, 2]);
});
