/**
 * Static PNG and SVG export of plotly figures, offline: plotly.js (npm plotly.js-dist-min) running in
 * the system's Chromium (Debian package `chromium`) driven by playwright-core — no browser download.
 * The browser starts on the first export (~3 s, mostly loading plotly.js), is reused by the next ones
 * (~0.1 s each), and is closed by `closeRenderer()`, after 30 s without exports, or at process exit.
 *
 *   await saveFigure({ data: [{ y: [1, 3, 2] }] }, "output/line.png");
 *   const svg = await figureToSvg(fig, { width: 800, height: 500 });
 *   await closeRenderer();
 */
import { existsSync, mkdirSync, writeFileSync } from "fs";
import { dirname, extname } from "path";
import type { Browser, Page } from "playwright-core";
import { InputError } from "../errors";
import { checkFigure, figureSize, type Figure } from "./figure-spec";

/** Size of an exported image in CSS pixels; `scale` multiplies the PNG resolution. */
export interface ImageOptions {
  width?: number;
  height?: number;
  scale?: number;
}

const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"];
const IDLE_CLOSE_MS = 30_000;
/** Flags for Chromium on a closed network, as root, without a GPU, with nothing phoning home. */
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * Path of the Chromium used for exports and browser tests: $DIFFSIM_CHROMIUM if set, else the first
 * existing of /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome, Chrome on macOS;
 * null when there is none.
 *
 *   chromiumPath() // "/usr/bin/chromium"
 */
export function chromiumPath(): string | null {
  const fromEnv = process.env.DIFFSIM_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

interface Renderer {
  browser: Browser;
  page: Page;
}
let renderer: Promise<Renderer> | null = null;
let idleTimer: NodeJS.Timeout | null = null;

async function startRenderer(): Promise<Renderer> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new InputError("DIFFSIM_CHROMIUM", "the path of a Chromium or Chrome executable for static figure export", `none found (${CHROMIUM_CANDIDATES.join(", ")}); on Debian/Ubuntu: apt-get install chromium`);
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent("<!DOCTYPE html><html><body></body></html>");
    await page.addScriptTag({ path: require.resolve("plotly.js-dist-min") });
    return { browser, page };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

function scheduleIdleClose(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void closeRenderer(), IDLE_CLOSE_MS);
  idleTimer.unref();
}

/** Plotly.toImage in the shared page; returns the data URL. */
async function toImageUrl(fig: Figure, format: "png" | "svg", options: ImageOptions): Promise<string> {
  checkFigure(fig);
  const size = figureSize(fig, options);
  // An idle timer that fell due while a long synchronous computation blocked the event loop would
  // otherwise fire during the first await below and close the browser under this export.
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (!renderer) renderer = startRenderer();
  let session: Renderer;
  try {
    session = await renderer;
  } catch (e) {
    renderer = null;
    throw e;
  }
  try {
    return await session.page.evaluate(
      ([figure, opts]) => (globalThis as any).Plotly.toImage(figure, opts) as Promise<string>,
      [fig, { format, width: size.width, height: size.height, scale: options.scale ?? 1 }] as const,
    );
  } finally {
    scheduleIdleClose();
  }
}

/**
 * PNG bytes of a figure (width × height CSS pixels, times `scale`).
 *
 *   const png = await figureToPng({ data: [{ type: "heatmap", z: [[1, 2], [3, 4]] }] }, { scale: 2 });
 */
export async function figureToPng(fig: Figure, options: ImageOptions = {}): Promise<Buffer> {
  const url = await toImageUrl(fig, "png", options);
  return Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
}

/**
 * SVG markup of a figure.
 *
 *   writeFileSync("fig.svg", await figureToSvg(fig));
 */
export async function figureToSvg(fig: Figure, options: ImageOptions = {}): Promise<string> {
  const url = await toImageUrl(fig, "svg", options);
  return decodeURIComponent(url.slice(url.indexOf(",") + 1));
}

/**
 * Writes a figure to `file` as PNG or SVG, chosen by the extension; creates missing folders.
 *
 *   await saveFigure(fig, "output/figures/cka-by-layer.svg");
 */
export async function saveFigure(fig: Figure, file: string, options: ImageOptions = {}): Promise<void> {
  const ext = extname(file).toLowerCase();
  if (ext !== ".png" && ext !== ".svg") throw new InputError("file", 'a path ending in ".png" or ".svg"', `got "${file}"`);
  const content = ext === ".png" ? await figureToPng(fig, options) : await figureToSvg(fig, options);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/**
 * Closes the export browser if it runs (safe to call any time; the next export starts a new one).
 *
 *   await closeRenderer();
 */
export async function closeRenderer(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const current = renderer;
  renderer = null;
  if (current) await current.then((r) => r.browser.close()).catch(() => undefined);
}
