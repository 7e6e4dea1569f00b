/**
 * The tfjs-facing code on TensorFlow's own backend (@tensorflow/tfjs-node, installed by
 * `npm run setup:tfjs-node`): every tfjs op of lib/tensor/tfjs_ops.ts against the float64 kernels,
 * and a loss that mixes a measure with ordinary tfjs layers trains.
 *
 * Tolerance: tensors carry float32 in and out while the ops compute in float64, so values and
 * gradients agree to float32 rounding of the inputs: relative error ≤ 1e-4 (observed ~1e-6).
 * Without tfjs-node installed the file is skipped and says why; with DIFFSIM_EXPECT_TFJS_NODE=1 (CI's
 * tfjs-node step) a missing or non-loading tfjs-node fails instead.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type * as TF from "@tensorflow/tfjs";
import { activeBackend, initBackend, tfjs } from "../../lib/tensor/backend";
import { measureOp, measureOp2, tfEigh, tfNuclearNorm, tfSolveSpd } from "../../lib/tensor/tfjs_ops";
import { scoreAndGrad, scoreAndGradsMatrix } from "../../lib/measures/api";
import { Matrix, axpby, gramCols, matmul, transpose } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { cholesky, choleskySolve } from "../../lib/tensor/linalg/cholesky";
import { polar } from "../../lib/tensor/linalg/polar";
import { Rng } from "../../lib/random";
import { relativeError } from "../support/golden";
import { tableHtml } from "../../lib/display/table";

const FLOAT32_TOLERANCE = 1e-4;
const PAPER_MEASURES = ["cka", "cka-angular-score", "nbs", "procrustes-angular-score", "linreg", "ridge-lambda100-r2#5folds_cv"];

function tfjsNodeProblem(): string | null {
  if (tfjs().findBackend("tensorflow")) return null;
  try {
    require("tfjs-node-native");
    return "tfjs-node-native loads but registers no tensorflow backend";
  } catch (error) {
    return `tfjs-node is not installed (npm run setup:tfjs-node): ${(error as Error).message.split("\n")[0]}`;
  }
}

const problem = tfjsNodeProblem();
const expected = process.env.DIFFSIM_EXPECT_TFJS_NODE === "1";
const forced = process.env.DIFFSIM_BACKEND;
const skip = forced && forced !== "tensorflow" ? `DIFFSIM_BACKEND=${forced} selects another backend` : problem && !expected ? problem : false;

/** A float32-exact matrix, so the float64 reference sees exactly what the tensors carry. */
function float32Matrix(rng: Rng, rows: number, cols: number): Matrix {
  const m = rng.normalMatrix(rows, cols);
  return new Matrix(rows, cols, Float64Array.from(Float32Array.from(m.data)));
}

test("tfjs-node is installed and its tensorflow backend is the active one", { skip }, async () => {
  assert.equal(problem, null, problem ?? "");
  await initBackend();
  assert.equal(activeBackend(), "tensorflow");
});

test("measureOp value and gradient equal the float64 kernels' for the paper's measures", { skip }, async () => {
  const tf = await initBackend();
  const rng = new Rng(21);
  const X = float32Matrix(rng, 40, 7);
  const Y = float32Matrix(rng, 40, 7);
  for (const id of PAPER_MEASURES) {
    const op = measureOp(id, X);
    const y = tf.tensor2d(Y.toRows());
    const { value, grad } = tf.valueAndGrad((t: TF.Tensor) => op(t))(y);
    const ref = scoreAndGrad(id, X, Y);
    assert.ok(Math.abs((value.arraySync() as number) - ref.value) <= FLOAT32_TOLERANCE * Math.max(1, Math.abs(ref.value)), `${id} value`);
    assert.ok(relativeError(grad.arraySync(), ref.gradY as number[][]) < FLOAT32_TOLERANCE, `${id} gradient`);
  }
});

test("measureOp2 gradients in X and Y equal the float64 kernels'", { skip }, async () => {
  const tf = await initBackend();
  const rng = new Rng(22);
  const X = float32Matrix(rng, 30, 6);
  const Y = float32Matrix(rng, 30, 5);
  for (const id of ["cka", "nbs", "procrustes-angular-score"]) {
    const op = measureOp2(id);
    const [gx, gy] = tf.grads((x: TF.Tensor, y: TF.Tensor) => op(x, y))([tf.tensor2d(X.toRows()), tf.tensor2d(Y.toRows())]);
    const ref = scoreAndGradsMatrix(id, X, Y);
    assert.ok(relativeError(gx.arraySync(), ref.gradX.toRows()) < FLOAT32_TOLERANCE, `${id} gradX`);
    assert.ok(relativeError(gy.arraySync(), ref.gradY.toRows()) < FLOAT32_TOLERANCE, `${id} gradY`);
  }
});

