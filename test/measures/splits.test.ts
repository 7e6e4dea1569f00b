/**
 * Cross-validation splits (splits.ts), shared by the regression, Procrustes, PLS and matching ids:
 * sklearn's KFold layouts (contiguous and shuffled with numpy's RandomState), Brain-Score's
 * single-class StratifiedShuffleSplit, in-sample fits and diffscore's random condition splits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../lib";
import { Rng } from "../../lib/random";
import { conditionSplits, contiguousFolds, inSample, shuffledFolds, stratifiedShuffleSplits } from "../../lib/measures/splits";
import { numpyShuffledRange } from "../../lib/measures/regression_numpy_shuffle";

const rows = (a: Int32Array | null) => Array.from(a as Int32Array);

test("contiguous folds as sklearn KFold(shuffle=False): the first n mod k folds one row longer, train = the complement", () => {
  assert.deepEqual(contiguousFolds(13, 5).map((s) => rows(s.test)), [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10], [11, 12]]);
  assert.deepEqual(contiguousFolds(12, 5).map((s) => rows(s.test)), [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9], [10, 11]]);
  for (const s of contiguousFolds(13, 5)) {
    assert.equal(s.train.length + rows(s.test).length, 13);
    for (const r of rows(s.test)) assert.ok(!s.train.includes(r));
  }
  const folds = contiguousFolds(1080, 5);
  assert.deepEqual(folds.map((f) => rows(f.test).length), [216, 216, 216, 216, 216]);
  assert.equal(rows(folds[0].test)[215], 215); // Mante: fold 0 = time steps 0..2 of all 72 conditions
  assert.throws(() => contiguousFolds(4, 5), InputError);
});

test("in-sample: one split training on all rows, no test rows", () => {
  const [s] = inSample(4);
  assert.deepEqual(Array.from(s.train), [0, 1, 2, 3]);
  assert.equal(s.test, null);
});

test("condition splits keep whole conditions, seeded, one permutation per split", () => {
  const splits = conditionSplits([15, 72, 727], 5, 0.8, new Rng(1));
  for (const s of splits) {
    assert.equal(s.train.length, 15 * 57);
    assert.equal(rows(s.test).length, 15 * 15);
    const trainConditions = new Set(Array.from(s.train, (r) => r % 72));
    for (const r of rows(s.test)) assert.ok(!trainConditions.has(r % 72), "a test condition is in the fit set");
  }
  assert.notDeepEqual(Array.from(splits[0].train), Array.from(splits[1].train));
  // the draw order the stochastic ids rely on: split i holds out the last C − ⌊0.8·C⌋ conditions of the i-th permutation
  const rng = new Rng(1);
  for (const s of conditionSplits([3, 5, 2], 5, 0.8, new Rng(1))) {
    const held = rng.permutation(5)[4];
    assert.deepEqual(rows(s.test), [held, 5 + held, 10 + held]);
    assert.equal(s.train.length, 3 * 4); // ⌊0.8·5⌋ = 4 conditions × 3 time steps
  }
  assert.throws(() => conditionSplits([4, 1, 3], 5, 0.8, new Rng(1)), InputError);
});

test("shuffled folds follow numpy's RandomState(seed).shuffle as sklearn KFold(shuffle=True)", () => {
  // numpy: a = np.arange(10); np.random.RandomState(42).shuffle(a)
  assert.deepEqual(Array.from(numpyShuffledRange(10, 42)), [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
  assert.deepEqual(rows(shuffledFolds(10, 5, 42)[0].test), [1, 8]);
  const splits = stratifiedShuffleSplits(50, 10, 0.9, 1);
  assert.equal(splits.length, 10);
  for (const s of splits) {
    assert.equal(s.train.length, 45);
    assert.deepEqual([...s.train, ...rows(s.test)].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  }
});
