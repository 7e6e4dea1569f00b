/**
 * A small model of a dataset's conditions for trying the scores on "your model" without downloading one:
 * random tanh features of the task variables (a random-feature network), built from the dataset's labels.
 */
import { labelSet, makeDataset } from "../data/dataset";
import type { Dataset } from "../data/types";
import { isDataset } from "../data/toys";
import { InputError } from "../errors";
import { Rng } from "../random";
import { Matrix } from "../tensor/matrix";

export interface RandomFeatureOptions {
  /** Hidden units (columns of the model's activity). Default 100. */
  units?: number;
  /** Seed of the random weights and noise. Default 0. */
  seed?: number;
  /** Gain of the input weights (larger = more nonlinear). Default 1.5. */
  gain?: number;
  /** Standard deviation of independent noise added to every unit. Default 0.1. */
  noise?: number;
}

/**
 * The activity of a random-feature model of the dataset's conditions, in the dataset's [T, C] (or [n])
 * layout with `units` units and the same labels:
 *
 *   u(t, c) = [z₁(c)·r(t), …, z_L(c)·r(t), 1],   z_l = label l standardized over conditions, r(t) = (t + 1)/T
 *   h(t, c) = tanh(gain · W u(t, c) + b) + noise · ε,   W ~ N(0, 1/(L + 1)), b ~ N(0, 0.5²), ε ~ N(0, 1)
 *
 * Its geometry is set by the task variables alone (no neural data are used), so it is a model that
 * "knows the task" but not the brain's representation of it.
 *
 *   const model = randomFeatureModel(loadDataset("Mante2013"), { units: 100, seed: 1 });
 *   score("cka", loadDataset("Mante2013"), model);
 */
export function randomFeatureModel(dataset: Dataset, options: RandomFeatureOptions = {}): Dataset {
  if (!isDataset(dataset)) throw new InputError("dataset", "a loaded Dataset (its labels define the conditions)", `got ${typeof dataset}`);
  const labels = Object.values(dataset.labels);
  if (labels.length === 0) throw new InputError("dataset", "a dataset with at least one label", `${dataset.id} has none`);
  const units = options.units ?? 100;
  if (!Number.isInteger(units) || units < 1) throw new InputError("units", "an integer ≥ 1", `got ${units}`);
  const gain = options.gain ?? 1.5;
  const noise = options.noise ?? 0.1;
  const rng = new Rng(options.seed ?? 0);
  const T = dataset.shape.length === 3 ? dataset.shape[0] : 1;
  const C = dataset.shape.length === 3 ? dataset.shape[1] : dataset.shape[0];
  const z = labels.map((l) => {
    const mean = l.values.reduce((a, b) => a + b, 0) / C;
    const sd = Math.sqrt(l.values.reduce((a, b) => a + (b - mean) ** 2, 0) / C) || 1;
    return l.values.map((v) => (v - mean) / sd);
  });
  const inputs = labels.length + 1;
  const W = rng.normalMatrix(units, inputs, 1 / Math.sqrt(inputs));
  const b = Array.from({ length: units }, () => 0.5 * rng.normal());
  const activity = new Matrix(T * C, units);
  for (let t = 0; t < T; t++)
    for (let c = 0; c < C; c++) {
      const u = [...z.map((zl) => zl[c] * ((t + 1) / T)), 1];
      for (let j = 0; j < units; j++) {
        let a = b[j];
        for (let i = 0; i < inputs; i++) a += W.data[j * inputs + i] * u[i];
        activity.data[(t * C + c) * units + j] = Math.tanh(gain * a) + noise * rng.normal();
      }
    }
  return makeDataset(activity, dataset.shape.length === 3 ? [T, C, units] : [C, units], labels.map((l) => labelSet(l.name, l.values)), {
    id: `${dataset.id}-random-features`,
    source: "user",
    units: "a.u. (tanh units)",
    preprocessing: `random-feature model of ${dataset.id}'s task variables (${units} units, gain ${gain}, noise ${noise}, seed ${options.seed ?? 0})`,
    citation: "diffsim (this repository)",
  });
}
