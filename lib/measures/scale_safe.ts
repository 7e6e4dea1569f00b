import { Matrix, maxAbs } from "../tensor/matrix";
import type { MeasureContext, MeasureDefinition, PreparedMeasure, ValueGrad, ValueGrads } from "./types";

/**
 * Scale-safe evaluation of scale-invariant measures. A measure with score(X, c·Y) = score(X, Y) is
 * evaluated on Y/2ᵉ, where 2ᵉ ≤ max|Y| < 2ᵉ⁺¹ (unless max|Y| is of ordinary size), so its products
 * (Gram matrices, fourth powers in CKA's normalizer, eigendecompositions) never overflow or underflow,
 * whatever the scale of the data in the float64 range; X likewise, once, when score(c·X, Y) = score(X, Y) (`isotropicScaleX`, which
 * symmetric scale-invariant measures have by default). The gradient follows by the chain rule:
 *
 *   score(X, Y) = score(X, Y/2ᵉ),   ∂score/∂Y (Y) = 2⁻ᵉ · ∂score/∂Y (Y/2ᵉ)
 *
 * Division by a power of two is exact (below the subnormal range), so values at ordinary scales are
 * bit for bit what the measure computes on the data as given, and a power-of-two rescaling of the
 * input changes nothing. Jointly homogeneous measures (`homogeneity` k: Euclidean Procrustes and
 * permutation distances) are evaluated on X/s and Y/s with s the larger of the two scales, and scaled
 * back: score = sᵏ·score(X/s, Y/s), ∂score/∂Y = sᵏ⁻¹·∂score/∂Y (X/s, Y/s) (overflowing only when the
 * result itself does). Other measures that are not scale-invariant (absolute ridge λ, HSIC, …) are left
 * as they are; their values may overflow or underflow float64.
 *
 *   addMeasure(scaleSafe(definition));   // what the registry does for every id
 */
export function scaleSafe(def: MeasureDefinition): MeasureDefinition {
  const inY = def.invariances.isotropicScale;
  const inX = isotropicScaleX(def);
  if (!inX && !inY) return def.homogeneity ? { ...def, isotropicScaleX: false, prepare: homogeneousPrepare(def, def.homogeneity) } : { ...def, isotropicScaleX: false };
  const prepare = (X: Matrix, ctx: MeasureContext): PreparedMeasure => {
    const cx = inX ? powerOfTwoScale(X) : 1;
    const p = def.prepare(Number.isNaN(cx) ? X : dividedBy(X, cx), ctx);
    return inY ? scaleSafePrepared(p) : p;
  };
  const both = def.valueAndGrads;
  const valueAndGrads = both
    ? (X: Matrix, Y: Matrix, ctx: MeasureContext): ValueGrads => {
        const cx = inX ? powerOfTwoScale(X) : 1;
        const cy = inY ? powerOfTwoScale(Y) : 1;
        if (Number.isNaN(cx) || Number.isNaN(cy)) return { value: NaN, gradX: filledNaN(X), gradY: filledNaN(Y) };
        const r = both.call(def, dividedBy(X, cx), dividedBy(Y, cy), ctx);
        return { value: r.value, gradX: dividedBy(r.gradX, cx), gradY: dividedBy(r.gradY, cy) };
      }
    : undefined;
  return { ...def, isotropicScaleX: inX, prepare, valueAndGrads };
}

/** Whether score(c·X, Y) = score(X, Y): declared, or implied by symmetry and Y-scale invariance. */
export function isotropicScaleX(def: MeasureDefinition): boolean {
  return def.isotropicScaleX ?? (def.symmetric && def.invariances.isotropicScale);
}

/**
 * `prepare` of a measure with score(c·X, c·Y) = cᵏ·score(X, Y): X is prepared at the scale s of the
 * larger input (again only when Y's scale moves past X's), the score scaled back by sᵏ.
 */
