/**
 * Property-based tests (fast-check) of optimize(): generated data (scales over the float64 range),
 * measures, initial Y and option objects (valid and invalid learning rates, Adam β and ε, seeds,
 * iteration counts). Every run either throws an InputError naming the option or argument, or ends
 * with a finite Y, one score per step, every non-finite step listed in `nonFinite`, and the same
 * trajectory when repeated with the same seed.
 *
 * Fixed seed and bounded case count (FUZZ_RUNS / FUZZ_SEED: test/support/fuzz.ts); test/run.js runs
 * this file on the native and the WebAssembly kernels.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError, optimize } from "../../lib";
import type { OptimizeOptions } from "../../lib";
import { Rng } from "../../lib/random";
import { FUZZ } from "../support/fuzz";

const MEASURES = ["cka", "cka-angular-score", "nbs", "procrustes-angular-score", "linreg", "ridge-lambda1-r2#no_cv", "procrustes-euclidean"];
const NAMED = new Set(["X", "Y0", "X and Y", "options", "seed", "measureSeed", "lr", "beta1", "beta2", "eps", "maxIter", "stopScore", "recordEvery"]);

/** Valid values mixed with invalid ones (wrong type, out of range, non-finite). lr stays ≤ 1e250, so that Y itself cannot overflow. */
const mostlyValid = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: invalid, weight: 1 });
const optionsArb = fc.record(
  {
    seed: mostlyValid(fc.oneof(fc.nat(), fc.constantFrom(2 ** 32 + 1, Number.MAX_SAFE_INTEGER)), fc.constantFrom(-1, 0.5, NaN, "1")),
    lr: mostlyValid(fc.constantFrom(1e-3, 0.1, 1, 1e10, 1e200, 1e250), fc.constantFrom(0, -0.1, NaN, Infinity, "0.1")),
    beta1: mostlyValid(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.constantFrom(1, -0.1, NaN)),
    beta2: mostlyValid(fc.double({ min: 0, max: 0.9999, noNaN: true }), fc.constantFrom(1, 1.5, NaN)),
    eps: mostlyValid(fc.constantFrom(1e-300, 1e-8, 1), fc.constantFrom(0, -1e-8, NaN, Infinity)),
    maxIter: mostlyValid(fc.integer({ min: 0, max: 4 }), fc.constantFrom(-1, 2.5, "3")),
    stopScore: fc.constantFrom(0.5, Infinity, NaN),
    recordEvery: mostlyValid(fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 1.5)),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<OptimizeOptions>;

const SCALES = [1e-250, 1e-20, 1, 1e20, 1e250];

test("optimize: an InputError naming the option, or a finite, complete and reproducible run", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...MEASURES),
      fc.integer({ min: 4, max: 9 }),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom(...SCALES),
      fc.constantFrom("random", "random", "random", "zeros", "zeros", "X", "NaN", "short"),
      optionsArb,
      fc.nat(1000),
      (id, n, p, s, y0, options, dataSeed) => {
        const rng = new Rng(dataSeed);
        const X = rng.normalMatrix(n, p).toRows().map((r) => r.map((v) => v * s));
        const Y0 = y0 === "random" ? undefined : y0 === "zeros" ? X.map((r) => r.map(() => 0)) : y0 === "X" ? X : y0 === "NaN" ? X.map((r) => r.map(() => NaN)) : X.slice(1);
        const opts = { ...options, maxIter: options.maxIter ?? 3, Y0 };
        let run: ReturnType<typeof optimize>;
        try {
          run = optimize(X, id, opts);
        } catch (e) {
          assert.ok(e instanceof InputError, `${id}: ${(e as Error).name}: ${(e as Error).message}`);
          assert.ok(NAMED.has(e.argument), `InputError names "${e.argument}"`);
          return;
        }
        assert.equal(run.scores.length, run.iterations + 1);
        assert.ok(run.YMatrix.data.every(Number.isFinite), `${id}: Y has non-finite entries (lr ${String(opts.lr)}, eps ${String(opts.eps)})`);
        for (let k = 0; k < run.iterations; k++)
          if (!Number.isFinite(run.scores[k])) assert.ok(run.nonFinite.iterations.includes(k), `${id}: score ${run.scores[k]} at step ${k} not listed in nonFinite`);
        assert.ok(run.nonFinite.iterations.every((k) => k < run.iterations));
        const again = optimize(X, id, opts);
        assert.deepEqual(again.scores, run.scores, `${id}: the same seed gives the same trajectory`);
      },
    ),
    { seed: FUZZ.seed, numRuns: FUZZ.runs(400), includeErrorInReport: true },
  );
});

test("optimize: options that are not an object are an InputError", () => {
  const X = new Rng(1).normalMatrix(6, 2).toRows();
  for (const bad of [null, "fast", 3, [1]]) assert.throws(() => optimize(X, "cka", bad as unknown as OptimizeOptions), (e: unknown) => e instanceof InputError && e.argument === "options");
  assert.throws(() => optimize(X, "cka", { maxIter: "5" as unknown as number }), /maxIter: expected an integer ≥ 0; got "5"/);
});
