/**
 * "Your model" on the paper's curves: given the score a model reaches under a measure, what synthetic
 * data optimized under the same measure (the stored Fig. 3–5 runs) had at that same score — decoding
 * accuracy of the task variable and PCs of X captured — and so what that score does and does not guarantee.
 *
 *   const p = placeScore("cka", 0.62, curves, pcs, reference);
 *   showTable(guaranteeRows([p]));
 */
import { thresholdScore } from "../analysis/decoding";
import type { NeuralDecoding } from "../analysis/decoding-reference";
import { InputError } from "../errors";
import type { DecodingCurve } from "./decoding-vs-score";
import type { PcCapture } from "./pc-learning-order";
import { measureStyle } from "./style";

/** One measure's score of a model, placed on the optimized runs of that measure. */
export interface ScorePlacement {
  measure: string;
  score: number;
  /** Runs of this measure, and how many reached the score. */
  runs: number;
  runsReaching: number;
  /** Mean over the reaching runs of the decoding accuracy when their score first reached `score`; NaN when none did. */
  syntheticAccuracy: number;
  /** The neural reference and its threshold (chance + 0.9·(neural − chance)). */
  neuralAccuracy: number;
  threshold: number;
  label: string;
  /** Mean over the reaching runs of the PCs of X captured (capture score ≤ `score`) and their variance share. */
  pcsCaptured: number;
  pcsTotal: number;
  varianceShare: number;
}

const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);

/**
 * Places `score` on the curves of `measure`: each run's accuracy where its score first reaches `score`
 * (linear interpolation, thresholdScore with the roles of score and accuracy swapped) and the PCs whose
 * capture score is ≤ `score`; means over the runs that reached it.
 *
 *   placeScore("procrustes-angular-score", 0.5, curves, pcs, ref).syntheticAccuracy   // e.g. 0.85
 */
export function placeScore(measure: string, score: number, curves: DecodingCurve[], pcs: PcCapture[], reference: NeuralDecoding): ScorePlacement {
  if (!Number.isFinite(score)) throw new InputError("score", "a finite score", `got ${score}`);
  const own = curves.filter((c) => c.measure === measure);
  const ownPcs = pcs.filter((c) => c.measure === measure);
  if (own.length === 0) throw new InputError("curves", `decoding curves of optimized runs under ${measure}`, `none among ${[...new Set(curves.map((c) => c.measure))].join(", ") || "no curves"}`);
  const reached = own.map((c) => thresholdScore(c.accuracies, c.scores, score)).filter((h) => h.crossed);
  const reachingPcs = ownPcs.filter((c) => Math.max(...c.scores) >= score);
  const captured = reachingPcs.map((c) => c.captureScores.map((s) => Number.isFinite(s) && s <= score));
  return {
    measure,
    score,
    runs: own.length,
    runsReaching: reached.length,
    syntheticAccuracy: mean(reached.map((h) => h.score)),
    neuralAccuracy: reference.accuracy,
    threshold: reference.threshold,
    label: reference.label,
    pcsCaptured: mean(captured.map((hit) => hit.filter(Boolean).length)),
    pcsTotal: ownPcs[0]?.captured.total ?? NaN,
    varianceShare: mean(captured.map((hit, i) => reachingPcs[i].explainedVariance.reduce((a, v, k) => a + (hit[k] ? v : 0), 0))),
  };
}

/** A row of the "what this score does and does not guarantee" table. */
export type GuaranteeRow = { measure: string; "model score": number; guarantees: string; "does not guarantee": string };

/**
 * The table "what this score does and does not guarantee", one row per placement: whether synthetic data
 * optimized to that score already decode the task variable at the neural threshold, and how many PCs of X
 * (and how much variance) a score that high forces Y to capture.
 *
 *   showTable(guaranteeRows(placements))
 */
export function guaranteeRows(placements: ScorePlacement[]): GuaranteeRow[] {
  return placements.map((p) => {
    const name = measureStyle(p.measure).label;
    if (p.runsReaching === 0)
      return { measure: name, "model score": p.score, guarantees: "— (no optimized run reached this score)", "does not guarantee": "anything measured here: rerun with more iterations or a higher stop score" };
    const pcs = `${Math.round(p.pcsCaptured)}/${p.pcsTotal} PCs of X (${(100 * p.varianceShare).toFixed(1)}% of the variance)`;
    const decodes = p.syntheticAccuracy >= p.threshold;
    const acc = `${p.syntheticAccuracy.toFixed(2)} vs threshold ${p.threshold.toFixed(2)}`;
    return {
      measure: name,
      "model score": p.score,
      guarantees: `${pcs} captured${decodes ? `; ${p.label} decoded at the neural level (${acc})` : ""}`,
      "does not guarantee": `${decodes ? "" : `${p.label} decoded like the neural data (optimized Y at this score: ${acc}); `}the other ${p.pcsTotal - Math.round(p.pcsCaptured)} PCs`,
    };
  });
}
