/**
 * One look for every notebook figure: the paper's label and a fixed colour per measure, so a measure
 * has the same colour in every figure of the collection.
 *
 *   measureStyle("procrustes-angular-score")   // { label: "Angular Procrustes", color: "#2ca02c" }
 *   measureStyle("ensd")                        // { label: "ensd", color: <a stable colour of the id> }
 */
import { PAPER_MEASURES } from "./paper-numbers";

const COLORS: Record<string, string> = {
  "procrustes-angular-score": "#2ca02c",
  nbs: "#ff7f0e",
  "cka-angular-score": "#9467bd",
  "ridge-lambda100-r2#5folds_cv": "#d62728",
  cka: "#1f77b4",
  linreg: "#8c564b",
  "cka-hsic_song": "#17becf",
};
const FALLBACK = ["#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896"];

/**
 * Label (the paper's legend name when it has one, else the id) and colour of a measure id.
 *
 *   measureStyle("cka").color   // "#1f77b4"
 */
export function measureStyle(id: string): { label: string; color: string } {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { label: PAPER_MEASURES[id] ?? id, color: COLORS[id] ?? FALLBACK[hash % FALLBACK.length] };
}
