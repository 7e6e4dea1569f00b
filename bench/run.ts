/**
 * The benchmark suite (project issue 7). Prints the machine state, GEMM and eigensolver throughput
 * (native OpenBLAS/LAPACK when built, wasm SIMD, JS), the per-step table of the paper's measures ×
 * shapes with ratios to the reference and the native-limit proxy of performance.md, whole
 * optimization runs and the notebook suite. The steps use the default kernels (native when built);
 * DIFFSIM_KERNEL=wasm or js measures the others.
 *
 *   npm run bench                         # full: ≥ 10 timed steps per cell, whole runs to 0.99
 *   npm run bench -- --quick              # fewer repetitions, runs capped at 50 iterations
 *   DIFFSIM_KERNEL=wasm npm run bench -- --parts steps      # the steps on the WebAssembly kernels
 *   npm run bench -- --json out.json      # also write every number as JSON
 *   npm run bench -- --only Mante2013/nbs --parts steps      # a subset (substring of shape/measure)
 *   npm run bench -- --parts runs-store   # run store overhead per run and the sweep's worker speed-up
 *   npm run bench -- --parts decoding     # the decoder vs scikit-learn (bench/decoding.ts)
 *   npm run bench -- --parts steps --baseline numpy --threads 1,2
 *        # same-run anchor: numpy float64 closed forms (bench/numpy_baseline.py) timed step by step
 *        # after diffsim's at equal threads; needs once: .venv/bin/pip install -r bench/requirements-baseline.txt
 *
 * Timings are wall clock (median, min, max); "cpu" is this process's CPU time, less sensitive to
 * other processes on a shared machine. The load average is printed because the machines are shared.
 */
import { writeFileSync } from "fs";
import { activeBackend, initBackend } from "../lib/tensor/backend";
import { gemmKernelInUse } from "../lib/tensor/matrix";
import { threadCount } from "../lib/tensor/kernels/gemm";
import { eighSolverInUse } from "../lib/tensor/linalg/eigh";
import { SERIAL_FLOPS } from "../lib/tensor/native/native";
import { EighResult, benchEigh } from "./eigh";
import { AlongRunResult, DecodeBenchResult, benchDecoding } from "./decoding";
import { GemmResult, benchGemm } from "./gemm";
import { NumpyBaseline } from "./baseline";
import { TARGETS } from "./reference";
import { NotebookRunResult, WholeRunResult, benchNotebooks, benchWholeRuns } from "./runs";
import { StepResult, benchSteps } from "./steps";
import { ThreadsResult, benchThreads, crossover } from "./threads";
import { TfjsBackendResult, benchTfjs } from "./tfjs";
import { StoreOverheadResult, SweepSpeedupResult, benchStoreOverhead, benchSweepSpeedup } from "./runs_store";
import { fmt, formatTable } from "./table";
import { geomean, machineState } from "./timing";

const PARTS = ["gemm", "eigh", "threads", "steps", "runs", "decoding", "notebooks", "tfjs", "runs-store"] as const;
type Part = (typeof PARTS)[number];

interface Args {
  quick: boolean;
  json: string | null;
  only: string[];
  parts: Part[];
  /** Thread counts per product for the steps (default: the kernels' own count). */
  threads: number[];
  baseline: "numpy" | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, json: null, only: [], parts: [...PARTS], threads: [], baseline: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--quick") args.quick = true;
    else if (a === "--json") args.json = value();
    else if (a === "--only") args.only.push(...value().split(","));
    else if (a === "--parts") {
      const parts = value().split(",");
      const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
      if (unknown.length) throw new Error(`--parts: unknown ${unknown.join(", ")}; known: ${PARTS.join(", ")}`);
      args.parts = parts as Part[];
    } else if (a === "--threads") {
      args.threads = value().split(",").map(Number);
      if (!args.threads.every((t) => Number.isInteger(t) && t >= 1)) throw new Error(`--threads: expected positive integers, e.g. 1,2`);
    } else if (a === "--baseline") {
      if (value() !== "numpy") throw new Error(`--baseline: only "numpy" is known`);
      args.baseline = "numpy";
    } else throw new Error(`unknown argument ${a}; usage: bench/run.ts [--quick] [--json FILE] [--only SUBSTR,...] [--parts ${PARTS.join(",")}] [--threads 1,2] [--baseline numpy]`);
  }
  return args;
}

