import { InputError, received } from "../errors";
import { Matrix, allFinite, gramCols, matmul, matmulNT, matmulTN, transpose } from "../tensor/matrix";
import { eigh } from "../tensor/linalg/eigh";
import { pcaAxes } from "../tensor/linalg/pca";
import { fastExp } from "../tensor/exp";
import { minimizeLbfgs } from "./lbfgs";

/** The parameters of a logistic regression in feature space: decision values X·coefᵀ + intercept. */
export interface LogisticCoefficients {
  /** Weights, one row per decision function: 1 row for two classes (positive = classes[1]), K rows otherwise; p columns. */
  coef: Matrix;
  /** Intercepts, one per row of `coef`. */
  intercept: Float64Array;
}

/** A fitted L2-regularized logistic regression (scikit-learn's LogisticRegression conventions). */
export interface LogisticModel extends LogisticCoefficients {
  /** Sorted distinct training labels. */
  classes: number[];
  /** Whether the solver met its gradient tolerance. */
  converged: boolean;
  /** L-BFGS iterations taken. */
  iterations: number;
  /** True when the fit stopped at `maxIter` before meeting the tolerance (scikit-learn's ConvergenceWarning). */
  capped: boolean;
}

/** Settings of `fitLogistic`. */
export interface LogisticOptions {
  /** Inverse regularization strength C (> 0). Default 1, scikit-learn's default. */
  C?: number;
  /**
   * Cap on L-BFGS iterations, like scikit-learn's `max_iter`. Default 200, the paper's setting
   * (diffscore's `LogisticRegression(max_iter=200)`); a fit that stops there has `capped` set.
   */
  maxIter?: number;
  /**
   * Stopping tolerance on the gradient of the mean objective, scikit-learn's `tol` (see fitLogistic).
   * Default 1e-4, scikit-learn's: on the benchmark's data (bench/decoding.ts) the out-of-fold
   * predictions differ from the exact optimum's in at most 0.6 % of samples, about as often as
   * scikit-learn's (up to 0.4 %); the fixture cases agree exactly. A smaller tol (the benchmark's
   * optimum uses 1e-9) gives coefficients closer to the optimum's.
   */
  tol?: number;
  /**
   * Starting point (warm start), e.g. the coefficients fitted on similar data: the same classes and
   * feature count, else it is ignored, and only used when its objective is below that of zero
   * coefficients. The optimum is the same (the problem is strictly convex); only the number of
   * iterations changes. Default: zero coefficients.
   */
  initial?: LogisticCoefficients;
  /**
   * Principal axes to solve in, computed once for data that the fits share, e.g. `pcaAxes(block)` of
   * all conditions of a time step for the cross-validation folds fitted on subsets of its rows (see
   * LogisticBasis). Default: the principal axes of X itself. The optimum is the same either way.
   */
  basis?: LogisticBasis;
}

/**
 * Principal axes of a data matrix D (`pcaAxes(D)`: column means μ, axes V, sums of squares λ) and its
 * row count. A fit on rows X of D (or on any X whose rows minus μ lie in the span of V) can be solved
 * in these axes: its optimum weights lie in the row space of the centered training data, which V spans.
 *
 *   const basis = { ...pcaAxes(block), rows: block.rows };
 *   folds.map((train) => fitLogistic(takeRows(block, train), labelsOf(train), { basis }));
 */
export interface LogisticBasis {
  means: Float64Array;
  axes: Matrix;
  sumsOfSquares: Float64Array;
  rows: number;
}

