/**
 * Small-multiple figures with plotly's own `layout.grid`: which axes a panel's traces use, the layout
 * key of each axis, and a panel title placed above the panel (annotation in the panel's axis domain).
 *
 *   const { xaxis, yaxis } = panelAxes(1);             // { xaxis: "x2", yaxis: "y2" }
 *   layout[axisKey("x", 1)] = { title: { text: "variance" }, type: "log" };   // layout.xaxis2
 */
import { InputError } from "../errors";

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0) throw new InputError("index", "a panel index ≥ 0", `got ${index}`);
}

/**
 * Axis references of panel `index` (0-based) for its traces.
 *
 *   panelAxes(0)   // { xaxis: "x", yaxis: "y" }
 */
export function panelAxes(index: number): { xaxis: string; yaxis: string } {
  checkIndex(index);
  const suffix = index === 0 ? "" : String(index + 1);
  return { xaxis: `x${suffix}`, yaxis: `y${suffix}` };
}

/**
 * Layout key of panel `index`'s x or y axis.
 *
 *   axisKey("y", 2)   // "yaxis3"
 */
export function axisKey(axis: "x" | "y", index: number): string {
  checkIndex(index);
  return `${axis}axis${index === 0 ? "" : index + 1}`;
}

/**
 * A title centred above panel `index` (an annotation referring to the panel's axis domain).
 *
 *   layout.annotations = names.map((n, i) => panelTitle(i, n));
 */
export function panelTitle(index: number, text: string): Record<string, unknown> {
  const { xaxis, yaxis } = panelAxes(index);
  return { text: `<b>${text}</b>`, xref: `${xaxis} domain`, yref: `${yaxis} domain`, x: 0.5, y: 1.02, xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } };
}
