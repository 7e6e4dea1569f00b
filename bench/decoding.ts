/**
 * The decoder side by side with scikit-learn (`npm run bench -- --parts decoding`): ms per decode
 * (all time steps × 5 folds) of `decode` and of the paper's `LogisticRegression(max_iter=200)` on the
 * very same data and folds (bench/decoding_sklearn.py in the project's .venv, same BLAS thread count),
 * for MajajHong2015- and Hatsopoulos2007-shaped surrogates: the neural data, a random Y (step 0 of an
 * optimization) and Y along a CKA run. Both are checked against the optimum (this decoder solved to
 * tol 1e-9): how many out-of-fold predictions differ. Run it with DIFFSIM_THREADS=1 on a shared machine
 * (scikit-learn gets the same thread count). A second table times decoding along the run
 * as `decodingRecorder` does it: warm starts from the previous recorded step against cold starts.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DecodeOptions, DecodeWarmStart, decode, stratifiedFolds } from "../lib/analysis/decoding";
import { fitLogistic, predictLogistic } from "../lib/analysis/logistic";
import { loadDataset } from "../lib/data/datasets";
import { optimize } from "../lib/optimize/optimize";
import { Rng } from "../lib/random";
import { Matrix, takeRows } from "../lib/tensor/matrix";
import { threadCount } from "../lib/tensor/kernels/gemm";
import { Timing, median, timeRepeated } from "./timing";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { venvPython } = require("../environment/paths") as { venvPython: string };

/** One decode case: data of one dataset's shape and labels, with fixed folds per time step. */
interface DecodeCase {
  dataset: string;
  data: string;
  activity: Matrix;
  shape: [number, number, number];
  labels: number[];
  folds: number[][];
}

export interface DecodeBenchResult {
  dataset: string;
  data: string;
  shape: string;
  fits: number;
  ours: Timing;
  oursIterations: number;
  oursCapped: number;
  oursMismatches: number;
  sklearn: { msMedian: number; msMin: number; cpuMedian: number; capped: number } | null;
  sklearnMismatches: number | null;
  sklearnStatus: string;
  predictions: number;
}

export interface AlongRunResult {
  dataset: string;
  decodes: number;
  coldMs: number;
  warmMs: number;
  coldIterations: number;
  warmIterations: number;
  sameAccuracies: number;
}

const SURROGATES: [string, string][] = [
  ["MajajHong2015", "category"],
  ["Hatsopoulos2007", "target"],
];

/** The cases of one dataset: neural data, random Y and Y after `steps` CKA steps (plus the whole run's snapshots). */
function casesOf(id: string, label: string, quick: boolean): { cases: DecodeCase[]; run: Matrix[] } {
  const ds = loadDataset(id, { source: "surrogate", seed: 0 });
  const shape = (ds.shape.length === 2 ? [1, ...ds.shape] : ds.shape) as [number, number, number];
  const labels = ds.labels[label].values;
  const rng = new Rng(0);
  const folds = Array.from({ length: shape[0] }, () => stratifiedFolds(labels, 5, rng));
  const steps = quick ? 20 : 60;
  const run = optimize({ data: ds.activity.data, shape: ds.shape }, "cka", { seed: 1, maxIter: steps, recordEvery: quick ? 5 : 10, snapshots: true });
  const snapshots = run.records.map((r) => r.Y as Matrix);
  const make = (data: string, activity: Matrix): DecodeCase => ({ dataset: id, data, activity, shape, labels, folds });
  return {
    cases: [make("neural", ds.activity), make("random Y (step 0)", snapshots[0]), make(`Y after ${steps} CKA steps`, snapshots[snapshots.length - 1])],
    run: snapshots,
  };
}

function decodeOptions(c: DecodeCase, extra: DecodeOptions = {}): DecodeOptions {
  return { foldsOf: (t) => c.folds[t], ...extra };
}

/** Out-of-fold predictions of the (nearly) exact optimum, per time step and condition. */
function optimumPredictions(c: DecodeCase, tol: number, maxIter: number): number[][] {
  const [T, C, N] = c.shape;
  return Array.from({ length: T }, (_, t) => {
    const block = new Matrix(C, N, c.activity.data.subarray(t * C * N, (t + 1) * C * N));
    const out = new Array<number>(C);
    for (let f = 0; f < 5; f++) {
      const train = c.folds[t].flatMap((g, i) => (g === f ? [] : [i]));
      const test = c.folds[t].flatMap((g, i) => (g === f ? [i] : []));
      const model = fitLogistic(takeRows(block, train), train.map((i) => c.labels[i]), { tol, maxIter });
      predictLogistic(model, takeRows(block, test)).forEach((p, j) => (out[test[j]] = p));
    }
    return out;
  });
}

