/**
 * tfjs autodiff integration: every differentiable measure, and the float64 decompositions tfjs lacks
 * (symmetric eigendecomposition, nuclear norm via the polar factor, SPD solve), as tfjs operations with
 * closed-form backward passes.
 * Forward and backward run in float64 on the library's kernels; tfjs tensors (float32) carry the values
 * in and out, so losses can freely combine several measures with other tfjs code.
 *
 *   const tf = await initBackend();
 *   const cka = measureOp("cka", X);          // (Y: tf.Tensor) => tf.Scalar
 *   const nbs = measureOp("nbs", X);
 *   const loss = (Y: tf.Tensor) => tf.neg(tf.add(cka(Y), nbs(Y)));
 *   const g = tf.grad(loss)(Y0);             // d loss / dY
 */
import type * as TF from "@tensorflow/tfjs";
import { ArrayInput } from "./arrays";
import { tfjs } from "./backend";
import { Matrix, matmul, scale, symmetrizeInPlace, transpose } from "./matrix";
import { eigh } from "./linalg/eigh";
import { cholesky, choleskySolve } from "./linalg/cholesky";
import { polar } from "./linalg/polar";
import { prepareMeasure, scoreAndGradsMatrix, ScoreOptions } from "../measures/api";

function toMatrix(t: TF.Tensor): Matrix {
  const cols = t.shape[t.shape.length - 1];
  const data = Float64Array.from(t.dataSync());
  return new Matrix(data.length / cols, cols, data);
}

function toTensor(m: Matrix, shape: number[]): TF.Tensor {
  return tfjs().tensor(Float32Array.from(m.data), shape, "float32");
}

type GradFunc = (dy: TF.Tensor, saved: TF.Tensor[]) => TF.Tensor | TF.Tensor[];

/** tf.customGrad with `arity` tensor inputs, typed for this file's callbacks. */
function customOp(arity: number, f: (inputs: TF.Tensor[], save: TF.GradSaveFunc) => { value: TF.Tensor; gradFunc: GradFunc }) {
  const op = tfjs().customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => f(args.slice(0, arity) as TF.Tensor[], args[arity] as TF.GradSaveFunc));
  return (...inputs: TF.Tensor[]) => op(...inputs);
}

/**
 * The measure `id` against the fixed reference X as a tfjs op of Y: value = score(X, Y), gradient =
 * d score / dY from the measure's closed form (X-only quantities are prepared once). A Y with NaN/Inf
 * entries or a non-finite result throws an InputError, as scoreAndGrad does.
 */
export function measureOp(id: string, X: ArrayInput, options: ScoreOptions = {}): (Y: TF.Tensor) => TF.Scalar {
  const tf = tfjs();
  const bound = prepareMeasure(id, X, options);
  const op = customOp(1, ([y], save) => {
    const { value, gradY } = bound.scoreAndGrad(y); // validated: non-finite Y or result → InputError
    const g = toTensor(gradY, y.shape);
    save([g]);
    return { value: tf.scalar(value), gradFunc: (dy, saved) => tf.mul(dy, saved[0]) };
  });
  return (Y: TF.Tensor) => op(Y) as TF.Scalar;
}

/** The measure as a tfjs op of both arguments (joint optimization of X and Y). */
export function measureOp2(id: string, options: ScoreOptions = {}): (X: TF.Tensor, Y: TF.Tensor) => TF.Scalar {
  const tf = tfjs();
  const op = customOp(2, ([x, y], save) => {
    const r = scoreAndGradsMatrix(id, toMatrix(x), toMatrix(y), { shapeX: x.shape, shapeY: y.shape }, options);
    save([toTensor(r.gradX, x.shape), toTensor(r.gradY, y.shape)]);
    return { value: tf.scalar(r.value), gradFunc: (dy, saved) => [tf.mul(dy, saved[0]), tf.mul(dy, saved[1])] };
  });
  return (X: TF.Tensor, Y: TF.Tensor) => op(X, Y) as TF.Scalar;
}

