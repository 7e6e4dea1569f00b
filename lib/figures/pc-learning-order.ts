/**
 * Figs. 4/5 (paper §5): the PC-learning order read from stored runs — the score at which each PC of X
 * is captured (half-way R² rule, captureScores), against the PC's explained variance; R² of each PC vs
 * score; the PCs captured when the run stops (against §8.1's counts) and the paper's take-away that
 * CKA's capture score climbs as the variance falls while angular Procrustes' stays nearly flat.
 *
 *   const pcs = runs.map(pcCapture);
 *   showTable(comparePaper(pcsCapturedPaperRows(pcs)));
 *   await showFigure(captureScoreFigure(pcs, dataUsed));
 */
import { captureScores } from "../analysis/pcs";
import { logSpacedIndices } from "../analysis/power-law";
import type { Figure, Trace } from "../display/figure-spec";
import { InputError } from "../errors";
import type { RunResult } from "../runs";
import { DataUsed, dataCaption, figureTitle } from "./caption";
import type { PaperRow } from "./compare-paper";
import { groupedTraces } from "./dropdown";
import { PAPER_MEASURES, PAPER_PCS_CAPTURED } from "./paper-numbers";
import { measureStyle } from "./style";

/** The PC-learning order of one stored run (recorded with `record.pcs`). */
export interface PcCapture {
  dataset: string;
  measure: string;
  seed: number;
  iterations: number;
  finalScore: number;
  /** Explained-variance ratio of each PC of X, descending. */
  explainedVariance: number[];
  /** Score at each recorded step. */
  scores: number[];
  /** r2[k][pc]: R² of the PC at recorded step k. */
  r2: number[][];
  /** Score at which each PC was captured (half-way rule), NaN if not by the end of the run. */
  captureScores: number[];
  /** PCs captured by the end of the run, of all PCs, and their share of the variance. */
  captured: { count: number; total: number; varianceShare: number };
}

/**
 * A stored run's PC capture: the per-step R² table regrouped, and captureScores (first crossing of
 * τ = (R²(0) + 1)/2, interpolated in the score).
 *
 *   pcCapture(await run({ …, record: { pcs: true } }, { store })).captured   // { count: 50, total: 727, varianceShare: 0.7 }
 */
export function pcCapture(run: RunResult): PcCapture {
  if (!run.pcs?.length) throw new InputError("run", "a run recorded with record.pcs = true", `run ${run.key?.slice(0, 12)} has no PC rows`);
  const steps = [...new Set(run.pcs.map((p) => p.step))].sort((a, b) => a - b);
  const total = Math.max(...run.pcs.map((p) => p.pc)) + 1;
  const at = new Map(steps.map((s, k) => [s, k]));
  const r2 = steps.map(() => new Array<number>(total).fill(NaN));
  const explainedVariance = new Array<number>(total).fill(NaN);
  for (const p of run.pcs) {
    r2[at.get(p.step)!][p.pc] = p.r2;
    explainedVariance[p.pc] = p.explainedVariance;
  }
  const scores = steps.map((s) => run.scores[s]);
  const capture = Array.from(captureScores(scores, r2));
  const hit = capture.map(Number.isFinite);
  return {
    dataset: run.dataset,
    measure: run.measure,
    seed: run.seed,
    iterations: run.iterations,
    finalScore: run.finalScore,
    explainedVariance,
    scores,
    r2,
    captureScores: capture,
    captured: { count: hit.filter(Boolean).length, total, varianceShare: explainedVariance.reduce((a, v, k) => a + (hit[k] ? v : 0), 0) },
  };
}

/**
 * Least-squares slope of the capture score against log10(explained variance) over the captured PCs:
 * strongly negative when low-variance PCs need a much higher score (CKA), near 0 when every PC is
 * captured at about the same score (angular Procrustes). NaN with fewer than 2 captured PCs.
 *
 *   captureSlope({ captureScores: [0.2, 0.5, 0.8], explainedVariance: [0.1, 0.01, 0.001] })   // -0.3
 */
