import { Matrix, scale } from "../tensor/matrix";
import type { MeasureContext, MeasureDefinition, PreparedMeasure, ValueGrads } from "./types";

/**
 * Transforms of a cosine-like similarity s ∈ [-1, 1] into the scores and distances of the paper and of
 * similarity-repository, each with its derivative so gradients pass through by the chain rule:
 *
 *   score                s
 *   angular              θ = arccos(s)                  (diffscore "-angular", repository "distance=angular")
 *   angular-score        1 − (2/π)·arccos(s)            (the paper's "angular" scores)
 *   euclidean            √(2 − 2s)                      (chordal distance between unit-norm embeddings)
 *   squared-euclidean    2 − 2s
 *   one-minus            1 − s
 *   negative-log         −log(s)
 *   squared              s²
 *   normalized-angular   (2/π)·arccos(s)                (ENSD's angular distance, 1 − angular-score)
 *
 * arccos is evaluated on s clamped to [−1, 1] (s = 1 + ε happens for X vs X), and its derivative
 * −1/√(1 − s²) is taken as 0 where 1 − s² underflows: there s is at its maximum and ds/dY = 0, so the
 * gradient is 0 rather than 0·∞ = NaN.
 */
export type TransformName = "score" | "angular" | "angular-score" | "euclidean" | "squared-euclidean" | "one-minus" | "negative-log" | "squared" | "normalized-angular";

export interface Transform {
  name: TransformName;
  apply(s: number): number;
  /** d apply / d s. */
  derivative(s: number): number;
  range(base: [number, number]): [number, number];
  higherIsMoreSimilar: boolean;
}

const clamp1 = (s: number) => Math.min(1, Math.max(-1, s));
const arccosSlope = (s: number) => {
  const c = clamp1(s);
  const r = 1 - c * c;
  return r > 1e-300 ? -1 / Math.sqrt(r) : 0;
};

export const TRANSFORMS: Record<TransformName, Transform> = {
  score: { name: "score", apply: (s) => s, derivative: () => 1, range: (b) => b, higherIsMoreSimilar: true },
  angular: {
    name: "angular",
    apply: (s) => Math.acos(clamp1(s)),
    derivative: arccosSlope,
    range: (b) => [Math.acos(clamp1(b[1])), Math.acos(clamp1(b[0]))],
    higherIsMoreSimilar: false,
  },
  "angular-score": {
    name: "angular-score",
    apply: (s) => 1 - (2 / Math.PI) * Math.acos(clamp1(s)),
    derivative: (s) => (-2 / Math.PI) * arccosSlope(s),
    range: (b) => [1 - (2 / Math.PI) * Math.acos(clamp1(b[0])), 1 - (2 / Math.PI) * Math.acos(clamp1(b[1]))],
    higherIsMoreSimilar: true,
  },
  euclidean: {
    name: "euclidean",
    apply: (s) => Math.sqrt(Math.max(0, 2 - 2 * s)),
    derivative: (s) => {
      const d = Math.sqrt(Math.max(0, 2 - 2 * s));
      return d > 1e-150 ? -1 / d : 0;
    },
    range: (b) => [Math.sqrt(Math.max(0, 2 - 2 * b[1])), Math.sqrt(Math.max(0, 2 - 2 * b[0]))],
    higherIsMoreSimilar: false,
  },
  "squared-euclidean": { name: "squared-euclidean", apply: (s) => 2 - 2 * s, derivative: () => -2, range: (b) => [2 - 2 * b[1], 2 - 2 * b[0]], higherIsMoreSimilar: false },
  "one-minus": { name: "one-minus", apply: (s) => 1 - s, derivative: () => -1, range: (b) => [1 - b[1], 1 - b[0]], higherIsMoreSimilar: false },
  "negative-log": {
    name: "negative-log",
    apply: (s) => -Math.log(s),
    derivative: (s) => -1 / s,
    range: (b) => [b[1] > 0 ? -Math.log(b[1]) : -Infinity, b[0] > 0 ? -Math.log(b[0]) : Infinity],
    higherIsMoreSimilar: false,
  },
  squared: { name: "squared", apply: (s) => s * s, derivative: (s) => 2 * s, range: (b) => [b[0] < 0 ? 0 : b[0] ** 2, Math.max(b[0] ** 2, b[1] ** 2)], higherIsMoreSimilar: true },
  "normalized-angular": {
    name: "normalized-angular",
    apply: (s) => (2 / Math.PI) * Math.acos(clamp1(s)),
    derivative: (s) => (2 / Math.PI) * arccosSlope(s),
    range: (b) => [(2 / Math.PI) * Math.acos(clamp1(b[1])), (2 / Math.PI) * Math.acos(clamp1(b[0]))],
    higherIsMoreSimilar: false,
  },
};

/** The prepared measure t(s(X, ·)). */
export function transformPrepared(base: PreparedMeasure, t: Transform): PreparedMeasure {
  if (t.name === "score") return base;
  const out: PreparedMeasure = { value: (Y) => t.apply(base.value(Y)) };
  const vg = base.valueAndGrad;
  if (vg)
    out.valueAndGrad = (Y: Matrix) => {
      const { value, gradY } = vg.call(base, Y);
      return { value: t.apply(value), gradY: scale(gradY, t.derivative(value)) };
    };
  return out;
}

/**
 * A new definition: `t ∘ base` with id `id`. Metadata (range, orientation) follows the transform;
 * invariances and symmetry are those of the base.
 */
export function withTransform(base: MeasureDefinition, t: Transform, id: string, extra: Partial<MeasureDefinition> = {}): MeasureDefinition {
  const def: MeasureDefinition = {
    ...base,
    id,
    aliases: [],
    formula: t.name === "score" ? base.formula : `${t.name}(${base.formula})`,
    range: t.range(base.range),
    higherIsMoreSimilar: t.higherIsMoreSimilar,
    prepare: (X: Matrix, ctx: MeasureContext) => transformPrepared(base.prepare(X, ctx), t),
    valueAndGrads: undefined,
    ...extra,
  };
  const both = base.valueAndGrads;
  if (both && !extra.valueAndGrads)
    def.valueAndGrads = (X: Matrix, Y: Matrix, ctx: MeasureContext): ValueGrads => {
      const r = both.call(base, X, Y, ctx);
      const f = t.derivative(r.value);
      return { value: t.apply(r.value), gradX: scale(r.gradX, f), gradY: scale(r.gradY, f) };
    };
  return def;
}
