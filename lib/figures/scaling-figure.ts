/**
 * The λ², λ, √λ scaling of Fig. 6 on log-log axes: score lost (1 − score) when one PC is decorrelated
 * vs that PC's explained-variance ratio, theory lines, simulated dots and the fitted exponents.
 *
 *   await showFigure(scalingFigure({ id: "FreemanZiemba2013", source: "surrogate", seed: 0 }, curves, { maxRatio: 0.01 }));
 */
import type { PerturbationCurves } from "../analysis/perturbation-curves";
import { powerLawFit } from "../analysis/power-law";
import type { Figure, Trace } from "../display/figure-spec";
import { DataUsed, dataCaption, figureTitle } from "./caption";
import { measureStyle } from "./style";

/**
 * Log-log figure of the score loss; the legend gives the exponent fitted to the theory over the
 * small-variance PCs (ratio ≤ maxRatio, default 0.01), a dashed line shows that power law.
 *
 *   scalingFigure(data, curves).data.length   // 3 traces per measure
 */
export function scalingFigure(data: DataUsed, curves: PerturbationCurves, options: { maxRatio?: number } = {}): Figure {
  const maxRatio = options.maxRatio ?? 0.01;
  const traces: Trace[] = [];
  for (const m of curves.measures) {
    const { label, color } = measureStyle(m);
    const loss = (curves.theory[m] as number[]).map((s) => 1 - s);
    const fit = powerLawFit(curves.ratio, loss, { maxX: maxRatio });
    traces.push({ type: "scatter", mode: "lines", x: curves.ratio, y: loss, name: `${label}: theory`, line: { color, width: 2 } });
    traces.push({
      type: "scatter",
      mode: "markers",
      x: curves.simulation.explainedVarianceRatio,
      y: (curves.simulation.simulated[m] as number[]).map((s) => 1 - s),
      name: `${label}: simulation`,
      marker: { color, size: 6, symbol: "circle-open", line: { width: 1.5 } },
    });
    const ends = [Math.min(...curves.ratio.filter((r) => r > 0)), maxRatio];
    traces.push({
      type: "scatter",
      mode: "lines",
      x: ends,
      y: ends.map((r) => fit.prefactor * r ** fit.exponent),
      name: `${label}: fit ∝ ratio^${fit.exponent.toFixed(2)}`,
      line: { color, dash: "dash", width: 1 },
    });
  }
  return {
    data: traces,
    layout: {
      title: figureTitle("Score lost when one PC is decorrelated: λ², λ and √λ scaling", dataCaption([data], `fits over PCs with ratio ≤ ${maxRatio}`)),
      xaxis: { type: "log", title: { text: "explained-variance ratio of the perturbed PC, λᵢ/Σλ (dimensionless)" }, exponentformat: "power" },
      yaxis: { type: "log", title: { text: "score lost, 1 − score (dimensionless)" }, exponentformat: "power" },
      height: 500,
      width: 820,
      margin: { t: 100 },
    },
  };
}
