import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "fs";
import { join } from "path";
import { chanceLevel, decode, decodingThreshold, stratifiedFolds, thresholdScore } from "../../lib/analysis/decoding";
import { fitLogistic, predictLogistic } from "../../lib/analysis/logistic";
import { minimizeLbfgs } from "../../lib/analysis/lbfgs";
import { InputError } from "../../lib/errors";
import { Rng } from "../../lib/random";
import { Matrix, takeRows } from "../../lib/tensor/matrix";
import { pcaAxes } from "../../lib/tensor/linalg/pca";

interface FixtureCase {
  name: string;
  shape: number[];
  C: number;
  labels: number[];
  X: number[];
  folds: number[][];
  predictions: number[][];
  perTime: number[];
  accuracy: number;
  coef: number[];
  coefShape: number[];
  intercept: number[];
}
const fixture: { cases: FixtureCase[] } = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "decoding.json"), "utf8"));

function activityOf(c: FixtureCase): Matrix {
  const [T, C, N] = c.shape;
  return new Matrix(T * C, N, Float64Array.from(c.X));
}

for (const c of fixture.cases) {
  test(`decode matches scikit-learn on the same folds: ${c.name}`, () => {
    const r = decode(activityOf(c), c.shape, c.labels, { foldsOf: (t) => c.folds[t], C: c.C });
    assert.deepEqual(r.predictions, c.predictions);
    for (let t = 0; t < c.perTime.length; t++) assert.ok(Math.abs(r.perTime[t] - c.perTime[t]) < 1e-12, `t=${t}: ${r.perTime[t]} vs sklearn ${c.perTime[t]}`);
    assert.ok(Math.abs(r.accuracy - c.accuracy) < 1e-12);
  });

  test(`out-of-fold predictions and fold-0 coefficients match scikit-learn: ${c.name}`, () => {
    const [T, C, N] = c.shape;
    const X = activityOf(c);
    let mismatches = 0;
    for (let t = 0; t < T; t++) {
      const block = new Matrix(C, N, X.data.subarray(t * C * N, (t + 1) * C * N));
      for (let f = 0; f < 5; f++) {
        const train = c.folds[t].flatMap((g, i) => (g === f ? [] : [i]));
        const test = c.folds[t].flatMap((g, i) => (g === f ? [i] : []));
        const model = fitLogistic(takeRows(block, train), train.map((i) => c.labels[i]), { C: c.C });
        assert.ok(model.converged && !model.capped, "solver converged");
        const predicted = predictLogistic(model, takeRows(block, test));
        test.forEach((i, j) => (mismatches += predicted[j] === c.predictions[t][i] ? 0 : 1));
        if (t === 0 && f === 0) {
          // The optimum itself, solved to float64 precision (the default tolerance stops ~1e-5 short).
          const model = fitLogistic(takeRows(block, train), train.map((i) => c.labels[i]), { C: c.C, tol: 1e-12, maxIter: 10000 });
          assert.deepEqual([model.coef.rows, model.coef.cols], c.coefShape);
          const scale = Math.max(...c.coef.map(Math.abs));
          c.coef.forEach((w, i) => assert.ok(Math.abs(model.coef.data[i] - w) < 1e-6 * scale, `coef ${i}: ${model.coef.data[i]} vs ${w}`));
          // Multinomial intercepts are defined up to a common shift: compare them centered.
          const centered = (v: ArrayLike<number>) => Array.from(v, (x) => x - (v.length > 1 ? Array.from(v).reduce((a, b) => a + b, 0) / v.length : 0));
          const mine = centered(model.intercept);
          centered(c.intercept).forEach((b, i) => assert.ok(Math.abs(mine[i] - b) < 1e-5 * Math.max(1, Math.abs(b)), `intercept ${i}: ${mine[i]} vs ${b}`));
        }
      }
    }
    assert.equal(mismatches, 0);
  });
}

