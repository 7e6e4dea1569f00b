/**
 * Browser stand-ins for the Node built-ins that lib/tensor imports at load (fs, path, os,
 * worker_threads). The explorer bundle (display/explorer-bundle.ts) resolves those four module names to
 * this file, so the library's own kernel loading runs unchanged in a page:
 *
 *   - `readFileSync(".../gemm.wasm")` returns the kernel's bytes, inlined into the bundle, so
 *     tensor/kernels/module.ts instantiates the same WebAssembly SIMD kernels as in Node, without a server;
 *   - one thread: `availableParallelism()` is 1 and `Worker` cannot start (gemm.ts then runs every product
 *     on the page's thread).
 *
 *   import { readFileSync } from "fs";   // in the bundle: this file
 *   readFileSync("/lib/tensor/kernels/eigh.wasm");   // Uint8Array
 */
import eighWasm from "../../tensor/kernels/eigh.wasm";
import gemmWasm from "../../tensor/kernels/gemm.wasm";

/** The kernels of lib/tensor/kernels by file name. */
const KERNEL_FILES: Record<string, Uint8Array> = { "eigh.wasm": eighWasm, "gemm.wasm": gemmWasm };

/** fs.readFileSync for the inlined kernel files only (by base name); throws like Node for anything else. */
export function readFileSync(path: string): Uint8Array {
  const bytes = KERNEL_FILES[path.slice(path.lastIndexOf("/") + 1)];
  if (!bytes) throw new Error(`ENOENT: no such file in the browser bundle: ${path}`);
  return bytes;
}

/** path.join with "/" separators (the bundle's __dirname is a placeholder folder). */
export function join(...parts: string[]): string {
  return parts.join("/").replace(/\/+/g, "/");
}

/** os.availableParallelism: the page computes on one thread. */
export function availableParallelism(): number {
  return 1;
}

/** os.loadavg: unknown in a page. */
export function loadavg(): number[] {
  return [0, 0, 0];
}

/** worker_threads.Worker: not available in a page (gemm.ts catches this and uses no workers). */
export class Worker {
  constructor() {
    throw new Error("worker_threads are not available in the browser bundle");
  }
  unref(): void {}
}
