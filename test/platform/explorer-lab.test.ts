/**
 * The live explorer in JupyterLab 4 and Notebook 7 without running any cell (no kernel involved): a
 * notebook whose saved output is explorerHtml(), signed as trusted the way the notebook runner signs its
 * executed copies (environment/notebook_execute.py), opened from the project's Jupyter server in headless
 * Chromium. The explorer appears, runs on the inlined WebAssembly kernels, and Play makes the score rise;
 * an unsigned copy shows the "trust the notebook" line instead. The server and browser are always stopped.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import { lstatSync, mkdirSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import type { Page } from "playwright-core";
import { explorerHtml } from "../../lib";
import { launchChromium, missingPlatform, paths, startLab, stopServer } from "./helpers";

const skip = missingPlatform({ venv: true, chromium: true });

function notebookWithExplorer(): object {
  return {
    cells: [
      {
        cell_type: "code",
        execution_count: 1,
        id: "explorer",
        metadata: {},
        source: "showExplorer({ stepsPerSecond: 20 });",
        outputs: [{ output_type: "display_data", metadata: {}, data: { "text/html": explorerHtml({ stepsPerSecond: 20 }), "text/plain": "Live explorer" } }],
      },
    ],
    metadata: { kernelspec: { name: "tslab-repo", display_name: "TypeScript (diffsim repo)", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/**
 * The explorer takes plotly.js from the server (files/node_modules/…, as showFigure's HTML does). A
 * node_modules that is a symlink out of the repository (a git worktree sharing another checkout's) is
 * refused by the Jupyter server (403), so there the page gets the same file from the test instead.
 */
async function servePlotlyIfLinked(page: Page): Promise<void> {
  if (!lstatSync(join(paths.root, "node_modules")).isSymbolicLink()) return;
  await page.route("**/files/node_modules/plotly.js-dist-min/plotly.min.js", (route) => route.fulfill({ path: require.resolve("plotly.js-dist-min/plotly.min.js"), contentType: "text/javascript" }));
}

/** The explorer of the open notebook plays and its score rises. */
async function explorerPlays(page: Page, where: string): Promise<void> {
  await page.waitForFunction(() => (globalThis as any).diffsimExplorer?.instances.length >= 1, undefined, { timeout: 120_000 });
  assert.deepEqual(await page.evaluate(() => (globalThis as any).diffsimExplorer.kernels), { gemm: "wasm-simd", eigh: "wasm" }, where);
  await page.locator('.diffsim-explorer [data-control="play"]').first().click();
  await page.waitForFunction(() => (globalThis as any).diffsimExplorer.instances[0].iteration >= 15, undefined, { timeout: 60_000 });
  const scores: number[] = await page.evaluate(() => (globalThis as any).diffsimExplorer.instances[0].scores);
  assert.ok(scores[scores.length - 1] > scores[0] + 0.3, `${where}: the score rises (${scores[0]} → ${scores[scores.length - 1]})`);
}

test("explorer runs from a trusted notebook's output in JupyterLab 4 and Notebook 7, no kernel needed", { skip, timeout: 600_000 }, async () => {
  const folder = join("output", `explorer-lab-test-${process.pid}`);
  const dir = join(paths.root, folder);
  mkdirSync(dir, { recursive: true });
  const env = paths.jupyterEnv();
  const trusted = join(dir, "trusted.ipynb");
  writeFileSync(trusted, JSON.stringify(notebookWithExplorer()));
  writeFileSync(join(dir, "untrusted.ipynb"), JSON.stringify(notebookWithExplorer()));
  const signed = spawnSync(paths.venvPython, ["-c", "import sys, nbformat; from nbformat.sign import NotebookNotary; NotebookNotary().sign(nbformat.read(sys.argv[1], as_version=4))", trusted], { env, encoding: "utf8" });
  assert.equal(signed.status, 0, signed.stderr);

  const { server, base, token } = await startLab();
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    browser = await launchChromium();
    const errors: string[] = [];
    for (const [where, url] of [
      ["JupyterLab", `${base}/lab/tree/${folder}/trusted.ipynb?token=${token}&reset`],
      ["Notebook 7", `${base}/notebooks/${folder}/trusted.ipynb?token=${token}`],
    ]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      // errors thrown inside Jupyter's own bundles (Notebook 7 logs a few at start-up) are not ours
      page.on("pageerror", (e) => !/\/static\//.test(e.stack ?? "") && errors.push(`${where}: ${e.message}`));
      await servePlotlyIfLinked(page);
      await page.goto(url);
      await explorerPlays(page, where);
      if (where === "JupyterLab") {
        mkdirSync(join(paths.outputDir, "platform"), { recursive: true });
        await page.screenshot({ path: join(paths.outputDir, "platform", "explorer-lab.png") });
      }
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(`${base}/lab/tree/${folder}/untrusted.ipynb?token=${token}&reset`);
    await page.waitForSelector(".jp-OutputArea-output :text('Trust Notebook')", { timeout: 120_000 });
    assert.equal(await page.evaluate(() => (globalThis as any).diffsimExplorer === undefined), true, "an untrusted output runs no script");
    assert.deepEqual(errors, []);
  } finally {
    await browser?.close();
    await stopServer(server, base, token);
    rmSync(dir, { recursive: true, force: true });
  }
});
