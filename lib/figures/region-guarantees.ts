/**
 * "What the pair of scores does and does not guarantee": a model's placements in allowed regions
 * (placeInRegion) as table rows, read with the measures' display names.
 *
 *   showTable(regionGuaranteeRows(placements));
 */
import type { RangeCheck, RegionPlacement } from "../analysis/region-placement";
import { measureStyle } from "./style";

/** A row of the "what the pair of scores does and does not guarantee" table. */
export type RegionGuaranteeRow = {
  pair: string;
  "the model's pair": string;
  given: string;
  "region implies": string;
  "the model": string;
  guarantees: string;
  "does not guarantee": string;
};

const f3 = (v: number) => v.toFixed(3);

/**
 * Two rows per placement: given score B ≥ the model's B, the range of A over the region and where the
 * model's A lies; then the same with A given. "Guarantees" is the lower end of the range (a Y with the
 * given score that high had at least that much of the other) unless the model itself lies below it —
 * then the region, an inner approximation of the feasible set, is too tight there and guarantees nothing;
 * "does not guarantee" is the spread the region leaves.
 *
 *   regionGuaranteeRows([placeInRegion(region, [0.14, 0.26])])[0]["region implies"]   // "CKA ∈ [0.040, 0.620]"
 */
export function regionGuaranteeRows(placements: RegionPlacement[]): RegionGuaranteeRow[] {
  return placements.flatMap((p) => {
    const [nameA, nameB] = p.measures.map((m) => measureStyle(m).label);
    const pair = `${nameB} × ${nameA}`;
    const where = `${nameA} ${f3(p.point[0])}, ${nameB} ${f3(p.point[1])}: ${p.position} the region`;
    return [row(pair, where, nameB, nameA, p.givenB), row(pair, where, nameA, nameB, p.givenA)];
  });
}

function row(pair: string, where: string, given: string, other: string, check: RangeCheck): RegionGuaranteeRow {
  const { min, max, atLeast } = check.implication;
  const head = { pair, "the model's pair": where, given: `${given} ≥ ${f3(atLeast)} (the model's)` };
  const model = `${other} ${f3(check.value)}: ${check.position}`;
  if (check.position === "unknown")
    return { ...head, "region implies": "—", "the model": model, guarantees: `nothing: no optimized Y reached ${given} ≥ ${f3(atLeast)} (more iterations or targets)`, "does not guarantee": "anything" };
  const range = `[${f3(min)}, ${f3(max)}]`;
  const guarantees =
    check.position === "below"
      ? `nothing shown: the model's ${other} is below the region's bound ${f3(min)}, so the region (an inner approximation) is too tight here`
      : `${other} ≥ ${f3(min)} (every optimized Y with ${given} that high)`;
  const missed = check.position === "above" ? `; the model lies above the range: the region misses feasible pairs there` : "";
  return { ...head, "region implies": `${other} ∈ ${range}`, "the model": model, guarantees, "does not guarantee": `where ${other} lies in ${range} (a spread of ${f3(max - min)})${missed}` };
}

/**
 * One line for a summary table: the position in the region and the range of score A given the model's B.
 *
 *   regionSummary(placeInRegion(region, [0.14, 0.26]))   // "inside; Angular Procrustes ≥ 0.260 ⇒ CKA ∈ [0.040, 0.620] (model within)"
 */
export function regionSummary(p: RegionPlacement): string {
  const [nameA, nameB] = p.measures.map((m) => measureStyle(m).label);
  const { min, max, atLeast } = p.givenB.implication;
  const range = p.givenB.position === "unknown" ? "unknown (not reached)" : `[${f3(min)}, ${f3(max)}]`;
  return `${p.position}; ${nameB} ≥ ${f3(atLeast)} ⇒ ${nameA} ∈ ${range} (model ${p.givenB.position})`;
}
