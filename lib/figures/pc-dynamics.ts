/**
 * Paper Fig. 2: R² of the principal components of X captured by Y against the score, mean ± spread over
 * seeds. Each run (one seed) gives R²_k(step) and score(step); both are read at a common grid of scores
 * (first-crossing interpolation, analysis/decoding.ts `thresholdScore`), then averaged over the seeds
 * that were at that score.
 *
 *   const r = optimize(X, "cka", { seed, stopScore: 0.99, recorders: { r2: pcR2Recorder(X) } });
 *   const d = pcDynamics("cka", seeds.map(...runs).map(pcRun), scoreGrid(0, 0.99, 100));
 *   meanAtScore(d, 1, 0.9);    // mean R² of PC2 at score 0.9
 *   await showFigure(pcDynamicsFigure([d], { subtitle: "toy2d, seeds 0–9" }));
 */
import { thresholdScore } from "../analysis/decoding";
import type { Figure, Trace } from "../display/figure-spec";
import { InputError } from "../errors";
import type { OptimizeResult } from "../optimize/optimize";

/** One run: the score and the per-PC R² at each recorded step. */
export interface PcRun {
  scores: number[];
  /** r2[i][k] = R² of PC k at recorded step i. */
  r2: number[][];
}

/**
 * The PcRun of an optimize() result recorded with `recorders: { r2: pcR2Recorder(X) }` (any recordEvery).
 *
 *   pcRun(optimize(X, "nbs", { recorders: { r2: pcR2Recorder(X) } }))
 */
export function pcRun(result: Pick<OptimizeResult<object>, "records">, recorder = "r2"): PcRun {
  const r2 = result.records.map((rec) => (rec.values as Record<string, unknown>)[recorder]);
  if (r2.length === 0 || !r2.every((v) => Array.isArray(v) && v.every((x) => typeof x === "number")))
    throw new InputError("result", `records with a "${recorder}" recorder (pcR2Recorder) giving number arrays`, `got ${JSON.stringify(r2[0])?.slice(0, 60)}`);
  return { scores: result.records.map((rec) => rec.score), r2: r2 as number[][] };
}

/**
 * `count` evenly spaced scores from `from` to `to`.
 *
 *   scoreGrid(0, 1, 5)   // [0, 0.25, 0.5, 0.75, 1]
 */
