import { Matrix } from "../matrix";

/**
 * Cholesky factor L (lower triangular, A = L·Lᵀ) of a symmetric positive-definite matrix, float64.
 * Throws when A is not positive definite (a pivot ≤ 0), so callers can fall back to a pseudo-inverse.
 *
 *   const L = cholesky(Matrix.fromRows([[4, 2], [2, 3]]));
 */
export function cholesky(A: Matrix): Matrix {
  const n = A.rows;
  const a = A.data;
  const L = new Matrix(n, n);
  const l = L.data;
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j];
    const rj = j * n;
    for (let k = 0; k < j; k++) s -= l[rj + k] * l[rj + k];
    if (!(s > 0)) throw new Error(`cholesky: matrix is not positive definite (pivot ${j} = ${s})`);
    const djj = Math.sqrt(s);
    l[rj + j] = djj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let t = a[ri + j];
      for (let k = 0; k < j; k++) t -= l[ri + k] * l[rj + k];
      l[ri + j] = t / djj;
    }
  }
  return L;
}

/**
 * Solve A·X = B for symmetric positive-definite A given its Cholesky factor L (forward then back
 * substitution on every column of B). B is n×m; returns X (n×m).
 */
export function choleskySolve(L: Matrix, B: Matrix): Matrix {
  const n = L.rows;
  const m = B.cols;
  const l = L.data;
  const X = B.clone();
  const x = X.data;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      for (let c = 0; c < m; c++) x[i * m + c] -= lik * x[k * m + c];
    }
    const inv = 1 / l[ri + i];
    for (let c = 0; c < m; c++) x[i * m + c] *= inv;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const lki = l[k * n + i];
      if (lki === 0) continue;
      for (let c = 0; c < m; c++) x[i * m + c] -= lki * x[k * m + c];
    }
    const inv = 1 / l[i * n + i];
    for (let c = 0; c < m; c++) x[i * m + c] *= inv;
  }
  return X;
}
