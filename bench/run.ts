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
 *   npm run bench -- --parts decoding     # the decoder vs scikit-learn (bench/decoding.ts)
 *
 * Timings are wall clock (median, min, max); "cpu" is this process's CPU time, less sensitive to
 * other processes on a shared machine. The load average is printed because the machines are shared.
 */
import { writeFileSync } from "fs";
import { activeBackend } from "../lib/tensor/backend";
import { gemmKernelInUse } from "../lib/tensor/matrix";
import { threadCount } from "../lib/tensor/kernels/gemm";
import { eighSolverInUse } from "../lib/tensor/linalg/eigh";
import { EighResult, benchEigh } from "./eigh";
import { AlongRunResult, DecodeBenchResult, benchDecoding } from "./decoding";
import { GemmResult, benchGemm } from "./gemm";
import { REFERENCE_GEOMEAN_MS, TARGETS } from "./reference";
import { NotebookRunResult, WholeRunResult, benchNotebooks, benchWholeRuns } from "./runs";
import { StepResult, benchSteps } from "./steps";
import { fmt, formatTable } from "./table";
import { geomean, machineState } from "./timing";

const PARTS = ["gemm", "eigh", "steps", "runs", "decoding", "notebooks"] as const;
type Part = (typeof PARTS)[number];

interface Args {
  quick: boolean;
  json: string | null;
  only: string[];
  parts: Part[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, json: null, only: [], parts: [...PARTS] };
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
    } else throw new Error(`unknown argument ${a}; usage: bench/run.ts [--quick] [--json FILE] [--only SUBSTR,...] [--parts ${PARTS.join(",")}]`);
  }
  return args;
}

/** Whether the per-step results meet the targets, over the cells with reference figures. */
export interface StepSummary {
  cells: number;
  fasterThanReference: number;
  /** Cells with a reference figure and a result. */
  compared: number;
  geomeanMs: number | null;
  geomeanCpuMs: number | null;
  referenceGeomeanMs: number | null;
  nativeGeomeanMs: number | null;
  speedupGeomean: number | null;
  vsNativeGeomean: number | null;
  /** The same two ratios from CPU time (all threads): a load-independent estimate for an idle machine. */
  speedupGeomeanCpu: number | null;
  vsNativeGeomeanCpu: number | null;
  meetsTargets: boolean;
}

