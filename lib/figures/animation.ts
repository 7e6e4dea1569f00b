/**
 * Paper Fig. 1 as a plotly animation: the reference X beside snapshots of Y along the optimization of
 * several measures, frame by frame, with a play button and a step slider (frames precomputed, so it
 * plays in any viewer without a kernel). Frame j shows, for every measure, the first recorded Y whose
 * score reached level j: the panels are compared at equal scores.
 *
 *   const runs = ["cka", "procrustes-angular-score"].map((m) => ({ label: m, result: optimize(X, m, { snapshots: true, stopScore: 0.99 }) }));
 *   await showFigure(optimizationAnimation(toy2d(), runs, { frames: 21 }));
 */
import type { Dataset } from "../data/types";
import type { Figure, Trace } from "../display/figure-spec";
import { InputError } from "../errors";
import type { OptimizeResult } from "../optimize/optimize";
import { conditionStyle, conditionTraces } from "./condition-traces";

/** One optimization to animate: a panel title and optimize()'s result with `snapshots: true`. */
export interface AnimatedRun {
  label: string;
  result: Pick<OptimizeResult, "records">;
}

/** Options of optimizationAnimation. */
export interface AnimationOptions {
  /** Number of frames (score levels). Default 21, as the paper site's animations. */
  frames?: number;
  /** Figure title. Default "Y along the optimization, compared at equal scores". */
  title?: string;
  /** Subtitle: the data used (dataset id, seed, optimizer settings). */
  subtitle?: string;
  /** Milliseconds per frame when playing. Default 400. */
  frameDuration?: number;
}

/**
 * The score levels of the frames: `count` values evenly spaced from the lowest initial score of the
 * runs (at least 0) to the lowest final score, so that every run reaches every level.
 *
 *   scoreLevels([[0.1, 0.5, 0.95], [0.3, 0.99]], 3)   // [0.1, 0.525, 0.95]
 */
export function scoreLevels(runs: ArrayLike<number>[], count: number): number[] {
  if (!Number.isInteger(count) || count < 2) throw new InputError("frames", "an integer ≥ 2", `got ${count}`);
  if (runs.length === 0 || runs.some((s) => s.length === 0)) throw new InputError("runs", "at least one run, each with recorded scores", `got ${runs.length} runs`);
  const lo = Math.max(0, Math.min(...runs.map((s) => s[0])));
  const hi = Math.min(...runs.map((s) => s[s.length - 1]));
  return Array.from({ length: count }, (_, j) => lo + ((hi - lo) * j) / (count - 1));
}

/**
 * Index of the first score ≥ level (the last index when none is): the snapshot shown at that level.
 *
 *   firstAtLeast([0.1, 0.4, 0.8], 0.5)   // 2
 */
export function firstAtLeast(scores: ArrayLike<number>, level: number): number {
  for (let i = 0; i < scores.length; i++) if (scores[i] >= level) return i;
  return scores.length - 1;
}

/**
 * The Fig. 1 animation (see the file comment): panel 1 the reference X, panel i + 1 the Y of runs[i]
 * (two neurons, one line per condition, conditions coloured as in conditionTraces), each Y panel with a
 * fixed axis range over its frames and a "step k · score s" label; a ▶/❚❚ button and a slider over
 * the score levels.
 *
 *   optimizationAnimation(toy2d(), [{ label: "CKA", result: optimize(X, "cka", { snapshots: true }) }])
 */
