/**
 * `diffsim sweep`: every run of a grid file (JSON or YAML: datasets × measures × seeds, shared optimizer
 * and record options, include/exclude), computed by a pool of worker processes into one store; runs
 * already stored are skipped, so a stopped sweep resumes. `--shard i/N` runs a deterministic slice
 * (cluster tasks); `--slurm` writes and submits a Slurm job array of the shards (./sweep-slurm.ts).
 *
 *   diffsim sweep grid.yaml --store runs.duckdb --workers 2
 *   diffsim sweep grid.yaml --shard 3/8 --store shard-3.duckdb
 *   diffsim sweep grid.yaml --slurm --store /scratch/sweep --shards 8 --submit
 */
import { Command } from "commander";
import { Progress, progress } from "../display/progress";
import { datasetLabel, objectiveLabel } from "../runs/config";
import { expandGrid, parseGridFile } from "../runs/grid";
import { runKey } from "../runs/key";
import { shardOf } from "../runs/shard";
import { defaultStorePath } from "../runs/store";
import { sweep } from "../runs/sweep";
import { UsageError } from "./exit";
import { positiveInteger, shardSpec } from "./options";
import { printJsonLines } from "./output";
import { SlurmCliOptions, slurmSweep } from "./sweep-slurm";

interface SweepCliOptions extends SlurmCliOptions {
  workers?: number;
  shard?: { index: number; count: number };
  dryRun?: boolean;
  slurm?: boolean;
}

const EXAMPLES = `
Grid file (YAML or JSON):
  datasets: [toy2d, ultrametric]
  measures: [cka, procrustes-angular-score]
  seeds: [0, 1]
  optimizer: { lr: 0.1, maxIter: 200, stopScore: 0.99 }
  record: { every: 5, decoding: true, pcs: true }

Examples:
  $ diffsim sweep grid.yaml --store runs.duckdb --workers 2
  $ diffsim sweep grid.yaml --dry-run
  $ diffsim sweep grid.yaml --shard 0/4 --store shard-0.duckdb
  $ diffsim sweep grid.yaml --slurm --store /scratch/sweep --shards 4 --time 01:00:00 --submit
  $ diffsim sweep grid.yaml --slurm --store /scratch/sweep --resubmit-missing
  $ diffsim merge --into runs.duckdb /scratch/sweep/shard-*.duckdb`;

/** The `sweep` subcommand. */
export function sweepCommand(): Command {
  return new Command("sweep")
    .description("run every config of a grid file into a store (parallel workers, resumable), a shard of it, or a Slurm job array")
    .argument("<grid>", "grid file (.yaml, .yml or .json)")
    .option("--store <file>", "run store (default $DIFFSIM_STORE or the user cache folder); with --slurm the folder of the shard stores")
    .option("-j, --workers <n>", "worker processes (default: the number of cores)", positiveInteger)
    .option("--shard <i/N>", "only shard i of N (0-based), e.g. 0/4", shardSpec)
    .option("--dry-run", "print the runs (key, dataset, measure, seed) as JSON lines instead of running them")
    .option("--slurm", "write a Slurm job-array script: task i runs --shard i/N into <store>/shard-i.duckdb")
    .option("--shards <n>", "number of shards N of the job array (default: one run per task, at most 1000)", positiveInteger)
    .option("--partition <p>", "Slurm partition")
    .option("--time <t>", "Slurm time limit per task, e.g. 01:00:00")
    .option("--mem <m>", "Slurm memory per task, e.g. 4G")
    .option("--cpus-per-task <c>", "CPUs (and sweep workers) per task (default 1)", positiveInteger)
    .option("--job-name <name>", "Slurm job name (default diffsim-sweep)")
    .option("--submit", "submit the job array with sbatch")
    .option("--resubmit-missing", "submit only the shards whose runs are not all in their store")
    .addHelpText("after", EXAMPLES)
    .action(async (gridFile: string, options: SweepCliOptions) => {
      const slurmOnly = (["shards", "partition", "time", "mem", "cpusPerTask", "jobName", "submit", "resubmitMissing"] as const).filter((k) => options[k] !== undefined);
      if (!options.slurm && slurmOnly.length > 0) throw new UsageError(`--${slurmOnly[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, "--slurm as well", "it only applies to the Slurm job array");
      if (options.slurm && (options.shard || options.workers !== undefined)) throw new UsageError(options.shard ? "--shard" : "--workers", "no --slurm (the job array sets them per task: --shards, --cpus-per-task)", "got both");
      const configs = expandGrid(parseGridFile(gridFile));
      if (options.slurm) return slurmSweep(gridFile, configs, options);
      const todo = options.shard ? shardOf(configs, options.shard.index, options.shard.count) : configs;
      if (options.dryRun) return printJsonLines(todo.map((c) => ({ key: runKey(c), dataset: datasetLabel(c.dataset), measure: objectiveLabel(c.objective), seed: c.optimizer.seed })));
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop).once("SIGTERM", stop);
      let bar: Progress | undefined;
      const label = `sweep${options.shard ? ` shard ${options.shard.index}/${options.shard.count}` : ""}`;
      const summary = await sweep(configs, {
        store: options.store ?? defaultStorePath(),
        workers: options.workers,
        shard: options.shard,
        signal: controller.signal,
        onProgress: (p) => {
          const done = p.computed + p.failed;
          const note = p.last ? `${p.last.dataset} ${p.last.measure} seed ${p.last.seed}: ${p.last.finalScore.toFixed(4)}` : "a run failed";
          if (!process.stderr.isTTY) return void process.stderr.write(`${label} ${done}/${p.total - p.skipped} · ${note}\n`); // logs: a plain line per run
          bar ??= progress(p.total - p.skipped, label);
          bar.update(done, note);
        },
      });
      process.removeListener("SIGINT", stop).removeListener("SIGTERM", stop);
      bar?.done();
      for (const f of summary.failures) process.stderr.write(`failed: ${datasetLabel(f.config.dataset)} ${objectiveLabel(f.config.objective)} seed ${f.config.optimizer.seed} (${f.key.slice(0, 12)}): ${f.message}\n`);
      console.log(`${summary.computed} runs computed, ${summary.skipped} already stored, ${summary.failed} failed (${summary.total} runs, ${summary.workers} workers, ${(summary.wallTimeMs / 1000).toFixed(1)} s)`);
      if (summary.cancelled) throw new Error("stopped before the end; run the same command again to compute the rest");
      if (summary.failed > 0) throw new Error(`${summary.failed} of ${summary.total} runs failed (listed above)`);
    });
}
