/**
 * Access to the golden reference values computed with the public Python implementations: the
 * repository's copy test/golden/measures.json.gz (provenance in test/golden/README.md). GOLDEN_PATH
 * points to another copy instead (.json or .json.gz), e.g. a newer reference run.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { gunzipSync } from "zlib";

export interface GoldenCase {
  X: number[][] | number[][][];
  Y: number[][] | number[][][];
  recipe: string;
}
export interface GoldenValue {
  measure: string;
  repo: string;
  case: string;
  value: number | null;
  params?: Record<string, number>;
  args?: "XY" | "YX";
  stochastic?: boolean;
  implementation_dependent?: boolean;
  nonfinite?: string;
}
export interface GoldenGradient {
  measure: string;
  repo: string;
  case: string;
  value: number;
  grad: number[][] | number[][][];
}
export interface Golden {
  cases: Record<string, GoldenCase>;
  values: GoldenValue[];
  gradients: GoldenGradient[];
  disagreements: { type: string; measure: string; case: string; params?: Record<string, number>; args?: string; values: Record<string, number>; clusters: string[][] }[];
}

export const GOLDEN_PATH = process.env.GOLDEN_PATH ?? join(__dirname, "..", "golden", "measures.json.gz");

let cached: Golden | null = null;
/** The golden file, read (and gunzipped when it ends in .gz) once per process. */
export function golden(): Golden {
  if (!cached) {
    if (!existsSync(GOLDEN_PATH)) throw new Error(`golden file not found at ${GOLDEN_PATH} (GOLDEN_PATH overrides the repository's copy)`);
    const bytes = readFileSync(GOLDEN_PATH);
    cached = JSON.parse((GOLDEN_PATH.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8")) as Golden;
  }
  return cached;
}

/** Exact targets: finite, deterministic, not flagged implementation-dependent. */
export function exactValues(filter: (v: GoldenValue) => boolean): GoldenValue[] {
  return golden().values.filter((v) => v.value !== null && !v.stochastic && !v.implementation_dependent && filter(v));
}

/** Absolute tolerance for scores in [-1, 1], relative otherwise. */
export function closeEnough(actual: number, expected: number, tol = 1e-5): boolean {
  const scale = Math.abs(expected) <= 1 ? 1 : Math.abs(expected);
  return Math.abs(actual - expected) <= tol * scale;
}

/** Relative Frobenius error ‖a − b‖ / ‖b‖ of two nested arrays. */
export function relativeError(a: unknown, b: unknown): number {
  const fa = (a as number[]).flat(3) as number[];
  const fb = (b as number[]).flat(3) as number[];
  if (fa.length !== fb.length) return Infinity;
  let num = 0;
  let den = 0;
  for (let i = 0; i < fa.length; i++) {
    num += (fa[i] - fb[i]) ** 2;
    den += fb[i] ** 2;
  }
  return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
}
