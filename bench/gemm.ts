/**
 * GEMM throughput: the native OpenBLAS kernel (when built), the WebAssembly SIMD kernel (threaded
 * when there are several cores, and single-threaded) and the JS loop on 512³ and on the products of an optimization
 * step at each benchmark shape (n×p data): X̄ᵀȲ (p×p, inner n), the Gram ȲᵀȲ (symmetric mode) and
 * X̄·A (n×p from n×p · p×p). GFLOP/s counts 2·m·n·k for every product, also for the Gram, whose
 * kernel does about half of that work ("effective" rate); the CPU-time rate of the single-threaded
 * kernel is the least sensitive to other processes' load.
 */
import { Rng } from "../lib/random";
import { Matrix, gramCols, matmul, matmulTN, resetGemmKernel, setGemmKernel } from "../lib/tensor/matrix";
import { THREADS_ENV, loadWasmGemm } from "../lib/tensor/kernels/gemm";
import { loadNativeBlas } from "../lib/tensor/native/native";
import { SHAPES } from "./reference";
import { Timing, timeRepeated } from "./timing";

export interface GemmResult {
  product: string;
  shape: string;
  m: number;
  k: number;
  n: number;
  /** OpenBLAS (null when not built); the wasm kernel threaded when workers are running, and single-threaded. */
  native: Timing | null;
  wasm: Timing | null;
  wasm1: Timing | null;
  js: Timing | null;
  /** From the fastest run's wall time; single-threaded also from the smallest CPU time. */
  nativeGflops: number | null;
  wasmGflops: number | null;
  wasm1Gflops: number | null;
  wasm1CpuGflops: number | null;
  jsGflops: number | null;
}

interface ProductCase {
  product: string;
  shape: string;
  m: number;
  k: number;
  n: number;
  run: () => Matrix;
}

function cases(rng: Rng): ProductCase[] {
  const A512 = rng.normalMatrix(512, 512);
  const B512 = rng.normalMatrix(512, 512);
  const out: ProductCase[] = [{ product: "A·B", shape: "512³", m: 512, k: 512, n: 512, run: () => matmul(A512, B512) }];
  for (const s of SHAPES) {
    const X = rng.normalMatrix(s.rows, s.cols);
    const Y = rng.normalMatrix(s.rows, s.cols);
    const P = rng.normalMatrix(s.cols, s.cols);
    const shape = `${s.name} ${s.rows}×${s.cols}`;
    out.push({ product: "XᵀY", shape, m: s.cols, k: s.rows, n: s.cols, run: () => matmulTN(X, Y) });
    out.push({ product: "YᵀY (Gram)", shape, m: s.cols, k: s.rows, n: s.cols, run: () => gramCols(Y) });
    out.push({ product: "X·P", shape, m: s.rows, k: s.cols, n: s.cols, run: () => matmul(X, P) });
  }
  return out;
}

/** Times every product with each kernel; `quick` times the JS loop only on 512³ and Mante2013's XᵀY. */
export async function benchGemm(quick: boolean): Promise<GemmResult[]> {
  const native = loadNativeBlas();
  const wasm = loadWasmGemm();
  const single = loadWasmGemm({ ...process.env, [THREADS_ENV]: "1" });
  for (let waited = 0; wasm && wasm.readyWorkers() < wasm.workers && waited < 10000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const results: GemmResult[] = [];
  const repeat = { warmup: 1, count: quick ? 3 : 7, maxSeconds: quick ? 5 : 20 };
  try {
    for (const c of cases(new Rng(3))) {
      const flops = 2 * c.m * c.n * c.k;
      setGemmKernel(native?.gemm ?? null, "native-openblas");
      const nat = native ? timeRepeated(c.run, repeat) : null;
      setGemmKernel(wasm, "wasm-simd");
      const w = wasm ? timeRepeated(c.run, repeat) : null;
      setGemmKernel(single, "wasm-simd");
      const w1 = single ? timeRepeated(c.run, repeat) : null;
      const timeJs = !quick || c.shape === "512³" || (c.shape.startsWith("Mante2013") && c.product === "XᵀY");
      setGemmKernel(null, "js");
      const j = timeJs ? timeRepeated(c.run, { warmup: 0, count: quick ? 1 : 3, maxSeconds: 10 }) : null;
      results.push({
        product: c.product,
        shape: c.shape,
        m: c.m,
        k: c.k,
        n: c.n,
        native: nat,
        wasm: w,
        wasm1: w1,
        js: j,
        nativeGflops: nat ? flops / nat.min / 1e6 : null,
        wasmGflops: w ? flops / w.min / 1e6 : null,
        wasm1Gflops: w1 ? flops / w1.min / 1e6 : null,
        wasm1CpuGflops: w1 ? flops / w1.cpuMin / 1e6 : null,
        jsGflops: j ? flops / j.min / 1e6 : null,
      });
    }
  } finally {
    resetGemmKernel();
  }
  return results;
}
