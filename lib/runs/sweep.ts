/**
 * Local sweeps: many runs in parallel worker processes, stored by the parent (the store's only
 * writer), resumable at any point because every run is keyed and stored in one transaction.
 *
 *   const summary = await sweep(expandGrid(parseGridFile("grid.yaml")), { store: "runs.duckdb", workers: 2 });
 *   summary.computed; summary.skipped; summary.failed;
 */
import { ChildProcess, fork } from "child_process";
import { availableParallelism } from "os";
import { performance } from "perf_hooks";
import { pathToFileURL } from "url";
import { join } from "path";
import { InputError } from "../errors";
import { NormalizedRunConfig, RunConfig, normalizeConfig } from "./config";
import { UserArrays, toPortable } from "./dataset";
import { runKey } from "./key";
import type { RunResult, RunSummary } from "./result";
import { shardOf } from "./shard";
import { openStore } from "./store";
import type { FromWorker, ToWorker } from "./worker";

export interface SweepProgress {
  /** Runs of this sweep (after sharding and removing duplicate keys). */
  total: number;
  /** Already in the store when the sweep started. */
  skipped: number;
  /** Computed and stored so far. */
  computed: number;
  /** Failed so far (see SweepSummary.failed). */
  failed: number;
  /** The run just stored (undefined for a failure). */
  last?: RunSummary;
}

export interface SweepSummary extends Omit<SweepProgress, "last"> {
  /** Runs that threw (bad data, a worker that died) with their key, config and error message. */
  failures: { key: string; config: NormalizedRunConfig; message: string }[];
  /** True when the sweep was stopped by its signal before it finished. */
  cancelled: boolean;
  workers: number;
  wallTimeMs: number;
}

export interface SweepOptions {
  /** Path of the store (opened for writing by this process alone). */
  store: string;
  /** Worker processes. Default: the number of cores (availableParallelism()). */
  workers?: number;
  /** Only this deterministic slice of the configs (shardOf). */
  shard?: { index: number; count: number };
  /** User arrays by hash, for configs whose dataset is { array }. */
  arrays?: UserArrays;
  /** Called after every stored or failed run. */
  onProgress?: (p: SweepProgress) => void;
  /**
   * Stops the sweep: no new run is started, the workers are stopped (their runs are lost, not stored
   * half), the runs already received are stored, and sweep resolves with cancelled: true. Wire it to
   * SIGINT/SIGTERM for a graceful stop; a killed sweep (kill -9) is safe too, it only loses the runs
   * in flight.
   */
  signal?: AbortSignal;
}

/** The worker script and how to start it: TypeScript through tsx, resolved from this package (any cwd works). */
const WORKER = join(__dirname, "worker.ts");
const TSX = pathToFileURL(require.resolve("tsx")).href;
/**
 * Node flags of a worker. `--single-threaded-gc`: V8 otherwise collects with helper threads, which on a
 * machine whose cores are all running workers take time from the other workers. Measured on 2 cores
 * (16 runs, bench --parts runs-store): 2 workers 1.57–1.69× the throughput of 1 without it, 1.72–1.88×
 * with it; a run alone is also ~5 % faster with it.
 */
const WORKER_FLAGS = ["--import", TSX, "--single-threaded-gc"];

/**
 * Runs every config that is not in the store yet, in `workers` child processes (each with one BLAS
 * thread: DIFFSIM_THREADS=1), and stores each result as it arrives (one transaction per run; the
 * parent is the only process that opens the store). Configs whose key is already stored are skipped,
 * so an interrupted sweep started again computes only what is missing; duplicate configs run once.
 * A run that throws is reported in `failures` and the sweep goes on; a worker that dies is replaced
 * and its run reported as failed. The numbers do not depend on the number of workers or the shard
 * (computeRun pins the native kernels to one thread).
 *
 *   await sweep(configs, { store: "runs.duckdb", workers: 2, onProgress: (p) => console.log(`${p.computed}/${p.total - p.skipped}`) });
 *   await sweep(configs, { store: "shard-3.duckdb", shard: { index: 3, count: 8 } });   // then mergeStores
 */
