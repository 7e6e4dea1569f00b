import { InputError, NumericalError } from "../../errors";
import { Matrix, addScaledInPlace, matmul, matmulNT, matmulTN } from "../matrix";
import { loadNativeBlas } from "../native/native";

/**
 * Cholesky factorization A = L·Lᵀ and the solves with its factor, float64.
 *
 * Matrices of up to BLOCK = 64 rows use the plain scalar loops. Larger ones are blocked (blocks of 64,
 * left-looking): the diagonal blocks are factored by the same scalar loop and inverted, and everything
 * else (all but O(n·b²) of the flops) is matrix products, so it runs at the speed of `matmul` (the
 * WebAssembly SIMD kernel when loaded) — ridge regression on 700-neuron data solves 727×727 systems
 * with 727 right-hand sides. When the native kernels are built (native/native.ts), matrices of more
 * than NATIVE_FROM rows go to LAPACK's dpotrf and BLAS's dtrsm instead.
 */
const BLOCK = 64;
const NATIVE_FROM = 32;
const nativeBlas = loadNativeBlas();

/**
 * Cholesky factor L (lower triangular, A = L·Lᵀ) of a symmetric positive-definite matrix.
 * Throws a NumericalError when A has a non-finite entry or is not positive definite (a pivot ≤ 0), on
 * every backend, so callers can fall back to a pseudo-inverse.
 *
 *   const L = cholesky(Matrix.fromRows([[4, 2], [2, 3]]));   // [[2, 0], [1, √2]]
 */
export function cholesky(A: Matrix): Matrix {
  const n = A.rows;
  if (A.cols !== n) throw new InputError("A", "a square matrix", `got ${A.rows}×${A.cols}`);
  for (let i = 0; i < A.data.length; i++)
    if (!Number.isFinite(A.data[i])) throw new NumericalError(`cholesky: matrix has a non-finite entry (${A.data[i]} at ${Math.floor(i / n)}, ${i % n})`);
  if (nativeBlas && n > NATIVE_FROM) {
    const L = A.clone();
    nativeBlas.cholesky(L.data, n);
    return L;
  }
  if (n <= BLOCK) return choleskyLoop(A, 0);
  const L = new Matrix(n, n);
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = Math.min(n, k0 + BLOCK);
    const Akk = block(A, k0, k1, k0, k1);
    const Lk = k0 > 0 ? block(L, k0, k1, 0, k0) : null; // already factored part of these rows
    if (Lk) addScaledInPlace(Akk, -1, matmulNT(Lk, Lk));
    const Lkk = choleskyLoop(Akk, k0);
    writeBlock(L, k0, k0, Lkk);
    if (k1 < n) {
      const panel = block(A, k1, n, k0, k1);
      if (Lk) addScaledInPlace(panel, -1, matmulNT(block(L, k1, n, 0, k0), Lk));
      writeBlock(L, k1, k0, matmulNT(panel, invertLower(Lkk))); // panel·L_kk⁻ᵀ
    }
  }
  return L;
}

/**
 * Solve A·X = B for symmetric positive-definite A given its Cholesky factor L: forward (L·Z = B)
 * then back substitution (Lᵀ·X = Z) on every column of B. B is n×m; returns X (n×m).
 *
 *   const X = choleskySolve(cholesky(A), B);   // A⁻¹B
 */
export function choleskySolve(L: Matrix, B: Matrix): Matrix {
  if (B.rows !== L.rows) throw new InputError("B", `${L.rows} rows (the order of the factor)`, `got ${B.rows}`);
  if (nativeBlas && L.rows > NATIVE_FROM) {
    const X = B.clone();
    nativeBlas.choleskySolve(L.data, X.data, L.rows, B.cols);
    return X;
  }
  return L.rows <= BLOCK ? substitute(L, B) : solveBlocked(L, B);
}

/** Unblocked Cholesky (A small, or one diagonal block of a larger matrix starting at row `offset`). */
function choleskyLoop(A: Matrix, offset: number): Matrix {
  const n = A.rows;
  const a = A.data;
  const L = new Matrix(n, n);
  const l = L.data;
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j];
    const rj = j * n;
    for (let k = 0; k < j; k++) s -= l[rj + k] * l[rj + k];
    if (!(s > 0)) throw new NumericalError(`cholesky: matrix is not positive definite (pivot ${offset + j} = ${s})`);
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

/** Forward and back substitution with the scalar loops (small L). */
function substitute(L: Matrix, B: Matrix): Matrix {
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

/** Forward and back substitution by row blocks: products with the inverted diagonal blocks and the off-diagonal panels. */
function solveBlocked(L: Matrix, B: Matrix): Matrix {
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

/** Copies M into A with its top-left corner at (r0, c0). */
function writeBlock(A: Matrix, r0: number, c0: number, M: Matrix): void {
  for (let i = 0; i < M.rows; i++) A.data.set(M.data.subarray(i * M.cols, (i + 1) * M.cols), (r0 + i) * A.cols + c0);
}
