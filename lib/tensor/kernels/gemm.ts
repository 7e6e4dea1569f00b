/**
 * The WebAssembly SIMD matrix-product kernel (gemm.c) as a GemmKernel. Loaded synchronously at
 * module init by matrix.ts, which installs it with setGemmKernel; this file must not import
 * matrix.ts at run time (that would be a cycle).
 *
 * Each call copies A and B into the module's memory, runs C (m×n) = op(A)·op(B) and copies C out;
 * the memory grows to the largest product seen and is reused. Single-threaded. Null (the caller
 * keeps the JS loop) when DIFFSIM_KERNEL=js or WebAssembly SIMD is unavailable (see module.ts).
 *
 *   const kernel = loadWasmGemm();          // GemmKernel | null
 *   kernel?.(A, B, C, m, k, n, true);       // C = AᵀB with A stored k×m
 */
import type { GemmKernel } from "../matrix";
import { loadKernelModule } from "./module";

interface GemmExports {
  gemm(flags: number, m: number, n: number, k: number, A: number, B: number, C: number): void;
}

const FLAG_TRANS_A = 1;
const FLAG_TRANS_B = 2;
const FLAG_SYMMETRIC = 4;

/** The wasm kernel as a GemmKernel, or null when it cannot or must not be used. */
export function loadWasmGemm(env: Record<string, string | undefined> = process.env): GemmKernel | null {
  const kernel = loadKernelModule<GemmExports>("gemm", env);
  if (!kernel) return null;
  const even = (x: number) => x + (x & 1); // keeps every block 16-byte aligned

  return (A, B, C, m, k, n, transA = false, transB = false, symmetric = false) => {
    const sameInput = symmetric && A === B;
    const sizeA = even(m * k);
    const sizeB = sameInput ? 0 : even(k * n);
    const a = kernel.reserve(sizeA + sizeB + m * n);
    const b = sameInput ? a : a + sizeA;
    const c = a + sizeA + sizeB;
    const heap = kernel.heap();
    heap.set(A, a);
    if (!sameInput) heap.set(B, b);
    const flags = (transA ? FLAG_TRANS_A : 0) | (transB ? FLAG_TRANS_B : 0) | (symmetric ? FLAG_SYMMETRIC : 0);
    kernel.exports.gemm(flags, m, n, k, a * 8, b * 8, c * 8);
    C.set(heap.subarray(c, c + m * n));
  };
}
