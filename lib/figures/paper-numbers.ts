/**
 * The paper's reference numbers, in ONE place, for the notebooks' "paper | this run | agrees?" tables.
 * Transcribed from the project's specification of Cloos et al. 2024 (arXiv 2407.07059): §6.1/§6.3
 * (perturbation theory, Fig. 6), §7.2 (joint score bounds, Fig. 7) and §8.1 (numbers recovered from the
 * released CSVs: one run each, Adam lr 0.1, stop at 0.99). Each constant names its section.
 *
 *   import { PAPER_PERTURBATION_END_POINTS } from "./lib/figures/paper-numbers";
 *   PAPER_PERTURBATION_END_POINTS.Mante2013.cka   // 0.345
 */

/** The paper's optimization protocol (§3): Adam with learning rate 0.1, at most 1000 steps, stop when the score exceeds 0.99. */
export const PAPER_PROTOCOL = { lr: 0.1, maxIter: 1000, stopScore: 0.99 } as const;

/** The five datasets of the paper, by library id, in the paper's order. */
export const PAPER_DATASETS = ["Mante2013", "siegel15-FEF-stim_period-var99", "Hatsopoulos2007", "MajajHong2015", "FreemanZiemba2013"] as const;
export type PaperDataset = (typeof PAPER_DATASETS)[number];

/** The six measures of Fig. 3 (legend order) by library id, with the paper's labels. */
export const PAPER_MEASURES: Record<string, string> = {
  "procrustes-angular-score": "Angular Procrustes",
  nbs: "NBS",
  "cka-angular-score": "Angular CKA",
  "ridge-lambda100-r2#5folds_cv": "Ridge Regression CV (λ=100)",
  cka: "CKA",
  linreg: "Linear Regression",
};

/** Fig. 6 end points (§6.3): theory with PC i fully decorrelated (ρ = 0), from the released PC1 variance ratio. */
export interface PerturbationEndPoint {
  /** Explained-variance ratio of PC1. */
  pc1Ratio: number;
  /** CKA, NBS and angular Procrustes score when PC1 is decorrelated. */
  cka: number;
  nbs: number;
  procrustes: number;
  /** MajajHong only: PC2's ratio and CKA (its lowest CKA dot is PC2's neighbour in the figure). */
  pc2Ratio?: number;
  ckaPc2?: number;
  /** The end points as read off the published figure. */
  readOff: string;
}

/** §6.3: the end points of Fig. 6 per dataset. */
export const PAPER_PERTURBATION_END_POINTS: Record<PaperDataset, PerturbationEndPoint> = {
  Mante2013: { pc1Ratio: 0.209, cka: 0.345, nbs: 0.791, procrustes: 0.58, readOff: "≈0.35 / 0.80 / 0.58" },
  "siegel15-FEF-stim_period-var99": { pc1Ratio: 0.31, cka: 0.303, nbs: 0.69, procrustes: 0.485, readOff: "≈0.31 / 0.69–0.72 / 0.49–0.50" },
  Hatsopoulos2007: { pc1Ratio: 0.16, cka: 0.397, nbs: 0.84, procrustes: 0.635, readOff: "≈0.40 / 0.84 / 0.635" },
  MajajHong2015: { pc1Ratio: 0.161, cka: 0.58, nbs: 0.839, procrustes: 0.634, pc2Ratio: 0.148, ckaPc2: 0.642, readOff: "≈0.57 & 0.65 / 0.84 / 0.635" },
  FreemanZiemba2013: { pc1Ratio: 0.193, cka: 0.414, nbs: 0.807, procrustes: 0.597, readOff: "≈0.42 / 0.80–0.83 / 0.60" },
};

/**
 * §6.1: score lost when one PC is decorrelated ∝ (λ_i/Λ)^exponent for small λ_i: λ² for CKA, λ for
 * NBS, √λ for angular Procrustes.
 */
export const PAPER_LOSS_EXPONENTS: Record<"cka" | "nbs" | "procrustes-angular-score", number> = { cka: 2, nbs: 1, "procrustes-angular-score": 0.5 };

