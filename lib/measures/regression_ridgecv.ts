import { Matrix, centerCols, colMeans, colSumSquares, matmul, matmulTN, scaleRows, takeRows } from "../tensor/matrix";
import { thinSvd } from "../tensor/linalg/svd";
import { shuffledFolds } from "./splits";
import { columnCorrelations } from "./regression_scores";
import { nanMean } from "./aggregate";

/** The λ grid of NeuroAIMetrics' RidgeCV: np.logspace(-8, 8, 17). */
export const RIDGE_CV_ALPHAS = Array.from({ length: 17 }, (_, k) => 10 ** (k - 8));

/**
 * NeuroAIMetrics' "LinearPredictivity" (similarity-repository `ridge-pearsonr-cv=5folds`): targets T
 * predicted from z-scored features F by ridge regression whose λ is chosen per fold by leave-one-out
 * error, scored by per-target Pearson correlation:
 *
 *   folds   = sklearn KFold(5, shuffle=True, random_state=42)          (splits.ts)
 *   F_train, F_test z-scored separately, each with its own mean and population SD (constant → 0)
 *   λ*      = argmin over λ ∈ {1e-8, 1e-7, …, 1e8} of mean_ij (e_ij / (1 − h_ii))²    (sklearn RidgeCV:
 *             exact LOO residuals e of the ridge fit with an unpenalized intercept, hat diagonal h)
 *   P       = (F_test − f̄)·B + t̄,   B = V·diag(s/(s² + λ*))·Uᵀ(T_train − t̄),   F_train − f̄ = U·diag(s)·Vᵀ
 *   score   = mean over folds of nanmean_j corr(p_j, t_j)
 *
 * Value only (λ* is a discrete choice). Returns 0 when no target column has a defined correlation.
 *
 *   ridgeCvPredictivity(X, Y); // predicts Y from X
 */
export function ridgeCvPredictivity(F: Matrix, T: Matrix): number {
  const folds = shuffledFolds(F.rows, 5, 42);
  let total = 0;
  for (const { train, test } of folds) {
    const P = ridgeCvFitPredict(zscore(takeRows(F, train)), takeRows(T, train), zscore(takeRows(F, test as Int32Array)));
    total += nanMean(columnCorrelations(takeRows(T, test as Int32Array), P));
  }
  return total / folds.length;
}

/** Columns minus their mean, divided by their population SD; constant columns become 0 (NeuroAIMetrics' `normalize`). Usage: zscore(takeRows(X, train)). */
export function zscore(A: Matrix): Matrix {
  const Z = centerCols(A);
  const c = A.cols;
  const sd = colSumSquares(Z).map((ss) => Math.sqrt(ss / A.rows));
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < c; j++) Z.data[i * c + j] = sd[j] > 0 ? Z.data[i * c + j] / sd[j] : 0;
  return Z;
}

/** RidgeCV with an intercept: λ by exact leave-one-out error over RIDGE_CV_ALPHAS, then the prediction of `Fnew`. Usage: ridgeCvFitPredict(zscore(Ftrain), Ttrain, zscore(Ftest)). */
export function ridgeCvFitPredict(Ftrain: Matrix, Ttrain: Matrix, Fnew: Matrix): Matrix {
  const n = Ftrain.rows;
  const p = Ttrain.cols;
  const fMean = colMeans(Ftrain);
  const tMean = colMeans(Ttrain);
  const Tc = centerCols(Ttrain, tMean);
  const { U, s, V } = thinSvd(centerCols(Ftrain, fMean));
  const r = s.length;
  const UtT = matmulTN(U, Tc); // r×p
  let best = { error: Infinity, alpha: RIDGE_CV_ALPHAS[0] };
  for (const alpha of RIDGE_CV_ALPHAS) {
    const w = s.map((sk) => (sk * sk) / (sk * sk + alpha));
    const fitted = matmul(U, scaleRows(UtT, w));
    let error = 0;
    for (let i = 0; i < n; i++) {
      let h = 1 / n;
      for (let k = 0; k < r; k++) h += U.data[i * r + k] ** 2 * w[k];
      for (let j = 0; j < p; j++) error += ((Tc.data[i * p + j] - fitted.data[i * p + j]) / (1 - h)) ** 2;
    }
    if (error < best.error) best = { error, alpha };
  }
  const B = matmul(V, scaleRows(UtT, s.map((sk) => sk / (sk * sk + best.alpha))));
  return centerCols(matmul(centerCols(Fnew, fMean), B), tMean.map((m) => -m));
}
