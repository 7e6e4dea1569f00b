import { NumericalError } from "../../errors";
import { Matrix, matmul, transpose } from "../matrix";
import { checkSquare, loadWasmEigh } from "../kernels/eigh";
import { loadNativeBlas } from "../native/native";

/** Eigendecomposition A = V·diag(values)·Vᵀ of a symmetric matrix; values ascending, V's columns are the eigenvectors. */
export interface Eigh {
  values: Float64Array;
  vectors: Matrix;
}

const nativeBlas = loadNativeBlas();
const wasmEigh = nativeBlas ? null : loadWasmEigh();

/**
 * Symmetric eigendecomposition in float64 (values ascending, eigenvectors in V's columns; A untouched).
 * Runs LAPACK's divide-and-conquer dsyevd when the native kernels are built (native/native.ts), else
 * the WebAssembly SIMD solver (kernels/eigh.c), else the JS solver below (DIFFSIM_KERNEL chooses).
 *
 * A non-finite entry (e.g. a product that overflowed) is a NumericalError on every backend: LAPACK
 * and the QL iteration give no guarantee on NaN/Inf input.
 *
 *   const { values, vectors } = eigh(Matrix.fromRows([[2, 1], [1, 2]])); // values [1, 3]
 */
export function eigh(A: Matrix): Eigh {
  checkFinite(A);
  if (nativeBlas) {
    const n = checkSquare(A);
    const data = Float64Array.from(A.data);
    const values = nativeBlas.eigh(data, n, true);
    return { values, vectors: new Matrix(n, n, data) };
  }
  return wasmEigh ? wasmEigh(A) : eighJs(A);
}

/**
 * Eigenvalues of a symmetric matrix, ascending, without eigenvectors (several times cheaper than
 * eigh with the native and wasm solvers: no eigenvector is accumulated).
 *
 *   eigvalsh(Matrix.fromRows([[2, 1], [1, 2]])); // Float64Array [1, 3]
 */
export function eigvalsh(A: Matrix): Float64Array {
  checkFinite(A);
  if (nativeBlas) return nativeBlas.eigh(Float64Array.from(A.data), checkSquare(A), false);
  return wasmEigh ? wasmEigh.values(A) : eighJs(A).values;
}

/** Throws a NumericalError naming the first non-finite entry of A. */
function checkFinite(A: Matrix): void {
  const a = A.data;
  for (let i = 0; i < a.length; i++)
    if (!Number.isFinite(a[i])) throw new NumericalError(`eigh: matrix has a non-finite entry (${a[i]} at ${Math.floor(i / A.cols)}, ${i % A.cols})`);
}

/** Name of the eigensolver in use: "native" (LAPACK dsyevd), "wasm" or "js". */
export function eighSolverInUse(): "native" | "wasm" | "js" {
  return nativeBlas ? "native" : wasmEigh ? "wasm" : "js";
}

/**
 * The JS symmetric eigensolver: Householder reduction to tridiagonal form, then the implicit QL
 * algorithm with Wilkinson shifts (the classical tred2/tql2 pair). O(n³), backward stable.
 * Only the lower triangle's symmetric part matters; A is not modified.
 */
export function eighJs(A: Matrix): Eigh {
  const n = checkSquare(A);
  if (n === 0) return { values: new Float64Array(0), vectors: new Matrix(0, 0) };
  const V = A.data.slice();
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(V, d, e, n);
  const W = transpose(new Matrix(n, n, V)).data; // rows of W = columns of V: contiguous rotations
  ql(W, d, e, n);
  const order = Array.from(d.keys()).sort((i, j) => d[i] - d[j]);
  const values = new Float64Array(n);
  const vectors = new Matrix(n, n);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    values[k] = d[src];
    for (let i = 0; i < n; i++) vectors.data[i * n + k] = W[src * n + i];
  }
  return { values, vectors };
}

/** Householder reduction of V (row-major n×n, overwritten by the accumulated transform) to tridiagonal (d, e). */
function tridiagonalize(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j * n + i] = f;
        g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j] * d[k];
          e[k] += V[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k * n + j] -= f * e[k] + g * d[k];
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j];
        for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j];
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL iterations on the tridiagonal (d, e); W holds the eigenvectors as rows and is rotated in place. */
function ql(W: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new NumericalError("eigh: QL iteration did not converge");
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const a = i * n;
          const b = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const wb = W[b + k];
            const wa = W[a + k];
            W[b + k] = s * wa + c * wb;
            W[a + k] = c * wa - s * wb;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

/**
 * f(A) = V·diag(f(λ))·Vᵀ for a symmetric A with eigendecomposition `eig`
 * (e.g. the inverse square root used for whitening, or a pseudo-inverse).
 */
export function symmetricFunction(eig: Eigh, f: (lambda: number) => number): Matrix {
  const { values, vectors: V } = eig;
  const n = values.length;
  const VF = V.clone();
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) VF.data[i * n + k] *= f(values[k]);
  return matmul(VF, transpose(V));
}
