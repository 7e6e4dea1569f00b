/**
 * The plotly figure as the display helpers take it: plain plotly.js JSON `{ data, layout?, config? }`,
 * with its validation, pixel size and one-line text summary.
 *
 *   const fig: Figure = { data: [{ type: "scatter", x: [1, 2, 3], y: [0.2, 0.5, 0.9] }], layout: { title: { text: "CKA" } } };
 *   figureSummary(fig) // "Figure: CKA (1 trace: scatter)"
 */
import { InputError, received } from "../errors";

/** One plotly.js trace, e.g. { type: "scatter", x: [...], y: [...], name: "cka" }. */
export type Trace = Record<string, unknown>;

/** A plotly.js figure: traces, layout, config and animation frames exactly as plotly.js's newPlot takes them. */
export interface Figure {
  data: Trace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  /** Animation frames ({ name, data, traces? }), played by layout.updatemenus / sliders with method "animate". */
  frames?: Record<string, unknown>[];
}

/** Default figure size in CSS pixels when neither the layout nor the caller gives one. */
export const DEFAULT_SIZE = { width: 720, height: 450 };

/**
 * Throws InputError("fig", …) unless `fig` is `{ data: Trace[], layout?: object, config?: object }`.
 *
 *   checkFigure({ data: [{ y: [1, 2] }] });
 */
export function checkFigure(fig: unknown): asserts fig is Figure {
  const f = fig as Figure;
  if (typeof f !== "object" || f === null || !Array.isArray(f.data))
    throw new InputError("fig", "a plotly figure { data: [traces], layout?, config? }", `got ${describe(fig)}`);
  const badTrace = f.data.findIndex((t) => typeof t !== "object" || t === null || Array.isArray(t));
  if (badTrace >= 0) throw new InputError(`fig.data[${badTrace}]`, "a trace object such as { type: \"scatter\", y: [...] }", `got ${describe(f.data[badTrace])}`);
  for (const key of ["layout", "config"] as const)
    if (f[key] !== undefined && (typeof f[key] !== "object" || f[key] === null)) throw new InputError(`fig.${key}`, "an object", `got ${describe(f[key])}`);
  if (f.frames !== undefined && !(Array.isArray(f.frames) && f.frames.every((fr) => typeof fr === "object" && fr !== null && !Array.isArray(fr))))
    throw new InputError("fig.frames", "an array of animation frames { name, data }", `got ${describe(f.frames)}`);
}

function describe(x: unknown): string {
  return x === null ? "null" : Array.isArray(x) ? `an array of ${x.length}` : typeof x;
}

/**
 * Pixel size of a figure: explicit options first, then layout.width/height, then DEFAULT_SIZE.
 *
 *   figureSize({ data: [], layout: { height: 300 } }) // { width: 720, height: 300 }
 */
export function figureSize(fig: Figure, options: { width?: number; height?: number } = {}): { width: number; height: number } {
  const pick = (given: number | undefined, fromLayout: unknown, fallback: number, name: string): number => {
    const value = given ?? (typeof fromLayout === "number" ? fromLayout : fallback);
    if (!Number.isFinite(value) || value < 10 || value > 10_000) throw new InputError(name, "a size between 10 and 10000 pixels", `got ${received(value)}`);
    return value;
  };
  return {
    width: pick(options.width, fig.layout?.width, DEFAULT_SIZE.width, "width"),
    height: pick(options.height, fig.layout?.height, DEFAULT_SIZE.height, "height"),
  };
}

/**
 * One-line text description of a figure (its title and trace types), the text/plain form of a figure.
 *
 *   figureSummary({ data: [{ type: "heatmap" }, {}], layout: { title: "RSMs" } }) // "Figure: RSMs (2 traces: heatmap, scatter)"
 */
export function figureSummary(fig: Figure): string {
  const title = fig.layout?.title;
  const text = typeof title === "string" ? title : typeof title === "object" && title !== null ? (title as { text?: unknown }).text : undefined;
  const types = fig.data.map((t) => (typeof t.type === "string" ? t.type : "scatter"));
  const traces = `${types.length} trace${types.length === 1 ? "" : "s"}${types.length ? `: ${[...new Set(types)].join(", ")}` : ""}`;
  return `Figure${typeof text === "string" && text ? `: ${text}` : ""} (${traces})`;
}
