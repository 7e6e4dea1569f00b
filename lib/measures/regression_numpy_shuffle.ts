/**
 * The permutation `np.random.RandomState(seed).shuffle(np.arange(n))` produces, bit for bit: a
 * Mersenne Twister (MT19937, `init_genrand` seeding as numpy does for an integer seed) driving
 * numpy's legacy Fisher–Yates shuffle, whose bounded integers are drawn by masked rejection.
 *
 * It exists only to reproduce fold layouts fixed by a seed in published Python code (sklearn
 * `KFold(shuffle=True, random_state=42)` in NeuroAIMetrics). It is a fixed table of row indices,
 * not a random source: every stochastic choice of the library goes through lib/random.ts.
 *
 *   numpyShuffledRange(10, 42); // [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]
 */
export function numpyShuffledRange(n: number, seed: number): Int32Array {
  return numpyRandomState(seed).permutation(n);
}

/**
 * A `np.random.RandomState(seed)` restricted to what fold layouts need, keeping its state between
 * calls: `shuffle` (in place, numpy's legacy Fisher–Yates) and `permutation(n)` (a shuffled 0…n−1),
 * e.g. the successive permutations of sklearn's `StratifiedShuffleSplit(random_state=seed)`.
 *
 *   const rs = numpyRandomState(1);
 *   const first = rs.permutation(50);
 *   rs.shuffle(first.subarray(0, 45));
 */
export function numpyRandomState(seed: number): { shuffle(a: Int32Array): Int32Array; permutation(n: number): Int32Array } {
  const mt = mersenneTwister(seed);
  const shuffle = (a: Int32Array) => shuffleInPlace(a, mt);
  return { shuffle, permutation: (n) => shuffle(Int32Array.from({ length: n }, (_, i) => i)) };
}

/** numpy's legacy shuffle of `out` driven by the MT19937 stream `mt`; returns `out`. */
function shuffleInPlace(out: Int32Array, mt: () => number): Int32Array {
  for (let i = out.length - 1; i > 0; i--) {
    let mask = i;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let j: number;
    do j = (mt() & mask) >>> 0;
    while (j > i);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** MT19937 seeded with init_genrand(seed); returns the genrand_int32 stream. */
function mersenneTwister(seed: number): () => number {
  const N = 624;
  const M = 397;
  const state = new Uint32Array(N);
  state[0] = seed >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = state[i - 1] ^ (state[i - 1] >>> 30);
    state[i] = (Math.imul(1812433253, prev) + i) >>> 0;
  }
  let index = N;
  const twist = () => {
    for (let k = 0; k < N; k++) {
      const y = (state[k] & 0x80000000) | (state[(k + 1) % N] & 0x7fffffff);
      state[k] = state[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    index = 0;
  };
  return () => {
    if (index >= N) twist();
    let y = state[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
}
