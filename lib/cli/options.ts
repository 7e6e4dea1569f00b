/**
 * Parsers of option values for commander (`.option("--workers <n>", "…", positiveInteger)`). A bad value
 * throws commander's InvalidArgumentError, so the message names the option and the process exits with 2:
 *
 *   diffsim sweep grid.yaml --workers two
 *   // error: option '--workers <n>' argument 'two' is invalid. expected a positive integer
 */
import { InvalidArgumentError } from "commander";

/** A positive integer, e.g. "--workers 4": positiveInteger("4") = 4; "0", "1.5", "two" throw. */
export function positiveInteger(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

/** A non-negative integer, e.g. "--seed 0": nonNegativeInteger("0") = 0; "-1" throws. */
export function nonNegativeInteger(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError("expected an integer ≥ 0");
  return n;
}

/** A finite number, e.g. "--lr 0.05": finiteNumber("1e-2") = 0.01; "", "NaN", "Infinity" throw. */
export function finiteNumber(text: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("expected a finite number");
  return n;
}

/** Collects a repeatable option into a list: `--measure cka --measure nbs` → ["cka", "nbs"]. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A shard "i/N" with 0 ≤ i < N (0-based, as Slurm array and Kubernetes completion indices): shardSpec("3/8") = { index: 3, count: 8 }. */
export function shardSpec(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new InvalidArgumentError('expected "i/N", e.g. 0/4 (shard i of N, 0-based)');
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new InvalidArgumentError(`expected 0 ≤ i < N and N ≥ 1 (got i = ${index}, N = ${count})`);
  return { index, count };
}

