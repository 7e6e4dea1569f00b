/**
 * The dataset API: every dataset of the paper by id, from the real data (when it is in the local
 * cache), a seeded surrogate (the offline default) or a toy generator.
 *
 *   listDatasets().map((d) => d.id);
 *   const data = loadDataset("Mante2013");                          // real if cached, else surrogate
 *   const sur = loadDataset("Hatsopoulos2007", { source: "surrogate", seed: 3 });
 */
import { InputError, optionsObject, received } from "../errors";
import { editDistance } from "../measures/registry";
import { pca, pcaScores } from "../tensor/linalg/pca";
import { datasetCacheDir, loadRealFromCache, manifestEntry } from "./real";
import { makeDataset } from "./dataset";
import { componentsForVariance } from "./real/siegel";
import { SURROGATES, SurrogateDefinition } from "./surrogates";
import { generateSurrogate } from "./surrogates/definition";
import { expGaussian, spectrumMatchedGaussian, toy2d, ultrametric } from "./toys";
import type { Dataset, DatasetSource, LabelSet } from "./types";

/** Where loadDataset takes a neural dataset from. */
export type SourceOption = "auto" | "real" | "surrogate";

/** Options of `loadDataset`. */
export interface LoadDatasetOptions {
  /**
   * "auto" (default): the real data when they are in the local cache, else the surrogate (said in
   * meta.notes, and to `log` when given); "real": the cached real data or an InputError; "surrogate":
   * always the surrogate. Toy datasets ignore it (except "real", which they do not have).
   */
  source?: SourceOption;
  /** Seed of the surrogate and of the toys' random draws. Default 0. */
  seed?: number;
  /** Cache folder of the real data (default $DIFFSIM_DATA_DIR or the user cache folder). */
  cacheDir?: string;
  /**
   * Where to say (one line) that "auto" fell back to the surrogate, e.g. console.log. Default: nowhere —
   * loading prints nothing (meta.notes says it in any case) — except for an unreadable cached file,
   * which is said with console.warn.
   */
  log?: (line: string) => void;
  /** `quiet: false` (without `log`) prints that line with console.log. Default true: prints nothing. */
  quiet?: boolean;
}

/** What `listDatasets` says about one dataset. */
export interface DatasetInfo {
  id: string;
  kind: "neural" | "toy";
  description: string;
  /** Shape after the paper's preprocessing: [T, C, N] or [n, N]. */
  shape: number[];
  labels: { name: string; classes: number[]; classNames?: string[]; counts: number[] }[];
  primaryLabel?: string;
  referenceAccuracy?: number;
  /** Sources loadDataset can use for this id. */
  sources: DatasetSource[];
  /** Whether the real data can be downloaded publicly (neural datasets only). */
  realDataPublic?: boolean;
  units: string;
  citation: string;
}

interface Entry {
  info: DatasetInfo;
  load(options: LoadDatasetOptions): Dataset;
}

/** The PCA-reduced variants of Mante2013 registered by diffscore (sklearn PCA keeping a variance fraction). */
const PCA_VARIANTS: { base: string; suffix: string; fraction: number }[] = [
  { base: "Mante2013", suffix: "-var95", fraction: 0.95 },
  { base: "Mante2013", suffix: "-var99", fraction: 0.99 },
];

let entries: Map<string, Entry> | null = null;

function registry(): Map<string, Entry> {
  if (entries) return entries;
  entries = new Map();
  for (const def of SURROGATES) {
    const info = neuralInfo(def);
    entries.set(def.id, { info, load: (o) => loadNeural(def, o) });
  }
  for (const v of PCA_VARIANTS) {
    const def = SURROGATES.find((d) => d.id === v.base) as SurrogateDefinition;
    const k = componentsForVariance(def.ratios, v.fraction);
    const id = v.base + v.suffix;
    entries.set(id, {
      info: { ...neuralInfo(def), id, shape: [...def.shape.slice(0, -1), k], description: `${def.id} reduced by PCA to ${Math.round(v.fraction * 100)} % of its variance (diffscore variant); ≈ ${k} PCs for the surrogate` },
      load: (o) => pcaVariant(def, v.fraction, id, o),
    });
  }
  const toys: [string, string, (seed: number) => Dataset][] = [
    ["toy2d", "toy2d(a = 0.5): two-neuron arcs, 10 time steps × 6 conditions (paper §9.1)", () => toy2d()],
    ["ultrametric", "hierarchical binary data, 100 leaves × 50 bits, 10 categories (paper §9.1)", (seed) => ultrametric({ seed })],
    ["exp-gaussian", "Gaussian data with log-spaced variances, 15 × 40 × 100 (paper §9.1)", (seed) => expGaussian({ seed })],
    ["exp-gaussian-dim50", "exp-gaussian with 50 neurons", (seed) => expGaussian({ dim: 50, seed })],
  ];
  for (const [id, description, make] of toys) {
    const sample = make(0);
    entries.set(id, {
      info: {
        id,
        kind: "toy",
        description,
        shape: sample.shape,
        labels: labelInfo(Object.values(sample.labels)),
        primaryLabel: sample.meta.primaryLabel,
        sources: ["toy"],
        units: sample.meta.units,
        citation: sample.meta.citation,
      },
      load: (o) => {
        if (o.source === "real") throw new InputError("source", `"auto" or "surrogate" for the toy dataset ${id}`, 'got "real" (toys have no real data)');
        return make(o.seed ?? 0);
      },
    });
  }
  for (const def of SURROGATES) {
    const info = neuralInfo(def);
    entries.set(`${def.id}-spectrum-gaussian`, {
      info: {
        ...info,
        id: `${def.id}-spectrum-gaussian`,
        kind: "toy",
        description: `Spectrum-matched Gaussian (paper §5) of ${def.id}: its PCA spectrum with random singular vectors; labels decode at chance`,
        sources: ["surrogate"],
        realDataPublic: undefined,
      },
      load: (o) => spectrumMatchedGaussian(loadNeural(def, o), { seed: o.seed ?? 0 }),
    });
  }
  return entries;
}

