/**
 * The WebAssembly SIMD matrix-product kernel (gemm.c) as a GemmKernel. Loaded synchronously at
 * module init by matrix.ts, which installs it with setGemmKernel; this file must not import
 * matrix.ts at run time (that would be a cycle).
 *
 * Each call copies A and B into the kernel's shared memory, runs C (m×n) = op(A)·op(B) and copies C
 * out; the memory grows to the largest product seen and is reused. Products of at least
 * PARALLEL_FLOPS are cut into chunks — inner segments (a long inner dimension, see DEPTH_SEGMENT),
 * rows (C taller than wide) or columns (otherwise) — that the calling thread and worker threads
 * claim one at a time from a shared counter (one thread per core by default, DIFFSIM_THREADS=n for
 * n in all, at most MAX_THREADS; see threadCount). Each worker runs its own instance of the module
 * on the same memory and is woken through Atomics, so the call stays synchronous; because chunks
 * are claimed dynamically, a worker that is slow to wake or still starting costs at most the chunk
 * it holds. On an oversubscribed machine (1-minute load average above cores + ½, checked at most
 * once a second; this process's own busy threads count about one per core) the workers are left
 * idle unless DIFFSIM_THREADS is set: measured there, waiting for descheduled workers cost more than
 * they saved. Workers are unref'd and never keep a process
 * alive. Null (the caller keeps the JS loop) when DIFFSIM_KERNEL=js or WebAssembly SIMD is
 * unavailable (see module.ts).
 *
 *   const kernel = loadWasmGemm();          // GemmKernel | null
 *   kernel?.(A, B, C, m, k, n, true);       // C = AᵀB with A stored k×m
 */
import { availableParallelism } from "os";
import { Worker } from "worker_threads";
import type { GemmKernel } from "../matrix";
import { machineBusy } from "../machine-busy";
import { KernelModule, loadKernelModule } from "./module";

interface GemmExports {
  gemm(flags: number, m: number, n: number, k: number, A: number, B: number, C: number, i0: number, i1: number, j0: number, j1: number, k0: number, k1: number, workspace: number): void;
  mirrorUpper(C: number, n: number): void;
  sumPartials(C: number, size: number, count: number): void;
  workspaceSize(): number;
}

/** Environment variable with the number of threads for large products (default 1, at most MAX_THREADS). */
export const THREADS_ENV = "DIFFSIM_THREADS";
const MAX_THREADS = 4;
/**
 * Size of the product run once at load: enough work for V8 to tier gemm up from its baseline
 * compiler in the background (measured: the first 727×1080×727 product then takes 92 ms instead
 * of 298 ms), at a cost of about a millisecond.
 */
const WARM_UP_SIZE = 96;
/** Products below this many flops (2·m·n·k) run on the calling thread alone. */
const PARALLEL_FLOPS = 3e7;
/** Longest single wait of the calling thread for the workers' last chunks, in ms (see product). */
const WAIT_MS = 5;
/** Chunks per thread: enough for balance when a thread is late or descheduled. */
const CHUNKS_PER_THREAD = 6;
/**
 * Fewest rows or columns per chunk: every chunk packs the whole of the other operand (a column chunk
 * all of op(A), a row chunk all of op(B)), a memory-bound pass that costs as much as the
 * multiply-adds of a few columns.
 */
const MIN_CHUNK = 32;
/**
 * Products with a long inner dimension (k ≥ DEPTH_RATIO·max(m, n) and k > DEPTH_SEGMENT) are summed
 * over at most MAX_SEGMENTS inner segments of at least DEPTH_SEGMENT (multiples of the kernel's KC =
 * 256), one partial product each, added in segment order (sumPartials): tall-skinny AᵀB (Gram
 * matrices of 3910×141 data) then splits over threads without re-packing the operands, which row or
 * column chunks must (measured: 12 column chunks cost 20–30 % more CPU time than one thread). The
 * segments depend on the shape alone, so the bits do not depend on the number of threads; the
 * partial products (≤ MAX_SEGMENTS·m·n values) take no more memory than the operands' copies.
 */
