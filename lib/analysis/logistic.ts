import { InputError, received } from "../errors";
import { Matrix, matmul, matmulNT, transpose } from "../tensor/matrix";
import { pca } from "../tensor/linalg/pca";
import { minimizeLbfgs } from "./lbfgs";

/** A fitted L2-regularized logistic regression (scikit-learn's LogisticRegression conventions). */
export interface LogisticModel {
  /** Sorted distinct training labels. */
  classes: number[];
  /** Weights, one row per decision function: 1 row for two classes (positive = classes[1]), K rows otherwise; p columns. */
  coef: Matrix;
  /** Intercepts, one per row of `coef`. */
  intercept: Float64Array;
  /** Whether the solver met its gradient tolerance (it is run to float64 convergence, not to a loose cap). */
  converged: boolean;
}

/** Settings of `fitLogistic`. */
export interface LogisticOptions {
  /** Inverse regularization strength C (> 0). Default 1, scikit-learn's default. */
  C?: number;
}

/**
 * Fit scikit-learn's default `LogisticRegression` (penalty "l2", fit_intercept, lbfgs) to convergence:
 *
 *   two classes:  min_{w,b} ½‖w‖² + C·Σᵢ log(1 + exp(−yᵢ(xᵢ·w + b))),   yᵢ = ±1 (+1 = classes[1])
 *   K > 2:        min_{W,b} ½‖W‖²_F + C·Σᵢ [logΣ_k exp(xᵢ·w_k + b_k) − (xᵢ·w_{yᵢ} + b_{yᵢ})]   (multinomial)
 *
 * The intercept is not penalized and features are not standardized (the fit depends on their scale).
 * Because the optimum weights lie in the row space of the centered training data, the problem is
 * solved exactly in the PCA basis of the training rows (r ≤ min(n − 1, p) coordinates, each rescaled
 * by √(1 + C·s_k²/4) so the Hessian is nearly the identity) by L-BFGS, then mapped back to features.
 *
 *   const model = fitLogistic(Matrix.fromRows([[0], [1], [2], [3]]), [0, 0, 1, 1]);
 *   predictLogistic(model, Matrix.fromRows([[0.2], [2.9]])); // [0, 1]
 */
