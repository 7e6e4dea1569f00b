/**
 * The live explorer: one HTML output that runs the toy2d optimization of paper §3 in the page, with
 * no kernel behind it — measure, learning rate, seed, speed, play/pause/step/reset — and animates X,
 * the current Y_k (paper Fig. 1) and the score as it goes. It carries the library's browser bundle
 * (display/explorer-bundle.ts: the measures, Optimization/Adam, Rng and the WebAssembly kernels of
 * lib/, not copies) and takes plotly.js from the page the way showFigure does (WITH_PLOTLY_SCRIPT:
 * inlined once in the HTML report, else from the Jupyter server; never a CDN).
 *
 * Works in JupyterLab 4 and Notebook 7 (outputs of a trusted notebook: scripts of untrusted outputs do not
 * run, and the output says so), in the offline HTML report of `npm run notebooks`, and as a standalone
 * file (`explorerPage`, plotly.js inlined).
 *
 *   import { showExplorer, explorerPage } from "./lib";
 *   showExplorer({ measure: "procrustes-angular-score", lr: 0.05 });           // in a notebook cell
 *   writeFileSync("output/explorer.html", explorerPage({ autoplay: true }));   // open in any browser
 */
import { randomBytes } from "crypto";
import { readFileSync } from "fs";
import { explorerBundle } from "./explorer-bundle";
import { explorerSettings, type ExplorerOptions } from "./explorer-settings";
import { WITH_PLOTLY_SCRIPT } from "./figure";
import { displayBundle } from "./kernel";

/** Shown until the page's script replaces it, i.e. where scripts do not run. */
const NO_SCRIPT_MESSAGE =
  "Live explorer (toy2d optimization in the page). It needs JavaScript in this output: in JupyterLab or Notebook 7 " +
  "trust the notebook (File → Trust Notebook) or run the cell; the HTML report of <code>npm run notebooks</code> shows it too.";

/**
 * The explorer as an HTML fragment (a notebook output, or part of a page): a placeholder div, the
 * library's bundle (defined once per page and version) and the call that mounts the explorer once
 * plotly.js is available.
 *
 *   const html = explorerHtml({ measure: "cka", autoplay: true });   // ≈ 0.2 MB
 */
export function explorerHtml(options: ExplorerOptions = {}): string {
  const settings = explorerSettings(options);
  const { code, version } = explorerBundle();
  const id = `diffsim-explorer-${randomBytes(6).toString("hex")}`;
  const json = JSON.stringify(settings).replace(/</g, "\\u003c");
  return (
    `<div id="${id}" class="diffsim-explorer" style="max-width:1000px;border:1px solid #ddd;padding:6px"><p style="font:13px sans-serif">${NO_SCRIPT_MESSAGE}</p></div>\n` +
    `<script type="text/javascript">if(!window.diffsimExplorer||window.diffsimExplorer.version!==${JSON.stringify(version)}){${code}}</script>\n` +
    `<script type="text/javascript">(${WITH_PLOTLY_SCRIPT})(function(P){var el=document.getElementById(${JSON.stringify(id)});if(!el)return;` +
    `if(!P){el.innerHTML="<p style=\\"font:13px sans-serif\\">The live explorer needs plotly.js, which could not be loaded here.</p>";return;}` +
    `window.diffsimExplorer.mount(el,${json},P);});</script>`
  );
}

/**
 * A complete, self-contained HTML document with the explorer and plotly.js inlined: open it from disk
 * in any browser, offline (≈ 5 MB, mostly plotly.js).
 *
 *   writeFileSync("output/explorer.html", explorerPage({ measure: "nbs" }));
 */
export function explorerPage(options: ExplorerOptions = {}): string {
  const plotly = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8").replace(/<\/script/gi, "<\\/script");
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>diffsim live explorer</title>` +
    `<script type="text/javascript">${plotly}</script></head>\n<body style="font-family:sans-serif;margin:16px">\n` +
    `<h2 style="margin:4px 0">diffsim — live optimization explorer</h2>\n${explorerHtml(options)}\n</body></html>\n`
  );
}

/**
 * Shows the explorer as the output of the current notebook cell (text/html, with a text/plain
 * summary); outside a kernel prints that summary.
 *
 *   showExplorer({ measures: ["cka", "procrustes-angular-score"], stepsPerSecond: 10 });
 */
export function showExplorer(options: ExplorerOptions = {}): void {
  const settings = explorerSettings(options);
  const summary = `Live explorer: toy2d, measures ${settings.measures.join(", ")}; start ${settings.measure}, lr ${settings.lr}, seed ${settings.seed} (runs in the page)`;
  if (!displayBundle({ "text/html": explorerHtml(settings), "text/plain": summary })) console.log(summary);
}
