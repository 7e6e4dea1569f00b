import { Rng } from "../../random";
import { labelSet } from "../dataset";
import { KNOT_TABLES, spectrumFromKnots } from "../spectra";
import { classRegressors, logNormalMeans, rowValues, SurrogateDefinition } from "./definition";
import type { LabelStructure } from "./label_structure";
import { structuredSurrogate } from "./structured";

const RATIOS = spectrumFromKnots(KNOT_TABLES.Mante2013);
const T = 15;
const C = 72;
const N = 727;
const COHERENCES = [-3, -2, -1, 1, 2, 3];
/** Mixing angle θ of the planted choice, motion and color directions (no reference accuracy to match). */
const THETA = 0.5;
/** Label structure of context, fitted by scripts/fit_label_structure.ts. */
const STRUCTURE: LabelStructure = { strength: 0.8, bands: [{ center: 3.5, width: 0.5, share: 1 }] };

/**
 * The 72 conditions of diffscore's Mante2013 in their order (datasets.md §1.2): tuples
 * (targ_dir, stim_dir, stim_col2dir, context) sorted lexicographically, keeping the correct-choice
 * ones, targ_dir = sign(stim_dir) if context = +1 else sign(stim_col2dir); coherences are the
 * symbolic ±{1, 2, 3} (only their sign and rank survive the label binarization).
 *
 *   manteConditions()[0]; // { targ: -1, motion: -3, color: -3, context: -1 }
 */
export function manteConditions(): { targ: number; motion: number; color: number; context: number }[] {
  const out: { targ: number; motion: number; color: number; context: number }[] = [];
  for (const targ of [-1, 1])
    for (const motion of COHERENCES)
      for (const color of COHERENCES)
        for (const context of [-1, 1]) if ((context === 1 ? Math.sign(motion) : Math.sign(color)) === targ) out.push({ targ, motion, color, context });
  return out;
}

/**
 * Surrogate of Mante et al. 2013 PFC (monkey A), shape (15, 72, 727) in spikes/ms: the §6.3 structured
 * surrogate with the Mante knot-table spectrum and Λ = s₁²/ratio₁ with Fig. 6's s₁² = 15.5 (centered RMS 0.0097, datasets.md
 * §6.2), neurons a random rotation of the PCs plus log-normal mean rates (median 10 Hz). Planted PC
 * profiles over (t, c): PC1 a rising and PC2 a transient condition-independent time course; PC4
 * choice, PC5 signed motion and PC7 signed color coherence, each × the ramp (t + 1)/15 and mixed with
 * noise at θ = 0.5 (no reference accuracy). Context (constant over time: the context cue precedes the
 * dots) is spread over the PCs by the fitted label structure (label_structure.ts), which sets both the
 * neural decoding accuracy (0.886) and the scores at which each measure's Y decodes it (Fig. 3).
 */
export const MANTE_2013: SurrogateDefinition = {
  id: "Mante2013",
  shape: [T, C, N],
  labels: (() => {
    const conditions = manteConditions();
    return [
      labelSet("gt_choice", conditions.map((c) => (c.targ === -1 ? 2 : 1))),
      labelSet("coh_mod1", conditions.map((c) => (c.motion < 0 ? 0 : 1))),
      labelSet("coh_mod2", conditions.map((c) => (c.color < 0 ? 0 : 1))),
      labelSet("context", conditions.map((c) => c.context)),
    ];
  })(),
  ratios: RATIOS,
  primaryLabel: "context",
  referenceAccuracy: 0.886,
  units: "spikes/ms (trial-averaged counts per 1-ms sample, averaged in 50-ms bins)",
  citation: "Mante, Sussillo, Shenoy & Newsome 2013, Nature 503:78 (PFC, monkey A)",
  preprocessing:
    "diffscore Mante2013: correct trials of each (targ_dir, stim_dir, stim_col2dir, context) condition averaged, 50-ms bins over 100–850 ms after dots onset, units with all 72 conditions (727)",
  recipe:
    "structured spectrum-matched Gaussian (datasets.md §6.3): Mante knot-table spectrum, centered RMS 0.0097 spikes/ms, random neuron mixing + log-normal mean rates; PC1–2 condition-independent time courses, PC4 choice, PC5 motion, PC7 color; context spread over PCs by a fitted label structure",
  version: 2,
  structure: STRUCTURE,
  labelRegressors: classRegressors(T, C, manteConditions().map((c) => c.context), () => 1),
  base(seed) {
    const rng = new Rng(seed);
    const conditions = manteConditions();
    const ramp = (t: number) => (t + 1) / T;
    return structuredSurrogate(
      {
        rows: T * C,
        neurons: N,
        ratios: RATIOS,
        totalSumOfSquares: 15.5 / RATIOS[0],
        neuronMixing: "random",
        means: logNormalMeans(N, 0.01, 0.5, rng),
        directions: [
          { name: "rise", values: rowValues(T, C, (t) => 1 - Math.exp(-t / 4)), rank: 1 },
          { name: "transient", values: rowValues(T, C, (t) => Math.exp(-((t - 3) ** 2) / 8)), rank: 2 },
          { name: "choice", values: rowValues(T, C, (t, c) => conditions[c].targ * ramp(t)), rank: 4, theta: THETA },
          { name: "motion", values: rowValues(T, C, (t, c) => conditions[c].motion * ramp(t)), rank: 5, theta: THETA },
          { name: "color", values: rowValues(T, C, (t, c) => conditions[c].color * ramp(t)), rank: 7, theta: THETA },
        ],
      },
      rng,
    );
  },
};
