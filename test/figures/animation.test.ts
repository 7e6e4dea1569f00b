import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, optimize, toy2d } from "../../lib";
import { checkFigure as checkFigureForTest } from "../../lib/display/figure-spec";
import { firstAtLeast, optimizationAnimation, scoreLevels } from "../../lib/figures/animation";

test("scoreLevels span the lowest start (≥ 0) to the lowest end; firstAtLeast picks the snapshot", () => {
  assert.deepEqual(scoreLevels([[0.1, 0.5, 0.95], [0.3, 0.99]], 3), [0.1, 0.525, 0.95]);
  assert.equal(scoreLevels([[-0.4, 0.9], [0.2, 0.95]], 2)[0], 0);
  assert.equal(firstAtLeast([0.1, 0.4, 0.8], 0.5), 2);
  assert.equal(firstAtLeast([0.1, 0.4], 0.9), 1);
  assert.throws(() => scoreLevels([[0.1]], 1), InputError);
});

test("optimizationAnimation: X panel + one Y panel per run, a frame per level showing the right snapshots", () => {
  const ds = toy2d();
  const runs = ["cka", "nbs"].map((m) => ({ label: m, result: optimize(ds.toArray(), m, { seed: 1, stopScore: 0.99, snapshots: true }) }));
  const fig = optimizationAnimation(ds, runs, { frames: 5, subtitle: "toy2d, seed 1" });
  checkFigureForTest(fig);
  assert.equal(fig.data.length, 6 + 2 * 7, "6 X traces, then per run 6 Y traces and a label");
  assert.equal(fig.frames!.length, 5);
  const levels = scoreLevels(runs.map((r) => r.result.records.map((x) => x.score)), 5);
  for (const [j, frame] of fig.frames!.entries()) {
    const data = frame.data as Record<string, unknown>[];
    assert.deepEqual(frame.traces, Array.from({ length: 14 }, (_, i) => 6 + i));
    for (const [i, run] of runs.entries()) {
      const rec = run.result.records[firstAtLeast(run.result.records.map((r) => r.score), levels[j])];
      const Y = rec.Y!.data;
      assert.deepEqual(data[i * 7].x, Array.from({ length: 10 }, (_, t) => Y[(t * 6 + 0) * 2]), `frame ${j}, run ${i}: condition 0 of Y_${rec.iteration}`);
      assert.equal(data[i * 7].xaxis, `x${i + 2}`);
      assert.deepEqual(data[i * 7 + 6].text, [`step ${rec.iteration} · score ${rec.score.toFixed(3)}`]);
      assert.ok(rec.score >= levels[j] || rec === run.result.records.at(-1));
    }
  }
  const layout = fig.layout as Record<string, any>;
  assert.equal(layout.updatemenus[0].buttons[0].method, "animate");
  assert.equal(layout.sliders[0].steps.length, 5);
  assert.equal(layout.title.subtitle.text, "toy2d, seed 1");
  assert.equal(layout.xaxis.title.text, "X (toy2d): neuron 1 (a.u.)");
  assert.throws(() => optimizationAnimation(ds, [{ label: "no snapshots", result: optimize(ds.toArray(), "cka", { maxIter: 3 }) }]), InputError);
});
