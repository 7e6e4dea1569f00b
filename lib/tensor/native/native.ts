/**
 * The optional native kernels (blas.c: OpenBLAS dgemm/dsyrk/dtrsm, LAPACK dsyevd/dpotrf, through Node-API),
 * built by environment/build-native.js into build/diffsim_blas.node (npm test and npm run setup do
 * it when a C compiler and libopenblas-dev are present). matrix.ts installs its product kernel,
 * linalg/eigh.ts its eigensolver and linalg/cholesky.ts its factorization and solves in place of the
 * WebAssembly/JS ones when it loads.
 *
 * DIFFSIM_KERNEL picks the kernels: unset = native when built, else WebAssembly, else JS; "wasm" or
 * "js" skips the addon; "native" requires it (an error saying how to build it otherwise).
 * DIFFSIM_THREADS=n sets OpenBLAS's thread count (default: one per core, at most 4). Must not
 * import matrix.ts at run time (matrix.ts loads its product kernel through this file).
 *
 *   const blas = loadNativeBlas();               // NativeBlas | null
 *   blas?.gemm(A, B, C, m, k, n, true);          // C = AᵀB with A stored k×m
 *   const V = S.slice();
 *   blas?.eigh(V, n, true);                      // eigenvalues, ascending; V now holds the eigenvectors (columns)
 */
import { join } from "path";
import { NumericalError } from "../../errors";
import type { GemmKernel } from "../matrix";
import { threadCount } from "../kernels/gemm";
import { KERNEL_ENV } from "../kernels/module";

/** Where environment/build-native.js puts the addon (environment/paths.js: nativeAddon). */
export const NATIVE_ADDON_PATH = join(__dirname, "..", "..", "..", "build", "diffsim_blas.node");

interface BlasAddon {
  gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number, flags: number): void;
  eigh(A: Float64Array, n: number, w: Float64Array, vectors: boolean): number;
  potrf(A: Float64Array, n: number): number;
  potrs(L: Float64Array, B: Float64Array, n: number, m: number): void;
  threads(count: number): number;
}

const FLAG_TRANS_A = 1;
const FLAG_TRANS_B = 2;
const FLAG_SAME_SYMMETRIC = 4;

/** The native kernels: a GemmKernel, a symmetric eigensolver on raw arrays, and OpenBLAS's thread count. */
export interface NativeBlas {
  gemm: GemmKernel;
  /**
   * Eigenvalues (ascending) of the symmetric n×n matrix in `data` (finite entries: the caller checks),
   * which is overwritten; with
   * `vectors`, `data` becomes V (row-major, column k the unit eigenvector of values[k]).
   */
  eigh(data: Float64Array, n: number, vectors: boolean): Float64Array;
  /** Cholesky factor of the symmetric n×n matrix in `data`, in place (lower, zeros above); throws a NumericalError unless positive definite. */
  cholesky(data: Float64Array, n: number): void;
  /** B (n×m, in place) ← (L·Lᵀ)⁻¹B for a lower-triangular n×n factor L. */
  choleskySolve(L: Float64Array, B: Float64Array, n: number, m: number): void;
  /** OpenBLAS's thread count when loaded. */
  threads: number;
  /**
   * Sets OpenBLAS's thread count for the whole process (every NativeBlas shares the library) and
   * returns the previous count. OpenBLAS splits a product differently for different counts, which
   * changes the last bits of results; one thread makes them independent of DIFFSIM_THREADS.
   */
  setThreads(count: number): number;
}

/** The native kernels, or null when they are not built or not wanted (see the file header). */
export function loadNativeBlas(env: Record<string, string | undefined> = process.env): NativeBlas | null {
  const choice = (env[KERNEL_ENV] ?? "").toLowerCase();
  if (choice === "js" || choice === "wasm") return null;
  let addon: BlasAddon;
  try {
    addon = require(NATIVE_ADDON_PATH) as BlasAddon;
  } catch (e) {
    if (choice === "native")
      throw new Error(`${KERNEL_ENV}=native, but the native kernels do not load from ${NATIVE_ADDON_PATH} (${(e as Error).message.split("\n")[0]}); build them with "node environment/build-native.js" (needs a C compiler and libopenblas-dev)`);
    return null;
  }
  const threads = addon.threads(threadCount(env));
  const gemm: GemmKernel = (A, B, C, m, k, n, transA = false, transB = false, symmetric = false) => {
    const flags = (transA ? FLAG_TRANS_A : 0) | (symmetric && A === B ? FLAG_SAME_SYMMETRIC : transB ? FLAG_TRANS_B : 0);
    addon.gemm(A, B, C, m, k, n, flags);
  };
  const eigh = (data: Float64Array, n: number, vectors: boolean): Float64Array => {
    const values = new Float64Array(n);
    const info = addon.eigh(data, n, values, vectors);
    if (info < 0) throw new Error(`eigh: LAPACK dsyevd rejected argument ${-info}`);
    if (info > 0) throw new NumericalError(`eigh: LAPACK dsyevd did not converge (info ${info})`);
    return values;
  };
  const cholesky = (data: Float64Array, n: number): void => {
    const info = addon.potrf(data, n);
    if (info < 0) throw new Error(`cholesky: LAPACK dpotrf rejected argument ${-info}`);
    let bad = info - 1; // dpotrf's first non-positive leading minor, else a NaN pivot it let through
    for (let j = 0; bad < 0 && j < n; j++) if (!(data[j * n + j] > 0)) bad = j;
    if (bad >= 0) throw new NumericalError(`cholesky: matrix is not positive definite (pivot ${bad} = ${data[bad * n + bad]})`);
  };
  const choleskySolve = (L: Float64Array, B: Float64Array, n: number, m: number): void => addon.potrs(L, B, n, m);
  const setThreads = (count: number): number => {
    if (!(Number.isInteger(count) && count >= 1)) throw new Error(`setThreads: expected an integer ≥ 1, got ${count}`);
    const previous = addon.threads(0);
    addon.threads(count);
    return previous;
  };
  return { gemm, eigh, cholesky, choleskySolve, threads, setThreads };
}
