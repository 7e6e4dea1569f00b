/**
 * Titles of the notebooks' figures: a title plus a subtitle naming the data the figure used
 * (dataset id, surrogate or real, seed), so a figure copied out of its notebook still says what it shows.
 *
 *   const title = figureTitle("Score vs variance of the perturbed PC", dataCaption([{ id: "Mante2013", source: "surrogate", seed: 0 }]));
 *   // { text: "Score vs …", subtitle: { text: "data: Mante2013 (surrogate, seed 0)" } }
 */
import { InputError } from "../errors";

/** What a figure says about one dataset it used. */
export interface DataUsed {
  /** Dataset id, e.g. "Mante2013" or "ultrametric". */
  id: string;
  /** "real", "surrogate", "toy" or "user" (Dataset.meta.source). */
  source: string;
  /** Seed of the data or of the run, when one was used. */
  seed?: number;
}

/**
 * "data: A (surrogate, seed 0), B (real)" — plus extra settings after a semicolon. Datasets sharing
 * source and seed are grouped: "data: A, B, C (surrogate, seed 0)".
 *
 *   dataCaption([{ id: "toy2d", source: "toy" }], "Adam lr 0.1") // "data: toy2d (toy); Adam lr 0.1"
 */
export function dataCaption(data: DataUsed[], extra?: string): string {
  if (!Array.isArray(data) || data.length === 0) throw new InputError("data", "at least one { id, source, seed? } describing the data a figure used", `got ${JSON.stringify(data)}`);
  for (const d of data)
    if (typeof d?.id !== "string" || !d.id || typeof d.source !== "string" || !d.source)
      throw new InputError("data", "entries { id: string, source: string, seed?: number }", `got ${JSON.stringify(d)}`);
  const groups = new Map<string, string[]>();
  for (const d of data) {
    const key = d.seed === undefined ? d.source : `${d.source}, seed ${d.seed}`;
    groups.set(key, [...(groups.get(key) ?? []), d.id]);
  }
  const text = [...groups].map(([key, ids]) => `${ids.join(", ")} (${key})`).join("; ");
  return `data: ${text}${extra ? `; ${extra}` : ""}`;
}

/** A plotly title object with a subtitle (plotly.js ≥ 3 draws `subtitle` under the title). */
export interface PlotlyTitle {
  text: string;
  subtitle: { text: string };
}

/**
 * The layout title of a notebook figure: the title and, below it, the caption naming the data, broken
 * into lines of at most `width` characters (default 110) after a ", " or "; " (plotly does not wrap).
 *
 *   layout: { title: figureTitle("Allowed regions", dataCaption([{ id: "ultrametric", source: "toy", seed: 0 }])) }
 */
export function figureTitle(title: string, caption: string, width = 110): PlotlyTitle {
  if (typeof title !== "string" || !title.trim()) throw new InputError("title", "a non-empty figure title", `got ${JSON.stringify(title)}`);
  if (typeof caption !== "string" || !caption.trim()) throw new InputError("caption", "a non-empty caption naming the data used (see dataCaption)", `got ${JSON.stringify(caption)}`);
  if (!Number.isInteger(width) || width < 20) throw new InputError("width", "an integer ≥ 20 (characters per caption line)", `got ${width}`);
  const pieces = caption.match(/[^,;]+(?:[,;] ?|$)/g) ?? [caption];
  const lines: string[] = [""];
  for (const piece of pieces) {
    const last = lines.length - 1;
    if (lines[last] && lines[last].length + piece.trimEnd().length > width) lines.push(piece);
    else lines[last] += piece;
  }
  return { text: title, subtitle: { text: lines.map((l) => l.trimEnd()).join("<br>") } };
}
