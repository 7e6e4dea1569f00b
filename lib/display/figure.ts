/**
 * `showFigure(fig)`: one call that shows a plotly figure interactively wherever the notebook is opened,
 * with a static PNG for viewers that run no script. One display_data output carries
 *
 *   application/vnd.plotly.v1+json  JupyterLab 4 / Notebook 7 (plotly's "jupyterlab-plotly" renderer,
 *                                   installed by environment/requirements.txt) and VS Code: interactive
 *   text/html                       <div> holding the PNG + a <script> that replaces it by Plotly.newPlot
 *                                   when plotly.js is available: the HTML report (plotly.js inlined once
 *                                   per report), or loaded once per page from the Jupyter server's
 *                                   files/node_modules/plotly.js-dist-min; untrusted or offline: the PNG
 *   image/png                       GitHub and other static viewers
 *   text/plain                      a one-line summary
 *
 * No CDN anywhere; plotly.js is never inlined per figure. Outside a kernel it prints the summary line.
 *
 *   import { showFigure } from "./lib";
 *   await showFigure({ data: [{ type: "scatter", y: [0.1, 0.5, 0.8] }], layout: { title: { text: "CKA" } } });
 */
import { randomBytes } from "crypto";
import { displayBundle, inKernel, type MimeBundle } from "./kernel";
import { checkFigure, figureSize, figureSummary, type Figure } from "./figure-spec";
import { chromiumPath, figureToPng, type ImageOptions } from "./static-export";

/** MIME type of plotly figure JSON, rendered natively by JupyterLab/Notebook (jupyterlab-plotly) and VS Code. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Options of showFigure / figureBundle: the size, and whether to render the static PNG (default: when Chromium exists). */
export interface ShowFigureOptions extends ImageOptions {
  png?: boolean;
}

let pngWarningShown = false;

/**
 * Browser-side: `(${WITH_PLOTLY_SCRIPT})(function(Plotly){…})` calls back with window.Plotly, loading
 * plotly.js once per page from the Jupyter server's files/node_modules/plotly.js-dist-min when it is not
 * there yet (the HTML report inlines it); the callback gets null when plotly.js cannot be loaded.
 */
export const WITH_PLOTLY_SCRIPT = `function(then){
if(window.Plotly)return then(window.Plotly);
if(!window.__diffsimPlotly)window.__diffsimPlotly=new Promise(function(resolve){
var base=document.body&&document.body.getAttribute("data-base-url");
var cfg=document.getElementById("jupyter-config-data");
if(!base&&cfg){try{base=JSON.parse(cfg.textContent).baseUrl;}catch(e){}}
var src=(base||"/")+"files/node_modules/plotly.js-dist-min/plotly.min.js";
if(window.requirejs){window.requirejs.config({paths:{"diffsim-plotly":src.replace(/\\.js$/,"")}});
window.requirejs(["diffsim-plotly"],function(P){resolve(P||window.Plotly);},function(){resolve(null);});return;}
var s=document.createElement("script");s.src=src;s.onload=function(){resolve(window.Plotly);};s.onerror=function(){resolve(null);};
document.head.appendChild(s);});
window.__diffsimPlotly.then(then);}`;

/** Browser-side: draws the figure with plotly.js (see WITH_PLOTLY_SCRIPT). */
const DRAW_SCRIPT = `function(id,fig){
var el=document.getElementById(id);if(!el)return;
(${WITH_PLOTLY_SCRIPT})(function(P){if(!P)return;el.innerHTML="";P.newPlot(el,{data:fig.data,layout:fig.layout||{},config:fig.config||{},frames:fig.frames||[]});});}`;

/**
 * The text/html part of a figure bundle: the PNG (if any) inside a div that a script redraws with plotly.js.
 *
 *   figureHtml(fig, pngBytes) // '<div id="diffsim-fig-…" …><img …></div><script>…</script>'
 */
export function figureHtml(fig: Figure, png: Buffer | null, options: ImageOptions = {}): string {
  checkFigure(fig);
  const { width, height } = figureSize(fig, options);
  const id = `diffsim-fig-${randomBytes(6).toString("hex")}`;
  const summary = escapeHtml(figureSummary(fig));
  const fallback = png ? `<img src="data:image/png;base64,${png.toString("base64")}" alt="${summary}" style="max-width:100%">` : `<pre>${summary}</pre>`;
  const json = JSON.stringify(plotlyJson(fig)).replace(/</g, "\\u003c");
  return (
    `<div id="${id}" class="diffsim-figure" style="width:${width}px;max-width:100%;min-height:${height}px">${fallback}</div>\n` +
    `<script type="text/javascript">(${DRAW_SCRIPT})(${JSON.stringify(id)},${json});</script>`
  );
}

/** The figure as plotly JSON with layout and config filled in; frames only when the figure has them. */
function plotlyJson(fig: Figure): Record<string, unknown> {
  const json: Record<string, unknown> = { data: fig.data, layout: fig.layout ?? {}, config: fig.config ?? {} };
  if (fig.frames) json.frames = fig.frames;
  return json;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The full MIME bundle of a figure (see the file comment); renders the PNG through Chromium unless
 * `png: false` or no Chromium is installed.
 *
 *   const bundle = await figureBundle(fig, { png: false });
 *   Object.keys(bundle) // ["application/vnd.plotly.v1+json", "text/html", "text/plain"]
 */
export async function figureBundle(fig: Figure, options: ShowFigureOptions = {}): Promise<MimeBundle> {
  checkFigure(fig);
  const wantPng = options.png ?? chromiumPath() !== null;
  const png = wantPng ? await renderPngOrWarn(fig, options) : null;
  const bundle: MimeBundle = {
    [PLOTLY_MIME]: plotlyJson(fig),
    "text/html": figureHtml(fig, png, options),
    "text/plain": figureSummary(fig),
  };
  if (png) bundle["image/png"] = png.toString("base64");
  return bundle;
}

async function renderPngOrWarn(fig: Figure, options: ImageOptions): Promise<Buffer | null> {
  try {
    return await figureToPng(fig, options);
  } catch (e) {
    if (!pngWarningShown) console.warn(`showFigure: no static PNG fallback (${(e as Error).message})`);
    pngWarningShown = true;
    return null;
  }
}

/**
 * Shows a plotly figure as the output of the current notebook cell (interactive, with a PNG fallback);
 * outside a kernel prints its one-line summary instead, so library code may call it anywhere.
 *
 *   await showFigure({ data: [{ type: "heatmap", z: rsm }], layout: { title: { text: "RSM" }, height: 400 } });
 */
export async function showFigure(fig: Figure, options: ShowFigureOptions = {}): Promise<void> {
  checkFigure(fig);
  if (!inKernel()) {
    console.log(figureSummary(fig));
    return;
  }
  const { width, height } = figureSize(fig, options);
  displayBundle(await figureBundle(fig, options), { metadata: { "image/png": { width, height } } });
}
