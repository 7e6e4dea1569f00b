import { InputError, received } from "./errors";
import { Matrix } from "./tensor/matrix";

/**
 * The library's one seeded random generator (xoshiro128**, seeded through splitmix32), so that every
 * optimization, surrogate dataset and CV split is reproducible from a seed. Nothing else in lib/ may
 * call Math.random. Seeds are non-negative safe integers (anything else is an InputError); each
 * gives its own stream.
 *
 *   const rng = new Rng(42);
 *   rng.normal();               // one N(0, 1) draw
 *   rng.normalMatrix(10, 3);    // 10×3 Matrix of N(0, 1)
 *   rng.permutation(5);         // e.g. [3, 0, 4, 1, 2]
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(readonly seed: number = 0) {
    checkSeed(seed);
    // splitmix32 from the low 32 bits; the high bits (seeds ≥ 2³²) are mixed into s1…s3 by a second
    // splitmix32 stream, so every seed has its own state (s0 fixes the low bits, s1…s3 the high ones)
    // and seeds below 2³² keep the streams they always had.
    const splitmix = (x: number) => () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    const low = splitmix(seed >>> 0);
    const high = Math.floor(seed / 2 ** 32);
    const mixHigh = high > 0 ? splitmix(high) : () => 0;
    this.s0 = low();
    this.s1 = (low() ^ mixHigh()) >>> 0;
    this.s2 = (low() ^ mixHigh()) >>> 0;
    this.s3 = (low() ^ mixHigh()) >>> 0;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal draw (Marsaglia polar method). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): number[] {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  }

  /** rows×cols Matrix of i.i.d. N(0, sd²). */
  normalMatrix(rows: number, cols: number, sd = 1): Matrix {
    const m = new Matrix(rows, cols);
    for (let i = 0; i < m.data.length; i++) m.data[i] = sd * this.normal();
    return m;
  }

  /** An independent generator derived from this one (for parallel streams). */
  fork(): Rng {
    return new Rng((this.nextUint32() >>> 11) * 4294967296 + this.nextUint32());
  }
}

/**
 * Throws an InputError naming `name` unless `seed` is a non-negative safe integer (0 … 2⁵³ − 1), the
 * seeds Rng accepts; entry points call it with their own option name.
 *
 *   checkSeed(options.measureSeed, "measureSeed");
 */
export function checkSeed(seed: unknown, name = "seed"): asserts seed is number {
  if (!(typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0))
    throw new InputError(name, "a non-negative safe integer (0 … 2⁵³ − 1)", `got ${received(seed)}`);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
