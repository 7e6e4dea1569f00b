import { InputError } from "../../errors";
import { Matrix } from "../../tensor/matrix";

/**
 * Unit Householder vectors v_j (H_j = I − 2v_jv_jᵀ, v_j zero above entry j) of the QR factorization of
 * the columns `S` (each of length n): H_{m−1}⋯H₀·[S₀ … S_{m−1}] is upper triangular, so
 * Q = H₀⋯H_{m−1} has the span of S₀ … S_{j} in its first j + 1 columns.
 *
 *   const hs = householderVectors([Float64Array.of(3, 4)]); // H₀·(3, 4) = (−5, 0)
 */
export function householderVectors(S: Float64Array[]): Float64Array[] {
  const n = S[0].length;
  const cols = S.map((c) => c.slice());
  const out: Float64Array[] = [];
  for (let j = 0; j < cols.length; j++) {
    const x = cols[j];
    let norm = 0;
    for (let i = j; i < n; i++) norm += x[i] * x[i];
    norm = Math.sqrt(norm);
    const v = new Float64Array(n);
    for (let i = j; i < n; i++) v[i] = x[i];
    v[j] += x[j] >= 0 ? norm : -norm;
    let vn = 0;
    for (let i = j; i < n; i++) vn += v[i] * v[i];
    vn = Math.sqrt(vn);
    for (let i = j; i < n; i++) v[i] /= vn;
    for (let k = j; k < cols.length; k++) {
      let d = 0;
      for (let i = j; i < n; i++) d += v[i] * cols[k][i];
      for (let i = j; i < n; i++) cols[k][i] -= 2 * d * v[i];
    }
    out.push(v);
  }
  return out;
}

/**
 * B ← (I − 2vvᵀ)·B, in place (a Householder reflection of the rows space; v a unit vector of length B.rows).
 *
 *   reflect(B, householderVectors([column])[0]);
 */
export function reflect(B: Matrix, v: Float64Array): void {
  const c = B.cols;
  const w = new Float64Array(c);
  for (let i = 0; i < B.rows; i++) {
    if (v[i] === 0) continue;
    for (let k = 0; k < c; k++) w[k] += v[i] * B.data[i * c + k];
  }
  for (let i = 0; i < B.rows; i++) {
    if (v[i] === 0) continue;
    const f = 2 * v[i];
    for (let k = 0; k < c; k++) B.data[i * c + k] -= f * w[k];
  }
}

/**
 * v minus its projections on the orthonormal vectors `basis` (two Gram–Schmidt passes), in place.
 *
 *   orthogonalize(v, [unitOne]); // v centered
 */
export function orthogonalize(v: Float64Array, basis: Float64Array[]): Float64Array {
  for (let pass = 0; pass < 2; pass++)
    for (const b of basis) {
      let d = 0;
      for (let i = 0; i < v.length; i++) d += v[i] * b[i];
      for (let i = 0; i < v.length; i++) v[i] -= d * b[i];
    }
  return v;
}

/**
 * v / ‖v‖; an InputError naming the argument `name` when v is (numerically) zero.
 *
 *   unit(Float64Array.of(3, 4), "v"); // (0.6, 0.8)
 */
export function unit(v: Float64Array, name: string): Float64Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm);
  if (!(norm > 1e-12)) throw new InputError(name, "a direction not constant over rows and independent of the previous ones", "got a zero vector after centering");
  return v.map((x) => x / norm);
}
