/**
 * Per-step cost of the paper's measures on the paper's dataset shapes: one optimization step is
 * value + gradient with respect to Y + an in-place Adam update of Y, exactly the body of
 * optimize()'s loop, on a measure prepared once for the reference X (as optimize does). Inputs are
 * random Gaussian matrices of the right shape: a step's cost does not depend on the values.
 *
 * Each cell runs at every requested thread count (withKernelThreads), and the thread counts take
 * turns step by step; with a baseline (numpy, see baseline.ts) each of diffsim's steps is followed by
 * one baseline step at the same thread count, so ratios measured in one run see the same load. Also
 * times a score-only evaluation and the one-time preparation.
 */
import { prepareMeasure } from "../lib/measures/api";
import { Adam } from "../lib/optimize/adam";
import { Rng } from "../lib/random";
import { withKernelThreads } from "../lib/tensor/matrix";
import type { NumpyBaseline } from "./baseline";
import { PAPER_MEASURES, SHAPES, referenceAt } from "./reference";
import { Timing, machineState, timeRepeated, timingOf } from "./timing";

export interface StepResult {
  shape: string;
  rows: number;
  cols: number;
  measure: string;
  /** Threads per product (withKernelThreads). */
  threads: number;
  /** "ok" or the error message. */
  status: string;
  prepareMs: number | null;
  step: Timing | null;
  score: Timing | null;
  /** The carried reference figures at this thread count (reference.ts). */
  referenceMs: number | null;
  proxyMs: number | null;
  /** reference ms / our median step ms (> 1: faster than diffscore). */
  speedup: number | null;
  /** our median step ms / proxy ms (< 1: faster than the carried proxy). */
  vsProxy: number | null;
  /** The same-run baseline's steps, our median ÷ its median, and |its score − ours| / max(1, |ours|) on the first Y. */
  baseline: Timing | null;
  vsBaseline: number | null;
  baselineValueError: number | null;
  loadavg1: number;
  rssMB: number;
}

export interface StepOptions {
  quick: boolean;
  /** Substrings of "shape/measure" to run (all when empty). */
  only: string[];
  /** Thread counts per product to compare, each timed in turn within a cell. */
  threads: number[];
  /** One baseline process per entry of `threads`, same order (none: no baseline). */
  baselines: NumpyBaseline[];
}

/** Runs the selected cells; `progress` gets each result as soon as it is measured. */
export async function benchSteps(options: StepOptions, progress: (r: StepResult) => void = () => {}): Promise<StepResult[]> {
  // the first two or three steps run while V8 still optimizes the hot loops (measured: 2× slower)
  const warmup = 3;
  const { count, maxSeconds } = options.quick ? { count: 5, maxSeconds: 10 } : { count: 12, maxSeconds: 60 };
  const scoreRepeat = options.quick ? { warmup: 1, count: 3, maxSeconds: 5 } : { warmup: 1, count: 10, maxSeconds: 30 };
  const results: StepResult[] = [];
  for (const s of SHAPES)
    for (const id of PAPER_MEASURES) {
      const label = `${s.name}/${id}`;
      if (options.only.length && !options.only.some((q) => label.includes(q))) continue;
      const base = (threads: number) => {
        const ref = referenceAt(s.name, id, threads);
        return { shape: s.name, rows: s.rows, cols: s.cols, measure: id, threads, referenceMs: ref?.diffscore ?? null, proxyMs: ref?.proxy ?? null };
      };
      try {
        const rng = new Rng(1);
        const X = rng.normalMatrix(s.rows, s.cols);
        const Y0 = rng.normalMatrix(s.rows, s.cols);
        const t0 = performance.now();
        const measure = prepareMeasure(id, X);
        const prepareMs = performance.now() - t0;
        const ours = measure.scoreMatrix(Y0);
        const baselineValues = await Promise.all(options.baselines.map((b) => b.prepare(X, Y0, id)));
        const lanes = options.threads.map((threads) => ({ threads, Y: Y0.clone(), adam: new Adam(Y0.data.length, { lr: 0.1 }), wall: [] as number[], cpu: [] as number[], other: [] as number[] }));
        const step = (lane: (typeof lanes)[number]) => withKernelThreads(lane.threads, () => lane.adam.step(lane.Y.data, measure.scoreAndGradMatrix(lane.Y).gradY.data, true));
        for (const [i, lane] of lanes.entries()) {
          for (let w = 0; w < warmup; w++) step(lane);
          if (options.baselines[i]) await options.baselines[i].steps(warmup);
        }
        const deadline = performance.now() + maxSeconds * 1000;
        for (let r = 0; r < count && (r < 3 || performance.now() < deadline); r++)
          for (const [i, lane] of lanes.entries()) {
            const c0 = process.cpuUsage();
            const w0 = performance.now();
            step(lane);
            lane.wall.push(performance.now() - w0);
            const c = process.cpuUsage(c0);
            lane.cpu.push((c.user + c.system) / 1000);
            if (options.baselines[i]) lane.other.push(...(await options.baselines[i].steps(1)));
          }
        for (const [i, lane] of lanes.entries()) {
          const timing = timingOf(lane.wall, lane.cpu);
          const score = i === 0 ? timeRepeated(() => measure.scoreMatrix(Y0), scoreRepeat) : null;
          const baseline = lane.other.length ? timingOf(lane.other, lane.other) : null;
          const b = base(lane.threads);
          results.push({
            ...b,
            status: "ok",
            prepareMs,
            step: timing,
            score,
            speedup: b.referenceMs === null ? null : b.referenceMs / timing.median,
            vsProxy: b.proxyMs === null ? null : timing.median / b.proxyMs,
            baseline,
            vsBaseline: baseline ? timing.median / baseline.median : null,
            baselineValueError: options.baselines[i] ? Math.abs(baselineValues[i] - ours) / Math.max(1, Math.abs(ours)) : null,
            ...snapshot(),
          });
          progress(results[results.length - 1]);
        }
      } catch (e) {
        for (const threads of options.threads) {
          const empty = { prepareMs: null, step: null, score: null, speedup: null, vsProxy: null, baseline: null, vsBaseline: null, baselineValueError: null };
          results.push({ ...base(threads), ...empty, status: `error: ${(e as Error).message}`, ...snapshot() });
          progress(results[results.length - 1]);
        }
      }
    }
  return results;
}

function snapshot(): { loadavg1: number; rssMB: number } {
  const m = machineState();
  return { loadavg1: m.loadavg[0], rssMB: m.rssMB };
}