/** The three relations of two scores sketched in Fig. 7a (§7.2). */
export type ScoreRelation = "independent" | "coupled" | "asymmetric";

/** One panel of Fig. 7b: angular Procrustes (y, score B) against `measure` (x, score A). */
export interface PaperRegionConclusion {
  measure: string;
  relation: ScoreRelation;
  /** For an asymmetric pair: which score, when high, forces the other up. */
  constraining?: "A" | "B";
  /** The paper's reading of the panel (§7.2). */
  statement: string;
}

/** §7.2: qualitative conclusions read from Fig. 7b (N = 6 targets per side; dataset and iterations unknown). */
export const PAPER_REGION_CONCLUSIONS: PaperRegionConclusion[] = [
  {
    measure: "cka",
    relation: "asymmetric",
    constraining: "B",
    statement: "angular Procrustes ≥ 0.9 implies a high CKA; CKA ≥ 0.9 allows a wide range of Procrustes scores",
  },
  {
    measure: "linreg",
    relation: "asymmetric",
    constraining: "B",
    statement: "a high Procrustes score implies a high in-sample R²; R² near 1 still allows low Procrustes scores; R² never reaches 0",
  },
  {
    measure: "ridge-lambda100-r2#5folds_cv",
    relation: "independent",
    statement: "the region fills almost the whole square: ridge CV and Procrustes take nearly independent values",
  },
];

/** §8.1: score of a random initial Y and Adam steps (lr 0.1) to reach 0.99, per dataset and measure. */
export const PAPER_INITIAL_SCORES: Record<PaperDataset, Record<string, { initial: number; iterations: number }>> = {
  Mante2013: {
    cka: { initial: 0.075, iterations: 45 }, "cka-angular-score": { initial: 0.048, iterations: 97 }, nbs: { initial: 0.438, iterations: 24 },
    "procrustes-angular-score": { initial: 0.288, iterations: 45 }, "rsa-correlation-corr": { initial: 0.074, iterations: 44 },
    "ridge-lambda100-r2#5folds_cv": { initial: -0.894, iterations: 485 }, linreg: { initial: 0.675, iterations: 47 },
  },
  "siegel15-FEF-stim_period-var99": {
    cka: { initial: 0.076, iterations: 26 }, "cka-angular-score": { initial: 0.05, iterations: 79 }, nbs: { initial: 0.394, iterations: 26 },
    "procrustes-angular-score": { initial: 0.253, iterations: 50 }, "rsa-correlation-corr": { initial: 0.078, iterations: 26 },
    "ridge-lambda100-r2#5folds_cv": { initial: -0.438, iterations: 665 }, linreg: { initial: 0.588, iterations: 85 },
  },
  Hatsopoulos2007: {
    cka: { initial: 0.015, iterations: 126 }, "cka-angular-score": { initial: 0.009, iterations: 144 }, nbs: { initial: 0.132, iterations: 43 },
    "procrustes-angular-score": { initial: 0.084, iterations: 59 }, "rsa-correlation-corr": { initial: 0.014, iterations: 118 },
    "ridge-lambda100-r2#5folds_cv": { initial: -0.042, iterations: 113 }, linreg: { initial: 0.036, iterations: 100 },
  },
  MajajHong2015: {
    cka: { initial: 0.016, iterations: 81 }, "cka-angular-score": { initial: 0.01, iterations: 151 }, nbs: { initial: 0.147, iterations: 42 },
    "procrustes-angular-score": { initial: 0.095, iterations: 60 }, "rsa-correlation-corr": { initial: 0.016, iterations: 76 },
    "ridge-lambda100-r2#5folds_cv": { initial: -0.068, iterations: 139 }, linreg: { initial: 0.054, iterations: 119 },
  },
  FreemanZiemba2013: {
    cka: { initial: 0.152, iterations: 41 }, "cka-angular-score": { initial: 0.101, iterations: 65 }, nbs: { initial: 0.499, iterations: 22 },
    "procrustes-angular-score": { initial: 0.331, iterations: 45 }, "rsa-correlation-corr": { initial: 0.154, iterations: 41 },
    "ridge-lambda100-r2#5folds_cv": { initial: -0.324, iterations: 758 }, linreg: { initial: 0.757, iterations: 25 },
  },
};

