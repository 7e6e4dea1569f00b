/**
 * Merging shard stores: the stores written by the tasks of a sharded sweep (one per task, see shardOf)
 * become one store, idempotently.
 */
import { InputError } from "../errors";
import { openStore } from "./store";

/**
 * Adds to the store at `target` (created when missing) every run of the `sources` it lacks, one source
 * at a time, each in one transaction (ATTACH + INSERT OR IGNORE per table, snapshot files copied).
 * Merging the same source twice adds nothing; a run present in several sources is added once.
 *
 *   await mergeStores("all.duckdb", ["shard-0.duckdb", "shard-1.duckdb"]);   // { added: 40, skipped: 0 }
 */
export async function mergeStores(target: string, sources: string[]): Promise<{ added: number; skipped: number }> {
  if (!Array.isArray(sources)) throw new InputError("sources", "a list of store paths", `got ${typeof sources}`);
  for (const source of sources) await (await openStore(source, { readOnly: true })).close(); // exists, is a store, schema readable
  const store = await openStore(target);
  const total = { added: 0, skipped: 0 };
  try {
    for (const source of sources) {
      const r = await store.merge(source);
      total.added += r.added;
      total.skipped += r.skipped;
    }
  } finally {
    await store.close();
  }
  return total;
}