function summarize(steps: StepResult[]): StepSummary {
  const done = steps.filter((s) => s.step !== null);
  const both = done.filter((s) => s.referenceMs !== null && s.nativeMs !== null);
  const g = (xs: number[]) => (xs.length ? geomean(xs) : null);
  const geomeanMs = g(both.map((s) => s.step!.median));
  const referenceGeomeanMs = g(both.map((s) => s.referenceMs!));
  const nativeGeomeanMs = g(both.map((s) => s.nativeMs!));
  const fasterThanReference = done.filter((s) => s.referenceMs !== null && s.step!.median < s.referenceMs).length;
  const compared = done.filter((s) => s.referenceMs !== null).length;
  const speedupGeomean = geomeanMs && referenceGeomeanMs ? referenceGeomeanMs / geomeanMs : null;
  const vsNativeGeomean = geomeanMs && nativeGeomeanMs ? geomeanMs / nativeGeomeanMs : null;
  const geomeanCpuMs = g(both.map((s) => s.step!.cpuMedian));
  return {
    cells: steps.length,
    fasterThanReference,
    compared,
    geomeanMs,
    geomeanCpuMs,
    referenceGeomeanMs,
    nativeGeomeanMs,
    speedupGeomean,
    vsNativeGeomean,
    speedupGeomeanCpu: geomeanCpuMs && referenceGeomeanMs ? referenceGeomeanMs / geomeanCpuMs : null,
    vsNativeGeomeanCpu: geomeanCpuMs && nativeGeomeanMs ? geomeanCpuMs / nativeGeomeanMs : null,
    meetsTargets:
      both.length === 28 &&
      fasterThanReference === compared &&
      (speedupGeomean ?? 0) >= TARGETS.speedupOverReference &&
      (vsNativeGeomean ?? Infinity) <= TARGETS.slowdownOverNative,
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

function printSteps(steps: StepResult[], summary: StepSummary): void {
  console.log("\n## Optimization step (value + gradient + Adam), ms; ratios use the median\n");
  const rows = steps.map((s) => [
    `${s.shape} ${s.rows}×${s.cols}`,
    s.measure,
    s.step ? fmt(s.step.median) : s.status,
    s.step ? `${fmt(s.step.min)}–${fmt(s.step.max)}` : "",
    s.step ? `${s.step.count}` : "",
    fmt(s.step?.cpuMedian),
    fmt(s.score?.median),
    fmt(s.prepareMs),
    fmt(s.referenceMs),
    s.speedup === null ? "—" : `${fmt(s.speedup, 1)}×`,
    fmt(s.nativeMs),
    s.vsNative === null ? "—" : `${fmt(s.vsNative, 2)}×`,
    fmt(s.loadavg1, 2),
  ]);
  console.log(
    formatTable(["shape", "measure", "step ms", "min–max", "n", "cpu ms", "score ms", "prepare", "reference", "speedup", "native", "÷native", "load"], rows),
  );
  console.log(
    `\ncells faster than the reference: ${summary.fasterThanReference}/${summary.compared}` +
      `\ngeomean over the ${steps.filter((s) => s.step && s.referenceMs !== null && s.nativeMs !== null).length} cells with both figures: ` +
      `ours ${fmt(summary.geomeanMs)} ms (cpu ${fmt(summary.geomeanCpuMs)} ms), reference ${fmt(summary.referenceGeomeanMs)} ms, native proxy ${fmt(summary.nativeGeomeanMs)} ms` +
      ` (performance.md over all 28: ${REFERENCE_GEOMEAN_MS.reference} / ${REFERENCE_GEOMEAN_MS.native})` +
      `\nspeedup over the reference ${fmt(summary.speedupGeomean, 2)}× (target ≥ ${TARGETS.speedupOverReference}×); ` +
      `ours ÷ native ${fmt(summary.vsNativeGeomean, 2)}× (target ≤ ${TARGETS.slowdownOverNative}×); all targets met: ${summary.meetsTargets ? "yes" : "no"}` +
      `\nfrom CPU time instead (load-independent): speedup ${fmt(summary.speedupGeomeanCpu, 2)}×, ÷ native ${fmt(summary.vsNativeGeomeanCpu, 2)}×`,
  );
}

function printRuns(runs: WholeRunResult[]): void {
  console.log("\n## Whole runs on the Mante2013 surrogate (Adam lr 0.1, seed 0, stop at 0.99)\n");
  const rows = runs.map((r) => [r.measure, r.status, fmt(r.seconds, 2), r.iterations === null ? "—" : `${r.iterations}`, fmt(r.finalScore, 4), r.stopReason ?? "—"]);
  console.log(formatTable(["measure", "status", "seconds", "iterations", "final score", "stop"], rows));
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
    tensorBackend: activeBackend() ?? "float64 Matrix core (tfjs not initialised: the measures do not use it)",
    loadavgStart: start.loadavg,
  };
  console.log(`# diffsim benchmark ${args.quick ? "(quick)" : "(full)"} — ${meta.date}`);
  console.log(`node ${meta.node}; ${meta.cpu} × ${meta.cores}; load average ${start.loadavg.join(" ")}`);
  console.log(
    `gemm kernel: ${meta.gemmKernel} (${meta.gemmThreads} thread(s) for large products${meta.gemmKernel === "wasm-simd" ? " unless the load average exceeds cores + ½" : ""}); eigensolver: ${meta.eighSolver}; tensor backend: ${meta.tensorBackend}`,
  );

  const report: Record<string, unknown> = { meta };
  if (args.parts.includes("gemm")) printGemm((report.gemm = await benchGemm(args.quick)) as GemmResult[]);
  if (args.parts.includes("eigh")) printEigh((report.eigh = benchEigh(args.quick)) as EighResult[]);
  if (args.parts.includes("steps")) {
    const steps = benchSteps(args.quick, args.only, (s) =>
      console.error(`[step] ${s.shape}/${s.measure}: ${s.step ? `${fmt(s.step.median)} ms (cpu ${fmt(s.step.cpuMedian)})` : s.status}; load ${s.loadavg1}`),
    );
    const summary = summarize(steps);
    Object.assign(report, { steps, summary });
    printSteps(steps, summary);
  }
  if (args.parts.includes("runs"))
    printRuns(
      (report.runs = await benchWholeRuns(args.quick, (r) =>
        console.error(`[run] ${r.measure}: ${r.status}${r.seconds === null ? "" : `, ${fmt(r.seconds, 1)} s, ${r.iterations} iterations, score ${fmt(r.finalScore, 4)}`}`),
      )) as WholeRunResult[],
    );
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
