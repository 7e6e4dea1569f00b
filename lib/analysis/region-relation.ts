/**
 * Which of the three relations of paper Fig. 7a an empirical allowed region shows: independent (a high
 * value of either score leaves the other free), coupled (each forces the other up) or asymmetric (a
 * high value of one forces the other up, not vice versa).
 */
import { InputError } from "../errors";
import { AllowedRegion, Implication, impliedBound } from "./regions";

/** The relation read off a region, with the two implications it rests on. */
export interface RegionRelation {
  relation: "independent" | "coupled" | "asymmetric" | "undetermined";
  /** For "asymmetric": the score whose high values force the other up ("A" = x, "B" = y). */
  constraining?: "A" | "B";
  /** Range of B over the region where A ≥ level, and of A where B ≥ level. */
  givenA: Implication;
  givenB: Implication;
  /** One sentence, e.g. "asymmetric: procrustes-angular-score ≥ 0.9 forces cka ≥ 0.84; cka ≥ 0.9 leaves … in [0.46, 1.00]". */
  statement: string;
}

/**
 * Classifies a region from impliedBound at `level` (default 0.9): given A ≥ level, B ranges over
 * [min, max]; the other score is *constrained* when that range is narrower than `wide` (default 0.3).
 * Both constrained: coupled; neither: independent; one: asymmetric (that one constrains). No reached
 * point at the level on either side: undetermined (the optimization did not get there).
 *
 *   classifyRelation(allowedRegion(X, "cka", "procrustes-angular-score")).relation   // "asymmetric", constraining "B"
 */
export function classifyRelation(region: AllowedRegion, options: { level?: number; wide?: number } = {}): RegionRelation {
  const level = options.level ?? 0.9;
  const wide = options.wide ?? 0.3;
  if (!(wide > 0)) throw new InputError("wide", "a positive width of score range", `got ${wide}`);
  const givenA = impliedBound(region, "A", level);
  const givenB = impliedBound(region, "B", level);
  const [nameA, nameB] = region.measures;
  const range = (i: Implication) => `[${i.min.toFixed(2)}, ${i.max.toFixed(2)}]`;
  const detail = `${nameA} ≥ ${level} ⇒ ${nameB} ∈ ${range(givenA)}; ${nameB} ≥ ${level} ⇒ ${nameA} ∈ ${range(givenB)}`;
  if (Number.isNaN(givenA.min) || Number.isNaN(givenB.min))
    return { relation: "undetermined", givenA, givenB, statement: `undetermined: no reached point has ${Number.isNaN(givenA.min) ? nameA : nameB} ≥ ${level}` };
  const constrainsB = givenA.max - givenA.min < wide; // high A pins B
  const constrainsA = givenB.max - givenB.min < wide; // high B pins A
  if (constrainsA && constrainsB) return { relation: "coupled", givenA, givenB, statement: `coupled: ${detail}` };
  if (!constrainsA && !constrainsB) return { relation: "independent", givenA, givenB, statement: `independent: ${detail}` };
  const constraining = constrainsA ? "B" : "A";
  return { relation: "asymmetric", constraining, givenA, givenB, statement: `asymmetric (high ${constraining === "A" ? nameA : nameB} forces the other up): ${detail}` };
}
