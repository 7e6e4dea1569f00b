/**
 * The WebAssembly SIMD kernels (lib/tensor/kernels/): the GEMM against the JS loop and the
 * definition, on shapes that exercise every edge of its blocking (tiles of 4×4, KC = 256, MC = 96,
 * NC = 2048), with and without transposed operands and the symmetric (one-triangle) mode; the
 * eigensolver by its residual, orthogonality and the JS eigh, including degenerate spectra; and the
 * committed .wasm files against a rebuild from their C sources.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Matrix, gemmKernelInUse, gramCols, gramRows, matmul, matmulNT, matmulTN, resetGemmKernel, setGemmKernel, transpose } from "../../lib/tensor/matrix";
import { loadNativeBlas } from "../../lib/tensor/native/native";
import { loadWasmGemm } from "../../lib/tensor/kernels/gemm";
import { loadWasmEigh } from "../../lib/tensor/kernels/eigh";
import { eighJs } from "../../lib/tensor/linalg/eigh";
import { Rng } from "../../lib/random";
import { ODD_SHAPES, axpbySym, checkProduct, eighErrors, maxAbsDiff, reference, symmetricCases } from "../support/kernel_cases";

const root = join(__dirname, "..", "..");
const wasm = loadWasmGemm();
const wasmEigh = loadWasmEigh();





const skipWithoutWasm = wasm ? false : "wasm kernel not loaded (DIFFSIM_KERNEL=js or no WebAssembly SIMD)";
const wasmTest = (name: string, fn: () => void) => test(name, { skip: skipWithoutWasm }, fn);

test("the active kernel: native when built, else wasm SIMD unless DIFFSIM_KERNEL=js or WebAssembly SIMD is missing", () => {
  const expected = loadNativeBlas() ? "native-openblas" : wasm ? "wasm-simd" : "js";
  assert.equal(gemmKernelInUse(), expected);
  assert.equal(loadWasmGemm({ DIFFSIM_KERNEL: "js" }), null);
});

wasmTest("wasm kernel = definition on odd shapes, every transpose combination", () => {
  const rng = new Rng(7);
  for (const [m, k, n] of ODD_SHAPES)
    for (const transA of [false, true]) for (const transB of [false, true]) checkProduct(wasm!, rng, m, k, n, transA, transB);
});

test("JS fallback kernel = definition on odd shapes, every transpose combination", () => {
  const rng = new Rng(8);
  setGemmKernel(null, "js");
  try {
    const js = (A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number, tA?: boolean, tB?: boolean) => {
      const a = new Matrix(tA ? k : m, tA ? m : k, A);
      const b = new Matrix(tB ? n : k, tB ? k : n, B);
      const product = tA ? (tB ? matmul(transpose(a), transpose(b)) : matmulTN(a, b)) : tB ? matmulNT(a, b) : matmul(a, b);
      C.set(product.data);
    };
    for (const [m, k, n] of ODD_SHAPES.slice(0, 5)) for (const tA of [false, true]) for (const tB of [false, true]) checkProduct(js, rng, m, k, n, tA, tB);
    assert.equal(gemmKernelInUse(), "js");
  } finally {
    resetGemmKernel();
  }
});

wasmTest("wasm and JS kernels agree through the Matrix API, Gram matrices exactly symmetric", () => {
  const rng = new Rng(9);
  for (const [r, c] of [[1, 1], [7, 5], [101, 99], [300, 130]]) {
    const A = rng.normalMatrix(r, c);
    const B = rng.normalMatrix(r, c + 3);
    setGemmKernel(wasm, "wasm-simd");
    const viaWasm = [matmulTN(A, B), matmulNT(A, A), gramCols(A), gramRows(A), matmul(A, transpose(A))];
    setGemmKernel(null, "js");
    const viaJs = [matmulTN(A, B), matmulNT(A, A), gramCols(A), gramRows(A), matmul(A, transpose(A))];
    resetGemmKernel();
    viaWasm.forEach((W, i) => assert.ok(maxAbsDiff(W.data, viaJs[i].data) <= 1e-13 * (r + c), `${r}×${c} product ${i}`));
    for (const G of [viaWasm[2], viaWasm[3]])
      for (let i = 0; i < G.rows; i++) for (let j = 0; j < i; j++) assert.equal(G.get(i, j), G.get(j, i));
  }
});

wasmTest("wasm symmetric mode: AᵀA and AAᵀ match the definition across block edges", () => {
  const rng = new Rng(10);
  for (const [r, c] of [[3, 1], [9, 6], [260, 197], [12, 2050]]) {
    const A = rng.normalMatrix(r, c);
    for (const transA of [true, false]) {
      const m = transA ? c : r;
      const k = transA ? r : c;
      const C = new Float64Array(m * m).fill(NaN);
      wasm!(A.data, A.data, C, m, k, m, transA, !transA, true);
      const err = maxAbsDiff(C, reference(A, A, transA, !transA).data);
      assert.ok(err <= 1e-13 * (k + 1), `${r}×${c} transA=${transA}: max error ${err}`);
    }
  }
});

test("threaded wasm kernel (2 threads) = definition on large products, all modes", { skip: skipWithoutWasm }, async () => {
  const threaded = loadWasmGemm({ DIFFSIM_THREADS: "2" })!;
  for (let waited = 0; threaded.readyWorkers() < 1 && waited < 20000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  assert.equal(threaded.readyWorkers(), 1, "the worker did not start within 20 s");
  const rng = new Rng(14);
  // column chunks, row chunks (C taller than wide), inner segments (k ≥ 4·max(m, n))
  for (const [m, k, n] of [[101, 300, 150], [2000, 100, 80], [64, 1000, 70]] as const)
    for (const transA of [false, true]) for (const transB of [false, true]) checkProduct(threaded, rng, m, k, n, transA, transB);
  for (const [r, c] of [[500, 211], [5000, 60]]) {
    const A = rng.normalMatrix(r, c);
    const C = new Float64Array(c * c).fill(NaN);
    threaded(A.data, A.data, C, c, r, c, true, false, true);
    assert.ok(maxAbsDiff(C, reference(A, A, true, false).data) <= 1e-13 * (r + 1), `${r}×${c} Gram`);
  }
  // Many back-to-back jobs just above the parallel threshold: every hand-off must complete (a lost
  // wake-up once made a run wait forever) and every result must stay right.
  const P = rng.normalMatrix(200, 400);
  const Q = rng.normalMatrix(400, 200);
  const expected = reference(P, Q, false, false).data;
  const out = new Float64Array(200 * 200);
  for (let i = 0; i < 300; i++) {
    out.fill(NaN);
    threaded(P.data, Q.data, out, 200, 400, 200);
    if (i % 50 === 0) assert.ok(maxAbsDiff(out, expected) <= 1e-13 * 401, `job ${i}`);
  }
  assert.ok(maxAbsDiff(out, expected) <= 1e-13 * 401);
  // Limited to one thread (the worker sits jobs out) and back: the same bits, since every chunk of
  // rows or columns is computed exactly as on one thread and the inner segments depend on the shape
  // alone; the limit is clamped to the threads started.
  const T = rng.normalMatrix(3000, 90);
  const cases: [Float64Array, Float64Array, number, number, number, boolean, boolean, boolean][] = [
    [P.data, Q.data, 200, 400, 200, false, false, false], // column chunks
    [T.data, Q.data.subarray(0, 90 * 60), 3000, 90, 60, false, false, false], // row chunks
    [T.data, T.data, 90, 3000, 90, true, false, true], // inner segments, symmetric
  ];
  const run = (limit: number) => {
    threaded.setThreadLimit(limit);
    return cases.map(([a, b, m, k, n, tA, tB, sym]) => {
      const C = new Float64Array(m * n);
      threaded(a, b, C, m, k, n, tA, tB, sym);
      return C;
    });
  };
  const single = run(1);
  const both = run(2);
  single.forEach((C, i) => assert.deepEqual(C, both[i], `case ${i}: one thread and two differ`));
  assert.equal(threaded.setThreadLimit(8), 2);
  assert.equal(threaded.setThreadLimit(2), 2);
  assert.throws(() => threaded.setThreadLimit(0), /integer ≥ 1/);
});

wasmTest("wasm kernel: k = 0 gives zeros; results stay right after the memory grows and shrinks back", () => {
  const C = new Float64Array(6).fill(NaN);
  wasm!(new Float64Array(0), new Float64Array(0), C, 2, 0, 3);
  assert.deepEqual(Array.from(C), [0, 0, 0, 0, 0, 0]);
  const rng = new Rng(11);
  checkProduct(wasm!, rng, 20, 30, 10, false, false);
  checkProduct(wasm!, rng, 400, 500, 300, true, false); // needs more pages than the last call
  checkProduct(wasm!, rng, 20, 30, 10, false, true);
});




const eighTest = (name: string, fn: () => void) => test(name, { skip: wasmEigh ? false : "wasm eigensolver not loaded (DIFFSIM_KERNEL=js or no WebAssembly SIMD)" }, fn);

eighTest("wasm eigh: small residual and orthogonal vectors, values ascending = JS eigh = values-only solver, A untouched", () => {
  for (const [name, A] of symmetricCases(new Rng(12))) {
    const before = A.data.slice();
    const { values, vectors } = wasmEigh!(A);
    assert.deepEqual(A.data, before, `${name}: input modified`);
    const { residual, orthogonality } = eighErrors(A, values, vectors);
    const n = A.rows;
    assert.ok(residual < 1e-13 * n && orthogonality < 1e-13 * n, `${name}: residual ${residual}, orthogonality ${orthogonality}`);
    for (let k = 1; k < n; k++) assert.ok(values[k - 1] <= values[k], `${name}: values not ascending`);
    const js = eighJs(A).values;
    const only = wasmEigh!.values(A);
    assert.deepEqual(A.data, before, `${name}: input modified by values()`);
    const scale = Math.max(Number.MIN_VALUE, ...Array.from(js, Math.abs));
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(values[k] - js[k]) <= 1e-13 * n * scale, `${name}: value ${k} ${values[k]} vs ${js[k]}`);
      assert.ok(Math.abs(only[k] - values[k]) <= 1e-13 * n * scale, `${name}: values-only ${k} ${only[k]} vs ${values[k]}`);
    }
  }
});

eighTest("wasm eigh: 2×2 example and a known spectrum", () => {
  const { values, vectors } = wasmEigh!(Matrix.fromRows([[2, 1], [1, 2]]));
  assert.ok(Math.abs(values[0] - 1) < 1e-15 && Math.abs(values[1] - 3) < 1e-15);
  assert.ok(Math.abs(Math.abs(vectors.get(0, 1)) - Math.SQRT1_2) < 1e-15);
  // Q·diag(1..n)·Qᵀ for a random orthogonal Q (from the JS solver) has eigenvalues exactly 1..n.
  const n = 50;
  const Q = eighJs(axpbySym(new Rng(13).normalMatrix(n, n))).vectors;
  const QD = new Matrix(n, n, Q.data.map((v, idx) => v * ((idx % n) + 1)));
  const A = axpbySym(reference(QD, Q, false, true));
  wasmEigh!(A).values.forEach((v, k) => assert.ok(Math.abs(v - (k + 1)) < 1e-12, `λ_${k} = ${v}`));
});

test("committed .wasm kernels match a rebuild from their C sources (needs clang-14 + lld-14)", (t) => {
  const tools = ["clang-14", "wasm-ld-14"].filter((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0);
  if (tools.length > 0) {
    t.skip(`${tools.join(", ")} not installed (apt-get install -y clang-14 lld-14); rebuild check skipped`);
    return;
  }
  const out = mkdtempSync(join(tmpdir(), "kernels-"));
  try {
    const r = spawnSync("bash", [join(root, "environment", "build-kernels.sh"), out], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const kernels = join(root, "lib", "tensor", "kernels");
    const sources = readdirSync(kernels).filter((f) => f.endsWith(".c"));
    assert.ok(sources.length >= 2);
    for (const c of sources) {
      const name = c.replace(/\.c$/, ".wasm");
      const rebuilt = readFileSync(join(out, name));
      const committed = readFileSync(join(kernels, name));
      assert.ok(rebuilt.equals(committed), `lib/tensor/kernels/${name} is stale: run environment/build-kernels.sh and commit it`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
