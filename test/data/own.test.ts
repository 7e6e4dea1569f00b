import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { loadOwnDataset } from "../../lib/data/own";
import type { Dataset } from "../../lib/data/types";

const OWN = join(__dirname, "..", "..", "data", "fixtures", "own");
const want = JSON.parse(readFileSync(join(__dirname, "..", "..", "data", "fixtures", "expected.json"), "utf8")).own;
const X = (want.X as number[][][]).flat(2);
const scratch = () => mkdtempSync(join(tmpdir(), "diffsim-own-"));

function checkRecording(data: Dataset, labels = ["context", "stimulus"]) {
  assert.deepEqual(data.shape, [4, 6, 5]);
  assert.deepEqual(Array.from(data.activity.data), X);
  assert.equal(data.meta.source, "user");
  assert.equal(data.meta.isSurrogate, false);
  assert.deepEqual(Object.keys(data.labels).sort(), [...labels].sort());
  if (labels.includes("context")) {
    assert.deepEqual(data.labels.context.values, want.context);
    assert.deepEqual(data.labels.context.classes, [-1, 1]);
  }
  if (labels.includes("stimulus")) {
    // strings become indices in sorted order, names kept
    assert.deepEqual(data.labels.stimulus.classNames, ["a", "b", "c"]);
    assert.deepEqual(data.labels.stimulus.values, [1, 0, 2, 0, 1, 2]);
  }
}

describe("loadOwnDataset: formats", () => {
  it("reads .npz with its 1-D label arrays (time is not a label)", () => {
    const data = loadOwnDataset(join(OWN, "recording.npz"));
    checkRecording(data);
    assert.equal(data.id, "recording");
    assert.deepEqual(data.toArray(), want.X);
  });

  it("reads .h5, .json (labels under 'labels') and a compressed float32 .npz named 'activity'", () => {
    checkRecording(loadOwnDataset(join(OWN, "recording.h5")));
    checkRecording(loadOwnDataset(join(OWN, "recording.json"), { id: "mine" }));
    const f32 = loadOwnDataset(join(OWN, "compressed.npz"));
    assert.deepEqual(f32.shape, [4, 6, 5]);
    f32.activity.data.forEach((v, i) => assert.equal(v, Math.fround(X[i])));
  });

  it("reads a CSV table: numeric columns are features, label columns given or non-numeric; shape option for 3-D", () => {
    const data = loadOwnDataset(join(OWN, "table.csv"), { labelColumns: ["context"], shape: [4, 6, 5] });
    checkRecording(data);
    const flat = loadOwnDataset(join(OWN, "table.csv"), { labelColumns: ["context"] });
    assert.deepEqual(flat.shape, [24, 5]);
    assert.equal(flat.labels.context.values.length, 24);
  });

  it("reads a 2-D Fortran-order .npy with labels passed in or read from a CSV", () => {
    const given = loadOwnDataset(join(OWN, "X2d.npy"), { labels: { half: Array.from({ length: 24 }, (_, i) => (i < 12 ? 0 : 1)) } });
    assert.deepEqual(given.shape, [24, 5]);
    assert.deepEqual(Array.from(given.activity.data), X);
    const reshaped = loadOwnDataset(join(OWN, "X2d.npy"), { shape: [4, 6, 5], labelsPath: join(OWN, "labels.csv") });
    checkRecording(reshaped);
  });

  it("picks labels by name", () => {
    checkRecording(loadOwnDataset(join(OWN, "recording.npz"), { labels: ["context"] }), ["context"]);
  });
});

describe("loadOwnDataset: validation names the file and the field", () => {
  const fails = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e: unknown) => e instanceof InputError && pattern.test(e.message));

  it("NaN in the activity", () => {
    fails(() => loadOwnDataset(join(OWN, "bad_nan.npy")), /bad_nan\.npy: bad_nan: expected finite values.*entry \[2,3,1\] is NaN/);
  });

  it("label counts that do not match the conditions", () => {
    fails(() => loadOwnDataset(join(OWN, "bad_labels.npz")), /bad_labels\.npz: context: expected 6 values.*got 3/);
    fails(() => loadOwnDataset(join(OWN, "recording.npz"), { labels: { context: [1, 2] } }), /labels\.context: expected 6 values/);
    fails(() => loadOwnDataset(join(OWN, "recording.npz"), { labels: ["nope"] }), /an array or column named 'nope'/);
  });

  it("NaN and mixed labels, and CSV labels that change over time", () => {
    fails(() => loadOwnDataset(join(OWN, "recording.npz"), { labels: { c: [1, NaN, 1, 1, 1, 1] } }), /labels\.c: expected finite numbers or strings; entry 1/);
    fails(() => loadOwnDataset(join(OWN, "recording.npz"), { labels: { c: [1, "a", 1, 1, 1, 1] as unknown as string[] } }), /all numbers or all strings/);
    const dir = scratch();
    writeFileSync(join(dir, "t.csv"), "n0,stim\n1,a\n2,b\n3,b\n4,b\n");
    fails(() => loadOwnDataset(join(dir, "t.csv"), { shape: [2, 2, 1] }), /t\.csv: stim: expected the same label for condition 0 at every time step/);
  });

  it("wrong shapes, ragged JSON, pickles, missing files and unknown types", () => {
    fails(() => loadOwnDataset(join(OWN, "recording.npz"), { shape: [4, 5, 6] }), /option shape/);
    fails(() => loadOwnDataset(join(OWN, "bad_ragged.json")), /rectangular/);
    fails(() => loadOwnDataset(join(OWN, "bad_object.npy")), /object array/);
    fails(() => loadOwnDataset(join(OWN, "missing.npz")), /does not exist/);
    fails(() => loadOwnDataset(join(OWN, "missing.csv")), /does not exist/);
    const dir = scratch();
    writeFileSync(join(dir, "x.xlsx"), "");
    fails(() => loadOwnDataset(join(dir, "x.xlsx")), /a file ending in .*\.json, \.csv/);
    writeFileSync(join(dir, "one.json"), JSON.stringify({ X: [1, 2, 3] }));
    fails(() => loadOwnDataset(join(dir, "one.json"), { activity: "X" }), /one\.json: X: expected a 2-D .* or 3-D/);
    writeFileSync(join(dir, "strings.csv"), "a,b\nx,y\n");
    fails(() => loadOwnDataset(join(dir, "strings.csv")), /numeric feature column/);
    writeFileSync(join(dir, "gap.csv"), "a,b\n1,\n2,3\n");
    fails(() => loadOwnDataset(join(dir, "gap.csv")), /gap\.csv: feature columns: expected finite values.*entry \[0,1\] is NaN/);
  });
});
