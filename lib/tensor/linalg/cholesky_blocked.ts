import { Matrix, addScaledInPlace, matmul, matmulNT, matmulTN } from "../matrix";

/**
 * Blocked Cholesky factorization and triangular solves whose bulk (all but O(n·b²) of the flops)
 * runs through the matrix-product kernel (diagonal blocks are inverted, b = 64), so they follow the speed of `matmul` (the WebAssembly
 * SIMD kernel when loaded) instead of scalar loops. Same results as cholesky/choleskySolve up to
 * rounding; use these for n in the hundreds and many right-hand sides (ridge regression on
 * 700-neuron data: 727×727 systems with 727 right-hand sides).
 *
 *   const L = choleskyBlocked(A);          // A = L·Lᵀ, throws when A is not positive definite
 *   const X = choleskySolveBlocked(L, B);  // A·X = B
 */
const BLOCK = 64;

/** Rows [r0, r1) and columns [c0, c1) of A, copied. */
function block(A: Matrix, r0: number, r1: number, c0: number, c1: number): Matrix {
  const out = new Matrix(r1 - r0, c1 - c0);
  for (let i = r0; i < r1; i++) out.data.set(A.data.subarray(i * A.cols + c0, i * A.cols + c1), (i - r0) * (c1 - c0));
  return out;
}

/** Rows [r0, r1) of A as a view sharing A's storage. */
function rowView(A: Matrix, r0: number, r1: number): Matrix {
  return new Matrix(r1 - r0, A.cols, A.data.subarray(r0 * A.cols, r1 * A.cols));
}

function writeBlock(A: Matrix, r0: number, c0: number, M: Matrix): void {
  for (let i = 0; i < M.rows; i++) A.data.set(M.data.subarray(i * M.cols, (i + 1) * M.cols), (r0 + i) * A.cols + c0);
}

/**
 * Lower-triangular L with A = L·Lᵀ for symmetric positive-definite A (left-looking, blocks of 64).
 * Throws when a pivot is not positive, like `cholesky`.
 */
export function choleskyBlocked(A: Matrix): Matrix {
  const n = A.rows;
  if (A.cols !== n) throw new Error(`choleskyBlocked: matrix must be square, got ${A.rows}×${A.cols}`);
  const L = new Matrix(n, n);
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = Math.min(n, k0 + BLOCK);
    const Akk = block(A, k0, k1, k0, k1);
    const Lk = k0 > 0 ? block(L, k0, k1, 0, k0) : null; // already factored part of these rows
    if (Lk) addScaledInPlace(Akk, -1, matmulNT(Lk, Lk));
    const Lkk = denseCholesky(Akk, k0);
    writeBlock(L, k0, k0, Lkk);
    if (k1 < n) {
      const panel = block(A, k1, n, k0, k1);
      if (Lk) addScaledInPlace(panel, -1, matmulNT(block(L, k1, n, 0, k0), Lk));
      writeBlock(L, k1, k0, matmulNT(panel, invertLower(Lkk))); // panel·L_kk⁻ᵀ
    }
  }
  return L;
}

/** Unblocked Cholesky of a small block (`offset` only for the error message). */
function denseCholesky(A: Matrix, offset: number): Matrix {
  const n = A.rows;
  const a = A.data;
  const L = new Matrix(n, n);
  const l = L.data;
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j];
    for (let k = 0; k < j; k++) s -= l[j * n + k] * l[j * n + k];
    if (!(s > 0)) throw new Error(`choleskyBlocked: matrix is not positive definite (pivot ${offset + j} = ${s})`);
    const d = Math.sqrt(s);
    l[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = a[i * n + j];
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / d;
    }
  }
  return L;
}

/** Inverse of a small lower-triangular block (forward substitution on the identity). */
function invertLower(L: Matrix): Matrix {
  const b = L.rows;
  const l = L.data;
  const T = new Matrix(b, b);
  const t = T.data;
  for (let j = 0; j < b; j++) {
    t[j * b + j] = 1 / l[j * b + j];
    for (let i = j + 1; i < b; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * b + k] * t[k * b + j];
      t[i * b + j] = s / l[i * b + i];
    }
  }
  return T;
}

/** Solve (L·Lᵀ)·X = B given the Cholesky factor L; B is n×m, returns X. */
export function choleskySolveBlocked(L: Matrix, B: Matrix): Matrix {
  const n = L.rows;
  const X = B.clone();
  const inverses: Matrix[] = [];
  for (let r0 = 0; r0 < n; r0 += BLOCK) inverses.push(invertLower(block(L, r0, Math.min(n, r0 + BLOCK), r0, Math.min(n, r0 + BLOCK))));
  // forward: L·Z = B
  for (let r0 = 0; r0 < n; r0 += BLOCK) {
    const r1 = Math.min(n, r0 + BLOCK);
    const Xi = rowView(X, r0, r1);
    if (r0 > 0) addScaledInPlace(Xi, -1, matmul(block(L, r0, r1, 0, r0), rowView(X, 0, r0)));
    Xi.data.set(matmul(inverses[r0 / BLOCK], Xi).data);
  }
  // backward: Lᵀ·X = Z
  for (let bi = inverses.length - 1; bi >= 0; bi--) {
    const r0 = bi * BLOCK;
    const r1 = Math.min(n, r0 + BLOCK);
    const Xi = rowView(X, r0, r1);
    if (r1 < n) addScaledInPlace(Xi, -1, matmulTN(block(L, r1, n, r0, r1), rowView(X, r1, n)));
    Xi.data.set(matmulTN(inverses[bi], Xi).data);
  }
  return X;
}
