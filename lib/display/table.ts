/**
 * Tables for notebooks: a danfo.js DataFrame (or an array of records) rendered as an HTML table with
 * formatted numbers, plus an aligned text table for plain viewers and the command line. danfo itself
 * has no HTML output (its print() writes a box-drawing text table to stdout).
 *
 *   import * as dfd from "danfojs-node";
 *   showTable(new dfd.DataFrame({ measure: ["cka", "nbs"], score: [0.91234, 0.5] }), { digits: 3 });
 */
import { InputError, received } from "../errors";
import { displayBundle } from "./kernel";

/** What showTable reads from a danfo DataFrame (duck-typed: this file does not load danfo). */
export interface DataFrameLike {
  columns: string[];
  /** Row-major rows (danfo types them as a union of 1-D and 2-D arrays; a non-array row is one cell). */
  values: readonly unknown[];
  index?: ArrayLike<string | number>;
}

/** A danfo DataFrame, or rows as records: [{ measure: "cka", score: 0.9 }, …]. */
export type TableInput = DataFrameLike | Record<string, unknown>[];

/** Formatting options of a table. */
export interface TableOptions {
  /** Digits after the decimal point for non-integers (default 3); very large/small values use exponents. */
  digits?: number;
  /** Show the row index (default: only when it is not 0, 1, 2, …). */
  index?: boolean;
  /** Rows shown before eliding the middle (default 40). */
  maxRows?: number;
  /** Caption above the table. */
  caption?: string;
}

interface Cells {
  header: string[];
  rows: string[][];
  numeric: boolean[];
  elidedAfter: number | null;
  omitted: number;
}

function isDataFrame(x: unknown): x is DataFrameLike {
  const d = x as DataFrameLike;
  return typeof d === "object" && d !== null && Array.isArray(d.columns) && Array.isArray(d.values);
}

/**
 * A number as shown in tables: integers in full, others with `digits` decimals, exponent notation
 * below 1e-3 and from 1e6 on; NaN, ±Infinity, null and undefined are spelled out.
 *
 *   formatNumber(0.912345) // "0.912"      formatNumber(12345678.9) // "1.235e+7"     formatNumber(42) // "42"
 */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) throw new InputError("digits", "an integer from 0 to 15", `got ${received(digits)}`);
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(digits) : x.toFixed(digits);
}

/** A cell as text; in a column holding any non-integer, integers get the same decimals (0.500, 1.000). */
function formatCell(v: unknown, digits: number, decimalColumn: boolean): string {
  if (typeof v === "number") return decimalColumn && Number.isInteger(v) && Math.abs(v) < 1e6 ? v.toFixed(digits) : formatNumber(v, digits);
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

function toCells(table: TableInput, options: TableOptions): Cells {
  const digits = options.digits ?? 3;
  let header: string[];
  let body: unknown[][];
  let index: string[];
  if (isDataFrame(table)) {
    header = table.columns.map(String);
    body = Array.from(table.values, (row) => (Array.isArray(row) ? row : [row]));
    index = table.index ? Array.from(table.index, String) : body.map((_, i) => String(i));
  } else if (Array.isArray(table) && table.every((r) => typeof r === "object" && r !== null && !Array.isArray(r))) {
    header = [...new Set(table.flatMap((r) => Object.keys(r)))];
    body = table.map((r) => header.map((h) => r[h]));
    index = body.map((_, i) => String(i));
  } else {
    throw new InputError("table", "a danfo DataFrame or an array of records ({ column: value })", `got ${table === null ? "null" : typeof table}`);
  }
  const showIndex = options.index ?? index.some((v, i) => v !== String(i));
  const maxRows = options.maxRows ?? 40;
  if (!Number.isInteger(maxRows) || maxRows < 2) throw new InputError("maxRows", "an integer ≥ 2", `got ${received(maxRows)}`);
  const keep = body.length > maxRows ? [...body.keys()].filter((i) => i < Math.ceil(maxRows / 2) || i >= body.length - Math.floor(maxRows / 2)) : [...body.keys()];
  const numeric = header.map((_, c) => body.length > 0 && body.every((r) => typeof r[c] === "number" || r[c] === null || r[c] === undefined));
  const decimal = header.map((_, c) => body.some((r) => typeof r[c] === "number" && Number.isFinite(r[c]) && !Number.isInteger(r[c])));
  const rows = keep.map((i) => [...(showIndex ? [index[i]] : []), ...header.map((_, c) => formatCell(body[i][c], digits, decimal[c]))]);
  return {
    header: showIndex ? ["", ...header] : header,
    rows,
    numeric: showIndex ? [false, ...numeric] : numeric,
    elidedAfter: body.length > maxRows ? Math.ceil(maxRows / 2) : null,
    omitted: body.length - keep.length,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * HTML table (class "diffsim-table dataframe", numbers right-aligned, long tables elided in the middle).
 *
 *   tableHtml([{ measure: "cka", score: 0.91234 }]) // '<table class="diffsim-table dataframe">…<td …>0.912</td>…'
 */
export function tableHtml(table: TableInput, options: TableOptions = {}): string {
  const t = toCells(table, options);
  const align = (c: number) => (t.numeric[c] ? ' style="text-align:right"' : ' style="text-align:left"');
  const head = `<thead><tr>${t.header.map((h, c) => `<th${align(c)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`;
  const line = (row: string[]) => `<tr>${row.map((v, c) => `<td${align(c)}>${escapeHtml(v)}</td>`).join("")}</tr>`;
  const rows = t.rows.map(line);
  if (t.elidedAfter !== null) rows.splice(t.elidedAfter, 0, `<tr><td colspan="${t.header.length}" style="text-align:center">… ${t.omitted} more rows …</td></tr>`);
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "";
  return `<table class="diffsim-table dataframe">${caption}${head}<tbody>${rows.join("")}</tbody></table>`;
}

/**
 * Aligned plain-text table (the text/plain form, and what the command line shows).
 *
 *   console.log(tableText([{ measure: "cka", score: 0.91234 }]))
 *   // measure  score
 *   // cka      0.912
 */
export function tableText(table: TableInput, options: TableOptions = {}): string {
  const t = toCells(table, options);
  const widths = t.header.map((h, c) => Math.max(h.length, ...t.rows.map((r) => r[c].length)));
  const line = (row: string[]) => row.map((v, c) => (t.numeric[c] ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join("  ").trimEnd();
  const lines = t.rows.map(line);
  if (t.elidedAfter !== null) lines.splice(t.elidedAfter, 0, `… ${t.omitted} more rows …`);
  return [...(options.caption ? [options.caption] : []), line(t.header), ...lines].join("\n");
}

/**
 * Shows a table as the output of the current notebook cell (HTML, with text/plain beside it);
 * outside a kernel prints the text table.
 *
 *   showTable(df.groupby(["measure"]).agg({ score: "mean" }), { digits: 2, caption: "mean score" });
 */
export function showTable(table: TableInput, options: TableOptions = {}): void {
  const html = tableHtml(table, options);
  const text = tableText(table, options);
  if (!displayBundle({ "text/html": html, "text/plain": text })) console.log(text);
}
