/**
 * What subcommands print on stdout: JSON lines for programs, aligned tables for people.
 *
 *   printJsonLines([{ id: "cka", range: [0, 1] }]);   // {"id":"cka","range":[0,1]}
 *   printTable([{ measure: "cka", score: 0.91 }]);     // measure  score\ncka      0.910
 */
import { tableText } from "../display/table";

/** JSON.stringify that keeps ±Infinity and NaN readable instead of null: toJson({ range: [0, Infinity] }) = '{"range":[0,"Infinity"]}'. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

/** One JSON object per line on stdout: printJsonLines(store.list()). */
export function printJsonLines(records: readonly unknown[]): void {
  process.stdout.write(records.map((r) => `${toJson(r)}\n`).join(""));
}

/** An aligned text table of all rows on stdout (numbers with `digits` decimals, default 4). */
export function printTable(rows: Record<string, unknown>[], digits = 4): void {
  console.log(tableText(rows, { digits, maxRows: Math.max(2, rows.length) }));
}