export function optimizationAnimation(dataset: Dataset, runs: AnimatedRun[], options: AnimationOptions = {}): Figure {
  if (dataset.shape.length !== 3) throw new InputError("dataset", "a (time × conditions × neurons) dataset", `got shape [${dataset.shape.join(", ")}]`);
  if (runs.length === 0) throw new InputError("runs", "at least one run", "got none");
  for (const run of runs)
    if (run.result.records.length === 0 || run.result.records.some((r) => !r.Y))
      throw new InputError("runs", "optimize() results with snapshots: true", `"${run.label}" has records without Y`);
  const shape = dataset.shape;
  const style = conditionStyle(dataset);
  const levels = scoreLevels(runs.map((r) => r.result.records.map((rec) => rec.score)), options.frames ?? 21);
  const panels = runs.length + 1;
  const gap = 0.04;
  const width = (1 - gap * (panels - 1)) / panels;
  const domain = (p: number) => [p * (width + gap), p * (width + gap) + width];
  const shown = runs.map((run) => levels.map((level) => run.result.records[firstAtLeast(run.result.records.map((r) => r.score), level)]));

  const yTraces = (frame: number): Trace[] =>
    runs.flatMap((run, i) => {
      const rec = shown[i][frame];
      const [xr, yr] = panelRange(shown[i].map((r) => r.Y!.data), shape[2]);
      const label: Trace = {
        type: "scatter",
        mode: "text",
        x: [xr[0] + 0.03 * (xr[1] - xr[0])],
        y: [yr[1] - 0.03 * (yr[1] - yr[0])],
        text: [`step ${rec.iteration} · score ${rec.score.toFixed(3)}`],
        textposition: "bottom right",
        showlegend: false,
        hoverinfo: "skip",
        xaxis: `x${i + 2}`,
        yaxis: `y${i + 2}`,
      };
      return [...conditionTraces(rec.Y!.data, shape, style, { axis: i + 2 }), label];
    });
  const xTraces = conditionTraces(dataset.activity.data, shape, style, { axis: 1, legend: true });
  const animated = Array.from({ length: runs.length * (shape[1] + 1) }, (_, i) => xTraces.length + i);
  const frames = levels.map((level, j) => ({ name: `${j}`, data: yTraces(j), traces: animated }));
  const axes: Record<string, unknown> = {};
  for (let p = 0; p < panels; p++) {
    const suffix = p === 0 ? "" : String(p + 1);
    const who = p === 0 ? `X (${dataset.id})` : `Y`;
    const range = p === 0 ? {} : Object.fromEntries(["x", "y"].map((a, k) => [a, panelRange(shown[p - 1].map((r) => r.Y!.data), shape[2])[k]]));
    axes[`xaxis${suffix}`] = { domain: domain(p), anchor: `y${suffix}`, title: { text: `${who}: neuron 1 (a.u.)` }, zeroline: false, ...(p ? { range: range.x } : {}) };
    axes[`yaxis${suffix}`] = { anchor: `x${suffix}`, title: { text: `${who}: neuron 2 (a.u.)`, standoff: 2 }, zeroline: false, ...(p ? { range: range.y } : {}) };
  }
  const duration = options.frameDuration ?? 400;
  // redraw: true — without it plotly drops the traces of the panels that frames do not touch (the X panel)
  const still = { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } };
  const panelTitles = ["reference X", ...runs.map((r) => r.label)].map((text, p) => ({
    text: `<b>${text}</b>`,
    x: (domain(p)[0] + domain(p)[1]) / 2,
    xref: "paper",
    y: 1.02,
    yref: "paper",
    xanchor: "center",
    yanchor: "bottom",
    showarrow: false,
  }));
  return {
    data: [...xTraces, ...yTraces(0)],
    frames,
    layout: {
      title: { text: options.title ?? "Y along the optimization, compared at equal scores", ...(options.subtitle ? { subtitle: { text: options.subtitle } } : {}) },
      height: 560,
      width: Math.max(700, 270 * panels),
      margin: { t: 95, l: 55, r: 15, b: 230 },
      legend: { orientation: "h", x: 0, y: -0.75, yanchor: "top", font: { size: 10 } },
      annotations: panelTitles,
      ...axes,
      updatemenus: [
        {
          type: "buttons",
          direction: "left",
          showactive: false,
          x: 0,
          y: -0.36,
          xanchor: "left",
          yanchor: "top",
          buttons: [
            { label: "▶ Play", method: "animate", args: [null, { fromcurrent: true, frame: { duration, redraw: true }, transition: { duration: 0 } }] },
            { label: "❚❚ Pause", method: "animate", args: [[null], still] },
          ],
        },
      ],
      sliders: [
        {
          active: 0,
          x: 0.22,
          len: 0.78,
          y: -0.33,
          yanchor: "top",
          currentvalue: { prefix: "frame: score ≥ ", font: { size: 12 } },
          steps: levels.map((level, j) => ({ label: level.toFixed(2), method: "animate", args: [[`${j}`], still] })),
        },
      ],
    },
  };
}

/** Axis ranges [x, y] (neurons 0 and 1) covering every snapshot of a panel, with 8 % padding. */
function panelRange(snapshots: ArrayLike<number>[], neurons: number): [[number, number], [number, number]] {
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (const data of snapshots)
    for (let i = 0; i < data.length; i += neurons)
      for (let a = 0; a < 2; a++) {
        lo[a] = Math.min(lo[a], data[i + a]);
        hi[a] = Math.max(hi[a], data[i + a]);
      }
  const pad = (a: number): [number, number] => {
    const d = (hi[a] - lo[a] || 1) * 0.08;
    return [lo[a] - d, hi[a] + d];
  };
  return [pad(0), pad(1)];
}
