import { InputError } from "../errors";
import { Matrix, centerCols, colMeans, colSumSquares, matmul, scaleCols, transpose } from "../tensor/matrix";
import { solveLinear } from "../tensor/linalg/lu";

/**
 * Partial least squares regression with scikit-learn's `PLSRegression` conventions (NIPALS, regression
 * deflation, mode A; sklearn 1.2), reproduced step by step because the power iteration stops early and
 * its result is what the published scores were computed with:
 *
 *   X₀ = (X − x̄)/s_x, Y₀ = (Y − ȳ)/s_y   (s = column SDs with ddof 1, 1 for constant columns, when `scale`;
 *                                         s = 1 otherwise)
 *   for each component k:  Y columns with all |entries| < 10ε are zeroed; power iteration from
 *     u = first Y column with an entry above ε:  w = X_kᵀu/‖·‖, t = X_k w, c = Y_kᵀt/(tᵀt), u = Y_k c/(cᵀc + ε),
 *     until ‖w − w_prev‖² < 1e-6 (w_prev = 100 at the start; one step when Y has one column; ≤ 500 steps);
 *     the sign of w (and c) makes w's largest-|·| entry positive;
 *     p = X_kᵀt/(tᵀt), q = Y_kᵀt/(tᵀt),  X_{k+1} = X_k − tpᵀ,  Y_{k+1} = Y_k − tqᵀ
 *   B = W(PᵀW)⁻¹Qᵀ·diag(s_y),   predict(X') = ((X' − x̄)/s_x)·B + ȳ
 *
 * The loop stops early when the Y residual is constant (as sklearn does, with fewer components).
 *
 *   const model = fitPls(X, Y, 25, false);
 *   const Yhat = predictPls(model, Xtest);
 */
export interface PlsModel {
  xMean: Float64Array;
  xScale: Float64Array;
  yMean: Float64Array;
  /** p × q regression coefficients acting on the standardized X. */
  coef: Matrix;
}

const EPS = 2 ** -52;
const TOL = 1e-6;
const MAX_ITER = 500;

/** Column means and, when `scale`, column SDs (ddof 1; 1 where the SD is 0), and the standardized copy. */
function standardize(A: Matrix, scale: boolean): { mean: Float64Array; sd: Float64Array; Z: Matrix } {
  const mean = colMeans(A);
  const Z = centerCols(A, mean);
  const sd = new Float64Array(A.cols).fill(1);
  if (!scale) return { mean, sd, Z };
  const ss = colSumSquares(Z);
  for (let j = 0; j < A.cols; j++) {
    const s = Math.sqrt(ss[j] / (A.rows - 1));
    sd[j] = s === 0 ? 1 : s;
  }
  return { mean, sd, Z: scaleCols(Z, sd.map((s) => 1 / s)) };
}

const dotv = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);

/** M·v for an n×c row-major M. */
function mulVec(M: Matrix, v: Float64Array): Float64Array {
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out[i] += M.data[i * M.cols + j] * v[j];
  return out;
}

/** Mᵀ·v for an n×c row-major M. */
function mulTVec(M: Matrix, v: Float64Array): Float64Array {
  const out = new Float64Array(M.cols);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out[j] += M.data[i * M.cols + j] * v[i];
  return out;
}

