/**
 * Perturbation theory vs simulation (paper §6, Fig. 6): how much CKA, NBS and angular Procrustes drop
 * when one principal component of X is decorrelated or rescaled, in closed form from the spectrum, and
 * by constructing the perturbed dataset and measuring it with the library's measures.
 */
import type { Dataset } from "../data/types";
import { isDataset } from "../data/toys";
import { InputError, received } from "../errors";
import { prepareMeasure } from "../measures/api";
import { Rng } from "../random";
import { ArrayInput, toFlat, toNested } from "../tensor/arrays";
import { Matrix, centerCols, matmul, matmulTN } from "../tensor/matrix";
import { Pca, pca } from "../tensor/linalg/pca";

/**
 * The perturbation of PC i (X̄ = Σ_k s_k u_k v_kᵀ):
 * - decorrelate: u_i → ρu_i + √(1−ρ²)·w, w a unit centered vector orthogonal to every u_k (Fig. 6: ρ = 0);
 * - scale: s_i → c·s_i (c = 0 removes the PC).
 */
export type Perturbation = { kind: "decorrelate"; rho: number } | { kind: "scale"; c: number };

/** Measures with a closed form under these perturbations. */
export const PERTURBATION_MEASURES = ["cka", "cka-angular-score", "nbs", "procrustes-angular-score"] as const;
export type PerturbationMeasure = (typeof PERTURBATION_MEASURES)[number];

const angularScore = (s: number) => 1 - (2 / Math.PI) * Math.acos(Math.min(1, Math.max(-1, s)));

/**
 * Closed-form scores of X against X with PC i perturbed, for every PC i, from the spectrum alone
 * (λ_k = s_k², any positive multiple works: sums of squares, variances or explained-variance ratios;
 * Λ₁ = Σλ_k, Λ₂ = Σλ_k²):
 *
 *   decorrelate(ρ):  CKA = 1 − (1−ρ²)·λ_i²/Λ₂            NBS = 1 − (1−|ρ|)·λ_i/Λ₁
 *   scale(c):        CKA = (Λ₂ − λ_i² + c²λ_i²) / √(Λ₂(Λ₂ − λ_i² + c⁴λ_i²))
 *                    NBS = (Λ₁ − λ_i + |c|λ_i) / √(Λ₁(Λ₁ − λ_i + c²λ_i))
 *   angular scores:  1 − (2/π)·arccos(·) of CKA (cka-angular-score) and of NBS (procrustes-angular-score)
 *
 * Low-variance PCs are nearly invisible to CKA (loss ∝ λ_i²) but not to angular Procrustes (∝ √λ_i).
 *
 *   perturbationTheory([0.209, 0.132, ...])["cka"][0]   // Mante PC1 decorrelated: 0.345
 */
export function perturbationTheory(spectrum: ArrayLike<number>, perturbation: Perturbation = { kind: "decorrelate", rho: 0 }): Record<PerturbationMeasure, number[]> {
  const lambda = Array.from(spectrum);
  if (lambda.length === 0 || lambda.some((l) => !(l >= 0) || !Number.isFinite(l)) || !lambda.some((l) => l > 0))
    throw new InputError("spectrum", "finite non-negative PC variances, not all zero", `got [${lambda.slice(0, 5)}${lambda.length > 5 ? ", …" : ""}]`);
  checkPerturbation(perturbation);
  const L1 = lambda.reduce((a, l) => a + l, 0);
  const L2 = lambda.reduce((a, l) => a + l * l, 0);
  const cka: number[] = [];
  const nbs: number[] = [];
  for (const l of lambda) {
    if (perturbation.kind === "decorrelate") {
      const { rho } = perturbation;
      cka.push(1 - ((1 - rho * rho) * l * l) / L2);
      nbs.push(1 - ((1 - Math.abs(rho)) * l) / L1);
    } else {
      const { c } = perturbation;
      cka.push((L2 - l * l + c * c * l * l) / Math.sqrt(L2 * (L2 - l * l + c ** 4 * l * l)));
      nbs.push((L1 - l + Math.abs(c) * l) / Math.sqrt(L1 * (L1 - l + c * c * l)));
    }
  }
  return { cka, "cka-angular-score": cka.map(angularScore), nbs, "procrustes-angular-score": nbs.map(angularScore) };
}

