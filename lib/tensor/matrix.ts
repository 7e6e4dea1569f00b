import { loadWasmGemm } from "./kernels/gemm";
import { loadNativeBlas } from "./native/native";

/**
 * Dense float64 matrices, row-major: entry (i, j) is `data[i * cols + j]`.
 *
 * Every measure, gradient and decomposition in the library works on this type; tfjs tensors and
 * nested arrays are converted at the public entry points (see arrays.ts). The products below are the
 * hot path of every optimization step; they go through `gemm`, which uses the WebAssembly SIMD kernel
 * when it is available (see kernels/) and a cache-friendly JS loop otherwise.
 *
 *   const A = Matrix.fromRows([[1, 2], [3, 4]]);
 *   const G = matmulTN(A, A); // AᵀA
 */
export class Matrix {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly data: Float64Array = new Float64Array(rows * cols),
  ) {
    if (data.length !== rows * cols) throw new Error(`Matrix: data has ${data.length} entries, expected ${rows}×${cols}`);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  static identity(n: number): Matrix {
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  static fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const r = rows.length;
    const c = r ? rows[0].length : 0;
    const m = new Matrix(r, c);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) m.data[i * c + j] = rows[i][j];
    return m;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  toRows(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }
}

/** Aᵀ. */
export function transpose(A: Matrix): Matrix {
  const { rows: r, cols: c, data: a } = A;
  const out = new Matrix(c, r);
  const o = out.data;
  const B = 32;
  for (let i0 = 0; i0 < r; i0 += B)
    for (let j0 = 0; j0 < c; j0 += B) {
      const i1 = Math.min(r, i0 + B);
      const j1 = Math.min(c, j0 + B);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) o[j * r + i] = a[i * c + j];
    }
  return out;
}

/** C = op(A)·op(B) in plain JS: transposed operands are transposed explicitly, then an i-k-j loop (streams rows of B). */
function gemmJs(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number, transA = false, transB = false): void {
  const a = transA ? transpose(new Matrix(k, m, A)).data : A;
  const b = transB ? transpose(new Matrix(n, k, B)).data : B;
  C.fill(0);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) C[ci + j] += aip * b[bp + j];
    }
  }
}

/**
 * A matrix-product kernel: C (m×n) = op(A)·op(B), op(A) m×k, op(B) k×n, row-major, where op
 * transposes when `transA` (A stored k×m) or `transB` (B stored n×k) is set. `symmetric` promises
 * op(B) = op(A)ᵀ, so a kernel may compute one triangle and mirror it.
 */
export type GemmKernel = (
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  m: number,
  k: number,
  n: number,
  transA?: boolean,
  transB?: boolean,
  symmetric?: boolean,
) => void;
let gemmKernel: GemmKernel = gemmJs;
let gemmKernelName = "js";

/** Install a faster matrix-product kernel (null restores the JS loop). */
export function setGemmKernel(kernel: GemmKernel | null, name: string): void {
  gemmKernel = kernel ?? gemmJs;
  gemmKernelName = kernel ? name : "js";
}

/** Name of the active matrix-product kernel ("native-openblas", "wasm-simd" or "js"). */
export function gemmKernelInUse(): string {
  return gemmKernelName;
}

/**
 * Installs the default kernel again: the native OpenBLAS kernel when it is built, else the
 * WebAssembly SIMD kernel when the runtime supports it, else the JS loop (DIFFSIM_KERNEL=native|wasm|js
 * chooses; see native/native.ts). Done at load; tests and benchmarks call it after setGemmKernel.
 */
export function resetGemmKernel(): void {
  if (nativeBlas) setGemmKernel(nativeBlas.gemm, "native-openblas");
  else setGemmKernel(wasmGemm, "wasm-simd");
}
const nativeBlas = loadNativeBlas();
const wasmGemm = nativeBlas ? null : loadWasmGemm();
resetGemmKernel();

/**
 * Runs `fn` with the native kernels (OpenBLAS: products, eigensolver, Cholesky) on one thread and
 * restores the previous thread count afterwards, so that fn's numbers do not depend on
 * DIFFSIM_THREADS or the number of cores: OpenBLAS splits a product differently for different
 * thread counts, which changes the last bits of its results. The WebAssembly kernel needs no pin
 * (its threads take whole row or column chunks, each computed exactly as on one thread, or inner
 * segments fixed by the shape alone) and JS is serial.
 *
 *   const run = withSingleThreadKernels(() => optimize(X, "cka", { seed: 0 }));   // same bits for any DIFFSIM_THREADS
 */
export function withSingleThreadKernels<T>(fn: () => T): T {
  return nativeBlas ? withNativeThreads(nativeBlas, 1, fn) : fn();
}

/**
 * Runs `fn` with at most `count` threads per product (native: OpenBLAS's thread count; wasm: the
 * calling thread and count − 1 workers), then restores the previous setting. For benchmarks that
 * compare thread counts in one process; the JS loop is serial anyway.
 *
 *   withKernelThreads(1, () => measure.scoreAndGradMatrix(Y));
 */
