/**
 * The neural side of Fig. 3: how well the task variable is decoded from the neural data X itself, and
 * the chance levels, so a decoding curve of a synthetic Y can be read against them.
 */
import type { Dataset } from "../data/types";
import { isDataset } from "../data/toys";
import { InputError } from "../errors";
import { ChanceRule, chanceLevel, decode, decodingThreshold } from "./decoding";

/** The paper's 5 folds, fewer when a class has fewer conditions (toy2d: 3); < 2 means the label cannot be cross-validated. */
const MAX_FOLDS = 5;

/**
 * Folds of the decoding cross-validation of `labels`: min(5, smallest class count).
 *
 *   decodingFolds([0, 0, 0, 1, 1, 1]);   // 3
 */
export function decodingFolds(labels: number[]): number {
  const counts = new Map<number, number>();
  for (const v of labels) counts.set(v, (counts.get(v) ?? 0) + 1);
  return Math.min(MAX_FOLDS, ...counts.values());
}

/** Decoding of one label from the neural data, with both chance levels and the Fig. 3 threshold. */
export interface NeuralDecoding {
  label: string;
  /** Cross-validated accuracy on X (decode(), the same decoder and folds as the run store's recordings). */
  accuracy: number;
  /** 1/K for K classes (the paper's). */
  chanceUniform: number;
  /** Share of the most frequent class. */
  chanceMajority: number;
  /** The chance rule used for `threshold`. */
  chanceRule: ChanceRule;
  /** chance + 0.9·(accuracy − chance) with the chosen chance. */
  threshold: number;
}

/**
 * Decodes `label` from the dataset's activity (the Fig. 3 neural reference) and gives the chance
 * levels and the threshold chance + 0.9·(reference − chance), chance by `chance` ("uniform" 1/K, the
 * paper's, by default).
 *
 *   const ref = neuralDecoding(loadDataset("Mante2013"), "context");
 *   ref.accuracy; ref.threshold;   // the paper: ≈ 0.886 and 0.847
 */
export function neuralDecoding(dataset: Dataset, label: string, options: { chance?: ChanceRule } = {}): NeuralDecoding {
  if (!isDataset(dataset)) throw new InputError("dataset", "a loaded Dataset (loadDataset(id), with labels)", `got ${typeof dataset}`);
  const set = dataset.labels[label];
  if (!set) throw new InputError("label", `one of the dataset's labels (${Object.keys(dataset.labels).join(", ") || "none"})`, `got "${label}"`);
  const folds = decodingFolds(set.values);
  if (folds < 2) throw new InputError("label", "a label with at least 2 conditions in every class (cross-validation)", `"${label}" has a class with ${folds}`);
  const chanceRule = options.chance ?? "uniform";
  const accuracy = decode(dataset.activity, dataset.shape, set.values, { folds }).accuracy;
  const chanceUniform = chanceLevel(set.values, "uniform");
  const chanceMajority = chanceLevel(set.values, "majority");
  const chance = chanceRule === "uniform" ? chanceUniform : chanceMajority;
  return { label, accuracy, chanceUniform, chanceMajority, chanceRule, threshold: decodingThreshold(accuracy, chance) };
}
