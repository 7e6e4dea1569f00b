/**
 * Property-based tests (fast-check) of the public measure functions: generated shapes, values (0,
 * ±tiny, ±huge, NaN, ±Inf, constant, duplicated and zero columns, X = Y, rank one), scales over the
 * whole float64 range, option objects and ids. Every call either throws an InputError naming an
 * argument, or gives a finite value and gradient, also after scaling X or Y; a measure's declared
 * invariances (isotropic scale of Y and of X, orthogonal maps, permutations) and homogeneity hold to
 * TOL at every well-posed generated point: no degenerate columns and more samples than X and Y have features
 * together. At degenerate points rank decisions (pseudo-inverses, CCA weights, tied ranks) may flip
 * under roundoff, so only finiteness is required there.
 *
 * Fixed seed and bounded case counts (FUZZ_RUNS / FUZZ_SEED for longer or other runs: test/support/fuzz.ts).
 * test/run.js runs this file on the native and the WebAssembly kernels.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError, listMeasures, prepareMeasure, score, scoreAndGrad } from "../../lib";
import type { MeasureInfo } from "../../lib";
import { Matrix, matmul, scale } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { Rng } from "../../lib/random";
import { FUZZ } from "../support/fuzz";

/**
 * Tolerances of the invariances at well-posed points: values |a − b| ≤ TOL·max(1, |b|), gradients
 * ‖a − b‖ ≤ GRAD_TOL·max(1, ‖b‖).
 */
const TOL = 1e-6;
const GRAD_TOL = 1e-4;
const measures = listMeasures();
const byId = new Map(measures.map((m) => [m.id, m]));
const ARGUMENTS = new Set(["X", "Y", "X.shape", "Y.shape", "X and Y", "measure", "seed", "options"]);

/** Scale factors across float64: powers of two (exact) and decimal ones, from ≈1e-290 to ≈1e290. */
const SCALES = [2 ** -960, 1e-250, 1e-100, 3e-9, 0.37, 7.5, 1e8, 1e100, 1e250, 2 ** 960];

type Degenerate = "none" | "constant column" | "duplicated column" | "zero column" | "X = Y" | "rank one";

interface Case {
  id: string;
  n: number;
  p: number;
  q: number;
  threeD: boolean;
  dataSeed: number;
  degenerate: Degenerate;
  scaleIndex: number;
  seed: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  id: fc.constantFrom(...measures.map((m) => m.id)),
  n: fc.integer({ min: 2, max: 14 }),
  p: fc.integer({ min: 1, max: 6 }),
  q: fc.integer({ min: 1, max: 6 }),
  threeD: fc.boolean(),
  dataSeed: fc.nat(1_000_000),
  degenerate: fc.constantFrom<Degenerate>("none", "none", "constant column", "duplicated column", "zero column", "X = Y", "rank one"),
  scaleIndex: fc.nat(SCALES.length - 1),
  seed: fc.nat(1000),
});

/** X (n×p) and Y (n×q) of a case, Y correlated with X so that scores are away from degenerate values. */
function data(c: Case): { X: Matrix; Y: Matrix } {
  const rng = new Rng(c.dataSeed);
  const X = rng.normalMatrix(c.n, c.p);
  let Y = matmul(X, rng.normalMatrix(c.p, c.q));
  const noise = rng.normalMatrix(c.n, c.q, 0.8);
  for (let i = 0; i < Y.data.length; i++) Y.data[i] += noise.data[i];
  const set = (M: Matrix, j: number, f: (i: number) => number) => {
    for (let i = 0; i < M.rows; i++) M.data[i * M.cols + j] = f(i);
  };
  switch (c.degenerate) {
    case "constant column":
      set(Y, 0, () => 1.5);
      break;
    case "duplicated column":
      if (Y.cols > 1) set(Y, 1, (i) => Y.data[i * Y.cols]);
      break;
    case "zero column":
      set(Y, Y.cols - 1, () => 0);
      break;
    case "X = Y":
      Y = X.clone();
      break;
    case "rank one":
      Y = matmul(new Matrix(c.n, 1, X.data.filter((_, k) => k % c.p === 0)), rng.normalMatrix(1, c.q));
      break;
  }
  return { X, Y };
}

/** A matrix as a public-API input: a 2-D nested array, or 3-D (2, n/2, cols) when asked and n is even. */
function input(M: Matrix, threeD: boolean): number[][] | number[][][] | { data: Float64Array; shape: number[] } {
  if (threeD && M.rows % 2 === 0) return { data: M.data, shape: [2, M.rows / 2, M.cols] };
  return M.toRows();
}

type Outcome = { ok: true; value: number; grad: Float64Array | null } | { ok: false; error: InputError };

