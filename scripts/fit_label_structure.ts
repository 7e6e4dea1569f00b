/**
 * Fit of a surrogate's label structure (lib/data/surrogates/label_structure.ts) to the paper's Fig. 3
 * (scripts/fig3_reference.ts): neural accuracy of the primary label and, for the six measures, the
 * score at which decoding from Y first reaches the threshold ("never" where the paper's curve does not).
 *
 * Cheap proxy (needs scripts/surrogate_snapshots.ts first): the optimizations are run once against the
 * label-free base X₀ with Y kept on a score grid; a label structure is the row rotation O with
 * X = O·X₀, and the curve for X is approximated by decoding O·Y_k (see surrogate_snapshots.ts). The
 * accuracy is assumed to rise along a run (the final snapshot decides "never", a bisection over the
 * snapshots finds the crossing: about 6 decodes per curve). The parameters (strength, then centre and width in ln-rank of each band, then the share of band 1) are
 * searched coordinate-wise with halving steps; the loss is Σ over cells of the squared distance of the
 * threshold score from the paper's range (a crossing on the wrong side of "never" costs its distance
 * from 0.99 plus 0.1) plus (2.5 × neural accuracy error)², so 0.02 of accuracy weighs like 0.05 of score.
 *
 * With --real, each candidate is instead evaluated by real optimizations against it, Y kept every 0.01
 * of score and decoded by the same bisection (slower, but without the proxy's error).
 *
 *   npx tsx scripts/fit_label_structure.ts MajajHong2015 --seeds 1 --budget 40 [--start '{"strength":…}'] [--eval-only] [--real] [--measures …]
 */
import { existsSync, readFileSync } from "node:fs";
import { Command } from "commander";
import { decode, thresholdScore } from "../lib/analysis/decoding";
import { labelRotation, SURROGATES, SurrogateDefinition } from "../lib/data/surrogates";
import type { LabelStructure } from "../lib/data/surrogates/label_structure";
import { Matrix } from "../lib/tensor/matrix";
import { neuralReference, primaryLabels } from "./fig3_decoding";
import { optimize } from "../lib/optimize/optimize";
import { PAPER_PROTOCOL } from "../lib/figures/paper-numbers";
import { FIG3_MEASURES, FIG3_REFERENCE, rangeDistance } from "./fig3_reference";
import { snapshotPath } from "./surrogate_snapshots";

interface ProxyCell {
  measure: string;
  crossing: number | null;
  final: number;
}

interface ProxyFit {
  neural: number;
  cells: ProxyCell[];
  loss: number;
}

/** Snapshots of one base run: scores and the float32 Y's. */
function loadSnapshots(out: string, id: string, seed: number, measure: string): { scores: number[]; Ys: Float32Array[] } | null {
  const path = snapshotPath(out, id, seed, measure);
  if (!existsSync(`${path}.json`)) return null;
  const meta = JSON.parse(readFileSync(`${path}.json`, "utf8")) as { snapshots: { score: number }[] };
  const raw = readFileSync(`${path}.f32`);
  const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const size = all.length / meta.snapshots.length;
  return { scores: meta.snapshots.map((s) => s.score), Ys: meta.snapshots.map((_, k) => all.subarray(k * size, (k + 1) * size)) };
}

/**
 * Snapshots of a real run against the surrogate X (the paper's protocol), Y kept on the score grid
 * of spacing 0.01 (optimize's recordEveryScore) besides the initial and the final step:
 * decoding a few of them by bisection costs far less than decoding along the whole run.
 */
function realSnapshots(def: SurrogateDefinition, seed: number, measure: string, X: Matrix): { scores: number[]; Ys: Float64Array[] } {
  const run = optimize({ data: X.data, shape: def.shape }, measure, { seed, ...PAPER_PROTOCOL, recordEveryScore: 0.01, snapshots: true });
  return { scores: run.records.map((r) => r.score), Ys: run.records.map((r) => (r.Y as Matrix).data) };
}

