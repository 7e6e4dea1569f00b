import { InputError } from "../errors";

/**
 * Compact knot tables of the PCA spectra (sklearn `explained_variance_ratio_` of the centered,
 * flattened (T·C, N) data) of the paper's five neural datasets, from the released result CSVs
 * (nacloos/diffscore-site docs/data/benchmarks/<id>/scores_at_threshold.csv, rows measure == "cka";
 * datasets.md §6.1). Each entry lists PC ranks (1-based) and the ratio at that rank; `spectrumFromKnots`
 * rebuilds all ranks. The Siegel ratios are of its 278 retained PCs (they sum to 1 over the 99 %).
 */
export const KNOT_TABLES: Readonly<Record<string, { ranks: readonly number[]; ratios: readonly number[] }>> = {
  Mante2013: {
    ranks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 90, 100, 110, 120, 130, 140, 150, 175, 200, 250, 300, 350, 400, 450, 500, 550, 600, 650, 700, 722, 725, 727],
    ratios: [0.209, 0.132, 0.0436, 0.0303, 0.0176, 0.0169, 0.0149, 0.0124, 0.0117, 0.0105, 0.0088, 0.0074, 0.00668, 0.00533, 0.00482, 0.00365, 0.0031, 0.00253, 0.00208, 0.00177, 0.00161, 0.00144, 0.00129, 0.00119, 0.00108, 0.000985, 0.00081, 0.000664, 0.000457, 0.000315, 0.000223, 0.000155, 0.000105, 6.76e-5, 4.19e-5, 2.32e-5, 1.08e-5, 2.74e-6, 6.14e-7, 2.57e-7, 4.96e-8],
  },
  "siegel15-FEF-stim_period-var99": {
    ranks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 90, 100, 110, 120, 130, 140, 150, 175, 200, 250, 273, 276, 278],
    ratios: [0.31, 0.151, 0.111, 0.0538, 0.0311, 0.0281, 0.0265, 0.0208, 0.0117, 0.00949, 0.00848, 0.00627, 0.00404, 0.00309, 0.00254, 0.00193, 0.00156, 0.00133, 0.00106, 0.000872, 0.000771, 0.000684, 0.000609, 0.000542, 0.00049, 0.000443, 0.000345, 0.000271, 0.000167, 0.000133, 0.000128, 0.000126],
  },
  Hatsopoulos2007: {
    ranks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 90, 100, 110, 120, 130, 136, 139, 140, 141],
    ratios: [0.16, 0.0734, 0.0454, 0.0354, 0.0326, 0.0284, 0.0259, 0.0228, 0.0216, 0.0194, 0.0164, 0.0148, 0.0114, 0.0088, 0.00766, 0.00611, 0.0053, 0.00444, 0.00308, 0.00192, 0.00143, 0.00104, 0.000572, 0.000266, 5.75e-5, 3.66e-5, 2.06e-5, 1.44e-5],
  },
  MajajHong2015: {
    ranks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 90, 100, 110, 120, 130, 140, 150, 163, 166, 168],
    ratios: [0.161, 0.148, 0.0724, 0.0387, 0.0375, 0.0315, 0.0266, 0.0237, 0.0199, 0.0185, 0.015, 0.0119, 0.0088, 0.00656, 0.0054, 0.00376, 0.00302, 0.00233, 0.00177, 0.00145, 0.00131, 0.00117, 0.00105, 0.000956, 0.000866, 0.000783, 0.000652, 0.000622, 0.000588],
  },
  FreemanZiemba2013: {
    ranks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 90, 100, 110, 120, 130, 140, 150, 175, 200, 203, 205],
    ratios: [0.193, 0.105, 0.0733, 0.0489, 0.0356, 0.0276, 0.0269, 0.0244, 0.0222, 0.0201, 0.0184, 0.0147, 0.0103, 0.0082, 0.0067, 0.00464, 0.00339, 0.00248, 0.00153, 0.000985, 0.000725, 0.000531, 0.000377, 0.000274, 0.000194, 0.000143, 5.04e-5, 6.69e-6, 3.44e-6, 1.85e-6],
  },
};

/**
 * A full explained-variance-ratio spectrum from knots (rank_j, ratio_j): log–log linear interpolation
 * between consecutive knots, log ratio(k) = log r_j + (log k − log k_j)/(log k_{j+1} − log k_j)·(log r_{j+1} − log r_j),
 * for k = 1 … last rank, then renormalized to sum to 1 (datasets.md §6.1).
 *
 *   const ratios = spectrumFromKnots(KNOT_TABLES.Mante2013); // 727 ratios, ratios[0] ≈ 0.209
 */
export function spectrumFromKnots(table: { ranks: readonly number[]; ratios: readonly number[] }): Float64Array {
  const { ranks, ratios } = table;
  if (ranks.length < 2 || ranks.length !== ratios.length || ranks[0] !== 1)
    throw new InputError("table", "matching rank and ratio lists starting at rank 1", `got ${ranks.length} ranks, ${ratios.length} ratios`);
  for (let j = 0; j < ranks.length; j++) {
    if (!(ratios[j] > 0)) throw new InputError("table", "positive ratios", `ratio ${ratios[j]} at rank ${ranks[j]}`);
    if (j > 0 && !(ranks[j] > ranks[j - 1])) throw new InputError("table", "increasing ranks", `rank ${ranks[j]} after ${ranks[j - 1]}`);
  }
  const out = new Float64Array(ranks[ranks.length - 1]);
  let j = 0;
  for (let k = 1; k <= out.length; k++) {
    while (ranks[j + 1] < k) j++;
    const w = (Math.log(k) - Math.log(ranks[j])) / (Math.log(ranks[j + 1]) - Math.log(ranks[j]));
    out[k - 1] = Math.exp(Math.log(ratios[j]) + w * (Math.log(ratios[j + 1]) - Math.log(ratios[j])));
  }
  const total = out.reduce((a, b) => a + b, 0);
  return out.map((r) => r / total);
}