/**
 * Fit scikit-learn's default `LogisticRegression` (penalty "l2", fit_intercept, lbfgs):
 *
 *   two classes:  min_{w,b} ½‖w‖² + C·Σᵢ log(1 + exp(−yᵢ(xᵢ·w + b))),   yᵢ = ±1 (+1 = classes[1])
 *   K > 2:        min_{W,b} ½‖W‖²_F + C·Σᵢ [logΣ_k exp(xᵢ·w_k + b_k) − (xᵢ·w_{yᵢ} + b_{yᵢ})]   (multinomial)
 *
 * The intercept is not penalized and features are not standardized (the fit depends on their scale).
 * Because the optimum weights lie in the row space of the centered training data X̄, the problem is
 * solved exactly in its principal axes V (W = (V·Θ)ᵀ, r ≤ min(n − 1, p) coordinates per decision
 * function, plus the intercepts), or in the axes of `basis`, which span that row space too (shared by
 * the folds of a decode: one eigendecomposition per time step instead of one per fit); logits
 * X̄·(V·Θ) + b' and the gradient cost two n × p × K matrix products per evaluation. L-BFGS runs on
 * u = T⁻¹Θ (first step 1 along −∇_u f), where T is
 * the inverse square root of the Hessian with the softmax curvature averaged over samples,
 * I + C·diag(λ) ⊗ M̄ (λ_k = ‖X̄v_k‖², M̄ = meanᵢ(diag(pᵢ) − pᵢpᵢᵀ) at the current point; see
 * Preconditioner), re-estimated every 20 iterations. On ill-conditioned data (recordings, Y along an
 * optimization) this takes far fewer iterations than scikit-learn's lbfgs on raw features, so where
 * scikit-learn stops at max_iter = 200 short of the optimum this fit usually reaches it; on
 * well-conditioned data (a random Y) both take about as many.
 *
 * Stopping rule, scikit-learn's (scipy L-BFGS-B's gtol = tol on its objective f/(C·n)), independent of
 * the start, the basis and the preconditioner: ‖∇F‖∞ ≤ tol with F = f/(C·n) and the gradient taken in
 * feature coordinates (∂F/∂W, ∂F/∂b); and also ‖∇F‖∞ ≤ 0.01·‖∇F(0)‖∞, which binds only when the
 * gradient at zero is below 100·tol (features on a tiny scale), where the absolute rule alone stops
 * far from the optimum (scikit-learn's own lbfgs then predicts differently from its optimum).
 *
 *   const model = fitLogistic(Matrix.fromRows([[0], [1], [2], [3]]), [0, 0, 1, 1]);
 *   predictLogistic(model, Matrix.fromRows([[0.2], [2.9]])); // [0, 1]
 *   fitLogistic(X2, y, { initial: model }).iterations; // warm start from a fit on similar data
 */
