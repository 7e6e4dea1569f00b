import { Matrix, addScaledInPlace, centerCols, colMeans, gramCols, matmul, matmulNT, matmulTN, takeRows, transpose } from "../tensor/matrix";
import { RidgeSolver } from "./regression_solver";

/**
 * One fit-and-evaluate step of a linear (ridge) regression of targets T (n×p) on regressors R (n×q),
 * with its exact backward pass: the building block of every regression measure.
 *
 *   μ_R, μ_T = means of the training rows (zero when `center` is false)
 *   R_t, T_t = training rows minus μ;   R_v = test rows minus μ_R
 *   B = (R_tᵀR_t + λI)⁺ R_tᵀT_t              (λ = 0: minimum-norm least squares)
 *   P = R_v·B                                 (prediction of the test targets minus μ_T)
 *
 * Backward, for a score f with G_P = ∂f/∂P (paper §2.7, extended to the pseudo-inverse):
 *
 *   G_B = R_vᵀG_P,  H = K·G_B  (K = (R_tᵀR_t + λI)⁺)
 *   ∂f/∂R_v = G_P·Bᵀ
 *   ∂f/∂R_t = T_t·Hᵀ − R_t·(B·Hᵀ + H·Bᵀ) + R_t·K·B·G_Bᵀ·N      (N: null-space projector, λ = 0 only)
 *   ∂f/∂T_t = R_t·H
 *
 * and the means pass the column sums back to the training rows. Two factorizations of the same
 * formulas are used, whichever costs fewer flops:
 *   - "normal equations": form B (q×p) — best for in-sample fits and few regressors;
 *   - "test-side": never form B, only W = K·R_vᵀ (q×n_test) and R_t·W (n_train×n_test) — best
 *     when the test block is small compared with the number of targets (5-fold CV on Mante: 216
 *     test rows, 727 targets), about half the flops.
 */
export interface Split {
  /** Rows the map is fitted on (their means center both arguments). */
  train: Int32Array;
  /** Rows it is evaluated on; null: in-sample (evaluated on the training rows). */
  test: Int32Array | null;
}

/** The part of a split that depends on the regressors only (cacheable when they are the fixed reference). */
export interface RegressorBlock {
  readonly split: Split;
  readonly lambda: number;
  readonly center: boolean;
  readonly train: Matrix;
  /** Centered test rows; the same object as `train` for an in-sample split. */
  readonly test: Matrix;
  readonly solver: RidgeSolver;
  /** Test-side factorization: W = K·R_vᵀ and R_t·W, computed on first use. */
  testSide?: { W: Matrix; RW: Matrix };
}

/** The part of a split that depends on the targets only. */
export interface TargetBlock {
  readonly mean: Float64Array;
  readonly train: Matrix;
  /** Centered test targets (T_v − μ_T); the same object as `train` for an in-sample split. */
  readonly test: Matrix;
}

/** Gradient of the score with respect to what one split produced. */
export interface BlockGradient {
  /** ∂f/∂P, P the centered prediction (n_test×p). */
  prediction: Matrix;
  /** ∂f/∂(T_v − μ_T) when the score reads the centered test targets. */
  testTarget?: Matrix | null;
  /** ∂f/∂μ_T from direct uses of the training mean (e.g. a prediction reported as P + μ_T). */
  targetMean?: Float64Array | null;
}

/** Full-size gradient accumulators (n×q for R, n×p for T); null when not wanted. */
export interface GradientSink {
  R: Matrix | null;
  T: Matrix | null;
}

export interface BlockFit {
  /** Prediction of the centered test targets. */
  readonly prediction: Matrix;
  /** Adds this split's contribution to the gradients in `sink`. */
  backward(g: BlockGradient, sink: GradientSink): void;
}

function meansOf(A: Matrix, rows: Int32Array, center: boolean): { block: Matrix; mean: Float64Array } {
  const block = takeRows(A, rows);
  if (!center) return { block, mean: new Float64Array(A.cols) };
  const mean = colMeans(block);
  return { block: centerCols(block, mean), mean };
}

/** Regressor side of a split: centered blocks and the factorization of R_tᵀR_t + λI. */
export function regressorBlock(R: Matrix, split: Split, lambda: number, center: boolean): RegressorBlock {
  const { block: train, mean } = meansOf(R, split.train, center);
  const test = split.test ? centerCols(takeRows(R, split.test), mean) : train;
  return { split, lambda, center, train, test, solver: RidgeSolver.factor(gramCols(train), lambda) };
}

/** Target side of a split: training mean and centered blocks. */
export function targetBlock(T: Matrix, split: Split, center: boolean): TargetBlock {
  const { block: train, mean } = meansOf(T, split.train, center);
  const test = split.test ? centerCols(takeRows(T, split.test), mean) : train;
  return { mean, train, test };
}

/**
 * Fit on the training rows and predict the test rows. `leastSquaresStationary`: the score is
 * stationary in B at the least-squares fit (pooled R² or cosine of an in-sample λ = 0 fit), so
 * G_B = 0 and the H terms vanish (the first-order optimality of B).
 */
