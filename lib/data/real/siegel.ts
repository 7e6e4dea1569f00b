import { existsSync } from "fs";
import { join } from "path";
import { InputError } from "../../errors";
import { Matrix } from "../../tensor/matrix";
import { pca, pcaScores } from "../../tensor/linalg/pca";
import { readArrayFile } from "../formats/array-file";
import { NdArray } from "../formats/npy";
import type { Dataset } from "../types";
import { binarizeAtMedian, labelSet, makeDataset } from "../dataset";

/** File names a lab with the Siegel 2015 data can place in the cache (data/README.md describes the layout). */
export const SIEGEL_FILES = ["siegel15_FEF.h5", "siegel15_FEF.npz"];
const STIMULUS_PERIOD_MS: [number, number] = [0, 500];
const LABELS = ["context", "response", "color", "direction"] as const;

/**
 * Number of principal components sklearn's PCA(n_components=fraction) keeps: the first k whose
 * cumulative explained-variance ratio exceeds `fraction` (searchsorted(cumsum, fraction, "right") + 1).
 *
 *   componentsForVariance(Float64Array.of(0.5, 0.3, 0.2), 0.8);   // 3 (0.8 is not exceeded by 2)
 */
export function componentsForVariance(ratios: ArrayLike<number>, fraction: number): number {
  let cumulative = 0;
  for (let k = 0; k < ratios.length; k++) {
    cumulative += ratios[k];
    if (cumulative > fraction) return k + 1;
  }
  return ratios.length;
}

/**
 * Loads Siegel, Buschman & Miller 2015 (FEF, stimulus period) from a lab-provided file in `dir`
 * (`siegel15_FEF.h5` or `.npz`; the data are not public) and applies diffscore's steps after binning
 * (datasets.md §2.2): keep 50-ms bins with 0 ≤ time ≤ 500 ms (when a `time` array is given), PCA of the
 * flattened (T·C, N) activity keeping 99% of the variance (scores U·S, sklearn's rule for the count),
 * `color` and `direction` binarized at the median of their unique values, `context` and `response`
 * unchanged. Expected result (11, 43, 278). Null when no such file is in `dir`.
 *
 *   const data = loadSiegel2015(join(cacheDir, "siegel15-FEF-stim_period-var99"));
 */
export function loadSiegel2015(dir: string, varianceKept = 0.99): Dataset | null {
  const path = SIEGEL_FILES.map((name) => join(dir, name)).find(existsSync);
  if (!path) return null;
  const arrays = readArrayFile(path);
  const activity = numeric(arrays, "activity", path);
  if (activity.shape.length !== 3) throw new InputError(`${path}: activity`, "a 3-D array (time bins, conditions, FEF units)", `got shape [${activity.shape}]`);
  let [T, C, N] = activity.shape;
  let bins = Array.from({ length: T }, (_, t) => t);
  if (arrays.time) {
    const time = numeric(arrays, "time", path).values as Float64Array;
    if (time.length !== T) throw new InputError(`${path}: time`, `${T} values (one per time bin of activity)`, `got ${time.length}`);
    bins = bins.filter((t) => time[t] >= STIMULUS_PERIOD_MS[0] && time[t] <= STIMULUS_PERIOD_MS[1]);
    if (bins.length === 0) throw new InputError(`${path}: time`, "bins between 0 and 500 ms", "none");
  }
  const source = activity.values as Float64Array;
  const flat = new Matrix(bins.length * C, N);
  bins.forEach((t, i) => flat.data.set(source.subarray(t * C * N, (t + 1) * C * N), i * C * N));
  T = bins.length;

  const components = pca(flat);
  const k = componentsForVariance(components.explainedVarianceRatio, varianceKept);
  const scores = pcaScores(components.profiles, components.sumsOfSquares, k);

  const labels = LABELS.map((name) => {
    const values = Array.from(numeric(arrays, name, path).values as Float64Array);
    if (name !== "color" && name !== "direction") return labelSet(name, values);
    return labelSet(name, binarizeAtMedian(values));
  });
  N = k;
  return makeDataset(scores, [T, C, N], labels, {
    id: "siegel15-FEF-stim_period-var99",
    source: "real",
    units: "PCA scores of the lab's 50-ms binned FEF activity",
    preprocessing: `diffscore siegel15: stimulus period 0–500 ms, FEF, PCA keeping ${varianceKept * 100}% of the variance (${k} PCs), color/direction binarized at the median`,
    citation: "Siegel, Buschman & Miller 2015, Science 348:1352 (FEF; data not public)",
    primaryLabel: "context",
    referenceAccuracy: 0.865,
  });
}

function numeric(arrays: Record<string, NdArray>, name: string, path: string): NdArray {
  const array = arrays[name];
  if (!array) throw new InputError(path, `an array named '${name}'`, `arrays are ${Object.keys(arrays).join(", ")}`);
  if (!(array.values instanceof Float64Array)) throw new InputError(`${path}: ${name}`, "numbers", "got strings");
  return array;
}
