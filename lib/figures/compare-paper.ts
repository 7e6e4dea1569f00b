/**
 * The "paper | this run | agrees?" table of every notebook: each headline number or conclusion of the
 * paper beside this run's, with the tolerance (or the rule) that decides agreement stated in the row.
 *
 *   showTable(comparePaper([
 *     { quantity: "Mante2013 CKA end point", paper: 0.345, thisRun: 0.3451, tolerance: 0.02 },
 *     { quantity: "CKA vs Procrustes", paper: "asymmetric", thisRun: "asymmetric", rule: "same relation", holds: true },
 *   ]), { caption: "Fig. 6: paper vs this run" });
 */
import { InputError } from "../errors";
import { formatNumber } from "../display/table";

/** A number (or a range [low, high]) of the paper against this run's number: agrees when within `tolerance` of it. */
export interface NumericPaperRow {
  quantity: string;
  paper: number | [number, number];
  /** NaN when this run has no value (e.g. a threshold never reached): never agrees. */
  thisRun: number;
  /** Absolute tolerance: agrees when paper_low − tolerance ≤ thisRun ≤ paper_high + tolerance. */
  tolerance: number;
  note?: string;
}

/** A conclusion of the paper against this run's reading, decided by a stated rule. */
export interface RulePaperRow {
  quantity: string;
  paper: number | string;
  thisRun: number | string;
  /** The rule in words, e.g. "Procrustes ≥ 0.9 ⇒ CKA ≥ 0.8". */
  rule: string;
  /** Whether the rule holds for this run. */
  holds: boolean;
  note?: string;
}

export type PaperRow = NumericPaperRow | RulePaperRow;

/** One row of the rendered table (all text; a type alias, so showTable takes it as a record). */
export type ComparisonRow = {
  quantity: string;
  paper: string;
  "this run": string;
  "agrees?": "✓" | "✗";
  "tolerance / rule": string;
  note: string;
};

const isRule = (r: PaperRow): r is RulePaperRow => "rule" in r;

/**
 * Rows ready for showTable: numbers formatted with `digits` decimals, ✓/✗ decided by the tolerance
 * (numeric rows) or taken from `holds` (rule rows), and the tolerance or rule spelled out.
 *
 *   comparePaper([{ quantity: "PC1 ratio", paper: 0.209, thisRun: 0.2092, tolerance: 0.01 }])
 *   // [{ quantity: "PC1 ratio", paper: "0.209", "this run": "0.209", "agrees?": "✓", "tolerance / rule": "± 0.01", note: "" }]
 */
export function comparePaper(rows: PaperRow[], options: { digits?: number } = {}): ComparisonRow[] {
  if (!Array.isArray(rows)) throw new InputError("rows", "an array of { quantity, paper, thisRun, tolerance | rule + holds }", `got ${typeof rows}`);
  const digits = options.digits ?? 3;
  const show = (v: number | string) => (typeof v === "number" ? (Number.isNaN(v) ? "—" : formatNumber(v, digits)) : v);
  return rows.map((row, i) => {
    if (typeof row?.quantity !== "string" || !row.quantity) throw new InputError(`rows[${i}].quantity`, "a non-empty description", `got ${JSON.stringify(row?.quantity)}`);
    if (isRule(row)) {
      if (typeof row.holds !== "boolean" || typeof row.rule !== "string" || !row.rule)
        throw new InputError(`rows[${i}]`, "a rule row { rule: string, holds: boolean }", `got rule ${JSON.stringify(row.rule)}, holds ${JSON.stringify(row.holds)}`);
      return { quantity: row.quantity, paper: show(row.paper), "this run": show(row.thisRun), "agrees?": row.holds ? "✓" : "✗", "tolerance / rule": row.rule, note: row.note ?? "" };
    }
    const [low, high] = Array.isArray(row.paper) ? row.paper : [row.paper, row.paper];
    if (!Number.isFinite(low) || !Number.isFinite(high) || low > high)
      throw new InputError(`rows[${i}].paper`, "a finite number or a range [low, high]", `got ${JSON.stringify(row.paper)}`);
    if (!(row.tolerance >= 0) || !Number.isFinite(row.tolerance)) throw new InputError(`rows[${i}].tolerance`, "a finite tolerance ≥ 0", `got ${row.tolerance}`);
    if (typeof row.thisRun !== "number") throw new InputError(`rows[${i}].thisRun`, "a number (NaN when this run has none)", `got ${JSON.stringify(row.thisRun)}`);
    const agrees = row.thisRun >= low - row.tolerance && row.thisRun <= high + row.tolerance;
    const paper = low === high ? show(low) : `${show(low)}–${show(high)}`;
    return { quantity: row.quantity, paper, "this run": show(row.thisRun), "agrees?": agrees ? "✓" : "✗", "tolerance / rule": `± ${row.tolerance}`, note: row.note ?? "" };
  });
}
