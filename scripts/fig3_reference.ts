/**
 * The paper's Fig. 3 reference numbers (paper spec §8.1, "Fig. 3 threshold dots", from the released
 * CSVs; one run each): for every dataset the neural accuracy of its task variable and, per measure,
 * the score at which decoding first reaches chance + 0.9·(neural − chance), or "never" with the
 * accuracy at 0.99 where the spec states it. Ranges in the spec ("0.77–0.80", np.interp vs first
 * crossing) are kept as [low, high]; a match means within ±0.05 of the range.
 */

/** The six measures of Fig. 3, in the paper's column order. */
export const FIG3_MEASURES = ["procrustes-angular-score", "nbs", "cka-angular-score", "ridge-lambda100-r2#5folds_cv", "cka", "linreg"] as const;
export type Fig3Measure = (typeof FIG3_MEASURES)[number];

/** One cell: the threshold score range where the curve crosses, or null ("never"); `final` = accuracy at 0.99 when stated. */
export interface Fig3Cell {
  crossing: [number, number] | null;
  final?: number;
}

export interface Fig3Dataset {
  /** Neural accuracy of the task variable (the spec's value). */
  neural: number;
  cells: Record<Fig3Measure, Fig3Cell>;
}

/** §8.1: Mante context, Siegel context, Hatsopoulos target, MajajHong category, FreemanZiemba texture_type. */
export const FIG3_REFERENCE: Readonly<Record<string, Fig3Dataset>> = {
  Mante2013: {
    neural: 0.886,
    cells: {
      "procrustes-angular-score": { crossing: [0.46, 0.48] },
      nbs: { crossing: [0.66, 0.69] },
      "cka-angular-score": { crossing: [0.8, 0.8] },
      "ridge-lambda100-r2#5folds_cv": { crossing: [0.91, 0.91] },
      cka: { crossing: [0.94, 0.95] },
      linreg: { crossing: null, final: 0.77 },
    },
  },
  "siegel15-FEF-stim_period-var99": {
    neural: 0.865,
    cells: {
      "procrustes-angular-score": { crossing: [0.77, 0.8] },
      nbs: { crossing: [0.93, 0.97] },
      "cka-angular-score": { crossing: [0.97, 0.97] },
      "ridge-lambda100-r2#5folds_cv": { crossing: [0.96, 0.96], final: 0.81 },
      cka: { crossing: null, final: 0.68 },
      linreg: { crossing: null, final: 0.68 },
    },
  },
  Hatsopoulos2007: {
    neural: 0.767,
    cells: {
      "procrustes-angular-score": { crossing: [0.73, 0.74] },
      nbs: { crossing: [0.89, 0.89] },
      "cka-angular-score": { crossing: [0.83, 0.83] },
      "ridge-lambda100-r2#5folds_cv": { crossing: null, final: 0.69 },
      cka: { crossing: [0.96, 0.96] },
      linreg: { crossing: null, final: 0.7 },
    },
  },
  MajajHong2015: {
    neural: 0.847,
    cells: {
      "procrustes-angular-score": { crossing: [0.74, 0.75] },
      nbs: { crossing: [0.94, 0.94] },
      "cka-angular-score": { crossing: [0.93, 0.93] },
      "ridge-lambda100-r2#5folds_cv": { crossing: [0.9, 0.93] },
      cka: { crossing: null, final: 0.73 },
      linreg: { crossing: [0.915, 0.915] },
    },
  },
  FreemanZiemba2013: {
    // §8.1 reads ≈0.60 off Fig. 3; the released runs range over 0.55–0.64 (mean 0.567).
    neural: 0.6,
    cells: {
      "procrustes-angular-score": { crossing: [0.43, 0.43] },
      nbs: { crossing: [0.62, 0.62] },
      "cka-angular-score": { crossing: [0.45, 0.53] },
      "ridge-lambda100-r2#5folds_cv": { crossing: [0.5, 0.52] },
      cka: { crossing: [0.6, 0.6] },
      linreg: { crossing: [0.96, 0.97] },
    },
  },
};

/**
 * Distance of a value from a reference range [low, high] (0 inside it).
 *
 *   rangeDistance(0.5, [0.46, 0.48]); // 0.02
 */
export function rangeDistance(value: number, [low, high]: [number, number]): number {
  return value < low ? low - value : value > high ? value - high : 0;
}
