/**
 * Plain-text tables for the benchmark report: columns padded to their widest cell, numbers
 * right-aligned.
 *
 *   console.log(formatTable(["shape", "ms"], [["Mante2013", "12.3"]]));
 */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const numeric = /^[-+×\d.,%()≈ ]+[×%]?$/;
  const line = (cells: string[]) =>
    cells.map((c, j) => (numeric.test(c) ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A number with `digits` decimals, or "—" for null/NaN. */
export function fmt(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(digits);
}
