/**
 * Scores of independent data: X and Y drawn independently, so any similarity is estimator bias. The
 * biased (Gretton) HSIC behind CKA gives independent data a clearly positive CKA when the number of
 * samples n is not much larger than the number of features d; the unbiased (Song) estimator
 * (cka-hsic_song) stays near 0.
 */
import { InputError } from "../errors";
import { score } from "../measures/api";
import { Rng } from "../random";

/** Mean and standard deviation over repeats of one measure at one sample count. */
export interface IndependentScore {
  measure: string;
  samples: number;
  features: number;
  /** samples / features. */
  ratio: number;
  mean: number;
  sd: number;
}

/**
 * For every n in `samples`: `repeats` pairs X, Y ~ N(0, 1) of shape (n, features), independent, each
 * scored with every measure id; returns the mean and (sample) standard deviation per measure and n.
 *
 *   scoresOnIndependentData({ ids: ["cka", "cka-hsic_song"], samples: [10, 100, 1000], features: 50, repeats: 5, seed: 0 })
 */
export function scoresOnIndependentData(options: { ids: string[]; samples: number[]; features: number; repeats: number; seed?: number }): IndependentScore[] {
  const { ids, samples, features, repeats } = options;
  if (!Array.isArray(ids) || ids.length === 0) throw new InputError("ids", "a non-empty list of measure ids", `got ${JSON.stringify(ids)}`);
  if (!Array.isArray(samples) || samples.length === 0 || samples.some((n) => !Number.isInteger(n) || n < 4))
    throw new InputError("samples", "a non-empty list of integers ≥ 4 (the unbiased estimator needs n ≥ 4)", `got ${JSON.stringify(samples)}`);
  if (!Number.isInteger(features) || features < 1) throw new InputError("features", "an integer ≥ 1", `got ${features}`);
  if (!Number.isInteger(repeats) || repeats < 2) throw new InputError("repeats", "an integer ≥ 2 (for a standard deviation)", `got ${repeats}`);
  const rng = new Rng(options.seed ?? 0);
  const out: IndependentScore[] = [];
  for (const n of samples) {
    const values = ids.map(() => [] as number[]);
    for (let r = 0; r < repeats; r++) {
      const X = rng.normalMatrix(n, features);
      const Y = rng.normalMatrix(n, features);
      ids.forEach((id, k) => values[k].push(score(id, X, Y)));
    }
    ids.forEach((id, k) => {
      const v = values[k];
      const mean = v.reduce((a, x) => a + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1));
      out.push({ measure: id, samples: n, features, ratio: n / features, mean, sd });
    });
  }
  return out;
}
