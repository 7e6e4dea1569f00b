/**
 * The live explorer in headless Chromium, opened from disk with no server and no kernel: as a
 * standalone page (explorerPage) and inside the offline HTML report of the notebook runner
 * (environment/notebook_report.py on a notebook whose output is explorerHtml). In both: the inlined
 * WebAssembly kernels load, Play makes the score rise, the page's scores equal optimize() in Node for
 * the same measure, seed and learning rate, switching measure/seed/lr restarts the run with them,
 * Pause stops it, and nothing is logged as an error. Screenshots go to output/platform/.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Page } from "playwright-core";
import { explorerHtml, explorerPage, optimize, toy2d } from "../../lib";
import { launchChromium, missingPlatform, paths } from "../platform/helpers";

const X = toy2d().toArray();

/** The page's scores of explorer `index`. */
function pageScores(page: Page, index = 0): Promise<number[]> {
  return page.evaluate((i) => (globalThis as any).diffsimExplorer.instances[i].scores as number[], index);
}

/** Waits until explorer `index` has evaluated at least `count` steps. */
async function waitForSteps(page: Page, count: number, index = 0): Promise<void> {
  await page.waitForFunction(([i, n]) => (globalThis as any).diffsimExplorer?.instances[i]?.iteration >= n, [index, count] as const, { timeout: 60_000, polling: 50 });
}

/** The page's first `count` scores equal optimize() in Node for the same settings (kernels differ in rounding only). */
async function assertSameAsNode(page: Page, measure: string, seed: number, lr: number, count: number): Promise<void> {
  const scores = (await pageScores(page)).slice(0, count);
  const expected = optimize(X, measure, { seed, lr, maxIter: count - 1 }).scores;
  assert.equal(scores.length, count);
  for (let k = 0; k < count; k++) assert.ok(Math.abs(scores[k] - expected[k]) < 1e-9, `${measure} seed ${seed} lr ${lr}: step ${k}: page ${scores[k]}, node ${expected[k]}`);
}

/** Everything the explorer must do in a page that shows it (standalone or in the report). */
async function driveExplorer(page: Page, root: string, screenshot: string): Promise<void> {
  const kernels = await page.evaluate(() => (globalThis as any).diffsimExplorer.kernels);
  assert.deepEqual(kernels, { gemm: "wasm-simd", eigh: "wasm" }, "the inlined WebAssembly kernels run in the page");
  const control = (name: string) => page.locator(`${root} [data-control="${name}"]`);
  assert.equal(await page.locator(root).getAttribute("data-state"), "paused");
  assert.equal((await pageScores(page)).length, 1, "Y₀ is scored at once, nothing more before Play");

  // CKA, seed 0, lr 0.1: the score rises over time, and equals Node's optimize()
  await control("play").click();
  await waitForSteps(page, 8);
  const early = await pageScores(page);
  await waitForSteps(page, 20);
  const later = await pageScores(page);
  assert.ok(later.length > early.length && later[later.length - 1] > early[early.length - 1] && later[later.length - 1] > later[0] + 0.5, `score rises: ${early.at(-1)} → ${later.at(-1)}`);
  await assertSameAsNode(page, "cka", 0, 0.1, 20);
  await page.waitForFunction((sel) => (globalThis as any).document.querySelector(sel).dataset.state === "done", root, { timeout: 60_000 });
  assert.ok((await pageScores(page)).at(-1)! > 0.99, "the run stops above 0.99");
  assert.match((await page.locator(`${root} [data-role="status"]`).textContent()) ?? "", /stopped: score > 0\.99/);

  // angular Procrustes with seed 2: a new run with those settings
  await control("measure").selectOption("procrustes-angular-score");
  await control("seed").fill("2");
  await control("seed").dispatchEvent("change");
  assert.equal((await pageScores(page)).length, 1, "a changed setting restarts the run");
  await control("play").click();
  await waitForSteps(page, 15);
  await assertSameAsNode(page, "procrustes-angular-score", 2, 0.1, 15);

  // ridge CV at lr 0.05 switched while playing; then Pause holds it
  await control("lr").fill("0.05");
  await control("lr").dispatchEvent("change");
  await control("measure").selectOption("ridge-lambda100-r2#5folds_cv");
  await waitForSteps(page, 12);
  assert.equal(await page.locator(root).getAttribute("data-measure"), "ridge-lambda100-r2#5folds_cv");
  await assertSameAsNode(page, "ridge-lambda100-r2#5folds_cv", 2, 0.05, 12);
  await page.screenshot({ path: screenshot });
  await control("play").click(); // pause
  assert.equal(await page.locator(root).getAttribute("data-state"), "paused");
  const held = (await pageScores(page)).length;
  await page.waitForTimeout(400);
  assert.equal((await pageScores(page)).length, held, "paused: no more steps");
  for (const id of ["nbs", "linreg"]) {
    await control("measure").selectOption(id);
    await control("step").click();
    await control("step").click();
    const s = await pageScores(page);
    assert.equal(s.length, 3, `${id}: Step evaluates one step at a time`);
    assert.ok(s.every(Number.isFinite) && s[2] > s[0], `${id} runs: ${s}`);
  }
}

