/**
 * Fig. 3 (paper §4): decoding accuracy of a task variable vs the optimized score, read from stored runs;
 * the threshold dots (score where the accuracy first reaches chance + 0.9·(neural − chance)); the
 * comparison of those scores with the paper's (§8.1); and the figure with a dataset dropdown.
 *
 *   const curves = runs.map((r) => decodingCurve(r, "context"));
 *   const dots = decodingThresholds(curves, { Mante2013: ref.threshold });
 *   showTable(comparePaper(thresholdPaperRows(dots)));
 */
import { CrossingRule, thresholdScore } from "../analysis/decoding";
import type { NeuralDecoding } from "../analysis/decoding-reference";
import type { Figure, Trace } from "../display/figure-spec";
import { InputError } from "../errors";
import type { RunResult } from "../runs";
import { dataCaption, figureTitle, DataUsed } from "./caption";
import type { PaperRow } from "./compare-paper";
import { groupedTraces } from "./dropdown";
import { PAPER_MEASURES, PAPER_THRESHOLD_SCORES, PaperThreshold } from "./paper-numbers";
import { measureStyle } from "./style";

/** Accuracy of one label at the recorded steps of one run, with the score at those steps. */
export interface DecodingCurve {
  dataset: string;
  measure: string;
  seed: number;
  label: string;
  steps: number[];
  scores: number[];
  accuracies: number[];
}

/**
 * The accuracy-vs-score curve of `label` in a stored run: scores[k] = run.scores[step k].
 *
 *   decodingCurve(await run(config, { store }), "context").accuracies
 */
export function decodingCurve(run: RunResult, label: string): DecodingCurve {
  const rows = run.decoding.filter((d) => d.label === label).sort((a, b) => a.step - b.step);
  if (rows.length === 0) throw new InputError("label", `a label recorded in run ${run.key.slice(0, 12)} (${[...new Set(run.decoding.map((d) => d.label))].join(", ") || "none recorded"})`, `got "${label}"`);
  return {
    dataset: run.dataset,
    measure: run.measure,
    seed: run.seed,
    label,
    steps: rows.map((d) => d.step),
    scores: rows.map((d) => run.scores[d.step]),
    accuracies: rows.map((d) => d.accuracy),
  };
}

/** The Fig. 3 dot of one dataset × measure over its seeds. */
export interface DecodingThreshold {
  dataset: string;
  measure: string;
  /** Seeds (runs) and how many of them reached the threshold. */
  seeds: number;
  crossedSeeds: number;
  /** True when more than half of the seeds reached the threshold. */
  crossed: boolean;
  /** Mean crossing score over the seeds that crossed (NaN when none did). */
  score: number;
  /** Per-seed crossing scores (NaN = never). */
  seedScores: number[];
  /** Mean over seeds of the accuracy and the score at the last recorded step (the run's end, ≈ 0.99). */
  finalAccuracy: number;
  finalScore: number;
}

const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);

/**
 * The threshold dot of every dataset × measure: thresholdScore (first crossing by default) of each
 * seed's curve at `thresholds[dataset]`, then aggregated over seeds (crossed when most seeds cross).
 *
 *   decodingThresholds(curves, { Mante2013: 0.847 })[0]   // { dataset: "Mante2013", measure: "cka", crossed: true, score: 0.93, … }
 */
