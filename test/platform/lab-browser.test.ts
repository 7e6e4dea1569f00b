/**
 * Real-browser test of every notebook: the project's JupyterLab 4 on loopback (random free port, token),
 * each notebooks/*.ipynb (copied, so a repository file is never saved over; notebooks added later are
 * picked up by listing the folder) opened in headless Chromium and run through the UI ("Run All Cells")
 * with QUICK=1 in the kernel's environment; then: no cell shows an error, and every plotly output renders
 * as an interactive plot (its .main-svg is in the page). The quickstart is also checked in detail (its
 * table, title, traces, toolbar) and its screenshot goes to output/platform/quickstart-lab.png. The
 * server, its kernels and the browser are stopped even on failure.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from "fs";
import { join } from "path";
import type { Page } from "playwright-core";
import { launchChromium, missingPlatform, paths, startLab, stopServer } from "./helpers";

const skip = missingPlatform({ venv: true, chromium: true });

const notebookDir = join(paths.root, "notebooks");
const notebooks = readdirSync(notebookDir).filter((f) => f.endsWith(".ipynb")).sort();
const PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)";
/** A figure output as drawn by plotly's JupyterLab renderer (one per application/vnd.plotly.v1+json output). */
const PLOTLY_OUTPUT = `${PANEL} .jp-OutputArea .jp-RenderedPlotly`;
/** Per notebook: opening, running every cell in QUICK mode on a loaded 2-core machine, rendering. */
const PER_NOTEBOOK_MS = 600_000;

/** Deletes every session (and so its kernel), so one notebook's kernel does not outlive its check. */
async function stopKernels(base: string, token: string): Promise<void> {
  const sessions = (await (await fetch(`${base}/api/sessions?token=${token}`)).json()) as { id: string }[];
  for (const s of sessions) await fetch(`${base}/api/sessions/${s.id}?token=${token}`, { method: "DELETE" });
}

/** Opens a notebook (path relative to the server root) alone in the workspace and runs all its cells. */
async function openAndRunAll(page: Page, base: string, token: string, path: string): Promise<void> {
  await page.goto(`${base}/lab/tree/${path}?token=${token}&reset`);
  await page.waitForSelector(`${PANEL} .jp-Cell`, { timeout: 120_000 });
  await page.waitForSelector(`${PANEL} .jp-Toolbar :text("TypeScript (diffsim repo)")`, { timeout: 120_000 });
  await page.waitForSelector(`${PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]`, { timeout: 120_000 });
  await page.click('.lm-MenuBar-item:has-text("Run")');
  await page.click('.lm-Menu-item:has-text("Run All Cells")');
  // Done when every code cell has its execution number, or (a cell failed and tslab aborted the rest)
  // when the kernel is idle again with an error on stderr and no cell pending.
  await page.waitForFunction(
    (sel) => {
      const doc = (globalThis as any).document;
      const prompts = Array.from(doc.querySelectorAll(`${sel} .jp-CodeCell .jp-InputPrompt`), (e: any) => e.textContent as string);
      if (prompts.length > 0 && prompts.every((t) => /\[\d+\]/.test(t))) return true;
      const idle = doc.querySelector(`${sel} .jp-Notebook-ExecutionIndicator[data-status="idle"]`);
      const failed = doc.querySelector(`${sel} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`);
      return Boolean(idle && failed && !prompts.some((t) => t.includes("*")));
    },
    PANEL,
    { timeout: PER_NOTEBOOK_MS, polling: 1000 },
  );
}

/** Cells of a notebook file whose source calls showFigure (each shows at least one figure). */
function cellsShowingFigures(file: string): number {
  const nb = JSON.parse(readFileSync(file, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.filter((c) => c.cell_type === "code" && /showFigure\(/.test(Array.isArray(c.source) ? c.source.join("") : c.source)).length;
}

/** Hovers every plotly output in turn (plotly's renderer draws the interactive plot when the pointer enters); returns how many rendered. */
async function renderAllFigures(page: Page): Promise<number> {
  const outputs = page.locator(PLOTLY_OUTPUT);
  const count = await outputs.count();
  let rendered = 0;
  for (let i = 0; i < count; i++) {
    const figure = outputs.nth(i);
    await figure.scrollIntoViewIfNeeded();
    await figure.hover();
    await figure.locator(".main-svg").first().waitFor({ timeout: 60_000 });
    rendered += (await figure.locator(".main-svg").count()) > 0 ? 1 : 0;
  }
  return rendered;
}

/** The quickstart's own content: its table, the figure's title and traces, plotly's toolbar; and the docs screenshot. */
async function checkQuickstart(page: Page): Promise<void> {
  const table = page.locator(`${PANEL} .jp-OutputArea table.diffsim-table:has(caption:text("score(X, X + noise) per measure"))`);
  await table.waitFor({ state: "visible" });
  assert.equal(await table.locator("tbody tr").count(), 5, "one row per QUICK noise level");
  const figure = page.locator(`${PANEL} .jp-RenderedPlotly`).first();
  await figure.scrollIntoViewIfNeeded();
  await figure.hover();
  await figure.locator(".main-svg").first().waitFor({ timeout: 60_000 });
  assert.equal(await figure.locator(".gtitle").textContent(), "Similarity of X + noise to X");
  assert.equal(await figure.locator(".scatterlayer .trace").count(), 4, "one trace per measure");
  assert.ok(await figure.locator(".modebar").count(), "plotly's interactive toolbar is there");
  await page.mouse.move(0, 0);
  mkdirSync(join(paths.outputDir, "platform"), { recursive: true });
  await page.screenshot({ path: join(paths.outputDir, "platform", "quickstart-lab.png") });
}

test("every notebook runs in JupyterLab 4 in headless Chromium: no cell shows an error, every figure renders", { skip, timeout: 120_000 + notebooks.length * PER_NOTEBOOK_MS }, async (t) => {
  assert.ok(notebooks.includes("00-quickstart.ipynb"), notebooks.join(", "));
  const dirName = `lab-test-${process.pid}`;
  const dir = join(paths.outputDir, dirName);
  mkdirSync(dir, { recursive: true });
  for (const name of notebooks) copyFileSync(join(notebookDir, name), join(dir, name));
  const { server, base, token } = await startLab({ QUICK: "1" });
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("dialog", (d) => void d.accept()); // "leave the page with unsaved changes?" when moving to the next notebook
    for (const name of notebooks) {
      await t.test(name, async () => {
        const started = Date.now();
        try {
          await openAndRunAll(page, base, token, join("output", dirName, name));
          const errors = await page.locator(`${PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], ${PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]`).allTextContents();
          assert.deepEqual(errors, [], "no cell shows an error (tslab reports errors on stderr)");
          const figures = await page.locator(PLOTLY_OUTPUT).count();
          assert.ok(figures >= cellsShowingFigures(join(notebookDir, name)), `at least one figure per cell calling showFigure (${figures} found)`);
          assert.equal(await renderAllFigures(page), figures, "every plotly output renders (.main-svg)");
          if (name === "00-quickstart.ipynb") await checkQuickstart(page);
          assert.deepEqual(pageErrors, [], "no script error in the page");
          t.diagnostic(`${name}: ${figures} figure(s), ${((Date.now() - started) / 1000).toFixed(0)} s`);
        } finally {
          await stopKernels(base, token).catch(() => undefined);
        }
      });
    }
  } finally {
    await browser?.close();
    await stopServer(server, base, token);
    rmSync(dir, { recursive: true, force: true });
  }
});
