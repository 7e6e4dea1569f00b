/**
 * Deterministic slices of a list of runs, for spreading a grid over independent jobs (Slurm array
 * tasks, Kubernetes indexed jobs), each writing its own store; mergeStores combines them.
 */
import { InputError } from "../errors";

/**
 * Shard `index` of `count`: the configs at positions index, index + count, index + 2·count, … (round
 * robin, so each shard gets a similar mix of datasets and measures). The shards are disjoint and
 * together hold every config; the same list gives the same shards on every machine.
 *
 *   shardOf(expandGrid(grid), 0, 4);   // positions 0, 4, 8, …
 */
export function shardOf<T>(configs: readonly T[], index: number, count: number): T[] {
  if (!Number.isInteger(count) || count < 1) throw new InputError("shard count", "an integer ≥ 1", `got ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new InputError("shard index", `an integer in 0 … ${count - 1}`, `got ${index}`);
  return configs.filter((_, i) => i % count === index);
}