export function captureSlope(c: Pick<PcCapture, "captureScores" | "explainedVariance">): number {
  const pts = c.captureScores.map((s, k) => [Math.log10(c.explainedVariance[k]), s]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (pts.length < 2) return NaN;
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  const sxx = pts.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? NaN : pts.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
}

const meanOf = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/**
 * "paper | this run | agrees?" rows for the PCs captured at the end (§8.1, PAPER_PCS_CAPTURED): the
 * captured fraction count/total (mean over seeds) within ± tolerance of the paper's fraction; plus,
 * per dataset, the take-away that CKA's capture-score slope against log variance is steeper (more
 * negative) than angular Procrustes'. Datasets or measures the paper does not list are skipped.
 *
 *   comparePaper(pcsCapturedPaperRows(pcs, 0.1))
 */
export function pcsCapturedPaperRows(pcs: PcCapture[], tolerance = 0.1): PaperRow[] {
  const rows: PaperRow[] = [];
  const groups = new Map<string, PcCapture[]>();
  for (const c of pcs) groups.set(`${c.dataset}\u0000${c.measure}`, [...(groups.get(`${c.dataset}\u0000${c.measure}`) ?? []), c]);
  for (const group of groups.values()) {
    const { dataset, measure } = group[0];
    const paper = (PAPER_PCS_CAPTURED as Record<string, { total: number; captured: Record<string, { count: number; varianceShare?: number }> }>)[dataset];
    const p = paper?.captured[measure];
    if (!p) continue;
    const fraction = meanOf(group.map((c) => c.captured.count / c.captured.total));
    const counts = group.map((c) => `${c.captured.count}/${c.captured.total}`).join(", ");
    rows.push({
      quantity: `${dataset}: ${PAPER_MEASURES[measure] ?? measure} PCs captured (fraction)`,
      paper: p.count / paper.total,
      thisRun: fraction,
      tolerance,
      note: `paper ${p.count}/${paper.total}${p.varianceShare === undefined ? "" : ` (${Math.round(p.varianceShare * 1000) / 10}% of variance)`}; this run ${counts}, final score ${meanOf(group.map((c) => c.finalScore)).toFixed(3)}`,
    });
  }
  for (const dataset of new Set(pcs.map((c) => c.dataset))) {
    const slope = (m: string) => meanOf(pcs.filter((c) => c.dataset === dataset && c.measure === m).map(captureSlope));
    if (!pcs.some((c) => c.dataset === dataset && c.measure === "cka") || !pcs.some((c) => c.dataset === dataset && c.measure === "procrustes-angular-score")) continue;
    const cka = slope("cka");
    const procrustes = slope("procrustes-angular-score");
    rows.push({
      quantity: `${dataset}: capture score vs log10 variance, slope CKA vs Angular Procrustes`,
      paper: "CKA steep, Procrustes nearly flat",
      thisRun: `${cka.toFixed(2)} vs ${procrustes.toFixed(2)}`,
      rule: "slope(CKA) < slope(Procrustes) ≤ 0.05",
      holds: cka < procrustes && procrustes <= 0.05,
    });
  }
  return rows;
}

/**
 * Threshold (capture) score of every PC vs its explained variance, log x (Fig. 4/5), one dropdown entry
 * per dataset, one marker series per measure (all seeds). PCs never captured are left out.
 *
 *   await showFigure(captureScoreFigure(pcs, [{ id: "Mante2013", source: "surrogate" }], "seed 0"));
 */
export function captureScoreFigure(pcs: PcCapture[], data: DataUsed[], extraCaption?: string): Figure {
  if (!Array.isArray(pcs) || pcs.length === 0) throw new InputError("pcs", "at least one PcCapture", "got none");
  const items: { group: string; trace: Trace }[] = [];
  for (const dataset of new Set(pcs.map((c) => c.dataset))) {
    const shown = new Set<string>();
    for (const c of pcs.filter((x) => x.dataset === dataset)) {
      const { label, color } = measureStyle(c.measure);
      const keep = c.captureScores.map((s, k) => k).filter((k) => Number.isFinite(c.captureScores[k]));
      items.push({
        group: dataset,
        trace: {
          type: "scatter", mode: "markers", name: label, legendgroup: c.measure, showlegend: !shown.has(c.measure),
          x: keep.map((k) => c.explainedVariance[k]), y: keep.map((k) => c.captureScores[k]),
          marker: { color, size: 5, opacity: 0.7 },
          hovertemplate: `${label}, seed ${c.seed}<br>PC %{text}<br>variance %{x:.2e}<br>captured at score %{y:.3f}<extra></extra>`,
          text: keep.map((k) => String(k + 1)),
        },
      });
      shown.add(c.measure);
    }
  }
  const { data: traces, updatemenus } = groupedTraces(items);
  return {
    data: traces,
    layout: {
      title: figureTitle("Score at which each PC is captured vs its explained variance (Figs. 4/5)", dataCaption(data, `${extraCaption ? `${extraCaption}; ` : ""}captured = R² half-way from its initial value to 1`)),
      updatemenus,
      xaxis: { type: "log", title: { text: "explained variance of the PC (ratio, log scale)" }, exponentformat: "power" },
      yaxis: { title: { text: "score at capture (unitless)" }, range: [0, 1.02] },
      height: 520, width: 900, margin: { t: 150 }, legend: { x: 1.02, y: 0.86 },
    },
  };
}

/** The plasma colour scale (matplotlib), 9 stops, for colouring PCs by their log variance. */
const PLASMA = ["#0d0887", "#46039f", "#7201a8", "#9c179e", "#bd3786", "#d8576b", "#ed7953", "#fb9f3a", "#fdca26"];

/**
 * R² of each PC vs score (Fig. 4/5 panels): one line per PC for `count` log-spaced PCs, coloured by
 * the PC's normalized log variance (plasma: dark = small variance, yellow = large), one dropdown entry
 * per dataset × measure (first seed of each).
 *
 *   await showFigure(r2VsScoreFigure(pcs, dataUsed, { count: 20 }));
 */
export function r2VsScoreFigure(pcs: PcCapture[], data: DataUsed[], options: { count?: number; extraCaption?: string } = {}): Figure {
  if (!Array.isArray(pcs) || pcs.length === 0) throw new InputError("pcs", "at least one PcCapture", "got none");
  const count = options.count ?? 20;
  const items: { group: string; trace: Trace }[] = [];
  const seen = new Set<string>();
  for (const c of pcs) {
    const group = `${c.dataset} · ${measureStyle(c.measure).label}`;
    if (seen.has(group)) continue;
    seen.add(group);
    const logs = c.explainedVariance.map((v) => Math.log10(v));
    const finite = logs.filter(Number.isFinite);
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    const total = c.explainedVariance.length;
    const picks = logSpacedIndices(total, Math.min(count, total)).reverse(); // small-variance PCs drawn first, large ones on top
    for (const k of picks) {
      const t = hi > lo ? (logs[k] - lo) / (hi - lo) : 1;
      items.push({
        group,
        trace: {
          type: "scatter", mode: "lines", x: c.scores, y: c.r2.map((row) => row[k]), name: `PC ${k + 1}`, showlegend: false,
          line: { color: PLASMA[Math.max(0, Math.min(PLASMA.length - 1, Math.round(t * (PLASMA.length - 1))))], width: 1.5 },
          hovertemplate: `PC ${k + 1} (variance ${c.explainedVariance[k].toExponential(2)})<br>score %{x:.3f}<br>R² %{y:.3f}<extra></extra>`,
        },
      });
    }
    items.push({
      group,
      trace: {
        type: "scatter", mode: "markers", x: [null], y: [null], showlegend: false, hoverinfo: "skip",
        marker: { color: [lo], cmin: lo, cmax: hi, colorscale: PLASMA.map((col, i) => [i / (PLASMA.length - 1), col]), showscale: true, colorbar: { title: { text: "log₁₀ variance" }, x: 1.02, len: 0.75, y: 0.4 } },
      },
    });
  }
  const { data: traces, updatemenus } = groupedTraces(items);
  return {
    data: traces,
    layout: {
      title: figureTitle("R² of each PC of X captured by Y vs score (Figs. 4/5)", dataCaption(data, `${options.extraCaption ? `${options.extraCaption}; ` : ""}${count} log-spaced PCs per panel, coloured by log variance`)),
      updatemenus,
      xaxis: { title: { text: "optimized score (unitless)" } },
      yaxis: { title: { text: "R² of the PC (fraction of its variance captured)" }, range: [0, 1.02] },
      height: 520, width: 900, margin: { t: 150 },
    },
  };
}
