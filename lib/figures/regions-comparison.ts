/**
 * The "paper | this run" rows of the joint-score-bounds notebook (Fig. 7): for each allowed region whose
 * pair the paper shows (angular Procrustes against CKA, linear regression, ridge CV), the relation read
 * off this run's region against §7.2's, and the paper's remark that in-sample R² never reaches 0.
 *
 *   showTable(comparePaper(regionComparisonRows(regions)));
 */
import { classifyRelation } from "../analysis/region-relation";
import type { AllowedRegion } from "../analysis/regions";
import type { PaperRow } from "./compare-paper";
import { PAPER_REGION_CONCLUSIONS } from "./paper-numbers";
import { measureStyle } from "./style";

/**
 * Rule rows: "same relation (and same constraining score)" at `level` (default 0.9) with the range
 * width `wide` (default 0.3) that separates a constrained score from a free one; plus, for linreg, the
 * lowest R² reached (rule: > 0). Regions of pairs the paper does not show are skipped.
 *
 *   regionComparisonRows([ckaRegion])[0].holds   // true when this run's region is asymmetric, Procrustes constraining
 */
export function regionComparisonRows(regions: AllowedRegion[], options: { level?: number; wide?: number } = {}): PaperRow[] {
  const level = options.level ?? 0.9;
  const wide = options.wide ?? 0.3;
  const rows: PaperRow[] = [];
  for (const region of regions) {
    const paper = PAPER_REGION_CONCLUSIONS.find((c) => c.measure === region.measures[0] && region.measures[1] === "procrustes-angular-score");
    if (!paper) continue;
    const found = classifyRelation(region, { level, wide });
    const name = (c: "A" | "B" | undefined) => (c ? measureStyle(region.measures[c === "A" ? 0 : 1]).label : "");
    const describe = (relation: string, constraining?: "A" | "B") => (relation === "asymmetric" ? `asymmetric (high ${name(constraining)} forces the other up)` : relation);
    rows.push({
      quantity: `Angular Procrustes vs ${measureStyle(paper.measure).label}: relation`,
      paper: describe(paper.relation, paper.constraining),
      thisRun: describe(found.relation, found.constraining),
      rule: `same relation; a score is forced up when its range over {other ≥ ${level}} is narrower than ${wide}`,
      holds: found.relation === paper.relation && found.constraining === paper.constraining,
      note: found.statement.replace(/^[^:]*: /, ""),
    });
    if (paper.measure === "linreg") {
      const lowest = Math.min(...region.polygon.map((p) => p[0]));
      rows.push({ quantity: "Linear Regression: lowest R² reached", paper: "> 0 (random regressors explain some variance)", thisRun: lowest, rule: "lowest R² > 0.02", holds: lowest > 0.02 });
    }
  }
  return rows;
}
