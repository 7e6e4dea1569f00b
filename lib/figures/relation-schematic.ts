/**
 * Fig. 7a of the paper: the three ways two scores A and B can relate, as shaded regions of the unit
 * square: independent (the whole square), coupled (a lens around the diagonal, x² ≤ y ≤ √x) and
 * asymmetric (y ≤ √x: B ≥ 0.9 forces A ≥ 0.81, A ≥ 0.9 leaves B anywhere in [0, 0.95]).
 *
 *   await showFigure(relationSchematicFigure());
 */
import type { Figure, Trace } from "../display/figure-spec";
import { figureTitle } from "./caption";
import { axisKey, panelAxes, panelTitle } from "./subplots";

const grid = Array.from({ length: 41 }, (_, i) => i / 40);

/** The three outlines, as closed polygons [x[], y[]]. */
const OUTLINES: { name: string; title: string; x: number[]; y: number[] }[] = [
  { name: "independent", title: "independent (any pair)", x: [0, 1, 1, 0, 0], y: [0, 0, 1, 1, 0] },
  { name: "coupled", title: "coupled (each pins the other)", x: [...grid, ...grid.slice().reverse()], y: [...grid.map((t) => t * t), ...grid.slice().reverse().map((t) => Math.sqrt(t))] },
  { name: "asymmetric", title: "asymmetric (high B forces high A)", x: [...grid, 1, 0], y: [...grid.map((t) => Math.sqrt(t)), 0, 0] },
];

/**
 * Three panels with the shaded allowed region of each relation and dashed lines at 0.9.
 *
 *   relationSchematicFigure().data.length   // 3
 */
export function relationSchematicFigure(): Figure {
  const shapes: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: figureTitle("Three relations between two scores (Fig. 7a)", "schematic, no data: the shaded set is what pairs (score A, score B) can take"),
    grid: { rows: 1, columns: 3, pattern: "independent", xgap: 0.22 },
    width: 900,
    height: 400,
    margin: { t: 100 },
    showlegend: false,
    annotations: OUTLINES.map((o, i) => panelTitle(i, o.title)),
    shapes,
  };
  const data: Trace[] = OUTLINES.map((o, i) => {
    const axes = panelAxes(i);
    layout[axisKey("x", i)] = { title: { text: "score A (0–1)" }, range: [0, 1.02], dtick: 0.5 };
    layout[axisKey("y", i)] = { title: { text: "score B (0–1)" }, range: [0, 1.02], dtick: 0.5, scaleanchor: axes.xaxis };
    const dash = { type: "line", line: { dash: "dash", color: "gray", width: 1 }, xref: axes.xaxis, yref: axes.yaxis };
    shapes.push({ ...dash, x0: 0.9, x1: 0.9, y0: 0, y1: 1 }, { ...dash, x0: 0, x1: 1, y0: 0.9, y1: 0.9 });
    return { type: "scatter", mode: "lines", fill: "toself", x: o.x, y: o.y, name: o.name, line: { color: "black", width: 1.5 }, fillcolor: "rgba(100,149,237,0.35)", ...axes };
  });
  return { data, layout };
}