/**
 * Threshold score of a curve known at `scores` through `accuracy(k)`, assuming accuracy rises along the
 * run: the final point tells whether it crosses, a bisection finds where (about log₂ of the points).
 */
function bisectCrossing(scores: number[], accuracy: (k: number) => number, threshold: number): { crossing: number | null; final: number } {
  const cache = new Map<number, number>();
  const acc = (k: number) => cache.get(k) ?? (cache.set(k, accuracy(k)).get(k) as number);
  const last = scores.length - 1;
  if (acc(last) < threshold) return { crossing: null, final: acc(last) };
  let lo = 0;
  let hi = last;
  if (acc(0) >= threshold) return { crossing: scores[0], final: acc(last) };
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (acc(mid) >= threshold) hi = mid;
    else lo = mid;
  }
  return { crossing: thresholdScore([scores[lo], scores[hi]], [acc(lo), acc(hi)], threshold).score, final: acc(last) };
}

/** Proxy Fig. 3 numbers of a label structure, averaged over seeds (crossing: mean of the crossing seeds, null if most never cross). */
function evaluate(def: SurrogateDefinition, structure: LabelStructure, seeds: number[], out: string, measures: readonly string[], real: boolean): ProxyFit {
  const labels = primaryLabels(def);
  const reference = FIG3_REFERENCE[def.id];
  let neural = 0;
  const perMeasure = new Map<string, { crossings: number[]; finals: number[] }>();
  for (const seed of seeds) {
    const base = def.base(seed);
    const rotation = labelRotation(def, seed, base, structure);
    const X = rotation.apply(base.activity.clone());
    const ref = neuralReference(def, X, 100 + seed);
    neural += ref.neural / seeds.length;
    for (const measure of measures) {
      const snaps = real ? realSnapshots(def, seed, measure, X) : loadSnapshots(out, def.id, seed, measure);
      if (!snaps) continue;
      const accuracy = (k: number) => {
        const Y = new Matrix(X.rows, X.cols, Float64Array.from(snaps.Ys[k]));
        return decode(real ? Y : rotation.apply(Y), def.shape, labels, { seed: 100 + seed }).accuracy;
      };
      const { crossing, final } = bisectCrossing(snaps.scores, accuracy, ref.threshold);
      const entry = perMeasure.get(measure) ?? { crossings: [], finals: [] };
      if (crossing !== null) entry.crossings.push(crossing);
      entry.finals.push(final);
      perMeasure.set(measure, entry);
    }
  }
  const cells: ProxyCell[] = [];
  let loss = (2.5 * (neural - reference.neural)) ** 2;
  for (const [measure, { crossings, finals }] of perMeasure) {
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const crossing = crossings.length * 2 > finals.length ? mean(crossings) : null;
    const target = reference.cells[measure as keyof typeof reference.cells];
    cells.push({ measure, crossing, final: mean(finals) });
    if (target.crossing && crossing !== null) loss += rangeDistance(crossing, target.crossing) ** 2;
    else if (target.crossing) loss += (0.99 - target.crossing[1] + 0.1) ** 2;
    else if (crossing !== null) loss += (0.99 - crossing + 0.1) ** 2;
    if (!target.crossing && target.final !== undefined) loss += (mean(finals) - target.final) ** 2;
  }
  return { neural, cells, loss };
}

/** Parameter vector ↔ structure: [strength, ln c₁, ln w₁, (ln c₂, ln w₂, share₁)]. */
function toStructure(p: number[]): LabelStructure {
  const strength = Math.min(1, Math.max(1e-3, p[0]));
  if (p.length === 3) return { strength, bands: [{ center: Math.exp(p[1]), width: Math.exp(p[2]), share: 1 }] };
  const share = Math.min(1, Math.max(0, p[5]));
  return { strength, bands: [{ center: Math.exp(p[1]), width: Math.exp(p[2]), share }, { center: Math.exp(p[3]), width: Math.exp(p[4]), share: 1 - share }] };
}

