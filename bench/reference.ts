/**
 * The reference speeds of ../shared/spec/performance.md as data: ms per optimization step (value +
 * gradient + Adam update, median) of the paper's measures on the paper's dataset shapes, for
 *   - reference: nacloos/diffscore (PyTorch 1.13 CPU, float32 Y, one thread);
 *   - native:    numpy float64 closed-form value + gradient with OpenBLAS, one thread (the "native
 *                limit proxy"), reference-side quantities cached.
 * null = the reference fails on that cell (PyTorch INTERNAL ASSERT in its eigendecomposition).
 * Measured on a 2-core x86-64 Debian 12 machine; ±30 % is noise.
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

/** [reference ms, native-proxy ms] per shape name and measure, from performance.md. */
export const REFERENCE_MS: Record<string, Record<string, [number | null, number]>> = {
  Mante2013: {
    cka: [680.8, 118.1],
    "cka-angular-score": [748.0, 128.7],
    nbs: [656.0, 296.0],
    "procrustes-angular-score": [609.2, 338.2],
    linreg: [148.4, 243.7],
    "ridge-lambda100-r2#5folds_cv": [2020.2, 983.1],
  },
  Siegel2015: {
    cka: [81.3, 10.4],
    "cka-angular-score": [87.7, 10.0],
    nbs: [69.7, 21.1],
    "procrustes-angular-score": [55.1, 21.4],
    linreg: [14.8, 16.3],
    "ridge-lambda100-r2#5folds_cv": [141.8, 66.9],
  },
  Hatsopoulos2007: {
    cka: [37178.7, 28.8],
    "cka-angular-score": [null, 29.3],
    nbs: [35330.5, 24.3],
    "procrustes-angular-score": [77.5, 24.5],
    linreg: [33.3, 64.2],
    "ridge-lambda100-r2#5folds_cv": [142.9, 102.3],
  },
  MajajHong2015: {
    cka: [17269.2, 27.8],
    "cka-angular-score": [null, 28.0],
    nbs: [17651.2, 28.1],
    "procrustes-angular-score": [68.0, 30.7],
    linreg: [34.8, 69.5],
    "ridge-lambda100-r2#5folds_cv": [139.1, 112.6],
  },
  FreemanZiemba2013: {
    cka: [23.7, 3.2],
    "cka-angular-score": [24.0, 3.7],
    nbs: [23.8, 10.6],
    "procrustes-angular-score": [21.9, 10.2],
    linreg: [6.2, 7.7],
    "ridge-lambda100-r2#5folds_cv": [88.3, 30.7],
  },
};

/** Geometric means of performance.md over the 28 cells measured by both (reference, native proxy). */
export const REFERENCE_GEOMEAN_MS = { reference: 200.3, native: 37.5 };

/** Targets of project issue 7: every cell faster than the reference, geomean ≥ 3× faster, ≤ 2× native. */
export const TARGETS = { speedupOverReference: 3, slowdownOverNative: 2 };
