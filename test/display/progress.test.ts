import { test } from "node:test";
import assert from "node:assert/strict";
import { progress, trackProgress } from "../../lib/display/progress";
import { InputError } from "../../lib/errors";

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream };
}

test("off a terminal (logs, CI): one line when the loop finishes, nothing per step", () => {
  const { writes, stream } = fakeStream(false);
  const bar = progress(1000, "steps", { stream });
  for (let i = 0; i < 1000; i++) bar.tick();
  assert.equal(writes.length, 0);
  bar.done("cka 0.93");
  bar.done();
  assert.equal(writes.length, 1, "done is idempotent");
  assert.match(writes[0], /^steps 1000\/1000 \(100%\) \d+\.\d s · cka 0\.93\n$/);
});

test("on a terminal: a bar redrawn in place, throttled, ending with a newline; done() shows the count reached", () => {
  const { writes, stream } = fakeStream(true);
  const bar = progress(4, "seeds", { stream, intervalMs: 0 });
  bar.tick();
  bar.update(3, "note");
  bar.tick();
  bar.done();
  assert.equal(writes.length, 5, "initial draw, three updates, final");
  assert.ok(writes.every((w) => w.startsWith("\r[")));
  assert.match(writes[2], /^\r\[#{18}-{6}\] seeds 3\/4 \(75%\) .* · note/);
  assert.ok(writes[4].endsWith("\n") && writes[4].includes("[########################] seeds 4/4 (100%)"));
  const { writes: few, stream: slow } = fakeStream(true);
  const throttled = progress(10_000, "", { stream: slow, intervalMs: 60_000 });
  for (let i = 0; i < 10_000; i++) throttled.tick();
  assert.equal(few.length, 1, "a long interval suppresses the per-step redraws");
});

test("trackProgress yields every item once and finishes the display, also when the loop breaks", () => {
  const { writes, stream } = fakeStream(false);
  assert.deepEqual([...trackProgress(["a", "b", "c"], "items", { stream })], ["a", "b", "c"]);
  assert.match(writes[0], /^items 3\/3 \(100%\)/);
  const { writes: early, stream: s2 } = fakeStream(false);
  for (const x of trackProgress([1, 2, 3], "partial", { stream: s2 })) if (x === 2) break;
  assert.match(early[0], /^partial 1\/3 \(33%\)/);
});

test("bad counts throw InputError naming the argument", () => {
  assert.throws(() => progress(-1), (e: unknown) => e instanceof InputError && e.argument === "total");
  assert.throws(() => progress(2.5), (e: unknown) => e instanceof InputError && e.argument === "total");
  const { stream } = fakeStream(false);
  assert.throws(() => progress(3, "", { stream }).update(NaN), (e: unknown) => e instanceof InputError && e.argument === "done");
});
