/**
 * The "paper | this run | agrees?" tables of the notebooks: each row a headline number or conclusion
 * of the paper beside this run's value, with the tolerance used to call it agreement.
 *
 *   showTable(paperComparison([
 *     { quantity: "CKA at score 0.90: R² of PC1", paper: 0.93, thisRun: 0.915, tolerance: 0.05 },
 *     { quantity: "order of PC2 capture", paper: "Procrustes < ridge < CKA", thisRun: "Procrustes < ridge < CKA", agrees: true },
 *   ]), { caption: "Fig. 2: paper vs this run" });
 */
import { InputError } from "../errors";

/** One comparison: a number with an absolute tolerance, or a statement whose agreement the caller decides. */
export interface PaperCheck {
  quantity: string;
  paper: number | string;
  thisRun: number | string;
  /** Absolute tolerance for numbers: agrees when |paper − this run| ≤ tolerance. */
  tolerance?: number;
  /** For statements (strings): whether this run shows the paper's conclusion. */
  agrees?: boolean;
}

/** A row of the table: the values as shown (numbers to 3 decimals); a type alias, so showTable takes it. */
export type PaperComparisonRow = {
  quantity: string;
  paper: string;
  "this run": string;
  tolerance: string;
  "agrees?": "yes" | "no";
};

const show = (v: number | string): string => (typeof v === "number" ? (Number.isNaN(v) ? "not reached" : v.toFixed(3)) : v);

/**
 * Table rows for showTable: numeric rows agree within ± tolerance (a NaN from this run, e.g. a level
 * never reached, does not); statement rows carry their own `agrees`.
 *
 *   paperComparison([{ quantity: "x", paper: 0.89, thisRun: 0.892, tolerance: 0.03 }])[0]["agrees?"]   // "yes"
 */
export function paperComparison(checks: PaperCheck[]): PaperComparisonRow[] {
  return checks.map((c) => {
    let agrees: boolean;
    if (typeof c.paper === "number" && typeof c.thisRun === "number") {
      if (!(typeof c.tolerance === "number" && c.tolerance >= 0)) throw new InputError(`tolerance of "${c.quantity}"`, "a number ≥ 0 for a numeric comparison", `got ${c.tolerance}`);
      agrees = Math.abs(c.paper - c.thisRun) <= c.tolerance;
    } else {
      if (typeof c.agrees !== "boolean") throw new InputError(`agrees of "${c.quantity}"`, "true or false for a comparison of statements", `got ${c.agrees}`);
      agrees = c.agrees;
    }
    return { quantity: c.quantity, paper: show(c.paper), "this run": show(c.thisRun), tolerance: c.tolerance !== undefined ? `± ${c.tolerance}` : "—", "agrees?": agrees ? "yes" : "no" };
  });
}
