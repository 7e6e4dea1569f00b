import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { listDatasets, loadDataset } from "../../lib/data/datasets";
import { InputError } from "../../lib/errors";
import { pca } from "../../lib/tensor/linalg/pca";

const emptyCache = mkdtempSync(join(tmpdir(), "diffsim-empty-cache-"));
const fixtureCache = join(__dirname, "..", "..", "data", "fixtures", "cache");

/** Runs f with console.log captured; returns f's result and the captured lines. */
function capturingLog<T>(f: () => T): { result: T; lines: string[] } {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  try {
    return { result: f(), lines };
  } finally {
    console.log = original;
  }
}

test("listDatasets describes the five neural datasets, their variants and the toys", () => {
  const list = listDatasets();
  const byId = Object.fromEntries(list.map((d) => [d.id, d]));
  const neural: [string, number[], string, number, boolean][] = [
    ["Mante2013", [15, 72, 727], "context", 0.886, true],
    ["siegel15-FEF-stim_period-var99", [11, 43, 278], "context", 0.865, false],
    ["Hatsopoulos2007", [10, 391, 141], "target", 0.767, true],
    ["MajajHong2015", [3200, 168], "category", 0.847, true],
    ["FreemanZiemba2013", [2, 135, 205], "texture_type", 0.6, true],
  ];
  for (const [id, shape, primary, reference, isPublic] of neural) {
    const d = byId[id];
    assert.ok(d, id);
    assert.equal(d.kind, "neural");
    assert.deepEqual(d.shape, shape);
    assert.equal(d.primaryLabel, primary);
    assert.equal(d.referenceAccuracy, reference);
    assert.equal(d.realDataPublic, isPublic, `${id} public`);
    assert.deepEqual(d.sources, ["real", "surrogate"]);
    assert.ok(d.citation.length > 10 && d.units.length > 3);
    assert.ok(d.labels.some((l) => l.name === primary));
  }
  assert.deepEqual(byId.MajajHong2015.labels[0].counts, Array(8).fill(400));
  assert.deepEqual(byId.FreemanZiemba2013.labels[0].classNames, ["noise", "texture"]);
  assert.deepEqual(byId["Mante2013-var95"].shape.slice(0, 2), [15, 72]);
  assert.ok(Math.abs(byId["Mante2013-var95"].shape[2] - 269) <= 2 && Math.abs(byId["Mante2013-var99"].shape[2] - 448) <= 2);
  for (const toy of ["toy2d", "ultrametric", "exp-gaussian", "exp-gaussian-dim50"]) assert.equal(byId[toy]?.kind, "toy", toy);
  assert.deepEqual(byId.toy2d.shape, [10, 6, 2]);
  assert.ok(byId["Mante2013-spectrum-gaussian"]);
  // A copy: editing it does not change the registry.
  list[0].shape[0] = -1;
  assert.notEqual(listDatasets()[0].shape[0], -1);
});

test('source "surrogate": a seeded surrogate with full metadata, deterministic for a seed', () => {
  const { result: d, lines } = capturingLog(() => loadDataset("FreemanZiemba2013", { source: "surrogate", seed: 4 }));
  assert.equal(lines.length, 0, "no console line when the surrogate is asked for");
  assert.equal(d.id, "FreemanZiemba2013");
  assert.deepEqual(d.shape, [2, 135, 205]);
  assert.equal(d.activity.rows, 270);
  assert.equal(d.activity.cols, 205);
  assert.equal(d.meta.source, "surrogate");
  assert.equal(d.meta.isSurrogate, true);
  assert.equal(d.meta.primaryLabel, "texture_type");
  assert.equal(d.meta.referenceAccuracy, 0.6);
  assert.equal(d.meta.version, 3, "the surrogate recipe's version is part of the metadata");
  assert.match(d.meta.units, /spikes\/ms/);
  assert.match(d.meta.preprocessing, /seed 4/);
  assert.match(d.meta.citation, /Freeman/);
  assert.match(d.meta.notes ?? "", /surrogate/);
  const nested = d.toArray() as number[][][];
  assert.equal(nested.length, 2);
  assert.equal(nested[1][134][204], d.activity.get(269, 204));
  assert.deepEqual(loadDataset("FreemanZiemba2013", { source: "surrogate", seed: 4 }).activity.data, d.activity.data);
  assert.notDeepEqual(loadDataset("FreemanZiemba2013", { source: "surrogate", seed: 5 }).activity.data, d.activity.data);
});

test('source "auto" without cached real data: the surrogate, said in meta.notes; printed only when asked (log, or quiet: false)', () => {
  const { result: d, lines } = capturingLog(() => loadDataset("siegel15-FEF-stim_period-var99", { cacheDir: emptyCache }));
  assert.equal(d.meta.source, "surrogate");
  assert.equal(lines.length, 0);
  assert.match(d.meta.notes ?? "", /surrogate.*not in the cache/);
  const told: string[] = [];
  const logged = capturingLog(() => loadDataset("siegel15-FEF-stim_period-var99", { cacheDir: emptyCache, log: (line) => told.push(line) }));
  assert.equal(logged.lines.length, 0);
  assert.equal(told.length, 1);
  assert.match(told[0], /siegel15-FEF-stim_period-var99.*not in the cache.*surrogate/);
  const loud = capturingLog(() => loadDataset("siegel15-FEF-stim_period-var99", { cacheDir: emptyCache, quiet: false }));
  assert.deepEqual(loud.lines, told);
});

