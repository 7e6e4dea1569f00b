/**
 * Shared cases and checks for the matrix-product and eigensolver kernels (wasm, native, JS): every
 * backend runs the same products and eigenproblems against the same definitions.
 */
import assert from "node:assert/strict";
import { GemmKernel, Matrix, transpose } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";

/** op(A)·op(B) by the definition, one dot product per entry. */
export function reference(A: Matrix, B: Matrix, transA: boolean, transB: boolean): Matrix {
  const a = transA ? transpose(A) : A;
  const b = transB ? transpose(B) : B;
  const C = new Matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let p = 0; p < a.cols; p++) s += a.data[i * a.cols + p] * b.data[p * b.cols + j];
      C.data[i * b.cols + j] = s;
    }
  return C;
}

export function maxAbsDiff(x: Float64Array, y: Float64Array): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
  return d;
}

/** Runs `kernel` on op(A)·op(B) with A, B of N(0,1) entries and checks it against the definition. */
export function checkProduct(kernel: GemmKernel, rng: Rng, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
  const A = transA ? rng.normalMatrix(k, m) : rng.normalMatrix(m, k);
  const B = transB ? rng.normalMatrix(n, k) : rng.normalMatrix(k, n);
  const C = new Float64Array(m * n).fill(NaN); // the kernel must overwrite, not accumulate into, C
  kernel(A.data, B.data, C, m, k, n, transA, transB);
  const err = maxAbsDiff(C, reference(A, B, transA, transB).data);
  assert.ok(err <= 1e-13 * (k + 1), `${m}×${k}×${n} transA=${transA} transB=${transB}: max error ${err}`);
}

export const ODD_SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [4, 4, 4],
  [5, 1, 9],
  [97, 257, 33], // two row blocks, two k blocks (accumulation), a partial column tile
  [9, 260, 2051], // a second column block past NC = 2048
  [2, 513, 3], // two inner segments (k ≥ 4·max(m, n), see gemm.ts)
  [40, 700, 200], // a long inner dimension summed in one pass (k > 512 but < 4·max(m, n))
  [3, 5000, 2], // at most 8 inner segments: 7 of 768 (multiples of KC)
];

/** max |A·v_k − λ_k v_k| and max |VᵀV − I| of an eigendecomposition, relative to max |λ|. */
export function eighErrors(A: Matrix, values: Float64Array, V: Matrix): { residual: number; orthogonality: number } {
  const n = A.rows;
  const AV = reference(A, V, false, false);
  const VtV = reference(V, V, true, false);
  const scale = Math.max(Number.MIN_VALUE, ...Array.from(values, Math.abs));
  let residual = 0;
  let orthogonality = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      residual = Math.max(residual, Math.abs(AV.data[i * n + k] - values[k] * V.data[i * n + k]) / scale);
      orthogonality = Math.max(orthogonality, Math.abs(VtV.data[i * n + k] - (i === k ? 1 : 0)));
    }
  return { residual, orthogonality };
}

/** Symmetric test matrices: random, Gram of a zero-padded factor (repeated zero eigenvalues), scaled, structured. */
export function symmetricCases(rng: Rng): [string, Matrix][] {
  const random = (n: number) => {
    const R = rng.normalMatrix(n, n);
    return axpbySym(R);
  };
  const padded = (r: number, c: number, pad: number) => {
    const F = new Matrix(r, c + pad);
    const G = rng.normalMatrix(r, c);
    for (let i = 0; i < r; i++) F.data.set(G.data.subarray(i * c, (i + 1) * c), i * (c + pad));
    return reference(F, F, true, false);
  };
  const scaled = (A: Matrix, s: number) => new Matrix(A.rows, A.cols, A.data.map((v) => v * s));
  const clusters = new Matrix(6, 6);
  [1, 1, 1, 2, 2, 5].forEach((v, i) => clusters.set(i, i, v));
  return [
    ["1×1", Matrix.fromRows([[-3]])],
    ["2×2 example", Matrix.fromRows([[2, 1], [1, 2]])],
    ["zero 4×4", new Matrix(4, 4)],
    ["identity 5×5", Matrix.identity(5)],
    ["diagonal with repeated values", clusters],
    ["random 3×3", random(3)],
    ["random 17×17", random(17)],
    ["random 130×130", random(130)],
    ["Gram of a zero-padded 40×25 factor (15 zero eigenvalues)", padded(40, 25, 15)],
    ["Gram with fewer samples than features (rank 20 of 60)", padded(20, 60, 0)],
    ["random 30×30 scaled by 1e-150", scaled(random(30), 1e-150)],
    ["random 30×30 scaled by 1e150", scaled(random(30), 1e150)],
  ];
}

/** (R + Rᵀ)/2. */
export function axpbySym(R: Matrix): Matrix {
  const S = new Matrix(R.rows, R.cols);
  for (let i = 0; i < R.rows; i++) for (let j = 0; j < R.cols; j++) S.set(i, j, 0.5 * (R.get(i, j) + R.get(j, i)));
  return S;
}
