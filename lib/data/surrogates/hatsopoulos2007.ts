import { Rng } from "../../random";
import { labelSet } from "../dataset";
import { KNOT_TABLES, spectrumFromKnots } from "../spectra";
import { logNormalMeans, rowValues, SurrogateDefinition } from "./definition";
import { structuredSurrogate } from "./structured";

const RATIOS = spectrumFromKnots(KNOT_TABLES.Hatsopoulos2007);
const T = 10;
const N = 141;
/** Trials per reach target 0…7, in diffscore's order (all trials of target 0, then target 1, …). */
const TRIALS_PER_TARGET = [47, 46, 52, 41, 53, 61, 43, 48];
const TARGET = TRIALS_PER_TARGET.flatMap((count, k) => Array<number>(count).fill(k));
const C = TARGET.length;
/** Mixing angles θ of the planted directions, calibrated by calibrate.ts. */
const THETAS = { tuning: 0.2316 };

/**
 * Surrogate of Hatsopoulos 2007 M1 center-out reaching (Suresh et al. 2020 Dataset5): single trials,
 * shape (10, 391, 141), smoothed spike counts per 50-ms bin over 0–500 ms after movement onset. The §6.3
 * structured surrogate (datasets.md §3.5, alternative recipe) with the Hatsopoulos knot-table spectrum
 * and Λ = s₁²/ratio₁ with Fig. 6's s₁² = 7700 (centered RMS 0.30), neurons a random rotation of the PCs plus log-normal mean
 * counts (median 0.10, mean ≈ 0.16 ≈ 3.5 Hz·0.05 s·0.867). Planted PC profiles: PC1 the
 * condition-independent movement-onset time course, PC2 a slower one; cosine tuning to the reach
 * angle φ_k = 2πk/8 — cos φ (PC3) and sin φ (PC4), and the second harmonic cos 2φ (PC6), sin 2φ (PC8) —
 * each × a movement time course and mixed with noise by one θ ("tuning"), calibrated to the paper's
 * target decoding 0.767. Being Gaussian, values can be negative, unlike real counts.
 */
export const HATSOPOULOS_2007: SurrogateDefinition = {
  id: "Hatsopoulos2007",
  shape: [T, C, N],
  labels: [labelSet("target", TARGET)],
  ratios: RATIOS,
  primaryLabel: "target",
  referenceAccuracy: 0.767,
  units: "spike counts per 50-ms bin, smoothed (0.43·(m[n−1] + m[n]) + …)",
  citation: "Hatsopoulos et al. 2007 (M1 reach), as distributed by Suresh et al. 2020, eLife 9:e58848 (Dryad doi:10.5061/dryad.xsj3tx9cm, Dataset5 Monkey 4)",
  preprocessing:
    "diffscore Hatsopoulos2007: 141 units, 50-ms bins aligned to movement onset over [0, 500) ms, single trials (391) in target order, Gaussian smoothing (σ = 25 ms, 10 unnormalized taps)",
  recipe:
    "structured spectrum-matched Gaussian (datasets.md §3.5 alternative, §6.3): Hatsopoulos knot-table spectrum, centered RMS 0.30, random neuron mixing + log-normal means ≈ 0.16; PC1–2 movement time courses, cosine tuning (cos φ, sin φ, cos 2φ, sin 2φ) on PCs 3, 4, 6, 8",
  thetas: THETAS,
  calibration: [{ theta: "tuning", label: "target", accuracy: 0.767 }],
  generate(seed, thetas = THETAS) {
    const rng = new Rng(seed);
    const angle = (c: number) => (2 * Math.PI * TARGET[c]) / 8;
    const movement = (t: number) => Math.exp(-((t - 3) ** 2) / 10);
    const tuned = (f: (phi: number) => number) => rowValues(T, C, (t, c) => f(angle(c)) * movement(t));
    return structuredSurrogate(
      {
        rows: T * C,
        neurons: N,
        ratios: RATIOS,
        totalSumOfSquares: 7700 / RATIOS[0],
        neuronMixing: "random",
        means: logNormalMeans(N, 0.1, 1, rng),
        directions: [
          { name: "onset", values: rowValues(T, C, movement), rank: 1 },
          { name: "slow", values: rowValues(T, C, (t) => t / (T - 1)), rank: 2 },
          { name: "cos", values: tuned(Math.cos), rank: 3, theta: thetas.tuning },
          { name: "sin", values: tuned(Math.sin), rank: 4, theta: thetas.tuning },
          { name: "cos2", values: tuned((phi) => Math.cos(2 * phi)), rank: 6, theta: thetas.tuning },
          { name: "sin2", values: tuned((phi) => Math.sin(2 * phi)), rank: 8, theta: thetas.tuning },
        ],
      },
      rng,
    );
  },
};