test("stratifiedFolds: fold sizes ⌊n/k⌋ or ⌈n/k⌉, class counts per fold within one, seeded", () => {
  const labels = [...Array(23).fill(0), ...Array(13).fill(1), ...Array(7).fill(2)]; // 43 samples
  const folds = stratifiedFolds(labels, 5, new Rng(3));
  const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((g) => g === f).length);
  assert.ok(sizes.every((s) => s === 8 || s === 9), `sizes ${sizes}`);
  for (const cls of [0, 1, 2]) {
    const counts = [0, 1, 2, 3, 4].map((f) => folds.filter((g, i) => g === f && labels[i] === cls).length);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `class ${cls}: ${counts}`);
  }
  assert.deepEqual(stratifiedFolds(labels, 5, new Rng(3)), folds);
  assert.notDeepEqual(stratifiedFolds(labels, 5, new Rng(4)), folds);
});

test("decode: seeded and deterministic; 2-D data is one time step; std per time step", () => {
  const rng = new Rng(11);
  const labels = Array.from({ length: 60 }, (_, i) => i % 3);
  const X = rng.normalMatrix(60, 8);
  for (let i = 0; i < 60; i++) X.data[i * 8 + labels[i]] += 1.5;
  const a = decode(X, [60, 8], labels, { seed: 5 });
  const b = decode(X, [60, 8], labels, { seed: 5 });
  assert.deepEqual(a, b);
  assert.equal(a.perTime.length, 1);
  assert.equal(a.std?.length, 1);
  assert.ok(a.accuracy > 0.6 && a.accuracy <= 1, `accuracy ${a.accuracy}`);
});

test("decode: no feature standardization, so shrinking the data toward 0 lowers accuracy (L2 dominates)", () => {
  // Feature 0 carries the label with little noise; features 1–5 are loud noise. At unit scale the fit
  // down-weights the noise; at 1e-3 scale the penalty dominates and w ≈ C·Σ yᵢxᵢ weighs noise in.
  const rng = new Rng(2);
  const labels = Array.from({ length: 80 }, (_, i) => i % 2);
  const X = new Matrix(80, 6);
  for (let i = 0; i < 80; i++) {
    X.data[i * 6] = (labels[i] ? 1 : -1) + 0.3 * rng.normal();
    for (let j = 1; j < 6; j++) X.data[i * 6 + j] = 5 * rng.normal();
  }
  const full = decode(X, [80, 6], labels, { seed: 1 }).accuracy;
  const shrunk = decode(new Matrix(80, 6, X.data.map((v) => v * 1e-3)), [80, 6], labels, { seed: 1 }).accuracy;
  assert.ok(full > 0.95, `full-scale accuracy ${full}`);
  assert.ok(shrunk < full - 0.2, `shrunk ${shrunk} vs full ${full}`);
});

test("decode: bad input throws InputError naming the argument", () => {
  const X = new Rng(0).normalMatrix(20, 3);
  const labels = Array.from({ length: 10 }, (_, i) => i % 2);
  assert.throws(() => decode(X, [2, 10, 3], labels.slice(1)), (e: unknown) => e instanceof InputError && e.argument === "labels");
  assert.throws(() => decode(X, [2, 9, 3], labels), (e: unknown) => e instanceof InputError && e.argument === "activity");
  assert.throws(() => decode(X, [2, 10, 3], Array(10).fill(1)), (e: unknown) => e instanceof InputError && e.argument === "labels");
  assert.throws(() => decode(X, [2, 10, 3], labels, { folds: 6 }), (e: unknown) => e instanceof InputError && /at least 6 samples/.test(e.message));
  assert.throws(() => decode(X, [2, 10, 3], labels, { C: 0 }), (e: unknown) => e instanceof InputError && e.argument === "C");
  assert.throws(() => decode(X, [2, 10, 3], labels, { foldsOf: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }), (e: unknown) => e instanceof InputError && e.argument === "foldsOf");
});

