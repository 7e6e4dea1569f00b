import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../lib";
import { dataCaption, figureTitle } from "../../lib/figures/caption";

test("dataCaption names every dataset with its source and seed, grouping equal ones", () => {
  assert.equal(dataCaption([{ id: "toy2d", source: "toy" }], "Adam lr 0.1"), "data: toy2d (toy); Adam lr 0.1");
  assert.equal(
    dataCaption([{ id: "A", source: "surrogate", seed: 0 }, { id: "B", source: "surrogate", seed: 0 }, { id: "C", source: "real" }]),
    "data: A, B (surrogate, seed 0); C (real)",
  );
  assert.throws(() => dataCaption([]), InputError);
  assert.throws(() => dataCaption([{ id: "A", source: "" }]), InputError);
});

test("figureTitle puts the caption in plotly's subtitle and refuses empty parts", () => {
  assert.deepEqual(figureTitle("T", "data: x (toy)"), { text: "T", subtitle: { text: "data: x (toy)" } });
  const long = figureTitle("T", "data: A, B, C (surrogate, seed 0); lines: theory; dots: simulation", 30).subtitle.text;
  assert.equal(long, "data: A, B, C (surrogate,<br>seed 0); lines: theory;<br>dots: simulation");
  assert.throws(() => figureTitle("", "c"), /title/);
  assert.throws(() => figureTitle("T", " "), /caption/);
});