/** First left/right singular vector pair of XᵀY by sklearn's NIPALS power iteration (null when Y is constant). */
function powerIteration(Xk: Matrix, Yk: Matrix): { w: Float64Array; c: Float64Array } | null {
  const q = Yk.cols;
  let first = -1;
  for (let j = 0; j < q && first < 0; j++) for (let i = 0; i < Yk.rows; i++) if (Math.abs(Yk.data[i * q + j]) > EPS) {
    first = j;
    break;
  }
  if (first < 0) return null;
  let u = Float64Array.from({ length: Yk.rows }, (_, i) => Yk.data[i * q + first]);
  let wOld: Float64Array | null = null;
  let w = new Float64Array(Xk.cols);
  let c = new Float64Array(q);
  for (let iter = 0; iter < MAX_ITER; iter++) {
    const uu = dotv(u, u);
    w = mulTVec(Xk, u).map((v) => v / uu);
    const norm = Math.sqrt(dotv(w, w)) + EPS;
    w = w.map((v) => v / norm);
    const t = mulVec(Xk, w);
    const tt = dotv(t, t);
    c = mulTVec(Yk, t).map((v) => v / tt);
    const cc = dotv(c, c) + EPS;
    u = mulVec(Yk, c).map((v) => v / cc);
    const diff = wOld ? w.reduce((s, v, i) => s + (v - (wOld as Float64Array)[i]) ** 2, 0) : w.reduce((s, v) => s + (v - 100) ** 2, 0);
    if (diff < TOL || q === 1) break;
    wOld = w;
  }
  let big = 0;
  for (let j = 1; j < w.length; j++) if (Math.abs(w[j]) > Math.abs(w[big])) big = j;
  const sign = Math.sign(w[big]);
  return { w: w.map((v) => v * sign), c: c.map((v) => v * sign) };
}

/**
 * Fits `components` PLS components predicting Y from X (see the file comment for the algorithm).
 *
 *   fitPls(X, Y, 2, true); // sklearn PLSRegression(n_components=2) (scale=True is sklearn's default)
 */
export function fitPls(X: Matrix, Y: Matrix, components: number, scale: boolean): PlsModel {
  if (!(Number.isInteger(components) && components >= 1 && components <= X.cols))
    throw new InputError("X", `at least as many features as PLS components (${components}; sklearn's upper bound is the number of features)`, `got ${X.cols}`);
  const sx = standardize(X, scale);
  const sy = standardize(Y, scale);
  const Xk = sx.Z;
  const Yk = sy.Z;
  const { rows: n, cols: p } = Xk;
  const q = Yk.cols;
  const W: Float64Array[] = [];
  const P: Float64Array[] = [];
  const Q: Float64Array[] = [];
  for (let k = 0; k < components; k++) {
    for (let j = 0; j < q; j++) {
      let small = true;
      for (let i = 0; i < n && small; i++) small = Math.abs(Yk.data[i * q + j]) < 10 * EPS;
      if (small) for (let i = 0; i < n; i++) Yk.data[i * q + j] = 0;
    }
    const pair = powerIteration(Xk, Yk);
    if (!pair) break;
    const t = mulVec(Xk, pair.w);
    const tt = dotv(t, t);
    const loadX = mulTVec(Xk, t).map((v) => v / tt);
    const loadY = mulTVec(Yk, t).map((v) => v / tt);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) Xk.data[i * p + j] -= t[i] * loadX[j];
      for (let j = 0; j < q; j++) Yk.data[i * q + j] -= t[i] * loadY[j];
    }
    W.push(pair.w);
    P.push(loadX);
    Q.push(loadY);
  }
  const r = W.length;
  const Wm = transpose(new Matrix(r, p, Float64Array.from(W.flatMap((v) => Array.from(v))))); // p×r
  const Pm = new Matrix(r, p, Float64Array.from(P.flatMap((v) => Array.from(v)))); // r×p = Pᵀ
  const Qt = new Matrix(r, q, Float64Array.from(Q.flatMap((v) => Array.from(v)))); // r×q = Qᵀ
  const coef = matmul(Wm, solveLinear(matmul(Pm, Wm), Qt)); // W (PᵀW)⁻¹ Qᵀ
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) coef.data[i * q + j] *= sy.sd[j];
  return { xMean: sx.mean, xScale: sx.sd, yMean: sy.mean, coef };
}

/** ((X − x̄)/s_x)·B + ȳ for a fitted model. Usage: predictPls(fitPls(Xtrain, Ytrain, 2, false), Xtest). */
export function predictPls(model: PlsModel, X: Matrix): Matrix {
  const { rows: n, cols: p } = X;
  const Z = X.clone();
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) Z.data[i * p + j] = (Z.data[i * p + j] - model.xMean[j]) / model.xScale[j];
  const out = matmul(Z, model.coef);
  const q = out.cols;
  for (let i = 0; i < n; i++) for (let j = 0; j < q; j++) out.data[i * q + j] += model.yMean[j];
  return out;
}
