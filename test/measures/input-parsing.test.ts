/**
 * The measures' entry points reject what they cannot read with an InputError naming the argument:
 * {data, shape} inputs with impossible shapes, options that are not an object, ids whose numeric
 * parameter overflows to Infinity. Property tests (fast-check, fixed seed; FUZZ_RUNS=n for more cases).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError, loadDataset, optimize, prepareMeasure, score, scoreAndGrad } from "../../lib";
import { received } from "../../lib/errors";

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const X = [[1, 2], [3, 4], [5, 7], [2, 1], [0, 3], [4, 4]];
const Y = [[2, 1], [3, 3], [1, 7], [2, 5], [6, 3], [4, 0]];
const isInputError = (argument: RegExp) => (e: unknown) => e instanceof InputError && argument.test(e.argument);

test("impossible {data, shape} inputs and λ = ∞ ids are InputErrors, not scores", () => {
  assert.throws(() => score("cka", { data: [1, 2, 3, 4, 5, 6], shape: [2.5, 2] }, X), (e: unknown) => e instanceof InputError && /^X\.shape: expected a list of non-negative integers; got \[2\.5, 2\]$/.test(e.message));
  assert.throws(() => score("cka", X, { data: [1, 2], shape: [-2, -1] }), isInputError(/^Y\.shape$/));
  assert.throws(() => score("cka", X, { data: null, shape: [6, 2] } as never), isInputError(/^Y\.data$/));
  assert.throws(() => score("ridge-lambda1e999-r2#5folds_cv", X, Y), (e: unknown) => e instanceof InputError && /1e999 overflows to Infinity/.test(e.message));
  assert.ok(Number.isFinite(score("ridge-lambda1e300-r2#5folds_cv", X, Y)));
});

test("options that are not an object: InputError naming options (not a TypeError)", () => {
  for (const options of [null, 5, "seed", [1]]) {
    assert.throws(() => score("cka", X, Y, options as never), isInputError(/^options$/));
    assert.throws(() => scoreAndGrad("nbs", X, Y, options as never), isInputError(/^options$/));
    assert.throws(() => prepareMeasure("nbs", X, options as never), isInputError(/^options$/));
  }
  assert.ok(Number.isFinite(score("cka", X, Y, undefined)));
});

test("option values appear in messages as given: strings quoted, numbers as is", () => {
  assert.equal(received("5"), '"5"');
  assert.equal(received(5), "5");
  assert.equal(received(NaN), "NaN");
  assert.equal(received(null), "null");
  assert.equal(received([2.5, "2"]), '[2.5, "2"]');
  assert.equal(received({ seed: 1 }), "an object");
  assert.throws(() => optimize(X, "cka", { maxIter: "5" as never }), (e: unknown) => e instanceof InputError && e.message === 'maxIter: expected an integer ≥ 0; got "5"');
  assert.throws(() => optimize(X, "cka", { maxIter: 2.5 }), (e: unknown) => e instanceof InputError && e.message === "maxIter: expected an integer ≥ 0; got 2.5");
  assert.throws(() => loadDataset("toy2d", { source: "Real" as never }), (e: unknown) => e instanceof InputError && /got "Real"$/.test(e.message));
  assert.throws(() => loadDataset("toy2d", null as never), (e: unknown) => e instanceof InputError && e.argument === "options");
});

test("property: a generated {data, shape} gives a finite score or an InputError naming Y", () => {
  const dim = fc.oneof(fc.integer({ min: -3, max: 8 }), fc.constantFrom(2.5, NaN, Infinity, -0, 1e300));
  fc.assert(
    fc.property(fc.array(dim, { minLength: 0, maxLength: 4 }), fc.integer({ min: 0, max: 40 }), (shape, length) => {
      const data = Array.from({ length }, (_, i) => Math.sin(i + 1));
      try {
        const v = score("cka", { data: Array.from({ length: 24 }, (_, i) => Math.cos(i)), shape: [6, 4] }, { data, shape });
        assert.ok(Number.isFinite(v), `score ${v} for shape [${shape}]`);
        assert.ok(shape.every((s) => Number.isInteger(s) && s > 0) && data.length === shape.reduce((a, b) => a * b, 1));
      } catch (error) {
        assert.ok(error instanceof InputError && /^Y(\.shape|\.data)?$/.test(error.argument), String(error));
      }
    }),
    { seed: 17, numRuns: RUNS },
  );
});

test("property: ridge-lambda{λ} ids give a finite score or an InputError naming the measure", () => {
  const lambda = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: -400, max: 400 })).map(([m, e]) => `${m}e${e}`);
  fc.assert(
    fc.property(lambda, fc.constantFrom("r2#5folds_cv", "pearsonr#no_cv", "r2"), (text, rest) => {
      const id = `ridge-lambda${text}-${rest}`;
      let value: number;
      try {
        value = score(id, X, Y);
      } catch (error) {
        assert.ok(error instanceof InputError && error.argument === "measure" && !Number.isFinite(Number(text)), String(error));
        return;
      }
      assert.ok(Number.isFinite(Number(text)), `${id} accepted although λ = ${Number(text)}`);
      assert.ok(Number.isFinite(value), id);
    }),
    { seed: 17, numRuns: RUNS },
  );
});