export function decodingThresholds(curves: DecodingCurve[], thresholds: Record<string, number>, options: { rule?: CrossingRule } = {}): DecodingThreshold[] {
  const groups = new Map<string, DecodingCurve[]>();
  for (const c of curves) {
    if (!(c.dataset in thresholds)) throw new InputError("thresholds", `a threshold for every dataset of the curves`, `none for "${c.dataset}"`);
    const k = `${c.dataset}\u0000${c.measure}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups.values()].map((group) => {
    const { dataset, measure } = group[0];
    const seedScores = group.map((c) => thresholdScore(c.scores, c.accuracies, thresholds[dataset], options).score);
    const hits = seedScores.filter(Number.isFinite);
    return {
      dataset,
      measure,
      seeds: group.length,
      crossedSeeds: hits.length,
      crossed: hits.length * 2 > group.length,
      score: mean(hits),
      seedScores,
      finalAccuracy: mean(group.map((c) => c.accuracies[c.accuracies.length - 1])),
      finalScore: mean(group.map((c) => c.scores[c.scores.length - 1])),
    };
  });
}

/** The paper's threshold as a range, widened to include its first-crossing value when given. */
function paperRange(p: Extract<PaperThreshold, { range: [number, number] }>): [number, number] {
  const fc = p.firstCrossing ?? p.range[0];
  return [Math.min(p.range[0], fc), Math.max(p.range[1], fc)];
}

/**
 * "paper | this run | agrees?" rows of the threshold scores against §8.1 (PAPER_THRESHOLD_SCORES):
 * both crossed → numeric row (agrees within ± tolerance of the paper's range, its first-crossing value
 * included); "never" in the paper or in this run → a rule row that agrees only when both say never.
 * Datasets or measures the paper does not list are skipped.
 *
 *   comparePaper(thresholdPaperRows(dots, 0.05))
 */
export function thresholdPaperRows(dots: DecodingThreshold[], tolerance = 0.05): PaperRow[] {
  const rows: PaperRow[] = [];
  for (const d of dots) {
    const paper = (PAPER_THRESHOLD_SCORES as Record<string, Record<string, PaperThreshold>>)[d.dataset]?.[d.measure];
    if (!paper) continue;
    const quantity = `${d.dataset}: ${PAPER_MEASURES[d.measure] ?? d.measure}`;
    const seedsNote = `${d.crossedSeeds}/${d.seeds} seeds crossed`;
    const thisRun = d.crossed ? d.score : `never (acc ${d.finalAccuracy.toFixed(2)} at ${d.finalScore.toFixed(2)})`;
    if ("never" in paper) {
      rows.push({ quantity, paper: `never (acc ${paper.finalAccuracy} at 0.99)`, thisRun, rule: "both never reach the threshold", holds: !d.crossed, note: seedsNote });
    } else if (!d.crossed) {
      const [lo, hi] = paperRange(paper);
      rows.push({ quantity, paper: lo === hi ? lo.toFixed(2) : `${lo.toFixed(2)}–${hi.toFixed(2)}`, thisRun, rule: `crosses within ± ${tolerance}`, holds: false, note: seedsNote });
    } else {
      rows.push({ quantity, paper: paperRange(paper), thisRun: d.score, tolerance, note: [seedsNote, paper.note].filter(Boolean).join("; ") });
    }
  }
  return rows;
}

/**
 * Final accuracies (at the run's end, score ≈ 0.99) against the paper's, where §8.1 gives one (the
 * curves that never reach the threshold): numeric rows within ± tolerance.
 *
 *   comparePaper(finalAccuracyPaperRows(dots))   // e.g. "Siegel: CKA accuracy at 0.99 | 0.68 | 0.71 | ✓"
 */
export function finalAccuracyPaperRows(dots: DecodingThreshold[], tolerance = 0.05): PaperRow[] {
  return dots.flatMap((d) => {
    const paper = (PAPER_THRESHOLD_SCORES as Record<string, Record<string, PaperThreshold>>)[d.dataset]?.[d.measure];
    if (!paper || !("never" in paper)) return [];
    return [{ quantity: `${d.dataset}: ${PAPER_MEASURES[d.measure] ?? d.measure} accuracy at the end`, paper: paper.finalAccuracy, thisRun: d.finalAccuracy, tolerance, note: `this run ends at score ${d.finalScore.toFixed(3)}` }];
  });
}

/**
 * The conclusion "angular Procrustes reaches the decoding threshold at the lowest score" (paper §4) on
 * each dataset of `dots`, as rule rows: holds when its dot is crossed and lower than every other
 * measure's (a measure that never crosses counts as higher).
 *
 *   comparePaper(lowestThresholdRows(dots))
 */
export function lowestThresholdRows(dots: DecodingThreshold[], measure = "procrustes-angular-score"): PaperRow[] {
  const datasets = [...new Set(dots.map((d) => d.dataset))];
  return datasets.flatMap((dataset) => {
    const own = dots.find((d) => d.dataset === dataset && d.measure === measure);
    if (!own) return [];
    const others = dots.filter((d) => d.dataset === dataset && d.measure !== measure);
    const lowestOther = others.filter((d) => d.crossed).sort((a, b) => a.score - b.score)[0];
    const holds = own.crossed && others.every((d) => !d.crossed || own.score < d.score);
    const thisRun = !own.crossed ? "never crosses" : lowestOther ? `${own.score.toFixed(2)} vs ${lowestOther.score.toFixed(2)} (${measureStyle(lowestOther.measure).label})` : `${own.score.toFixed(2)}, no other measure crosses`;
    return [{ quantity: `${dataset}: ${measureStyle(measure).label} crosses at the lowest score`, paper: "yes (every dataset)", thisRun, rule: "its dot < every other measure's", holds }];
  });
}

/**
 * Fig. 3 with a dataset dropdown: per dataset, one line per measure and seed (accuracy vs score), the
 * neural accuracy (black dashed), chance (grey dashed) and the threshold dots on the threshold level.
 * `data` names the datasets used (caption); `references[dataset]` gives the neural level, chance and threshold.
 *
 *   await showFigure(decodingFigure(curves, { Mante2013: ref }, dots, [{ id: "Mante2013", source: "surrogate" }]));
 */
export function decodingFigure(curves: DecodingCurve[], references: Record<string, NeuralDecoding>, dots: DecodingThreshold[], data: DataUsed[], extraCaption?: string): Figure {
  if (!Array.isArray(curves) || curves.length === 0) throw new InputError("curves", "at least one decoding curve", "got none");
  const items: { group: string; trace: Trace }[] = [];
  const datasets = [...new Set(curves.map((c) => c.dataset))];
  for (const dataset of datasets) {
    const ref = references[dataset];
    if (!ref) throw new InputError("references", "the neural decoding of every dataset of the curves", `none for "${dataset}"`);
    const own = curves.filter((c) => c.dataset === dataset);
    const shown = new Set<string>();
    for (const c of own) {
      const { label, color } = measureStyle(c.measure);
      items.push({ group: dataset, trace: { type: "scatter", mode: "lines", x: c.scores, y: c.accuracies, name: label, legendgroup: c.measure, showlegend: !shown.has(c.measure), line: { color, width: 1.5 }, hovertemplate: `${label}, seed ${c.seed}<br>score %{x:.3f}<br>accuracy %{y:.3f}<extra></extra>` } });
      shown.add(c.measure);
    }
    const chance = ref.chanceRule === "uniform" ? ref.chanceUniform : ref.chanceMajority;
    items.push({ group: dataset, trace: { type: "scatter", mode: "lines", x: [0, 1], y: [ref.accuracy, ref.accuracy], name: "neural data", line: { color: "black", dash: "dash" } } });
    items.push({ group: dataset, trace: { type: "scatter", mode: "lines", x: [0, 1], y: [chance, chance], name: `chance (${ref.chanceRule === "uniform" ? "1/K" : "majority class"})`, line: { color: "grey", dash: "dash" } } });
    const crossed = dots.filter((d) => d.dataset === dataset && d.crossed);
    items.push({
      group: dataset,
      trace: {
        type: "scatter",
        mode: "markers",
        x: crossed.map((d) => d.score),
        y: crossed.map(() => ref.threshold),
        name: "threshold dots",
        marker: { color: crossed.map((d) => measureStyle(d.measure).color), size: 12, line: { color: "black", width: 1 } },
        hovertemplate: "threshold reached at score %{x:.3f}<extra></extra>",
      },
    });
  }
  const { data: traces, updatemenus } = groupedTraces(items);
  return {
    data: traces,
    layout: {
      title: figureTitle(
        "Decoding accuracy of the task variable vs optimized score (Fig. 3)",
        dataCaption(data, `${extraCaption ? `${extraCaption}; ` : ""}label: ${[...new Set(curves.map((c) => c.label))].join(" / ")}; dots: threshold = chance + 0.9·(neural − chance)`),
      ),
      updatemenus,
      xaxis: { title: { text: "optimized score (unitless)" }, range: [0, 1] },
      yaxis: { title: { text: "decoding accuracy (fraction correct, 5-fold CV)" } },
      height: 520,
      width: 900,
      margin: { t: 170 },
      legend: { x: 1.02, y: 0.86 },
    },
  };
}
