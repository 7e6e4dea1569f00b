/**
 * Biased vs unbiased HSIC: the score of independent random data against the ratio samples/features,
 * mean ± standard deviation per measure (data from scoresOnIndependentData).
 *
 *   await showFigure(independentScoresFigure(rows, dataCaption([{ id: "N(0, 1) pairs", source: "synthetic", seed: 0 }])));
 */
import type { IndependentScore } from "../analysis/independent-scores";
import type { Figure, Trace } from "../display/figure-spec";
import { InputError } from "../errors";
import { figureTitle } from "./caption";
import { measureStyle } from "./style";

/**
 * One line with error bars per measure; log x (n/d), a dotted line at 0 (the value without bias).
 *
 *   independentScoresFigure(rows, caption).data.length   // number of measures
 */
export function independentScoresFigure(rows: IndependentScore[], caption: string): Figure {
  if (!Array.isArray(rows) || rows.length === 0) throw new InputError("rows", "rows of scoresOnIndependentData", `got ${JSON.stringify(rows)?.slice(0, 60)}`);
  const measures = [...new Set(rows.map((r) => r.measure))];
  const data: Trace[] = measures.map((m) => {
    const mine = rows.filter((r) => r.measure === m).sort((a, b) => a.ratio - b.ratio);
    const { label, color } = measureStyle(m);
    return {
      type: "scatter",
      mode: "lines+markers",
      name: m === "cka-hsic_song" ? "CKA, unbiased HSIC (cka-hsic_song)" : m === "cka" ? "CKA, biased HSIC (cka)" : label,
      x: mine.map((r) => r.ratio),
      y: mine.map((r) => r.mean),
      error_y: { type: "data", array: mine.map((r) => r.sd), visible: true },
      line: { color },
      marker: { color },
    };
  });
  const features = [...new Set(rows.map((r) => r.features))].join(", ");
  const ratios = [...new Set(rows.map((r) => r.ratio))].sort((a, b) => a - b);
  return {
    data,
    layout: {
      title: figureTitle("Score of independent data: biased vs unbiased HSIC", caption),
      xaxis: { type: "log", title: { text: `samples / features, n/d (d = ${features})` }, tickvals: ratios, ticktext: ratios.map((r) => String(+r.toPrecision(3))) },
      yaxis: { title: { text: "score of independent X, Y (mean ± sd)" }, zeroline: true },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 0, y1: 0, line: { dash: "dot", color: "gray" } }],
      legend: { x: 0.98, xanchor: "right", y: 0.98, bgcolor: "rgba(255,255,255,0.8)" },
      width: 760,
      height: 460,
      margin: { t: 100 },
    },
  };
}