export async function sweep(configs: RunConfig[], o: SweepOptions): Promise<SweepSummary> {
  const started = performance.now();
  if (!Array.isArray(configs)) throw new InputError("configs", "a list of run configs (e.g. expandGrid(grid))", `got ${typeof configs}`);
  const workerCount = o.workers ?? availableParallelism();
  if (!Number.isInteger(workerCount) || workerCount < 1) throw new InputError("workers", "an integer ≥ 1", `got ${o.workers}`);
  const keyed = configs.map((c, i) => {
    try {
      const config = normalizeConfig(c);
      return { key: runKey(config), config };
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`configs[${i}].${e.argument}`, e.expected, e.got);
      throw e;
    }
  });
  const selected = o.shard ? shardOf(keyed, o.shard.index, o.shard.count) : keyed;
  const store = await openStore(o.store);
  const pending: { key: string; config: NormalizedRunConfig }[] = [];
  const summary: SweepSummary = { total: 0, skipped: 0, computed: 0, failed: 0, failures: [], cancelled: false, workers: 0, wallTimeMs: 0 };
  try {
    const stored = await store.keys();
    const seen = new Set<string>();
    for (const job of selected) {
      if (seen.has(job.key)) continue;
      seen.add(job.key);
      summary.total++;
      if (stored.has(job.key)) summary.skipped++;
      else pending.push(job);
    }
    if (pending.length > 0 && !o.signal?.aborted) {
      summary.workers = Math.min(workerCount, pending.length);
      await runPool(pending, summary, store.put.bind(store), o);
    }
    summary.cancelled = o.signal?.aborted === true && summary.computed + summary.failed < pending.length;
  } finally {
    await store.close();
  }
  summary.wallTimeMs = performance.now() - started;
  return summary;
}

/** Hands the pending runs to the workers one at a time and stores the results in the order they come. */
function runPool(
  pending: { key: string; config: NormalizedRunConfig }[],
  summary: SweepSummary,
  put: (r: RunResult) => Promise<boolean>,
  o: SweepOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const queue = pending.slice();
    const busy = new Map<ChildProcess, { key: string; config: NormalizedRunConfig }>();
    const workers = new Set<ChildProcess>();
    const portable = o.arrays ? toPortable(o.arrays) : null;
    let writes: Promise<unknown> = Promise.resolve();
    let finished = false;

    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      o.signal?.removeEventListener("abort", onAbort);
      for (const w of workers) w.kill("SIGKILL");
      writes.then(() => (error ? reject(error) : resolve()), reject);
    };
    const report = (last?: RunSummary) => o.onProgress?.({ total: summary.total, skipped: summary.skipped, computed: summary.computed, failed: summary.failed, last });
    const fail = (job: { key: string; config: NormalizedRunConfig }, message: string) => {
      summary.failed++;
      summary.failures.push({ ...job, message });
      report();
    };
    const dispatch = (w: ChildProcess) => {
      const job = queue.shift();
      if (!job || finished) {
        busy.delete(w);
        if (busy.size === 0) finish();
        return;
      }
      busy.set(w, job);
      w.send({ type: "run", key: job.key, config: job.config } satisfies ToWorker);
    };
    const start = () => {
      const w = fork(WORKER, [], { execArgv: WORKER_FLAGS, env: { ...process.env, DIFFSIM_THREADS: "1" }, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
      workers.add(w);
      let ready = false;
      w.on("message", (m: FromWorker) => {
        if (finished) return;
        if (m.type === "ready") {
          ready = true;
          if (portable) w.send({ type: "arrays", arrays: portable } satisfies ToWorker);
          return dispatch(w);
        }
        const job = busy.get(w);
        if (!job) return;
        if (m.type === "error") fail(job, m.message);
        else
          writes = writes.then(async () => {
            await put(m.result);
            summary.computed++;
            const { config, scores, decoding, pcs, snapshots, ...last } = m.result;
            report(last);
          });
        writes.catch(finish);
        dispatch(w);
      });
      const died = (why: string) => {
        if (!workers.delete(w) || finished) return;
        const job = busy.get(w);
        busy.delete(w);
        if (!ready) return finish(new Error(`sweep: a worker process could not start (${why}): ${process.execPath} ${WORKER_FLAGS.join(" ")} ${WORKER}`));
        if (job) fail(job, `the worker process died (${why}) while computing this run`);
        if (queue.length > 0) start();
        else if (busy.size === 0) finish();
      };
      w.on("exit", (code, signal) => died(signal ?? `exit code ${code}`));
      w.on("error", (e) => died(e.message));
    };
    const onAbort = () => finish();
    if (o.signal?.aborted) return finish();
    o.signal?.addEventListener("abort", onAbort);
    for (let i = 0; i < summary.workers; i++) start();
  });
}
