/**
 * Real-browser test of the notebook platform: the project's JupyterLab 4 on loopback (random free port,
 * token), notebooks/00-quickstart.ipynb (a copy, so the repository file is never saved over) opened in
 * headless Chromium, every cell run through the UI with QUICK=1; then: no cell shows an error, the
 * danfo table is visible, the plotly figure is interactive (its SVG is in the page). A screenshot goes
 * to output/platform/quickstart-lab.png. The server, its kernel and the browser are stopped even on failure.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "child_process";
import { randomBytes } from "crypto";
import { copyFileSync, mkdirSync, rmSync } from "fs";
import { join } from "path";
import { freePort, launchChromium, missingPlatform, paths, stopServer, waitForServer } from "./helpers";

const skip = missingPlatform({ venv: true, chromium: true });
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { labArgs, labEnv } = require("../../environment/lab.js") as { labArgs(extra: string[]): string[]; labEnv(token: string): NodeJS.ProcessEnv };

test("quickstart notebook runs in JupyterLab 4 in headless Chromium: table, interactive figure, no error", { skip, timeout: 600_000 }, async () => {
  const dir = join(paths.outputDir, `lab-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(paths.root, "notebooks", "00-quickstart.ipynb"), join(dir, "00-quickstart.ipynb"));
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const base = `http://127.0.0.1:${port}`;
  const args = labArgs(["--no-browser", `--ServerApp.port=${port}`, "--ServerApp.port_retries=0"]);
  const server = spawn(paths.venvBin("jupyter"), args, { cwd: paths.root, env: { ...labEnv(token), QUICK: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let serverLog = "";
  server.stdout!.on("data", (d) => (serverLog += d));
  server.stderr!.on("data", (d) => (serverLog += d));
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    await waitForServer(`${base}/api/status?token=${token}`, server, () => serverLog);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${base}/lab/tree/${join("output", `lab-test-${process.pid}`, "00-quickstart.ipynb")}?token=${token}&reset`);
    const panel = ".jp-NotebookPanel:not(.lm-mod-hidden)";
    await page.waitForSelector(`${panel} .jp-Cell`, { timeout: 120_000 });
    await page.waitForSelector(`${panel} .jp-Toolbar :text("TypeScript (diffsim repo)")`, { timeout: 120_000 });
    await page.waitForSelector(`${panel} .jp-Notebook-ExecutionIndicator[data-status="idle"]`, { timeout: 120_000 });

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
      panel,
      { timeout: 300_000, polling: 500 },
    );

    const stderr = await page.locator(`${panel} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`).allTextContents();
    assert.deepEqual(stderr, [], "no cell shows an error (tslab reports errors on stderr)");

    const table = page.locator(`${panel} .jp-OutputArea table.diffsim-table:has(caption:text("score(X, X + noise) per measure"))`);
    await table.waitFor({ state: "visible" });
    assert.equal(await table.locator("tbody tr").count(), 5, "one row per QUICK noise level");

    const figure = page.locator(`${panel} .jp-RenderedPlotly`).first();
    await figure.scrollIntoViewIfNeeded();
    await figure.hover(); // plotly's renderer shows the PNG until the pointer enters, then draws the interactive plot
    await figure.locator(".main-svg").first().waitFor({ timeout: 60_000 });
    assert.equal(await figure.locator(".gtitle").textContent(), "Similarity of X + noise to X");
    assert.equal(await figure.locator(".scatterlayer .trace").count(), 4, "one trace per measure");
    assert.ok(await figure.locator(".modebar").count(), "plotly's interactive toolbar is there");

    await page.mouse.move(0, 0);
    mkdirSync(join(paths.outputDir, "platform"), { recursive: true });
    await page.screenshot({ path: join(paths.outputDir, "platform", "quickstart-lab.png") });
    assert.deepEqual(pageErrors, []);
  } finally {
    await browser?.close();
    await stopServer(server, base, token);
    rmSync(dir, { recursive: true, force: true });
  }
});