/** score or scoreAndGrad of (X, Y): the result, or the InputError it threw (anything else fails the test). */
function evaluate(m: MeasureInfo, X: Matrix, Y: Matrix, c: Case): Outcome {
  const opts = { seed: c.seed };
  try {
    if (!m.differentiable) return { ok: true, value: score(m.id, input(X, c.threeD), input(Y, c.threeD), opts), grad: null };
    const r = scoreAndGrad(m.id, input(X, c.threeD), input(Y, c.threeD), opts);
    return { ok: true, value: r.value, grad: Float64Array.from(r.gradY.flat(2) as number[]) };
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`${m.id}: ${(e as Error).name} instead of an InputError: ${(e as Error).message}`);
    assert.ok(ARGUMENTS.has(e.argument), `${m.id}: InputError names "${e.argument}"`);
    return { ok: false, error: e };
  }
}

function assertFinite(m: MeasureInfo, r: Outcome, label: string): asserts r is Extract<Outcome, { ok: true }> {
  if (!r.ok) throw new Error(`${m.id} (${label}): InputError where the measure is defined: ${r.error.message}`);
  assert.ok(Number.isFinite(r.value), `${m.id} (${label}): value ${r.value}`);
  if (r.grad) assert.ok(r.grad.every(Number.isFinite), `${m.id} (${label}): non-finite gradient`);
}

const norm = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));

function assertNear(m: MeasureInfo, a: number, b: number, label: string): void {
  assert.ok(Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b)), `${m.id}: declared ${label}-invariant but ${a} ≠ ${b}`);
}

/** ‖f·a − b‖ ≤ TOL·max(1, ‖b‖): gradient a at the transformed input against b at the original one. */
function assertGradNear(m: MeasureInfo, a: Float64Array, f: number, b: Float64Array, label: string): void {
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = f * a[i] - b[i];
  assert.ok(norm(d) <= GRAD_TOL * Math.max(1, norm(b)), `${m.id}: gradient under ${label}: ‖difference‖ ${norm(d)} vs ‖gradient‖ ${norm(b)}`);
}

function randomOrthogonal(k: number, rng: Rng): Matrix {
  const G = rng.normalMatrix(k, k);
  const S = new Matrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) S.data[i * k + j] = G.data[i * k + j] + G.data[j * k + i];
  return eigh(S).vectors;
}

test("measures: an InputError naming an argument, or finite values and gradients that keep the declared invariances at every scale", () => {
  fc.assert(
    fc.property(caseArb, (c0) => {
      const c = c0.degenerate === "X = Y" ? { ...c0, q: c0.p } : c0;
      const m = byId.get(c.id) as MeasureInfo;
      const { X, Y } = data(c);
      const base = evaluate(m, X, Y, c);
      if (!base.ok) return; // undefined here (e.g. too few samples for its folds): named, nothing more to check
      assertFinite(m, base, "base");
      assert.ok(base.value >= m.range[0] - 1e-9 && base.value <= m.range[1] + 1e-9, `${m.id}: ${base.value} outside [${m.range}]`);
      const k = SCALES[c.scaleIndex];
      const wellPosed = c.degenerate === "none" && c.n > c.p + c.q;
      if (!wellPosed) {
        for (const [A, B, invariant, label] of [[X, scale(Y, k), m.invariances.isotropicScale, `Y·${k}`], [scale(X, k), Y, m.isotropicScaleX, `X·${k}`]] as const) {
          const r = evaluate(m, A, B, c);
          if (r.ok || invariant) assertFinite(m, r, label); // scale-invariant: defined wherever the base is
        }
        return;
      }
      if (m.invariances.isotropicScale) {
        const r = evaluate(m, X, scale(Y, k), c);
        assertFinite(m, r, `Y·${k}`);
        assertNear(m, r.value, base.value, `scale (Y·${k})`);
        if (r.grad && base.grad) assertGradNear(m, r.grad, k, base.grad, `Y·${k}`);
      }
      if (m.isotropicScaleX) {
        const r = evaluate(m, scale(X, k), Y, c);
        assertFinite(m, r, `X·${k}`);
        assertNear(m, r.value, base.value, `X-scale (X·${k})`);
        if (r.grad && base.grad) assertGradNear(m, r.grad, 1, base.grad, `X·${k}`);
      }
      const degree = m.homogeneity;
      if (degree) {
        // score(c·X, c·Y) = cᵏ·score(X, Y): finite whenever that is a normal float64, else an InputError
        const expected = base.value * k ** degree;
        const r = evaluate(m, scale(X, k), scale(Y, k), c);
        if (Number.isFinite(expected) && (expected === 0 || Math.abs(expected) > 1e-290)) {
          assertFinite(m, r, `(X, Y)·${k}`);
          assert.ok(Math.abs(r.value - expected) <= TOL * Math.abs(expected), `${m.id}: declared homogeneous of degree ${degree} but ${r.value} ≠ ${expected}`);
        } else if (r.ok) assertFinite(m, r, `(X, Y)·${k}`);
      }
      const rng = new Rng(c.dataSeed + 1);
      if (m.invariances.orthogonal) {
        const r = evaluate(m, X, matmul(Y, randomOrthogonal(Y.cols, rng)), c);
        assertFinite(m, r, "Y·Q");
        assertNear(m, r.value, base.value, "orthogonal");
      }
      if (m.invariances.permutation) {
        const perm = rng.permutation(Y.cols);
        const P = new Matrix(Y.cols, Y.cols);
        perm.forEach((j, i) => (P.data[j * Y.cols + i] = 1));
        const r = evaluate(m, X, matmul(Y, P), c);
        assertFinite(m, r, "permuted columns");
        assertNear(m, r.value, base.value, "permutation");
      }
    }),
    { seed: FUZZ.seed, numRuns: FUZZ.runs(1500), includeErrorInReport: true },
  );
});