test("chance level, threshold and the first-crossing rule", () => {
  assert.equal(chanceLevel([1, 2, 2, 1]), 0.5);
  assert.equal(chanceLevel([0, 1, 2, 3, 4, 5, 6, 7]), 1 / 8);
  const siegelContext = [...Array(16).fill(0), ...Array(27).fill(1)];
  assert.equal(chanceLevel(siegelContext), 0.5);
  assert.equal(chanceLevel(siegelContext, "uniform"), 0.5);
  assert.equal(chanceLevel(siegelContext, "majority"), 27 / 43);
  assert.throws(() => chanceLevel(siegelContext, "best" as "uniform"), (e: unknown) => e instanceof InputError && e.argument === "rule");
  assert.ok(Math.abs(decodingThreshold(0.886, 0.5) - 0.8474) < 1e-12);
  const simple = thresholdScore([0.1, 0.5, 0.9], [0.5, 0.6, 0.9], 0.75);
  assert.ok(simple.crossed && simple.index === 2 && Math.abs(simple.score - 0.7) < 1e-12 && simple.clampedScore === simple.score);
  // Non-monotone: the first upward crossing counts, not a later one …
  const r = thresholdScore([0, 0.2, 0.4, 0.6, 0.8], [0.5, 0.8, 0.6, 0.7, 0.9], 0.75);
  assert.ok(r.crossed && r.index === 1 && Math.abs(r.score - 0.2 * (0.25 / 0.3)) < 1e-12);
  // … unless the rule is "sustained": the crossing after which the curve stays above (0.7 → 0.9 between scores 0.6 and 0.8).
  const s = thresholdScore([0, 0.2, 0.4, 0.6, 0.8], [0.5, 0.8, 0.6, 0.7, 0.9], 0.75, { rule: "sustained" });
  assert.ok(s.crossed && s.index === 4 && Math.abs(s.score - 0.65) < 1e-12, `${JSON.stringify(s)}`);
  // A brief crossing that ends below: crossed under "first", never under "sustained".
  assert.equal(thresholdScore([0, 0.5, 1], [0.5, 0.8, 0.6], 0.75).crossed, true);
  assert.deepEqual(thresholdScore([0, 0.5, 1], [0.5, 0.8, 0.6], 0.75, { rule: "sustained" }), { crossed: false, score: NaN, index: -1, clampedScore: 1 });
  // Never reached: no score that looks like a dot, the np.interp clamp under its own name.
  assert.deepEqual(thresholdScore([0.3, 0.99], [0.5, 0.6], 0.75), { crossed: false, score: NaN, index: -1, clampedScore: 0.99 });
  assert.deepEqual(thresholdScore([0.3, 0.99], [0.8, 0.9], 0.75), { crossed: true, score: 0.3, index: 0, clampedScore: 0.3 });
  assert.throws(() => thresholdScore([0.3], [0.5], 0.75, { rule: "last" as "first" }), (e: unknown) => e instanceof InputError && e.argument === "rule");
});

test("fitLogistic: maxIter caps the solver and says so (capped), like scikit-learn's ConvergenceWarning", () => {
  const c = fixture.cases.find((x) => x.name === "multiclass-wide") as FixtureCase;
  const X = activityOf(c);
  const full = fitLogistic(X, c.labels);
  assert.ok(full.converged && !full.capped && full.iterations > 3 && full.iterations <= 200, `iterations ${full.iterations}`);
  const short = fitLogistic(X, c.labels, { maxIter: 3 });
  assert.ok(short.capped && !short.converged && short.iterations === 3);
  const r = decode(X, c.shape, c.labels, { foldsOf: c.folds[0], maxIter: 2 });
  assert.equal(r.fits, 5);
  assert.equal(r.capped, 5);
  assert.deepEqual(r.cappedPerTime, [5]);
  assert.equal(decode(X, c.shape, c.labels, { foldsOf: c.folds[0] }).capped, 0);
  assert.throws(() => fitLogistic(X, c.labels, { maxIter: 0 }), (e: unknown) => e instanceof InputError && e.argument === "maxIter");
});

