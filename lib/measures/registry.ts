import { InputError } from "../errors";
import { isotropicScaleX, scaleSafe } from "./scale_safe";
import type { MeasureDefinition, MeasureInfo } from "./types";

/**
 * Measure ids → definitions. Families register concrete ids (`add`) and parametrised id patterns
 * (`addPattern`, e.g. any λ in `ridge-lambda{λ}-r2#5folds_cv`, any α in `shape_metric-alpha={α}-score`).
 * Every definition handed out is scale-safe (scale_safe.ts). Lookup order: exact id, alias, pattern. Unknown ids get an InputError listing the nearest ids.
 */
export interface MeasurePattern {
  /** Human-readable template, e.g. "ridge-lambda{λ}-{r2|pearsonr}[-sym]#{5folds_cv|no_cv}". */
  template: string;
  pattern: RegExp;
  build(id: string, match: RegExpMatchArray): MeasureDefinition;
  /** Concrete ids listed by listMeasures(). */
  examples: string[];
}

const byId = new Map<string, MeasureDefinition>();
const byAlias = new Map<string, string>();
const patterns: MeasurePattern[] = [];
const built = new Map<string, MeasureDefinition>();

/** Register a concrete measure (and its aliases), made scale-safe (scale_safe.ts). Ids must be unique. */
export function addMeasure(def: MeasureDefinition): void {
  if (byId.has(def.id) || byAlias.has(def.id)) throw new Error(`measure id registered twice: ${def.id}`);
  byId.set(def.id, scaleSafe(def));
  for (const a of def.aliases) {
    if (byId.has(a) || byAlias.has(a)) throw new Error(`measure alias registered twice: ${a}`);
    byAlias.set(a, def.id);
  }
}

/** Register an alias for an existing id. */
export function addAlias(alias: string, id: string): void {
  const def = byId.get(id);
  if (!def) throw new Error(`addAlias: unknown id ${id}`);
  if (byId.has(alias) || byAlias.has(alias)) throw new Error(`measure alias registered twice: ${alias}`);
  byAlias.set(alias, id);
  def.aliases.push(alias);
}

/** Register a parametrised family of ids. */
export function addPattern(p: MeasurePattern): void {
  patterns.push(p);
}

/** The definition for an id or alias; throws InputError with suggestions when unknown. */
export function getMeasure(id: string): MeasureDefinition {
  if (typeof id !== "string") throw new InputError("measure", "a measure id string", `got ${typeof id}`);
  const direct = byId.get(id) ?? byId.get(byAlias.get(id) ?? "");
  if (direct) return direct;
  const cached = built.get(id);
  if (cached) return cached;
  for (const p of patterns) {
    const m = id.match(p.pattern);
    if (m) {
      const overflow = m.slice(1).find((g) => g !== undefined && /^[\d.]+(?:e[+-]?\d+)?$/i.test(g) && !Number.isFinite(Number(g)));
      if (overflow !== undefined) throw new InputError("measure", `finite parameters in the id (${p.template})`, `got "${id}", where ${overflow} overflows to Infinity`);
      const def = scaleSafe(p.build(id, m));
      built.set(id, def);
      return def;
    }
  }
  throw new InputError("measure", "a known measure id", `got "${id}"; nearest: ${nearestIds(id, 5).join(", ")} (listMeasures() lists all)`);
}

/** True when `id` resolves to a measure. */
export function hasMeasure(id: string): boolean {
  try {
    getMeasure(id);
    return true;
  } catch {
    return false;
  }
}

/** Metadata of every registered id, plus the listed instances of each pattern, sorted by id. */
export function listMeasures(): MeasureInfo[] {
  const defs = new Map<string, MeasureDefinition>(byId);
  for (const p of patterns) for (const ex of p.examples) if (!defs.has(ex)) defs.set(ex, getMeasure(ex));
  return [...defs.values()]
    .map(info)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The parametrised templates (for documentation). */
export function listPatterns(): string[] {
  return patterns.map((p) => p.template);
}

function info(d: MeasureDefinition): MeasureInfo {
  const { id, family, formula, range, higherIsMoreSimilar, symmetric, invariances, differentiable, stochastic, aliases, notes, minSamples } = d;
  const homogeneity = d.homogeneity ? { homogeneity: d.homogeneity } : {};
  return { id, family, formula, range, higherIsMoreSimilar, symmetric, invariances, isotropicScaleX: isotropicScaleX(d), ...homogeneity, differentiable, stochastic, aliases: [...aliases], notes, minSamples };
}

/** The `k` registered ids closest to `id` by edit distance. */
export function nearestIds(id: string, k: number): string[] {
  const all = [...byId.keys(), ...byAlias.keys(), ...patterns.flatMap((p) => p.examples)];
  return [...new Set(all)]
    .map((c) => [c, editDistance(id, c)] as const)
    .sort((a, b) => a[1] - b[1])
    .slice(0, k)
    .map(([c]) => c);
}

/** Levenshtein edit distance between two strings (for "did you mean" suggestions), e.g. editDistance("cak", "cka") = 2. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
