/**
 * Asserts that `f` throws an InputError about `argument` (its exact name, or a pattern), and that its
 * message matches `message` when given.
 *
 *   throwsAt(() => normalizeConfig({ ... }), "optimizer.lr", /positive/);
 */
import assert from "node:assert/strict";
import { InputError } from "../../lib/errors";

export function throwsAt(f: () => unknown, argument: string | RegExp, message?: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof InputError, `InputError expected, got ${e}`);
    if (typeof argument === "string") assert.equal(e.argument, argument);
    else assert.match(e.argument, argument);
    if (message) assert.match(e.message, message);
    return true;
  });
}
