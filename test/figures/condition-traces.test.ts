import { test } from "node:test";
import assert from "node:assert/strict";
import { toy2d } from "../../lib";
import { conditionStyle, conditionTraces } from "../../lib/figures/condition-traces";
import { InputError } from "../../lib/errors";

test("conditionStyle: names from every label set, one hue family per class of the primary label", () => {
  const style = conditionStyle(toy2d());
  assert.deepEqual(style.names, ["choice −1, stimulus −3", "choice −1, stimulus −2", "choice −1, stimulus −1", "choice +1, stimulus +1", "choice +1, stimulus +2", "choice +1, stimulus +3"]);
  assert.equal(new Set(style.colors).size, 6);
  assert.ok(style.colors.slice(0, 3).every((c) => c.startsWith("#08") || c.startsWith("#31") || c.startsWith("#6b")), "choice −1 in blues");
});

test("conditionTraces: condition c at time t is row t·C + c, on the requested axes", () => {
  const ds = toy2d();
  const traces = conditionTraces(ds.activity.data, ds.shape, conditionStyle(ds), { axis: 2, legend: true });
  assert.equal(traces.length, 6);
  const X = ds.toArray() as number[][][];
  for (let c = 0; c < 6; c++) {
    assert.deepEqual(traces[c].x, X.map((row) => row[c][0]));
    assert.deepEqual(traces[c].y, X.map((row) => row[c][1]));
    assert.equal(traces[c].xaxis, "x2");
    assert.equal(traces[c].legendgroup, `condition-${c}`);
  }
  assert.equal(conditionTraces(ds.activity.data, ds.shape, conditionStyle(ds))[0].xaxis, "x");
  assert.throws(() => conditionTraces(ds.activity.data, [60, 2], conditionStyle(ds)), InputError);
  assert.throws(() => conditionTraces(ds.activity.data.subarray(1), ds.shape, conditionStyle(ds)), InputError);
  assert.throws(() => conditionTraces(ds.activity.data, ds.shape, conditionStyle(ds), { neurons: [0, 2] }), InputError);
});
