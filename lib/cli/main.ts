/**
 * The `diffsim` command line: one subcommand per file in this folder, each a thin layer over lib/.
 * bin/diffsim.js registers tsx and calls `runCli(process.argv.slice(2))`; exit codes and error lines
 * are described in ./exit.ts (0 ok, 1 failure, 2 bad usage).
 *
 *   diffsim score --measure cka a.npy b.npy
 *   diffsim sweep grid.yaml --store runs.duckdb --workers 2
 *   diffsim runs --store runs.duckdb --json
 */
import { Command, CommanderError } from "commander";
import { version } from "../../package.json";
import { datasetsCommand } from "./datasets";
import { EXIT_OK, EXIT_USAGE, errorMessage, exitCodeOf } from "./exit";
import { measuresCommand } from "./measures";
import { mergeCommand } from "./merge";
import { optimizeCommand } from "./optimize";
import { runsCommand } from "./runs";
import { scoreCommand } from "./score";
import { sweepCommand } from "./sweep";

const EXAMPLES = `
Examples:
  $ diffsim measures --family cka
  $ diffsim score --measure cka --measure procrustes-angular-score neural.npy model.npy
  $ diffsim optimize --dataset toy2d --measure cka --seed 0 --max-iter 200
  $ diffsim sweep grid.yaml --store runs.duckdb --workers 2
  $ diffsim runs --store runs.duckdb --json

Exit codes: 0 ok, 1 failure (unreadable or invalid file, store, run), 2 bad usage (unknown command or
option, missing argument, malformed or unknown option value).`;

/**
 * Applies the shared settings to a command and every subcommand below it. Positional options: an
 * option after a subcommand belongs to it (`datasets describe x --json` is describe's --json).
 */
function configure(command: Command): void {
  command.exitOverride().enablePositionalOptions().showSuggestionAfterError(true).showHelpAfterError("(add --help for usage and examples)");
  for (const sub of command.commands) configure(sub);
}

/** The full command tree (exported for tests and documentation). */
export function buildProgram(): Command {
  const program = new Command("diffsim")
    .description("Differentiable similarity scores between models and brains: measures, datasets, optimization runs and sweeps.")
    .version(version)
    .addHelpText("after", EXAMPLES);
  for (const command of [measuresCommand(), datasetsCommand(), scoreCommand(), optimizeCommand(), sweepCommand(), runsCommand(), mergeCommand()]) program.addCommand(command);
  configure(program);
  return program;
}

function commandPath(command: Command | null): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/**
 * Parses `argv` (without node and the script), runs the subcommand and exits with its code.
 *
 *   runCli(["measures", "--json"]);
 */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  let current: Command | null = null;
  program.hook("preAction", (_, action) => {
    current = action;
  });
  let code = EXIT_OK;
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? EXIT_OK : EXIT_USAGE; // commander printed the message
    else {
      process.stderr.write(`${commandPath(current ?? program)}: ${errorMessage(error)}\n`);
      code = exitCodeOf(error);
    }
  }
  process.exit(code);
}
