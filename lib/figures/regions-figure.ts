/**
 * Fig. 7b of the paper: allowed regions of two scores, one panel per pair: every target's trajectory,
 * the polygon through the reached points (the empirical region), the targets, dashed lines at 0.9.
 *
 *   await showFigure(regionsFigure(regions, dataCaption([{ id: "ultrametric", source: "toy", seed: 0 }], "N = 4, 200 steps")));
 */
import type { AllowedRegion } from "../analysis/regions";
import type { Figure, Trace } from "../display/figure-spec";
import { InputError } from "../errors";
import { figureTitle } from "./caption";
import { measureStyle } from "./style";
import { axisKey, panelAxes, panelTitle } from "./subplots";

/**
 * One panel per region (x = score A, y = score B), square axes from min(−0.05, lowest value) to 1.05.
 *
 *   regionsFigure([region], "data: ultrametric (toy, seed 0)").data.length   // targets + trajectories + polygon
 */
export function regionsFigure(regions: AllowedRegion[], caption: string, options: { level?: number } = {}): Figure {
  if (!Array.isArray(regions) || regions.length === 0) throw new InputError("regions", "at least one AllowedRegion", `got ${JSON.stringify(regions)?.slice(0, 60)}`);
  const level = options.level ?? 0.9;
  const data: Trace[] = [];
  const shapes: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: figureTitle("Allowed regions of two scores (Fig. 7b)", caption),
    grid: { rows: 1, columns: regions.length, pattern: "independent", xgap: 0.2 },
    width: 330 * regions.length + 120,
    height: 480,
    margin: { t: 140 },
    legend: { orientation: "h", y: -0.22 },
    annotations: regions.map((r, i) => panelTitle(i, `${measureStyle(r.measures[1]).label}<br>vs ${measureStyle(r.measures[0]).label}`)),
    shapes,
  };
  regions.forEach((region, i) => {
    const axes = panelAxes(i);
    const first = i === 0;
    const trajectories = region.runs.flatMap((run) => [...run.path, [NaN, NaN]]);
    data.push({ type: "scatter", mode: "lines", x: trajectories.map((p) => p[0]), y: trajectories.map((p) => p[1]), name: "trajectory to a target", legendgroup: "traj", showlegend: first, line: { color: "cornflowerblue", width: 1 }, opacity: 0.6, connectgaps: false, ...axes });
    data.push({ type: "scatter", mode: "markers", x: region.targets.map((t) => t[0]), y: region.targets.map((t) => t[1]), name: "target", legendgroup: "targets", showlegend: first, marker: { color: "lightpink", size: 9 }, ...axes });
    const closed = [...region.polygon, region.polygon[0]];
    data.push({ type: "scatter", mode: "lines+markers", x: closed.map((p) => p[0]), y: closed.map((p) => p[1]), name: "allowed region (reached points)", legendgroup: "region", showlegend: first, line: { color: "black", width: 2 }, marker: { color: "black", size: 6 }, ...axes });
    const values = region.runs.flatMap((r) => r.path.flat()).concat(region.polygon.flat());
    const low = Math.min(-0.05, ...values.filter(Number.isFinite)) - 0.02;
    const range = [low, 1.05];
    layout[axisKey("x", i)] = { title: { text: `${measureStyle(region.measures[0]).label} (score A)` }, range, zeroline: false };
    layout[axisKey("y", i)] = { title: { text: `${measureStyle(region.measures[1]).label} (score B)` }, range, scaleanchor: axes.xaxis, zeroline: false };
    const dash = { type: "line", line: { dash: "dash", color: "gray", width: 1 }, xref: axes.xaxis, yref: axes.yaxis };
    shapes.push({ ...dash, x0: level, x1: level, y0: low, y1: 1.05 }, { ...dash, x0: low, x1: 1.05, y0: level, y1: level });
  });
  return { data, layout };
}
