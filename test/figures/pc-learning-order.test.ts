import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../lib";
import { comparePaper } from "../../lib/figures/compare-paper";
import { PcCapture, captureScoreFigure, captureSlope, pcCapture, pcsCapturedPaperRows, r2VsScoreFigure } from "../../lib/figures/pc-learning-order";
import type { RunResult } from "../../lib/runs";

// Two PCs recorded at steps 0, 10, 20: PC 0 reaches its half-way R² (0.75) between steps 0 and 10, PC 1 never.
const run = {
  key: "cd".repeat(32), dataset: "FreemanZiemba2013", measure: "cka", seed: 0, iterations: 20, finalScore: 0.99,
  scores: Array.from({ length: 21 }, (_, i) => i / 20),
  pcs: [
    { step: 0, pc: 0, r2: 0.5, explainedVariance: 0.9 }, { step: 0, pc: 1, r2: 0.2, explainedVariance: 0.1 },
    { step: 10, pc: 0, r2: 1, explainedVariance: 0.9 }, { step: 10, pc: 1, r2: 0.3, explainedVariance: 0.1 },
    { step: 20, pc: 0, r2: 1, explainedVariance: 0.9 }, { step: 20, pc: 1, r2: 0.4, explainedVariance: 0.1 },
  ],
} as unknown as RunResult;

test("pcCapture: regroups the stored R² rows by step and PC and applies the half-way rule", () => {
  const c = pcCapture(run);
  assert.deepEqual(c.scores, [0, 0.5, 1]);
  assert.deepEqual(c.r2, [[0.5, 0.2], [1, 0.3], [1, 0.4]]);
  assert.ok(Math.abs(c.captureScores[0] - 0.25) < 1e-12, "τ = 0.75 is half-way from 0.5 to 1.0 between scores 0 and 0.5");
  assert.ok(Number.isNaN(c.captureScores[1]));
  assert.deepEqual(c.captured, { count: 1, total: 2, varianceShare: 0.9 });
  assert.throws(() => pcCapture({ ...run, pcs: [] } as RunResult), InputError);
});

test("captureSlope: slope of the capture score against log10 variance over the captured PCs", () => {
  assert.ok(Math.abs(captureSlope({ captureScores: [0.2, 0.5, 0.8, NaN], explainedVariance: [0.1, 0.01, 0.001, 1e-4] }) - -0.3) < 1e-12);
  assert.ok(Number.isNaN(captureSlope({ captureScores: [0.2, NaN], explainedVariance: [0.1, 0.01] })));
});

const fake = (measure: string, count: number, slope: number): PcCapture => {
  const variance = [0.1, 0.01, 0.001];
  return {
    dataset: "FreemanZiemba2013", measure, seed: 0, iterations: 10, finalScore: 0.99, explainedVariance: variance, scores: [0, 1], r2: [[0, 0, 0], [1, 1, 1]],
    captureScores: variance.map((v) => 0.5 + slope * Math.log10(v)), captured: { count, total: 205, varianceShare: 1 },
  };
};

test("pcsCapturedPaperRows: captured fraction vs §8.1 within the tolerance, and the CKA-vs-Procrustes slope conclusion", () => {
  const rows = comparePaper(pcsCapturedPaperRows([fake("cka", 46, -0.3), fake("procrustes-angular-score", 150, -0.01), fake("ensd", 1, 0)], 0.1));
  assert.deepEqual(rows.map((r) => r["agrees?"]), ["✓", "✗", "✓"], "CKA 46/205 as the paper; Procrustes 150 vs 204 of 205; CKA steeper");
  assert.match(rows[0].note, /paper 46\/205 \(88% of variance\)/);
  const flat = comparePaper(pcsCapturedPaperRows([fake("cka", 46, -0.01), fake("procrustes-angular-score", 204, -0.3)]));
  assert.equal(flat[2]["agrees?"], "✗");
});

test("captureScoreFigure and r2VsScoreFigure: log-x axis, a dropdown per dataset (or dataset × measure), captured PCs only", () => {
  const c = pcCapture(run);
  const fig = captureScoreFigure([c], [{ id: "FreemanZiemba2013", source: "surrogate" }]);
  assert.equal((fig.layout!.xaxis as { type: string }).type, "log");
  assert.deepEqual(fig.data[0].x, [0.9]);
  const r2 = r2VsScoreFigure([c, { ...c, measure: "nbs" }], [{ id: "FreemanZiemba2013", source: "surrogate" }], { count: 2 });
  const menus = r2.layout!.updatemenus as { buttons: { label: string }[] }[];
  assert.deepEqual(menus[0].buttons.map((b) => b.label), ["FreemanZiemba2013 · CKA", "FreemanZiemba2013 · NBS"]);
  assert.equal(r2.data.length, 6, "2 PCs + a colour-bar trace per panel");
  assert.throws(() => captureScoreFigure([], [{ id: "x", source: "toy" }]), InputError);
});
