/**
 * One versus two threads per call of the native kernels, on the products, Gram matrices and
 * eigendecompositions of an optimization step at each benchmark shape plus a ladder of square
 * products: the same call alternately on 1 and 2 threads (every size on both, the size threshold
 * of native.ts switched off), so both see the same machine load. The crossover, the flop count above
 * which two threads win, is what native.ts's SERIAL_FLOPS is set from.
 */
import { Rng } from "../lib/random";
import { gramCols } from "../lib/tensor/matrix";
import { NativeBlas, loadNativeBlas } from "../lib/tensor/native/native";
import { SHAPES } from "./reference";
import { Timing, timingOf } from "./timing";

export interface ThreadsResult {
  call: string;
  /** The flop estimate native.ts uses for the call. */
  flops: number;
  one: Timing;
  two: Timing;
  /** one ÷ two, medians of the wall time (> 1: the second thread helps). */
  gain: number;
}

interface Call {
  call: string;
  flops: number;
  run: (blas: NativeBlas) => void;
}

function calls(rng: Rng): Call[] {
  const out: Call[] = [];
  const product = (label: string, m: number, k: number, n: number, transA: boolean) => {
    const A = rng.normalMatrix(transA ? k : m, transA ? m : k);
    const B = rng.normalMatrix(k, n);
    const C = new Float64Array(m * n);
    out.push({ call: `${label} ${m}×${k}×${n}`, flops: 2 * m * n * k, run: (b) => b.gemm(A.data, B.data, C, m, k, n, transA) });
  };
  for (const s of [48, 64, 96, 128, 160, 192, 256, 320]) product("A·B", s, s, s, false);
  for (const s of SHAPES) {
    product(`X̄ᵀȲ ${s.name}`, s.cols, s.rows, s.cols, true);
    const Y = rng.normalMatrix(s.rows, s.cols);
    const G = new Float64Array(s.cols * s.cols);
    out.push({ call: `ȲᵀȲ ${s.name} ${s.cols}×${s.rows}`, flops: s.cols * s.cols * s.rows, run: (b) => b.gemm(Y.data, Y.data, G, s.cols, s.rows, s.cols, true, false, true) });
    const S = gramCols(Y).data;
    const p = s.cols;
    out.push({ call: `eigh ${s.name} ${p}`, flops: (16 / 3) * p * p * p, run: (b) => b.eigh(S.slice(), p, true) });
  }
  return out.sort((a, b) => a.flops - b.flops);
}

/** Times every call alternately on 1 and 2 threads (quick: fewer rounds); null without the native kernels. */
export function benchThreads(quick: boolean, progress: (r: ThreadsResult) => void = () => {}): ThreadsResult[] | null {
  const blas = loadNativeBlas();
  if (!blas) return null;
  const previousThreads = blas.setThreads(1);
  const previousThreshold = blas.setSerialThreshold(0);
  const results: ThreadsResult[] = [];
  try {
    for (const c of calls(new Rng(3))) {
      const times: Record<number, { wall: number[]; cpu: number[] }> = { 1: { wall: [], cpu: [] }, 2: { wall: [], cpu: [] } };
      // enough rounds for ≈ 0.3 s (quick 0.1 s) per thread count, at least 5
      blas.setThreads(1);
      const t0 = performance.now();
      c.run(blas);
      const rounds = Math.max(5, Math.min(400, Math.round((quick ? 100 : 300) / Math.max(0.01, performance.now() - t0))));
      for (let r = 0; r < rounds; r++)
        for (const t of r % 2 ? [2, 1] : [1, 2]) {
          blas.setThreads(t);
          const c0 = process.cpuUsage();
          const w0 = performance.now();
          c.run(blas);
          times[t].wall.push(performance.now() - w0);
          const cpu = process.cpuUsage(c0);
          times[t].cpu.push((cpu.user + cpu.system) / 1000);
        }
      const one = timingOf(times[1].wall, times[1].cpu);
      const two = timingOf(times[2].wall, times[2].cpu);
      results.push({ call: c.call, flops: c.flops, one, two, gain: one.median / two.median });
      progress(results[results.length - 1]);
    }
  } finally {
    blas.setThreads(previousThreads);
    blas.setSerialThreshold(previousThreshold);
  }
  return results;
}

/** The smallest flop count from which on two threads won every call measured (by median), or null. */
export function crossover(results: ThreadsResult[]): number | null {
  for (let i = 0; i < results.length; i++) if (results.slice(i).every((r) => r.gain > 1)) return results[i].flops;
  return null;
}