/** Whether the per-step results at one thread count meet the targets, over the cells with reference figures. */
export interface StepSummary {
  threads: number;
  fasterThanReference: number;
  /** Cells with a reference figure and a result. */
  compared: number;
  /** reference geomean ÷ ours (> 1: faster than diffscore) and ours ÷ the carried proxy's. */
  speedupGeomean: number | null;
  vsProxyGeomean: number | null;
  /** Geometric mean of ours ÷ the same-run baseline, and the cells where ours is faster. */
  vsBaselineGeomean: number | null;
  fasterThanBaseline: number;
  withBaseline: number;
  meetsTargets: boolean;
}

function summarize(all: StepResult[], threads: number): StepSummary {
  const steps = all.filter((s) => s.threads === threads && s.step !== null);
  const both = steps.filter((s) => s.referenceMs !== null && s.proxyMs !== null);
  const g = (xs: number[]) => (xs.length ? geomean(xs) : null);
  const speedupGeomean = g(both.map((s) => s.speedup!));
  const vsProxyGeomean = g(both.map((s) => s.vsProxy!));
  const withBaseline = steps.filter((s) => s.vsBaseline !== null);
  const fasterThanReference = both.filter((s) => s.speedup! > 1).length;
  return {
    threads,
    fasterThanReference,
    compared: both.length,
    speedupGeomean,
    vsProxyGeomean,
    vsBaselineGeomean: g(withBaseline.map((s) => s.vsBaseline!)),
    fasterThanBaseline: withBaseline.filter((s) => s.vsBaseline! < 1).length,
    withBaseline: withBaseline.length,
    meetsTargets:
      both.length === 30 &&
      fasterThanReference === both.length &&
      (speedupGeomean ?? 0) >= TARGETS.speedupOverReference &&
      (vsProxyGeomean ?? Infinity) <= TARGETS.slowdownOverProxy,
  };
}

function printGemm(results: GemmResult[]): void {
  console.log("\n## GEMM throughput (float64; ms = median, GFLOP/s from the fastest run; Gram counts 2·m·n·k)\n");
  const rows = results.map((r) => [
    r.shape,
    r.product,
    `${r.m}×${r.k}×${r.n}`,
    fmt(r.native?.median, 2),
    fmt(r.nativeGflops, 2),
    fmt(r.wasm?.median, 2),
    fmt(r.wasmGflops, 2),
    fmt(r.wasm1?.median, 2),
    fmt(r.wasm1Gflops, 2),
    fmt(r.wasm1CpuGflops, 2),
    fmt(r.js?.median, 1),
    fmt(r.jsGflops, 2),
    r.wasm1 && r.js ? `${fmt(r.js.min / r.wasm1.min, 1)}×` : "—",
  ]);
  console.log(
    formatTable(["shape", "product", "m×k×n", "native ms", "GF/s", "wasm ms", "GF/s", "1-thread ms", "GF/s", "cpu GF/s", "js ms", "js GF/s", "1-thread/js"], rows),
  );
}

function printEigh(results: EighResult[]): void {
  console.log("\n## Symmetric eigendecomposition of a p×p Gram matrix (values + vectors), ms median\n");
  const rows = results.map((r) => [
    r.shape,
    `${r.n}`,
    fmt(r.js?.median),
    fmt(r.wasm?.median),
    fmt(r.wasm?.cpuMedian),
    r.js && r.wasm ? `${fmt(r.js.median / r.wasm.median, 1)}×` : "—",
    fmt(r.native?.median),
  ]);
  console.log(formatTable(["shape", "p", "js eigh", "wasm eigh", "wasm cpu", "wasm/js speedup", "native (LAPACK)"], rows));
}