export function fitLogistic(X: Matrix, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticModel {
  const C = options.C ?? 1;
  const maxIter = options.maxIter ?? 200;
  const tol = options.tol ?? 1e-4;
  if (!(C > 0 && Number.isFinite(C))) throw new InputError("C", "a finite inverse regularization strength > 0", `got ${received(C)}`);
  if (!(Number.isInteger(maxIter) && maxIter >= 1)) throw new InputError("maxIter", "an integer ≥ 1", `got ${received(maxIter)}`);
  if (!(tol > 0 && tol < 1)) throw new InputError("tol", "a tolerance in (0, 1)", `got ${received(tol)}`);
  if (y.length !== X.rows) throw new InputError("labels", `one label per row of X (${X.rows})`, `got ${y.length}`);
  if (!allFinite(X.data)) {
    const i = X.data.findIndex((v) => !Number.isFinite(v));
    throw new InputError("X", "finite values", `entry ${i} is ${X.data[i]}`);
  }
  const basis = options.basis;
  if (basis !== undefined && !(basis.axes instanceof Matrix && basis.axes.rows === X.cols && basis.means.length === X.cols && basis.sumsOfSquares.length === basis.axes.cols && basis.rows >= 1))
    throw new InputError("basis", `principal axes of data with X's ${X.cols} features (pcaAxes(D) and D's row count)`, `got ${basis.axes?.rows ?? typeof basis.axes} × ${basis.axes?.cols} axes, ${basis.means?.length} means`);
  const classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
  if (classes.some((c) => !Number.isFinite(c))) throw new InputError("labels", "finite numbers", `got ${classes.join(", ")}`);
  if (classes.length < 2) throw new InputError("labels", "at least two distinct classes among the training samples", `got only ${classes[0]}`);
  const m = classes.length === 2 ? 1 : classes.length;
  const n = X.rows;
  const codes = Int32Array.from(y, (v) => classes.indexOf(v));

  const { means, axes, sumsOfSquares, data, offsets } = solveSpace(X, basis);
  const r = sumsOfSquares.length;
  const size = (r + 1) * m;
  const problem = new LogisticObjective(data, offsets, axes, codes, m, C);
  const objective = (t: Float64Array, grad: Float64Array): number => problem.evaluate(t, grad);
  const G = problem.lossGradient;
  // Stopping rule (scikit-learn's): the gradient of f/(C·n) in feature coordinates, ∇_W = V·∇_Θ + μ·∇_b'ᵀ and ∇_b = ∇_b'.
  const featureGradient = new Matrix(X.cols, m);
  const meanGradientSize = (g: Float64Array) => {
    matmul(axes, new Matrix(r, m, g.subarray(0, r * m)), featureGradient);
    let max = 0;
    for (let c = 0; c < m; c++) {
      const db = g[r * m + c];
      max = Math.max(max, Math.abs(db));
      for (let j = 0; j < X.cols; j++) max = Math.max(max, Math.abs(featureGradient.data[j * m + c] + means[j] * db));
    }
    return max / (C * n);
  };
  const natural = new Float64Array(size); // Θ = T·u of a trial point
  const naturalGradient = new Float64Array(size); // ∇_Θ = T⁻¹·∇_u, for the stopping rule
  const grad = new Float64Array(size); // ∇f at x (and G at x) at the top of every pass below
  const valueAtZero = objective(new Float64Array(size), grad);
  const tolerance = Math.min(tol, RELATIVE_TOLERANCE * meanGradientSize(grad));

  // A warm start is used only where it beats the zero start (after a large change of the data it may not).
  const x = warmStart(options.initial, classes.length, X.cols, { axes, means, r, m });
  let value = valueAtZero;
  if (options.initial) {
    const warm = objective(x, grad);
    if (warm < valueAtZero) value = warm;
    else objective(x.fill(0), grad);
  }
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter && !converged) {
    const T = Preconditioner.at(G, codes, m, C, [...sumsOfSquares, n]);
    const budget = Math.min(RESTART_EVERY, maxIter - iterations);
    const gradient = new Float64Array(size);
    T.apply(grad, gradient);
    const gradientSize = (g: Float64Array) => meanGradientSize(T.solve(g, naturalGradient));
    const solution = minimizeLbfgs(
      (u, g) => {
        T.apply(u, natural); // Θ = T·u
        const v = objective(natural, g);
        T.apply(g, g); // ∇_u = T·∇_Θ (T symmetric)
        return v;
      },
      T.solve(x, new Float64Array(size)),
      { maxIterations: budget, gradientTolerance: tolerance, gradientScale: 1, gradientSize, firstStep: 1, initial: { value, gradient } },
    );
    T.apply(solution.x, x);
    T.solve(solution.gradient, grad);
    value = solution.value;
    iterations += solution.iterations;
    converged = solution.converged;
    if (!converged && solution.iterations < budget) break; // stopped early without converging: the float64 round-off floor
  }

  // Back to feature space: W = (V·Θ)ᵀ, b = b' − W·μ.
  const coef = transpose(matmul(axes, new Matrix(r, m, x.slice(0, r * m))));
  const intercept = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    let shift = 0;
    for (let j = 0; j < X.cols; j++) shift += coef.data[c * X.cols + j] * means[j];
    intercept[c] = x[r * m + c] - shift;
  }
  return { classes, coef, intercept, converged, iterations, capped: !converged && iterations >= maxIter };
}

/**
 * The objective of fitLogistic in the principal axes, f(Θ, b') = ½‖Θ‖²_F + C·loss(X̄·(V·Θ) + 1·b'ᵀ),
 * with its gradient (Θ + C·Vᵀ·X̄ᵀ·G, C·Gᵀ·1), where G = ∂loss/∂logits and X̄ = X − 1μᵀ is centered
 * implicitly (X̄·w = X·w − (μ·w)·1 and X̄ᵀG = XᵀG − μ·(1ᵀG), so X is not copied; μ = 0 for data
 * centered already): two n × p × m products (through the library's GEMM kernel) and one fused pass
 * over the logits per evaluation, into buffers allocated once per fit. The parameters are packed
 * [Θ (r × m, row-major); b' (m)].
 *
 *   const problem = new LogisticObjective(X, means, axes, codes, m, 1);
 *   const value = problem.evaluate(theta, grad);   // problem.lossGradient now holds G
 */
