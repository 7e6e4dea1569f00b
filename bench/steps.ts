/**
 * Per-step cost of the paper's measures on the paper's dataset shapes: one optimization step is
 * value + gradient with respect to Y + an in-place Adam update of Y, exactly the body of
 * optimize()'s loop, on a measure prepared once for the reference X (as optimize does). Inputs are
 * random Gaussian matrices of the right shape: a step's cost does not depend on the values.
 * Also times a score-only evaluation and the one-time preparation.
 */
import { prepareMeasure } from "../lib/measures/api";
import { Adam } from "../lib/optimize/adam";
import { Rng } from "../lib/random";
import { PAPER_MEASURES, REFERENCE_MS, SHAPES } from "./reference";
import { Timing, machineState, timeRepeated } from "./timing";

export interface StepResult {
  shape: string;
  rows: number;
  cols: number;
  measure: string;
  /** "ok" or the error message. */
  status: string;
  prepareMs: number | null;
  step: Timing | null;
  score: Timing | null;
  referenceMs: number | null;
  nativeMs: number | null;
  /** reference ms / our median step ms (> 1: faster than the reference). */
  speedup: number | null;
  /** our median step ms / native-proxy ms (< 1: faster than the proxy). */
  vsNative: number | null;
  loadavg1: number;
  rssMB: number;
}

/**
 * Runs every (shape, measure) cell whose "shape/measure" label contains one of `only` (all when
 * empty); `progress` gets each result as soon as it is measured.
 */
export function benchSteps(quick: boolean, only: string[], progress: (r: StepResult) => void = () => {}): StepResult[] {
  // the first two or three steps run while V8 still optimizes the hot loops (measured: 2× slower)
  const stepRepeat = quick ? { warmup: 3, count: 5, maxSeconds: 10 } : { warmup: 3, count: 12, maxSeconds: 60 };
  const scoreRepeat = quick ? { warmup: 1, count: 3, maxSeconds: 5 } : { warmup: 1, count: 10, maxSeconds: 30 };
  const results: StepResult[] = [];
  for (const s of SHAPES)
    for (const id of PAPER_MEASURES) {
      const label = `${s.name}/${id}`;
      if (only.length && !only.some((q) => label.includes(q))) continue;
      const [referenceMs, nativeMs] = REFERENCE_MS[s.name]?.[id] ?? [null, null];
      const base = { shape: s.name, rows: s.rows, cols: s.cols, measure: id, referenceMs, nativeMs };
      const empty = { prepareMs: null, step: null, score: null, speedup: null, vsNative: null };
      try {
        const rng = new Rng(1);
        const X = rng.normalMatrix(s.rows, s.cols);
        const Y = rng.normalMatrix(s.rows, s.cols);
        const t0 = performance.now();
        const measure = prepareMeasure(id, X);
        const prepareMs = performance.now() - t0;
        const adam = new Adam(Y.data.length, { lr: 0.1 });
        const step = timeRepeated(() => adam.step(Y.data, measure.scoreAndGradMatrix(Y).gradY.data, true), stepRepeat);
        const score = timeRepeated(() => measure.scoreMatrix(Y), scoreRepeat);
        results.push({
          ...base,
          status: "ok",
          prepareMs,
          step,
          score,
          speedup: referenceMs === null ? null : referenceMs / step.median,
          vsNative: nativeMs === null ? null : step.median / nativeMs,
          ...snapshot(),
        });
      } catch (e) {
        results.push({ ...base, ...empty, status: `error: ${(e as Error).message}`, ...snapshot() });
      }
      progress(results[results.length - 1]);
    }
  return results;
}

function snapshot(): { loadavg1: number; rssMB: number } {
  const m = machineState();
  return { loadavg1: m.loadavg[0], rssMB: m.rssMB };
}
