/**
 * `diffsim merge`: combines shard stores (e.g. of a Slurm job array) into one store. Idempotent: a run
 * already in the target is skipped, so merging again, or merging overlapping shards, adds nothing twice.
 *
 *   diffsim merge --into runs.duckdb sweep/shard-*.duckdb
 */
import { Command } from "commander";
import { mergeStores } from "../runs/merge";

/** The `merge` subcommand. */
export function mergeCommand(): Command {
  return new Command("merge")
    .description("merge shard stores into one store (runs already there are skipped)")
    .argument("<shards...>", "store files to read")
    .requiredOption("--into <file>", "target store (created when missing)")
    .addHelpText("after", "\nExamples:\n  $ diffsim merge --into runs.duckdb sweep/shard-0.duckdb sweep/shard-1.duckdb\n  $ diffsim merge --into runs.duckdb sweep/shard-*.duckdb")
    .action(async (shards: string[], options: { into: string }) => {
      const { added, skipped } = await mergeStores(options.into, shards);
      console.log(`${options.into}: ${added} runs added, ${skipped} already there (from ${shards.length} stores)`);
    });
}