test("tfEigh, tfNuclearNorm and tfSolveSpd values and gradients equal the float64 routines'", { skip }, async () => {
  const tf = await initBackend();
  const rng = new Rng(23);
  const A = axpby(1, gramCols(float32Matrix(rng, 20, 5)), 1, Matrix.identity(5));
  const A32 = new Matrix(5, 5, Float64Array.from(Float32Array.from(A.data)));
  // eigh: values, and the sign-invariant projector of the largest eigenvector
  const { values, vectors } = tfEigh(tf.tensor2d(A32.toRows()));
  const ref = eigh(A32);
  assert.ok(relativeError(values.arraySync() as number[], Array.from(ref.values)) < FLOAT32_TOLERANCE, "eigenvalues");
  const v = (vectors.arraySync() as number[][]).map((row) => row[4]);
  const w = ref.vectors.toRows().map((row) => row[4]);
  const projector = (u: number[]) => u.map((a) => u.map((b) => a * b));
  assert.ok(relativeError(projector(v), projector(w)) < FLOAT32_TOLERANCE, "eigenvector projector");
  // nuclear norm: value Σσ and gradient U·Vᵀ (the polar factor)
  const M = float32Matrix(rng, 6, 4);
  const { value, grad } = tf.valueAndGrad((m: TF.Tensor) => tfNuclearNorm(m as TF.Tensor2D))(tf.tensor2d(M.toRows()));
  const p = polar(M);
  assert.ok(Math.abs((value.arraySync() as number) - p.nuclearNorm) < FLOAT32_TOLERANCE * p.nuclearNorm, "nuclear norm");
  assert.ok(relativeError(grad.arraySync(), p.factor.toRows()) < FLOAT32_TOLERANCE, "nuclear-norm gradient");
  // SPD solve: value A⁻¹B and the closed-form backward B̄ = A⁻¹W, Ā = −sym(B̄ Xᵀ) for the loss Σ W ∘ X
  const B = float32Matrix(rng, 5, 2);
  const W = float32Matrix(rng, 5, 2);
  const f = (a: TF.Tensor, b: TF.Tensor) => tf.sum(tf.mul(tfSolveSpd(a as TF.Tensor2D, b as TF.Tensor2D), tf.tensor2d(W.toRows())));
  const [ga, gb] = tf.grads(f)([tf.tensor2d(A32.toRows()), tf.tensor2d(B.toRows())]);
  const L = cholesky(A32);
  const solution = choleskySolve(L, B);
  const Bbar = choleskySolve(L, W);
  const P = matmul(Bbar, transpose(solution));
  const Abar = axpby(-0.5, P, -0.5, transpose(P));
  assert.ok(relativeError(gb.arraySync(), Bbar.toRows()) < FLOAT32_TOLERANCE, "solve dB");
  assert.ok(relativeError(ga.arraySync(), Abar.toRows()) < FLOAT32_TOLERANCE, "solve dA");
});

test("a loss mixing CKA with ordinary tfjs layers trains on the tensorflow backend", { skip }, async () => {
  const tf = await initBackend();
  const rng = new Rng(24);
  const X = rng.normalMatrix(60, 8); // the "neural data"
  const Z = tf.tensor2d(rng.normalMatrix(60, 12).toRows()); // model inputs
  const W = tf.variable(tf.tensor2d(rng.normalMatrix(12, 8).toRows()).mul(0.1));
  const cka = measureOp("cka", X);
  // model: Y = tanh(Z·W); loss = −CKA(X, Y) + 1e-3·‖W‖²
  const loss = () => tf.add(tf.neg(cka(tf.tanh(tf.matMul(Z, W)))), tf.mul(1e-3, tf.sum(tf.square(W)))) as TF.Scalar;
  const first = loss().arraySync() as number;
  const optimizer = tf.train.adam(0.05);
  for (let step = 0; step < 60; step++) optimizer.minimize(loss, false, [W]);
  const last = loss().arraySync() as number;
  assert.ok(last < first - 0.1, `loss ${first} → ${last}`);
});

test("danfo DataFrames and their HTML tables work beside the tensorflow backend", { skip }, async () => {
  await initBackend();
  const dfd = await import("danfojs-node");
  const df = new dfd.DataFrame({ measure: ["cka", "cka", "nbs"], score: [0.5, 0.7, 0.9] });
  const grouped = df.groupby(["measure"]).agg({ score: "mean" });
  const html = tableHtml(grouped, { digits: 2 });
  assert.match(html, /<td[^>]*>cka<\/td>\s*<td[^>]*>0\.60<\/td>/);
  assert.equal(activeBackend(), "tensorflow");
});
