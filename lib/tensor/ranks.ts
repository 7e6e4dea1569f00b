/**
 * Rank statistics of float64 vectors: ranks with ties averaged (scipy.stats.rankdata's default) and
 * Kendall's τ_a / τ_b in O(m log m) (Knight's merge-sort algorithm).
 *
 *   ranks([10, 20, 20, 5]);            // [2, 3.5, 3.5, 1]
 *   kendallTau([1, 2, 3], [1, 3, 2]);  // { tauA: 1/3, tauB: 1/3 }
 */

/** 1-based ranks, tied values get the mean of their ranks. */
export function ranks(a: ArrayLike<number>): Float64Array {
  const m = a.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => a[i] - a[j]);
  const out = new Float64Array(m);
  for (let s = 0; s < m; ) {
    let e = s + 1;
    while (e < m && a[order[e]] === a[order[s]]) e++;
    const r = (s + e + 1) / 2;
    for (let k = s; k < e; k++) out[order[k]] = r;
    s = e;
  }
  return out;
}

/** Number of pairs tied within runs of equal values of a sorted sequence, Σ t(t−1)/2. */
function tiedPairs(sorted: ArrayLike<number>): number {
  let total = 0;
  for (let s = 0; s < sorted.length; ) {
    let e = s + 1;
    while (e < sorted.length && sorted[e] === sorted[s]) e++;
    total += ((e - s) * (e - s - 1)) / 2;
    s = e;
  }
  return total;
}

/** Sorts b[lo, hi) in place by merge sort and returns the number of inversions (pairs i < j with b_i > b_j). */
function mergeCount(b: Float64Array, tmp: Float64Array, lo: number, hi: number): number {
  if (hi - lo < 2) return 0;
  const mid = (lo + hi) >> 1;
  let swaps = mergeCount(b, tmp, lo, mid) + mergeCount(b, tmp, mid, hi);
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) {
    if (b[j] < b[i]) {
      swaps += mid - i;
      tmp[k++] = b[j++];
    } else tmp[k++] = b[i++];
  }
  while (i < mid) tmp[k++] = b[i++];
  while (j < hi) tmp[k++] = b[j++];
  for (let t = lo; t < hi; t++) b[t] = tmp[t];
  return swaps;
}

/**
 * Kendall's rank correlations of two equally long vectors:
 *   τ_a = (C − D)/(m(m−1)/2),   τ_b = (C − D)/√((n₀ − n₁)(n₀ − n₂)),
 * C/D = concordant/discordant pairs, n₀ = m(m−1)/2, n₁/n₂ = pairs tied in a/b. τ_b is NaN when one
 * vector is constant.
 */
export function kendallTau(a: ArrayLike<number>, b: ArrayLike<number>): { tauA: number; tauB: number } {
  const m = a.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => a[i] - a[j] || b[i] - b[j]);
  const as = Float64Array.from(order, (i) => a[i]);
  const bs = Float64Array.from(order, (i) => b[i]);
  const n0 = (m * (m - 1)) / 2;
  const n1 = tiedPairs(as);
  let n3 = 0; // pairs tied in both
  for (let s = 0; s < m; ) {
    let e = s + 1;
    while (e < m && as[e] === as[s] && bs[e] === bs[s]) e++;
    n3 += ((e - s) * (e - s - 1)) / 2;
    s = e;
  }
  const discordant = mergeCount(bs, new Float64Array(m), 0, m); // bs is now sorted
  const n2 = tiedPairs(bs);
  const cMinusD = n0 - n1 - n2 + n3 - 2 * discordant;
  return { tauA: cMinusD / n0, tauB: cMinusD / Math.sqrt((n0 - n1) * (n0 - n2)) };
}
