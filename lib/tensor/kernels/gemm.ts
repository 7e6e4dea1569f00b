/**
 * Loader of the WebAssembly SIMD matrix-product kernel (gemm.c → gemm.wasm, built by
 * environment/build-kernels.sh). Loaded synchronously at module init by matrix.ts, which installs
 * it with setGemmKernel; this file must not import matrix.ts at run time (that would be a cycle).
 *
 * The kernel works in the module's own linear memory: each call copies A and B in, runs
 *   C (m×n) = op(A)·op(B)
 * and copies C out. The memory grows to the largest product seen and is reused, so repeated calls
 * allocate nothing. Single-threaded.
 *
 * Returns null (the caller keeps the JS loop) when DIFFSIM_KERNEL=js, when the runtime has no
 * WebAssembly SIMD, or when gemm.wasm cannot be read.
 *
 *   const kernel = loadWasmGemm();          // GemmKernel | null
 *   kernel?.(A, B, C, m, k, n, true);       // C = AᵀB with A stored k×m
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { GemmKernel } from "../matrix";

/** Environment variable that selects the kernel: "js" forces the JS loop, anything else tries wasm. */
export const KERNEL_ENV = "DIFFSIM_KERNEL";

/** The part of the WebAssembly JS API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface GemmExports {
  memory: WasmMemory;
  gemm(flags: number, m: number, n: number, k: number, A: number, B: number, C: number): void;
  __heap_base: { value: number };
}

const FLAG_TRANS_A = 1;
const FLAG_TRANS_B = 2;
const FLAG_SYMMETRIC = 4;
const PAGE_BYTES = 65536;

/** The wasm kernel as a GemmKernel, or null when it cannot or must not be used (see the file header). */
export function loadWasmGemm(env: Record<string, string | undefined> = process.env): GemmKernel | null {
  if ((env[KERNEL_ENV] ?? "").toLowerCase() === "js") return null;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  let exports: GemmExports;
  try {
    const module = new api.Module(readFileSync(join(__dirname, "gemm.wasm")));
    exports = new api.Instance(module, {}).exports as unknown as GemmExports;
  } catch {
    return null; // no SIMD support (the module fails validation) or no file: the JS loop stays
  }
  const { memory, gemm } = exports;
  const heapStart = Math.ceil(exports.__heap_base.value / 16) * 16; // 16-byte aligned, in bytes
  let heap = new Float64Array(memory.buffer);

  /** Makes room for `doubles` float64 values after the heap start; returns that start in doubles. */
  function reserve(doubles: number): number {
    const needed = heapStart + doubles * 8;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
    if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
    return heapStart / 8;
  }
  const even = (x: number) => x + (x & 1); // keep every block 16-byte aligned

  return (A, B, C, m, k, n, transA = false, transB = false, symmetric = false) => {
    const sameInput = symmetric && A === B;
    const sizeA = even(m * k);
    const sizeB = sameInput ? 0 : even(k * n);
    const a = reserve(sizeA + sizeB + m * n);
    const b = sameInput ? a : a + sizeA;
    const c = a + sizeA + sizeB;
    heap.set(A, a);
    if (!sameInput) heap.set(B, b);
    const flags = (transA ? FLAG_TRANS_A : 0) | (transB ? FLAG_TRANS_B : 0) | (symmetric ? FLAG_SYMMETRIC : 0);
    gemm(flags, m, n, k, a * 8, b * 8, c * 8);
    C.set(heap.subarray(c, c + m * n));
  };
}
