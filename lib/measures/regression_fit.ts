import { Matrix, addOuterInPlace, axpby, addScaledInPlace, centerCols, colSums, gramCols, gramRows, matmul, matmulNT, matmulTN, takeRows, transpose } from "../tensor/matrix";
import { RidgeSolver } from "./regression_solver";
import type { Split } from "./splits";

/**
 * One fit-and-evaluate step of a linear (ridge) regression of targets T (n×p) on regressors R (n×q),
 * with its exact backward pass: the building block of every regression measure.
 *
 *   μ_R, μ_T = means of the training rows (zero when not centering)
 *   R_t, T_t = training rows minus μ;   R_v = test rows minus μ_R
 *   B = (R_tᵀR_t + λI)⁺ R_tᵀT_t              (λ = 0: minimum-norm least squares)
 *   P = R_v·B                                 (prediction of the test targets minus μ_T)
 *
 * Backward, for a score f with G_P = ∂f/∂P (paper §2.7, extended to the pseudo-inverse):
 *
 *   G_B = R_vᵀG_P,  H = K·G_B,  K = (R_tᵀR_t + λI)⁺,  S = B·Hᵀ + H·Bᵀ − K·B·G_Bᵀ·N
 *   ∂f/∂R_v = G_P·Bᵀ,   ∂f/∂R_t = T_t·Hᵀ − R_t·S,   ∂f/∂T_t = R_t·H
 *
 * (N: projector onto the null space of R_t, only for rank-deficient λ = 0 fits), and the means pass
 * column sums back to the training rows.
 *
 * Speed. With centering, every argument is first centered over all rows (the scores are invariant
 * to a common shift). The training rows of a held-out split are the complement of its test rows, so
 * R_tᵀR_t and R_tᵀT_t are downdated from the all-row products (RᵀR − R_vᵀR_v − n_t·μμᵀ), and the
 * training-row gradients T_t·Hᵀ − R_t·S of all splits are collected as Σ H and Σ S and applied with
 * two products over all rows at the end, minus the test rows' share: no split touches its training
 * rows. When the test block is small compared with the number of targets (5-fold CV on Mante: 216
 * test rows, 727 targets), a "test-side" factorization that never forms B (only W = K·R_vᵀ) costs
 * about half as much and is used instead. Regressors with more columns than training rows (a model
 * layer of thousands of units against hundreds of stimuli) use the dual form on n_t×n_t sample Gram
 * matrices instead of q×q ones.
 */

/** Common part of both arguments' blocks. */
interface Block {
  readonly split: Split;
  readonly center: boolean;
  /** The argument, centered over all rows when centering; shared by all splits. */
  readonly source: Matrix;
  /** Training mean of `source` (zero without centering and for in-sample splits). */
  readonly mean: Float64Array;
  /** Test rows of `source` (the source itself for an in-sample split). */
  readonly testRaw: Matrix;
  /** Test rows minus the training mean. */
  readonly test: Matrix;
  /** Training rows minus the training mean (materialized on first use). */
  train(): Matrix;
}

/**
 * A split of the regressors: its blocks and the factorization of R_tᵀR_t + λI (q×q), or, when the
 * regressors have more columns than training rows, the dual (sample-space) factorization of
 * G + λI with G = R_tR_tᵀ (n_t×n_t), using B = R_tᵀ(G + λI)⁺T_t (the same minimum-norm solution).
 */
export interface RegressorBlock extends Block {
  readonly lambda: number;
  readonly solver: RidgeSolver;
  /** Dual form: G = R_tR_tᵀ and cross = R_vR_tᵀ (null in-sample, where it is G). */
  readonly dual?: { G: Matrix; cross: Matrix | null };
  /** Test-side factorization W = K·R_vᵀ and R_t·W, cached on first use. */
  testSide?: { W: Matrix; RW: Matrix };
}

/** A split of the targets. */
export type TargetBlock = Block;

function blocks(A: Matrix, splits: Split[], center: boolean): Block[] {
  const source = center ? centerCols(A) : A;
  const total = colSums(source);
  return splits.map((split) => {
    if (!split.test) return { split, center, source, mean: new Float64Array(A.cols), testRaw: source, test: source, train: () => source };
    const testRaw = takeRows(source, split.test);
    const mean = new Float64Array(A.cols);
    if (center) {
      const inTest = colSums(testRaw);
      for (let j = 0; j < A.cols; j++) mean[j] = (total[j] - inTest[j]) / split.train.length;
    }
    let train: Matrix | null = null;
    return { split, center, source, mean, testRaw, test: centerCols(testRaw, mean), train: () => train ?? (train = centerCols(takeRows(source, split.train), mean)) };
  });
}

