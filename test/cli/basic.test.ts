import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { listDatasets } from "../../lib/data/datasets";
import { loadOwnDataset } from "../../lib/data/own";
import { score } from "../../lib/measures/api";
import { listMeasures } from "../../lib/measures/registry";
import { Rng } from "../../lib/random";
import { CliResult, FIXTURES, diffsim, jsonLines, scratch } from "./helpers";

/** An error exit: the code, one message naming `what`, no stack trace. */
function failsWith(r: CliResult, code: number, ...what: RegExp[]) {
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`);
  for (const pattern of what) assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
}

describe("diffsim: usage, help and exit codes", () => {
  it("--help of the program and of each subcommand shows examples and exits 0", () => {
    for (const args of [["--help"], ["measures", "--help"], ["datasets", "--help"], ["datasets", "describe", "--help"], ["score", "--help"], ["optimize", "--help"], ["sweep", "--help"], ["runs", "--help"], ["runs", "export", "--help"], ["merge", "--help"]]) {
      const r = diffsim(args);
      assert.equal(r.code, 0, args.join(" "));
      assert.match(r.stdout, /Examples:\n\s+\$ diffsim /, args.join(" "));
    }
  });

  it("--version prints the package version", () => {
    const r = diffsim(["--version"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")).version);
  });

  it("no subcommand, an unknown subcommand or option, or a missing argument is bad usage (2)", () => {
    failsWith(diffsim([]), 2, /Usage: diffsim/);
    failsWith(diffsim(["measrues"]), 2, /unknown command 'measrues'/, /Did you mean measures\?/);
    failsWith(diffsim(["measures", "--familly", "cka"]), 2, /unknown option '--familly'/, /Did you mean --family\?/);
    failsWith(diffsim(["score", "a.npy", "b.npy"]), 2, /required option '-m, --measure <id>' not specified/);
    failsWith(diffsim(["score", "--measure", "cka", "a.npy"]), 2, /missing required argument 'y-file'/);
  });
});

describe("diffsim measures", () => {
  it("--json prints every measure of listMeasures() as one JSON line; --family filters", () => {
    const all = diffsim(["measures", "--json"]);
    assert.equal(all.code, 0);
    assert.deepEqual(
      jsonLines(all.stdout).map((m) => m.id),
      listMeasures().map((m) => m.id),
    );
    const cka = diffsim(["measures", "--family", "cka"]);
    assert.equal(cka.code, 0);
    const rows = cka.stdout.trim().split("\n").slice(1);
    assert.equal(rows.length, listMeasures().filter((m) => m.family === "cka").length);
    assert.ok(rows.every((row) => / cka /.test(row)));
  });

  it("an unknown family is bad usage and lists the families", () => {
    failsWith(diffsim(["measures", "--family", "ckx"]), 2, /--family: expected one of .*cka.*procrustes/, /got "ckx"/);
  });
});

describe("diffsim datasets", () => {
  it("lists every dataset (--json) and describes one", () => {
    const list = diffsim(["datasets", "--json"]);
    assert.equal(list.code, 0);
    assert.deepEqual(
      jsonLines(list.stdout).map((d) => d.id),
      listDatasets().map((d) => d.id),
    );
    const toy = diffsim(["datasets", "describe", "toy2d", "--json"]);
    assert.equal(toy.code, 0);
    assert.deepEqual(jsonLines(toy.stdout), [listDatasets().find((d) => d.id === "toy2d")]);
    const text = diffsim(["datasets", "describe", "ultrametric"]);
    assert.match(text.stdout, /^ultrametric \(toy\): .*\nshape: \[100, 50\]/);
  });

  it("an unknown id is bad usage with the nearest ids; toys have nothing to download", () => {
    failsWith(diffsim(["datasets", "describe", "toy2"]), 2, /id: expected a known dataset id; got "toy2"; did you mean "toy2d"/);
    failsWith(diffsim(["datasets", "download", "toy2d"]), 2, /a dataset with real data: Mante2013/);
  });

  it("cache: the folder and, per dataset with real data, how many of its manifest files are there", () => {
    const cache = scratch();
    mkdirSync(join(cache, "FreemanZiemba2013"));
    writeFileSync(join(cache, "FreemanZiemba2013", "assy_movshon_FreemanZiemba2013_public.nc"), "");
    const rows = jsonLines(diffsim(["datasets", "cache", "--json"], { env: { DIFFSIM_DATA_DIR: cache } }).stdout) as { id: string; "files in cache": string; folder: string }[];
    const freeman = rows.find((r) => r.id === "FreemanZiemba2013");
    assert.equal(freeman?.["files in cache"], "1/1");
    assert.equal(freeman?.folder, join(cache, "FreemanZiemba2013"));
    assert.equal(rows.find((r) => r.id === "Mante2013")?.["files in cache"], "0/1");
    const text = diffsim(["datasets", "cache", "--cache-dir", cache]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, new RegExp(`^cache folder: ${cache}\n`));
  });
});

describe("diffsim score", () => {
  const dir = scratch();
  const rng = new Rng(7);
  const model = Array.from({ length: 4 }, () => Array.from({ length: 6 }, () => Array.from({ length: 3 }, () => rng.normal())));
  const modelFile = join(dir, "model.json");
  writeFileSync(modelFile, JSON.stringify({ layer: model }));
  const neuralFile = join(FIXTURES, "recording.npz");
  const X = loadOwnDataset(neuralFile);

  it("scores two files with several measures: --json values equal the library's score()", () => {
    const r = diffsim(["score", "--measure", "cka", "-m", "procrustes-angular-score", "--json", neuralFile, modelFile]);
    assert.equal(r.code, 0, r.stderr);
    const expected = ["cka", "procrustes-angular-score"].map((measure) => ({
      measure,
      value: score(measure, { data: X.activity.data, shape: X.shape }, model),
      x: neuralFile,
      y: modelFile,
    }));
    assert.deepEqual(jsonLines(r.stdout), expected);
    assert.ok(expected.every((e) => e.value > 0 && e.value < 1), "a non-trivial score");
  });

  it("prints a table by default; reads .npy, .h5 and .csv", () => {
    const r = diffsim(["score", "-m", "cka", join(FIXTURES, "recording.h5"), join(FIXTURES, "X2d.npy")]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^measure\s+value\ncka\s+1(\.0+)?\n$/, "recording.h5 and X2d.npy hold the same numbers (CKA 1 up to rounding)");
    const csv = diffsim(["score", "-m", "cka", join(FIXTURES, "table.csv"), join(FIXTURES, "X2d.npy")]);
    assert.equal(csv.code, 0, csv.stderr);
  });

  it("an unknown measure is bad usage naming the option and the nearest ids", () => {
    failsWith(diffsim(["score", "-m", "ckaa", neuralFile, modelFile]), 2, /--measure: expected a known measure id; got "ckaa"; nearest: cka/);
  });

  it("a missing or invalid file is a failure (1) naming the file and the array", () => {
    failsWith(diffsim(["score", "-m", "cka", join(dir, "absent.npy"), modelFile]), 1, /absent\.npy:? does not exist/);
    failsWith(diffsim(["score", "-m", "cka", join(FIXTURES, "bad_nan.npy"), modelFile]), 1, /bad_nan\.npy: bad_nan: expected finite values/);
    failsWith(diffsim(["score", "-m", "cka", neuralFile, modelFile, "--y-array", "nothere"]), 1, /model\.json: expected an activity array \(named 'nothere'\)/);
  });
});