/**
 * Every dataset loadDataset knows: the five neural datasets of the paper (real data or surrogate), the
 * PCA-reduced Mante variants, spectrum-matched Gaussians of the neural datasets, and the toys, with
 * shapes, labels (classes and counts), reference decoding accuracy, available sources, whether the
 * real data are public (Siegel 2015's are not) and the citation.
 *
 *   listDatasets().filter((d) => d.kind === "neural").map((d) => `${d.id} ${d.shape}`);
 */
export function listDatasets(): DatasetInfo[] {
  return [...registry().values()].map((e) => JSON.parse(JSON.stringify(e.info)) as DatasetInfo);
}

/**
 * Load a dataset by id as a Dataset (activity (T·C, N), shape, per-condition labels, meta with source,
 * units, preprocessing, citation, isSurrogate, primaryLabel, referenceAccuracy). Neural datasets come
 * from the local cache of real data when `source` allows and they are there, else from the seeded
 * surrogate (deterministic for a seed). Unknown ids throw an InputError listing the nearest ids.
 *
 *   const { activity, shape, labels, meta } = loadDataset("Mante2013", { source: "surrogate", seed: 1 });
 *   decode(activity, shape, labels.context.values).accuracy;   // ≈ 0.886
 */
export function loadDataset(id: string, opts?: LoadDatasetOptions): Dataset {
  const options = optionsObject(opts, "options");
  if (typeof id !== "string") throw new InputError("id", "a dataset id string (see listDatasets())", `got ${typeof id}`);
  const source = options.source ?? "auto";
  if (!["auto", "real", "surrogate"].includes(source)) throw new InputError("source", '"auto", "real" or "surrogate"', `got ${received(source)}`);
  if (options.seed !== undefined && !Number.isFinite(options.seed)) throw new InputError("seed", "a finite number", `got ${received(options.seed)}`);
  const entry = registry().get(id);
  if (!entry) {
    const nearest = [...registry().keys()].sort((a, b) => editDistance(id.toLowerCase(), a.toLowerCase()) - editDistance(id.toLowerCase(), b.toLowerCase())).slice(0, 3);
    throw new InputError("id", "a known dataset id", `got "${id}"; did you mean ${nearest.map((s) => `"${s}"`).join(", ")}? (listDatasets() lists all)`);
  }
  return entry.load({ ...options, source });
}

function loadNeural(def: SurrogateDefinition, options: LoadDatasetOptions): Dataset {
  const lookup = cachedReal(def, options);
  if (lookup.data) return lookup.data;
  return surrogateDataset(def, options.seed ?? 0, fallbackNote(def, def.id, options, lookup));
}

/** What the local cache gave: the real data, or null and why the surrogate is used instead. */
/** data: the real data, or null and `why` the surrogate is used (unreadable: a cached file needs fixing). */
type CacheLookup = { data: Dataset | null; why: string; unreadable: boolean };

/**
 * The real data from the cache when `source` allows it. "real" throws when they are missing or
 * unreadable (naming the file and how to fix it); "auto" then falls back to the surrogate.
 */
