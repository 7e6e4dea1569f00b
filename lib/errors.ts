/**
 * The one error type of the library. Every check at a public entry point throws it with the name of
 * the offending argument and what was expected, e.g.
 *
 *   throw new InputError("Y", "the same number of rows as X (1080)", "got 1079 rows");
 *   // → InputError: Y: expected the same number of rows as X (1080); got 1079 rows
 */
export class InputError extends Error {
  constructor(
    readonly argument: string,
    readonly expected: string,
    readonly got?: string,
  ) {
    super(`${argument}: expected ${expected}${got ? `; ${got}` : ""}`);
    this.name = "InputError";
  }
}

/**
 * A numerical kernel could not finish: an eigensolver or Cholesky factorization given a non-finite
 * entry (e.g. products that overflowed), a matrix that is not positive definite, an iteration that did
 * not converge. It never reaches the user: the measure functions turn it into an InputError naming the
 * data, and optimize() treats it like a non-finite step (skipped, listed in `nonFinite`).
 *
 *   throw new NumericalError("eigh: matrix has a non-finite entry (Infinity at 0, 0)");
 */
export class NumericalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NumericalError";
  }
}

/**
 * A value as it appears in an InputError's "got …": strings quoted (so "5" and 5 differ), everything
 * else as JavaScript prints it.
 *
 *   `got ${shownValue("5")}`   // got "5"
 *   `got ${shownValue(NaN)}`   // got NaN
 */
export function shownValue(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * The options argument of a public function: {} when left out, the object itself when it is one,
 * otherwise an InputError (null, a string, an array, …).
 *
 *   const opts = optionsObject(options);   // in score(id, X, Y, options?)
 */
export function optionsObject<T extends object>(options: T | undefined, name = "options"): T {
  if (options === undefined) return {} as T;
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw new InputError(name, "an object such as { seed: 1 } (or nothing)", `got ${shownValue(options)}`);
  return options;
}
