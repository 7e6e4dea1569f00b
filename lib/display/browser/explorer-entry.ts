/**
 * Entry point of the explorer's browser bundle (built by display/explorer-bundle.ts): puts
 * `window.diffsimExplorer` = { version, mount, instances, kernels } on the page. explorer.ts's HTML
 * calls `diffsimExplorer.mount(root, settings, Plotly)` once plotly.js is there.
 *
 *   diffsimExplorer.mount(document.getElementById("x")!, settings, Plotly).play();
 *   diffsimExplorer.instances[0].scores;   // what the page computed (the browser test reads this)
 */
/// <reference lib="dom" />
import { eighSolverInUse } from "../../tensor/linalg/eigh";
import { gemmKernelInUse } from "../../tensor/matrix";
import type { ExplorerSettings } from "../explorer-settings";
import { ExplorerApp, PlotlyApi, mountExplorer } from "./explorer-app";

/** The page-wide API of the bundle. */
export interface ExplorerGlobal {
  /** Content hash of the bundle (explorer-bundle.ts defines it), so an older copy on the page is replaced. */
  version: string;
  mount(root: HTMLElement, settings: ExplorerSettings, plotly: PlotlyApi): ExplorerApp;
  instances: ExplorerApp[];
  /** Which kernels the page runs on: "wasm-simd"/"wasm" when the inlined WebAssembly loaded, else "js". */
  kernels: { gemm: string; eigh: string };
}

declare const DIFFSIM_BUNDLE_VERSION: string;

const api: ExplorerGlobal = {
  version: DIFFSIM_BUNDLE_VERSION,
  instances: [],
  mount(root, settings, plotly) {
    const app = mountExplorer(root, settings, plotly);
    api.instances.push(app);
    return app;
  },
  kernels: { gemm: gemmKernelInUse(), eigh: eighSolverInUse() },
};
(window as unknown as { diffsimExplorer: ExplorerGlobal }).diffsimExplorer = api;