const SPECIAL = [0, 5e-324, -5e-324, 1e-300, -1e-300, 1.7e308, -1.7e308, NaN, Infinity, -Infinity];

test("measures: single extreme or non-finite entries give a named InputError or a finite result, never a silent NaN", () => {
  fc.assert(
    fc.property(caseArb, fc.constantFrom(...SPECIAL), fc.boolean(), fc.nat(10_000), (c, v, inX, where) => {
      const m = byId.get(c.id) as MeasureInfo;
      const { X, Y } = data(c);
      const M = inX ? X : Y;
      M.data[where % M.data.length] = v;
      const r = evaluate(m, X, Y, c);
      if (!Number.isFinite(v)) {
        assert.ok(!r.ok && r.error.argument === (inX ? "X" : "Y") && /finite values/.test(r.error.message), `${m.id}: ${v} in ${inX ? "X" : "Y"} must be named`);
        return;
      }
      if (r.ok) assertFinite(m, r, `entry ${v}`);
    }),
    { seed: FUZZ.seed, numRuns: FUZZ.runs(600), includeErrorInReport: true },
  );
});

test("measures: ids, option objects, shapes and argument types that are not accepted are InputErrors naming them", () => {
  const good = new Rng(3).normalMatrix(8, 3).toRows();
  const arg = fc.oneof(
    fc.constant(good),
    fc.constant(good.slice(1)),
    fc.constant([] as number[][]),
    fc.constant([[1, 2], [3]] as number[][]),
    fc.constant([1, 2, 3] as unknown as number[][]),
    fc.constant({ data: [1, 2, 3], shape: [2.5, 2] } as unknown as number[][]),
    fc.constant({ data: new Float64Array(6), shape: [-2, -3] } as unknown as number[][]),
    fc.constant("X" as unknown as number[][]),
    fc.constant(null as unknown as number[][]),
    fc.constant(undefined as unknown as number[][]),
  );
  const id = fc.oneof(fc.constantFrom("cka", "nbs", "linreg", "ridge-lambda1e999-r2#5folds_cv", "ridge-lambda-1-r2#no_cv", "shape_metric-alpha=2-score"), fc.string({ maxLength: 12 }), fc.constant(42 as unknown as string));
  const options = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.record({ seed: fc.oneof(fc.nat(), fc.constantFrom(-1, 0.5, NaN, Infinity, 2 ** 53, "3", null)) }, { requiredKeys: [] }),
    fc.constant("seed" as unknown),
  );
  fc.assert(
    fc.property(id, arg, arg, options, fc.boolean(), (name, X, Y, opts, withGrad) => {
      try {
        const r = withGrad ? scoreAndGrad(name, X, Y, opts as { seed?: number }).value : score(name, X, Y, opts as { seed?: number });
        assert.ok(Number.isFinite(r), `${String(name)}: accepted, so finite; got ${r}`);
      } catch (e) {
        assert.ok(e instanceof InputError, `${String(name)}: ${(e as Error).name}: ${(e as Error).message}`);
        assert.ok(ARGUMENTS.has(e.argument), `InputError names "${e.argument}"`);
      }
    }),
    { seed: FUZZ.seed, numRuns: FUZZ.runs(500), includeErrorInReport: true },
  );
});

test("prepareMeasure: the bound score equals score() at every scale of Y", () => {
  const scaleInvariant = measures.filter((m) => m.invariances.isotropicScale && !m.stochastic && m.minSamples <= 10);
  fc.assert(
    fc.property(fc.constantFrom(...scaleInvariant.map((m) => m.id)), fc.nat(1000), fc.nat(SCALES.length - 1), (id, seed, s) => {
      const rng = new Rng(seed);
      const X = rng.normalMatrix(12, 3);
      const Y = scale(rng.normalMatrix(12, 4), SCALES[s]);
      let expected: number;
      try {
        expected = score(id, X, Y);
      } catch (e) {
        assert.ok(e instanceof InputError, `${id}: ${(e as Error).message}`);
        return;
      }
      const bound = prepareMeasure(id, X);
      assert.equal(bound.score(Y), expected, id);
      assert.equal(bound.scoreMatrix(Y), expected, id);
    }),
    { seed: FUZZ.seed, numRuns: FUZZ.runs(150), includeErrorInReport: true },
  );
});