export function scoreGrid(from: number, to: number, count: number): number[] {
  if (!(Number.isInteger(count) && count >= 2 && to > from)) throw new InputError("scoreGrid", "from < to and an integer count ≥ 2", `got ${from}, ${to}, ${count}`);
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/**
 * The values of a run at each score of `grid`: where the score first reaches g, linearly interpolated
 * between the two steps around it; NaN below the run's initial score and above its highest one.
 *
 *   valuesAtScores([0.2, 0.6, 1], [0, 0.4, 0.8], [0.1, 0.4, 1])   // [NaN, 0.2, 0.8]
 */
export function valuesAtScores(scores: number[], values: number[], grid: number[]): number[] {
  const top = Math.max(...scores);
  return grid.map((g) => (g < scores[0] || g > top ? NaN : thresholdScore(values, scores, g).score));
}

/** Mean and standard deviation (n − 1; 0 for one value) over curves at each point, ignoring NaN; n = how many were defined. */
export interface MeanSpread {
  mean: number[];
  sd: number[];
  n: number[];
}

/**
 * Mean ± standard deviation across curves of equal length (e.g. one per seed), point by point,
 * skipping NaN entries; NaN where no curve is defined.
 *
 *   meanSpread([[1, 2, NaN], [3, 2, NaN]])   // { mean: [2, 2, NaN], sd: [1.414…, 0, NaN], n: [2, 2, 0] }
 */
export function meanSpread(curves: number[][]): MeanSpread {
  if (curves.length === 0 || curves.some((c) => c.length !== curves[0].length)) throw new InputError("curves", "at least one curve, all of the same length", `got lengths ${curves.map((c) => c.length).join(", ")}`);
  const length = curves[0].length;
  const out: MeanSpread = { mean: [], sd: [], n: [] };
  for (let i = 0; i < length; i++) {
    const v = curves.map((c) => c[i]).filter((x) => !Number.isNaN(x));
    const mean = v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
    const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : v.length ? 0 : NaN;
    out.mean.push(mean);
    out.sd.push(sd);
    out.n.push(v.length);
  }
  return out;
}

/** R² of the first PCs against the score for one measure, over seeds. */
export interface PcDynamics {
  measure: string;
  grid: number[];
  /** pcs[k] = mean ± sd over seeds of PC k+1's R² on the grid. */
  pcs: MeanSpread[];
  seeds: number;
}

/**
 * Fig. 2's curves for one measure: each run's R² of PCs 1…`pcs` read at the grid scores, then
 * mean ± sd over the runs.
 *
 *   pcDynamics("cka", runs.map(pcRun), scoreGrid(0, 0.99, 100))
 */
export function pcDynamics(measure: string, runs: PcRun[], grid: number[], pcs = 2): PcDynamics {
  if (runs.length === 0) throw new InputError("runs", "at least one run", "got none");
  for (const run of runs)
    if (run.r2.length !== run.scores.length || run.r2.some((row) => row.length < pcs))
      throw new InputError("runs", `an R² row with at least ${pcs} PCs per recorded score`, `got ${run.r2.length} rows for ${run.scores.length} scores`);
  const curves = Array.from({ length: pcs }, (_, k) => meanSpread(runs.map((run) => valuesAtScores(run.scores, run.r2.map((row) => row[k]), grid))));
  return { measure, grid: [...grid], pcs: curves, seeds: runs.length };
}

/**
 * The mean R² of PC `pc` (0-based) at `score`, interpolated on the grid (NaN outside the seeds' range).
 *
 *   meanAtScore(d, 0, 0.9)   // e.g. 0.93 for CKA on toy2d
 */
export function meanAtScore(d: PcDynamics, pc: number, score: number): number {
  const [at] = valuesAtScores(d.grid, d.pcs[pc].mean, [score]);
  return at;
}

/**
 * The lowest score at which the mean R² of PC `pc` reaches `level` (first crossing, interpolated); NaN if it never does.
 *
 *   scoreWhereMeanReaches(d, 1, 0.5)   // e.g. 0.89 for ridge CV λ=100 on toy2d
 */
export function scoreWhereMeanReaches(d: PcDynamics, pc: number, level: number): number {
  const defined = d.grid.map((g, i) => [g, d.pcs[pc].mean[i]]).filter(([, m]) => !Number.isNaN(m));
  if (defined.length === 0) return NaN;
  const r = thresholdScore(defined.map(([g]) => g), defined.map(([, m]) => m), level);
  return r.crossed ? r.score : NaN;
}

/** Colours of PC1, PC2, … (the paper's yellow and dark blue first). */
const PC_COLORS = ["#e3b505", "#1f2f6b", "#2a9d8f", "#c8553d"];

/** Options of pcDynamicsFigure. */
export interface PcDynamicsFigureOptions {
  title?: string;
  /** The data used: dataset id, seeds, optimizer settings. */
  subtitle?: string;
  /** Display name per measure id. Default: the id. */
  labels?: Record<string, string>;
}

/**
 * Fig. 2: one panel per measure, R² of each PC against the score, the mean as a line and ± 1 sd as a
 * band (legend: one entry per PC, shared by the panels).
 *
 *   await showFigure(pcDynamicsFigure([ridge, cka, procrustes], { subtitle: "toy2d · seeds 0–9" }));
 */
export function pcDynamicsFigure(dynamics: PcDynamics[], options: PcDynamicsFigureOptions = {}): Figure {
  if (dynamics.length === 0) throw new InputError("dynamics", "at least one measure", "got none");
  const gap = 0.05;
  const width = (1 - gap * (dynamics.length - 1)) / dynamics.length;
  const data: Trace[] = [];
  const layout: Record<string, unknown> = {
    title: { text: options.title ?? "Variance of X's principal components captured by Y vs score", ...(options.subtitle ? { subtitle: { text: options.subtitle } } : {}) },
    height: 420,
    width: Math.max(600, 330 * dynamics.length),
    margin: { t: 95, l: 60, r: 15, b: 60 },
    legend: { orientation: "h", y: -0.2, yanchor: "top" },
    annotations: [] as unknown[],
  };
  dynamics.forEach((d, p) => {
    const suffix = p === 0 ? "" : String(p + 1);
    const keep = d.grid.map((_, i) => d.pcs.some((pc) => !Number.isNaN(pc.mean[i])));
    const x = d.grid.filter((_, i) => keep[i]);
    d.pcs.forEach((pc, k) => {
      const color = PC_COLORS[k % PC_COLORS.length];
      const mean = pc.mean.filter((_, i) => keep[i]);
      const sd = pc.sd.filter((_, i) => keep[i]);
      const axes = { xaxis: `x${suffix}`, yaxis: `y${suffix}`, legendgroup: `pc${k + 1}` };
      data.push({ type: "scatter", mode: "lines", x: [...x, ...[...x].reverse()], y: [...mean.map((m, i) => m + sd[i]), ...mean.map((m, i) => m - sd[i]).reverse()], fill: "toself", fillcolor: hexWithAlpha(color, 0.22), line: { width: 0 }, hoverinfo: "skip", showlegend: false, ...axes });
      data.push({ type: "scatter", mode: "lines", x, y: mean, name: `PC${k + 1} (mean ± sd over ${d.seeds} seeds)`, line: { color, width: 2.5 }, showlegend: p === 0, ...axes });
    });
    layout[`xaxis${suffix}`] = { domain: [p * (width + gap), p * (width + gap) + width], anchor: `y${suffix}`, range: [0, 1], title: { text: "score (unitless)" } };
    layout[`yaxis${suffix}`] = { anchor: `x${suffix}`, range: [-0.02, 1.02], title: { text: p === 0 ? "R² of the PC captured by Y (fraction)" : "" } };
    (layout.annotations as unknown[]).push({ text: `<b>${options.labels?.[d.measure] ?? d.measure}</b>`, x: p * (width + gap) + width / 2, xref: "paper", y: 1.02, yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false });
  });
  return { data, layout };
}

function hexWithAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
