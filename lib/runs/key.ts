/**
 * The identity of a run: a content hash of its canonical configuration and of the versions of the
 * numbers that produced it. Same key ⇔ same numbers, so a stored result can be served instead of
 * recomputed (and a sweep can skip what is stored).
 *
 *   runKey({ dataset: "toy2d", objective: "cka", optimizer: { seed: 0 } });   // 64 hex digits
 */
import { createHash } from "crypto";
import { NormalizedRunConfig, RunConfig, normalizeConfig } from "./config";
import { resolveDataset } from "./dataset";

/**
 * Version of the library's numbers: bump it whenever a change makes any run produce different numbers
 * (a measure, the optimizer, a recorder, a dataset generator without its own version), so old stored
 * results are no longer served. Not the git commit: unrelated changes keep the store valid.
 */
export const NUMBERS_VERSION = 3;

/**
 * JSON with object keys sorted at every level and no whitespace: equal values give equal text.
 * Undefined members are dropped (like JSON.stringify); non-finite numbers are refused.
 *
 *   canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] });   // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number ${value}`);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * What the key hashes: the normalized config with the dataset's source replaced by the one actually
 * used ("auto" → "real" when the real data are cached, else "surrogate"; "toy" for toys) and without
 * the user array's display name, plus NUMBERS_VERSION and the dataset's version (`meta.version` of the
 * loaded dataset when it has one, else "1"; user arrays are identified by their hash alone).
 *
 *   keyMaterial(normalizeConfig({ dataset: "toy2d", objective: "cka" }));   // { config, numbers: 1, datasetVersion: "1" }
 */
export function keyMaterial(c: NormalizedRunConfig): { config: unknown; numbers: number; datasetVersion: string } {
  if (c.dataset.array !== undefined) return { config: { ...c, dataset: { array: c.dataset.array } }, numbers: NUMBERS_VERSION, datasetVersion: "1" };
  const meta = resolveDataset(c.dataset).meta as { source: string; version?: unknown };
  const config = { ...c, dataset: { ...c.dataset, source: meta.source } };
  return { config, numbers: NUMBERS_VERSION, datasetVersion: meta.version === undefined ? "1" : String(meta.version) };
}

/**
 * The run key: sha256 (hex) of canonicalJson(keyMaterial(normalizeConfig(c))). Loads a built-in
 * dataset once per process (cached) to learn its source and version.
 *
 *   runKey({ dataset: "toy2d", objective: "cka", optimizer: { seed: 0 } }) ===
 *     runKey({ dataset: { id: "toy2d", seed: 0 }, objective: "cka", optimizer: { seed: 0, lr: 0.1 } });   // true
 */
export function runKey(c: RunConfig): string {
  return createHash("sha256").update(canonicalJson(keyMaterial(normalizeConfig(c)))).digest("hex");
}