/**
 * Regressor blocks of all splits: R_tᵀR_t downdated from the all-row Gram matrix RᵀR, or, for
 * regressors wider than the training rows, the sample Gram matrices cut from RRᵀ and centered.
 */
export function regressorBlocks(R: Matrix, splits: Split[], lambda: number, center: boolean): RegressorBlock[] {
  const base = blocks(R, splits, center);
  if (base.some((b) => R.cols > b.split.train.length)) {
    const K = gramRows(base[0].source);
    return base.map((b) => {
      const dual = sampleGrams(K, b.split, center);
      return { ...b, lambda, solver: RidgeSolver.factor(center ? shiftedOnOnes(dual.G) : dual.G, lambda), dual };
    });
  }
  const testGrams = partitionsRows(splits, R.rows) ? base.map((b) => gramCols(b.testRaw)) : null;
  const gram = testGrams ? sumOf(testGrams) : gramCols(base[0].source);
  return base.map((b, k) => {
    if (!b.split.test) return { ...b, lambda, solver: RidgeSolver.factor(gram, lambda) };
    const A = addScaledInPlace(gram.clone(), -1, testGrams ? testGrams[k] : gramCols(b.testRaw));
    addOuterInPlace(A, -b.split.train.length, b.mean, b.mean);
    return { ...b, lambda, solver: RidgeSolver.factor(A, lambda) };
  });
}

/** The test rows of `splits` cover each of `rows` rows exactly once (k-fold CV), so RᵀR = Σ R_vᵀR_v. */
function partitionsRows(splits: Split[], rows: number): boolean {
  const seen = new Uint8Array(rows);
  let count = 0;
  for (const { test } of splits) {
    if (!test) return false;
    for (const r of test) {
      if (seen[r]) return false;
      seen[r] = 1;
      count++;
    }
  }
  return count === rows;
}

/** Σ of equally shaped matrices (a new matrix). */
function sumOf(parts: Matrix[]): Matrix {
  return parts.slice(1).reduce((acc, M) => addScaledInPlace(acc, 1, M), parts[0].clone());
}

/** Rows `rows` and columns `cols` of A. */
function pick(A: Matrix, rows: Int32Array, cols: Int32Array): Matrix {
  const out = new Matrix(rows.length, cols.length);
  rows.forEach((r, i) => cols.forEach((c, j) => (out.data[i * cols.length + j] = A.data[r * A.cols + c])));
  return out;
}

/**
 * G = R_tR_tᵀ and R_vR_tᵀ from the sample Gram matrix K = RRᵀ: with centering, rows and columns of
 * the training block lose their means (G = K_tt − r1ᵀ − 1rᵀ + m, r = row means of K_tt, m = mean of
 * r) and the test-by-training block loses s1ᵀ + 1rᵀ − m (s = row means of K_vt).
 */
function sampleGrams(K: Matrix, split: Split, center: boolean): { G: Matrix; cross: Matrix | null } {
  const t = split.train;
  const G = pick(K, t, t);
  const cross = split.test ? pick(K, split.test, t) : null;
  if (!center) return { G, cross };
  const nt = t.length;
  const r = colSums(G).map((x) => x / nt); // G is symmetric: column means = row means
  const m = r.reduce((a, b) => a + b, 0) / nt;
  for (let i = 0; i < nt; i++) for (let j = 0; j < nt; j++) G.data[i * nt + j] += m - r[i] - r[j];
  if (cross)
    for (let i = 0; i < cross.rows; i++) {
      let si = 0;
      for (let j = 0; j < nt; j++) si += cross.data[i * nt + j] / nt;
      for (let j = 0; j < nt; j++) cross.data[i * nt + j] += m - r[j] - si;
    }
  return { G, cross };
}

/**
 * G + c·11ᵀ with c = tr(G)/n². A centered G has the null vector 1, so G + λI is singular for λ = 0;
 * every right-hand side the dual solves is centered (T_t, and (R_vR_tᵀ)ᵀG_P since R_t is centered),
 * and on centered vectors (G + c·11ᵀ + λI)⁺ = (G + λI)⁺ (1 is an eigenvector of both). The shift
 * keeps the Cholesky path open for λ = 0; derivatives are unchanged since the shift is constant.
 */
