/**
 * Settings of the property-based (fast-check) tests: a fixed seed and a bounded number of cases in
 * `npm test`, a longer or differently seeded run from the environment:
 *
 *   FUZZ_RUNS=2000 FUZZ_SEED=7 node test/run.js measures/fuzz
 *
 *   fc.assert(property, { seed: FUZZ.seed, numRuns: FUZZ.runs(40) });
 */
function nonNegativeInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const v = Number(raw);
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${name}: expected a non-negative integer; got "${raw}"`);
  return v;
}

const runs = nonNegativeInteger("FUZZ_RUNS");

export const FUZZ = {
  /** fast-check's seed: FUZZ_SEED, default 20241207 (a failure report prints the seed and path to replay). */
  seed: nonNegativeInteger("FUZZ_SEED") ?? 20241207,
  /** FUZZ_RUNS when set, else the default case count of that property. */
  runs: (defaultRuns: number): number => runs ?? defaultRuns,
};
