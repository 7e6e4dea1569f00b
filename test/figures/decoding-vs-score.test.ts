import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../lib";
import { comparePaper } from "../../lib/figures/compare-paper";
import { DecodingCurve, decodingCurve, decodingFigure, decodingThresholds, finalAccuracyPaperRows, lowestThresholdRows, thresholdPaperRows } from "../../lib/figures/decoding-vs-score";
import { groupedTraces } from "../../lib/figures/dropdown";
import { fig3Label, paperRunConfigs } from "../../lib/figures/paper-runs";
import type { RunResult } from "../../lib/runs";

const curve = (dataset: string, measure: string, seed: number, scores: number[], accuracies: number[]): DecodingCurve => ({
  dataset, measure, seed, label: "context", steps: scores.map((_, i) => i * 10), scores, accuracies,
});

test("decodingCurve: accuracies of the label at the recorded steps, with the score of those steps", () => {
  const run = {
    key: "ab".repeat(32), dataset: "Mante2013", measure: "cka", seed: 2, scores: [0.1, 0.2, 0.3, 0.4, 0.5],
    decoding: [{ step: 4, label: "context", accuracy: 0.9, std: 0 }, { step: 0, label: "context", accuracy: 0.5, std: 0 }, { step: 0, label: "other", accuracy: 0.1, std: 0 }],
  } as unknown as RunResult;
  assert.deepEqual(decodingCurve(run, "context"), { dataset: "Mante2013", measure: "cka", seed: 2, label: "context", steps: [0, 4], scores: [0.1, 0.5], accuracies: [0.5, 0.9] });
  assert.throws(() => decodingCurve(run, "choice"), /context, other/);
});

test("decodingThresholds: first crossing per seed, crossed when most seeds cross, mean over the crossing seeds", () => {
  const dots = decodingThresholds(
    [
      curve("A", "cka", 0, [0, 0.5, 1], [0.5, 0.7, 0.9]), // crosses 0.8 at 0.75
      curve("A", "cka", 1, [0, 0.5, 1], [0.5, 0.9, 0.9]), // crosses at 0.5·(0.3/0.4) = 0.375
      curve("A", "cka", 2, [0, 0.5, 1], [0.5, 0.6, 0.7]), // never
      curve("A", "nbs", 0, [0, 0.5, 1], [0.5, 0.6, 0.7]),
    ],
    { A: 0.8 },
  );
  const cka = dots.find((d) => d.measure === "cka")!;
  assert.equal(cka.crossedSeeds, 2);
  assert.equal(cka.crossed, true);
  assert.ok(Math.abs(cka.score - (0.75 + 0.375) / 2) < 1e-12);
  assert.ok(Math.abs(cka.finalAccuracy - (0.9 + 0.9 + 0.7) / 3) < 1e-12);
  const nbs = dots.find((d) => d.measure === "nbs")!;
  assert.equal(nbs.crossed, false);
  assert.ok(Number.isNaN(nbs.score));
  assert.throws(() => decodingThresholds([curve("B", "cka", 0, [0], [1])], { A: 0.8 }), InputError);
});