function printThreads(results: ThreadsResult[] | null): void {
  console.log("\n## Native kernels: one vs two threads per call, alternating (ms median; gain = 1T ÷ 2T)\n");
  if (!results) return console.log("native kernels not built");
  const rows = results.map((r) => [r.call, r.flops.toExponential(2), fmt(r.one.median, 3), fmt(r.two.median, 3), fmt(r.gain, 2), fmt(r.one.cpuMedian, 3), fmt(r.two.cpuMedian, 3), `${r.one.count}`]);
  console.log(formatTable(["call", "flops", "1T ms", "2T ms", "gain", "1T cpu", "2T cpu", "rounds"], rows));
  const x = crossover(results);
  console.log(`\ntwo threads win every call from ${x === null ? "— (none)" : x.toExponential(2)} flops on (native.ts SERIAL_FLOPS: ${SERIAL_FLOPS.toExponential(2)})`);
}

function printSteps(steps: StepResult[], summaries: StepSummary[]): void {
  console.log("\n## Optimization step (value + gradient + Adam), ms; ratios use the median; T = threads per product\n");
  const ratio = (x: number | null, digits: number) => (x === null ? "—" : `${fmt(x, digits)}×`);
  const rows = steps.map((s) => [
    `${s.shape} ${s.rows}×${s.cols}`,
    s.measure,
    `${s.threads}`,
    s.step ? fmt(s.step.median) : s.status,
    s.step ? `${fmt(s.step.min)}–${fmt(s.step.max)}` : "",
    s.step ? `${s.step.count}` : "",
    fmt(s.step?.cpuMedian),
    fmt(s.score?.median),
    fmt(s.prepareMs),
    fmt(s.baseline?.median),
    ratio(s.vsBaseline, 2),
    s.baselineValueError === null ? "—" : s.baselineValueError.toExponential(0),
    fmt(s.referenceMs),
    ratio(s.speedup, 1),
    fmt(s.proxyMs),
    ratio(s.vsProxy, 2),
    fmt(s.loadavg1, 1),
  ]);
  console.log(
    formatTable(["shape", "measure", "T", "step ms", "min–max", "n", "cpu ms", "score ms", "prepare", "numpy ms", "÷numpy", "Δvalue", "diffscore", "speedup", "proxy", "÷proxy", "load"], rows),
  );
  console.log("\nnumpy: the same-run baseline at the same T; diffscore and proxy: the carried reference table at the same T (2 for T ≥ 2).");
  for (const m of summaries)
    console.log(
      `\n${m.threads} thread(s): faster than diffscore on ${m.fasterThanReference}/${m.compared} cells; geomean speedup over diffscore ${ratio(m.speedupGeomean, 2)} (target ≥ ${TARGETS.speedupOverReference}×), ` +
        `ours ÷ carried proxy ${ratio(m.vsProxyGeomean, 2)} (target ≤ ${TARGETS.slowdownOverProxy}×); all targets met: ${m.meetsTargets ? "yes" : "no"}` +
        (m.withBaseline ? `\n   ours ÷ same-run numpy: geomean ${ratio(m.vsBaselineGeomean, 2)}, faster on ${m.fasterThanBaseline}/${m.withBaseline} cells` : ""),
    );
}

function printRuns(runs: WholeRunResult[]): void {
  console.log("\n## Whole runs on the Mante2013 surrogate (Adam lr 0.1, seed 0, stop at 0.99)\n");
  const rows = runs.map((r) => [r.measure, r.status, fmt(r.seconds, 2), r.iterations === null ? "—" : `${r.iterations}`, fmt(r.finalScore, 4), r.stopReason ?? "—"]);
  console.log(formatTable(["measure", "status", "seconds", "iterations", "final score", "stop"], rows));
}

function printTfjs(results: TfjsBackendResult[]): void {
  console.log("\n## tfjs backends (float32; each in its own process): ms per operation, median\n");
  const cell = (t: { median: number } | null) => (t ? fmt(t.median) : "—");
  const rows = results.map((r) => [r.backend, r.status, cell(r.matMul), cell(r.composedStep), cell(r.mlpStep)]);
  console.log(formatTable(["backend", "status", "matMul 1000×700·700²", "CKA + layer step", "MLP step"], rows));
}

