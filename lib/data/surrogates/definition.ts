import { Rng } from "../../random";
import type { LabelSet } from "../types";
import type { StructuredSurrogate } from "./structured";

/**
 * What the dataset API needs to know about one surrogate: the fixed layout (shape, labels — these are
 * the same for every seed, as the real data's are fixed) and a seeded generator of the activity.
 */
export interface SurrogateDefinition {
  id: string;
  /** [T, C, N] or [n, N], as after the paper's preprocessing. */
  shape: number[];
  labels: LabelSet[];
  primaryLabel: string;
  /** Explained-variance ratios of the surrogate's PCs (the knot-table spectrum), exact by construction. */
  ratios: Float64Array;
  /** The paper's neural decoding accuracy for the primary label. */
  referenceAccuracy: number;
  units: string;
  citation: string;
  /** The real data's preprocessing that the surrogate imitates. */
  preprocessing: string;
  /** One line on how the surrogate is built (shown in the dataset metadata). */
  recipe: string;
  /** Calibrated mixing angles θ (radians) of the planted directions, by group name. */
  thetas: Readonly<Record<string, number>>;
  /** What each θ was calibrated for (by calibrate.ts): the decoding accuracy of a label (with the decoder's C, default 1). */
  calibration: { theta: string; label: string; accuracy: number; C?: number }[];
  /** Deterministic for a given seed; `thetas` overrides the calibrated angles (for calibration). */
  generate(seed: number, thetas?: Readonly<Record<string, number>>): StructuredSurrogate;
}

/**
 * One value per row (row t·C + c) from f(t, c): the layout of a 3-D dataset's latent regressor.
 *
 *   rowValues(15, 72, (t, c) => context[c] * (t + 1) / 15);
 */
export function rowValues(T: number, C: number, f: (t: number, c: number) => number): Float64Array {
  return Float64Array.from({ length: T * C }, (_, r) => f(Math.floor(r / C), r % C));
}

/**
 * Per-neuron mean rates: log-normal with the given median and log-standard deviation σ
 * (mean = median·e^{σ²/2}).
 *
 *   logNormalMeans(727, 0.01, 0.5, rng); // PFC-like rates around 10 Hz, in spikes/ms
 */
export function logNormalMeans(N: number, median: number, sigma: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: N }, () => median * Math.exp(sigma * rng.normal()));
}

/**
 * A fixed pseudo-random order of class labels (for datasets whose real rows are sorted by an image
 * hash): `counts[k]` copies of class k, shuffled with a fixed seed so every load gives the same layout.
 *
 *   shuffledClasses([68, 67], 2013); // 135 values in {0, 1}
 */
export function shuffledClasses(counts: number[], layoutSeed: number): number[] {
  const values = counts.flatMap((count, k) => Array<number>(count).fill(k));
  return new Rng(layoutSeed).permutation(values.length).map((i) => values[i]);
}