export function fitBlock(rb: RegressorBlock, tb: TargetBlock, leastSquaresStationary = false): BlockFit {
  const inSample = rb.split.test === null;
  if (!inSample && (rb.testSide || testSideIsCheaper(rb, tb))) return fitTestSide(rb, tb);
  return fitNormalEquations(rb, tb, inSample && leastSquaresStationary && rb.lambda === 0);
}

function testSideIsCheaper(rb: RegressorBlock, tb: TargetBlock): boolean {
  const nt = rb.train.rows;
  const nv = rb.test.rows;
  const q = rb.train.cols;
  const p = tb.train.cols;
  const testSide = nv * (4 * q * q + nt * (5 * q + 2 * p));
  const normal = nt * q * (2 * p + q) + 5 * q * q * p + 3 * nv * q * p;
  return testSide < normal;
}

function fitNormalEquations(rb: RegressorBlock, tb: TargetBlock, skipH: boolean): BlockFit {
  const { train: Rt, test: Rv, solver } = rb;
  const inSample = rb.split.test === null;
  const B = solver.solve(matmulTN(Rt, tb.train));
  const prediction = matmul(Rv, B);
  return {
    prediction,
    backward(g, sink) {
      let gRt: Matrix | null = null;
      let gTt: Matrix | null = null;
      const gRv = sink.R ? matmulNT(g.prediction, B) : null;
      if (!skipH) {
        const GB = matmulTN(Rv, g.prediction);
        const H = solver.solve(GB);
        if (sink.R) {
          const S = matmulNT(B, H);
          const St = transpose(S);
          addScaledInPlace(S, 1, St); // B·Hᵀ + H·Bᵀ
          gRt = addScaledInPlace(matmulNT(tb.train, H), -1, matmul(Rt, S));
          if (!inSample && solver.rankDeficient) {
            const KBGt = solver.solve(matmulNT(B, GB));
            addScaledInPlace(gRt, 1, matmul(Rt, solver.projectNull(KBGt) as Matrix));
          }
        }
        if (sink.T) gTt = matmul(Rt, H);
      }
      scatter(sink, rb, tb, gRt, gRv, gTt, g);
    },
  };
}

function fitTestSide(rb: RegressorBlock, tb: TargetBlock): BlockFit {
  const { train: Rt, test: Rv, solver } = rb;
  if (!rb.testSide) {
    const W = solver.solve(transpose(Rv));
    rb.testSide = { W, RW: matmul(Rt, W) };
  }
  const { W, RW } = rb.testSide;
  const prediction = matmulTN(RW, tb.train);
  return {
    prediction,
    backward(g, sink) {
      let gRt: Matrix | null = null;
      let gRv: Matrix | null = null;
      if (sink.R) {
        const Ft = matmulNT(tb.train, g.prediction); // T_t·G_Pᵀ
        const V = solver.solve(matmulTN(Rt, Ft)); // B·G_Pᵀ
        gRv = transpose(V);
        gRt = addScaledInPlace(matmulNT(addScaledInPlace(Ft, -1, matmul(Rt, V)), W), -1, matmulNT(RW, V));
        const RvN = solver.projectNull(Rv);
        if (RvN) addScaledInPlace(gRt, 1, matmul(matmul(Rt, solver.solve(V)), RvN));
      }
      const gTt = sink.T ? matmul(RW, g.prediction) : null;
      scatter(sink, rb, tb, gRt, gRv, gTt, g);
    },
  };
}

/**
 * Adds block gradients to the full-size sinks, passing the gradients of the centered blocks through
 * the training means: a training row receives g − (Σ g_train + Σ g_test − g_μ)/n_train.
 */
function scatter(sink: GradientSink, rb: RegressorBlock, tb: TargetBlock, gRt: Matrix | null, gRv: Matrix | null, gTt: Matrix | null, g: BlockGradient): void {
  const { train, test } = rb.split;
  if (sink.R) addCentered(sink.R, train, test, gRt, gRv, null, rb.center);
  if (sink.T) addCentered(sink.T, train, test, gTt, g.testTarget ?? null, g.targetMean ?? null, rb.center);
}

function addCentered(out: Matrix, train: Int32Array, test: Int32Array | null, gTrain: Matrix | null, gTest: Matrix | null, gMean: Float64Array | null, center: boolean): void {
  const c = out.cols;
  const o = out.data;
  const shift = new Float64Array(c);
  if (center) {
    for (const G of [gTrain, gTest]) if (G) for (let i = 0; i < G.rows; i++) for (let j = 0; j < c; j++) shift[j] -= G.data[i * c + j];
    if (gMean) for (let j = 0; j < c; j++) shift[j] += gMean[j];
    for (let j = 0; j < c; j++) shift[j] /= train.length;
  }
  const testRows = test ?? train;
  for (let k = 0; k < train.length; k++) {
    const r = train[k] * c;
    for (let j = 0; j < c; j++) o[r + j] += shift[j] + (gTrain ? gTrain.data[k * c + j] : 0);
  }
  if (gTest)
    for (let k = 0; k < testRows.length; k++) {
      const r = testRows[k] * c;
      for (let j = 0; j < c; j++) o[r + j] += gTest.data[k * c + j];
    }
}