test("fitLogistic: a warm start reaches the same optimum in fewer iterations; unusable starts are ignored", () => {
  const c = fixture.cases.find((x) => x.name === "multiclass-narrow") as FixtureCase;
  const X = activityOf(c);
  const nearby = new Matrix(X.rows, X.cols, X.data.map((v, i) => v + 0.02 * Math.sin(i)));
  const first = fitLogistic(X, c.labels, { tol: 1e-10, maxIter: 1000 });
  const cold = fitLogistic(nearby, c.labels, { tol: 1e-10, maxIter: 1000 });
  const warm = fitLogistic(nearby, c.labels, { tol: 1e-10, maxIter: 1000, initial: first });
  assert.ok(warm.iterations < cold.iterations, `warm ${warm.iterations} vs cold ${cold.iterations}`);
  const scale = Math.max(...cold.coef.data.map(Math.abs));
  cold.coef.data.forEach((w, i) => assert.ok(Math.abs(warm.coef.data[i] - w) < 1e-7 * scale, `coef ${i}`));
  const mismatched = { coef: Matrix.fromRows([[1, 2]]), intercept: new Float64Array(1) };
  assert.deepEqual(fitLogistic(nearby, c.labels, { initial: mismatched }).coef.data, fitLogistic(nearby, c.labels).coef.data);
});

test("fitLogistic: a basis shared by the folds (principal axes of all rows) gives the same optimum as each fit's own axes", () => {
  for (const name of ["multiclass-wide", "binary-wide"]) {
    const c = fixture.cases.find((x) => x.name === name) as FixtureCase;
    const [, C, N] = c.shape;
    const block = new Matrix(C, N, activityOf(c).data.subarray(0, C * N));
    const basis = { ...pcaAxes(block), rows: block.rows };
    const train = c.folds[0].flatMap((g, i) => (g === 0 ? [] : [i]));
    const X = takeRows(block, train);
    const y = train.map((i) => c.labels[i]);
    const own = fitLogistic(X, y, { tol: 1e-12, maxIter: 10000 });
    const shared = fitLogistic(X, y, { tol: 1e-12, maxIter: 10000, basis });
    assert.ok(shared.converged);
    const scale = Math.max(...own.coef.data.map(Math.abs));
    own.coef.data.forEach((w, i) => assert.ok(Math.abs(shared.coef.data[i] - w) < 1e-6 * scale, `${name} coef ${i}: ${shared.coef.data[i]} vs ${w}`));
    own.intercept.forEach((b, i) => assert.ok(Math.abs(shared.intercept[i] - b) < 1e-6 * Math.max(1, Math.abs(b)), `${name} intercept ${i}`));
  }
  const c = fixture.cases[0];
  const X = new Matrix(c.shape[1], c.shape[2], activityOf(c).data.subarray(0, c.shape[1] * c.shape[2]));
  const narrow = { ...pcaAxes(new Matrix(X.rows, 2, X.data.slice(0, X.rows * 2))), rows: X.rows }; // axes of 2 features, X has more
  assert.throws(() => fitLogistic(X, c.labels, { basis: narrow }), (e: unknown) => e instanceof InputError && e.argument === "basis");
});

test("L-BFGS minimizes the Rosenbrock function to its optimum (1, 1)", () => {
  const r = minimizeLbfgs((x, g) => {
    const [a, b] = [x[0], x[1]];
    g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    g[1] = 200 * (b - a * a);
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
  }, Float64Array.from([-1.2, 1]));
  assert.ok(Math.abs(r.x[0] - 1) < 1e-8 && Math.abs(r.x[1] - 1) < 1e-8, `x = ${r.x}`);
});
