/**
 * Grids of runs: the cartesian product datasets × measures × seeds with shared optimizer and record
 * options, minus `exclude`, plus `include`; read from JSON or YAML files.
 *
 *   datasets: [toy2d, ultrametric]
 *   measures: [cka, procrustes-angular-score]
 *   seeds: [0, 1]
 *   optimizer: { lr: 0.1, maxIter: 200, stopScore: 0.99 }
 *   record: { every: 5, decoding: true, pcs: true }
 *   exclude: [{ dataset: ultrametric, measure: cka }]
 *   include: [{ dataset: Mante2013, measure: nbs, seed: 0 }]
 */
import { readFileSync } from "fs";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { InputError } from "../errors";
import { NormalizedRunConfig, normalizeConfig } from "./config";
import { canonicalJson } from "./key";

export interface Grid {
  /** Dataset ids or dataset objects ({ id, source?, seed? } or { array, name? }). */
  datasets: (string | object)[];
  /** Measure ids or weighted combinations { measures, weights }. */
  measures: (string | object)[];
  /** Optimizer seeds. */
  seeds: number[];
  /** Optimizer options shared by every run (without seed). */
  optimizer?: object;
  /** Record options shared by every run. */
  record?: object;
  /** Extra runs: { dataset, measure, seed } (optionally their own optimizer and record), added after the product. */
  include?: object[];
  /** Runs to leave out: every given field of { dataset?, measure?, seed? } must match (a dataset id matches its objects too). */
  exclude?: object[];
}

const GRID_KEYS = ["datasets", "measures", "seeds", "optimizer", "record", "include", "exclude"];

/**
 * The configs of a grid, normalized, in a deterministic order: datasets (outer) × measures × seeds
 * (inner) as listed, without the excluded ones, then the included ones; duplicates (same canonical
 * config) are kept once. Errors name the key path ("grid.seeds[2]", "grid.datasets[1].id",
 * "grid.include[0].measure"); a grid that yields no run is an InputError.
 *
 *   expandGrid({ datasets: ["toy2d"], measures: ["cka", "nbs"], seeds: [0, 1], optimizer: { maxIter: 50 } }).length;   // 4
 */
export function expandGrid(g: unknown): NormalizedRunConfig[] {
  const grid = checkGrid(g);
  const product: { dataset: unknown; measure: unknown; seed: unknown; at: number[] }[] = [];
  grid.datasets.forEach((dataset, i) => grid.measures.forEach((measure, j) => grid.seeds.forEach((seed, k) => product.push({ dataset, measure, seed, at: [i, j, k] }))));
  const kept = product.filter((run) => !(grid.exclude ?? []).some((ex) => matches(ex as Record<string, unknown>, run)));
  const configs: NormalizedRunConfig[] = [];
  const seen = new Set<string>();
  const add = (c: NormalizedRunConfig) => {
    const text = canonicalJson(c);
    if (!seen.has(text)) configs.push(c);
    seen.add(text);
  };
  for (const run of kept) add(inGrid(gridPath(run.at), () => normalizeConfig({ dataset: run.dataset, objective: run.measure, optimizer: { ...grid.optimizer, seed: run.seed }, record: grid.record })));
  (grid.include ?? []).forEach((entry, i) => {
    const e = entry as Record<string, unknown>;
    const path = `grid.include[${i}]`;
    for (const k of Object.keys(e)) if (!["dataset", "measure", "seed", "optimizer", "record"].includes(k)) throw new InputError(`${path}.${k}`, "one of dataset, measure, seed, optimizer, record", "unknown key");
    if (e.dataset === undefined || e.measure === undefined) throw new InputError(path, "{ dataset, measure, seed? }", "missing dataset or measure");
    const optimizer = { ...grid.optimizer, ...(e.optimizer as object | undefined), seed: e.seed ?? 0 };
    add(inGrid(includePath(i), () => normalizeConfig({ dataset: e.dataset, objective: e.measure, optimizer, record: e.record ?? grid.record })));
  });
  if (configs.length === 0) throw new InputError("grid", "at least one run (datasets × measures × seeds minus exclude, plus include)", "got none");
  return configs;
}

/**
 * Reads a grid file (.json as JSON, anything else as YAML, which also reads JSON) and checks it by
 * expanding it. Syntax errors name the file and line ("grid.yaml:3"); content errors the file and key
 * ("grid.yaml: grid.seeds[1]").
 *
 *   const configs = expandGrid(parseGridFile("grid.yaml"));
 */