function fromStructure(s: LabelStructure): number[] {
  const [b1, b2] = s.bands;
  const p = [s.strength, Math.log(b1.center), Math.log(b1.width)];
  return b2 ? [...p, Math.log(b2.center), Math.log(b2.width), b1.share] : p;
}

function show(def: SurrogateDefinition, s: LabelStructure, fit: ProxyFit): string {
  const reference = FIG3_REFERENCE[def.id];
  const fmt = (c: ProxyCell) => {
    const t = reference.cells[c.measure as keyof typeof reference.cells];
    const paper = t.crossing ? `${t.crossing[0]}–${t.crossing[1]}` : `never (${t.final ?? "?"})`;
    return `  ${c.measure.padEnd(30)} paper ${paper.padEnd(14)} proxy ${c.crossing === null ? "never" : c.crossing.toFixed(3)} (final ${c.final.toFixed(3)})`;
  };
  return [`structure ${JSON.stringify(s)}`, `  neural accuracy: paper ${reference.neural}, proxy ${fit.neural.toFixed(3)}; loss ${fit.loss.toFixed(4)}`, ...fit.cells.map(fmt)].join("\n");
}

function main(): void {
  const program = new Command()
    .argument("<dataset>")
    .option("--seeds <list>", "comma-separated seeds with snapshots", "1")
    .option("--out <dir>", "snapshot folder", "output/surrogate-fit")
    .option("--budget <n>", "largest number of evaluations", "30")
    .option("--start <json>", "starting structure (default: the definition's)")
    .option("--bands <n>", "1 or 2 bands (a second band starts at 4× the first's centre)", "")
    .option("--eval-only", "evaluate the starting structure and stop")
    .option("--measures <list>", "comma-separated measures to fit", FIG3_MEASURES.join(","))
    .option("--real", "evaluate with real optimizations against each candidate (Y kept every 0.01 of score, decoded by bisection) instead of the snapshot proxy")
    .parse();
  const def = SURROGATES.find((d) => d.id === program.args[0]);
  if (!def) throw new Error(`unknown surrogate ${program.args[0]}`);
  const o = program.opts<{ seeds: string; out: string; budget: string; start?: string; bands: string; evalOnly?: boolean; measures: string; real?: boolean }>();
  const measures = o.measures.split(",");
  const seeds = o.seeds.split(",").map(Number);
  let structure: LabelStructure = o.start ? JSON.parse(o.start) : def.structure;
  if (o.bands === "2" && structure.bands.length === 1)
    structure = { strength: structure.strength, bands: [{ ...structure.bands[0], share: 0.5 }, { center: structure.bands[0].center * 4, width: structure.bands[0].width, share: 0.5 }] };
  let p = fromStructure(structure);
  let best = evaluate(def, toStructure(p), seeds, o.out, measures, o.real === true);
  console.log(show(def, toStructure(p), best));
  if (o.evalOnly) return;
  const steps = p.map((_, i) => (i === 0 || i === 5 ? 0.15 : 0.4));
  let evaluations = 1;
  while (evaluations < Number(o.budget) && steps.some((s) => s > 0.02)) {
    let improved = false;
    for (let i = 0; i < p.length && evaluations < Number(o.budget); i++)
      for (const sign of [1, -1]) {
        const q = p.slice();
        q[i] += sign * steps[i];
        const fit = evaluate(def, toStructure(q), seeds, o.out, measures, o.real === true);
        evaluations++;
        console.log(`  [${evaluations}] ${JSON.stringify(toStructure(q))} → loss ${fit.loss.toFixed(4)} (neural ${fit.neural.toFixed(3)})`);
        if (fit.loss < best.loss) {
          best = fit;
          p = q;
          improved = true;
          break;
        }
      }
    if (!improved) steps.forEach((_, i) => (steps[i] /= 2));
  }
  console.log(`best after ${evaluations} evaluations:\n${show(def, toStructure(p), best)}`);
}

main();
