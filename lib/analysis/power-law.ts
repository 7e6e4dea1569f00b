/**
 * Power laws y ≈ a·x^k fitted on log-log axes: how the score lost by perturbing one PC scales with
 * the PC's variance (paper §6.1: exponent 2 for CKA, 1 for NBS, ½ for angular Procrustes).
 */
import { InputError } from "../errors";

/** A fitted power law y ≈ prefactor · x^exponent. */
export interface PowerLawFit {
  exponent: number;
  prefactor: number;
  /** Number of (x, y) pairs used (both positive and inside the x window). */
  points: number;
}

/**
 * Least-squares line through (log x, log y) over the pairs with x > 0, y > 0 and minX ≤ x ≤ maxX:
 * slope = exponent, intercept = log(prefactor). Needs two distinct x values in the window.
 *
 *   powerLawFit([0.01, 0.02, 0.04], [1e-4, 4e-4, 1.6e-3])   // { exponent: 2, prefactor: 1, points: 3 }
 *   powerLawFit(ratios, losses, { maxX: 0.01 })              // the small-variance regime only
 */
export function powerLawFit(x: ArrayLike<number>, y: ArrayLike<number>, window: { minX?: number; maxX?: number } = {}): PowerLawFit {
  if (x.length !== y.length) throw new InputError("y", `as many values as x (${x.length})`, `got ${y.length}`);
  const minX = window.minX ?? 0;
  const maxX = window.maxX ?? Infinity;
  const lx: number[] = [];
  const ly: number[] = [];
  for (let i = 0; i < x.length; i++)
    if (x[i] > 0 && y[i] > 0 && x[i] >= minX && x[i] <= maxX && Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      lx.push(Math.log(x[i]));
      ly.push(Math.log(y[i]));
    }
  const n = lx.length;
  const mx = lx.reduce((a, v) => a + v, 0) / n;
  const my = ly.reduce((a, v) => a + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
  }
  if (n < 2 || !(sxx > 0))
    throw new InputError("x", `at least two distinct positive x values with positive y inside [${minX}, ${maxX}]`, `got ${n} usable pair${n === 1 ? "" : "s"}`);
  const exponent = sxy / sxx;
  return { exponent, prefactor: Math.exp(my - exponent * mx), points: n };
}

/**
 * `count` distinct indices in 0 … total−1, spaced evenly in log(index + 1), always with the first and
 * the last: which PCs to simulate when simulating all of them costs too much.
 *
 *   logSpacedIndices(727, 6)   // [0, 2, 13, 53, 196, 726]
 */
export function logSpacedIndices(total: number, count: number): number[] {
  if (!Number.isInteger(total) || total < 1) throw new InputError("total", "an integer ≥ 1", `got ${total}`);
  if (!Number.isInteger(count) || count < 1) throw new InputError("count", "an integer ≥ 1", `got ${count}`);
  if (count >= total) return Array.from({ length: total }, (_, i) => i);
  if (count === 1) return [0];
  const out = new Set<number>();
  for (let j = 0; j < count; j++) out.add(Math.round(Math.exp((j / (count - 1)) * Math.log(total)) - 1));
  // rounding merges neighbours at the low end: fill with the smallest unused indices
  for (let i = 0; out.size < count; i++) out.add(i);
  return [...out].sort((a, b) => a - b);
}
