import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { spawnSync } from "node:child_process";
import { InputError } from "../../lib/errors";
import { loadDataset } from "../../lib/data/datasets";
import { readMat5 } from "../../lib/data/formats/mat5";
import { withZipArchive } from "../../lib/data/formats/zip";
import { binarizeAtMedian } from "../../lib/data/dataset";
import {
  DATA_DIR_VARIABLE,
  DownloadError,
  DownloadProgress,
  ManifestDataset,
  ManifestFile,
  componentsForVariance,
  convolveSame,
  downloadDataset,
  downloadFile,
  downloadFiles,
  gaussianTaps,
  histogram,
  listRealDatasets,
  loadRealFromCache,
  manifestEntry,
  processManteUnit,
  progressBar,
  resolveCacheDir,
} from "../../lib/data/real";
import type { Dataset } from "../../lib/data/types";

const FIXTURES = join(__dirname, "..", "..", "data", "fixtures");
const CACHE = join(FIXTURES, "cache");
const expected = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8"));
const scratch = () => mkdtempSync(join(tmpdir(), "diffsim-real-"));

/** Largest |a − b| between the dataset's flattened activity and a nested expected array. */
function maxDifference(data: Dataset, nested: unknown): number {
  const flat = (nested as number[][]).flat(2) as number[];
  assert.equal(flat.length, data.activity.data.length);
  return flat.reduce((m, v, i) => Math.max(m, Math.abs(v - data.activity.data[i])), 0);
}

function checkAgainstExpected(data: Dataset | null, id: string, tolerance = 1e-12): Dataset {
  assert.ok(data, `${id} loads from the fixture cache`);
  const want = expected[id];
  assert.deepEqual(data.shape, want.shape);
  assert.ok(maxDifference(data, want.X) <= tolerance, `${id} activity matches numpy within ${tolerance}`);
  for (const [name, values] of Object.entries(want.labels)) assert.deepEqual(data.labels[name].values, values, `${id} label ${name}`);
  assert.equal(data.meta.source, "real");
  assert.equal(data.meta.isSurrogate, false);
  return data;
}

describe("Mante 2013 from the lab's zip layout", () => {
  it("matches numpy's run of diffscore's steps: 72 sorted correct conditions, 15 bins, units with all conditions", () => {
    const data = checkAgainstExpected(loadRealFromCache("Mante2013", { cacheDir: CACHE }), "Mante2013");
    assert.deepEqual(data.shape, [15, 72, 3]); // 4 units in folder 1, one lacks a condition; monkey F ignored
    assert.deepEqual(data.labels.gt_choice.classes, [1, 2]);
    for (const name of ["gt_choice", "context", "coh_mod1", "coh_mod2"]) {
      const counts = data.labels[name].classes.map((c) => data.labels[name].values.filter((v) => v === c).length);
      assert.deepEqual(counts, [36, 36], `${name} is balanced 36/36`);
    }
    // condition order: targ_dir −1 block first, then stim_dir ascending, context −1 before +1
    assert.deepEqual(data.labels.gt_choice.values.slice(0, 36), new Array(36).fill(2));
    assert.equal(data.meta.primaryLabel, "context");
  });

  it("applies each per-unit rule", () => {
    withZipArchive(join(CACHE, "Mante2013", "PFC data.zip"), (zip) => {
      const unit = (name: string) => {
        const entry = zip.entries.find((e) => e.name.endsWith(name))!;
        return { unit: processManteUnit(readMat5(zip.read(entry), name), name) };
      };
      // a mixed-correctness tuple is dropped, trailing rows after stim_trial(end) are ignored
      const { unit: mixed } = unit("ar090314_2_a2_Vstim_100_850_ms.mat");
      assert.equal(mixed.activity.length, 72);
      assert.ok(mixed.activity.every((bins) => bins.every((v) => v < 0.5)), "the all-ones trailing rows never enter a mean");
      // a unit without one condition keeps 71 and is left out of the dataset
      assert.equal(unit("ar090315_1_a1_Vstim_100_850_ms.mat").unit.activity.length, 71);
      // sorted lexicographically
      const { conditions } = unit("ar090313_1_a1_Vstim_100_850_ms.mat").unit;
      for (let k = 1; k < conditions.length; k++) assert.ok(conditions[k - 1].join() !== conditions[k].join() && compare(conditions[k - 1], conditions[k]) < 0);
      // 751 samples → 15 bins of 50: the 751st sample is dropped
      assert.equal(unit("ar090313_1_a1_Vstim_100_850_ms.mat").unit.activity[0].length, 15);
    });
  });

  it("reads the extracted folder like the zip", () => {
    const dir = join(scratch(), "Mante2013", "PFC data", "PFC data 1");
    mkdirSync(dir, { recursive: true });
    withZipArchive(join(CACHE, "Mante2013", "PFC data.zip"), (zip) => {
      for (const e of zip.entries.filter((e) => e.name.includes("PFC data 1/"))) writeFileSync(join(dir, e.name.split("/").pop()!), zip.read(e));
    });
    checkAgainstExpected(loadRealFromCache("Mante2013", { cacheDir: join(dir, "..", "..", "..") }), "Mante2013");
  });
});

