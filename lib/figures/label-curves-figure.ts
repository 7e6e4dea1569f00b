/**
 * Small multiples of decoding curves of several task variables (Fig. S2: one panel per ridge λ, one
 * colour per label, each label's neural reference as a dashed line of its colour).
 *
 *   await showFigure(labelCurvesFigure([{ title: "λ = 1", curves }], references, [{ id: "siegel15-…", source: "surrogate" }]));
 */
import type { NeuralDecoding } from "../analysis/decoding-reference";
import type { Figure, Trace } from "../display/figure-spec";
import { InputError } from "../errors";
import { DataUsed, dataCaption, figureTitle } from "./caption";
import type { DecodingCurve } from "./decoding-vs-score";
import { axisKey, panelAxes, panelTitle } from "./subplots";

const LABEL_COLORS = ["#7f7f7f", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

/**
 * One panel per entry of `panels` (its curves, any labels and seeds), colours by label (the first label
 * grey, as the paper's context curve), dashed neural reference per label from `references[label]`.
 *
 *   labelCurvesFigure(lambdas.map((l) => ({ title: `λ = ${l}`, curves: byLambda[l] })), refs, dataUsed, { title: "Fig. S2" })
 */
export function labelCurvesFigure(panels: { title: string; curves: DecodingCurve[] }[], references: Record<string, NeuralDecoding>, data: DataUsed[], options: { title?: string; extraCaption?: string; columns?: number } = {}): Figure {
  if (!Array.isArray(panels) || panels.length === 0) throw new InputError("panels", "at least one { title, curves } panel", "got none");
  const labels = [...new Set(panels.flatMap((p) => p.curves.map((c) => c.label)))];
  const missing = labels.find((l) => !references[l]);
  if (missing) throw new InputError("references", "the neural decoding of every label of the curves", `none for "${missing}"`);
  const color = (label: string) => LABEL_COLORS[labels.indexOf(label) % LABEL_COLORS.length];
  const columns = Math.min(options.columns ?? 3, panels.length);
  const rows = Math.ceil(panels.length / columns);
  const data_: Trace[] = [];
  const layout: Record<string, unknown> = {
    title: figureTitle(options.title ?? "Decoding accuracy of each task variable vs score", dataCaption(data, `${options.extraCaption ? `${options.extraCaption}; ` : ""}dashed: neural data, one per task variable`)),
    grid: { rows, columns, pattern: "independent", ygap: 0.4, xgap: 0.1 },
    height: 300 * rows + 160,
    width: 1050,
    margin: { t: 150 },
    legend: { x: 1.02, y: 1, title: { text: "task variable<br>(solid: Y, dashed: neural)" } },
    annotations: panels.map((p, i) => panelTitle(i, p.title)),
  };
  panels.forEach((panel, i) => {
    const axes = panelAxes(i);
    for (const c of panel.curves)
      data_.push({ type: "scatter", mode: "lines", x: c.scores, y: c.accuracies, name: c.label, legendgroup: c.label, showlegend: false, line: { color: color(c.label), width: 1.5 }, hovertemplate: `${c.label}, seed ${c.seed}<br>score %{x:.3f}<br>accuracy %{y:.3f}<extra></extra>`, ...axes });
    for (const label of labels)
      data_.push({ type: "scatter", mode: "lines", x: [0, 1], y: [references[label].accuracy, references[label].accuracy], name: `${label} (neural data)`, legendgroup: label, showlegend: false, line: { color: color(label), dash: "dash", width: 1 }, hoverinfo: "skip", ...axes });
    layout[axisKey("x", i)] = { title: { text: "score (unitless)" }, range: [0, 1] };
    layout[axisKey("y", i)] = { title: { text: "decoding accuracy" } };
  });
  // one legend entry per label (solid: synthetic Y; dashed: neural data) on the first panel's axes
  for (const label of labels) data_.push({ type: "scatter", mode: "lines", x: [null], y: [null], name: label, legendgroup: label, line: { color: color(label) }, ...panelAxes(0) });
  return { data: data_, layout };
}
