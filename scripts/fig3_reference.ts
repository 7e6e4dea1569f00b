/**
 * The paper's Fig. 3 reference numbers (paper spec §8.1, "Fig. 3 threshold dots", from the released
 * CSVs; one run each): for every dataset the neural accuracy of its task variable and, per measure,
 * the score at which decoding first reaches chance + 0.9·(neural − chance), or "never" with the
 * accuracy at 0.99 where the spec states it. Ranges in the spec ("0.77–0.80", np.interp vs first
 * crossing) are kept as [low, high]; a match means within ±0.05 of the range.
 */
import { PAPER_DATASETS, PAPER_DECODING_REFERENCE, PAPER_THRESHOLD_SCORES } from "../lib/figures/paper-numbers";

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

/**
 * §8.1 (Mante context, Siegel context, Hatsopoulos target, MajajHong category, FreemanZiemba texture_type),
 * read from the library's one copy of the paper's numbers (lib/figures/paper-numbers.ts): a crossing
 * spans the np.interp value(s) and the first crossing.
 */
export const FIG3_REFERENCE: Readonly<Record<string, Fig3Dataset>> = Object.fromEntries(
  PAPER_DATASETS.map((id) => {
    const cells = Object.fromEntries(
      FIG3_MEASURES.map((m): [Fig3Measure, Fig3Cell] => {
        const t = PAPER_THRESHOLD_SCORES[id][m];
        if ("never" in t) return [m, { crossing: null, final: t.finalAccuracy }];
        const first = t.firstCrossing ?? t.range[0];
        return [m, { crossing: [Math.min(t.range[0], first), Math.max(t.range[1], first)], final: t.finalAccuracy }];
      }),
    ) as Record<Fig3Measure, Fig3Cell>;
    return [id, { neural: PAPER_DECODING_REFERENCE[id].neuralAccuracy, cells }];
  }),
);

/**
 * Distance of a value from a reference range [low, high] (0 inside it).
 *
 *   rangeDistance(0.5, [0.46, 0.48]); // 0.02
 */
export function rangeDistance(value: number, [low, high]: [number, number]): number {
  return value < low ? low - value : value > high ? value - high : 0;
}
