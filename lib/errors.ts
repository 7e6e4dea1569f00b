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
 * A received value as error messages show it: strings quoted (so "5" and 5 differ), numbers, booleans,
 * null and undefined as is, short arrays element by element, anything else by its kind.
 *
 *   received("5");          // '"5"'
 *   received(NaN);          // "NaN"
 *   received([2.5, 2]);     // "[2.5, 2]"
 *   received({ a: 1 });     // "an object"
 *   new InputError("maxIter", "an integer ≥ 0", `got ${received("5")}`);   // maxIter: expected an integer ≥ 0; got "5"
 */
export function received(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || ["number", "boolean", "bigint", "undefined"].includes(typeof value)) return String(value);
  if (Array.isArray(value)) return value.length <= 8 ? `[${value.map(received).join(", ")}]` : `an array of length ${value.length}`;
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  return "an object";
}

/**
 * The options argument of a public function: `{}` when undefined, the object itself when it is one,
 * otherwise an InputError naming `name` (so `null` or a number is refused with a clear message).
 *
 *   const opts = optionsObject<ScoreOptions>(options, "options");
 */
export function optionsObject<T extends object>(value: T | null | undefined, name = "options"): T {
  if (value === undefined) return {} as T;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InputError(name, "an options object (or nothing)", `got ${received(value)}`);
  return value;
}
