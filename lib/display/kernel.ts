/**
 * The link between display helpers and a running tslab kernel: one display_data message carrying a
 * whole multi-MIME bundle, and updates of a display in place (display_id). Outside a kernel (plain
 * node, tests, scripts) `displayBundle` returns false and the callers fall back to text.
 *
 *   if (!displayBundle({ "text/html": "<b>hi</b>", "text/plain": "hi" })) console.log("hi");
 */
import { randomBytes } from "crypto";

/** MIME type → content, e.g. { "text/html": "<table>…</table>", "text/plain": "…" }. */
export type MimeBundle = Record<string, unknown>;

interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}
type KernelWriter = (content: DisplayContent, update: boolean) => void;

/**
 * tslab's per-execution writer (internal API `tslab/dist/jupyter`.lastWriteDisplayData; tslab is pinned
 * in package.json). It is read from the module cache only, so plain node never loads tslab or zeromq:
 * the module is there exactly when this process is a tslab kernel.
 */
function kernelWriter(): KernelWriter | null {
  let modulePath: string;
  try {
    modulePath = require.resolve("tslab/dist/jupyter");
  } catch {
    return null;
  }
  const writer = require.cache[modulePath]?.exports?.lastWriteDisplayData;
  return typeof writer === "function" ? (writer as KernelWriter) : null;
}

/** True when running inside a tslab Jupyter kernel (a notebook), false in plain node. */
export function inKernel(): boolean {
  return kernelWriter() !== null;
}

/** A fresh id for a display that is later updated in place with `displayBundle(…, { displayId, update: true })`. */
export function newDisplayId(): string {
  return randomBytes(8).toString("hex");
}

/** Options of `displayBundle`. */
export interface DisplayOptions {
  /** Per-MIME metadata, e.g. { "image/png": { width: 640, height: 400 } }. */
  metadata?: Record<string, unknown>;
  /** Id of an updatable display (see newDisplayId). */
  displayId?: string;
  /** Replace the earlier output that has `displayId` instead of adding a new one. */
  update?: boolean;
}

/**
 * Shows one multi-MIME bundle as a single display_data (or update_display_data) output of the current
 * cell; the front end picks the richest type it can render. Returns false, showing nothing, outside a kernel.
 *
 *   const id = newDisplayId();
 *   displayBundle({ "text/plain": "step 1" }, { displayId: id });
 *   displayBundle({ "text/plain": "step 2" }, { displayId: id, update: true });
 */
export function displayBundle(data: MimeBundle, options: DisplayOptions = {}): boolean {
  const write = kernelWriter();
  if (!write) return false;
  const transient = options.displayId ? { display_id: options.displayId } : {};
  write({ data, metadata: options.metadata ?? {}, transient }, options.update ?? false);
  return true;
}
