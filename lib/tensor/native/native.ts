/**
 * The optional native kernels (blas.c: OpenBLAS dgemm/dsyrk/dtrsm, LAPACK dsyevd/dpotrf, through Node-API),
 * built by environment/build-native.js into build/diffsim_blas.node (npm test and npm run setup do
 * it when a C compiler and libopenblas-dev are present). matrix.ts installs its product kernel,
 * linalg/eigh.ts its eigensolver and linalg/cholesky.ts its factorization and solves in place of the
 * WebAssembly/JS ones when it loads.
 *
 * DIFFSIM_KERNEL picks the kernels: unset = native when built, else WebAssembly, else JS; "wasm" or
 * "js" skips the addon; "native" requires it (an error saying how to build it otherwise).
 * DIFFSIM_THREADS=n sets OpenBLAS's thread count for large calls (default: one per core, at most 4;
 * calls below SERIAL_FLOPS run on one thread, and every call does while the machine is busy —
 * machineBusy — unless DIFFSIM_THREADS is set). Must not
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
import { THREADS_ENV, threadCount } from "../kernels/gemm";
import { machineBusy } from "../machine-busy";
import { KERNEL_ENV } from "../kernels/module";

/** Where environment/build-native.js puts the addon (environment/paths.js: nativeAddon). */
export const NATIVE_ADDON_PATH = join(__dirname, "..", "..", "..", "build", "diffsim_blas.node");

interface BlasAddon {
  gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number, flags: number): void;
  eigh(A: Float64Array, n: number, w: Float64Array, vectors: boolean): number;
  potrf(A: Float64Array, n: number): number;
  potrs(L: Float64Array, B: Float64Array, n: number, m: number): void;
  threads(count: number): number;
  serialBelow(flops: number): number;
}

/**
 * Calls of fewer flops (2·m·n·k for a product, m·m·k for a Gram, ≈16n³/3 for an eigendecomposition
 * with vectors, n³/3 for a Cholesky, 2n²m for a solve) run on one OpenBLAS thread, larger ones on
 * all of them (DIFFSIM_THREADS): below it a second thread costs more in hand-off than it saves.
 * Measured, 2-core x86-64, OpenBLAS 0.3.21 (pthreads):
 *   - idle machine, whole steps at 1 and 2 threads (the project's performance spec, 2026-12-05):
 *     the second thread slowed the FreemanZiemba2013 steps (calls ≤ 2.3e7 flops: cka 5.0 → 6.5 ms,
 *     linreg 5.5 → 6.7, ridge 20 → 25) and nbs on Hatsopoulos2007/MajajHong2015 (eigh of 141/168:
 *     1.5e7/2.5e7 flops; 25.8 → 29.4 ms), and sped up every Siegel2015 step (products 7.3e7,
 *     eigh 278: 1.2e8; e.g. procrustes 19.2 → 15.8 ms) and every Mante2013 step;
 *   - `npm run bench -- --parts threads` (each call alternately on 1 and 2 threads) at load average
 *     19 on the 2 cores: the second thread lost at every size there (gain 0.13–0.95 below 1e9
 *     flops) and cost the most CPU on small eigendecompositions (1.5× at 141).
 * Hence the threshold between 2.5e7 and 7e7. Re-measure with --parts threads on an idle machine.
 */
export const SERIAL_FLOPS = 5e7;

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
  /**
   * Calls estimated below `flops` floating-point operations run on one thread, larger ones on
   * setThreads' count (SERIAL_FLOPS at load); returns the previous threshold. Benchmarks set 0 to
   * time every size on every thread count.
   */
  setSerialThreshold(flops: number): number;
}

/** The serial threshold in force when the machine is not busy, and whether the busy rule is applied now (one addon per process). */
let serialFlops = SERIAL_FLOPS;
let busyApplied = false;

/**
 * Before each call: while the machine is busy (machineBusy) every call runs on one thread, else calls
 * from serialFlops up on all of them. Skipped when DIFFSIM_THREADS asks for a thread count.
 */
function followLoad(addon: BlasAddon, forced: boolean): void {
  if (forced) return;
  const busy = machineBusy();
  if (busy === busyApplied) return;
  busyApplied = busy;
  addon.serialBelow(busy ? Infinity : serialFlops);
}

