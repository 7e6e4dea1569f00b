import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend, activeBackend } from "../../lib/tensor/backend";
import { measureOp, measureOp2, tfEigh, tfSolveSpd, tfNuclearNorm, eighBackward } from "../../lib/tensor/tfjs_ops";
import { thinSvd } from "../../lib/tensor/linalg/svd";
import { scoreAndGrad, scoreAndGradsMatrix } from "../../lib/measures/api";
import { Matrix, axpby, gramCols, transpose } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { cholesky, choleskySolve } from "../../lib/tensor/linalg/cholesky";
import { Rng } from "../../lib/random";
import { relativeError } from "../support/golden";
import fc from "fast-check";
import { InputError, getMeasure, listMeasures } from "../../lib";
import { FUZZ } from "../support/fuzz";

const rng = new Rng(11);
const X = rng.normalMatrix(30, 6).toRows();
const Y = rng.normalMatrix(30, 5).toRows();

test("a backend is chosen and reported", async () => {
  await initBackend();
  assert.ok(["tensorflow", "wasm", "cpu"].includes(activeBackend() as string));
});

test("measure ops combine inside tfjs autodiff", async () => {
  const tf = await initBackend();
  const cka = measureOp("cka", X);
  const ang = measureOp("cka-angular-score", X);
  const loss = (y: import("@tensorflow/tfjs").Tensor) => tf.add(tf.mul(0.3, cka(y)), tf.mul(0.7, ang(y))) as import("@tensorflow/tfjs").Scalar;
  const y = tf.tensor2d(Y);
  const g = tf.grad(loss)(y).arraySync() as number[][];
  const a = scoreAndGrad("cka", X, Y).gradY as number[][];
  const b = scoreAndGrad("cka-angular-score", X, Y).gradY as number[][];
  const expected = a.map((row, i) => row.map((v, j) => 0.3 * v + 0.7 * b[i][j]));
  assert.ok(relativeError(g, expected) < 1e-5);
  assert.ok(Math.abs((loss(y).arraySync() as number) - (0.3 * scoreAndGrad("cka", X, Y).value + 0.7 * scoreAndGrad("cka-angular-score", X, Y).value)) < 1e-6);
});

test("two-argument measure op gives gradients in X and Y", async () => {
  const tf = await initBackend();
  const op = measureOp2("cka");
  const [gx, gy] = tf.grads((x: import("@tensorflow/tfjs").Tensor, y: import("@tensorflow/tfjs").Tensor) => op(x, y))([tf.tensor2d(X), tf.tensor2d(Y)]);
  const r = scoreAndGradsMatrix("cka", Matrix.fromRows(X), Matrix.fromRows(Y));
  assert.ok(relativeError(gx.arraySync(), r.gradX.toRows()) < 1e-5);
  assert.ok(relativeError(gy.arraySync(), r.gradY.toRows()) < 1e-5);
});

test("eigh backward matches finite differences (float64)", () => {
  const n = 6;
  const r = new Rng(12);
  const G = r.normalMatrix(n, n);
  const A = axpby(0.5, G, 0.5, transpose(G));
  const c = r.normalMatrix(1, n).data;
  const C = r.normalMatrix(n, n);
  // loss invariant to eigenvector signs: Σ c_i w_i + Σ C_ij V_ij²
  const loss = (M: Matrix) => {
    const { values, vectors } = eigh(M);
    let s = 0;
    for (let i = 0; i < n; i++) s += c[i] * values[i];
    for (let i = 0; i < n * n; i++) s += C.data[i] * vectors.data[i] ** 2;
    return s;
  };
  const { values, vectors } = eigh(A);
  const VBar = new Matrix(n, n, vectors.data.map((v, i) => 2 * C.data[i] * v));
  const Abar = eighBackward(values, vectors, c, VBar);
  const D0 = r.normalMatrix(n, n);
  const D = axpby(0.5, D0, 0.5, transpose(D0));
  const h = 1e-5;
  const fd = (loss(axpby(1, A, h, D)) - loss(axpby(1, A, -h, D))) / (2 * h);
  let analytic = 0;
  for (let i = 0; i < n * n; i++) analytic += Abar.data[i] * D.data[i];
  assert.ok(Math.abs(fd - analytic) < 1e-6 * Math.max(1, Math.abs(fd)), `${fd} vs ${analytic}`);
});