const DEPTH_SEGMENT = 512;
const DEPTH_RATIO = 4;
const MAX_SEGMENTS = 8;
const KC = 256;

const FLAG_TRANS_A = 1;
const FLAG_TRANS_B = 2;
const FLAG_SYMMETRIC = 4;

/*
 * The job block shared by all threads (Int32 slots). Between jobs NEXT is CLOSED, so a late claim
 * gets nothing. A job is posted by writing its arguments, then NEXT = 0 and EPOCH + 1 (with a
 * notify). Every thread claims chunks with Atomics.add(NEXT, 1) and computes chunk i (see SPLIT;
 * symmetric products' column chunks costliest first) while BUSY counts it; the caller returns
 * once all chunks are claimed and BUSY is 0, and closes NEXT again. A claim that lands in a job
 * reads that job's arguments, which are always written before NEXT opens.
 */
const EPOCH = 0;
const NEXT = 1;
const BUSY = 2;
const CHUNKS = 3;
const CHUNK_WIDTH = 4;
const ARGS = 5; // 7 slots: flags, m, n, k, A, B, C
const SPLIT = 12; // what a chunk is: SPLIT_COLUMNS, SPLIT_ROWS or SPLIT_DEPTH
const READY_COUNT = 13; // workers that finished instantiating
const THREAD_LIMIT = 14; // workers with a slot ≥ this sit a job out (setThreadLimit)
const WORKSPACE_OF = 15; // slot 15 + t: byte address of thread t's packing workspace
const JOB_SLOTS = WORKSPACE_OF + MAX_THREADS;
const CLOSED = 1 << 30;
/** Chunk i is columns (rows) CHUNK_WIDTH·i …, or the inner segment CHUNK_WIDTH·i … summed into the i-th m×n partial product after C. */
const SPLIT_COLUMNS = 0;
const SPLIT_ROWS = 1;
const SPLIT_DEPTH = 2;

/** Claims and computes chunks until none is left; `gemm` is this thread's instance, t its workspace slot. */
const CLAIM_LOOP = `(c, gemm, t) => {
  for (;;) {
    Atomics.add(c, ${BUSY}, 1);
    const i = Atomics.add(c, ${NEXT}, 1);
    const chunks = c[${CHUNKS}];
    const claimed = i < chunks;
    if (claimed) {
      const m = c[${ARGS} + 1], n = c[${ARGS} + 2], k = c[${ARGS} + 3], width = c[${CHUNK_WIDTH}], split = c[${SPLIT}];
      const chunk = c[${ARGS}] & ${FLAG_SYMMETRIC} && split === ${SPLIT_COLUMNS} ? chunks - 1 - i : i;
      const s0 = chunk * width;
      let C = c[${ARGS} + 6], i0 = 0, i1 = m, j0 = 0, j1 = n, k0 = 0, k1 = k;
      if (split === ${SPLIT_ROWS}) [i0, i1] = [s0, Math.min(m, s0 + width)];
      else if (split === ${SPLIT_DEPTH}) [k0, k1, C] = [s0, Math.min(k, s0 + width), C + chunk * (m * n + ((m * n) & 1)) * 8];
      else [j0, j1] = [s0, Math.min(n, s0 + width)];
      gemm(c[${ARGS}], m, n, k, c[${ARGS} + 4], c[${ARGS} + 5], C, i0, i1, j0, j1, k0, k1, c[${WORKSPACE_OF} + t]);
    }
    // Every release, even of a claim that found nothing, must wake a caller waiting for BUSY = 0.
    if (Atomics.sub(c, ${BUSY}, 1) === 1) Atomics.notify(c, ${BUSY});
    if (!claimed) return;
  }
}`;