/**
 * OpenBLAS's idle threads spin for 2^n cycles after a call before they sleep (OPENBLAS_THREAD_TIMEOUT,
 * default n = 28: ≈ 0.1 s). Spinning threads hold cores that the next process or the next step needs:
 * in `bench --baseline numpy`, each process's spinning threads made the other's 2-thread calls wait
 * (Siegel2015 NBS steps 67 ms on 2 threads against 30 on 1). n = 20 (≈ 0.4 ms) still bridges the gaps
 * between the calls of one step. Set in the environment before OpenBLAS loads, unless the user set it
 * (child processes inherit it).
 */
const SPIN_ENV = "OPENBLAS_THREAD_TIMEOUT";
const SPIN_LOG2_CYCLES = "20";

/** The native kernels, or null when they are not built or not wanted (see the file header). */
export function loadNativeBlas(env: Record<string, string | undefined> = process.env): NativeBlas | null {
  const choice = (env[KERNEL_ENV] ?? "").toLowerCase();
  if (choice === "js" || choice === "wasm") return null;
  let addon: BlasAddon;
  if (process.env[SPIN_ENV] === undefined) process.env[SPIN_ENV] = SPIN_LOG2_CYCLES;
  try {
    addon = require(NATIVE_ADDON_PATH) as BlasAddon;
  } catch (e) {
    if (choice === "native")
      throw new Error(`${KERNEL_ENV}=native, but the native kernels do not load from ${NATIVE_ADDON_PATH} (${(e as Error).message.split("\n")[0]}); build them with "node environment/build-native.js" (needs a C compiler and libopenblas-dev)`);
    return null;
  }
  const threads = addon.threads(threadCount(env));
  const forced = env[THREADS_ENV] !== undefined;
  const gemm: GemmKernel = (A, B, C, m, k, n, transA = false, transB = false, symmetric = false) => {
    followLoad(addon, forced);
    const flags = (transA ? FLAG_TRANS_A : 0) | (symmetric && A === B ? FLAG_SAME_SYMMETRIC : transB ? FLAG_TRANS_B : 0);
    addon.gemm(A, B, C, m, k, n, flags);
  };
  const eigh = (data: Float64Array, n: number, vectors: boolean): Float64Array => {
    const values = new Float64Array(n);
    followLoad(addon, forced);
    const info = addon.eigh(data, n, values, vectors);
    if (info < 0) throw new Error(`eigh: LAPACK dsyevd rejected argument ${-info}`);
    if (info > 0) throw new NumericalError(`eigh: LAPACK dsyevd did not converge (info ${info})`);
    return values;
  };
  const cholesky = (data: Float64Array, n: number): void => {
    followLoad(addon, forced);
    const info = addon.potrf(data, n);
    if (info < 0) throw new Error(`cholesky: LAPACK dpotrf rejected argument ${-info}`);
    let bad = info - 1; // dpotrf's first non-positive leading minor, else a NaN pivot it let through
    for (let j = 0; bad < 0 && j < n; j++) if (!(data[j * n + j] > 0)) bad = j;
    if (bad >= 0) throw new NumericalError(`cholesky: matrix is not positive definite (pivot ${bad} = ${data[bad * n + bad]})`);
  };
  const choleskySolve = (L: Float64Array, B: Float64Array, n: number, m: number): void => {
    followLoad(addon, forced);
    addon.potrs(L, B, n, m);
  };
  const setThreads = (count: number): number => {
    if (!(Number.isInteger(count) && count >= 1)) throw new Error(`setThreads: expected an integer ≥ 1, got ${count}`);
    const previous = addon.threads(0);
    addon.threads(count);
    return previous;
  };
  const setSerialThreshold = (flops: number): number => {
    if (!(flops >= 0)) throw new Error(`setSerialThreshold: expected a number ≥ 0, got ${flops}`);
    const previous = serialFlops;
    serialFlops = flops;
    if (!busyApplied) addon.serialBelow(flops);
    return previous;
  };
  if (!busyApplied) addon.serialBelow(serialFlops);
  return { gemm, eigh, cholesky, choleskySolve, threads, setThreads, setSerialThreshold };
}