export function withKernelThreads<T>(count: number, fn: () => T): T {
  if (nativeBlas) return withNativeThreads(nativeBlas, count, fn);
  if (!wasmGemm) return fn();
  const previous = wasmGemm.setThreadLimit(count);
  try {
    return fn();
  } finally {
    wasmGemm.setThreadLimit(previous);
  }
}

function withNativeThreads<T>(blas: NonNullable<typeof nativeBlas>, count: number, fn: () => T): T {
  const previous = blas.setThreads(count);
  try {
    return fn();
  } finally {
    blas.setThreads(previous);
  }
}

/** op(A)·op(B) through the active kernel (see GemmKernel). */
function product(A: Matrix, B: Matrix, transA: boolean, transB: boolean, symmetric: boolean, out?: Matrix): Matrix {
  const m = transA ? A.cols : A.rows;
  const k = transA ? A.rows : A.cols;
  const n = transB ? B.rows : B.cols;
  const C = out ? checkedOut(out, m, n) : new Matrix(m, n);
  gemmKernel(A.data, B.data, C.data, m, k, n, transA, transB, symmetric);
  return C;
}

/**
 * An `out` argument: a rows×cols Matrix to be overwritten (reusing a buffer across steps avoids the
 * page faults of a fresh large array, which cost as much as a pass over it).
 */
function checkedOut(out: Matrix, rows: number, cols: number): Matrix {
  if (out.rows !== rows || out.cols !== cols) throw new Error(`out: expected a ${rows}×${cols} matrix, got ${out.rows}×${out.cols}`);
  return out;
}

/** A·B (into `out` when given, see checkedOut). */
export function matmul(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.rows) throw new Error(`matmul: ${A.rows}×${A.cols} · ${B.rows}×${B.cols}`);
  return product(A, B, false, false, false, out);
}

/** Aᵀ·B, without forming Aᵀ (the kernel reads A transposed while packing; into `out` when given, see checkedOut). */
export function matmulTN(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.rows !== B.rows) throw new Error(`matmulTN: (${A.rows}×${A.cols})ᵀ · ${B.rows}×${B.cols}`);
  return product(A, B, true, false, false, out);
}

/** A·Bᵀ, without forming Bᵀ. */
export function matmulNT(A: Matrix, B: Matrix): Matrix {
  if (A.cols !== B.cols) throw new Error(`matmulNT: ${A.rows}×${A.cols} · (${B.rows}×${B.cols})ᵀ`);
  return product(A, B, false, true, false);
}

/** AᵀA (symmetric: the kernel computes one triangle and mirrors it). */
export function gramCols(A: Matrix): Matrix {
  return product(A, A, true, false, true);
}

/** AAᵀ (symmetric, like gramCols). */
export function gramRows(A: Matrix): Matrix {
  return product(A, A, false, true, true);
}

/**
 * Column means (length cols). Each column is summed top to bottom; four columns at a time in local
 * accumulators, so the sums stay in registers instead of a load and a store of mu[j] per entry (3×
 * faster at 1080×727, the same bits as the row-by-row loop).
 *
 *   colMeans(Matrix.fromRows([[1, 2], [3, 6]]));   // [2, 4]
 */
export function colMeans(A: Matrix): Float64Array {
  const { rows: r, cols: c, data: a } = A;
  const mu = new Float64Array(c);
  const end = r * c;
  let j = 0;
  for (; j + 4 <= c; j += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = j; k < end; k += c) {
      s0 += a[k];
      s1 += a[k + 1];
      s2 += a[k + 2];
      s3 += a[k + 3];
    }
    mu[j] = s0 / r;
    mu[j + 1] = s1 / r;
    mu[j + 2] = s2 / r;
    mu[j + 3] = s3 / r;
  }
  for (; j < c; j++) {
    let s = 0;
    for (let k = j; k < end; k += c) s += a[k];
    mu[j] = s / r;
  }
  return mu;
}

/** A with each column's mean subtracted (into `out` when given, see checkedOut). */
export function centerCols(A: Matrix, means: Float64Array = colMeans(A), out?: Matrix): Matrix {
  const { rows: r, cols: c, data: a } = A;
  const result = out ? checkedOut(out, r, c) : new Matrix(r, c);
  const o = result.data;
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) o[i * c + j] = a[i * c + j] - means[j];
  return result;
}

/** A with zero columns appended up to `cols` columns. */
export function padCols(A: Matrix, cols: number): Matrix {
  if (cols === A.cols) return A;
  if (cols < A.cols) throw new Error(`padCols: ${A.cols} > ${cols}`);
  const out = new Matrix(A.rows, cols);
  for (let i = 0; i < A.rows; i++) out.data.set(A.data.subarray(i * A.cols, (i + 1) * A.cols), i * cols);
  return out;
}

/** The first `cols` columns of A. */
export function sliceCols(A: Matrix, cols: number): Matrix {
  if (cols === A.cols) return A;
  const out = new Matrix(A.rows, cols);
  for (let i = 0; i < A.rows; i++) out.data.set(A.data.subarray(i * A.cols, i * A.cols + cols), i * cols);
  return out;
}