export function fitLogistic(X: Matrix, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticModel {
  const C = options.C ?? 1;
  if (!(C > 0 && Number.isFinite(C))) throw new InputError("C", "a finite inverse regularization strength > 0", `got ${received(C)}`);
  if (y.length !== X.rows) throw new InputError("labels", `one label per row of X (${X.rows})`, `got ${y.length}`);
  for (let i = 0; i < X.data.length; i++)
    if (!Number.isFinite(X.data[i])) throw new InputError("X", "finite values", `entry ${i} is ${X.data[i]}`);
  const classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
  if (classes.some((c) => !Number.isFinite(c))) throw new InputError("labels", "finite numbers", `got ${classes.join(", ")}`);
  if (classes.length < 2) throw new InputError("labels", "at least two distinct classes among the training samples", `got only ${classes[0]}`);
  const K = classes.length;
  const outputs = K === 2 ? 1 : K;
  const n = X.rows;
  const codes = Int32Array.from(y, (v) => classes.indexOf(v));

  const { means, axes, profiles, sumsOfSquares } = pca(X);
  const r = sumsOfSquares.length;
  // Scaled coordinates: Z̃ = U·diag(s/√h), h_k = 1 + C·s_k²/4; intercept scaled by √h₀, h₀ = max(1, C·n/4).
  const h = sumsOfSquares.map((l) => 1 + (C * l) / 4);
  const h0 = Math.max(1, (C * n) / 4);
  const Zs = profiles.clone();
  for (let i = 0; i < n; i++) for (let k = 0; k < r; k++) Zs.data[i * r + k] *= Math.sqrt(sumsOfSquares[k] / h[k]);
  const ZsT = transpose(Zs);
  const G = new Matrix(n, outputs);

  const objective = (u: Float64Array, grad: Float64Array): number => {
    const B = new Matrix(r, outputs, u.subarray(0, r * outputs));
    const b = u.subarray(r * outputs);
    const L = matmul(Zs, B);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const row = L.data.subarray(i * outputs, (i + 1) * outputs);
      const gi = G.data.subarray(i * outputs, (i + 1) * outputs);
      for (let c = 0; c < outputs; c++) row[c] += b[c] / Math.sqrt(h0);
      loss += outputs === 1 ? binaryLoss(row[0], codes[i] === 1 ? 1 : -1, gi) : softmaxLoss(row, codes[i], gi);
    }
    const gB = matmul(ZsT, G);
    let penalty = 0;
    for (let k = 0; k < r; k++)
      for (let c = 0; c < outputs; c++) {
        const v = u[k * outputs + c];
        penalty += (v * v) / h[k];
        grad[k * outputs + c] = v / h[k] + C * gB.data[k * outputs + c];
      }
    for (let c = 0; c < outputs; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += G.data[i * outputs + c];
      grad[r * outputs + c] = (C * s) / Math.sqrt(h0);
    }
    return 0.5 * penalty + C * loss;
  };
  const solution = minimizeLbfgs(objective, new Float64Array((r + 1) * outputs), { maxIterations: 5000 });

  // Back to feature space: β_k = ũ_k/√h_k, W = βᵀVᵀ, b = b̃/√h₀ − W·μ.
  const beta = new Matrix(r, outputs);
  for (let k = 0; k < r; k++) for (let c = 0; c < outputs; c++) beta.data[k * outputs + c] = solution.x[k * outputs + c] / Math.sqrt(h[k]);
  const coef = transpose(matmul(axes, beta));
  const intercept = new Float64Array(outputs);
  for (let c = 0; c < outputs; c++) {
    let shift = 0;
    for (let j = 0; j < X.cols; j++) shift += coef.data[c * X.cols + j] * means[j];
    intercept[c] = solution.x[r * outputs + c] / Math.sqrt(h0) - shift;
  }
  return { classes, coef, intercept, converged: solution.converged };
}

/**
 * Decision values X·Wᵀ + b (n × 1 for two classes, n × K otherwise).
 *
 *   decisionFunction(model, Xtest).data; // logits
 */
export function decisionFunction(model: LogisticModel, X: Matrix): Matrix {
  if (X.cols !== model.coef.cols) throw new InputError("X", `${model.coef.cols} features, as in training`, `got ${X.cols}`);
  const D = matmulNT(X, model.coef);
  const k = D.cols;
  for (let i = 0; i < X.rows; i++) for (let c = 0; c < k; c++) D.data[i * k + c] += model.intercept[c];
  return D;
}

/**
 * Predicted labels: classes[1] where the binary decision value is > 0 (else classes[0]); for K > 2
 * classes the argmax of the decision values (the first one on ties), as scikit-learn's `predict`.
 *
 *   predictLogistic(model, Xtest); // e.g. [1, 2, 2, 1]
 */
export function predictLogistic(model: LogisticModel, X: Matrix): number[] {
  const D = decisionFunction(model, X);
  const k = D.cols;
  const out: number[] = [];
  for (let i = 0; i < D.rows; i++) {
    if (k === 1) {
      out.push(model.classes[D.data[i] > 0 ? 1 : 0]);
      continue;
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (D.data[i * k + c] > D.data[i * k + best]) best = c;
    out.push(model.classes[best]);
  }
  return out;
}

/** log(1 + exp(−y·z)) and its derivative in z, written to g[0]; stable for any |z|. */
function binaryLoss(z: number, y: number, g: Float64Array): number {
  const m = -y * z;
  const sigma = m > 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
  g[0] = -y * sigma;
  return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
}

/** logΣexp(z) − z_y and its gradient softmax(z) − e_y, written to g. */
function softmaxLoss(z: Float64Array, y: number, g: Float64Array): number {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) max = Math.max(max, z[c]);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    g[c] = Math.exp(z[c] - max);
    sum += g[c];
  }
  for (let c = 0; c < z.length; c++) g[c] /= sum;
  g[y] -= 1;
  return max + Math.log(sum) - z[y];
}
