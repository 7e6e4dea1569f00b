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
