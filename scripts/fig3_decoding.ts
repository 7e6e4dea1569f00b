/**
 * The paper's Fig. 3 protocol on a surrogate (paper spec §3–§4): Y ~ N(0, 1) optimized by Adam (lr 0.1)
 * until the score exceeds 0.99 (at most 1000 steps); the primary label decoded from Y along the way
 * (L2 logistic regression, C = 1, stratified 5-fold CV per time step, mean over time); neural accuracy =
 * the same decoder on X; threshold = chance (1/K) + 0.9·(neural − chance); the threshold score is the
 * first upward crossing (thresholdScore), "never" when the curve does not reach the threshold.
 *
 * Decoding every step is the paper's choice but costs most of a run; here Y is decoded at step 0, on
 * the score grid of spacing `scoreStep` (optimize's `recordEveryScore`) and at the final step, which
 * places the crossing within about `scoreStep` of the every-step curve.
 */
import { chanceLevel, decode, decodingThreshold, thresholdScore } from "../lib/analysis/decoding";
import { generateSurrogate, SurrogateDefinition } from "../lib/data/surrogates";
import type { LabelStructure } from "../lib/data/surrogates/label_structure";
import type { Matrix } from "../lib/tensor/matrix";
import { optimize } from "../lib/optimize/optimize";
import { PAPER_PROTOCOL } from "../lib/figures/paper-numbers";

/** Fig. 3 numbers of one (dataset, seed, measure) run. */
export interface Fig3Run {
  /** Scores and accuracies at the decoded steps. */
  scores: number[];
  accuracies: number[];
  neural: number;
  chance: number;
  threshold: number;
  /** Threshold score (first upward crossing), or null if the curve never reaches the threshold. */
  crossing: number | null;
  /** Accuracy at the final (≥ 0.99) step. */
  final: number;
  iterations: number;
}

/** Neural accuracy, chance and threshold of a surrogate's primary label. */
export function neuralReference(def: SurrogateDefinition, X: Matrix, decodeSeed: number): { neural: number; chance: number; threshold: number } {
  const labels = primaryLabels(def);
  const neural = decode(X, def.shape, labels, { seed: decodeSeed }).accuracy;
  const chance = chanceLevel(labels);
  return { neural, chance, threshold: decodingThreshold(neural, chance) };
}

/** The primary label's values (one per condition). */
export function primaryLabels(def: SurrogateDefinition): number[] {
  const set = def.labels.find((l) => l.name === def.primaryLabel);
  if (!set) throw new Error(`${def.id} has no label ${def.primaryLabel}`);
  return set.values;
}

/**
 * One Fig. 3 curve on the surrogate of `def` for `seed` (its label structure: `structure`, default the
 * fitted one); decoding folds seeded by `decodeSeed` (default 100 + seed), the same at every step.
 *
 *   fig3Run(SIEGEL_2015, 1, "cka", { scoreStep: 0.02 }).crossing; // null: CKA never decodes context like FEF
 */
export function fig3Run(def: SurrogateDefinition, seed: number, measure: string, options: { scoreStep?: number; decodeSeed?: number; structure?: LabelStructure } = {}): Fig3Run {
  const step = options.scoreStep ?? 0.01;
  const decodeSeed = options.decodeSeed ?? 100 + seed;
  const X = generateSurrogate(def, seed, options.structure).activity;
  const labels = primaryLabels(def);
  const { neural, chance, threshold } = neuralReference(def, X, decodeSeed);
  const run = optimize({ data: X.data, shape: def.shape }, measure, {
    seed,
    ...PAPER_PROTOCOL,
    recordEveryScore: step,
    recorders: { accuracy: (state) => decode(state.Y, def.shape, labels, { seed: decodeSeed }).accuracy },
  });
  const scores = run.records.map((r) => r.score);
  const accuracies = run.records.map((r) => r.values.accuracy);
  const t = thresholdScore(scores, accuracies, threshold);
  return { scores, accuracies, neural, chance, threshold, crossing: t.crossed ? t.score : null, final: accuracies[accuracies.length - 1], iterations: run.iterations };
}
