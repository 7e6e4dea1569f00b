/**
 * Properties every registered measure must have, checked from its own declaration in listMeasures():
 * declared invariances hold, declared symmetry holds, values stay in the declared range, gradients
 * match finite differences, degenerate inputs give finite values and gradients, bad input throws a
 * named error. A measure that declares a property it lacks fails here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { listMeasures, score, scoreAndGrad, InputError } from "../../lib";
import type { MeasureInfo } from "../../lib";
import { Matrix, axpby, matmul, transpose } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { Rng } from "../../lib/random";

const rng = new Rng(2024);
const N = 24;
const P = 5;
const X = rng.normalMatrix(N, P);
// Y correlated with X so that scores are away from their degenerate values
const Y = axpby(1, matmul(X, rng.normalMatrix(P, P)), 0.7, rng.normalMatrix(N, P));

function randomOrthogonal(n: number, r: Rng): Matrix {
  const G = r.normalMatrix(n, n);
  const { vectors } = eigh(axpby(0.5, G, 0.5, transpose(G)));
  return vectors;
}

function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

const measures = listMeasures();
const finite = (g: number[][] | number[][][]) => (g.flat(2) as number[]).every(Number.isFinite);
const opts = { seed: 3 };

const transformsOfY: [keyof MeasureInfo["invariances"], (M: Matrix) => Matrix][] = [
  ["orthogonal", (M) => matmul(M, randomOrthogonal(M.cols, new Rng(5)))],
  ["isotropicScale", (M) => axpby(3.7, M, 0, M)],
  ["translation", (M) => {
    const out = M.clone();
    for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out.data[i * M.cols + j] += 2 + j;
    return out;
  }],
  ["permutation", (M) => {
    const p = new Rng(6).permutation(M.cols);
    const out = new Matrix(M.rows, M.cols);
    for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out.data[i * M.cols + j] = M.data[i * M.cols + p[j]];
    return out;
  }],
  ["invertibleLinear", (M) => matmul(M, axpby(1, Matrix.identity(M.cols), 0.5, new Rng(7).normalMatrix(M.cols, M.cols)))],
];

test(`the catalogue lists measures with complete metadata (${measures.length} ids)`, () => {
  assert.ok(measures.length > 0);
  for (const m of measures) {
    assert.ok(m.family && m.formula, `${m.id}: family and formula`);
    assert.ok(m.range[0] <= m.range[1], `${m.id}: range`);
    assert.ok(m.minSamples >= 1, `${m.id}: minSamples`);
  }
});

for (const m of measures) {
  test(`properties: ${m.id}`, () => {
    const base = score(m.id, X.toRows(), Y.toRows(), opts);
    assert.ok(Number.isFinite(base), `finite value, got ${base}`);
    assert.ok(base >= m.range[0] - 1e-9 && base <= m.range[1] + 1e-9, `value ${base} outside declared range [${m.range}]`);

    for (const [name, f] of transformsOfY) {
      if (!m.invariances[name]) continue;
      const v = score(m.id, X.toRows(), f(Y).toRows(), opts);
      assert.ok(near(v, base, 1e-7), `declared ${name}-invariant but ${v} ≠ ${base}`);
    }
    if (m.symmetric) {
      const swapped = score(m.id, Y.toRows(), X.toRows(), opts);
      assert.ok(near(swapped, base, 1e-8), `declared symmetric but score(Y, X) = ${swapped} ≠ ${base}`);
    }

    if (m.differentiable) {
      const { value, gradY } = scoreAndGrad(m.id, X.toRows(), Y.toRows(), opts);
      assert.ok(near(value, base, 1e-12), "scoreAndGrad value equals score");
      const D = new Rng(8).normalMatrix(N, P);
      const h = 1e-5;
      const fd = (score(m.id, X.toRows(), axpby(1, Y, h, D).toRows(), opts) - score(m.id, X.toRows(), axpby(1, Y, -h, D).toRows(), opts)) / (2 * h);
      const an = (gradY as number[][]).flat().reduce((s, g, i) => s + g * D.data[i], 0);
      assert.ok(Math.abs(fd - an) <= 1e-5 * Math.max(1e-3, Math.abs(fd)), `directional derivative: finite difference ${fd} vs gradient ${an}`);

      // degenerate inputs: X vs X, a constant column, a duplicated column, fewer samples than features
      const constCol = Y.clone();
      const dup = Y.clone();
      for (let i = 0; i < N; i++) {
        constCol.data[i * P] = 1;
        dup.data[i * P + 1] = dup.data[i * P];
      }
      for (const [label, A, B] of [["X vs X", X, X], ["constant column", X, constCol], ["duplicated column", X, dup]] as const) {
        const r = scoreAndGrad(m.id, A.toRows(), B.toRows(), opts);
        assert.ok(Number.isFinite(r.value) && finite(r.gradY), `${label}: finite value and gradient (value ${r.value})`);
      }
      const n = Math.max(m.minSamples, 10);
      const wide = new Rng(9).normalMatrix(n, n + 6);
      const wideY = new Rng(10).normalMatrix(n, n + 6);
      const r = scoreAndGrad(m.id, wide.toRows(), wideY.toRows(), opts);
      assert.ok(Number.isFinite(r.value) && finite(r.gradY), `fewer samples than features: finite (value ${r.value})`);
    }

    assert.throws(() => score(m.id, X.toRows(), Y.toRows().slice(1), opts), (e: unknown) => e instanceof InputError && /Y: expected the same number of samples/.test((e as Error).message));
    const bad = Y.toRows();
    bad[2][1] = NaN;
    assert.throws(() => score(m.id, X.toRows(), bad, opts), /Y: expected finite values/);
    if (m.minSamples > 1) {
      const few = m.minSamples - 1;
      assert.throws(() => score(m.id, X.toRows().slice(0, few), Y.toRows().slice(0, few), opts), /at least/);
    }
  });
}

test("unknown measure ids suggest the nearest ids", () => {
  assert.throws(() => score("ckaa", X.toRows(), Y.toRows()), /measure: expected a known measure id; got "ckaa"; nearest: cka/);
});
