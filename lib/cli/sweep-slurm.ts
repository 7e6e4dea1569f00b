/**
 * The Slurm path of `diffsim sweep --slurm`: writes the job-array script of a grid (lib/runs/slurm.ts)
 * into the store folder, submits it with sbatch, or resubmits only the shards whose runs are not all
 * stored yet (each shard store's keys against the keys of the shard's configs).
 *
 *   diffsim sweep grid.yaml --slurm --store /scratch/sweep --shards 8 --time 01:00:00 --submit
 *   diffsim sweep grid.yaml --slurm --store /scratch/sweep --resubmit-missing
 *   diffsim merge --into runs.duckdb /scratch/sweep/shard-*.duckdb
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import type { NormalizedRunConfig } from "../runs/config";
import { runKey } from "../runs/key";
import { MAX_ARRAY_TASKS, SLURM_SCRIPT_NAME, SlurmResources, arraySpec, missingShards, parseSbatchJobId, shardStorePath, slurmScript } from "../runs/slurm";
import { RunStore, openStore } from "../runs/store";
import { shardOf } from "../runs/shard";
import { UsageError } from "./exit";

/** Options of the Slurm path. */
export interface SlurmCliOptions extends SlurmResources {
  /** The store folder (required). */
  store?: string;
  shards?: number;
  jobName?: string;
  submit?: boolean;
  resubmitMissing?: boolean;
}

/** What --slurm remembers in the store folder, so that --resubmit-missing uses the same number of shards. */
interface SlurmManifest {
  grid: string;
  shards: number;
}

const MANIFEST_NAME = "sweep.json";

/** The bin/diffsim.js of this checkout, with this node: the job runs exactly this code. */
function launcher(): string[] {
  return [process.execPath, resolve(__dirname, "..", "..", "bin", "diffsim.js")];
}

function readManifest(dir: string): SlurmManifest | undefined {
  const file = join(dir, MANIFEST_NAME);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as SlurmManifest) : undefined;
}

/** The number of shards: --shards, else the one of an earlier --slurm in this folder, else one run per task (≤ 1000). */
function shardCount(o: SlurmCliOptions, runs: number, manifest: SlurmManifest | undefined): number {
  if (o.shards !== undefined && manifest && o.resubmitMissing && o.shards !== manifest.shards)
    throw new UsageError("--shards", `the ${manifest.shards} shards the job script in ${o.store} was written for`, `got ${o.shards}`);
  const shards = o.shards ?? manifest?.shards ?? Math.min(runs, MAX_ARRAY_TASKS);
  if (shards > runs) throw new UsageError("--shards", `at most the number of runs of the grid (${runs})`, `got ${shards}`);
  if (shards > MAX_ARRAY_TASKS) throw new UsageError("--shards", `at most ${MAX_ARRAY_TASKS} (Slurm's default MaxArraySize)`, `got ${shards}`);
  return shards;
}

/** Runs sbatch with `args`; the job id. */
function sbatch(args: string[]): string {
  const r = spawnSync("sbatch", ["--parsable", ...args], { encoding: "utf8" });
  if (r.error) throw new Error(`sbatch: cannot run it (${(r.error as NodeJS.ErrnoException).code}); run this on a Slurm login node`);
  if (r.status !== 0) throw new Error(`sbatch ${args.join(" ")} failed: ${r.stderr.trim()}`);
  return parseSbatchJobId(r.stdout);
}

/** The shards (0-based) that have runs not yet in their store. */
async function missing(configs: NormalizedRunConfig[], dir: string, shards: number): Promise<number[]> {
  const expected: string[][] = [];
  const stored: (Set<string> | undefined)[] = [];
  for (let i = 0; i < shards; i++) {
    expected.push(shardOf(configs, i, shards).map(runKey));
    const file = shardStorePath(dir, i);
    if (!existsSync(file)) {
      stored.push(undefined);
      continue;
    }
    let store: RunStore;
    try {
      store = await openStore(file, { readOnly: true });
    } catch (error) {
      throw new Error(`shard ${i}: ${(error as Error).message} (is its task still running? see squeue)`);
    }
    try {
      stored.push(await store.keys());
    } finally {
      await store.close();
    }
  }
  return missingShards(expected, stored);
}

/**
 * `sweep --slurm`: writes `<store>/sweep.sbatch` (and sweep.json), then submits all shards (--submit)
 * or the missing ones (--resubmit-missing); prints what it did and the merge command.
 */
export async function slurmSweep(gridFile: string, configs: NormalizedRunConfig[], o: SlurmCliOptions): Promise<void> {
  if (!o.store) throw new UsageError("--store", "the folder of the shard stores, the job script and the logs (with --slurm)", "missing");
  const dir = resolve(o.store);
  const grid = resolve(gridFile);
  const manifest = readManifest(dir);
  const shards = shardCount(o, configs.length, manifest);
  mkdirSync(join(dir, "logs"), { recursive: true });
  const script = join(dir, SLURM_SCRIPT_NAME);
  const resources: SlurmResources = { partition: o.partition, time: o.time, mem: o.mem, cpusPerTask: o.cpusPerTask };
  writeFileSync(script, slurmScript({ grid, storeDir: dir, shards, launcher: launcher(), jobName: o.jobName, resources }), { mode: 0o755 });
  writeFileSync(join(dir, MANIFEST_NAME), `${JSON.stringify({ grid, shards } satisfies SlurmManifest, null, 2)}\n`);
  console.log(`wrote ${script}: ${configs.length} runs in ${shards} shards`);
  if (o.resubmitMissing) {
    const todo = await missing(configs, dir, shards);
    if (todo.length === 0) console.log(`all ${shards} shards are complete`);
    else {
      const spec = arraySpec(todo);
      console.log(`missing shards: ${spec}`);
      console.log(`submitted job ${sbatch([`--array=${spec}`, script])} (array ${spec})`);
    }
  } else if (o.submit) console.log(`submitted job ${sbatch([script])} (array 0-${shards - 1})`);
  else console.log(`submit with: sbatch ${script}`);
  console.log(`when it is done: diffsim merge --into runs.duckdb ${join(dir, "shard-*.duckdb")}`);
}
