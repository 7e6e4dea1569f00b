/**
 * The reference speeds of the project's performance spec (copied into the repository, re-measured
 * 2026-12-05) as data: ms per optimization step (value + gradient + Adam update, median) of the
 * paper's measures on the paper's dataset shapes, at 1 and 2 threads, for
 *   - diffscore: nacloos/diffscore (commit 43456c2) on PyTorch 2.15 CPU (MKL, float32 Y);
 *   - proxy:     numpy float64 closed-form value + gradient on Debian's OpenBLAS (the "native limit
 *                proxy"), X-side quantities cached.
 * Measured side by side in one run, interleaved per cell, on a 2-core x86-64 Debian 12 machine; ±30 %
 * is noise. Compare ratios measured in one run (see --baseline numpy), never absolute times across
 * machines.
 */

/** A dataset shape of the benchmark (rows = samples after flattening, cols = features). */
export interface BenchShape {
  name: string;
  rows: number;
  cols: number;
}

/** The paper's measures, in the order of performance.md. */
export const PAPER_MEASURES = ["cka", "cka-angular-score", "nbs", "procrustes-angular-score", "linreg", "ridge-lambda100-r2#5folds_cv"] as const;

/** The five dataset shapes of the paper plus a 2000×700 stress shape (no reference figures). */
export const SHAPES: BenchShape[] = [
  { name: "Mante2013", rows: 1080, cols: 727 },
  { name: "Siegel2015", rows: 473, cols: 278 },
  { name: "Hatsopoulos2007", rows: 3910, cols: 141 },
  { name: "MajajHong2015", rows: 3200, cols: 168 },
  { name: "FreemanZiemba2013", rows: 270, cols: 205 },
  { name: "stress", rows: 2000, cols: 700 },
];

/** ms per step of one cell, [1 thread, 2 threads]. */
export interface ReferenceCell {
  diffscore: [number, number];
  proxy: [number, number];
}

/** The reference cells per shape name and measure. */
export const REFERENCE_MS: Record<string, Record<string, ReferenceCell>> = {
  Mante2013: {
    cka: { diffscore: [772.8, 514.8], proxy: [103.2, 56.4] },
    "cka-angular-score": { diffscore: [655.9, 382.5], proxy: [103.2, 61.1] },
    nbs: { diffscore: [769.6, 447.4], proxy: [233.4, 160.6] },
    "procrustes-angular-score": { diffscore: [588.4, 343.3], proxy: [257.8, 158.0] },
    linreg: { diffscore: [118.4, 61.6], proxy: [187.0, 110.5] },
    "ridge-lambda100-r2#5folds_cv": { diffscore: [1936, 1113], proxy: [747.0, 471.1] },
  },
  Siegel2015: {
    cka: { diffscore: [79.7, 55.6], proxy: [7.61, 4.87] },
    "cka-angular-score": { diffscore: [67.9, 42.0], proxy: [7.69, 5.24] },
    nbs: { diffscore: [76.5, 56.3], proxy: [20.0, 16.9] },
    "procrustes-angular-score": { diffscore: [45.4, 29.8], proxy: [20.2, 24.1] },
    linreg: { diffscore: [11.7, 7.38], proxy: [16.1, 12.7] },
    "ridge-lambda100-r2#5folds_cv": { diffscore: [136.6, 106.5], proxy: [59.7, 42.5] },
  },
  Hatsopoulos2007: {
    cka: { diffscore: [32265, 18810], proxy: [21.9, 19.6] },
    "cka-angular-score": { diffscore: [35265, 17526], proxy: [20.1, 15.4] },
    nbs: { diffscore: [33429, 17687], proxy: [18.4, 22.3] },
    "procrustes-angular-score": { diffscore: [69.1, 53.1], proxy: [17.4, 15.7] },
    linreg: { diffscore: [32.3, 24.1], proxy: [56.6, 52.4] },
    "ridge-lambda100-r2#5folds_cv": { diffscore: [111.2, 74.7], proxy: [80.7, 56.9] },
  },
  MajajHong2015: {
    cka: { diffscore: [15580, 9023], proxy: [24.0, 17.6] },
    "cka-angular-score": { diffscore: [15290, 8155], proxy: [22.1, 16.6] },
    nbs: { diffscore: [15243, 8315], proxy: [20.3, 16.2] },
    "procrustes-angular-score": { diffscore: [63.0, 39.5], proxy: [19.4, 15.4] },
    linreg: { diffscore: [34.0, 22.2], proxy: [55.8, 48.0] },
    "ridge-lambda100-r2#5folds_cv": { diffscore: [108.7, 73.5], proxy: [91.8, 78.7] },
  },
  FreemanZiemba2013: {
    cka: { diffscore: [22.2, 19.6], proxy: [2.50, 2.24] },
    "cka-angular-score": { diffscore: [16.2, 11.5], proxy: [2.51, 1.81] },
    nbs: { diffscore: [20.4, 18.3], proxy: [8.09, 8.73] },
    "procrustes-angular-score": { diffscore: [18.5, 14.2], proxy: [8.31, 8.20] },
    linreg: { diffscore: [4.50, 3.90], proxy: [5.42, 6.76] },
    "ridge-lambda100-r2#5folds_cv": { diffscore: [65.0, 51.2], proxy: [22.1, 15.7] },
  },
};

/** The reference figures of a cell at `threads` (1, or 2 for two and more), or null without figures. */
export function referenceAt(shape: string, measure: string, threads: number): { diffscore: number; proxy: number } | null {
  const cell = REFERENCE_MS[shape]?.[measure];
  if (!cell) return null;
  const i = threads >= 2 ? 1 : 0;
  return { diffscore: cell.diffscore[i], proxy: cell.proxy[i] };
}

/**
 * Targets of project issue 19, per thread count: every cell faster than diffscore, geometric mean
 * ≥ 5× faster, within 1.25× of the numpy proxy's geometric mean.
 */
export const TARGETS = { speedupOverReference: 5, slowdownOverProxy: 1.25 };