export function parseGridFile(path: string): Grid {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(path, "a readable grid file (JSON or YAML)", (e as Error).message);
  }
  let value: unknown;
  if (path.toLowerCase().endsWith(".json")) {
    try {
      value = JSON.parse(text);
    } catch (e) {
      const line = jsonErrorLine(text, (e as Error).message);
      throw new InputError(line ? `${path}:${line}` : path, "valid JSON", (e as Error).message);
    }
  } else {
    try {
      value = parseYaml(text);
    } catch (e) {
      if (!(e instanceof YAMLParseError)) throw e;
      const line = e.linePos?.[0].line;
      throw new InputError(line ? `${path}:${line}` : path, "valid YAML", e.message.split("\n")[0]);
    }
  }
  try {
    expandGrid(value);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${path}: ${e.argument}`, e.expected, e.got);
    throw e;
  }
  return value as Grid;
}

/** Line of a JSON.parse error: from its position or line (Node ≥ 22 says both), else where YAML stops; undefined if unknown. */
function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (position) return text.slice(0, Number(position[1])).split("\n").length;
  try {
    parseYaml(text);
  } catch (e) {
    if (e instanceof YAMLParseError) return e.linePos?.[0].line;
  }
  return undefined;
}

function checkGrid(g: unknown): Grid {
  if (typeof g !== "object" || g === null || Array.isArray(g)) throw new InputError("grid", "an object with datasets, measures and seeds", `got ${JSON.stringify(g) ?? typeof g}`);
  const o = g as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!GRID_KEYS.includes(k)) throw new InputError(`grid.${k}`, `one of the keys ${GRID_KEYS.join(", ")}`, "unknown key");
  for (const k of ["datasets", "measures", "seeds"])
    if (!Array.isArray(o[k]) || (o[k] as unknown[]).length === 0) throw new InputError(`grid.${k}`, "a non-empty list", `got ${JSON.stringify(o[k]) ?? "nothing"}`);
  (o.seeds as unknown[]).forEach((s, i) => {
    if (!Number.isInteger(s)) throw new InputError(`grid.seeds[${i}]`, "an integer", `got ${JSON.stringify(s)}`);
  });
  for (const k of ["optimizer", "record"])
    if (o[k] !== undefined && (typeof o[k] !== "object" || o[k] === null || Array.isArray(o[k]))) throw new InputError(`grid.${k}`, "an object", `got ${JSON.stringify(o[k])}`);
  if (o.optimizer && "seed" in (o.optimizer as object)) throw new InputError("grid.optimizer.seed", "no seed here (the grid's seeds list sets it)", "got one");
  for (const k of ["include", "exclude"]) {
    if (o[k] === undefined) continue;
    if (!Array.isArray(o[k])) throw new InputError(`grid.${k}`, "a list of objects", `got ${JSON.stringify(o[k])}`);
    (o[k] as unknown[]).forEach((e, i) => {
      if (typeof e !== "object" || e === null || Array.isArray(e)) throw new InputError(`grid.${k}[${i}]`, "an object like { dataset, measure, seed }", `got ${JSON.stringify(e)}`);
    });
  }
  (o.exclude as Record<string, unknown>[] | undefined)?.forEach((e, i) => {
    for (const k of Object.keys(e)) if (!["dataset", "measure", "seed"].includes(k)) throw new InputError(`grid.exclude[${i}].${k}`, "one of dataset, measure, seed", "unknown key");
  });
  return o as unknown as Grid;
}

/**
 * True when every field given in `pattern` equals the run's: objects compared by canonical JSON, and a
 * dataset id also matches the dataset objects with that id ({ dataset: "toy2d" } excludes every toy2d seed).
 */
function matches(pattern: Record<string, unknown>, run: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([k, v]) => {
    const value = run[k];
    if (k === "dataset" && typeof v === "string" && typeof value === "object" && value !== null) return (value as { id?: unknown }).id === v;
    return canonicalJson(v) === canonicalJson(value);
  });
}

/** Where a config key of a product run comes from in the grid ("dataset.id" of run (1, 0, 0) → "grid.datasets[1].id"). */
function gridPath([i, j, k]: number[]): (key: string) => string {
  return (key) =>
    key.startsWith("dataset") ? `grid.datasets[${i}]${key.slice("dataset".length)}`
    : key.startsWith("objective") ? `grid.measures[${j}]${key.slice("objective".length)}`
    : key === "optimizer.seed" ? `grid.seeds[${k}]`
    : `grid.${key}`;
}

/** The same for include[i] ("objective" → "grid.include[i].measure"). */
function includePath(i: number): (key: string) => string {
  return (key) => `grid.include[${i}].${key.startsWith("objective") ? "measure" + key.slice("objective".length) : key === "optimizer.seed" ? "seed" : key}`;
}

/** Renames an InputError's key path from config terms to grid terms. */
function inGrid<T>(path: (key: string) => string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) throw new InputError(path(e.argument), e.expected, e.got);
    throw e;
  }
}
