import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, optimize, pcR2Recorder, toy2d } from "../../lib";
import { meanAtScore, meanSpread, pcDynamics, pcDynamicsFigure, pcRun, scoreGrid, scoreWhereMeanReaches, valuesAtScores } from "../../lib/figures/pc-dynamics";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("valuesAtScores: first crossing, linear between steps, NaN outside the run's scores", () => {
  const v = valuesAtScores([0.2, 0.6, 1], [0, 0.4, 0.8], [0.1, 0.2, 0.4, 1, 1.1]);
  assert.ok(Number.isNaN(v[0]) && Number.isNaN(v[4]));
  close(v[1], 0);
  close(v[2], 0.2);
  close(v[3], 0.8);
  // a score that dips: the first time it reaches 0.5 counts
  close(valuesAtScores([0, 0.6, 0.4, 0.8], [0, 1, 2, 3], [0.5])[0], 5 / 6);
});

test("meanSpread: mean and sample sd per point over the defined curves", () => {
  const m = meanSpread([[1, 2, NaN, 5], [3, 2, NaN, NaN]]);
  assert.deepEqual(m.n, [2, 2, 0, 1]);
  assert.deepEqual(m.mean.slice(0, 2), [2, 2]);
  close(m.sd[0], Math.SQRT2);
  assert.equal(m.sd[1], 0);
  assert.ok(Number.isNaN(m.mean[2]) && Number.isNaN(m.sd[2]));
  assert.equal(m.mean[3], 5);
  assert.equal(m.sd[3], 0);
  assert.throws(() => meanSpread([[1], [1, 2]]), InputError);
});

test("pcDynamics on hand-made runs; meanAtScore and scoreWhereMeanReaches read the mean curve", () => {
  const runs = [
    { scores: [0, 0.5, 1], r2: [[0, 0], [0.5, 0.1], [1, 0.9]] },
    { scores: [0, 0.5, 1], r2: [[0, 0], [0.7, 0.3], [1, 0.7]] },
  ];
  const d = pcDynamics("m", runs, scoreGrid(0, 1, 11));
  assert.equal(d.seeds, 2);
  close(meanAtScore(d, 0, 0.5), 0.6);
  close(meanAtScore(d, 1, 0.5), 0.2);
  close(d.pcs[0].sd[5], Math.sqrt(0.02));
  close(scoreWhereMeanReaches(d, 1, 0.5), 0.75);
  assert.ok(Number.isNaN(scoreWhereMeanReaches(d, 1, 0.95)));
  assert.throws(() => pcDynamics("m", [{ scores: [0, 1], r2: [[0, 0]] }], [0.5]), InputError);
  assert.throws(() => scoreGrid(1, 0, 5), InputError);
});

test("pcRun reads pcR2Recorder records; CKA on toy2d learns PC1 long before PC2 (paper Fig. 2)", () => {
  const ds = toy2d();
  const runs = [0, 1, 2].map((seed) => pcRun(optimize(ds.toArray(), "cka", { seed, stopScore: 0.99, recorders: { r2: pcR2Recorder(ds.activity) } })));
  assert.equal(runs[0].r2[0].length, 2);
  const d = pcDynamics("cka", runs, scoreGrid(0, 0.99, 100));
  assert.ok(meanAtScore(d, 0, 0.9) > 0.85 && meanAtScore(d, 1, 0.9) < 0.1, `(${meanAtScore(d, 0, 0.9)}, ${meanAtScore(d, 1, 0.9)})`);
  assert.throws(() => pcRun(optimize(ds.toArray(), "cka", { maxIter: 2 })), InputError);
  const fig = pcDynamicsFigure([d], { subtitle: "toy2d" });
  assert.equal(fig.data.length, 4, "a band and a mean line per PC");
  assert.deepEqual(fig.data.filter((t) => t.showlegend).map((t) => t.name), ["PC1 (mean ± sd over 3 seeds)", "PC2 (mean ± sd over 3 seeds)"]);
  assert.equal((fig.layout!.xaxis as { title: { text: string } }).title.text, "score (unitless)");
});
