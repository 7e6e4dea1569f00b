/**
 * The WebAssembly SIMD symmetric eigensolver (eigh.c): Householder tridiagonalization, backward
 * accumulation of the reflectors and implicit QL with Wilkinson shifts — the algorithm of
 * linalg/eigh.ts, restructured so every O(n³) loop is a contiguous f64x2 stream. Same contract as
 * linalg/eigh.ts's eigh (values ascending, V's columns the eigenvectors, A untouched); only the upper
 * triangle of A is read (eigh.ts reads the lower one: the same for a symmetric A).
 *
 * Null when DIFFSIM_KERNEL=js or WebAssembly SIMD is unavailable (see module.ts), so a caller can
 * keep the JS solver:
 *
 *   const wasmEigh = loadWasmEigh();
 *   const { values, vectors } = wasmEigh ? wasmEigh(A) : eigh(A);
 */
import type { Eigh } from "../linalg/eigh";
import { Matrix } from "../matrix";
import { loadKernelModule } from "./module";

/**
 * Size of the eigenproblem solved once at load so that V8 tiers the solver up from its baseline
 * compiler in the background (measured: the first 727×727 solve then takes 0.47 s instead of 1.6 s).
 */
const WARM_UP_SIZE = 48;

interface EighExports {
  eigh(n: number, A: number, W: number, d: number, work: number): number;
}

/** The wasm eigensolver, or null when it cannot or must not be used. */
export function loadWasmEigh(env: Record<string, string | undefined> = process.env): ((A: Matrix) => Eigh) | null {
  const kernel = loadKernelModule<EighExports>("eigh", env);
  if (!kernel) return null;
  const solve = (A: Matrix): Eigh => {
    const n = A.rows;
    if (A.cols !== n) throw new Error(`eigh: matrix must be square, got ${A.rows}×${A.cols}`);
    const a = kernel.reserve(2 * n * n + 6 * n);
    const w = a + n * n;
    const d = w + n * n;
    const work = d + 2 * n;
    const heap = kernel.heap();
    heap.set(A.data, a);
    if (kernel.exports.eigh(n, a * 8, w * 8, d * 8, work * 8) !== 0) throw new Error("eigh: QL iteration did not converge");
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => heap[d + i] - heap[d + j]);
    const values = new Float64Array(n);
    const vectors = new Matrix(n, n);
    const V = vectors.data;
    for (let k = 0; k < n; k++) {
      const row = w + order[k] * n; // row of W = eigenvector of values[k]
      values[k] = heap[d + order[k]];
      for (let i = 0; i < n; i++) V[i * n + k] = heap[row + i];
    }
    return { values, vectors };
  };
  const warm = new Matrix(WARM_UP_SIZE, WARM_UP_SIZE);
  for (let i = 0; i < WARM_UP_SIZE; i++) for (let j = 0; j < WARM_UP_SIZE; j++) warm.set(i, j, 1 / (1 + Math.abs(i - j)));
  solve(warm);
  return solve;
}
