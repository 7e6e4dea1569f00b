/**
 * Symmetric eigendecomposition (values + vectors) at each benchmark shape's feature count p — the
 * p×p Gram eigenproblem behind NBS / Procrustes (thin SVD) and the regression solvers: the JS
 * solver of linalg/eigh.ts (eighJs), the WebAssembly SIMD one of kernels/eigh.ts and, when built,
 * LAPACK's dsyevd through the native kernels.
 */
import { Rng } from "../lib/random";
import { loadWasmEigh } from "../lib/tensor/kernels/eigh";
import { eighJs } from "../lib/tensor/linalg/eigh";
import { gramCols } from "../lib/tensor/matrix";
import { loadNativeBlas } from "../lib/tensor/native/native";
import { SHAPES } from "./reference";
import { Timing, timeRepeated } from "./timing";

export interface EighResult {
  shape: string;
  n: number;
  js: Timing | null;
  wasm: Timing | null;
  native: Timing | null;
}

/** Times the solvers on the Gram matrix of a random rows×p matrix for every shape; quick mode times JS once. */
export function benchEigh(quick: boolean): EighResult[] {
  const wasmEigh = loadWasmEigh();
  const native = loadNativeBlas();
  const rng = new Rng(5);
  const repeat = { warmup: 1, count: quick ? 3 : 7, maxSeconds: quick ? 5 : 20 };
  return SHAPES.map((s) => {
    const A = gramCols(rng.normalMatrix(s.rows, s.cols));
    const wasm = wasmEigh ? timeRepeated(() => wasmEigh(A), repeat) : null;
    const nat = native ? timeRepeated(() => native.eigh(A.data.slice(), s.cols, true), repeat) : null;
    const js = timeRepeated(() => eighJs(A), { warmup: 0, count: quick ? 1 : 3, maxSeconds: 20 });
    return { shape: `${s.name} ${s.rows}×${s.cols}`, n: s.cols, js, wasm, native: nat };
  });
}
