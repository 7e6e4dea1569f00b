/**
 * Everything Fig. 6 draws for one dataset: the theory at EVERY principal component (the lines) and the
 * simulation at chosen PCs (the dots), on the paper's x-axis, the variance of the perturbed PC.
 */
import type { Dataset } from "../data/types";
import { InputError } from "../errors";
import { pca } from "../tensor/linalg/pca";
import { logSpacedIndices } from "./power-law";
import { PERTURBATION_MEASURES, Perturbation, PerturbationComparison, PerturbationConstruction, PerturbationMeasure, perturbationSimulation, perturbationTheory } from "./perturbation";

/** Theory lines and simulated dots of one dataset. */
export interface PerturbationCurves {
  measures: PerturbationMeasure[];
  /** Variance of every PC, s_i²/(n−1) in the data's units squared (Fig. 6's x-axis), descending. */
  variance: number[];
  /** Explained-variance ratio λ_i/Λ₁ of every PC. */
  ratio: number[];
  /** Closed-form score with PC i perturbed, for every PC. */
  theory: Partial<Record<PerturbationMeasure, number[]>>;
  /** The simulated PCs (a subset), with their variance and ratio. */
  simulation: PerturbationComparison & { variance: number[] };
}

/**
 * Fig. 6 data of `dataset`: theory (perturbationTheory on the PCA spectrum) for all PCs, simulation
 * (perturbationSimulation) for `pcs`, or for `simulate` PCs log-spaced over the rank (logSpacedIndices),
 * default all. Default perturbation: decorrelate with ρ = 0;
 * default construction "random-profile" (the paper's inferred simulation, slightly above the theory).
 *
 *   const c = perturbationCurves(loadDataset("FreemanZiemba2013"), { simulate: 12 });
 *   c.theory.cka[0];  c.simulation.simulated.cka;
 */
export function perturbationCurves(
  dataset: Dataset,
  options: { pcs?: number[]; simulate?: number; measures?: PerturbationMeasure[]; perturbation?: Perturbation; construction?: PerturbationConstruction; seed?: number } = {},
): PerturbationCurves {
  const measures = options.measures ?? ["cka", "nbs", "procrustes-angular-score"];
  for (const m of measures)
    if (!(PERTURBATION_MEASURES as readonly string[]).includes(m)) throw new InputError("measures", `ids among ${PERTURBATION_MEASURES.join(", ")}`, `got "${m}"`);
  const decomposition = pca(dataset.activity);
  const rank = decomposition.sumsOfSquares.length;
  if (options.pcs && options.simulate !== undefined) throw new InputError("simulate", "not both pcs and simulate", `got both`);
  const pcs = options.pcs ?? (options.simulate === undefined ? undefined : logSpacedIndices(rank, options.simulate));
  const perRow = 1 / Math.max(1, dataset.activity.rows - 1);
  const allTheory = perturbationTheory(decomposition.sumsOfSquares, options.perturbation);
  const theory: Partial<Record<PerturbationMeasure, number[]>> = {};
  for (const m of measures) theory[m] = allTheory[m];
  const simulation = perturbationSimulation(dataset, {
    perturbation: options.perturbation,
    measures,
    pcs,
    seed: options.seed,
    construction: options.construction ?? "random-profile",
  });
  return {
    measures,
    variance: Array.from(decomposition.sumsOfSquares, (l) => l * perRow),
    ratio: Array.from(decomposition.explainedVarianceRatio),
    theory,
    simulation: { ...simulation, variance: simulation.sumsOfSquares.map((l) => l * perRow) },
  };
}
