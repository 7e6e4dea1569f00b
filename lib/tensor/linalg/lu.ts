import { NumericalError } from "../../errors";
import { Matrix } from "../matrix";

/**
 * Solves A·X = B for a square, nonsingular A by Gaussian elimination with partial pivoting (LU),
 * O(n³ + n²m) for B of m columns. Throws a NumericalError when a pivot is exactly zero (A singular).
 *
 *   solveLinear(Matrix.fromRows([[2, 1], [1, 3]]), Matrix.fromRows([[3], [5]])); // [[0.8], [1.4]]
 */
export function solveLinear(A: Matrix, B: Matrix): Matrix {
  const n = A.rows;
  if (A.cols !== n || B.rows !== n) throw new Error(`solveLinear: need a square A and matching B, got ${A.rows}×${A.cols} and ${B.rows}×${B.cols}`);
  const m = B.cols;
  const a = A.data.slice();
  const x = B.data.slice();
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[piv * n + k])) piv = i;
    if (a[piv * n + k] === 0) throw new NumericalError("solveLinear: matrix is singular");
    if (piv !== k) {
      for (let j = 0; j < n; j++) [a[k * n + j], a[piv * n + j]] = [a[piv * n + j], a[k * n + j]];
      for (let j = 0; j < m; j++) [x[k * m + j], x[piv * m + j]] = [x[piv * m + j], x[k * m + j]];
    }
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k] / a[k * n + k];
      if (f === 0) continue;
      for (let j = k; j < n; j++) a[i * n + j] -= f * a[k * n + j];
      for (let j = 0; j < m; j++) x[i * m + j] -= f * x[k * m + j];
    }
  }
  for (let k = n - 1; k >= 0; k--)
    for (let j = 0; j < m; j++) {
      let s = x[k * m + j];
      for (let c = k + 1; c < n; c++) s -= a[k * n + c] * x[c * m + j];
      x[k * m + j] = s / a[k * n + k];
    }
  return new Matrix(n, m, x);
}
