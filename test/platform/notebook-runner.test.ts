/**
 * `npm run notebooks` (environment/run-notebooks.js) on small notebooks made here: executed copies with
 * every output, failures that name the notebook and the cell (type error, exception, missing parameter
 * cell), ONE HTML report whose figures render in Chromium with the network blocked, and the notebooks
 * that set the run store (`STORE`) run one after another while the others run beside them (--jobs 2).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { pathToFileURL } from "url";
import { launchChromium, missingPlatform, paths, run, type RunResult } from "./helpers";

const skip = missingPlatform({ venv: true, chromium: true });
const dir = join(paths.outputDir, `test-runner-${process.pid}`);
const out = join(dir, "out");

function notebook(file: string, cells: Array<{ source: string; parameters?: boolean }>): string {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab-repo", display_name: "TypeScript (diffsim repo)", language: "typescript" } },
    cells: cells.map((c, i) => ({ id: `c${i}`, cell_type: "code", metadata: c.parameters ? { tags: ["parameters"] } : {}, execution_count: null, outputs: [], source: c.source })),
  };
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(nb, null, 1));
  return path;
}

let result: RunResult;
before(async () => {
  if (skip) return;
  mkdirSync(dir, { recursive: true });
  const params = { source: 'const QUICK = process.env.QUICK === "1";', parameters: true };
  const files = [
    notebook("a-ok.ipynb", [
      params,
      { source: 'import { showFigure } from "./lib/display/figure";\nimport { showTable } from "./lib/display/table";\nimport { progress } from "./lib/display/progress";\nimport { closeRenderer } from "./lib/display/static-export";' },
      { source: 'await showFigure({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { title: { text: "runner figure" } } });' },
      { source: 'showTable([{ measure: "cka", score: 0.123456 }]);' },
      { source: 'const bar = progress(3, "steps", { intervalMs: 0 });\nfor (let i = 0; i < 3; i++) bar.tick();\nbar.done();' },
      { source: 'console.log(QUICK ? "quick mode" : "full mode");\nawait closeRenderer();' },
    ]),
    notebook("b-type-error.ipynb", [params, { source: "const s: string = 42;" }, { source: 'console.log("not reached");' }]),
    notebook("c-throws.ipynb", [params, { source: 'throw new Error("boom from the second cell");' }]),
    notebook("d-no-parameters.ipynb", [{ source: "const QUICK = false;" }]),
    ...["e-store.ipynb", "f-store.ipynb"].map((name) =>
      notebook(name, [
        { source: 'const STORE = "unused.duckdb";', parameters: true },
        { source: `import { writeFileSync } from "fs";\nconst start = Date.now();\nawait new Promise((r) => setTimeout(r, 3000));\nwriteFileSync(${JSON.stringify(join(dir, `${name}.json`))}, JSON.stringify({ start, end: Date.now() }));` },
      ]),
    ),
  ];
  result = await run(process.execPath, [join(paths.root, "environment", "run-notebooks.js"), "--out", out, "--timeout", "300", "--jobs", "2", ...files], {
    cwd: paths.root,
    env: { ...process.env, QUICK: "1" },
    timeoutMs: 600_000,
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const readNb = (name: string) => JSON.parse(readFileSync(join(out, name), "utf8"));
const log = () => `${result.stdout}\n${result.stderr}`;

test("the run fails (exit 1) and names each failing notebook and cell with tslab's message", { skip }, () => {
  assert.ok(!result.timedOut, "the runner finished");
  assert.equal(result.code, 1, log());
  assert.match(result.stderr, /b-type-error\.ipynb: cell 2 of 3 \(`const s: string = 42;`\) failed:\n1:7 - Type 'number' is not assignable to type 'string'/);
  assert.match(result.stderr, /c-throws\.ipynb: cell 2 of 2 \(`throw new Error\("boom from the second cell"\);`\) failed:\n[^]*boom from the second cell/);
  assert.match(result.stderr, /d-no-parameters\.ipynb: cell 1 of 1 \(`const QUICK = false;`\) failed:\nthe first cell must be a code cell tagged "parameters"/);
  assert.match(result.stdout, /6 notebook\(s\): 3 ok, 3 failed/);
});

test("the executed copy holds every output: figure bundle, HTML table, final progress state, QUICK", { skip }, () => {
  const nb = readNb("a-ok.ipynb");
  assert.equal(nb.metadata.diffsim_run.status, "ok");
  assert.equal(nb.metadata.diffsim_run.quick, true);
  const outputs = (i: number) => nb.cells[i].outputs as Array<{ output_type: string; data?: Record<string, unknown>; text?: string }>;
  const figure = outputs(2).find((o) => o.output_type === "display_data")!;
  assert.deepEqual(Object.keys(figure.data!).sort(), ["application/vnd.plotly.v1+json", "image/png", "text/html", "text/plain"]);
  assert.match(String(figure.data!["text/html"]), /<img src="data:image\/png;base64,/);
  assert.match(String(outputs(3)[0].data!["text/html"]), /<td style="text-align:right">0\.123<\/td>/);
  const bars = outputs(4).filter((o) => o.output_type === "display_data");
  assert.equal(bars.length, 1, "progress updates replace one output (display_id)");
  assert.match(String(bars[0].data!["text/plain"]), /^steps 3\/3 \(100%\)/);
  assert.equal(outputs(5).map((o) => o.text).join(""), "quick mode\n");
});

test("after a failure the later cells are not run, and the copy is still written", { skip }, () => {
  const nb = readNb("b-type-error.ipynb");
  assert.equal(nb.metadata.diffsim_run.status, "failed");
  assert.equal(nb.metadata.diffsim_run.failed_cell, 1);
  assert.deepEqual(nb.cells[2].outputs, []);
});

test("ONE report: summary, every notebook, plotly.js inlined once, no remote URL loaded", { skip }, () => {
  const html = readFileSync(join(out, "report.html"), "utf8");
  assert.equal(html.split("* plotly.js v").length - 1, 1, "plotly.js appears exactly once");
  for (const name of ["a-ok", "b-type-error", "c-throws", "d-no-parameters", "e-store", "f-store"]) assert.ok(html.includes(`${name}.ipynb`), name);
  const order = ["a-ok", "b-type-error", "c-throws", "d-no-parameters", "e-store", "f-store"].map((name) => html.indexOf(`${name}.ipynb`));
  assert.deepEqual(order, [...order].sort((a, b) => a - b), "the report lists the notebooks in name order");
  assert.match(html, /3 notebook\(s\) failed/);
  assert.ok(!/<script[^>]+src="https?:/.test(html), "no script from a CDN");
});

test("the report opened from disk with the network blocked renders the figure interactively", { skip, timeout: 180_000 }, async () => {
  const browser = await launchChromium(["--host-resolver-rules=MAP * ~NOTFOUND"]);
  try {
    const page = await browser.newPage();
    const remote: string[] = [];
    await page.route(/^(https?|wss?):/, (route) => (remote.push(route.request().url()), route.abort()));
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(out, "report.html")).href);
    await page.waitForSelector(".diffsim-figure.js-plotly-plot .main-svg", { timeout: 60_000 });
    assert.equal(await page.locator(".diffsim-figure").count(), 1);
    assert.equal(await page.locator(".diffsim-figure.js-plotly-plot").count(), 1, "the PNG was replaced by the interactive plot");
    assert.ok((await page.locator(".diffsim-figure .gtitle").textContent())?.includes("runner figure"));
    assert.deepEqual(remote, [], "the report requests nothing from the network");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test("the notebooks that set the run store run one after another, the others beside them", { skip }, () => {
  const [e, f] = ["e-store", "f-store"].map((name) => JSON.parse(readFileSync(join(dir, `${name}.ipynb.json`), "utf8")) as { start: number; end: number });
  assert.ok(e.end <= f.start, `f-store started ${f.start - e.end} ms before e-store ended`);
  const lines = result.stdout.split("\n");
  const startOfE = lines.findIndex((l) => l.includes("▶") && l.includes("e-store.ipynb"));
  const endOfA = lines.findIndex((l) => l.includes("✓") && l.includes("a-ok.ipynb"));
  assert.ok(startOfE >= 0 && endOfA >= 0, log());
  assert.ok(startOfE < endOfA, "the store's chain started while a-ok was running (2 at a time)");
});

test("--jobs must be a whole number ≥ 1", { skip }, async () => {
  const r = await run(process.execPath, [join(paths.root, "environment", "run-notebooks.js"), "--jobs", "0"], { cwd: paths.root, timeoutMs: 60_000 });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--jobs needs a whole number ≥ 1/);
});

test("executed copies and the report sit in the output folder", { skip }, () => {
  for (const f of ["a-ok.ipynb", "b-type-error.ipynb", "c-throws.ipynb", "d-no-parameters.ipynb", "e-store.ipynb", "f-store.ipynb", "report.html"]) assert.ok(existsSync(join(out, f)), f);
});