test("thresholdPaperRows: numbers within the tolerance agree, a never agrees only with a never", () => {
  const dots = decodingThresholds(
    [
      curve("Mante2013", "procrustes-angular-score", 0, [0, 0.5, 1], [0.5, 0.9, 0.9]), // crossing ≈ 0.42 … within 0.05 of 0.46
      curve("Mante2013", "linreg", 0, [0, 0.99], [0.5, 0.77]),                      // never, like the paper
      curve("Mante2013", "cka", 0, [0, 0.99], [0.5, 0.6]),                          // never, the paper crosses at 0.94–0.95
      curve("Mante2013", "nbs", 0, [0, 0.2, 1], [0.5, 0.9, 0.9]),                   // far from 0.66
      curve("toy2d", "cka", 0, [0, 1], [0, 1]),                                      // not in the paper: skipped
    ],
    { Mante2013: 0.847, toy2d: 0.5 },
  );
  const rows = comparePaper(thresholdPaperRows(dots, 0.05));
  assert.deepEqual(rows.map((r) => [r.quantity, r["agrees?"]]), [
    ["Mante2013: Angular Procrustes", "✓"],
    ["Mante2013: Linear Regression", "✓"],
    ["Mante2013: CKA", "✗"],
    ["Mante2013: NBS", "✗"],
  ]);
  assert.equal(rows[0].paper, "0.460–0.480", "the paper's range includes its first-crossing value");
  const finals = comparePaper(finalAccuracyPaperRows(dots));
  assert.deepEqual(finals.map((r) => [r.quantity, r["agrees?"]]), [["Mante2013: Linear Regression accuracy at the end", "✓"]]);
  const lowest = lowestThresholdRows(dots);
  assert.equal(lowest.length, 1);
  assert.equal((lowest[0] as { holds: boolean }).holds, false, "NBS crosses lower than angular Procrustes here");
});

test("groupedTraces: only the first group visible; one button per group toggles its traces", () => {
  const { data, updatemenus, groups } = groupedTraces([{ group: "a", trace: { y: [1] } }, { group: "b", trace: { y: [2] } }, { group: "a", trace: { y: [3] } }]);
  assert.deepEqual(groups, ["a", "b"]);
  assert.deepEqual(data.map((t) => t.visible), [true, false, true]);
  assert.deepEqual(updatemenus[0].buttons.map((b) => [b.label, b.args[0]]), [["a", { visible: [true, false, true] }], ["b", { visible: [false, true, false] }]]);
  assert.throws(() => groupedTraces([]), InputError);
  assert.throws(() => groupedTraces([{ group: "", trace: {} }]), /items\[0\]\.group/);
});

test("decodingFigure: a dropdown entry per dataset, neural and chance lines, dots only for crossed measures", () => {
  const curves = [curve("A", "cka", 0, [0, 1], [0.5, 0.9]), curve("B", "nbs", 0, [0, 1], [0.5, 0.6])];
  const ref = { label: "context", accuracy: 0.9, chanceUniform: 0.5, chanceMajority: 0.6, chanceRule: "uniform" as const, threshold: 0.86 };
  const dots = decodingThresholds(curves, { A: 0.86, B: 0.86 });
  const fig = decodingFigure(curves, { A: ref, B: ref }, dots, [{ id: "A", source: "surrogate" }, { id: "B", source: "surrogate" }]);
  const menus = fig.layout!.updatemenus as { buttons: { label: string }[] }[];
  assert.deepEqual(menus[0].buttons.map((b) => b.label), ["A", "B"]);
  assert.equal(fig.data.length, 8);
  const dotTraces = fig.data.filter((t) => t.name === "threshold dots");
  assert.deepEqual(dotTraces.map((t) => (t.x as number[]).length), [1, 0]);
  assert.match(JSON.stringify(fig.layout!.title), /A, B \(surrogate\)/);
  assert.throws(() => decodingFigure(curves, { A: ref }, dots, [{ id: "A", source: "surrogate" }]), /none for "B"/);
});

test("paperRunConfigs: the paper protocol, the Fig. 3 label of each dataset, shared keys across notebooks", () => {
  const configs = paperRunConfigs({ datasets: ["FreemanZiemba2013", "toy2d"], measures: ["cka"], seeds: [0, 1], maxIter: 50 });
  assert.equal(configs.length, 4);
  assert.deepEqual(configs[0].record, { every: 10, decoding: ["texture_type"], pcs: true, snapshots: false });
  assert.deepEqual(configs[0].optimizer, { seed: 0, lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, maxIter: 50, stopScore: 0.99 });
  assert.deepEqual(configs[2].record.decoding, [], "a dataset outside the paper records PCs only");
  assert.equal(fig3Label("Hatsopoulos2007"), "target");
  assert.throws(() => paperRunConfigs({ datasets: [], measures: ["cka"], seeds: [0] }), InputError);
});