/** A page that records uncaught errors and console errors. */
async function watchedPage(browser: Awaited<ReturnType<typeof launchChromium>>): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return { page, errors };
}

const screenshots = join(paths.outputDir, "platform");

test("standalone explorer page: runs from disk on the wasm kernels, score rises, same steps as Node", { skip: missingPlatform({ chromium: true }), timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "diffsim-explorer-"));
  const file = join(dir, "explorer.html");
  writeFileSync(file, explorerPage({ stepsPerSecond: 10 }));
  mkdirSync(screenshots, { recursive: true });
  const browser = await launchChromium();
  try {
    const { page, errors } = await watchedPage(browser);
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => (globalThis as any).diffsimExplorer?.instances.length === 1, undefined, { timeout: 60_000 });
    await driveExplorer(page, ".diffsim-explorer", join(screenshots, "explorer-standalone.png"));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("explorer inside the offline HTML report of the notebook runner", { skip: missingPlatform({ chromium: true, venv: true }), timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "diffsim-explorer-report-"));
  const notebook = {
    cells: [
      { cell_type: "markdown", id: "intro", metadata: {}, source: "# Explorer" },
      {
        cell_type: "code",
        execution_count: 1,
        id: "explorer",
        metadata: {},
        source: "showExplorer({ stepsPerSecond: 10 });",
        outputs: [{ output_type: "display_data", metadata: {}, data: { "text/html": explorerHtml({ stepsPerSecond: 10 }), "text/plain": "Live explorer" } }],
      },
    ],
    metadata: { kernelspec: { name: "tslab-repo", display_name: "TypeScript (diffsim repo)", language: "typescript" }, diffsim_run: { notebook: "explorer.ipynb", status: "ok", seconds: 1, quick: true } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const executed = join(dir, "explorer.ipynb");
  const report = join(dir, "report.html");
  writeFileSync(executed, JSON.stringify(notebook));
  const plotly = require.resolve("plotly.js-dist-min/plotly.min.js");
  const built = spawnSync(paths.venvPython, [join(paths.root, "environment", "notebook_report.py"), report, plotly, executed], { cwd: paths.root, env: paths.jupyterEnv(), encoding: "utf8" });
  assert.equal(built.status, 0, built.stderr);
  mkdirSync(screenshots, { recursive: true });
  const browser = await launchChromium();
  try {
    const { page, errors } = await watchedPage(browser);
    await page.goto(`file://${report}`);
    await page.waitForFunction(() => (globalThis as any).diffsimExplorer?.instances.length === 1, undefined, { timeout: 60_000 });
    await driveExplorer(page, ".jp-OutputArea .diffsim-explorer", join(screenshots, "explorer-report.png"));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