/** The worker: one more instance of gemm.wasm on the shared memory, claiming chunks of each posted job. */
const WORKER_SOURCE = `
const { workerData } = require("worker_threads");
const { module, memory, control, slot } = workerData;
const { gemm } = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(control);
const claim = ${CLAIM_LOOP};
let seen = Atomics.load(c, ${EPOCH});
Atomics.add(c, ${READY_COUNT}, 1);
for (;;) {
  Atomics.wait(c, ${EPOCH}, seen);
  seen = Atomics.load(c, ${EPOCH});
  if (slot < Atomics.load(c, ${THREAD_LIMIT})) claim(c, gemm, slot);
}`;

/** The calling thread's copy of the workers' claim loop (one source, so the two cannot drift apart). */
const claimChunks = new Function(`return ${CLAIM_LOOP}`)() as (c: Int32Array, gemm: GemmExports["gemm"], t: number) => void;

/**
 * Number of threads for large products: DIFFSIM_THREADS when it is a positive integer (1 turns the
 * workers off), else one per available core; at most MAX_THREADS either way.
 */
export function threadCount(env: Record<string, string | undefined>): number {
  const requested = Number(env[THREADS_ENV]);
  const count = Number.isInteger(requested) && requested >= 1 ? requested : availableParallelism();
  return Math.min(count, MAX_THREADS);
}

/** Starts `count` workers (workspace slots 1…count) on the kernel's module, memory and job block. */
function startWorkers(kernel: KernelModule<GemmExports>, control: SharedArrayBuffer, count: number): number {
  let started = 0;
  for (let t = 1; t <= count; t++) {
    try {
      new Worker(WORKER_SOURCE, { eval: true, workerData: { module: kernel.module, memory: kernel.memory, control, slot: t } }).unref();
      started++;
    } catch {
      break; // no worker threads here: the calling thread does the work
    }
  }
  return started;
}

/**
 * The wasm GemmKernel, which also says how many worker threads it started and how many are ready,
 * and can be limited to `count` threads per product (setThreadLimit returns the previous limit).
 */
export type WasmGemm = GemmKernel & { workers: number; readyWorkers(): number; setThreadLimit(count: number): number };