function mismatches(a: number[][], b: number[][]): number {
  return a.reduce((acc, row, t) => acc + row.filter((v, i) => v !== b[t][i]).length, 0);
}

/** Runs bench/decoding_sklearn.py on the case; null (with the reason) when scikit-learn is not available. */
function sklearnDecode(c: DecodeCase, repeats: number): { result: { msMedian: number; msMin: number; cpuMedian: number; capped: number; predictions: number[][] } | null; status: string } {
  const dir = mkdtempSync(join(tmpdir(), "diffsim-decoding-"));
  try {
    const data = c.activity.data;
    writeFileSync(join(dir, "activity.f64"), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    writeFileSync(join(dir, "meta.json"), JSON.stringify({ shape: c.shape, labels: c.labels, folds: c.folds, repeats, max_iter: 200 }));
    const threads = String(threadCount(process.env));
    const env = { ...process.env, OMP_NUM_THREADS: threads, OPENBLAS_NUM_THREADS: threads, MKL_NUM_THREADS: threads };
    const r = spawnSync(venvPython, [join(__dirname, "decoding_sklearn.py"), dir], { encoding: "utf8", env, maxBuffer: 1 << 28 });
    if (r.error) return { result: null, status: `no .venv Python (${r.error.message}): run npm run setup` };
    if (r.status !== 0) return { result: null, status: `scikit-learn failed: ${(r.stderr || "").trim().split("\n").pop()}` };
    return { result: JSON.parse(r.stdout), status: "ok" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every case: diffsim's decode against scikit-learn's on the same folds, and both against the optimum. */
export function benchDecoding(quick: boolean, progress: (line: string) => void = () => {}): { cold: DecodeBenchResult[]; along: AlongRunResult[] } {
  const cold: DecodeBenchResult[] = [];
  const along: AlongRunResult[] = [];
  const repeats = quick ? 2 : 5;
  for (const [id, label] of SURROGATES) {
    const { cases, run } = casesOf(id, label, quick);
    for (const c of cases) {
      const optimum = optimumPredictions(c, 1e-9, 3000);
      let last = decode(c.activity, c.shape, c.labels, decodeOptions(c));
      const ours = timeRepeated(() => (last = decode(c.activity, c.shape, c.labels, decodeOptions(c))), { warmup: 1, count: repeats, maxSeconds: 60 });
      const sk = sklearnDecode(c, repeats);
      const result: DecodeBenchResult = {
        dataset: c.dataset,
        data: c.data,
        shape: `${c.shape.join("×")}`,
        fits: last.fits,
        ours,
        oursIterations: last.iterations,
        oursCapped: last.capped,
        oursMismatches: mismatches(last.predictions, optimum),
        sklearn: sk.result ? { msMedian: sk.result.msMedian, msMin: sk.result.msMin, cpuMedian: sk.result.cpuMedian, capped: sk.result.capped } : null,
        sklearnMismatches: sk.result ? mismatches(sk.result.predictions, optimum) : null,
        sklearnStatus: sk.status,
        predictions: c.shape[0] * c.shape[1],
      };
      cold.push(result);
      progress(`[decoding] ${c.dataset} ${c.data}: ours ${ours.median.toFixed(0)} ms, scikit-learn ${sk.result ? sk.result.msMedian.toFixed(0) : sk.status}`);
    }
    along.push(alongRun(cases[0], run));
    progress(`[decoding] ${id} along the run: warm ${along[along.length - 1].warmMs.toFixed(0)} ms, cold ${along[along.length - 1].coldMs.toFixed(0)} ms per decode`);
  }
  return { cold, along };
}

/** Decoding every recorded step of the run as decodingRecorder does: cold starts, then warm starts. */
function alongRun(c: DecodeCase, snapshots: Matrix[]): AlongRunResult {
  const pass = (store: DecodeWarmStart | undefined) => {
    const ms: number[] = [];
    const accuracies: number[] = [];
    let iterations = 0;
    for (const Y of snapshots) {
      const t0 = performance.now();
      const r = decode(Y, c.shape, c.labels, decodeOptions(c, { warmStart: store }));
      ms.push(performance.now() - t0);
      accuracies.push(r.accuracy);
      iterations += r.iterations;
    }
    return { ms: ms.reduce((a, b) => a + b, 0) / ms.length, accuracies, iterations, median: median(ms) };
  };
  const cold = pass(undefined);
  const warm = pass(new Map());
  return {
    dataset: c.dataset,
    decodes: snapshots.length,
    coldMs: cold.ms,
    warmMs: warm.ms,
    coldIterations: cold.iterations,
    warmIterations: warm.iterations,
    sameAccuracies: cold.accuracies.filter((a, i) => a === warm.accuracies[i]).length,
  };
}