test('source "auto" / "real" with the files in the cache: the real loader is used', () => {
  const { result: d, lines } = capturingLog(() => loadDataset("FreemanZiemba2013", { cacheDir: fixtureCache }));
  assert.equal(lines.length, 0);
  assert.equal(d.meta.source, "real");
  assert.equal(d.meta.isSurrogate, false);
  assert.equal(loadDataset("FreemanZiemba2013", { source: "real", cacheDir: fixtureCache }).meta.source, "real");
  // The PCA variant of real data: scores keeping 95 % of the variance.
  const base = loadDataset("Mante2013", { source: "real", cacheDir: fixtureCache });
  const v = loadDataset("Mante2013-var95", { source: "real", cacheDir: fixtureCache });
  const ratios = pca(base.activity).explainedVarianceRatio;
  let k = 0;
  for (let c = 0; c <= 0.95 && k < ratios.length; k++) c += ratios[k];
  assert.deepEqual(v.shape, [...base.shape.slice(0, 2), k]);
  assert.equal(v.id, "Mante2013-var95");
  assert.equal(v.meta.source, "real");
  assert.match(v.meta.preprocessing, /PCA keeping 95 %/);
});

test('source "real" without the files: InputError saying where and how (Siegel: not public)', () => {
  assert.throws(
    () => loadDataset("Mante2013", { source: "real", cacheDir: emptyCache }),
    (e: unknown) => e instanceof InputError && e.argument === "source" && /downloadDataset\("Mante2013"\)/.test(e.message) && e.message.includes(emptyCache),
  );
  assert.throws(() => loadDataset("siegel15-FEF-stim_period-var99", { source: "real", cacheDir: emptyCache }), (e: unknown) => e instanceof InputError && /not public/.test(e.message));
});

test("Mante2013-var95 surrogate: PC scores of the surrogate keeping 95 % of its variance", () => {
  const v = loadDataset("Mante2013-var95", { source: "surrogate" });
  const listed = listDatasets().find((d) => d.id === "Mante2013-var95");
  assert.deepEqual(v.shape, listed?.shape);
  assert.equal(v.activity.cols, v.shape[2]);
  assert.equal(v.meta.isSurrogate, true);
  assert.deepEqual(Object.keys(v.labels), ["gt_choice", "coh_mod1", "coh_mod2", "context"]);
  // Scores are centered and their columns orthogonal with decreasing sums of squares.
  const X = v.activity;
  const colSS = (j: number) => Array.from({ length: X.rows }, (_, i) => X.get(i, j) ** 2).reduce((a, b) => a + b, 0);
  assert.ok(colSS(0) > colSS(1) && colSS(1) > colSS(10));
  const dot01 = Array.from({ length: X.rows }, (_, i) => X.get(i, 0) * X.get(i, 1)).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(dot01) < 1e-9 * colSS(0));
  assert.ok(Math.abs(colSS(0) / 15.5 - 1) < 2e-3, "PC1 sum of squares ≈ Fig. 6's 15.5");
});

test("toys and spectrum-matched Gaussians load by id", () => {
  assert.deepEqual(loadDataset("toy2d").shape, [10, 6, 2]);
  assert.equal(loadDataset("toy2d").meta.source, "toy");
  assert.deepEqual(loadDataset("ultrametric", { seed: 2 }).shape, [100, 50]);
  assert.notDeepEqual(loadDataset("ultrametric", { seed: 2 }).activity.data, loadDataset("ultrametric", { seed: 3 }).activity.data);
  assert.deepEqual(loadDataset("exp-gaussian-dim50").shape, [15, 40, 50]);
  const g = loadDataset("FreemanZiemba2013-spectrum-gaussian", { source: "surrogate", seed: 1 });
  assert.deepEqual(g.shape, [2, 135, 205]);
  assert.equal(g.meta.isSurrogate, true);
  assert.throws(() => loadDataset("toy2d", { source: "real" }), (e: unknown) => e instanceof InputError && e.argument === "source");
});

test("bad ids and options: InputError with suggestions", () => {
  assert.throws(() => loadDataset("mante2013"), (e: unknown) => e instanceof InputError && e.argument === "id" && /"Mante2013"/.test(e.message));
  assert.throws(() => loadDataset("Hatsopolous2007"), (e: unknown) => e instanceof InputError && /"Hatsopoulos2007"/.test(e.message));
  assert.throws(() => loadDataset("Mante2013", { source: "cache" as never }), (e: unknown) => e instanceof InputError && e.argument === "source");
  assert.throws(() => loadDataset("Mante2013", { seed: NaN }), (e: unknown) => e instanceof InputError && e.argument === "seed");
});