function printDecoding(cold: DecodeBenchResult[], along: AlongRunResult[]): void {
  console.log("\n## Decoding: ms per decode (T time steps × 5 folds), diffsim vs scikit-learn LogisticRegression(max_iter=200), same data and folds\n");
  const rows = cold.map((r) => [
    `${r.dataset} ${r.shape}`,
    r.data,
    `${r.fits}`,
    fmt(r.ours.median),
    fmt(r.ours.cpuMedian),
    r.sklearn ? fmt(r.sklearn.msMedian) : r.sklearnStatus,
    r.sklearn ? fmt(r.sklearn.cpuMedian) : "—",
    r.sklearn ? `${fmt(r.sklearn.msMedian / r.ours.median, 2)}×` : "—",
    r.sklearn ? `${fmt(r.sklearn.cpuMedian / r.ours.cpuMedian, 2)}×` : "—",
    `${r.oursIterations}`,
    `${r.oursCapped} / ${r.sklearn ? r.sklearn.capped : "—"}`,
    `${r.oursMismatches} / ${r.sklearnMismatches ?? "—"} of ${r.predictions}`,
  ]);
  console.log(formatTable(["data shape", "data", "fits", "ours ms", "cpu", "sklearn ms", "cpu", "speedup", "cpu speedup", "our iters", "capped ours/sk", "≠ optimum ours/sk"], rows));
  console.log("\n(≠ optimum: out-of-fold predictions that differ from those of the exact optimum, this decoder at tol 1e-9.)");
  console.log("\nDecoding along a CKA run (every recorded Y, as decodingRecorder): warm starts from the previous recorded step vs cold starts\n");
  const alongRows = along.map((a) => [a.dataset, `${a.decodes}`, fmt(a.coldMs), fmt(a.warmMs), `${fmt(a.coldMs / a.warmMs, 2)}×`, `${a.coldIterations}`, `${a.warmIterations}`, `${a.sameAccuracies}/${a.decodes}`]);
  console.log(formatTable(["dataset", "decodes", "cold ms/decode", "warm ms/decode", "speedup", "cold iters", "warm iters", "same accuracy"], alongRows));
}

function printNotebooks(runs: NotebookRunResult[]): void {
  console.log("\n## Notebook suite (npm run notebooks)\n");
  console.log(formatTable(["mode", "status", "seconds"], runs.map((r) => [r.mode, r.status, fmt(r.seconds, 1)])));
}

/** The tfjs backend user code would get (tfjs-facing code only: the measures run on the float64 kernels). */
async function tfjsBackendInUse(): Promise<string> {
  await initBackend();
  return `tfjs ${activeBackend()} (for tfjs-composed losses; the measures run on the float64 kernels)`;
}