function homogeneousPrepare(def: MeasureDefinition, k: number): MeasureDefinition["prepare"] {
  return (X, ctx) => {
    const sx = powerOfTwoScale(X);
    if (Number.isNaN(sx)) return def.prepare(X, ctx);
    let current = { s: sx, p: def.prepare(dividedBy(X, sx), ctx) };
    const at = (Y: Matrix) => {
      const s = Math.max(sx, powerOfTwoScale(Y));
      if (Number.isNaN(s)) return null;
      if (s !== current.s) current = { s, p: def.prepare(dividedBy(X, s), ctx) };
      return { s, p: current.p, Y: dividedBy(Y, s) };
    };
    const up = (v: number, s: number, times: number) => {
      for (let i = 0; i < times; i++) v *= s;
      return v;
    };
    const out: PreparedMeasure = {
      value: (Y) => {
        const a = at(Y);
        return a ? up(a.p.value(a.Y), a.s, k) : NaN;
      },
    };
    if (current.p.valueAndGrad)
      out.valueAndGrad = (Y): ValueGrad => {
        const a = at(Y);
        if (!a) return { value: NaN, gradY: filledNaN(Y) };
        const r = (a.p.valueAndGrad as NonNullable<PreparedMeasure["valueAndGrad"]>).call(a.p, a.Y);
        if (a.s === 1) return r;
        const g = r.gradY.clone();
        for (let i = 0; i < g.data.length; i++) g.data[i] = up(g.data[i], a.s, k - 1);
        return { value: up(r.value, a.s, k), gradY: g };
      };
    return out;
  };
}

/**
 * The prepared measure evaluated on Y/2ᵉ, its gradient scaled back by 2⁻ᵉ. A Y with a NaN or infinite
 * entry (an optimizer's Y gone wrong: the entry points reject them) scores NaN with a NaN gradient,
 * instead of whatever the measure's guards for zero norms make of it (often a silent 0).
 */
function scaleSafePrepared(p: PreparedMeasure): PreparedMeasure {
  const out: PreparedMeasure = {
    value: (Y) => {
      const c = powerOfTwoScale(Y);
      return Number.isNaN(c) ? NaN : p.value(dividedBy(Y, c));
    },
  };
  if (p.valueAndGrad)
    out.valueAndGrad = (Y): ValueGrad => {
      const c = powerOfTwoScale(Y);
      if (Number.isNaN(c)) return { value: NaN, gradY: filledNaN(Y) };
      const r = (p.valueAndGrad as NonNullable<PreparedMeasure["valueAndGrad"]>).call(p, dividedBy(Y, c));
      return c === 1 ? r : { value: r.value, gradY: dividedBy(r.gradY, c) };
    };
  return out;
}

/**
 * Data whose largest |entry| lies in [1/ORDINARY, ORDINARY) is used as given: the measures' products
 * are safe there, and the hot path of an optimization (Y of order 1) pays one pass for the maximum
 * instead of two copies (≈ 6 % of a CKA step at 1080×727).
 */
const ORDINARY = 2 ** 8;

/**
 * The power of two 2ᵉ with 2ᵉ ≤ max|M| < 2ᵉ⁺¹; 1 when max|M| is ordinary (see ORDINARY) or zero; NaN
 * when M has a NaN or infinite entry.
 *
 *   powerOfTwoScale(Matrix.fromRows([[3e-200, -1e-201]]));  // 2⁻⁶⁶⁴ ≈ 1.95e-200
 */
export function powerOfTwoScale(M: Matrix): number {
  const max = maxAbs(M);
  if (!(max < Infinity)) return NaN;
  if (max === 0 || (max >= 1 / ORDINARY && max < ORDINARY)) return 1;
  let c = 2 ** Math.min(1023, Math.floor(Math.log2(max))); // log2 of the largest double rounds to 1024
  if (c > max) c /= 2; // log2 rounds up just below a power of two
  else if (2 * c <= max) c *= 2;
  return c;
}

/** M/c for a power of two c, exactly (multiplied by 1/c unless 1/c overflows); M itself when c = 1. */
function dividedBy(M: Matrix, c: number): Matrix {
  if (c === 1) return M;
  const inv = 1 / c;
  const out = new Matrix(M.rows, M.cols);
  const a = M.data;
  const o = out.data;
  if (Number.isFinite(inv)) for (let i = 0; i < a.length; i++) o[i] = a[i] * inv;
  else for (let i = 0; i < a.length; i++) o[i] = a[i] / c;
  return out;
}

/** A NaN matrix of M's shape (the gradient at a point with non-finite entries). */
function filledNaN(M: Matrix): Matrix {
  return new Matrix(M.rows, M.cols, new Float64Array(M.data.length).fill(NaN));
}
