/**
 * Fig. 6 of the paper: score of X against X with one PC decorrelated, vs the variance of that PC;
 * theory lines and simulated dots for CKA, NBS and angular Procrustes, one panel per dataset.
 *
 *   await showFigure(perturbationFigure([{ data: { id: "Mante2013", source: "surrogate", seed: 0 }, curves }]));
 */
import type { PerturbationCurves } from "../analysis/perturbation-curves";
import type { Figure, Trace } from "../display/figure-spec";
import { InputError } from "../errors";
import { DataUsed, dataCaption, figureTitle } from "./caption";
import { measureStyle } from "./style";
import { axisKey, panelAxes, panelTitle } from "./subplots";

/** One dataset's panel: its curves and what data they came from. */
export interface PerturbationPanel {
  data: DataUsed;
  curves: PerturbationCurves;
}

/**
 * The Fig. 6 figure: `columns` panels per row (default 3), log x (variance of the perturbed PC in the
 * data's units²), score on y; a legend entry per measure for the theory line and for the dots.
 *
 *   perturbationFigure(panels, { columns: 5 }).layout.grid   // { rows: 1, columns: 5, pattern: "independent" }
 */
export function perturbationFigure(panels: PerturbationPanel[], options: { columns?: number; construction?: string } = {}): Figure {
  if (!Array.isArray(panels) || panels.length === 0) throw new InputError("panels", "at least one { data, curves } panel", `got ${JSON.stringify(panels)?.slice(0, 60)}`);
  const columns = Math.min(options.columns ?? 3, panels.length);
  const rows = Math.ceil(panels.length / columns);
  const data: Trace[] = [];
  const layout: Record<string, unknown> = {
    title: figureTitle(
      "Score when one PC is decorrelated vs the variance of that PC (Fig. 6)",
      dataCaption(panels.map((p) => p.data), `lines: theory (paper §6.1); dots: simulation (${options.construction ?? "random profile"})`),
    ),
    grid: { rows, columns, pattern: "independent", ygap: 0.35, xgap: 0.12 },
    height: 300 * rows + 140,
    width: 1050,
    margin: { t: 150 },
    legend: { orientation: "h", y: -0.12 },
    annotations: panels.map((p, i) => panelTitle(i, p.data.id)),
  };
  panels.forEach((panel, i) => {
    const axes = panelAxes(i);
    const { curves } = panel;
    for (const m of curves.measures) {
      const { label, color } = measureStyle(m);
      data.push({ type: "scatter", mode: "lines", x: curves.variance, y: curves.theory[m], name: `${label} (theory)`, legendgroup: `${m}-t`, showlegend: i === 0, line: { color, width: 2 }, ...axes });
      data.push({
        type: "scatter",
        mode: "markers",
        x: curves.simulation.variance,
        y: curves.simulation.simulated[m],
        name: `${label} (simulation)`,
        legendgroup: `${m}-s`,
        showlegend: i === 0,
        marker: { color, size: 6, symbol: "circle-open", line: { width: 1.5 } },
        ...axes,
      });
    }
    const positive = curves.variance.filter((v) => v > 0);
    const decades = Math.log10(Math.max(...positive) / Math.min(...positive));
    // a short log range gets plotly's 2/5 minor labels unless ticks are pinned to whole decades
    layout[axisKey("x", i)] = { type: "log", title: { text: "variance of perturbed PC (units²)" }, exponentformat: "power", ...(decades < 4 ? { dtick: 1 } : {}) };
    layout[axisKey("y", i)] = { title: { text: "score" }, range: [0, 1.02] };
  });
  return { data, layout };
}