/** How the perturbed profile is built. */
export type PerturbationConstruction = "exact" | "random-profile";

/**
 * X with PC i (0-based, descending variance) perturbed, returned in X's shape (flat Matrix + nested).
 * "exact" (default) builds the construction of the theory: w is a seeded Gaussian vector, centered and
 * projected off span(X̄) (twice, for orthogonality to rounding), so the result equals
 * perturbationTheory to rounding. "random-profile" (decorrelate only) skips the projection: PC i's
 * profile becomes ρu_i + √(1−ρ²)·w with w merely random, which is the inferred simulation of Fig. 6
 * (slightly above the theory through the chance overlap of w with the u_k). Column means are kept.
 *
 *   Y = X̄ + (ρ − 1)·X̄v_iv_iᵀ + √(1−ρ²)·s_i·w·v_iᵀ          (decorrelate)
 *   Y = X̄ + (c − 1)·X̄v_iv_iᵀ                                (scale)
 *
 *   const { matrix } = perturbPc(X, 0, { kind: "decorrelate", rho: 0 }, { seed: 1 });
 */
export function perturbPc(
  X: Dataset | ArrayInput,
  pc: number,
  perturbation: Perturbation,
  options: { seed?: number; construction?: PerturbationConstruction; pcs?: Pca } = {},
): { matrix: Matrix; array: number[][] | number[][][] } {
  const flat = isDataset(X) ? { matrix: X.activity, shape: X.shape } : toFlat(X, "X");
  const pcs = options.pcs ?? pca(flat.matrix);
  const Y = perturbMatrix(flat.matrix, pcs, pc, perturbation, new Rng(options.seed ?? 0), options.construction ?? "exact");
  return { matrix: Y, array: toNested(Y, flat.shape) };
}

/** One PC's theory and simulation, per measure. */
export interface PerturbationComparison {
  /** PC indices (0-based, descending variance). */
  pcs: number[];
  /** λ_i = s_i², the "variance of perturbed PC" axis of Fig. 6 in the data's raw units (sum of squares). */
  sumsOfSquares: number[];
  explainedVarianceRatio: number[];
  theory: Partial<Record<PerturbationMeasure, number[]>>;
  simulated: Partial<Record<PerturbationMeasure, number[]>>;
  /** max |theory − simulated| over the PCs and measures. */
  maxAbsDifference: number;
}

/**
 * Fig. 6 for one dataset: for every requested PC, the theory line and the simulated dot: X scored
 * against perturbPc(X, i) with the library's registered measures. With the exact construction they
 * agree to rounding (the test bar is 1e-6).
 *
 *   const f6 = perturbationSimulation(X, { measures: ["cka", "nbs", "procrustes-angular-score"] });
 *   f6.sumsOfSquares;  f6.theory.cka;  f6.simulated.cka;  f6.maxAbsDifference;
 */
export function perturbationSimulation(
  X: Dataset | ArrayInput,
  options: {
    perturbation?: Perturbation;
    measures?: PerturbationMeasure[];
    pcs?: number[];
    seed?: number;
    construction?: PerturbationConstruction;
  } = {},
): PerturbationComparison {
  const flat = isDataset(X) ? { matrix: X.activity, shape: X.shape } : toFlat(X, "X");
  const perturbation = options.perturbation ?? { kind: "decorrelate", rho: 0 };
  const measures = options.measures ?? ["cka", "nbs", "procrustes-angular-score"];
  for (const m of measures)
    if (!(PERTURBATION_MEASURES as readonly string[]).includes(m)) throw new InputError("measures", `ids among ${PERTURBATION_MEASURES.join(", ")}`, `got "${m}"`);
  const decomposition = pca(flat.matrix);
  const r = decomposition.sumsOfSquares.length;
  const pcs = options.pcs ?? Array.from({ length: r }, (_, i) => i);
  const allTheory = perturbationTheory(decomposition.sumsOfSquares, perturbation);
  const bound = measures.map((m) => prepareMeasure(m, { data: flat.matrix.data, shape: flat.shape }));
  const rng = new Rng(options.seed ?? 0);
  const theory: Partial<Record<PerturbationMeasure, number[]>> = {};
  const simulated: Partial<Record<PerturbationMeasure, number[]>> = {};
  for (const m of measures) {
    theory[m] = [];
    simulated[m] = [];
  }
  let maxAbsDifference = 0;
  for (const i of pcs) {
    const Y = perturbMatrix(flat.matrix, decomposition, i, perturbation, rng, options.construction ?? "exact");
    measures.forEach((m, j) => {
      const t = allTheory[m][i];
      const s = bound[j].scoreMatrix(Y);
      (theory[m] as number[]).push(t);
      (simulated[m] as number[]).push(s);
      maxAbsDifference = Math.max(maxAbsDifference, Math.abs(t - s));
    });
  }
  return {
    pcs,
    sumsOfSquares: pcs.map((i) => decomposition.sumsOfSquares[i]),
    explainedVarianceRatio: pcs.map((i) => decomposition.explainedVarianceRatio[i]),
    theory,
    simulated,
    maxAbsDifference,
  };
}

