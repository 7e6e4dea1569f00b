/** busyCheck: the load rule of the multi-threaded kernels (cores + ½), re-read at most once per period. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { busyCheck } from "../../lib/tensor/machine-busy";

test("busy above cores + ½, not at or below it", () => {
  assert.equal(busyCheck(() => 2.51, 2)(), true);
  assert.equal(busyCheck(() => 2.5, 2)(), false);
  assert.equal(busyCheck(() => 0.3, 2)(), false);
  assert.equal(busyCheck(() => 8.4, 8)(), false);
  assert.equal(busyCheck(() => 8.6, 8)(), true);
});

test("the load is read at most once per period; the answer follows it after the period", () => {
  let load = 0.5;
  let reads = 0;
  let clock = 1000;
  const busy = busyCheck(() => (reads++, load), 2, () => clock, 1000);
  assert.equal(busy(), false);
  load = 11;
  clock += 999;
  assert.equal(busy(), false, "within the period: the last reading");
  assert.equal(reads, 1);
  clock += 2;
  assert.equal(busy(), true, "after the period: read again");
  assert.equal(reads, 2);
  load = 1;
  clock += 1001;
  assert.equal(busy(), false);
  assert.equal(reads, 3);
});