test("tfEigh and tfSolveSpd forward values match the float64 routines; solve gradient matches the closed form", async () => {
  const tf = await initBackend();
  const r = new Rng(13);
  const A = axpby(1, gramCols(r.normalMatrix(20, 5)), 1, Matrix.identity(5));
  const B = r.normalMatrix(5, 2);
  const { values } = tfEigh(tf.tensor2d(A.toRows()));
  const ref = eigh(A).values;
  (values.arraySync() as number[]).forEach((v, i) => assert.ok(Math.abs(v - ref[i]) < 1e-4 * Math.abs(ref[i])));
  const W = r.normalMatrix(5, 2);
  const f = (a: import("@tensorflow/tfjs").Tensor, b: import("@tensorflow/tfjs").Tensor) => tf.sum(tf.mul(tfSolveSpd(a as import("@tensorflow/tfjs").Tensor2D, b as import("@tensorflow/tfjs").Tensor2D), tf.tensor2d(W.toRows())));
  const [ga, gb] = tf.grads(f)([tf.tensor2d(A.toRows()), tf.tensor2d(B.toRows())]);
  // directional finite differences of the float64 solve: A along a symmetric D, B along E
  const loss = (M: Matrix, N: Matrix) => choleskySolve(cholesky(M), N).data.reduce((acc, v, i) => acc + v * W.data[i], 0);
  const D0 = r.normalMatrix(5, 5);
  const D = axpby(0.5, D0, 0.5, transpose(D0));
  const E = r.normalMatrix(5, 2);
  const h = 1e-6;
  const fdA = (loss(axpby(1, A, h, D), B) - loss(axpby(1, A, -h, D), B)) / (2 * h);
  const fdB = (loss(A, axpby(1, B, h, E)) - loss(A, axpby(1, B, -h, E))) / (2 * h);
  const inner = (g: number[][], M: Matrix) => g.flat().reduce((acc, v, i) => acc + v * M.data[i], 0);
  assert.ok(Math.abs(inner(ga.arraySync() as number[][], D) - fdA) < 1e-3 * Math.abs(fdA), "dA");
  assert.ok(Math.abs(inner(gb.arraySync() as number[][], E) - fdB) < 1e-3 * Math.abs(fdB), "dB");
});

test("tfNuclearNorm: value Σσ and gradient matching float64 finite differences", async () => {
  const tf = await initBackend();
  const r = new Rng(14);
  const M = r.normalMatrix(6, 4);
  const nuclear = (A: Matrix) => thinSvd(A).s.reduce((s, v) => s + v, 0);
  const value = tfNuclearNorm(tf.tensor2d(M.toRows())).arraySync() as number;
  assert.ok(Math.abs(value - nuclear(M)) < 1e-5 * nuclear(M));
  const g = tf.grad((m: import("@tensorflow/tfjs").Tensor) => tfNuclearNorm(m as import("@tensorflow/tfjs").Tensor2D))(tf.tensor2d(M.toRows())).arraySync() as number[][];
  const D = r.normalMatrix(6, 4);
  const h = 1e-6;
  const fd = (nuclear(axpby(1, M, h, D)) - nuclear(axpby(1, M, -h, D))) / (2 * h);
  const an = g.flat().reduce((s, v, i) => s + v * D.data[i], 0);
  assert.ok(Math.abs(fd - an) < 1e-4 * Math.abs(fd), `${fd} vs ${an}`);
});

test("measureOp (property, fast-check): the op's value and gradient are score and scoreAndGrad of the float32 Y, at scales 1e-12 … 1e12 (float32 tensors) for scale-invariant measures; NaN is an InputError", async () => {
  const tf = await initBackend();
  const ids = listMeasures().filter((m) => m.differentiable && !m.stochastic && m.minSamples <= 6).map((m) => m.id);
  fc.assert(
    fc.property(fc.constantFrom(...ids), fc.integer({ min: 6, max: 10 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(1e-12, 1, 1e12), fc.nat(1000), (id, n, q, s, seed) => {
      const r = new Rng(seed);
      if (!getMeasure(id).invariances.isotropicScale) s = 1; // the op's value is a float32 scalar: keep it in range
      const Xs = r.normalMatrix(n, 3).toRows();
      const y = tf.tensor2d(r.normalMatrix(n, q).toRows().map((row) => row.map((v) => v * s)));
      const Y32 = y.arraySync() as number[][]; // what the op sees: float32 values
      let expected: { value: number; gradY: number[][] | number[][][] };
      try {
        expected = scoreAndGrad(id, Xs, Y32);
      } catch (e) {
        assert.ok(e instanceof InputError, `${id}: ${(e as Error).message}`);
        return;
      }
      const op = measureOp(id, Xs);
      const value = op(y).arraySync() as number;
      assert.ok(Math.abs(value - expected.value) <= 1e-6 * Math.max(1, Math.abs(expected.value)), `${id}: op ${value} vs ${expected.value}`);
      const g = tf.grad(op)(y).arraySync() as number[][];
      const scaleG = Math.max(...(expected.gradY as number[][]).flat().map(Math.abs), 1e-300);
      (expected.gradY as number[][]).forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(g[i][j] - v) <= 1e-5 * scaleG, `${id}: gradient ${g[i][j]} vs ${v}`)));
      assert.throws(() => op(tf.tensor2d(Y32.map((row, i) => row.map((v, j) => (i === 0 && j === 0 ? NaN : v))))), (e: unknown) => e instanceof InputError && e.argument === "Y");
    }),
    { seed: FUZZ.seed, numRuns: FUZZ.runs(60), includeErrorInReport: true },
  );
});