class LogisticObjective {
  /** ∂loss/∂logits (n × m) at the last evaluated point (softmax − one-hot; binary: σ − y). */
  readonly lossGradient: Matrix;
  private readonly logits: Matrix;
  private readonly weights: Matrix;
  private readonly featureGradient: Matrix;
  private readonly thetaGradient: Matrix;
  /** Per class: b'_c − μ·w_c (the intercept of the uncentered logits), and the column sums of G. */
  private readonly shift: Float64Array;
  private readonly gradientSums: Float64Array;

  constructor(
    private readonly X: Matrix,
    private readonly means: Float64Array,
    private readonly axes: Matrix,
    private readonly codes: Int32Array,
    private readonly m: number,
    private readonly C: number,
  ) {
    this.lossGradient = new Matrix(X.rows, m);
    this.logits = new Matrix(X.rows, m);
    this.weights = new Matrix(X.cols, m);
    this.featureGradient = new Matrix(m, X.cols);
    this.thetaGradient = new Matrix(m, axes.cols);
    this.shift = new Float64Array(m);
    this.gradientSums = new Float64Array(m);
  }

  /** f at t = [Θ; b'], ∇f written to grad. */
  evaluate(t: Float64Array, grad: Float64Array): number {
    const { X, means, axes, codes, m, C, logits, shift, gradientSums, lossGradient: G } = this;
    const size = axes.cols * m;
    const p = X.cols;
    const w = matmul(axes, new Matrix(axes.cols, m, t.subarray(0, size)), this.weights).data; // W' = V·Θ
    for (let c = 0; c < m; c++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += means[j] * w[j * m + c];
      shift[c] = t[size + c] - s;
    }
    gradientSums.fill(0);
    let loss: number;
    if (w.some((v) => v !== 0)) {
      matmul(X, this.weights, logits);
      loss = this.loss(logits.data, codes, G.data, gradientSums);
    } else loss = this.lossAtZeroLogits(); // zero weights (every fit starts there): no product, a pass per class
    // (X̄ᵀG)ᵀ = GᵀX − (1ᵀG)ᵀμᵀ, m × p (as GᵀX this product is faster than XᵀG), then (Vᵀ·X̄ᵀ·G)ᵀ = GᵀX̄·V, m × r.
    const gx = matmulTN(G, X, this.featureGradient).data;
    for (let c = 0; c < m; c++) for (let j = 0; j < p; j++) gx[c * p + j] -= gradientSums[c] * means[j];
    const dataGrad = matmul(this.featureGradient, axes, this.thetaGradient).data;
    const r = axes.cols;
    let penalty = 0;
    for (let k = 0; k < r; k++)
      for (let c = 0; c < m; c++) {
        const j = k * m + c;
        penalty += t[j] * t[j];
        grad[j] = t[j] + C * dataGrad[c * r + k];
      }
    for (let c = 0; c < m; c++) grad[size + c] = C * gradientSums[c];
    return 0.5 * penalty + C * loss;
  }

  /** The loss of the logits z + 1·shiftᵀ of rows of classes `codes`; its gradient written to g, g's column sums added to sums. */
  private loss(z: Float64Array, codes: Int32Array, g: Float64Array, sums: Float64Array): number {
    const { m, shift } = this;
    return m === 1 ? binaryLoss(z, shift[0], codes, g, sums) : softmaxLoss(z, shift, codes, m, g, sums);
  }

  /**
   * The loss at zero logits: a row's term and gradient depend only on its class, so they are computed
   * once per class and copied, summed in the same order as the row-by-row pass (the same values).
   */
  private lossAtZeroLogits(): number {
    const { codes, m, gradientSums, lossGradient: G } = this;
    const classes = m === 1 ? 2 : m;
    const rowLoss = new Float64Array(classes);
    const rowGradient = new Float64Array(classes * m);
    const unusedSums = new Float64Array(m);
    for (let k = 0; k < classes; k++) rowLoss[k] = this.loss(new Float64Array(m), Int32Array.of(k), rowGradient.subarray(k * m, (k + 1) * m), unusedSums);
    let loss = 0;
    for (let i = 0; i < codes.length; i++) {
      const k = codes[i];
      loss += rowLoss[k];
      for (let c = 0; c < m; c++) {
        const v = rowGradient[k * m + c];
        G.data[i * m + c] = v;
        gradientSums[c] += v;
      }
    }
    return loss;
  }
}

