/**
 * Exit codes and error messages of the `diffsim` command line:
 *
 *   0  success
 *   1  failure while working: a file that cannot be read or is invalid (array file, grid file, store),
 *      a store that cannot be written, a run or sbatch that failed
 *   2  bad usage: unknown subcommand or option, missing or extra arguments, an option value that is
 *      malformed or unknown (measure id, dataset id, --shard, --format, numbers)
 *
 * Errors are one line on stderr, `diffsim <command>: <message>`, never a stack trace (set
 * DIFFSIM_DEBUG=1 to see one). InputError messages name the argument, file and key.
 *
 *   throw new UsageError("--measure", "a known measure id", 'got "ckaa"; nearest: cka, …');
 */
import { InputError } from "../errors";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An InputError about the command line itself (exit code 2). */
export class UsageError extends InputError {
  constructor(argument: string, expected: string, got?: string) {
    super(argument, expected, got);
    this.name = "UsageError";
  }
}

/**
 * Runs `check` and turns an InputError it throws into a UsageError (exit 2) naming the command-line
 * option: `option` itself, or the option that `option(argument)` maps the error's argument to (e.g. a
 * config key path "optimizer.lr" → "--lr"). For validating option values with the library's checks.
 *
 *   asUsage("--measure", () => getMeasure(id));
 */
export function asUsage<T>(option: string | ((argument: string) => string), check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InputError && !(error instanceof UsageError))
      throw new UsageError(typeof option === "string" ? option : option(error.argument), error.expected, error.got);
    throw error;
  }
}

/**
 * Exit code for an error thrown by a subcommand: 2 for UsageError, else 1.
 *
 *   exitCodeOf(new UsageError("--shard", "i/N"));   // 2
 */
export function exitCodeOf(error: unknown): number {
  return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}

/**
 * The one-line message for an error: `<name>: <message>` for the library's errors, the message alone
 * for system errors (ENOENT, EACCES, … already name the path), with the stack only when DIFFSIM_DEBUG is set.
 *
 *   errorMessage(new InputError("--lr", "a positive number", "got -1"));   // "InputError: --lr: expected a positive number; got -1"
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (process.env.DIFFSIM_DEBUG) return error.stack ?? error.message;
  return error.name === "Error" ? error.message : `${error.name}: ${error.message}`;
}