/** §8.1: neural decoding reference of the Fig. 3 task variable, and its chance level. */
export const PAPER_DECODING_REFERENCE: Record<PaperDataset, { label: string; neuralAccuracy: number; chance: number; note?: string }> = {
  Mante2013: { label: "context", neuralAccuracy: 0.886, chance: 1 / 2, note: "0.872–0.896 across runs" },
  "siegel15-FEF-stim_period-var99": { label: "context", neuralAccuracy: 0.865, chance: 1 / 2, note: "read from Fig. 3 (the CSV only gives direction ≈ 0.81)" },
  Hatsopoulos2007: { label: "target", neuralAccuracy: 0.77, chance: 1 / 8 },
  MajajHong2015: { label: "category", neuralAccuracy: 0.85, chance: 1 / 8 },
  FreemanZiemba2013: { label: "texture_type", neuralAccuracy: 0.6, chance: 1 / 2 },
};

/**
 * A Fig. 3 threshold dot (§8.1): the score where decoding first reaches chance + 0.9·(neural − chance).
 * `range` spans the np.interp value(s) of the released runs; `firstCrossing` is given where it differs;
 * `never` means the curve stayed below the threshold up to 0.99 (`finalAccuracy` at 0.99).
 */
export type PaperThreshold = { range: [number, number]; firstCrossing?: number; finalAccuracy?: number; note?: string } | { never: true; finalAccuracy: number; note?: string };

/** §8.1: Fig. 3 threshold scores per dataset and measure. */
export const PAPER_THRESHOLD_SCORES: Record<PaperDataset, Record<string, PaperThreshold>> = {
  Mante2013: {
    "procrustes-angular-score": { range: [0.46, 0.46], firstCrossing: 0.48 }, nbs: { range: [0.66, 0.66], firstCrossing: 0.69 },
    "cka-angular-score": { range: [0.8, 0.8] }, "ridge-lambda100-r2#5folds_cv": { range: [0.91, 0.91] }, cka: { range: [0.94, 0.95] },
    linreg: { never: true, finalAccuracy: 0.77 },
  },
  "siegel15-FEF-stim_period-var99": {
    "procrustes-angular-score": { range: [0.77, 0.8] }, nbs: { range: [0.93, 0.97] }, "cka-angular-score": { range: [0.97, 0.97] },
    "ridge-lambda100-r2#5folds_cv": { range: [0.99, 0.99], firstCrossing: 0.96, finalAccuracy: 0.81, note: "ends at accuracy 0.81, below the threshold" },
    cka: { never: true, finalAccuracy: 0.68 }, linreg: { never: true, finalAccuracy: 0.68 },
  },
  Hatsopoulos2007: {
    "procrustes-angular-score": { range: [0.73, 0.74] }, nbs: { range: [0.89, 0.89] }, "cka-angular-score": { range: [0.83, 0.83] },
    "ridge-lambda100-r2#5folds_cv": { never: true, finalAccuracy: 0.69 }, cka: { range: [0.96, 0.96] }, linreg: { never: true, finalAccuracy: 0.7 },
  },
  MajajHong2015: {
    "procrustes-angular-score": { range: [0.74, 0.75] }, nbs: { range: [0.94, 0.94] }, "cka-angular-score": { range: [0.93, 0.93] },
    "ridge-lambda100-r2#5folds_cv": { range: [0.9, 0.93] }, cka: { never: true, finalAccuracy: 0.73 }, linreg: { range: [0.915, 0.915] },
  },
  FreemanZiemba2013: {
    "procrustes-angular-score": { range: [0.43, 0.43] }, nbs: { range: [0.62, 0.62] }, "cka-angular-score": { range: [0.45, 0.53] },
    "ridge-lambda100-r2#5folds_cv": { range: [0.5, 0.52] }, cka: { range: [0.6, 0.6] }, linreg: { range: [0.96, 0.97] },
  },
};

