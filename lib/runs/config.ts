/**
 * The run configuration: everything that determines one optimization run and its recordings, as a
 * plain JSON-serialisable object. Its canonical form (defaults filled, see normalizeConfig) is what
 * the run key hashes (key.ts), so two spellings of the same run share one stored result.
 *
 *   const c = normalizeConfig({ dataset: "toy2d", objective: "cka", optimizer: { seed: 1, maxIter: 50 } });
 *   c.optimizer.lr;        // 0.1 (filled)
 *   c.record.every;        // 10
 */
import { DatasetInfo, listDatasets, loadDataset } from "../data/datasets";
import { InputError } from "../errors";
import { getMeasure } from "../measures/registry";

/** A built-in dataset (loadDataset's id, source and seed). */
export interface DatasetRef {
  id: string;
  /** Default "auto"; the key records the source actually used (see key.ts). */
  source?: "surrogate" | "real" | "auto";
  /** Seed of the surrogate / toy generator. Default 0. */
  seed?: number;
}

/** A user array, identified by the sha256 of its contents (arrayHash); the numbers are passed to run()/sweep() as `arrays`. */
export interface ArrayRef {
  array: string;
  /** A display name (the runs table's dataset column); not part of the identity. Default the hash's first 12 characters. */
  name?: string;
}

/** A measure id, or a weighted sum Σ wᵢ·measureᵢ. */
export type ObjectiveSpec = string | { measures: string[]; weights: number[] };

/** Adam and stop rule of optimize() (same names and meaning). */
export interface OptimizerSpec {
  seed: number;
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  maxIter?: number;
  /** Stop as soon as the score is strictly above this; absent = run maxIter steps. */
  stopScore?: number;
}

/** What is recorded besides the score of every step. */
export interface RecordSpec {
  /** Recorders (and snapshots) run every this many steps; step 0 and the last step always. Default 10. */
  every?: number;
  /** Decoding accuracy of these labels; true = every label of the dataset that cross-validation can decode. Default none. */
  decoding?: boolean | string[];
  /** Per-PC R² of X captured by Y. Default false. */
  pcs?: boolean;
  /** Copies of Y (stored as .npy files). Default false. */
  snapshots?: boolean;
}

export interface RunConfig {
  /** A dataset, or a bare dataset id (= { id }). */
  dataset: string | DatasetRef | ArrayRef;
  objective: ObjectiveSpec;
  optimizer: OptimizerSpec;
  record?: RecordSpec;
}

/** A RunConfig after normalizeConfig: every default filled, decoding as a sorted list of labels. */
export interface NormalizedRunConfig extends RunConfig {
  /** Never a bare id. */
  dataset: (Required<DatasetRef> & { array?: undefined }) | (ArrayRef & { id?: undefined });
  optimizer: Required<Omit<OptimizerSpec, "stopScore">> & { stopScore?: number };
  record: { every: number; decoding: string[] | true; pcs: boolean; snapshots: boolean };
}