/**
 * The stopping rule's floor relative to the gradient at zero: ‖∇F‖∞ ≤ min(tol, RELATIVE_TOLERANCE·‖∇F(0)‖∞).
 * It binds only when ‖∇F(0)‖∞ < 100·tol (features on a tiny scale, strong regularization), where
 * scikit-learn's absolute rule alone stops far from the optimum (test/fixtures: binary-tiny-scale).
 */
const RELATIVE_TOLERANCE = 1e-2;

/**
 * Where fitLogistic solves: principal axes (means μ, axes V, sums of squares λ of X's rows along them)
 * and the data the objective multiplies with the column offsets it subtracts (X̄ = data − 1·offsetsᵀ):
 * X's own axes with X centered by pcaAxes (offsets 0), or the given basis with X and its means.
 */
function solveSpace(X: Matrix, basis: LogisticBasis | undefined): { means: Float64Array; axes: Matrix; sumsOfSquares: Float64Array; data: Matrix; offsets: Float64Array } {
  if (basis === undefined) {
    const { means, axes, sumsOfSquares, centered } = pcaAxes(X);
    return { means, axes, sumsOfSquares, data: centered, offsets: new Float64Array(X.cols) };
  }
  // λ_k of the basis data, scaled to X's share of its rows (X's own are not computed: the preconditioner needs only their size).
  const sumsOfSquares = basis.sumsOfSquares.map((l) => (l * X.rows) / basis.rows);
  return { means: basis.means, axes: basis.axes, sumsOfSquares, data: X, offsets: basis.means };
}

/** L-BFGS iterations between re-estimates of the preconditioner. */
const RESTART_EVERY = 20;

/**
 * The change of variables Θ = T·u of the fit: for each row k of Θ (PC k, or the intercepts), the m × m
 * block T_k = (I + C·λ_k·M̄)^(−½), where M̄ = meanᵢ(diag(pᵢ) − pᵢpᵢᵀ) is the mean softmax curvature at
 * the current point (binary: σ(1 − σ)). Since Σᵢ zᵢzᵢᵀ = diag(λ) in the principal axes, I + C·diag(λ) ⊗ M̄
 * approximates the Hessian with the curvature averaged over samples — including the coupling of the
 * classes (the common shift of all logits has no loss curvature) — and T is its inverse square root.
 */
class Preconditioner {
  private constructor(
    /** Eigenvectors Q of M̄ (m × m, column j the j-th) and Qᵀ. */
    private readonly Q: Matrix,
    private readonly QT: Matrix,
    /** Per row k and eigenvector j: (1 + C·λ_k·μ_j)^(−½), and its inverse. */
    private readonly factors: Float64Array,
    private readonly inverseFactors: Float64Array,
    /** U·Q of the rows being transformed. */
    private readonly work: Matrix,
  ) {}

  /** The preconditioner at the point whose ∂loss/∂logits is G (p = G + one-hot), for rows with sums of squares λ. */
  static at(G: Matrix, codes: Int32Array, m: number, C: number, lambda: number[]): Preconditioner {
    const n = G.rows;
    const P = new Matrix(n, m, G.data.slice()); // probabilities: G + one-hot (binary: σ = G + y)
    for (let i = 0; i < n; i++) P.data[i * m + (m === 1 ? 0 : codes[i])] += m === 1 ? codes[i] : 1;
    const M = gramCols(P); // Σᵢ pᵢpᵢᵀ, made Σᵢ diag(pᵢ) − pᵢpᵢᵀ below
    for (let c = 0; c < m * m; c++) M.data[c] = -M.data[c];
    for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) M.data[c * m + c] += P.data[i * m + c];
    const { values, vectors } = eigh(new Matrix(m, m, M.data.map((v) => v / G.rows)));
    const factors = new Float64Array(lambda.length * m);
    lambda.forEach((l, k) => {
      for (let j = 0; j < m; j++) factors[k * m + j] = 1 / Math.sqrt(1 + C * l * Math.max(values[j], 0));
    });
    return new Preconditioner(vectors, transpose(vectors), factors, factors.map((f) => 1 / f), new Matrix(lambda.length, m));
  }

  /** out = T·u (out may be u). */
  apply(u: Float64Array, out: Float64Array): void {
    this.transform(u, out, this.factors);
  }

  /** out = T⁻¹·v (out may be v); returns out. */
  solve(v: Float64Array, out: Float64Array): Float64Array {
    this.transform(v, out, this.inverseFactors);
    return out;
  }

  /** Row k of the (rows × m) u: Q·diag(scale_k)·Qᵀ·u_k, for all rows at once as ((U·Q) ∘ scale)·Qᵀ. */
  private transform(u: Float64Array, out: Float64Array, scale: Float64Array): void {
    const { Q, QT, work } = this;
    matmul(new Matrix(work.rows, Q.rows, u), Q, work);
    for (let i = 0; i < scale.length; i++) work.data[i] *= scale[i];
    matmul(work, QT, new Matrix(work.rows, Q.rows, out));
  }
}

