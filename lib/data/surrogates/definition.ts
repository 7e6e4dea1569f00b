import { Rng } from "../../random";
import type { LabelSet } from "../types";
import { bandAmplitudes, LabelRotation, LabelStructure } from "./label_structure";
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
  /**
   * Version of the surrogate recipe; bumped whenever the generated data change, so results computed on
   * an older surrogate are not mixed with newer ones (it is part of the dataset metadata).
   */
  version: number;
  /** The primary label's fitted label structure (label_structure.ts; fitted by scripts/fit_label_structure.ts). */
  structure: LabelStructure;
  /** The primary label's regressors: one per centered label dimension, one value per row (label × time course). */
  labelRegressors: Float64Array[];
  /** The surrogate without the primary label's structure (deterministic for a seed). */
  base(seed: number): StructuredSurrogate;
}

/**
 * A definition's surrogate for a seed: its label-free `base(seed)` rotated by the `LabelRotation` that
 * gives the primary label the label structure (default: the fitted `def.structure`). The rotation fixes
 * the constant vector, so spectrum, scale and column means are those of the base.
 *
 *   generateSurrogate(MANTE_2013, 1).activity; // 1080 × 727
 */
export function generateSurrogate(def: SurrogateDefinition, seed: number, structure: LabelStructure = def.structure): StructuredSurrogate {
  const base = def.base(seed);
  const rotation = labelRotation(def, seed, base, structure);
  return { activity: rotation.apply(base.activity), profiles: rotation.apply(base.profiles), singularValues: base.singularValues };
}

/**
 * The row rotation that turns `base` (= def.base(seed)) into the surrogate with label structure
 * `structure` (its random draws come from a stream of its own, seeded by `seed`).
 *
 *   labelRotation(def, 1, def.base(1), def.structure).apply(Y); // a Y optimized against the base, carried over
 */
export function labelRotation(def: SurrogateDefinition, seed: number, base: StructuredSurrogate, structure: LabelStructure = def.structure): LabelRotation {
  return new LabelRotation(base.profiles, def.labelRegressors, bandAmplitudes(base.profiles.cols, structure), new Rng(seed + 0x5eed0000));
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
 * Regressors of a K-class label for `LabelRotation`: the indicator of classes 2 … K (one regressor
 * each; with the constant they span the centered class space) × the time course g(t), row t·C + c.
 * With `withinTime`, each indicator is centered over the conditions, (1[label_c = k] − n_k/C)·g(t):
 * the regressors are then orthogonal to every condition-independent time course f(t)·1 (a planted
 * PC profile such as a movement-onset component), which the label rotation then leaves in place, and
 * they carry the same information for a decoder that fits each time step with an intercept.
 *
 *   classRegressors(15, 72, context, () => 1); // one regressor for a binary label, constant over time
 *   classRegressors(10, 391, target, movement, { withinTime: true }); // 7 target contrasts × movement
 */
export function classRegressors(T: number, C: number, labels: readonly number[], g: (t: number) => number, options: { withinTime?: boolean } = {}): Float64Array[] {
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  return classes.slice(1).map((k) => {
    const offset = options.withinTime ? labels.filter((l) => l === k).length / C : 0;
    return rowValues(T, C, (t, c) => ((labels[c] === k ? 1 : 0) - offset) * g(t));
  });
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