const OPTIMIZER_DEFAULTS = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, maxIter: 1000 };
const RECORD_DEFAULTS = { every: 10, pcs: false, snapshots: false };
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Validates a run configuration and fills its defaults. `dataset` may be given as a bare id string.
 * Every problem throws an InputError naming its key path ("optimizer.lr", "objective.measures[1]",
 * "record.decoding[0]"): unknown keys, wrong types, unknown datasets or labels (listDatasets()),
 * unknown or non-differentiable measures (the registry's error with the nearest ids).
 *
 * Defaults: dataset.source "auto", dataset.seed 0, optimizer.seed 0, lr 0.1, beta1 0.9, beta2 0.999,
 * eps 1e-8, maxIter 1000, no stopScore; record.every 10, decoding none (true → every label with at
 * least 2 conditions per class, sorted: the ones cross-validation can decode),
 * pcs false, snapshots false. A user array keeps `decoding: true` as is (its labels are not known here).
 *
 *   normalizeConfig({ dataset: { id: "Mante2013", source: "surrogate" }, objective: "nbs", optimizer: { seed: 0, stopScore: 0.99 } });
 *   normalizeConfig({ dataset: "toy2d", objective: "ckaa", optimizer: { seed: 0 } });   // InputError: objective: … nearest: cka, …
 */
export function normalizeConfig(c: unknown): NormalizedRunConfig {
  const o = record(c, "config");
  onlyKeys(o, ["dataset", "objective", "optimizer", "record"], "config");
  if (o.dataset === undefined) throw new InputError("dataset", "a dataset id or { id, source?, seed? } or { array, name? }", "missing");
  if (o.objective === undefined) throw new InputError("objective", 'a measure id or { measures: [...], weights: [...] }', "missing");
  const dataset = normalizeDataset(o.dataset);
  const objective = normalizeObjective(o.objective);
  const optimizer = normalizeOptimizer(o.optimizer ?? {});
  const rec = normalizeRecord(o.record ?? {}, dataset);
  return { dataset, objective, optimizer, record: rec };
}

/**
 * The objective as one label (the runs table's measure column): the measure id, or "w₁*id₁+w₂*id₂".
 *
 *   objectiveLabel({ measures: ["cka", "nbs"], weights: [0.5, 0.5] });   // "0.5*cka+0.5*nbs"
 */
export function objectiveLabel(objective: ObjectiveSpec): string {
  if (typeof objective === "string") return objective;
  return objective.measures.map((m, i) => `${objective.weights[i]}*${m}`).join("+");
}

/**
 * The dataset as one label (the runs table's dataset column): its id, or the user array's name
 * (default: the first 12 hex digits of its hash).
 *
 *   datasetLabel({ id: "Mante2013", source: "surrogate", seed: 0 });   // "Mante2013"
 */
export function datasetLabel(dataset: DatasetRef | ArrayRef): string {
  return "array" in dataset ? dataset.name ?? dataset.array.slice(0, 12) : dataset.id;
}

function normalizeDataset(d: unknown): NormalizedRunConfig["dataset"] {
  if (typeof d === "string") d = { id: d };
  const o = record(d, "dataset");
  if ("array" in o) {
    onlyKeys(o, ["array", "name"], "dataset");
    if (typeof o.array !== "string" || !SHA256_HEX.test(o.array)) throw new InputError("dataset.array", "the sha256 of the array (64 lower-case hex digits, see arrayHash)", `got ${show(o.array)}`);
    const name = o.name;
    if (name === undefined) return { array: o.array };
    if (typeof name !== "string") throw new InputError("dataset.name", "a string", `got ${show(name)}`);
    return { array: o.array, name };
  }
  onlyKeys(o, ["id", "source", "seed"], "dataset");
  if (typeof o.id !== "string") throw new InputError("dataset.id", "a dataset id string (see listDatasets())", `got ${show(o.id)}`);
  const info = datasetInfo(o.id);
  const source = o.source ?? "auto";
  if (source !== "auto" && source !== "real" && source !== "surrogate") throw new InputError("dataset.source", '"auto", "real" or "surrogate"', `got ${show(source)}`);
  if (source === "real" && !info.sources.includes("real")) throw new InputError("dataset.source", `"auto" or "surrogate" for ${o.id}`, 'got "real" (it has no real data)');
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed)) throw new InputError("dataset.seed", "an integer", `got ${show(seed)}`);
  return { id: o.id, source, seed: seed as number };
}

function normalizeObjective(obj: unknown): ObjectiveSpec {
  if (typeof obj === "string") {
    checkMeasure(obj, "objective");
    return obj;
  }
  const o = record(obj, "objective");
  onlyKeys(o, ["measures", "weights"], "objective");
  if (!Array.isArray(o.measures) || o.measures.length === 0) throw new InputError("objective.measures", "a non-empty list of measure ids", `got ${show(o.measures)}`);
  const measures = o.measures.map((m, i) => {
    if (typeof m !== "string") throw new InputError(`objective.measures[${i}]`, "a measure id string", `got ${show(m)}`);
    checkMeasure(m, `objective.measures[${i}]`);
    return m;
  });
  if (!Array.isArray(o.weights) || o.weights.length !== measures.length)
    throw new InputError("objective.weights", `one number per measure (${measures.length})`, `got ${show(o.weights)}`);
  const weights = o.weights.map((w, i) => {
    if (typeof w !== "number" || !Number.isFinite(w)) throw new InputError(`objective.weights[${i}]`, "a finite number", `got ${show(w)}`);
    return w;
  });
  return { measures, weights };
}

