import { test } from "node:test";
import assert from "node:assert/strict";
import { AllowedRegion, InputError, ScorePair, dataCaption, placeInRegion } from "../../lib";
import { checkFigure } from "../../lib/display/figure-spec";
import { modelRegionsFigure } from "../../lib/figures/model-regions-figure";
import { regionGuaranteeRows, regionSummary } from "../../lib/figures/region-guarantees";

const region = (measureA: string, polygon: ScorePair[]): AllowedRegion => ({ measures: [measureA, "procrustes-angular-score"], targets: [], runs: [], reached: polygon, polygon });
// B ≥ A: a high CKA forces a high Procrustes, a high Procrustes leaves CKA free
const upper = region("cka", [[0, 0], [1, 1], [0, 1]]);
const square = region("linreg", [[0, 0], [1, 0], [1, 1], [0, 1]]);

test("regionGuaranteeRows: two rows per pair, the lower end of each range as the guarantee unless the model refutes it", () => {
  const inside = placeInRegion(upper, [0.2, 0.6]);
  const [givenProcrustes, givenCka] = regionGuaranteeRows([inside]);
  assert.equal(givenProcrustes.pair, "Angular Procrustes × CKA");
  assert.equal(givenProcrustes["the model's pair"], "CKA 0.200, Angular Procrustes 0.600: inside the region");
  assert.equal(givenProcrustes["region implies"], "CKA ∈ [0.000, 1.000]");
  assert.equal(givenProcrustes.guarantees, "CKA ≥ 0.000 (every optimized Y with Angular Procrustes that high)");
  assert.equal(givenProcrustes["does not guarantee"], "where CKA lies in [0.000, 1.000] (a spread of 1.000)");
  assert.equal(givenCka["region implies"], "Angular Procrustes ∈ [0.200, 1.000]");
  assert.equal(givenCka["the model"], "Angular Procrustes 0.600: within");
  // below the diagonal: the model has less Procrustes than the region says CKA 0.8 forces
  const [, refuted] = regionGuaranteeRows([placeInRegion(upper, [0.8, 0.3])]);
  assert.match(refuted.guarantees, /^nothing shown: the model's Angular Procrustes is below the region's bound 0\.800/);
  // nothing in the region reaches the model's Procrustes
  const [unknown] = regionGuaranteeRows([placeInRegion(upper, [0.5, 1.2])]);
  assert.equal(unknown["region implies"], "—");
  assert.match(unknown.guarantees, /^nothing: no optimized Y reached Angular Procrustes ≥ 1\.200/);
  assert.equal(regionSummary(inside), "inside; Angular Procrustes ≥ 0.600 ⇒ CKA ∈ [0.000, 1.000] (model within)");
  assert.equal(regionSummary(placeInRegion(upper, [0.5, 1.2])), "outside; Angular Procrustes ≥ 1.200 ⇒ CKA ∈ unknown (not reached) (model unknown)");
});

test("modelRegionsFigure: the regions' panels with one star per panel at the model's pair", () => {
  const placements = [placeInRegion(upper, [0.2, 0.6]), placeInRegion(square, [0.45, 0.6])];
  const fig = modelRegionsFigure([upper, square], placements, dataCaption([{ id: "siegel15-FEF-stim_period-var99", source: "surrogate", seed: 0 }]));
  checkFigure(fig);
  const layout = fig.layout as Record<string, any>;
  assert.match(layout.title.text, /model in the allowed regions/);
  assert.match(layout.title.subtitle.text, /siegel15-FEF-stim_period-var99 \(surrogate, seed 0\)/);
  assert.ok(layout.xaxis.title.text && layout.yaxis2.title.text);
  assert.equal(layout.margin.t, 140, "a one-line caption fits regionsFigure's margin");
  const long = modelRegionsFigure([upper], placements.slice(0, 1), dataCaption([{ id: "a-long-dataset-name-".repeat(5), source: "surrogate" }, { id: "a-long-model-name-".repeat(5), source: "user" }], "N = 4 (12 targets), 50 Adam steps (lr 0.1), initial Y seed 0"));
  assert.equal((long.layout as any).title.subtitle.text.split("<br>").length, 3);
  assert.deepEqual([(long.layout as any).margin.t, (long.layout as any).height], [180, 520], "room for two more caption lines");
  assert.deepEqual(Object.keys(regionGuaranteeRows(placements)[0]), ["pair", "the model's pair", "given", "region implies", "the model", "guarantees", "does not guarantee"]);
  const stars = fig.data.filter((t) => t.name === "the model") as { x: number[]; y: number[]; xaxis: string; showlegend: boolean }[];
  assert.deepEqual(stars.map((s) => [s.x[0], s.y[0], s.xaxis]), [[0.2, 0.6, "x"], [0.45, 0.6, "x2"]]);
  assert.deepEqual(stars.map((s) => s.showlegend), [true, false], "one legend entry");
  assert.throws(() => modelRegionsFigure([upper, square], placements.slice(0, 1), "data: x (toy)"), InputError);
  assert.throws(() => modelRegionsFigure([upper, square], placements.reverse(), "data: x (toy)"), /placement 0 in the region of cka/);
});
