import { test } from "node:test";
import assert from "node:assert/strict";
import { displayBundle, inKernel, newDisplayId } from "../../lib/display/kernel";

test("outside a tslab kernel nothing is displayed and tslab is not loaded", () => {
  assert.equal(inKernel(), false);
  assert.equal(displayBundle({ "text/plain": "hi" }), false);
  assert.equal(require.cache[require.resolve("tslab/dist/jupyter")], undefined, "zeromq and tslab stay unloaded");
});

test("inside a kernel the bundle goes to tslab's writer as one display_data, updates with display_id", () => {
  const path = require.resolve("tslab/dist/jupyter");
  const sent: Array<{ content: unknown; update: boolean }> = [];
  require.cache[path] = { exports: { lastWriteDisplayData: (content: unknown, update: boolean) => sent.push({ content, update }) } } as NodeJS.Module;
  try {
    assert.equal(inKernel(), true);
    const id = newDisplayId();
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.equal(displayBundle({ "text/html": "<b>1</b>", "text/plain": "1" }, { metadata: { a: 1 } }), true);
    displayBundle({ "text/plain": "2" }, { displayId: id, update: true });
    assert.deepEqual(sent, [
      { content: { data: { "text/html": "<b>1</b>", "text/plain": "1" }, metadata: { a: 1 }, transient: {} }, update: false },
      { content: { data: { "text/plain": "2" }, metadata: {}, transient: { display_id: id } }, update: true },
    ]);
  } finally {
    delete require.cache[path];
  }
});