function shiftedOnOnes(G: Matrix): Matrix {
  const n = G.rows;
  let trace = 0;
  for (let i = 0; i < n; i++) trace += G.data[i * n + i];
  const out = G.clone();
  for (let i = 0; i < out.data.length; i++) out.data[i] += trace / (n * n);
  return out;
}

/** Target blocks of all splits. */
export function targetBlocks(T: Matrix, splits: Split[], center: boolean): TargetBlock[] {
  return blocks(T, splits, center);
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

/**
 * Gradient accumulators (n×q for R, n×p for T; null when not wanted), with the training-row terms
 * of held-out splits collected in `deferred` until finishGradients.
 */
export interface GradientSink {
  R: Matrix | null;
  T: Matrix | null;
  deferred?: { H: Matrix; S: Matrix; rowR: Float64Array; rowT: Float64Array; folds?: FoldShare[] };
}

/**
 * A held-out split whose test rows are disjoint from every other split's (k-fold CV): instead of
 * subtracting its own share T̃_vH_kᵀ − R̃_vS_k from what finishGradients adds to all rows, its test
 * rows receive T̃_v(ΣH − H_k)ᵀ − R̃_v(ΣS − S_k) there (two products per fold fewer).
 */
interface FoldShare {
  rows: Int32Array;
  /** Those rows of the sources. */
  R: Matrix;
  T: Matrix;
  /** The split's own H_k and S_k (null: none, for rows in no recorded split; S also without an R gradient). */
  H: Matrix | null;
  S: Matrix | null;
}

/**
 * Products of the two sources shared by the splits of one evaluation (R̃ᵀT̃, computed on first use).
 * When the splits' test rows partition the rows (k-fold CV), R̃ᵀT̃ is the sum of the test blocks'
 * R_vᵀT_v, which the held-out fits need anyway: `folds` keeps all blocks and those products.
 */
export interface PairCache {
  cross?: Matrix;
  folds?: { regressors: RegressorBlock[]; targets: TargetBlock[]; testCross?: Matrix[] };
}

/**
 * The shared-product cache for the blocks of one evaluation (one entry per split, same order).
 *
 *   const pair = pairCache(rb, tb);
 *   const fits = rb.map((r, k) => fitBlock(r, tb[k], pair));
 */
export function pairCache(regressors: RegressorBlock[], targets: TargetBlock[]): PairCache {
  const splits = regressors.map((b) => b.split);
  return partitionsRows(splits, regressors[0].source.rows) ? { folds: { regressors, targets } } : {};
}

/** R_vᵀT_v of the test rows (raw: centered over all rows, not by the training means). */
function testCrossProduct(rb: RegressorBlock, tb: TargetBlock, pair: PairCache): Matrix {
  const folds = pair.folds;
  if (!folds) return matmulTN(rb.testRaw, tb.testRaw);
  const all = (folds.testCross ??= folds.regressors.map((r, k) => matmulTN(r.testRaw, folds.targets[k].testRaw)));
  return all[folds.regressors.indexOf(rb)];
}

export interface BlockFit {
  /** Prediction of the centered test targets. */
  readonly prediction: Matrix;
  /** Adds this split's contribution to the gradients in `sink`. */
  backward(g: BlockGradient, sink: GradientSink): void;
}

function crossProduct(rb: RegressorBlock, tb: TargetBlock, pair: PairCache): Matrix {
  if (pair.cross) return pair.cross;
  return (pair.cross = pair.folds ? sumOf(pair.folds.regressors.map((r, k) => testCrossProduct(r, pair.folds!.targets[k], pair))) : matmulTN(rb.source, tb.source));
}

/**
 * Fit on the training rows and predict the test rows. `leastSquaresStationary`: the score is
 * stationary in B at the least-squares fit (pooled R² or cosine of an in-sample λ = 0 fit), so
 * G_B = 0 and the H terms vanish (the first-order optimality of B).
 */
export function fitBlock(rb: RegressorBlock, tb: TargetBlock, pair: PairCache, leastSquaresStationary = false): BlockFit {
  if (rb.dual) return fitDual(rb, tb);
  if (!rb.split.test) return fitInSample(rb, tb, pair, leastSquaresStationary && rb.lambda === 0);
  if (rb.testSide || testSideIsCheaper(rb, tb)) return fitTestSide(rb, tb);
  return fitHeldOut(rb, tb, pair);
}

/** Flop counts of one held-out split: test-side factorization vs downdated normal equations. */
function testSideIsCheaper(rb: RegressorBlock, tb: TargetBlock): boolean {
  const nt = rb.split.train.length;
  const nv = rb.test.rows;
  const q = rb.test.cols;
  const p = tb.test.cols;
  const testSide = nv * (4 * q * q + nt * (5 * q + 2 * p));
  const normal = nv * q * (8 * p + q) + 5 * q * q * p;
  return testSide < normal;
}

function fitInSample(rb: RegressorBlock, tb: TargetBlock, pair: PairCache, skipH: boolean): BlockFit {
  const R = rb.source;
  const T = tb.source;
  const B = rb.solver.solve(crossProduct(rb, tb, pair));
  const prediction = matmul(R, B);
  return {
    prediction,
    backward(g, sink) {
      let gRt: Matrix | null = null;
      let gTt: Matrix | null = null;
      const gRv = sink.R ? matmulNT(g.prediction, B) : null;
      if (!skipH) {
        const H = rb.solver.solve(matmulTN(R, g.prediction));
        if (sink.R) gRt = addScaledInPlace(matmulNT(T, H), -1, matmul(R, symmetricProduct(B, H)));
        if (sink.T) gTt = matmul(R, H);
      }
      scatter(sink, rb, gRt, gRv, gTt, g);
    },
  };
}

/** B·Hᵀ + H·Bᵀ. */
function symmetricProduct(B: Matrix, H: Matrix): Matrix {
  const S = matmulNT(B, H);
  return addScaledInPlace(S, 1, transpose(S));
}

function fitHeldOut(rb: RegressorBlock, tb: TargetBlock, pair: PairCache): BlockFit {
  const { solver } = rb;
  const nt = rb.split.train.length;
  const C = addScaledInPlace(crossProduct(rb, tb, pair).clone(), -1, testCrossProduct(rb, tb, pair));
  addOuterInPlace(C, -nt, rb.mean, tb.mean); // R_tᵀT_t
  const B = solver.solve(C);
  const prediction = matmul(rb.test, B);
  return {
    prediction,
    backward(g, sink) {
      const GB = matmulTN(rb.test, g.prediction);
      const H = solver.solve(GB);
      const d = deferredSink(sink, rb.test.cols, tb.test.cols);
      const byFold = pair.folds !== undefined;
      addScaledInPlace(d.H, 1, H);
      const test = rb.split.test as Int32Array;
      if (sink.R) {
        const S = symmetricProduct(B, H);
        const nullTerm = solver.rankDeficient ? solver.projectNull(solver.solve(matmulNT(B, GB))) : null;
        if (nullTerm) addScaledInPlace(S, -1, nullTerm);
        addScaledInPlace(d.S, 1, S);
        const gRv = matmulNT(g.prediction, B);
        // training rows get T̃ᵢHᵀ − R̃ᵢS + row, row = μ_RᵀS − (Hμ_T)ᵀ − Σ gRv / n_t
        const row = addScaledInPlace(matmul(asRow(rb.mean), S), -1, matmulNT(asRow(tb.mean), H));
        addScaledInPlace(row, -1 / nt, asRow(colSums(gRv)));
        addScaledInPlace(asRow(d.rowR), 1, row);
        // test rows: their own gradient, minus their share of what finishGradients adds to all rows
        const own = byFold ? gRv : addScaledInPlace(gRv, -1, addScaledInPlace(matmulNT(tb.testRaw, H), -1, matmul(rb.testRaw, S)));
        addRowsShifted(sink.R, test, own, row.data, -1);
        if (byFold) (d.folds ??= []).push({ rows: test, R: rb.testRaw, T: tb.testRaw, H, S });
      }
      if (sink.T) {
        // training rows get R̃ᵢH + row, row = −μ_RᵀH + (g_μ − Σ g_Tv) / n_t
        const row = matmul(asRow(rb.mean), H);
        for (let j = 0; j < row.cols; j++) row.data[j] = -row.data[j];
        if (g.targetMean) addScaledInPlace(row, 1 / nt, asRow(g.targetMean));
        if (g.testTarget) addScaledInPlace(row, -1 / nt, asRow(colSums(g.testTarget)));
        addScaledInPlace(asRow(d.rowT), 1, row);
        const testTarget = g.testTarget ?? new Matrix(test.length, tb.test.cols);
        const own = byFold ? testTarget : addScaledInPlace(testTarget.clone(), -1, matmul(rb.testRaw, H));
        addRowsShifted(sink.T, test, own, row.data, -1);
        if (byFold && !sink.R) (d.folds ??= []).push({ rows: test, R: rb.testRaw, T: tb.testRaw, H, S: null });
      }
    },
  };
}

/** A vector as a 1×n matrix sharing its storage. */
function asRow(v: Float64Array): Matrix {
  return new Matrix(1, v.length, v);
}

function fitTestSide(rb: RegressorBlock, tb: TargetBlock): BlockFit {
  const { test: Rv, solver } = rb;
  const Rt = rb.train();
  const Tt = tb.train();
  if (!rb.testSide) {
    const W = solver.solve(transpose(Rv));
    rb.testSide = { W, RW: matmul(Rt, W) };
  }
  const { W, RW } = rb.testSide;
  const prediction = matmulTN(RW, Tt);
  return {
    prediction,
    backward(g, sink) {
      let gRt: Matrix | null = null;
      let gRv: Matrix | null = null;
      if (sink.R) {
        const Ft = matmulNT(Tt, g.prediction); // T_t·G_Pᵀ
        const V = solver.solve(matmulTN(Rt, Ft)); // B·G_Pᵀ
        gRv = transpose(V);
        gRt = addScaledInPlace(matmulNT(addScaledInPlace(Ft, -1, matmul(Rt, V)), W), -1, matmulNT(RW, V));
        const RvN = solver.projectNull(Rv);
        if (RvN) addScaledInPlace(gRt, 1, matmul(matmul(Rt, solver.solve(V)), RvN));
      }
      const gTt = sink.T ? matmul(RW, g.prediction) : null;
      scatter(sink, rb, gRt, gRv, gTt, g);
    },
  };
}

/**
 * Dual form, α = (G + λI)⁺T_t, P = R_vR_tᵀα. Backward with β = (G + λI)⁺·(R_vR_tᵀ)ᵀG_P:
 *   ∂f/∂(R_vR_tᵀ) = G_Pαᵀ,  ∂f/∂G = −βαᵀ (+ null-space terms of a pseudo-inverse),  ∂f/∂T_t = β,
 * then ∂f/∂R_v = G_{cross}·R_t, ∂f/∂R_t = G_{cross}ᵀR_v + (G_G + G_Gᵀ)R_t.
 */
function fitDual(rb: RegressorBlock, tb: TargetBlock): BlockFit {
  const { solver } = rb;
  const { G, cross } = rb.dual as { G: Matrix; cross: Matrix | null };
  const Tt = tb.train();
  const alpha = solver.solve(Tt);
  const prediction = matmul(cross ?? G, alpha);
  return {
    prediction,
    backward(g, sink) {
      const gAlpha = matmulTN(cross ?? G, g.prediction);
      const beta = solver.solve(gAlpha);
      let gRt: Matrix | null = null;
      let gRv: Matrix | null = null;
      if (sink.R) {
        const gG = matmulNT(beta, alpha);
        for (let i = 0; i < gG.data.length; i++) gG.data[i] = -gG.data[i];
        if (solver.rankDeficient) {
          // d(G⁺) = −G⁺·dG·G⁺ + G⁺G⁺·dG·N + N·dG·G⁺G⁺
          const nullT = solver.projectNull(transpose(Tt)) as Matrix;
          const nullGrad = solver.projectNull(transpose(gAlpha)) as Matrix;
          addScaledInPlace(gG, 1, matmul(solver.solve(beta), nullT));
          addScaledInPlace(gG, 1, matmulNT(transpose(nullGrad), solver.solve(alpha)));
        }
        const gCross = matmulNT(g.prediction, alpha);
        const Rt = rb.train();
        if (cross) {
          gRv = matmul(gCross, Rt);
          gRt = addScaledInPlace(matmulTN(gCross, rb.test), 1, matmul(addScaledInPlace(gG, 1, transpose(gG)), Rt));
        } else {
          addScaledInPlace(gG, 1, gCross); // in-sample: the cross Gram matrix is G itself
          gRt = matmul(addScaledInPlace(gG, 1, transpose(gG)), Rt);
        }
      }
      scatter(sink, rb, gRt, gRv, sink.T ? beta : null, g);
    },
  };
}

function deferredSink(sink: GradientSink, q: number, p: number) {
  return (sink.deferred ??= { H: new Matrix(q, p), S: new Matrix(q, q), rowR: new Float64Array(q), rowT: new Float64Array(p) });
}

/**
 * Applies the deferred training-row terms of held-out splits to all rows:
 * R rows += T̃·(ΣH)ᵀ − R̃·ΣS + Σ rowR,  T rows += R̃·ΣH + Σ rowT (each split already removed its test
 * rows' share, or, for disjoint folds, its rows get ΣH − H_k and ΣS − S_k here; see FoldShare).
 */
export function finishGradients(sink: GradientSink, R: Matrix, T: Matrix): void {
  const d = sink.deferred;
  if (!d) return;
  const folds = d.folds ?? [];
  for (const f of [...folds, otherRows(folds, R, T)]) {
    if (f.rows.length === 0) continue;
    const H = f.H ? axpby(1, d.H, -1, f.H) : d.H;
    if (sink.R) addRowsShifted(sink.R, f.rows, addScaledInPlace(matmulNT(f.T, H), -1, matmul(f.R, f.S ? axpby(1, d.S, -1, f.S) : d.S)), d.rowR, 1);
    if (sink.T) addRowsShifted(sink.T, f.rows, matmul(f.R, H), d.rowT, 1);
  }
  sink.deferred = undefined;
}

/** The rows in none of `folds` (all rows, uncopied, when there are none), with no own share. */
function otherRows(folds: FoldShare[], R: Matrix, T: Matrix): FoldShare {
  const taken = new Uint8Array(R.rows);
  for (const f of folds) for (const r of f.rows) taken[r] = 1;
  const rows = Int32Array.from({ length: R.rows }, (_, i) => i).filter((i) => !taken[i]);
  const all = rows.length === R.rows;
  return { rows, R: all ? R : takeRows(R, rows), T: all ? T : takeRows(T, rows), H: null, S: null };
}

/** out[rows[k]] += M[k] + s·shift (rows null: all rows in order; M null: the shift alone, to every row of `rows`). */
function addRowsShifted(out: Matrix, rows: Int32Array | null, M: Matrix | null, shift: Float64Array, s: number): void {
  const c = out.cols;
  const o = out.data;
  const m = M ? M.data : null;
  const count = M ? M.rows : (rows as Int32Array).length;
  for (let k = 0; k < count; k++) {
    const r = (rows ? rows[k] : k) * c;
    if (m) for (let j = 0; j < c; j++) o[r + j] += m[k * c + j] + s * shift[j];
    else for (let j = 0; j < c; j++) o[r + j] += s * shift[j];
  }
}

/**
 * Adds in-sample or test-side block gradients to the sinks, passing the gradients of the centered
 * blocks through the training means: a training row receives g − (Σ g_train + Σ g_test − g_μ)/n_train.
 */
function scatter(sink: GradientSink, rb: RegressorBlock, gRt: Matrix | null, gRv: Matrix | null, gTt: Matrix | null, g: BlockGradient): void {
  const { train, test } = rb.split;
  if (sink.R) addCentered(sink.R, train, test, gRt, gRv, null, rb.center);
  if (sink.T) addCentered(sink.T, train, test, gTt, g.testTarget ?? null, g.targetMean ?? null, rb.center);
}

function addCentered(out: Matrix, train: Int32Array, test: Int32Array | null, gTrain: Matrix | null, gTest: Matrix | null, gMean: Float64Array | null, center: boolean): void {
  const c = out.cols;
  const shift = new Float64Array(c);
  if (center) {
    for (const G of [gTrain, gTest]) if (G) addScaledInPlace(asRow(shift), -1, asRow(colSums(G)));
    if (gMean) addScaledInPlace(asRow(shift), 1, asRow(gMean));
    for (let j = 0; j < c; j++) shift[j] /= train.length;
  }
  // in-sample (no test rows) with only a "test" gradient: one pass, shift included
  if (!test && !gTrain && gTest) return addRowsShifted(out, train, gTest, shift, 1);
  if (gTrain || center) addRowsShifted(out, train, gTrain, shift, 1);
  if (gTest) addRowsShifted(out, test ?? train, gTest, shift, 0);
}
