/**
 * Loads one of the WebAssembly kernels of this folder (NAME.c → NAME.wasm, built by
 * environment/build-kernels.sh) synchronously into a new shared memory (so worker threads can run
 * further instances of the same module on the same data), and manages that memory as a float64
 * heap that grows to the largest request and is then reused, so repeated calls allocate nothing.
 * Must not import matrix.ts at run time (matrix.ts loads the GEMM kernel through this file).
 *
 * Returns null, so that callers keep their JS code, when DIFFSIM_KERNEL=js, when the runtime has no
 * WebAssembly SIMD (the module fails validation), or when the .wasm file cannot be read.
 *
 *   const kernel = loadKernelModule<{ gemm(...args: number[]): void }>("gemm");
 *   const at = kernel!.reserve(1000);     // index of 1000 free doubles in kernel!.heap()
 */
import { readFileSync } from "fs";
import { join } from "path";

/** Environment variable that selects the kernels: "js" forces the JS code, anything else tries wasm. */
export const KERNEL_ENV = "DIFFSIM_KERNEL";

/** The part of the WebAssembly JS API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A loaded kernel: its exported functions and a float64 heap after its static data. */
export interface KernelModule<E> {
  exports: E;
  /** The compiled module and its shared memory, for more instances in worker threads. */
  module: object;
  memory: WasmMemory;
  /** Makes room for `doubles` values and returns the index (in heap()) where they start, 16-byte aligned. */
  reserve(doubles: number): number;
  /** The current float64 view of the memory (a new view after the memory grew). */
  heap(): Float64Array;
}

const PAGE_BYTES = 65536;
/** The memory limits every kernel is linked with (build-kernels.sh): 1 MiB initial, 4 GiB maximum. */
const INITIAL_PAGES = 16;
const MAXIMUM_PAGES = 65536;

/** Instantiates NAME.wasm from this folder, or returns null (see the file header). */
export function loadKernelModule<E>(name: string, env: Record<string, string | undefined> = process.env): KernelModule<E> | null {
  if ((env[KERNEL_ENV] ?? "").toLowerCase() === "js") return null;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  // (no locals named `module` or `exports`: they would shadow CommonJS's own in tslab's compiled output)
  let wasmModule: object;
  let memory: WasmMemory;
  let instanceExports: Record<string, unknown>;
  try {
    wasmModule = new api.Module(readFileSync(join(__dirname, `${name}.wasm`)));
    memory = new api.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
    instanceExports = new api.Instance(wasmModule, { env: { memory } }).exports;
  } catch {
    return null; // no SIMD or shared-memory support, or no file: the JS code stays
  }
  const heapStart = Math.ceil((instanceExports.__heap_base as { value: number }).value / 16) * 16; // bytes
  let view = new Float64Array(memory.buffer);
  return {
    exports: instanceExports as unknown as E,
    module: wasmModule,
    memory,
    reserve(doubles: number): number {
      const needed = heapStart + doubles * 8;
      if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
      return heapStart / 8;
    },
    heap(): Float64Array {
      if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
      return view;
    },
  };
}
