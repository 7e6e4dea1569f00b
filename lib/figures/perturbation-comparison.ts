/**
 * The "paper | this run" rows of the perturbation-theory notebook (Fig. 6): the end points of §6.3
 * (PC1 decorrelated) and the loss exponents of §6.1 (λ², λ, √λ), from one dataset's curves.
 *
 *   showTable(comparePaper(perturbationEndPointRows("Mante2013", curves)));
 */
import type { PerturbationCurves } from "../analysis/perturbation-curves";
import { powerLawFit } from "../analysis/power-law";
import { InputError } from "../errors";
import type { PaperRow } from "./compare-paper";
import { PAPER_LOSS_EXPONENTS, PAPER_PERTURBATION_END_POINTS, PaperDataset } from "./paper-numbers";

/** Tolerances of the comparisons (absolute): spectrum ratios, scores, exponents. */
export const PERTURBATION_TOLERANCES = { ratio: 0.01, score: 0.02, exponent: 0.1 };

/**
 * Rows comparing the theory at PC1 (and PC2's CKA for MajajHong) with §6.3's table. Needs the curves to
 * hold cka, nbs and procrustes-angular-score.
 *
 *   perturbationEndPointRows("FreemanZiemba2013", curves).map((r) => r.quantity)
 *   // ["FreemanZiemba2013: PC1 variance ratio", "…: CKA, PC1 decorrelated", …]
 */
export function perturbationEndPointRows(dataset: PaperDataset, curves: PerturbationCurves): PaperRow[] {
  const paper = PAPER_PERTURBATION_END_POINTS[dataset];
  if (!paper) throw new InputError("dataset", `one of ${Object.keys(PAPER_PERTURBATION_END_POINTS).join(", ")}`, `got "${dataset}"`);
  const t = (m: "cka" | "nbs" | "procrustes-angular-score", pc = 0) => {
    const values = curves.theory[m];
    if (!values) throw new InputError("curves", `curves with measure ${m}`, `got ${curves.measures.join(", ")}`);
    return values[pc];
  };
  const { ratio, score } = PERTURBATION_TOLERANCES;
  const note = `§6.3; figure read-off ${paper.readOff}`;
  const rows: PaperRow[] = [
    { quantity: `${dataset}: PC1 variance ratio`, paper: paper.pc1Ratio, thisRun: curves.ratio[0], tolerance: ratio },
    { quantity: `${dataset}: CKA, PC1 decorrelated`, paper: paper.cka, thisRun: t("cka"), tolerance: score, note },
    { quantity: `${dataset}: NBS, PC1 decorrelated`, paper: paper.nbs, thisRun: t("nbs"), tolerance: score },
    { quantity: `${dataset}: angular Procrustes, PC1 decorrelated`, paper: paper.procrustes, thisRun: t("procrustes-angular-score"), tolerance: score },
  ];
  if (paper.pc2Ratio !== undefined && paper.ckaPc2 !== undefined) {
    rows.push({ quantity: `${dataset}: PC2 variance ratio`, paper: paper.pc2Ratio, thisRun: curves.ratio[1], tolerance: ratio });
    rows.push({ quantity: `${dataset}: CKA, PC2 decorrelated`, paper: paper.ckaPc2, thisRun: t("cka", 1), tolerance: score });
  }
  return rows;
}

/**
 * Rows comparing the exponent of 1 − score vs the PC's variance ratio (fitted over ratios ≤ maxRatio)
 * with §6.1's 2 (CKA), 1 (NBS), ½ (angular Procrustes): one row for the theory, one for the simulation.
 *
 *   lossExponentRows("FreemanZiemba2013", curves, 0.01)
 */
export function lossExponentRows(dataset: string, curves: PerturbationCurves, maxRatio = 0.01): PaperRow[] {
  const rows: PaperRow[] = [];
  for (const m of ["cka", "nbs", "procrustes-angular-score"] as const) {
    const theory = curves.theory[m];
    const simulated = curves.simulation.simulated[m];
    if (!theory || !simulated) continue;
    const label = m === "procrustes-angular-score" ? "angular Procrustes" : m.toUpperCase();
    rows.push({
      quantity: `${dataset}: exponent of ${label} loss (theory)`,
      paper: PAPER_LOSS_EXPONENTS[m],
      thisRun: powerLawFit(curves.ratio, theory.map((s) => 1 - s), { maxX: maxRatio }).exponent,
      tolerance: PERTURBATION_TOLERANCES.exponent,
      note: `§6.1; PCs with ratio ≤ ${maxRatio}`,
    });
    let fitted = NaN;
    try {
      fitted = powerLawFit(curves.simulation.explainedVarianceRatio, simulated.map((s) => 1 - s), { maxX: maxRatio }).exponent;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
    rows.push({
      quantity: `${dataset}: exponent of ${label} loss (simulation)`,
      paper: PAPER_LOSS_EXPONENTS[m],
      thisRun: fitted,
      tolerance: PERTURBATION_TOLERANCES.exponent,
      note: Number.isNaN(fitted) ? `fewer than two simulated PCs with ratio ≤ ${maxRatio}` : `simulated PCs with ratio ≤ ${maxRatio}`,
    });
  }
  return rows;
}
