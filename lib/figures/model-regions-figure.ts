/**
 * A model's pairs of scores in the allowed regions of Fig. 7b: regionsFigure's panels (trajectories,
 * targets, the polygon of reached points) with the model's (score A, score B) as a star on each.
 *
 *   await showFigure(modelRegionsFigure(regions, regions.map((r, i) => placeInRegion(r, points[i])), caption));
 */
import type { RegionPlacement } from "../analysis/region-placement";
import type { AllowedRegion } from "../analysis/regions";
import type { Figure } from "../display/figure-spec";
import { InputError } from "../errors";
import { figureTitle } from "./caption";
import { regionsFigure } from "./regions-figure";
import { panelAxes } from "./subplots";

/**
 * regionsFigure(regions, caption) titled "The model in the allowed regions (Fig. 7b)" (20 px taller per
 * caption line beyond the first), plus one star per panel at placements[i].point (hover: inside/outside
 * and both implied ranges). placements[i] must be the placement in regions[i] (same measures).
 *
 *   modelRegionsFigure([region], [placeInRegion(region, [0.14, 0.26])], "data: siegel… (surrogate, seed 0)").data.at(-1).name   // "the model"
 */
export function modelRegionsFigure(regions: AllowedRegion[], placements: RegionPlacement[], caption: string, options: { level?: number } = {}): Figure {
  if (!Array.isArray(placements) || !Array.isArray(regions) || placements.length !== regions.length)
    throw new InputError("placements", "one RegionPlacement per region (placeInRegion(regions[i], point))", `got ${Array.isArray(placements) ? placements.length : typeof placements} for ${Array.isArray(regions) ? regions.length : typeof regions} regions`);
  placements.forEach((p, i) => {
    if (p?.measures?.join() !== regions[i].measures.join())
      throw new InputError("placements", `placement ${i} in the region of ${regions[i].measures.join(" × ")}`, `got ${p?.measures?.join(" × ")}`);
  });
  const fig = regionsFigure(regions, caption, options);
  const title = figureTitle("The model in the allowed regions (Fig. 7b)", caption);
  const extraLines = title.subtitle.text.split("<br>").length - 1; // regionsFigure's top margin holds one caption line
  const layout = fig.layout ?? {};
  fig.layout = { ...layout, title, margin: { t: 140 + 20 * extraLines }, height: Number(layout.height) + 20 * extraLines };
  placements.forEach((p, i) => {
    fig.data.push({
      type: "scatter",
      mode: "markers",
      x: [p.point[0]],
      y: [p.point[1]],
      name: "the model",
      legendgroup: "model",
      showlegend: i === 0,
      marker: { symbol: "star", size: 18, color: "gold", line: { color: "black", width: 1 } },
      text: [`${p.position} the region<br>${p.givenA.statement}<br>${p.givenB.statement}`],
      hovertemplate: "the model (%{x:.3f}, %{y:.3f}): %{text}<extra></extra>",
      ...panelAxes(i),
    });
  });
  return fig;
}
