/**
 * `diffsim runs`: the runs of a store (one row or JSON line per run: key, dataset, measure, seed,
 * iterations, initial/final score, stop reason, wall time, …), filtered by dataset, measure or seed;
 * `diffsim runs export` writes a table of the store to Parquet or CSV.
 *
 *   diffsim runs --store runs.duckdb --json
 *   diffsim runs --store runs.duckdb --measure cka --seed 0 --seed 1
 *   diffsim runs export --store runs.duckdb --format parquet --out runs.parquet
 */
import { Command, Option } from "commander";
import { RunQuery } from "../runs/result";
import { TABLES, TableName } from "../runs/schema";
import { openStore } from "../runs/store";
import { collect, nonNegativeInteger, positiveInteger } from "./options";
import { printJsonLines, printTable } from "./output";

interface RunsCliOptions {
  store?: string;
  dataset?: string[];
  measure?: string[];
  seed?: number[];
  limit?: number;
  json?: boolean;
}

const STORE_HELP = "run store (default $DIFFSIM_STORE or the user cache folder)";

/** The `runs` subcommand with `export`. */
export function runsCommand(): Command {
  const command = new Command("runs")
    .description("list the runs of a store (one JSON object per line with --json)")
    .option("--store <file>", STORE_HELP)
    .option("--dataset <id>", "only this dataset (repeatable)", collect)
    .option("--measure <id>", "only this measure (repeatable)", collect)
    .option("--seed <n>", "only this optimizer seed (repeatable)", (v: string, prev: number[] | undefined) => [...(prev ?? []), nonNegativeInteger(v)])
    .option("--limit <n>", "at most this many runs", positiveInteger)
    .option("--json", "one JSON object per run and line: key, dataset, measure, seed, iterations, initialScore, finalScore, stopReason, …")
    .addHelpText("after", "\nExamples:\n  $ diffsim runs --store runs.duckdb\n  $ diffsim runs --store runs.duckdb --json --measure cka\n  $ diffsim runs export --store runs.duckdb --format csv --out runs.csv")
    .action(async (options: RunsCliOptions) => {
      const store = await openStore(options.store, { readOnly: true });
      try {
        const query: RunQuery = { dataset: options.dataset, measure: options.measure, seed: options.seed, limit: options.limit };
        const runs = await store.list(query);
        if (options.json) return printJsonLines(runs);
        if (runs.length === 0) return console.log(`no runs in ${store.path}${options.dataset || options.measure || options.seed ? " matching the filter" : ""}`);
        printTable(runs.map((r) => ({ key: r.key.slice(0, 12), dataset: r.dataset, measure: r.measure, seed: r.seed, iterations: r.iterations, initial: r.initialScore, final: r.finalScore, stop: r.stopReason, ms: Math.round(r.wallTimeMs) })));
      } finally {
        await store.close();
      }
    });
  command
    .command("export")
    .description("write one table of the store (runs, steps, decoding, pcs, snapshots) to a Parquet or CSV file")
    .option("--store <file>", STORE_HELP)
    .addOption(new Option("--format <format>", "file format").choices(["parquet", "csv"]).makeOptionMandatory())
    .requiredOption("--out <file>", "file to write")
    .addOption(new Option("--table <table>", "table to export").choices([...TABLES]).default("runs"))
    .addHelpText("after", "\nExamples:\n  $ diffsim runs export --store runs.duckdb --format parquet --out runs.parquet\n  $ diffsim runs export --store runs.duckdb --format csv --table steps --out steps.csv")
    .action(async (options: { store?: string; format: "parquet" | "csv"; out: string; table: TableName }) => {
      const store = await openStore(options.store, { readOnly: true });
      try {
        await store.export(options.out, options.format, options.table);
        console.log(`${options.table} of ${store.path} → ${options.out}`);
      } finally {
        await store.close();
      }
    });
  return command;
}
