/**
 * The WebAssembly SIMD symmetric eigensolver (eigh.c): Householder tridiagonalization, backward
 * accumulation of the reflectors and implicit QL with Wilkinson shifts — the algorithm of
 * linalg/eigh.ts, restructured so every O(n³) loop is a contiguous f64x2 stream. Same contract as
 * linalg/eigh.ts's eigh (values ascending, V's columns the eigenvectors, A untouched); only the upper
 * triangle of A is read (eigh.ts reads the lower one: the same for a symmetric A).
 *
 * `.values(A)` gives the eigenvalues alone (ascending), without accumulating or rotating any
 * eigenvector: about 4× cheaper at n = 727 (0.15 s vs 0.6 s), e.g. for a nuclear norm Σ√λ(MᵀM)
 * in a score-only evaluation. Null when DIFFSIM_KERNEL=js or WebAssembly SIMD is unavailable (see module.ts), so a
 * caller can keep the JS solver:
 *
 *   const wasmEigh = loadWasmEigh();
 *   const { values, vectors } = wasmEigh ? wasmEigh(A) : eighJs(A);
 *   wasmEigh?.values(A);                    // Float64Array, ascending
 */
import type { Eigh } from "../linalg/eigh";
import { NumericalError } from "../../errors";
import { Matrix } from "../matrix";
import { loadKernelModule } from "./module";

/**
 * Size of the eigenproblem solved once at load so that V8 tiers the solver up from its baseline
 * compiler in the background (measured: the first 727×727 solve then takes 0.47 s instead of 1.6 s).
 */
const WARM_UP_SIZE = 48;

interface EighExports {
  eigh(n: number, A: number, W: number, d: number, work: number): number;
  eigvalsh(n: number, A: number, d: number, work: number): number;
}

/** The wasm eigensolver: values and vectors, plus `values` for the eigenvalues alone. */
export type WasmEigh = ((A: Matrix) => Eigh) & { values(A: Matrix): Float64Array };

/** The order of a square A; throws naming both sizes otherwise (shared by every eigensolver). */
export function checkSquare(A: Matrix): number {
  if (A.cols !== A.rows) throw new Error(`eigh: matrix must be square, got ${A.rows}×${A.cols}`);
  return A.rows;
}

/** The wasm eigensolver, or null when it cannot or must not be used. */
export function loadWasmEigh(env: Record<string, string | undefined> = process.env): WasmEigh | null {
  const kernel = loadKernelModule<EighExports>("eigh", env);
  if (!kernel) return null;
  const solve = (A: Matrix): Eigh => {
    const n = checkSquare(A);
    const a = kernel.reserve(2 * n * n + 6 * n);
    const w = a + n * n;
    const d = w + n * n;
    const work = d + 2 * n;
    const heap = kernel.heap();
    heap.set(A.data, a);
    if (kernel.exports.eigh(n, a * 8, w * 8, d * 8, work * 8) !== 0) throw new NumericalError("eigh: QL iteration did not converge");
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
  const values = (A: Matrix): Float64Array => {
    const n = checkSquare(A);
    const a = kernel.reserve(n * n + 6 * n);
    const d = a + n * n;
    const work = d + 2 * n;
    const heap = kernel.heap();
    heap.set(A.data, a);
    if (kernel.exports.eigvalsh(n, a * 8, d * 8, work * 8) !== 0) throw new NumericalError("eigh: QL iteration did not converge");
    return heap.slice(d, d + n).sort();
  };
  const warm = new Matrix(WARM_UP_SIZE, WARM_UP_SIZE);
  for (let i = 0; i < WARM_UP_SIZE; i++) for (let j = 0; j < WARM_UP_SIZE; j++) warm.set(i, j, 1 / (1 + Math.abs(i - j)));
  solve(warm);
  values(warm);
  return Object.assign(solve, { values });
}