/** §8.1: PCs captured (half-way R² reached) when the run stops at 0.99, of `total`; `varianceShare` where given. */
export const PAPER_PCS_CAPTURED: Record<PaperDataset, { total: number; captured: Record<string, { count: number; varianceShare?: number }> }> = {
  Mante2013: {
    total: 727,
    captured: {
      cka: { count: 50, varianceShare: 0.7 }, "cka-angular-score": { count: 312, varianceShare: 0.965 }, nbs: { count: 546, varianceShare: 0.997 },
      "procrustes-angular-score": { count: 714, varianceShare: 1 }, "ridge-lambda100-r2#5folds_cv": { count: 626, varianceShare: 0.999 }, linreg: { count: 368, varianceShare: 0.978 },
    },
  },
  "siegel15-FEF-stim_period-var99": {
    total: 278,
    captured: {
      cka: { count: 13, varianceShare: 0.78 }, "cka-angular-score": { count: 107, varianceShare: 0.94 }, nbs: { count: 277 },
      "procrustes-angular-score": { count: 278 }, "ridge-lambda100-r2#5folds_cv": { count: 278 }, linreg: { count: 183, varianceShare: 0.98 },
    },
  },
  Hatsopoulos2007: {
    total: 141,
    captured: {
      cka: { count: 61, varianceShare: 0.87 }, "cka-angular-score": { count: 118 }, nbs: { count: 133 },
      "procrustes-angular-score": { count: 141 }, "ridge-lambda100-r2#5folds_cv": { count: 118 }, linreg: { count: 115 },
    },
  },
  MajajHong2015: {
    total: 168,
    captured: {
      cka: { count: 27, varianceShare: 0.75 }, "cka-angular-score": { count: 160 }, nbs: { count: 168 },
      "procrustes-angular-score": { count: 168 }, "ridge-lambda100-r2#5folds_cv": { count: 163 }, linreg: { count: 163 },
    },
  },
  FreemanZiemba2013: {
    total: 205,
    captured: {
      cka: { count: 46, varianceShare: 0.88 }, "cka-angular-score": { count: 108 }, nbs: { count: 143 },
      "procrustes-angular-score": { count: 204 }, "ridge-lambda100-r2#5folds_cv": { count: 192 }, linreg: { count: 96 },
    },
  },
};

/**
 * §2.6: test vectors, score(X, Y) with X = toy2d(a = 0.5) and Y = toy2d(a = 1.0), both (10, 6, 2),
 * computed by the specification's float64 numpy re-implementation.
 */
export const PAPER_TEST_VECTORS: Record<string, number> = {
  cka: 0.9869378911,
  "cka-angular-score": 0.8969908888,
  nbs: 0.9914302489,
  "procrustes-angular-score": 0.9165954271,
  linreg: 0.9972364563,
  "cka-hsic_song": 0.9872075089,
  "linreg-r2#5folds_cv": 0.9937577512,
  "ridge-lambda1-r2#5folds_cv": 0.9922547175,
  "ridge-lambda10-r2#5folds_cv": 0.9602938457,
  "ridge-lambda100-r2#5folds_cv": 0.720101995,
  "ridge-lambda100-r2#no_cv": 0.7996723865,
  "cca-angular-score": 0.9239061594,
};

/**
 * §4, Fig. S2 (site figS2.png; dataset inferred = Siegel 2015): ridge λ ∈ {1, 10, 100, 1000, 10000} with
 * 5-fold CV, four task variables, each with its neural reference line read off the figure: ≈ 0.88 for the
 * grey curve (most likely context), 0.81–0.83 for the other three. No threshold numbers are given.
 */
export const PAPER_RIDGE_SWEEP = {
  dataset: "siegel15-FEF-stim_period-var99",
  lambdas: [1, 10, 100, 1000, 10000],
  labels: ["context", "response", "color", "direction"],
  neuralReference: { context: [0.88, 0.88], response: [0.81, 0.83], color: [0.81, 0.83], direction: [0.81, 0.83] } as Record<string, [number, number]>,
} as const;