function printRunStore(overhead: StoreOverheadResult[], speedup: SweepSpeedupResult[]): void {
  console.log("\n## Run store: cost of storing a run with its recordings (medians, ms)\n");
  const rows = overhead.map((r) => [r.case, `${r.runs}`, `${r.rowsPerRun}`, fmt(r.computeMs, 1), fmt(r.putMs, 2), fmt(r.getMs, 2), `${fmt((100 * r.putMs) / r.computeMs, 1)} %`]);
  console.log(formatTable(["recordings", "runs", "rows/run", "compute ms", "put ms", "get ms", "put ÷ compute"], rows));
  console.log("\n## Local sweep: worker processes (one BLAS thread each), worker start-up included\n");
  const sweepRows = speedup.map((r) => [`${r.workers}`, `${r.runs}`, fmt(r.seconds, 1), fmt(r.runsPerSecond, 2), fmt(r.computeSecondsPerSecond, 2), fmt(r.computeSecondsPerSecond / r.workers, 2), r.loadavg.join(" ")]);
  console.log(formatTable(["workers", "runs", "seconds", "runs/s", "compute s per s", "busy per worker", "load after"], sweepRows));
  const [one, two] = speedup;
  if (one && two)
    console.log(
      `\nspeed-up of 2 workers over 1: ${fmt(two.runsPerSecond / one.runsPerSecond, 2)}× (target ≥ 1.7× on 2 idle cores); ` +
        `with per-run times unchanged (one idle core per worker) the time spent computing predicts ${fmt(two.computeSecondsPerSecond / one.computeSecondsPerSecond, 2)}×`,
    );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const start = machineState();
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: start.cpu,
    cores: start.cores,
    quick: args.quick,
    gemmKernel: gemmKernelInUse(),
    gemmThreads: gemmKernelInUse() === "js" ? 1 : threadCount(process.env),
    eighSolver: eighSolverInUse(),
    tensorBackend: await tfjsBackendInUse(),
    loadavgStart: start.loadavg,
  };
  console.log(`# diffsim benchmark ${args.quick ? "(quick)" : "(full)"} — ${meta.date}`);
  console.log(`node ${meta.node}; ${meta.cpu} × ${meta.cores}; load average ${start.loadavg.join(" ")}`);
  console.log(
    `gemm kernel: ${meta.gemmKernel} (up to ${meta.gemmThreads} thread(s) per product, fewer for small products or while the load average exceeds cores + ½); eigensolver: ${meta.eighSolver}; ${meta.tensorBackend}`,
  );

  const report: Record<string, unknown> = { meta };
  if (args.parts.includes("gemm")) printGemm((report.gemm = await benchGemm(args.quick)) as GemmResult[]);
  if (args.parts.includes("eigh")) printEigh((report.eigh = benchEigh(args.quick)) as EighResult[]);
  if (args.parts.includes("threads"))
    printThreads((report.threads = benchThreads(args.quick, (r) => console.error(`[threads] ${r.call}: gain ${fmt(r.gain, 2)}`))) as ThreadsResult[] | null);
  if (args.parts.includes("steps")) {
    const threads = args.threads.length ? args.threads : [meta.gemmThreads];
    const baselines: NumpyBaseline[] = [];
    if (args.baseline)
      for (const t of threads) {
        const { baseline, numpy, blas } = await NumpyBaseline.start(t);
        baselines.push(baseline);
        if (t === threads[0]) console.log(`baseline: numpy ${numpy} on ${blas}, float64, OPENBLAS_NUM_THREADS per thread count (${threads.join(", ")})`);
      }
    if (!process.env.DIFFSIM_THREADS)
      console.log("note: the kernels run on one thread while the load average exceeds cores + ½; set DIFFSIM_THREADS to compare thread counts on a busy machine");
    try {
      const steps = await benchSteps({ quick: args.quick, only: args.only, threads, baselines }, (s) =>
        console.error(`[step] ${s.shape}/${s.measure} ${s.threads}T: ${s.step ? `${fmt(s.step.median)} ms (cpu ${fmt(s.step.cpuMedian)})` : s.status}${s.vsBaseline === null ? "" : `, ÷numpy ${fmt(s.vsBaseline, 2)}`}; load ${s.loadavg1}`),
      );
      const summaries = threads.map((t) => summarize(steps, t));
      Object.assign(report, { steps, summaries });
      printSteps(steps, summaries);
    } finally {
      for (const b of baselines) b.close();
    }
  }
  if (args.parts.includes("runs"))
    printRuns(
      (report.runs = await benchWholeRuns(args.quick, (r) =>
        console.error(`[run] ${r.measure}: ${r.status}${r.seconds === null ? "" : `, ${fmt(r.seconds, 1)} s, ${r.iterations} iterations, score ${fmt(r.finalScore, 4)}`}`),
      )) as WholeRunResult[],
    );
  if (args.parts.includes("tfjs")) printTfjs((report.tfjs = benchTfjs(args.quick)) as TfjsBackendResult[]);
  if (args.parts.includes("runs-store")) {
    const overhead = (report.runStore = await benchStoreOverhead(args.quick)) as StoreOverheadResult[];
    printRunStore(overhead, (report.sweepSpeedup = await benchSweepSpeedup(args.quick)) as SweepSpeedupResult[]);
  }
  if (args.parts.includes("decoding")) {
    const decoding = benchDecoding(args.quick, (line) => console.error(line));
    report.decoding = decoding;
    printDecoding(decoding.cold, decoding.along);
  }
  if (args.parts.includes("notebooks")) printNotebooks((report.notebooks = benchNotebooks(args.quick)) as NotebookRunResult[]);

  const end = machineState();
  Object.assign(meta, { loadavgEnd: end.loadavg, peakRssMB: end.peakRssMB });
  console.log(`\nload average at the end ${end.loadavg.join(" ")}; peak resident memory ${end.peakRssMB} MB`);
  if (args.json) {
    writeFileSync(args.json, JSON.stringify(report, null, 1));
    console.log(`wrote ${args.json}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