/**
 * Backward pass of the symmetric eigendecomposition A = V diag(w) Vᵀ (distinct eigenvalues):
 *   Ā = V (diag(w̄) + F ∘ (Vᵀ V̄)) Vᵀ,  F_ij = 1/(w_j − w_i) (i ≠ j), F_ii = 0, then symmetrized.
 * Pairs of (numerically) equal eigenvalues contribute nothing (their eigenvectors are not unique).
 */
export function eighBackward(w: Float64Array, V: Matrix, wBar: Float64Array, VBar: Matrix): Matrix {
  const n = w.length;
  const inner = matmul(transpose(V), VBar);
  const scaleW = Math.max(1, ...Array.from(w, Math.abs));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const gap = w[j] - w[i];
      inner.data[i * n + j] = i === j ? wBar[i] : Math.abs(gap) > 1e-12 * scaleW ? inner.data[i * n + j] / gap : 0;
    }
  return symmetrizeInPlace(matmul(matmul(V, inner), transpose(V)));
}

/**
 * Symmetric eigendecomposition as a tfjs op: returns eigenvalues (ascending, shape [n]) and
 * eigenvectors (columns, [n, n]); differentiable through both (closed-form backward above).
 */
export function tfEigh(A: TF.Tensor2D): { values: TF.Tensor1D; vectors: TF.Tensor2D } {
  const tf = tfjs();
  const n = A.shape[0];
  const packed = customOp(1, ([a], save) => {
    const { values, vectors } = eigh(toMatrix(a));
    const out = new Float64Array((n + 1) * n);
    out.set(values, 0);
    out.set(vectors.data, n);
    const value = tf.tensor2d(Float32Array.from(out), [n + 1, n], "float32");
    save([value]);
    return {
      value,
      gradFunc: (dy, saved) => {
        const p = Float64Array.from(saved[0].dataSync());
        const g = Float64Array.from(dy.dataSync());
        const w = p.subarray(0, n);
        const V = new Matrix(n, n, p.slice(n));
        const Abar = eighBackward(w, V, g.subarray(0, n), new Matrix(n, n, g.slice(n)));
        return toTensor(Abar, [n, n]);
      },
    };
  })(A) as TF.Tensor2D;
  return { values: packed.slice([0, 0], [1, n]).reshape([n]) as TF.Tensor1D, vectors: packed.slice([1, 0], [n, n]) as TF.Tensor2D };
}

/**
 * Solve A·X = B for symmetric positive-definite A (Cholesky, float64) as a tfjs op.
 * Backward: B̄ = A⁻¹X̄,  Ā = −sym(B̄ Xᵀ).
 */
export function tfSolveSpd(A: TF.Tensor2D, B: TF.Tensor2D): TF.Tensor2D {
  return customOp(2, ([a, b], save) => {
    const L = cholesky(toMatrix(a));
    const X = choleskySolve(L, toMatrix(b));
    const value = toTensor(X, b.shape);
    save([a, value]);
    return {
      value,
      gradFunc: (dy, saved) => {
        const Ls = cholesky(toMatrix(saved[0]));
        const Bbar = choleskySolve(Ls, toMatrix(dy));
        const Abar = scale(symmetrizeInPlace(matmul(Bbar, transpose(toMatrix(saved[1])))), -1);
        return [toTensor(Abar, saved[0].shape), toTensor(Bbar, dy.shape)];
      },
    };
  })(A, B) as TF.Tensor2D;
}

/**
 * Nuclear norm ‖M‖_* = Σ σ_i as a tfjs op (float64 thin SVD from the smaller Gram). Backward: the
 * polar factor, ∂‖M‖_* / ∂M = U·Vᵀ (zero singular values contribute nothing, so it stays finite).
 */
export function tfNuclearNorm(M: TF.Tensor2D): TF.Scalar {
  const tf = tfjs();
  return customOp(1, ([m], save) => {
    const { factor, nuclearNorm } = polar(toMatrix(m));
    save([toTensor(factor, m.shape)]);
    return { value: tf.scalar(nuclearNorm), gradFunc: (dy, saved) => tf.mul(dy, saved[0]) };
  })(M) as TF.Scalar;
}
