import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { InputError } from "../../lib";
import { expandGrid, mergeStores, shardOf, sweep } from "../../lib/runs";
import { storeRows } from "../support/store_rows";

const dir = mkdtempSync(join(tmpdir(), "diffsim-merge-"));
const configs = expandGrid({ datasets: ["toy2d"], measures: ["cka", "procrustes-angular-score"], seeds: [0, 1, 2], optimizer: { maxIter: 20 }, record: { every: 5, decoding: true, pcs: true, snapshots: true } });

test("shardOf: disjoint deterministic slices that together hold every config", () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  const shards = [0, 1, 2].map((i) => shardOf(items, i, 3));
  assert.deepEqual(shards, [[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
  assert.deepEqual(shardOf(items, 0, 1), items);
  assert.throws(() => shardOf(items, 3, 3), InputError);
  assert.throws(() => shardOf(items, 0, 0), InputError);
  assert.throws(() => shardOf(items, -1, 2), InputError);
});

test("shard stores merged = one store of the whole grid, row for row; merging again adds nothing", async () => {
  const shards = [0, 1, 2].map((i) => join(dir, `shard-${i}.duckdb`));
  for (const [i, file] of shards.entries()) {
    const s = await sweep(configs, { store: file, workers: 1, shard: { index: i, count: 3 } });
    assert.equal(s.computed, 2);
  }
  const whole = join(dir, "whole.duckdb");
  assert.equal((await sweep(configs, { store: whole, workers: 2 })).computed, 6);
  const merged = join(dir, "merged.duckdb");
  assert.deepEqual(await mergeStores(merged, shards), { added: 6, skipped: 0 });
  const expected = await storeRows(whole);
  assert.deepEqual(await storeRows(merged), expected);
  assert.deepEqual(await mergeStores(merged, [...shards, whole]), { added: 0, skipped: 12 });
  assert.deepEqual(await storeRows(merged), expected);
  await assert.rejects(mergeStores(merged, [join(dir, "absent.duckdb")]), /absent\.duckdb/);
});
