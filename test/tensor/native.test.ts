/**
 * The optional native kernels (lib/tensor/native/: OpenBLAS dgemm/dsyrk, LAPACK dsyevd) on the same
 * cases as the WebAssembly kernels: products against the definition on odd shapes with every
 * transpose combination and the symmetric mode, eigendecompositions by residual, orthogonality and
 * the JS solver, argument checks, and the kernel choice by DIFFSIM_KERNEL. Skipped where the addon is
 * not built (no compiler or no libopenblas-dev), except on CI, which installs OpenBLAS and must
 * build it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../lib/tensor/matrix";
import { eigh, eighJs, eighSolverInUse, eigvalsh } from "../../lib/tensor/linalg/eigh";
import { SERIAL_FLOPS, loadNativeBlas } from "../../lib/tensor/native/native";
import { Rng } from "../../lib/random";
import { ODD_SHAPES, checkProduct, eighErrors, maxAbsDiff, reference, symmetricCases } from "../support/kernel_cases";

const native = loadNativeBlas();
const skip = native ? false : "native kernels not built (node environment/build-native.js needs cc and libopenblas-dev) or DIFFSIM_KERNEL is wasm/js";
const nativeTest = (name: string, fn: () => void) => test(name, { skip }, fn);

test("CI builds the native kernels (it installs libopenblas-dev)", { skip: process.env.CI && !process.env.DIFFSIM_KERNEL ? false : "not on CI, or DIFFSIM_KERNEL set" }, () => {
  assert.ok(native, "loadNativeBlas() returned null on CI: see the set-up output of environment/build-native.js");
  assert.equal(eighSolverInUse(), "native");
});

test("DIFFSIM_KERNEL=wasm or js skips the native kernels", () => {
  assert.equal(loadNativeBlas({ DIFFSIM_KERNEL: "wasm" }), null);
  assert.equal(loadNativeBlas({ DIFFSIM_KERNEL: "js" }), null);
});

nativeTest("native gemm = definition on odd shapes, every transpose combination, larger blocks", () => {
  const rng = new Rng(21);
  for (const [m, k, n] of [...ODD_SHAPES, [130, 400, 70] as [number, number, number]])
    for (const transA of [false, true]) for (const transB of [false, true]) checkProduct(native!.gemm, rng, m, k, n, transA, transB);
});

nativeTest("native symmetric mode: AᵀA and AAᵀ match the definition and are exactly symmetric", () => {
  const rng = new Rng(22);
  for (const [r, c] of [[3, 1], [9, 6], [260, 197]]) {
    const A = rng.normalMatrix(r, c);
    for (const transA of [true, false]) {
      const m = transA ? c : r;
      const k = transA ? r : c;
      const C = new Float64Array(m * m).fill(NaN);
      native!.gemm(A.data, A.data, C, m, k, m, transA, !transA, true);
      assert.ok(maxAbsDiff(C, reference(A, A, transA, !transA).data) <= 1e-13 * (k + 1), `${r}×${c} transA=${transA}`);
      for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) assert.equal(C[i * m + j], C[j * m + i]);
    }
  }
});

nativeTest("native threads per call: SERIAL_FLOPS at load; below/above it products stay right; on one thread the threshold changes no bit", () => {
  const blas = native!;
  const rng = new Rng(23);
  const A = rng.normalMatrix(300, 400);
  const B = rng.normalMatrix(400, 300); // 7.2e7 flops: above SERIAL_FLOPS
  const expected = reference(A, B, false, false).data;
  const previousThreads = blas.setThreads(2);
  const previous = blas.setSerialThreshold(0);
  try {
    assert.equal(previous, SERIAL_FLOPS);
    const products: Float64Array[] = [];
    for (const [threads, threshold] of [[2, 0], [2, Infinity], [1, 0], [1, Infinity]]) {
      blas.setThreads(threads);
      blas.setSerialThreshold(threshold);
      const C = new Float64Array(300 * 300);
      blas.gemm(A.data, B.data, C, 300, 400, 300);
      assert.ok(maxAbsDiff(C, expected) <= 1e-13 * 401, `${threads} threads, threshold ${threshold}`);
      products.push(C);
    }
    assert.deepEqual(products[2], products[3]); // one thread either way
    assert.deepEqual(products[1], products[2]); // an infinite threshold is one thread
    assert.throws(() => blas.setSerialThreshold(-1), /number ≥ 0/);
  } finally {
    blas.setThreads(previousThreads);
    blas.setSerialThreshold(previous);
  }
});

nativeTest("native gemm: k = 0 gives zeros; wrong arguments throw naming the argument", () => {
  const C = new Float64Array(6).fill(NaN);
  native!.gemm(new Float64Array(0), new Float64Array(0), C, 2, 0, 3);
  assert.deepEqual(Array.from(C), [0, 0, 0, 0, 0, 0]);
  const A = new Float64Array(6);
  assert.throws(() => native!.gemm(A, A, new Float64Array(4), 2, 3, 3), /B must be a Float64Array of at least k·n values/);
  assert.throws(() => native!.gemm(A, A, new Float64Array(3), 2, 3, 2), /C must be a Float64Array of at least m·n values/);
  assert.throws(() => native!.gemm(new Float32Array(6) as unknown as Float64Array, A, new Float64Array(4), 2, 3, 2), /A must be a Float64Array/);
});

nativeTest("native eigh (LAPACK dsyevd): small residual, orthogonal vectors, values ascending = JS eigh = values only", () => {
  assert.equal(eighSolverInUse(), "native");
  for (const [name, A] of symmetricCases(new Rng(23))) {
    const before = A.data.slice();
    const { values, vectors } = eigh(A);
    assert.deepEqual(A.data, before, `${name}: input modified`);
    const n = A.rows;
    const { residual, orthogonality } = eighErrors(A, values, vectors);
    assert.ok(residual < 1e-13 * n && orthogonality < 1e-13 * n, `${name}: residual ${residual}, orthogonality ${orthogonality}`);
    for (let k = 1; k < n; k++) assert.ok(values[k - 1] <= values[k], `${name}: values not ascending`);
    const js = eighJs(A).values;
    const only = eigvalsh(A);
    assert.deepEqual(A.data, before, `${name}: input modified by eigvalsh`);
    const scale = Math.max(Number.MIN_VALUE, ...Array.from(js, Math.abs));
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(values[k] - js[k]) <= 1e-13 * n * scale, `${name}: value ${k} ${values[k]} vs ${js[k]}`);
      assert.ok(Math.abs(only[k] - values[k]) <= 1e-13 * n * scale, `${name}: values-only ${k} ${only[k]} vs ${values[k]}`);
    }
  }
  assert.throws(() => eigh(new Matrix(2, 3)), /eigh: matrix must be square, got 2×3/);
  assert.throws(() => eigh(Matrix.fromRows([[1, NaN], [NaN, 1]])), /eigh: matrix has a non-finite entry \(NaN at 0, 1\)/);
});
