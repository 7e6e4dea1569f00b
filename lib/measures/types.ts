import type { Matrix } from "../tensor/matrix";
import type { Rng } from "../random";

/** Which transformations of Y (applied alone) leave the score unchanged. */
export interface Invariances {
  permutation: boolean;
  orthogonal: boolean;
  isotropicScale: boolean;
  translation: boolean;
  invertibleLinear: boolean;
}

/** What `listMeasures()` says about one measure id. */
export interface MeasureInfo {
  id: string;
  /** cka, nbs, procrustes, cca, shape_metric, regression, rsa, ... */
  family: string;
  /** One line of math. */
  formula: string;
  /** [lower, upper] bound of the value (±Infinity when unbounded). */
  range: [number, number];
  higherIsMoreSimilar: boolean;
  /** score(X, Y) = score(Y, X). */
  symmetric: boolean;
  invariances: Invariances;
  /**
   * score(c·X, Y) = score(X, Y) for c > 0. Default (when a definition leaves it out): symmetric measures
   * with `invariances.isotropicScale`; regression measures that predict X set it (X is the target).
   */
  isotropicScaleX?: boolean;
  /**
   * k with score(c·X, c·Y) = cᵏ·score(X, Y) for c > 0 (Euclidean distances: 1, their squares: 2), for a
   * deterministic measure that is not scale-invariant; lets it be computed at any scale (scale_safe.ts).
   */
  homogeneity?: number;
  /** A gradient is available (valueAndGrad and the tfjs op). */
  differentiable: boolean;
  /** Draws random numbers (condition splits); seeded through options.seed. */
  stochastic: boolean;
  aliases: string[];
  /** Fewest samples (rows after flattening) the measure accepts. */
  minSamples: number;
  /** Conventions, choices between disagreeing implementations, caveats. */
  notes?: string;
}

/** What a measure knows of its inputs besides X: the original shapes (3-D CV splits use axis 1) and options. */
export interface MeasureContext {
  shapeX: readonly number[];
  shapeY: readonly number[];
  /** Random generator for stochastic measures (condition-split CV). */
  rng: Rng;
}

/** Value and gradient with respect to Y (same shape as the flattened Y). */
export interface ValueGrad {
  value: number;
  gradY: Matrix;
}

/** Value and gradients with respect to both arguments (joint optimization). */
export interface ValueGrads extends ValueGrad {
  gradX: Matrix;
}

/**
 * A measure bound to a fixed reference X: everything that depends only on X is computed once in
 * `prepare`, so an optimization step touches Y alone.
 */
export interface PreparedMeasure {
  value(Y: Matrix): number;
  /** Present when the measure is differentiable. */
  valueAndGrad?(Y: Matrix): ValueGrad;
}

/** A registered measure: its description and how to prepare it for a reference X. */
export interface MeasureDefinition extends MeasureInfo {
  prepare(X: Matrix, ctx: MeasureContext): PreparedMeasure;
  /**
   * Gradients with respect to X and Y. Optional: symmetric differentiable measures get it from
   * swapping the arguments (see registry.ts); regression-type measures define it explicitly.
   */
  valueAndGrads?(X: Matrix, Y: Matrix, ctx: MeasureContext): ValueGrads;
}

/** Common invariance sets. */
export const INVARIANCE = {
  /** CKA, NBS, Procrustes (centered): orthogonal maps, isotropic scale, translation. */
  orthogonal: { permutation: true, orthogonal: true, isotropicScale: true, translation: true, invertibleLinear: false } as Invariances,
  /** CCA and other whitened measures: any invertible linear map. */
  linear: { permutation: true, orthogonal: true, isotropicScale: true, translation: true, invertibleLinear: true } as Invariances,
  none: { permutation: false, orthogonal: false, isotropicScale: false, translation: false, invertibleLinear: false } as Invariances,
};

/**
 * The metadata most centered similarity scores share (orthogonal-invariant, symmetric, differentiable,
 * [0, 1], higher = more similar); a definition spreads it and overrides what differs.
 */
export const ORTHOGONAL_SIMILARITY = {
  range: [0, 1] as [number, number],
  higherIsMoreSimilar: true,
  symmetric: true,
  invariances: INVARIANCE.orthogonal,
  differentiable: true,
  stochastic: false,
  minSamples: 2,
};
