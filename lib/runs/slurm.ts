/**
 * Slurm job arrays for sweeps: the job script, the `--array` spec of the shards to (re)submit, and the
 * parsing of `sbatch --parsable`. Pure functions; the command line (lib/cli/sweep.ts) runs sbatch.
 *
 * The shard contract (the same for Kubernetes Indexed Jobs, docs/cluster.md): task i of N (0 ≤ i < N)
 * runs `diffsim sweep GRID --shard i/N --store DIR/shard-i.duckdb`; N is written into the script because
 * SLURM_ARRAY_TASK_COUNT counts the submitted indices (2 for `--array=1,3`), not the shards.
 *
 *   const script = slurmScript({ grid: "/abs/grid.yaml", storeDir: "/abs/out", shards: 4,
 *                                launcher: [process.execPath, "/abs/repo/bin/diffsim.js"] });
 *   arraySpec([0, 1, 2, 5]);   // "0-2,5"
 */
import { isAbsolute, join } from "path";
import { InputError } from "../errors";

/** Resources of every array task (each maps to an #SBATCH line; absent ones are left to the cluster's defaults). */
export interface SlurmResources {
  partition?: string;
  /** Wall-time limit in a format sbatch accepts, e.g. "30", "02:00:00", "1-00:00:00". */
  time?: string;
  /** Memory per node, e.g. "4G". */
  mem?: string;
  /** CPUs per task; the sweep in each task uses that many worker processes. Default 1. */
  cpusPerTask?: number;
}

/** What the job script runs. All paths absolute (the script runs on other nodes, in another folder). */
export interface SlurmSweep {
  /** The grid file. */
  grid: string;
  /** Folder of the shard stores (shard-i.duckdb), the script and the logs. */
  storeDir: string;
  /** Number of shards N (array indices 0 … N−1). */
  shards: number;
  /** The command that starts diffsim, e.g. [node binary, repo/bin/diffsim.js]. */
  launcher: string[];
  /** Job name (default "diffsim-sweep"). */
  jobName?: string;
  resources?: SlurmResources;
}

/** Largest array index most Slurm installations accept (MaxArraySize defaults to 1001). */
export const MAX_ARRAY_TASKS = 1000;

/**
 * The store file of shard `index` inside `storeDir`: `<storeDir>/shard-<index>.duckdb`.
 *
 *   shardStorePath("/scratch/sweep", 3);   // "/scratch/sweep/shard-3.duckdb"
 */
export function shardStorePath(storeDir: string, index: number): string {
  return join(storeDir, `shard-${index}.duckdb`);
}

/** The job script's file name inside the store folder. */
export const SLURM_SCRIPT_NAME = "sweep.sbatch";

/**
 * A word for bash: single-quoted unless it consists only of safe characters.
 *
 *   shellQuote("/data/grid.yaml");   // /data/grid.yaml
 *   shellQuote("my grid's.yaml");   // 'my grid'\''s.yaml'
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function checkSweep(s: SlurmSweep): void {
  for (const [name, path] of [["grid", s.grid], ["storeDir", s.storeDir]] as const)
    if (!isAbsolute(path)) throw new InputError(name, "an absolute path (the job runs in another folder)", `got ${path}`);
  if (!Number.isInteger(s.shards) || s.shards < 1 || s.shards > MAX_ARRAY_TASKS)
    throw new InputError("shards", `an integer from 1 to ${MAX_ARRAY_TASKS}`, `got ${s.shards}`);
  if (s.launcher.length === 0 || !s.launcher.every(isAbsolute)) throw new InputError("launcher", "absolute paths of node and bin/diffsim.js", `got ${s.launcher.join(" ")}`);
  const cpus = s.resources?.cpusPerTask;
  if (cpus !== undefined && (!Number.isInteger(cpus) || cpus < 1)) throw new InputError("cpusPerTask", "a positive integer", `got ${cpus}`);
  for (const [name, value] of Object.entries(s.resources ?? {}))
    if (typeof value === "string" && !/^[A-Za-z0-9_:.,+-]+$/.test(value)) throw new InputError(name, "a Slurm value without spaces or quotes", `got ${JSON.stringify(value)}`);
}

/**
 * The job-array script (bash, #SBATCH directives): `--array=0-(N−1)`, one log file per task under
 * `<storeDir>/logs/`, and for task i: `<launcher> sweep <grid> --shard i/N --store <storeDir>/shard-i.duckdb
 * --workers <cpusPerTask>`. Resubmitting some indices overrides the directive: `sbatch --array=1,3 script`.
 *
 *   writeFileSync(join(dir, SLURM_SCRIPT_NAME), slurmScript({ grid, storeDir: dir, shards: 8, launcher,
 *     resources: { partition: "cpu", time: "01:00:00", mem: "4G", cpusPerTask: 2 } }));
 */
