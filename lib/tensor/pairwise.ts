import { Matrix, gramRows, matmul, scale } from "./matrix";

/**
 * n×n matrices built from the rows of a data matrix (kernels, RDMs) and the linear maps applied to
 * them (double centering, zeroing the diagonal), with the backward passes their gradients need.
 *
 *   const D = pairwiseSquaredDistances(X);   // D_ij = ‖x_i − x_j‖²
 *   const gX = pairwiseSquaredDistancesBackward(X, G); // ∂f/∂X from G = ∂f/∂D
 */

/** D_ij = ‖x_i − x_j‖² from the Gram matrix (clamped at 0, exact zeros on the diagonal). */
export function pairwiseSquaredDistances(X: Matrix): Matrix {
  const K = gramRows(X);
  const n = K.rows;
  const k = K.data;
  const D = new Matrix(n, n);
  const d = D.data;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = Math.max(0, k[i * n + i] + k[j * n + j] - 2 * k[i * n + j]);
      d[i * n + j] = v;
      d[j * n + i] = v;
    }
  return D;
}

/**
 * ∂f/∂X for f depending on D = pairwiseSquaredDistances(X), given G = ∂f/∂D (symmetric):
 * ∂f/∂x_k = Σ_j (G_kj + G_jk)·2(x_k − x_j) = 4·(diag(G·1) − G)·X.
 */
export function pairwiseSquaredDistancesBackward(X: Matrix, G: Matrix): Matrix {
  const n = X.rows;
  const p = X.cols;
  const out = scale(matmul(G, X), -4);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += G.data[i * n + j];
    for (let c = 0; c < p; c++) out.data[i * p + c] += 4 * s * X.data[i * p + c];
  }
  return out;
}

/** HKH with H = I − 11ᵀ/n: subtract row means and column means, add back the grand mean (new matrix). */
export function doubleCenter(K: Matrix): Matrix {
  const n = K.rows;
  const m = K.cols;
  const k = K.data;
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(m);
  let grand = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      const v = k[i * m + j];
      rowMean[i] += v / m;
      colMean[j] += v / n;
      grand += v;
    }
  grand /= n * m;
  const out = new Matrix(n, m);
  const o = out.data;
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) o[i * m + j] = k[i * m + j] - rowMean[i] - colMean[j] + grand;
  return out;
}

/** K with its diagonal set to 0 (new matrix). */
export function zeroDiagonal(K: Matrix): Matrix {
  const out = K.clone();
  for (let i = 0; i < Math.min(K.rows, K.cols); i++) out.data[i * K.cols + i] = 0;
  return out;
}

/** (G + Gᵀ)/2 of a square matrix (new matrix). */
export function symmetricPart(G: Matrix): Matrix {
  const n = G.rows;
  const out = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.data[i * n + j] = 0.5 * (G.data[i * n + j] + G.data[j * n + i]);
  return out;
}

/** The strictly upper triangular entries of a square matrix, row by row (length n(n−1)/2). */
export function upperTriangle(D: Matrix): Float64Array {
  const n = D.rows;
  const out = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[k++] = D.data[i * n + j];
  return out;
}

/** The symmetric n×n matrix with g/2 at (i, j) and (j, i) for each strictly-upper entry g: the gradient w.r.t. a symmetric matrix of a function of its upper triangle. */
export function fromUpperTriangleGrad(g: Float64Array, n: number): Matrix {
  const out = new Matrix(n, n);
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      out.data[i * n + j] = 0.5 * g[k];
      out.data[j * n + i] = 0.5 * g[k++];
    }
  return out;
}