function cachedReal(def: SurrogateDefinition, options: LoadDatasetOptions): CacheLookup {
  const source = options.source ?? "auto";
  if (source === "surrogate") return { data: null, why: 'source "surrogate" requested', unreadable: false };
  const dir = datasetCacheDir(def.id, options.cacheDir);
  const publicData = manifestEntry(def.id).public;
  let real: Dataset | null;
  try {
    real = loadRealFromCache(def.id, { cacheDir: options.cacheDir });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const fix = publicData
      ? `delete the file (or ${dir}) and download again with downloadDataset("${def.id}")`
      : "replace it with the lab-provided file";
    if (source === "real") throw new InputError("source", `readable real ${def.id} data in the local cache (${dir})`, `${error.message}; ${fix}, or use source "surrogate"`);
    return { data: null, why: `the cached real data are unreadable (${error.message}; ${fix})`, unreadable: true };
  }
  if (real) return { data: real, why: "", unreadable: false };
  if (source === "auto") return { data: null, why: `real data not in the cache (${dir})`, unreadable: false };
  const how = publicData
    ? `download them with downloadDataset("${def.id}") or use source "surrogate"`
    : 'these data are not public: put the lab-provided files there, or use source "surrogate"';
  throw new InputError("source", `the real ${def.id} data in the local cache (${dir})`, `not found; ${how}`);
}

/**
 * meta.notes of a surrogate. For "auto" also one line saying why the real data were not used: to `log`
 * (or console.log with quiet: false) when they are simply not cached; always visible (console.warn unless
 * `log` is given) when a cached file is unreadable, since that needs fixing.
 */
function fallbackNote(def: SurrogateDefinition, id: string, options: LoadDatasetOptions, lookup: CacheLookup): string {
  const seed = options.seed ?? 0;
  if ((options.source ?? "auto") === "surrogate") return `Seeded surrogate (seed ${seed}) requested with source "surrogate"; not recorded data.`;
  const log = options.log ?? (lookup.unreadable ? console.warn : options.quiet === false ? console.log : undefined);
  log?.(`[diffsim] ${id}: ${lookup.why}; using the surrogate (seed ${seed}).`);
  return `Seeded surrogate (seed ${seed}), not recorded data: ${lookup.why}.`;
}

function surrogateDataset(def: SurrogateDefinition, seed: number, notes: string, reduceTo?: { id: string; fraction: number }): Dataset {
  const generated = generateSurrogate(def, seed);
  let activity = generated.activity;
  let shape = [...def.shape];
  let preprocessing = `surrogate of: ${def.preprocessing}. Built as a ${def.recipe}; seed ${seed}.`;
  if (reduceTo) {
    const k = componentsForVariance(def.ratios, reduceTo.fraction);
    activity = pcaScores(generated.profiles, generated.singularValues.map((s) => s * s), k);
    shape = [...shape.slice(0, -1), k];
    preprocessing += ` Then PCA keeping ${reduceTo.fraction * 100} % of the variance (${k} PCs, scores).`;
  }
  return makeDataset(activity, shape, def.labels.map(copyLabel), {
    id: reduceTo ? reduceTo.id : def.id,
    source: "surrogate",
    units: reduceTo ? `PC scores of ${def.units}` : def.units,
    preprocessing,
    citation: `${def.citation} — surrogate matched to the statistics in Cloos et al. 2024 (datasets.md)`,
    notes,
    primaryLabel: def.primaryLabel,
    referenceAccuracy: def.referenceAccuracy,
    version: def.version,
  });
}

function pcaVariant(def: SurrogateDefinition, fraction: number, id: string, options: LoadDatasetOptions): Dataset {
  const lookup = cachedReal(def, options);
  if (!lookup.data) return surrogateDataset(def, options.seed ?? 0, fallbackNote(def, id, options, lookup), { id, fraction });
  const base = lookup.data;
  const p = pca(base.activity);
  const k = componentsForVariance(p.explainedVarianceRatio, fraction);
  const shape = [...base.shape.slice(0, -1), k];
  return makeDataset(pcaScores(p.profiles, p.sumsOfSquares, k), shape, Object.values(base.labels).map(copyLabel), {
    ...base.meta,
    id,
    units: `PC scores of ${base.meta.units}`,
    preprocessing: `${base.meta.preprocessing}; then PCA keeping ${fraction * 100} % of the variance (${k} PCs, scores)`,
  });
}

function neuralInfo(def: SurrogateDefinition): DatasetInfo {
  const entry = manifestEntry(def.id);
  return {
    id: def.id,
    kind: "neural",
    description: `${entry.title}. Offline: ${def.recipe}`,
    shape: [...def.shape],
    labels: labelInfo(def.labels),
    primaryLabel: def.primaryLabel,
    referenceAccuracy: def.referenceAccuracy,
    sources: ["real", "surrogate"],
    realDataPublic: entry.public,
    units: def.units,
    citation: def.citation,
  };
}

function labelInfo(labels: LabelSet[]): DatasetInfo["labels"] {
  return labels.map((l) => ({
    name: l.name,
    classes: [...l.classes],
    ...(l.classNames ? { classNames: [...l.classNames] } : {}),
    counts: l.classes.map((c) => l.values.filter((v) => v === c).length),
  }));
}

function copyLabel(l: LabelSet): LabelSet {
  return { ...l, values: [...l.values], classes: [...l.classes], ...(l.classNames ? { classNames: [...l.classNames] } : {}) };
}

