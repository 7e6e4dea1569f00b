import { Rng } from "../../random";
import { labelSet } from "../dataset";
import { KNOT_TABLES, spectrumFromKnots } from "../spectra";
import { classRegressors, logNormalMeans, rowValues, SurrogateDefinition } from "./definition";
import type { LabelStructure } from "./label_structure";
import { structuredSurrogate } from "./structured";

const RATIOS = spectrumFromKnots(KNOT_TABLES.Hatsopoulos2007);
const T = 10;
const N = 141;
/** Trials per reach target 0…7, in diffscore's order (all trials of target 0, then target 1, …). */
const TRIALS_PER_TARGET = [47, 46, 52, 41, 53, 61, 43, 48];
const TARGET = TRIALS_PER_TARGET.flatMap((count, k) => Array<number>(count).fill(k));
const C = TARGET.length;
/** Movement time course of the condition-independent PC1 and of the target signal. */
const movement = (t: number) => Math.exp(-((t - 3) ** 2) / 10);
/** Label structure of target, fitted by scripts/fit_label_structure.ts. */
const STRUCTURE: LabelStructure = { strength: 0.94, bands: [{ center: 21, width: 0.5, share: 1 }] };

/**
 * Surrogate of Hatsopoulos 2007 M1 center-out reaching (Suresh et al. 2020 Dataset5): single trials,
 * shape (10, 391, 141), smoothed spike counts per 50-ms bin over 0–500 ms after movement onset. The §6.3
 * structured surrogate (datasets.md §3.5, alternative recipe) with the Hatsopoulos knot-table spectrum
 * and Λ = s₁²/ratio₁ with Fig. 6's s₁² = 7700 (centered RMS 0.30), neurons a random rotation of the PCs plus log-normal mean
 * counts (median 0.10, mean ≈ 0.16 ≈ 3.5 Hz·0.05 s·0.867). Planted PC profiles: PC1 the
 * condition-independent movement-onset time course, PC2 a slower one. The 7-dimensional target space
 * (target contrasts within each time step × the movement time course, orthogonal to PC1–2's profiles,
 * which the label rotation therefore leaves in place) is spread over the PCs by the fitted label
 * structure (label_structure.ts): target decoding 0.767 and the Fig. 3 scores. Being Gaussian, values
 * can be negative, unlike real counts. Version 3: within-time contrasts (version 2's plain indicators
 * overlapped PC1's profile, so the rotation scrambled it and CKA reached 0.99 in 72 steps instead of
 * 142) and a refitted structure.
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
    "structured spectrum-matched Gaussian (datasets.md §3.5 alternative, §6.3): Hatsopoulos knot-table spectrum, centered RMS 0.30, random neuron mixing + log-normal means ≈ 0.16; PC1–2 movement time courses; the target space × movement time course spread over PCs by a fitted label structure",
  version: 3,
  structure: STRUCTURE,
  labelRegressors: classRegressors(T, C, TARGET, movement, { withinTime: true }),
  base(seed) {
    const rng = new Rng(seed);
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
        ],
      },
      rng,
    );
  },
};
