/**
 * Aggregates over per-neuron or per-fold scores that skip non-finite entries (a constant held-out neuron
 * has an undefined correlation), as the reference implementations' nanmean / nanmedian do.
 *
 *   nanMean(Float64Array.of(0.2, NaN, 0.4)); // 0.3
 */

/** Mean of the finite entries (0 when none). */
export function nanMean(v: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < v.length; i++)
    if (Number.isFinite(v[i])) {
      sum += v[i];
      count++;
    }
  return count ? sum / count : 0;
}

/** Median of the finite entries (0 when none). */
export function nanMedian(v: ArrayLike<number>): number {
  const f = Array.from(v).filter(Number.isFinite).sort((a, b) => a - b);
  if (!f.length) return 0;
  const m = f.length >> 1;
  return f.length % 2 ? f[m] : (f[m - 1] + f[m]) / 2;
}