function normalizeOptimizer(opt: unknown): NormalizedRunConfig["optimizer"] {
  const o = record(opt, "optimizer");
  onlyKeys(o, ["seed", "lr", "beta1", "beta2", "eps", "maxIter", "stopScore"], "optimizer");
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed)) throw new InputError("optimizer.seed", "an integer", `got ${show(seed)}`);
  const number = (name: keyof typeof OPTIMIZER_DEFAULTS, ok: (v: number) => boolean, expected: string): number => {
    const v = o[name] ?? OPTIMIZER_DEFAULTS[name];
    if (typeof v !== "number" || !ok(v)) throw new InputError(`optimizer.${name}`, expected, `got ${show(v)}`);
    return v;
  };
  const out: NormalizedRunConfig["optimizer"] = {
    seed: seed as number,
    lr: number("lr", (v) => v > 0 && Number.isFinite(v), "a positive number"),
    beta1: number("beta1", (v) => v >= 0 && v < 1, "a number in [0, 1)"),
    beta2: number("beta2", (v) => v >= 0 && v < 1, "a number in [0, 1)"),
    eps: number("eps", (v) => v > 0 && Number.isFinite(v), "a positive number"),
    maxIter: number("maxIter", (v) => Number.isInteger(v) && v >= 0, "an integer ≥ 0"),
  };
  if (o.stopScore !== undefined) {
    if (typeof o.stopScore !== "number" || !Number.isFinite(o.stopScore)) throw new InputError("optimizer.stopScore", "a finite number (omit it to run maxIter steps)", `got ${show(o.stopScore)}`);
    out.stopScore = o.stopScore;
  }
  return out;
}

function normalizeRecord(rec: unknown, dataset: NormalizedRunConfig["dataset"]): NormalizedRunConfig["record"] {
  const o = record(rec, "record");
  onlyKeys(o, ["every", "decoding", "pcs", "snapshots"], "record");
  const every = o.every ?? RECORD_DEFAULTS.every;
  if (!Number.isInteger(every) || (every as number) < 1) throw new InputError("record.every", "an integer ≥ 1", `got ${show(every)}`);
  for (const flag of ["pcs", "snapshots"] as const)
    if (o[flag] !== undefined && typeof o[flag] !== "boolean") throw new InputError(`record.${flag}`, "true or false", `got ${show(o[flag])}`);
  const labels = dataset.id === undefined ? null : datasetInfo(dataset.id).labels;
  const known = labels && labels.map((l) => l.name);
  const decodable = labels && labels.filter((l) => Math.min(...l.counts) >= 2).map((l) => l.name);
  let decoding: string[] | true;
  const d = o.decoding ?? false;
  if (d === true) decoding = decodable ? [...decodable].sort() : true;
  else if (d === false) decoding = [];
  else if (Array.isArray(d)) {
    decoding = d.map((label, i) => {
      if (typeof label !== "string") throw new InputError(`record.decoding[${i}]`, "a label name", `got ${show(label)}`);
      if (known && !known.includes(label)) throw new InputError(`record.decoding[${i}]`, `a label of ${dataset.id} (${known.join(", ")})`, `got "${label}"`);
      if (decodable && !decodable.includes(label)) throw new InputError(`record.decoding[${i}]`, `a label with at least 2 conditions per class (cross-validated decoding): ${decodable.join(", ")}`, `got "${label}"`);
      return label;
    });
    decoding = [...new Set(decoding)].sort();
  } else throw new InputError("record.decoding", "true, false or a list of label names", `got ${show(d)}`);
  return { every: every as number, decoding, pcs: (o.pcs as boolean | undefined) ?? RECORD_DEFAULTS.pcs, snapshots: (o.snapshots as boolean | undefined) ?? RECORD_DEFAULTS.snapshots };
}

let infos: Map<string, DatasetInfo> | null = null;

/** listDatasets()'s entry of `id`; an unknown id gets loadDataset's error (nearest ids), which it throws before loading anything. */
function datasetInfo(id: string): DatasetInfo {
  infos ??= new Map(listDatasets().map((d) => [d.id, d]));
  const info = infos.get(id);
  if (info) return info;
  try {
    loadDataset(id, { quiet: true });
  } catch (e) {
    if (e instanceof InputError) throw new InputError("dataset.id", e.expected, e.got);
    throw e;
  }
  throw new InputError("dataset.id", "a known dataset id (see listDatasets())", `got "${id}"`);
}

function checkMeasure(id: string, path: string): void {
  try {
    const def = getMeasure(id);
    if (!def.differentiable) throw new InputError(path, "a differentiable measure to optimize", `"${id}" is value-only (see listMeasures())`);
  } catch (e) {
    if (e instanceof InputError && e.argument !== path) throw new InputError(path, e.expected, e.got);
    throw e;
  }
}

function record(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new InputError(path, "an object", `got ${show(v)}`);
  return v as Record<string, unknown>;
}

function onlyKeys(o: Record<string, unknown>, allowed: string[], path: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new InputError(`${path === "config" ? "" : path + "."}${k}`, `one of the keys ${allowed.join(", ")}`, "unknown key");
}

function show(v: unknown): string {
  return v === undefined ? "nothing" : JSON.stringify(v) ?? String(v);
}