/** The wasm kernel as a GemmKernel, or null when it cannot or must not be used. */
export function loadWasmGemm(env: Record<string, string | undefined> = process.env): WasmGemm | null {
  const kernel = loadKernelModule<GemmExports>("gemm", env);
  if (!kernel) return null;
  const { gemm, mirrorUpper, sumPartials, workspaceSize } = kernel.exports;
  // The job block is shared only when there are workers to share it with: a browser page that is not
  // cross-origin isolated has shared WebAssembly memory but no SharedArrayBuffer constructor.
  const workersWanted = typeof SharedArrayBuffer === "function" ? threadCount(env) - 1 : 0;
  const shared = workersWanted > 0 ? new SharedArrayBuffer(JOB_SLOTS * 4) : null;
  const job = new Int32Array(shared ?? new ArrayBuffer(JOB_SLOTS * 4));
  job[NEXT] = CLOSED;
  const started = 1 + (shared ? startWorkers(kernel, shared, workersWanted) : 0);
  let threads = started;
  job[THREAD_LIMIT] = threads;
  const setThreadLimit = (count: number): number => {
    if (!(Number.isInteger(count) && count >= 1)) throw new Error(`setThreadLimit: expected an integer ≥ 1, got ${count}`);
    const previous = threads;
    threads = Math.min(count, started);
    Atomics.store(job, THREAD_LIMIT, threads);
    return previous;
  };
  const workspace = even(workspaceSize());
  const readyWorkers = () => Atomics.load(job, READY_COUNT);
  const forced = env[THREADS_ENV] !== undefined;

  const product: GemmKernel = (A, B, C, m, k, n, transA = false, transB = false, symmetric = false) => {
    const sameInput = symmetric && A === B;
    const sizeA = even(m * k);
    const sizeB = sameInput ? 0 : even(k * n);
    const { segments, length } = depthSegments(m, n, k);
    const ws = kernel.reserve(started * workspace + sizeA + sizeB + even(m * n) * segments);
    const a = ws + started * workspace;
    const b = sameInput ? a : a + sizeA;
    const c = a + sizeA + sizeB;
    const heap = kernel.heap();
    heap.set(A, a);
    if (!sameInput) heap.set(B, b);
    const flags = (transA ? FLAG_TRANS_A : 0) | (transB ? FLAG_TRANS_B : 0) | (symmetric ? FLAG_SYMMETRIC : 0);
    if (threads === 1 || 2 * m * n * k < PARALLEL_FLOPS || readyWorkers() === 0 || (!forced && machineBusy())) {
      for (let s = 0; s < segments; s++) gemm(flags, m, n, k, a * 8, b * 8, (c + s * even(m * n)) * 8, 0, m, 0, n, s * length, Math.min(k, (s + 1) * length), ws * 8);
    } else {
      // inner segments when there are several; else a tall C in row chunks, which re-pack op(B) (k×n,
      // the smaller operand), otherwise column chunks, which re-pack op(A)
      const split = segments > 1 ? SPLIT_DEPTH : !symmetric && m > n ? SPLIT_ROWS : SPLIT_COLUMNS;
      const extent = split === SPLIT_DEPTH ? k : split === SPLIT_ROWS ? m : n;
      const width = split === SPLIT_DEPTH ? length : Math.max(MIN_CHUNK, Math.ceil(extent / (threads * CHUNKS_PER_THREAD) / 4) * 4);
      job.set([flags, m, n, k, a * 8, b * 8, c * 8], ARGS);
      job[SPLIT] = split;
      // every started thread gets a workspace: a worker waking late may still claim a chunk of this job
      for (let t = 0; t < started; t++) job[WORKSPACE_OF + t] = (ws + t * workspace) * 8;
      job[CHUNK_WIDTH] = width;
      job[CHUNKS] = Math.ceil(extent / width);
      Atomics.store(job, NEXT, 0);
      Atomics.add(job, EPOCH, 1);
      Atomics.notify(job, EPOCH);
      claimChunks(job, gemm, 0);
      // Bounded waits: BUSY is re-read at least every WAIT_MS even if a wake-up were ever lost.
      for (let busy; (busy = Atomics.load(job, BUSY)) !== 0; ) Atomics.wait(job, BUSY, busy, WAIT_MS);
      Atomics.store(job, NEXT, CLOSED);
    }
    if (segments > 1) sumPartials(c * 8, even(m * n), segments);
    if (symmetric) mirrorUpper(c * 8, m);
    C.set(heap.subarray(c, c + m * n));
  };
  const warm = new Float64Array(WARM_UP_SIZE * WARM_UP_SIZE).fill(1);
  product(warm, warm, new Float64Array(warm.length), WARM_UP_SIZE, WARM_UP_SIZE, WARM_UP_SIZE);
  return Object.assign(product, { workers: started - 1, readyWorkers, setThreadLimit });
}

/** The inner segments a product is summed over (one of length k: in one pass), see DEPTH_SEGMENT; a function of the shape alone. */
function depthSegments(m: number, n: number, k: number): { segments: number; length: number } {
  if (!(k >= DEPTH_RATIO * Math.max(m, n) && k > DEPTH_SEGMENT)) return { segments: 1, length: k };
  const count = Math.min(MAX_SEGMENTS, Math.ceil(k / DEPTH_SEGMENT));
  const length = Math.ceil(k / count / KC) * KC;
  return { segments: Math.ceil(k / length), length };
}

/** x rounded up to an even number of doubles (keeps blocks 16-byte aligned). */
function even(x: number): number {
  return x + (x & 1);
}