/** Rows `idx` of A, in that order. */
export function takeRows(A: Matrix, idx: ArrayLike<number>): Matrix {
  const out = new Matrix(idx.length, A.cols);
  for (let k = 0; k < idx.length; k++) out.data.set(A.data.subarray(idx[k] * A.cols, (idx[k] + 1) * A.cols), k * A.cols);
  return out;
}

/** ⟨A, B⟩_F = Σ A_ij B_ij. */
export function dot(A: Matrix, B: Matrix): number {
  const a = A.data;
  const b = B.data;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Whether every entry is finite, in one branch-free pass (x·0 is NaN exactly for ±∞ and NaN; four sums
 * run in parallel).
 *
 *   allFinite(Float64Array.of(1, Infinity));   // false
 */
export function allFinite(a: Float64Array): boolean {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length - (a.length % 4);
  for (let i = 0; i < n; i += 4) {
    s0 += a[i] * 0;
    s1 += a[i + 1] * 0;
    s2 += a[i + 2] * 0;
    s3 += a[i + 3] * 0;
  }
  for (let i = n; i < a.length; i++) s0 += a[i] * 0;
  return s0 + s1 + s2 + s3 === 0;
}

/** max |a_ij| (0 for an empty matrix, NaN when an entry is NaN). */
export function maxAbs(A: Matrix): number {
  const a = A.data;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
    else if (v !== v) return NaN;
  }
  return m;
}

/** ‖A‖²_F. */
export function sumSquares(A: Matrix): number {
  return dot(A, A);
}

/** ‖A‖_F. */
export function frobenius(A: Matrix): number {
  return Math.sqrt(sumSquares(A));
}

/** tr(A) of a square matrix. */
export function trace(A: Matrix): number {
  let s = 0;
  for (let i = 0; i < A.rows; i++) s += A.data[i * A.cols + i];
  return s;
}

/** s·A (new matrix). */
export function scale(A: Matrix, s: number): Matrix {
  return scaleInPlace(A.clone(), s);
}

/** A ← s·A; returns A. */
export function scaleInPlace(A: Matrix, s: number): Matrix {
  const a = A.data;
  for (let i = 0; i < a.length; i++) a[i] *= s;
  return A;
}

/** a·A + b·B (new matrix). */
export function axpby(a: number, A: Matrix, b: number, B: Matrix): Matrix {
  const out = new Matrix(A.rows, A.cols);
  const o = out.data;
  const x = A.data;
  const y = B.data;
  for (let i = 0; i < o.length; i++) o[i] = a * x[i] + b * y[i];
  return out;
}

/** A ← A + s·B, in place; returns A. */
export function addScaledInPlace(A: Matrix, s: number, B: Matrix): Matrix {
  const a = A.data;
  const b = B.data;
  for (let i = 0; i < a.length; i++) a[i] += s * b[i];
  return A;
}

/** The symmetric part (A + Aᵀ)/2 of a square matrix, in place. */
export function symmetrizeInPlace(A: Matrix): Matrix {
  const n = A.rows;
  const a = A.data;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  return A;
}

/** diag(w)·A: row i of A scaled by w[i] (new matrix). */
export function scaleRows(A: Matrix, w: ArrayLike<number>): Matrix {
  const out = A.clone();
  const c = A.cols;
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < c; j++) out.data[i * c + j] *= w[i];
  return out;
}

/**
 * A·diag(w): column j of A scaled by w[j] (new matrix).
 *
 *   scaleCols(U, s);   // U·diag(s), e.g. unit PC profiles times singular values
 */
export function scaleCols(A: Matrix, w: ArrayLike<number>): Matrix {
  const out = A.clone();
  const c = A.cols;
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < c; j++) out.data[i * c + j] *= w[j];
  return out;
}

/** A ← A + s·u·vᵀ (rank-one update), in place; returns A. */
export function addOuterInPlace(A: Matrix, s: number, u: ArrayLike<number>, v: ArrayLike<number>): Matrix {
  const c = A.cols;
  for (let i = 0; i < A.rows; i++) {
    const su = s * u[i];
    if (su === 0) continue;
    for (let j = 0; j < c; j++) A.data[i * c + j] += su * v[j];
  }
  return A;
}

/**
 * Column sums of squares Σ_i A_ij² (length cols); of a centered A, (n − 1)·variance per column.
 *
 *   colSumSquares(centerCols(X)).map((ss) => Math.sqrt(ss / X.rows));   // population SDs
 */
export function colSumSquares(A: Matrix): Float64Array {
  const { rows: r, cols: c, data: a } = A;
  const s = new Float64Array(c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) s[j] += a[i * c + j] * a[i * c + j];
  return s;
}

/** Column sums Σ_i A_ij (length cols). */
export function colSums(A: Matrix): Float64Array {
  const { rows: r, cols: c, data: a } = A;
  const s = new Float64Array(c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) s[j] += a[i * c + j];
  return s;
}
