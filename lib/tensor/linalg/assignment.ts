import { NumericalError } from "../../errors";
import { Matrix } from "../matrix";

/**
 * Linear assignment (Kuhn–Munkres / Hungarian algorithm with row and column potentials, shortest
 * augmenting paths, O(n³)): for a square cost matrix C, the permutation π minimizing Σ_i C[i, π(i)].
 * Returns π as an array (row i → column π[i]). A non-finite cost is a NumericalError.
 *
 *   linearAssignment(Matrix.fromRows([[4, 1], [2, 3]])); // [1, 0]: cost 1 + 2
 */
export function linearAssignment(C: Matrix): number[] {
  const n = C.rows;
  if (C.cols !== n) throw new Error(`linearAssignment: cost matrix must be square, got ${C.rows}×${C.cols}`);
  // a NaN or infinite cost (e.g. overflowed products) would stall the augmenting-path search forever
  for (let k = 0; k < C.data.length; k++)
    if (!Number.isFinite(C.data[k])) throw new NumericalError(`linearAssignment: cost matrix has a non-finite entry (${C.data[k]} at ${Math.floor(k / n)}, ${k % n})`);
  // 1-based potentials u (rows), v (columns); owner[j] = row matched to column j (0 = none)
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const owner = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    owner[0] = i;
    let col = 0;
    const slack = new Float64Array(n + 1).fill(Infinity);
    const done = new Uint8Array(n + 1);
    do {
      done[col] = 1;
      const row = owner[col];
      let delta = Infinity;
      let next = 0;
      for (let j = 1; j <= n; j++) {
        if (done[j]) continue;
        const reduced = C.data[(row - 1) * n + (j - 1)] - u[row] - v[j];
        if (reduced < slack[j]) {
          slack[j] = reduced;
          prev[j] = col;
        }
        if (slack[j] < delta) {
          delta = slack[j];
          next = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (done[j]) {
          u[owner[j]] += delta;
          v[j] -= delta;
        } else slack[j] -= delta;
      }
      col = next;
    } while (owner[col] !== 0);
    do {
      const back = prev[col];
      owner[col] = owner[back];
      col = back;
    } while (col !== 0);
  }
  const perm = new Array<number>(n);
  for (let j = 1; j <= n; j++) perm[owner[j] - 1] = j - 1;
  return perm;
}
