import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../lib";
import { Rng, checkSeed } from "../lib/random";
import { FUZZ } from "./support/fuzz";

// Recorded from the generator before seeds ≥ 2³² got their own streams (commit 9ad4e8d): the first three
// 32-bit outputs, then one normal and one uniform draw. Surrogates are calibrated on these streams.
const RECORDED: [number, number[], number, number][] = [
  [0, [3809008728, 1133695204, 53579671], 2.050598886466552, 0.3695708931409749],
  [1, [2442144158, 3238099751, 3819917871], -0.00756900800593483, 0.5352514932785891],
  [2, [2098143281, 4211684960, 3213800981], 0.4526038006641688, 0.6417547676562855],
  [42, [2837322924, 544945897, 479756282], -1.1647227190980323, 0.4746070427364051],
  [2024, [2419916859, 2996235947, 1249288266], 0.47630184815657156, 0.5079827166495178],
  [123456789, [4284103975, 1001954530, 2701803082], 0.16078207414972098, 0.8857671079420552],
  [2 ** 31 - 1, [4273413024, 512412270, 2725035094], 0.9707516656612256, 0.17602315917694955],
  [2 ** 31, [3777240597, 340332888, 1644009166], 0.282037451802215, 0.04391665547866164],
  [2 ** 32 - 1, [835879718, 1921286648, 2356205009], -0.3744134632627558, 0.5737789709069927],
];

test("Rng: seeds 0 … 2³²−1 keep their recorded streams", () => {
  for (const [seed, u, n, uni] of RECORDED) {
    const r = new Rng(seed);
    assert.deepEqual([r.nextUint32(), r.nextUint32(), r.nextUint32()], u, `seed ${seed}`);
    assert.equal(r.normal(), n, `seed ${seed}: normal`);
    assert.equal(r.uniform(), uni, `seed ${seed}: uniform`);
  }
});

const head = (seed: number) => {
  const r = new Rng(seed);
  return [r.nextUint32(), r.nextUint32(), r.nextUint32(), r.nextUint32()].join(",");
};

test("Rng: seeds that used to collide (2³²+k ≡ k, 2³²·k ≡ …) have distinct streams", () => {
  const seeds = [0, 1, 2, 2 ** 32, 2 ** 32 + 1, 2 ** 32 + 2, 2 ** 33, 2 ** 33 + 1, 3 * 2 ** 32 + 3, 2 ** 52, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1];
  const heads = seeds.map(head);
  assert.equal(new Set(heads).size, seeds.length, `streams: ${heads.join(" | ")}`);
});

test("Rng: any two distinct accepted seeds give distinct streams (property)", () => {
  const seed = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 + 10 }), fc.maxSafeNat(), fc.integer({ min: 0, max: 2 ** 21 - 1 }).map((h) => h * 2 ** 32));
  fc.assert(
    fc.property(seed, seed, (a, b) => a === b || head(a) !== head(b)),
    { seed: FUZZ.seed, numRuns: FUZZ.runs(500) },
  );
});

test("Rng and checkSeed: anything but a non-negative safe integer is an InputError naming the seed", () => {
  for (const bad of [-1, -2, 0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 1e300, "3", null]) {
    assert.throws(() => new Rng(bad as number), (e: unknown) => e instanceof InputError && /^seed: expected a non-negative safe integer/.test((e as Error).message), `seed ${String(bad)}`);
    assert.throws(() => checkSeed(bad, "measureSeed"), /^InputError: measureSeed|measureSeed: expected/);
  }
  assert.doesNotThrow(() => checkSeed(Number.MAX_SAFE_INTEGER));
});

test("Rng.fork gives an independent, valid generator", () => {
  const parent = new Rng(7);
  const a = parent.fork();
  const b = parent.fork();
  assert.ok(Number.isSafeInteger(a.seed) && Number.isSafeInteger(b.seed));
  assert.notEqual(a.nextUint32(), b.nextUint32());
});
