import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, loadDataset } from "../../lib";
import { checkFigure } from "../../lib/display/figure-spec";
import { perturbationCurves } from "../../lib/analysis/perturbation-curves";
import { perturbationFigure } from "../../lib/figures/perturbation-figure";
import { scalingFigure } from "../../lib/figures/scaling-figure";
import { measureStyle } from "../../lib/figures/style";
import { axisKey, panelAxes, panelTitle } from "../../lib/figures/subplots";

/** Every notebook figure: a title, a caption naming the data, axis titles on every axis. */
function assertLabelled(fig: ReturnType<typeof perturbationFigure>, dataIds: string[]): void {
  checkFigure(fig);
  const layout = fig.layout as Record<string, any>;
  assert.ok(layout.title.text.length > 0);
  for (const id of dataIds) assert.match(layout.title.subtitle.text, new RegExp(id));
  const axes = Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k));
  assert.ok(axes.length >= 2);
  for (const k of axes) assert.ok(layout[k].title?.text, `${k} has a title`);
}

test("subplot helpers address panel axes, layout keys and titles", () => {
  assert.deepEqual(panelAxes(0), { xaxis: "x", yaxis: "y" });
  assert.deepEqual(panelAxes(4), { xaxis: "x5", yaxis: "y5" });
  assert.equal(axisKey("y", 0), "yaxis");
  assert.equal(axisKey("x", 2), "xaxis3");
  assert.equal(panelTitle(1, "A").xref, "x2 domain");
  assert.throws(() => panelAxes(-1), InputError);
});

test("measureStyle: the paper's labels, one fixed colour per measure", () => {
  assert.equal(measureStyle("procrustes-angular-score").label, "Angular Procrustes");
  assert.notEqual(measureStyle("cka").color, measureStyle("nbs").color);
  assert.equal(measureStyle("some-id").label, "some-id");
  assert.equal(measureStyle("some-id").color, measureStyle("some-id").color);
});

test("perturbationFigure and scalingFigure: one panel per dataset, theory lines and simulation dots, labelled", () => {
  const ds = loadDataset("exp-gaussian-dim50");
  const curves = perturbationCurves(ds, { pcs: [0, 3, 10, 30, 49] });
  const data = { id: ds.id, source: ds.meta.source, seed: 0 };
  const fig = perturbationFigure([{ data, curves }, { data: { ...data, id: "again" }, curves }]);
  assertLabelled(fig, [ds.id, "again"]);
  assert.equal(fig.data.length, 2 * 3 * 2, "2 panels × 3 measures × (line + dots)");
  assert.deepEqual((fig.layout as any).grid, { rows: 1, columns: 2, pattern: "independent", ygap: 0.35, xgap: 0.12 });
  assert.equal(fig.data.filter((t) => t.xaxis === "x2").length, 6);
  assert.equal((fig.layout as any).xaxis.type, "log");
  assert.throws(() => perturbationFigure([]), InputError);

  const scaling = scalingFigure(data, curves, { maxRatio: 0.05 });
  assertLabelled(scaling, [ds.id]);
  const fits = scaling.data.filter((t) => String(t.name).includes("fit")).map((t) => String(t.name));
  assert.equal(fits.length, 3);
  assert.match(fits[0], /ratio\^2\.00/, "CKA's loss is exactly ∝ λ²");
  assert.match(fits[1], /ratio\^1\.00/, "NBS's loss is exactly ∝ λ");
});

test("regionsFigure, relationSchematicFigure: panels with labelled square axes and the 0.9 lines", async () => {
  const { allowedRegion, toy2d, dataCaption, regionsFigure, relationSchematicFigure } = await import("../../lib");
  const region = allowedRegion(toy2d(), "cka", "procrustes-angular-score", { N: 2, maxIter: 5, seed: 0 });
  const fig = regionsFigure([region, region], dataCaption([{ id: "toy2d", source: "toy" }]));
  assertLabelled(fig, ["toy2d"]);
  const layout = fig.layout as Record<string, any>;
  assert.equal(layout.yaxis2.scaleanchor, "x2");
  assert.equal(layout.shapes.length, 4, "two dashed lines per panel");
  assert.equal(fig.data.length, 6, "trajectories, targets, polygon per panel");
  const polygon = fig.data[2] as { x: number[] };
  assert.equal(polygon.x.length, region.polygon.length + 1, "the polygon is closed");
  const schematic = relationSchematicFigure();
  checkFigure(schematic);
  assert.deepEqual(schematic.data.map((t) => t.name), ["independent", "coupled", "asymmetric"]);
  assert.ok((schematic.layout as any).title.subtitle.text.includes("no data"));
});

test("independentScoresFigure and measureCatalogueRows", async () => {
  const { independentScoresFigure, measureCatalogueRows, getMeasure, dataCaption } = await import("../../lib");
  const rows = [10, 100].flatMap((n) => ["cka", "cka-hsic_song"].map((m) => ({ measure: m, samples: n, features: 10, ratio: n / 10, mean: m === "cka" ? 10 / n : 0, sd: 0.01 })));
  const fig = independentScoresFigure(rows, dataCaption([{ id: "N(0,1)", source: "synthetic", seed: 0 }]));
  assertLabelled(fig, ["N\\(0,1\\)"]);
  assert.deepEqual(fig.data.map((t) => (t as any).x), [[1, 10], [1, 10]]);
  assert.throws(() => independentScoresFigure([], "c"), InputError);
  const [cka, ridge] = measureCatalogueRows([getMeasure("cka"), getMeasure("ridge-lambda100-r2#5folds_cv")]);
  assert.deepEqual([cka.range, cka.invariances, cka.gradient], ["[0, 1]", "perm orth scale transl", "✓"]);
  assert.equal(ridge.range, "[−∞, 1]");
});
