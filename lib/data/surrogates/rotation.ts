import { Rng } from "../../random";
import { Matrix, transpose } from "../../tensor/matrix";

/**
 * A random orthogonal transform Ω of ℝ^d stored as L layers of Givens rotations: every layer pairs the
 * coordinates at random (a fresh random perfect matching; one coordinate rests when d is odd) and
 * rotates each pair by an independent uniform angle. This is Kac's random walk on SO(d) run d/2
 * rotations at a time; L = 3·⌈log₂ d⌉ layers mix every coordinate into every other, so Ω is a dense,
 * Haar-like rotation that costs O(L·d) per vector to apply instead of the O(d²) of a dense matrix
 * (and O(d³) to draw one by QR).
 *
 *   const omega = new RandomRotation(727, new Rng(1));
 *   omega.applyToRows(P);            // every row x of P becomes Ω·x
 *   const V = omega.columns(100);    // the first 100 columns of Ω (727 × 100, orthonormal)
 */
export class RandomRotation {
  private readonly pairs: Int32Array[] = [];
  private readonly cos: Float64Array[] = [];
  private readonly sin: Float64Array[] = [];

  constructor(readonly dim: number, rng: Rng, layers = 3 * Math.max(1, Math.ceil(Math.log2(Math.max(2, dim))))) {
    for (let l = 0; l < layers; l++) {
      const order = rng.permutation(dim);
      const m = dim >> 1;
      const pairs = new Int32Array(2 * m);
      const c = new Float64Array(m);
      const s = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        pairs[2 * i] = order[2 * i];
        pairs[2 * i + 1] = order[2 * i + 1];
        const angle = 2 * Math.PI * rng.uniform();
        c[i] = Math.cos(angle);
        s[i] = Math.sin(angle);
      }
      this.pairs.push(pairs);
      this.cos.push(c);
      this.sin.push(s);
    }
  }

  /** Replace every row x of A (A.cols = dim) by Ω·x, in place; returns A. */
  applyToRows(A: Matrix): Matrix {
    if (A.cols !== this.dim) throw new Error(`RandomRotation: rows of length ${this.dim} expected, got ${A.cols}`);
    const d = this.dim;
    for (let r = 0; r < A.rows; r++) {
      const x = A.data.subarray(r * d, (r + 1) * d);
      for (let l = 0; l < this.pairs.length; l++) {
        const pairs = this.pairs[l];
        const c = this.cos[l];
        const s = this.sin[l];
        for (let i = 0; i < c.length; i++) {
          const a = pairs[2 * i];
          const b = pairs[2 * i + 1];
          const xa = x[a];
          const xb = x[b];
          x[a] = c[i] * xa - s[i] * xb;
          x[b] = s[i] * xa + c[i] * xb;
        }
      }
    }
    return A;
  }

  /** The first k columns of Ω as a dim × k matrix with orthonormal columns. */
  columns(k: number): Matrix {
    const E = new Matrix(k, this.dim);
    for (let j = 0; j < k; j++) E.data[j * this.dim + j] = 1;
    return transpose(this.applyToRows(E)); // row j of E becomes Ω·e_j
  }
}