/** Θ and b' = b + W·μ of feature-space coefficients (zero when there are none or they do not fit). */
function warmStart(initial: LogisticCoefficients | undefined, K: number, p: number, basis: { axes: Matrix; means: Float64Array; r: number; m: number }): Float64Array {
  const { axes, means, r, m } = basis;
  const x = new Float64Array((r + 1) * m);
  if (!initial || initial.coef.rows !== m || initial.coef.cols !== p || initial.intercept.length !== m || m !== (K === 2 ? 1 : K)) return x;
  const thetaT = matmul(initial.coef, axes); // m × r: Θᵀ = W·V, the part of W in the row space
  for (let k = 0; k < r; k++) for (let c = 0; c < m; c++) x[k * m + c] = thetaT.data[c * r + k];
  for (let c = 0; c < m; c++) {
    let shift = 0;
    for (let j = 0; j < p; j++) shift += initial.coef.data[c * p + j] * means[j];
    x[r * m + c] = initial.intercept[c] + shift;
  }
  return x.every(Number.isFinite) ? x : new Float64Array(x.length);
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

/**
 * Σᵢ log(1 + exp(−yᵢ·(zᵢ + b))), yᵢ = +1 for code 1 and −1 for code 0, and its derivative in each zᵢ
 * (written to g; their sum added to sums[0]); stable for any |z|.
 */
function binaryLoss(z: Float64Array, b: number, codes: Int32Array, g: Float64Array, sums: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const y = codes[i] === 1 ? 1 : -1;
    const m = -y * (z[i] + b);
    const e = Math.exp(-Math.abs(m));
    g[i] = (-y * (m > 0 ? 1 : e)) / (1 + e);
    sums[0] += g[i];
    loss += Math.max(m, 0) + Math.log1p(e);
  }
  return loss;
}

/**
 * Σᵢ [logΣ_c exp(z_ic + b_c) − (z_{i,yᵢ} + b_{yᵢ})] over the rows of the n × K logits z (without the
 * intercepts b), its gradient softmax(zᵢ + b) − e_{yᵢ} (written to g) and the column sums of that
 * gradient (added to sums). The exponentials are fastExp's (the loop's largest cost with Math.exp).
 */
function softmaxLoss(z: Float64Array, b: Float64Array, codes: Int32Array, K: number, g: Float64Array, sums: Float64Array): number {
  let loss = 0;
  for (let i = 0, o = 0; i < codes.length; i++, o += K) {
    let max = -Infinity;
    for (let c = 0; c < K; c++) max = Math.max(max, z[o + c] + b[c]);
    let sum = 0;
    for (let c = 0; c < K; c++) {
      const e = fastExp(z[o + c] + b[c] - max);
      g[o + c] = e;
      sum += e;
    }
    const inverse = 1 / sum;
    const y = codes[i];
    for (let c = 0; c < K; c++) {
      const v = g[o + c] * inverse - (c === y ? 1 : 0);
      g[o + c] = v;
      sums[c] += v;
    }
    loss += max + Math.log(sum) - (z[o + codes[i]] + b[codes[i]]);
  }
  return loss;
}