function checkPerturbation(p: Perturbation): void {
  if (p.kind === "decorrelate") {
    if (!(p.rho >= -1 && p.rho <= 1)) throw new InputError("perturbation.rho", "a correlation in [−1, 1]", `got ${received(p.rho)}`);
  } else if (p.kind === "scale") {
    if (!Number.isFinite(p.c)) throw new InputError("perturbation.c", "a finite scale factor", `got ${received(p.c)}`);
  } else throw new InputError("perturbation", '{ kind: "decorrelate", rho } or { kind: "scale", c }', `got ${JSON.stringify(p)}`);
}

function perturbMatrix(X: Matrix, pcs: Pca, i: number, perturbation: Perturbation, rng: Rng, construction: PerturbationConstruction): Matrix {
  checkPerturbation(perturbation);
  const r = pcs.sumsOfSquares.length;
  if (!Number.isInteger(i) || i < 0 || i >= r) throw new InputError("pc", `a PC index in 0…${r - 1}`, `got ${received(i)}`);
  const { rows: n, cols: p } = X;
  const vi = new Matrix(p, 1);
  for (let j = 0; j < p; j++) vi.data[j] = pcs.axes.data[j * r + i];
  const Xc = centerCols(X, pcs.means);
  const xi = matmul(Xc, vi); // s_i·u_i (n × 1), exact from X̄
  let weight = perturbation.kind === "decorrelate" ? perturbation.rho - 1 : perturbation.c - 1;
  const profile = new Float64Array(n); // what is added to column direction v_i
  for (let a = 0; a < n; a++) profile[a] = weight * xi.data[a];
  if (perturbation.kind === "decorrelate" && perturbation.rho * perturbation.rho < 1) {
    const w = randomProfile(pcs, rng, construction === "exact");
    weight = Math.sqrt((1 - perturbation.rho * perturbation.rho) * pcs.sumsOfSquares[i]);
    for (let a = 0; a < n; a++) profile[a] += weight * w[a];
  }
  const Y = X.clone();
  for (let a = 0; a < n; a++) {
    const pa = profile[a];
    if (pa !== 0) for (let j = 0; j < p; j++) Y.data[a * p + j] += pa * vi.data[j];
  }
  return Y;
}

/** A unit, centered Gaussian vector; orthogonal to every profile u_k of X when `orthogonal`. */
function randomProfile(pcs: Pca, rng: Rng, orthogonal: boolean): Float64Array {
  const U = pcs.profiles;
  const { rows: n, cols: r } = U;
  if (orthogonal && r >= n - 1)
    throw new InputError("X", `fewer than n − 1 = ${n - 1} principal components, so a centered profile orthogonal to all of them exists`, `got ${r}`);
  const g = centerCols(rng.normalMatrix(n, 1));
  if (orthogonal)
    for (let pass = 0; pass < 2; pass++) {
      const coef = matmulTN(U, g); // r × 1
      const back = matmul(U, coef);
      for (let a = 0; a < n; a++) g.data[a] -= back.data[a];
    }
  let norm = 0;
  for (let a = 0; a < n; a++) norm += g.data[a] ** 2;
  norm = Math.sqrt(norm);
  return g.data.map((v) => v / norm);
}