export function slurmScript(s: SlurmSweep): string {
  checkSweep(s);
  const r = s.resources ?? {};
  const cpus = r.cpusPerTask ?? 1;
  const directives = [
    `--job-name=${shellQuote(s.jobName ?? "diffsim-sweep")}`,
    `--array=0-${s.shards - 1}`,
    `--output=${shellQuote(join(s.storeDir, "logs", "shard-%a.out"))}`,
    `--cpus-per-task=${cpus}`,
    ...(r.partition ? [`--partition=${r.partition}`] : []),
    ...(r.time ? [`--time=${r.time}`] : []),
    ...(r.mem ? [`--mem=${r.mem}`] : []),
  ];
  const store = `${shellQuote(join(s.storeDir, "shard-"))}"$i".duckdb`;
  return [
    "#!/bin/bash",
    `# diffsim sweep of ${s.grid} as a Slurm job array of ${s.shards} shards (written by \`diffsim sweep --slurm\`).`,
    `# Task i runs shard i/${s.shards} into ${join(s.storeDir, "shard-i.duckdb")}; afterwards:`,
    `#   diffsim merge --into merged.duckdb ${join(s.storeDir, "shard-*.duckdb")}`,
    ...directives.map((d) => `#SBATCH ${d}`),
    "set -euo pipefail",
    'i="${SLURM_ARRAY_TASK_ID:?submit this script with sbatch (a job array)}"',
    `exec ${s.launcher.map(shellQuote).join(" ")} sweep ${shellQuote(s.grid)} --shard "$i/${s.shards}" --store ${store} --workers ${cpus}`,
    "",
  ].join("\n");
}

/**
 * Array indices as an sbatch `--array` spec, consecutive runs collapsed: [0, 1, 2, 5, 7, 8] → "0-2,5,7-8".
 *
 *   spawnSync("sbatch", ["--parsable", `--array=${arraySpec(missing)}`, script]);
 */
export function arraySpec(indices: readonly number[]): string {
  if (indices.length === 0) throw new InputError("indices", "at least one array index", "got none");
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  if (!sorted.every((i) => Number.isInteger(i) && i >= 0)) throw new InputError("indices", "non-negative integers", `got ${indices.join(",")}`);
  const parts: string[] = [];
  let start = sorted[0];
  for (let k = 1; k <= sorted.length; k++) {
    if (k < sorted.length && sorted[k] === sorted[k - 1] + 1) continue;
    const end = sorted[k - 1];
    parts.push(end === start ? `${start}` : `${start}-${end}`);
    start = sorted[k];
  }
  return parts.join(",");
}

/**
 * The shards that still have runs to do: shard i is missing when one of `expected[i]` (its run keys)
 * is not in `stored[i]` (the keys in its store, undefined when the store file does not exist).
 *
 *   missingShards([["a", "b"], ["c"]], [new Set(["a", "b"]), undefined]);   // [1]
 */
export function missingShards(expected: readonly (readonly string[])[], stored: readonly (ReadonlySet<string> | undefined)[]): number[] {
  if (stored.length !== expected.length) throw new InputError("stored", `one key set per shard (${expected.length})`, `got ${stored.length}`);
  return expected.flatMap((keys, i) => (keys.every((k) => stored[i]?.has(k)) ? [] : [i]));
}

/**
 * The job id printed by `sbatch --parsable` ("1234" or "1234;cluster").
 *
 *   parseSbatchJobId("1234;hpc\n");   // "1234"
 */
export function parseSbatchJobId(output: string): string {
  const id = output.trim().split(";")[0];
  if (!/^\d+$/.test(id)) throw new InputError("sbatch output", "a job id (sbatch --parsable)", `got ${JSON.stringify(output.trim())}`);
  return id;
}
