import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
    fails(() => loadOwnDataset(join(dir, "gap.csv")), /gap\.csv: column 'b': expected a number in every row; row 2 is empty/);
  });

  it("impossible shapes: the shape option, a non-integer or negative .npy dimension", () => {
    for (const shape of [[-2, -2, 3], [2.5, 6, 8], [4, 6], [0, 6, 0], "4,6,5"])
      fails(() => loadOwnDataset(join(OWN, "X2d.npy"), { shape: shape as unknown as [number, number, number] }), /option shape\): expected \[T, C, N\]: three positive integers; got /);
    const dir = scratch();
    const npy = (shape: string) => {
      const header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shape}, }`.padEnd(117, " ") + "\n";
      const file = join(dir, `s${shape.replace(/\W/g, "_")}.npy`);
      writeFileSync(file, Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]), Buffer.from(header, "latin1"), Buffer.alloc(8 * 480)]));
      return file;
    };
    assert.deepEqual(loadOwnDataset(npy("(10, 6, 8)")).shape, [10, 6, 8]);
    fails(() => loadOwnDataset(npy("(2.5, 6, 8)")), /expected a \.npy header whose shape holds non-negative integers; got shape \(2\.5, 6, 8\)/);
    fails(() => loadOwnDataset(npy("(-2, 6, 8)")), /non-negative integers; got shape \(-2, 6, 8\)/);
  });

  it("bad arguments: no path, null options, a folder named x.npy", () => {
    fails(() => loadOwnDataset(undefined as unknown as string), /^path: expected the path of a data file; got undefined$/);
    fails(() => loadOwnDataset(join(OWN, "recording.npz"), null as unknown as object), /^options: expected an options object \(or nothing\); got null$/);
    const dir = scratch();
    mkdirSync(join(dir, "x.npy"));
    fails(() => loadOwnDataset(join(dir, "x.npy")), /x\.npy is a folder/);
    mkdirSync(join(dir, "t.csv"));
    fails(() => loadOwnDataset(join(dir, "t.csv")), /t\.csv is a folder/);
  });
});

describe("loadOwnDataset: CSV cells that are not finite numbers", () => {
  const fails = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e: unknown) => e instanceof InputError && pattern.test(e.message));
  const csv = (text: string) => {
    const file = join(scratch(), "cells.csv");
    writeFileSync(file, text);
    return file;
  };

  it("NaN, nan, Infinity, -inf and 1e999 in a neuron column: an InputError naming file, row and column, never a label", () => {
    for (const cell of ["NaN", "nan", "Infinity", "-inf", "1e999", "-1E999", "+Inf"]) {
      const file = csv(`n1,n2,stimulus\n1,2,a\n3,${cell},b\n5,6,a\n`);
      fails(() => loadOwnDataset(file), new RegExp(`cells\\.csv: column 'n2': expected finite numbers \\(no NaN or Inf\\); row 3 is "${cell.replace("+", "\\+")}"`));
    }
  });

  it("a numeric column with a text cell is refused; text-only columns are labels, named columns are labels", () => {
    fails(() => loadOwnDataset(csv("n1,n2\n1,2\n3,oops\n")), /column 'n2': expected numbers in every row \(a feature\) or text in every row.*row 2 is "2" but row 3 is "oops"/);
    const data = loadOwnDataset(csv("n1,n2,stimulus,trial\n1,2,a,0\n3,4,b,1\n5,6,a,0\n"), { labelColumns: ["trial"] });
    assert.deepEqual(data.shape, [3, 2]);
    assert.deepEqual(Array.from(data.activity.data), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(Object.keys(data.labels).sort(), ["stimulus", "trial"]);
    assert.deepEqual(data.labels.stimulus.classNames, ["a", "b"]);
    assert.deepEqual(data.labels.trial.values, [0, 1, 0]);
  });

  it("blank and non-finite label cells are refused", () => {
    fails(() => loadOwnDataset(csv("n1,stimulus\n1,a\n2,\n3,b\n")), /column 'stimulus': expected a label in every row; row 3 is empty/);
    fails(() => loadOwnDataset(csv("n1,trial\n1,0\n2,nan\n3,1\n"), { labelColumns: ["trial"] }), /trial: expected finite numbers or strings; entry 1 is NaN/);
    fails(() => loadOwnDataset(csv("n1,n2\n1,2\n3,4\n"), { labelColumns: "n2" as unknown as string[] }), /^labelColumns: expected a list of column names; got "n2"$/);
  });
});