function compare(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

describe("Hatsopoulos 2007 (MAT v7.3 and the v7 copy)", () => {
  it("matches numpy's histogram/alignment/convolution for both file versions", () => {
    const v73 = checkAgainstExpected(loadRealFromCache("Hatsopoulos2007", { cacheDir: CACHE }), "Hatsopoulos2007", 1e-12);
    const v7 = checkAgainstExpected(loadRealFromCache("Hatsopoulos2007", { cacheDir: join(FIXTURES, "cache-v7") }), "Hatsopoulos2007", 1e-12);
    assert.deepEqual(Array.from(v7.activity.data), Array.from(v73.activity.data));
    assert.deepEqual(v73.shape, [10, 16, 8]); // 8 non-empty units of 7 channels (nested cells, empty units skipped)
  });

  it("histogram assigns edges like numpy (left-closed, last bin closed)", () => {
    assert.deepEqual(Array.from(histogram([0, 10, 49.9, 50, 99.99, 100, 100.01, -1], 2, 0, 100)), [3, 3]);
    // T_end = 12345.6 over 247 bins: width 49.982 < 50 (the quirk), so 49.99 ms already falls in bin 1
    const counts = histogram([49.99, 49.98], 247, 0, 12345.6);
    assert.deepEqual([counts[0], counts[1]], [1, 1]);
  });

  it("taps and 'same' convolution reproduce 0.4304·(m[n−1] + m[n]) + 0.0031·(m[n−2] + m[n+1])", () => {
    const taps = gaussianTaps(10, 0.5);
    assert.ok(Math.abs(taps.reduce((a, b) => a + b, 0) - 0.867) < 1e-3);
    const impulse = convolveSame([0, 0, 0, 0, 1, 0, 0, 0, 0, 0], taps);
    assert.ok(Math.abs(impulse[4] - 0.4304) < 1e-4 && Math.abs(impulse[5] - 0.4304) < 1e-4);
    assert.ok(Math.abs(impulse[3] - 0.0031) < 1e-4 && Math.abs(impulse[6] - 0.0031) < 1e-4);
    assert.deepEqual(Array.from(convolveSame([1, 0, 0], [1, 2, 3])), [2, 3, 0]); // np.convolve(…, 'same')
    assert.deepEqual(Array.from(convolveSame([1, 2, 3, 4, 5], [1, 1])), [1, 3, 5, 7, 9]);
  });
});

describe("Brain-Score assemblies (NetCDF4)", () => {
  it("MajajHong2015: IT only, skipna repetition average, rows sorted by image_id, categories in sorted order", () => {
    const data = checkAgainstExpected(loadRealFromCache("MajajHong2015", { cacheDir: CACHE }), "MajajHong2015");
    assert.deepEqual(data.labels.category.classNames, expected.MajajHong2015.classNames);
    assert.equal(data.shape.length, 2);
  });

  it("MajajHong2015 without category_name takes the categories from the stimulus-set CSV", () => {
    checkAgainstExpected(loadRealFromCache("MajajHong2015", { cacheDir: join(FIXTURES, "cache-stimulus-csv") }), "MajajHong2015");
  });

  it("FreemanZiemba2013: zlib-compressed assembly, 150-bin averages, noise = 0 / texture = 1", () => {
    const data = checkAgainstExpected(loadRealFromCache("FreemanZiemba2013", { cacheDir: CACHE }), "FreemanZiemba2013", 1e-15);
    assert.deepEqual(data.labels.texture_type.classNames, ["noise", "texture"]);
  });
});

describe("Siegel 2015 (lab-provided file)", () => {
  it("keeps 0–500 ms, PCA to 99% variance (sklearn's count), binarizes color and direction", () => {
    const data = loadRealFromCache("siegel15-FEF-stim_period-var99", { cacheDir: CACHE });
    assert.ok(data);
    const want = expected["siegel15-FEF-stim_period-var99"];
    assert.deepEqual(data.shape, want.shape);
    const { rows, cols, data: X } = data.activity;
    const flat = (want.X as number[][]).flat();
    for (let j = 0; j < cols; j++) {
      let largest = 0;
      for (let i = 0; i < rows; i++) if (Math.abs(X[i * cols + j]) > Math.abs(largest)) largest = X[i * cols + j];
      for (let i = 0; i < rows; i++) assert.ok(Math.abs(Math.sign(largest) * X[i * cols + j] - flat[i * cols + j]) < 1e-9);
    }
    for (const [name, values] of Object.entries(want.labels)) assert.deepEqual(data.labels[name].values, values);
  });

  it("binarizeAtMedian: 0 below the median of the distinct values (odd and even counts), 1 at or above", () => {
    assert.deepEqual(binarizeAtMedian([-3, -1, -1, 1, 3]), [0, 0, 0, 1, 1]); // median of {−3, −1, 1, 3} = 0
    assert.deepEqual(binarizeAtMedian([5, 1, 1, 1, 3]), [1, 0, 0, 0, 1]); // median of {1, 3, 5} = 3
  });

  it("componentsForVariance follows searchsorted(cumsum, f, 'right') + 1", () => {
    assert.equal(componentsForVariance([0.5, 0.3, 0.2], 0.8), 3);
    assert.equal(componentsForVariance([0.5, 0.3, 0.2], 0.79), 2);
    assert.equal(componentsForVariance([0.995, 0.005], 0.99), 1);
  });
});

describe("loadRealFromCache", () => {
  it("returns null when the files are not in the cache, for every dataset", () => {
    const empty = scratch();
    for (const id of listRealDatasets()) {
      assert.equal(loadRealFromCache(id, { cacheDir: empty }), null);
      mkdirSync(join(empty, id));
      assert.equal(loadRealFromCache(id, { cacheDir: empty }), null, `${id} with an empty folder`);
    }
  });

  it("throws InputError for an unknown id and for corrupt files, naming the file", () => {
    assert.throws(() => loadRealFromCache("Mante2031", { cacheDir: CACHE }), (e: unknown) => e instanceof InputError && /Mante2013/.test(e.message));
    const dir = scratch();
    const corrupt = (id: string, name: string, bytes: Uint8Array) => {
      mkdirSync(join(dir, id), { recursive: true });
      writeFileSync(join(dir, id, name), bytes);
      assert.throws(() => loadRealFromCache(id, { cacheDir: dir }), (e: unknown) => e instanceof InputError && e.message.includes(name), id);
    };
    corrupt("Mante2013", "PFC data.zip", Buffer.from("not a zip at all"));
    const nc = readFileSync(join(CACHE, "FreemanZiemba2013", "assy_movshon_FreemanZiemba2013_public.nc"));
    corrupt("FreemanZiemba2013", "assy_movshon_FreemanZiemba2013_public.nc", nc.subarray(0, nc.length >> 1));
    corrupt("Hatsopoulos2007", "Dataset5_Monkey4_Session1_ReachDataSimultaneousRecording.mat", Buffer.alloc(300, 7));
  });

  it("resolves the cache folder from the option, then DIFFSIM_DATA_DIR, then the user cache", () => {
    const saved = process.env[DATA_DIR_VARIABLE];
    try {
      process.env[DATA_DIR_VARIABLE] = "/data/from-env";
      assert.equal(resolveCacheDir(), "/data/from-env");
      assert.equal(resolveCacheDir("/explicit"), "/explicit");
      delete process.env[DATA_DIR_VARIABLE];
      assert.match(resolveCacheDir(), /diffsim/);
    } finally {
      if (saved === undefined) delete process.env[DATA_DIR_VARIABLE];
      else process.env[DATA_DIR_VARIABLE] = saved;
    }
  });

  it("the manifest marks unknowns and carries only known checksums", () => {
    assert.deepEqual(manifestEntry("MajajHong2015").files[0].checksum, { algorithm: "sha1", value: "13d28ca0ce88ee550b54db3004374ae19096e9b9" });
    assert.equal(manifestEntry("Mante2013").files[0].checksum, "unknown");
    assert.equal(manifestEntry("siegel15-FEF-stim_period-var99").public, false);
  });
});

describe("download (local HTTP server on 127.0.0.1)", () => {
  const payload = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251));
  const sha1 = createHash("sha1").update(payload).digest("hex");
  let server: Server;
  let base = "";
  const requests: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      if (req.url === "/data.bin") {
        res.writeHead(200, { "content-length": payload.length });
        res.end(payload);
      } else if (req.url === "/moved") {
        res.writeHead(302, { location: "/data.bin" });
        res.end();
      } else if (req.url === "/error-page") {
        res.writeHead(200, { "content-type": "text/html" }); // no length: only the format check can tell
        res.end("<!DOCTYPE html>\n<html><body>Rate limit exceeded</body></html>\n");
      } else if (req.url === "/zip" || req.url === "/zip-cut") {
        const zip = readFileSync(join(CACHE, "Mante2013", "PFC data.zip"));
        res.writeHead(200);
        res.end(req.url === "/zip" ? zip : zip.subarray(0, zip.length >> 1)); // a clean end, no length: truncated body
      } else if (req.url === "/short") {
        res.writeHead(200, { "content-length": payload.length });
        res.write(payload.subarray(0, 1000), () => req.socket.destroy()); // connection lost mid-transfer
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const file = (urls: string[], checksum: ManifestFile["checksum"] = { algorithm: "sha1", value: sha1 }, name = "data.bin"): ManifestFile => ({
    name, urls, size: "unknown", checksum, format: "test",
  });

  it("downloads, checks the sha1, renames atomically and reports progress", async () => {
    const dir = scratch();
    const events: DownloadProgress[] = [];
    const path = await downloadFile(file([`${base}/moved`]), dir, { onProgress: (p) => events.push(p) });
    assert.equal(path, join(dir, "data.bin"));
    assert.deepEqual(readFileSync(path), payload);
    assert.deepEqual(readdirSync(dir), ["data.bin"]); // no partial file left
    const last = events[events.length - 1];
    assert.equal(last.done, true);
    assert.equal(last.received, payload.length);
    assert.equal(events[0].total, payload.length);
    assert.ok(events.every((e, i) => i === 0 || e.received >= events[i - 1].received));
  });

  it("keeps nothing when the checksum or the length is wrong", async () => {
    const dir = scratch();
    await assert.rejects(downloadFile(file([`${base}/data.bin`], { algorithm: "sha1", value: "0".repeat(40) }), dir), (e: unknown) => e instanceof DownloadError && /sha1 is/.test(e.message));
    await assert.rejects(downloadFile(file([`${base}/short`], "unknown"), dir), DownloadError);
    assert.deepEqual(readdirSync(dir), []);
  });

  it("falls back to the next url, and to the dataset's alternates", async () => {
    const dir = scratch();
    await downloadFile(file([`${base}/missing`, `${base}/data.bin`]), dir);
    assert.ok(existsSync(join(dir, "data.bin")));
    const entry: ManifestDataset = {
      title: "t", citation: "c", public: true, landingPage: "", license: "unknown",
      files: [file([`${base}/missing`], "unknown", "primary.mat"), { ...file([`${base}/missing`], "unknown", "extra.csv"), optional: true }],
      alternates: [file([`${base}/data.bin`], { algorithm: "sha1", value: sha1 }, "copy-v7.bin")],
    };
    const other = scratch();
    assert.deepEqual(await downloadFiles(entry, other), [join(other, "copy-v7.bin")]);
    // files already present are not fetched again
    const before = requests.length;
    await downloadFiles({ ...entry, files: [file([`${base}/data.bin`], "unknown", "copy-v7.bin")] }, other);
    assert.equal(requests.length, before);
  });

  it("checks the format signature before the rename: an HTML error page or a truncated body is never kept", async () => {
    const dir = scratch();
    for (const [url, name, why] of [["error-page", "assy.nc", /not a valid \.nc file: an HTML page/], ["zip-cut", "PFC data.zip", /not a valid \.zip file: .*truncated/], ["error-page", "Dataset5.mat", /an HTML page/]] as const)
      await assert.rejects(downloadFile(file([`${base}/${url}`], "unknown", name), dir), (e: unknown) => e instanceof DownloadError && why.test(e.message) && e.message.includes("it was not kept"));
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(await downloadFile(file([`${base}/zip`], "unknown", "PFC data.zip"), dir), join(dir, "PFC data.zip"));
  });

  it("a corrupt file already in the cache is downloaded again and replaced", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "PFC data.zip"), "<html>502 Bad Gateway</html>");
    const before = requests.length;
    const entry: ManifestDataset = { title: "t", citation: "c", public: true, landingPage: "", license: "unknown", files: [file([`${base}/zip`], "unknown", "PFC data.zip")] };
    assert.deepEqual(await downloadFiles(entry, dir), [join(dir, "PFC data.zip")]);
    assert.equal(requests.length, before + 1);
    assert.deepEqual(readFileSync(join(dir, "PFC data.zip")), readFileSync(join(CACHE, "Mante2013", "PFC data.zip")));
  });

  it("a cache folder that is a file: DownloadError saying to change DIFFSIM_DATA_DIR, not a raw ENOTDIR", async () => {
    const notFolder = join(scratch(), "plain-file");
    writeFileSync(notFolder, "");
    await assert.rejects(downloadFile(file([`${base}/data.bin`]), join(notFolder, "Mante2013")), (e: unknown) =>
      e instanceof DownloadError && /cannot write the dataset folder .*plain-file.*a part of the path is a file.*DIFFSIM_DATA_DIR/.test(e.message));
    const saved = process.env[DATA_DIR_VARIABLE];
    process.env[DATA_DIR_VARIABLE] = notFolder;
    try {
      await assert.rejects(downloadDataset("Mante2013"), (e: unknown) => e instanceof DownloadError && /DIFFSIM_DATA_DIR/.test(e.message));
    } finally {
      if (saved === undefined) delete process.env[DATA_DIR_VARIABLE];
      else process.env[DATA_DIR_VARIABLE] = saved;
    }
  });

  it("fails clearly offline (a loopback port that refuses) and names where to put the file", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dir = scratch();
    await assert.rejects(downloadFile(file([`http://127.0.0.1:${port}/x`]), dir), (e: unknown) =>
      e instanceof DownloadError && /ECONNREFUSED/.test(e.message) && /no internet connection/.test(e.message) && e.message.includes(join(dir, "data.bin")));
    assert.deepEqual(readdirSync(dir), []);
  });

  it("null options: InputError naming options, not a TypeError", async () => {
    assert.throws(() => loadRealFromCache("Mante2013", null as never), (e: unknown) => e instanceof InputError && e.argument === "options");
    await assert.rejects(downloadDataset("Mante2013", null as never), (e: unknown) => e instanceof InputError && e.argument === "options");
  });

  it("refuses non-public datasets with where to place the file", async () => {
    const dir = scratch();
    await assert.rejects(downloadDataset("siegel15-FEF-stim_period-var99", { cacheDir: dir }), /no public download address; place it by hand at .*siegel15_FEF\.h5/);
  });

  it("draws a progress bar", () => {
    let text = "";
    const bar = progressBar({ write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream, 10);
    bar({ file: "f.nc", url: "", received: 5e6, total: 1e7, done: false });
    bar({ file: "f.nc", url: "", received: 1e7, total: 1e7, done: true });
    assert.match(text, /f\.nc \[#####·····\] 50% 5\.0\/10\.0 MB/);
    assert.ok(text.endsWith("100% 10.0/10.0 MB\n"));
  });
});

describe("fixtures stay small", () => {
  it("all fixture files together are under 1 MB", () => {
    const size = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((s, e) => s + (e.isDirectory() ? size(join(dir, e.name)) : readFileSync(join(dir, e.name)).length), 0);
    assert.ok(size(FIXTURES) < 1_000_000);
  });
});

describe("cache with the MAT v7 copy only", () => {
  it("loads the -v7.mat name", () => {
    const dir = join(scratch(), "Hatsopoulos2007");
    mkdirSync(dir);
    const name = "Dataset5_Monkey4_Session1_ReachDataSimultaneousRecording-v7.mat";
    copyFileSync(join(FIXTURES, "cache-v7", "Hatsopoulos2007", name), join(dir, name));
    checkAgainstExpected(loadRealFromCache("Hatsopoulos2007", { cacheDir: join(dir, "..") }), "Hatsopoulos2007");
  });
});

describe("corrupt files in the cache", () => {
  /** A cache folder holding `id`'s fixture files, each passed through `damage`. */
  const damagedCache = (id: string, damage: (bytes: Buffer) => Buffer) => {
    const root = scratch();
    mkdirSync(join(root, id));
    for (const name of readdirSync(join(CACHE, id))) writeFileSync(join(root, id, name), damage(readFileSync(join(CACHE, id, name))));
    return root;
  };
  const truncated = (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1);

  it('source "auto" falls back to the surrogate with a visible message naming the file; "real" fails naming the file and the fix', () => {
    for (const [id, name] of [["MajajHong2015", "assy_dicarlo_MajajHong2015_public.nc"], ["Hatsopoulos2007", "Dataset5_Monkey4_Session1_ReachDataSimultaneousRecording.mat"], ["Mante2013", "PFC data.zip"]]) {
      const cacheDir = damagedCache(id, truncated);
      const lines: string[] = [];
      const warn = console.warn;
      console.warn = (line: string) => lines.push(line);
      let data: Dataset;
      try {
        data = loadDataset(id, { cacheDir });
      } finally {
        console.warn = warn;
      }
      assert.equal(data.meta.source, "surrogate");
      assert.equal(lines.length, 1);
      assert.ok(lines[0].includes(join(cacheDir, id, name)) && /truncated/.test(lines[0]) && /using the surrogate/.test(lines[0]), lines[0]);
      assert.match(data.meta.notes ?? "", /unreadable/);
      assert.throws(
        () => loadDataset(id, { cacheDir, source: "real" }),
        (e: unknown) => e instanceof InputError && e.message.includes(join(cacheDir, id, name)) && e.message.includes(`downloadDataset("${id}")`),
      );
    }
  });

  it("a damaged HDF5 file with an intact signature: the HDF5 reader's cause, no HDF5-DIAG dump on stderr", () => {
    const cacheDir = damagedCache("MajajHong2015", (bytes) => Buffer.concat([bytes.subarray(0, 200), Buffer.alloc(bytes.length - 300), bytes.subarray(bytes.length - 100)]));
    const script = `require("./lib/data/real").loadRealFromCache("MajajHong2015", { cacheDir: ${JSON.stringify(cacheDir)} })`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: join(__dirname, "..", ".."), encoding: "utf8" });
    assert.notEqual(run.status, 0);
    assert.doesNotMatch(run.stderr, /HDF5-DIAG/);
    assert.doesNotMatch(run.stderr, /name not defined/);
    assert.match(run.stderr, /assy_dicarlo_MajajHong2015_public\.nc: expected a readable HDF5 file; the HDF5 reader reports: .*checksum/);
  });
});
