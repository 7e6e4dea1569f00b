import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "fs";
import { join } from "path";
import { EXPLORER_MEASURES, explorerHtml, explorerPage, explorerSettings, showExplorer } from "../../lib";
import { EXPLORER_CACHE_DIR, bundleInputsHash, explorerBundle } from "../../lib/display/explorer-bundle";
import { InputError } from "../../lib/errors";

const argumentOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return e.argument;
  }
  return "accepted";
};

test("explorerSettings fills the defaults and names every bad argument", () => {
  const s = explorerSettings();
  assert.deepEqual(s, { measures: EXPLORER_MEASURES, measure: "cka", lr: 0.1, seed: 0, maxIter: 1000, stopScore: 0.99, stepsPerSecond: 20, autoplay: false });
  for (const id of ["cka", "procrustes-angular-score", "nbs", "ridge-lambda100-r2#5folds_cv", "linreg"]) assert.ok(s.measures.includes(id), id);
  assert.equal(explorerSettings({ measure: "nbs", lr: 0.05 }).measure, "nbs");
  assert.equal(argumentOf(() => explorerSettings({ measure: "nbs", measures: ["cka"] })), "measure");
  assert.equal(argumentOf(() => explorerSettings({ measures: [] })), "measures");
  assert.equal(argumentOf(() => explorerSettings({ measures: ["no-such-measure"] })), "measure"); // getMeasure names the id
  assert.equal(argumentOf(() => explorerSettings({ lr: 0 })), "lr");
  assert.equal(argumentOf(() => explorerSettings({ seed: 1.5 })), "seed");
  assert.equal(argumentOf(() => explorerSettings({ maxIter: 0 })), "maxIter");
  assert.equal(argumentOf(() => explorerSettings({ stepsPerSecond: -1 })), "stepsPerSecond");
});

test("the bundle inlines both WebAssembly kernels and is cached under the hash of its inputs", () => {
  const bundle = explorerBundle();
  assert.equal(bundle.version, bundleInputsHash());
  assert.ok(existsSync(join(EXPLORER_CACHE_DIR, `explorer-${bundle.version}.js`)));
  assert.deepEqual(readdirSync(EXPLORER_CACHE_DIR).filter((f) => f.endsWith(".js")), [`explorer-${bundle.version}.js`], "older bundles are removed");
  for (const name of ["gemm", "eigh"]) {
    const base64 = readFileSync(join(__dirname, "..", "..", "lib", "tensor", "kernels", `${name}.wasm`)).toString("base64");
    assert.ok(bundle.code.includes(base64), `${name}.wasm is inlined`);
  }
  assert.ok(bundle.code.includes("diffsimExplorer"));
  assert.ok(!/<\/script/i.test(bundle.code), "the bundle can sit inside a <script> element");
  assert.ok(!/https?:\/\/cdn/i.test(bundle.code), "nothing is fetched from a CDN");
  assert.ok(bundle.code.length < 400_000, `bundle of ${bundle.code.length} characters`);
  assert.equal(explorerBundle(), bundle, "the same bundle again from memory");
});

test("explorerHtml: placeholder for viewers without scripts, the bundle once per version, the settings", () => {
  const html = explorerHtml({ measure: "nbs", seed: 3 });
  const { version } = explorerBundle();
  assert.match(html, /^<div id="diffsim-explorer-[0-9a-f]{12}"/);
  assert.ok(html.includes("Trust Notebook"), "says what to do where scripts do not run");
  assert.ok(html.includes(`window.diffsimExplorer.version!==${JSON.stringify(version)}`));
  assert.equal(html.match(/<\/script>/g)?.length, 2, "two scripts: the bundle and the mount call");
  assert.ok(html.includes('"measure":"nbs"') && html.includes('"seed":3'));
  assert.ok(html.includes("files/node_modules/plotly.js-dist-min/plotly.min.js"), "plotly.js as showFigure gets it, never from a CDN");
  assert.notEqual(explorerHtml().slice(0, 40), explorerHtml().slice(0, 40), "every output has its own root id");
});

test("explorerPage is a whole offline document with plotly.js inlined", () => {
  const page = explorerPage();
  assert.match(page, /^<!DOCTYPE html>/);
  assert.ok(page.includes(readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8").slice(0, 200)));
  assert.ok(!/<script[^>]+src=/.test(page), "no external script");
});

test("showExplorer outside a kernel prints one summary line", () => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    showExplorer({ measures: ["cka", "nbs"], lr: 0.2 });
  } finally {
    console.log = log;
  }
  assert.deepEqual(lines, ["Live explorer: toy2d, measures cka, nbs; start cka, lr 0.2, seed 0 (runs in the page)"]);
});
