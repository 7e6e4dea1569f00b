import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { readArrayFile } from "../../lib/data/formats/array-file";
import { parseCsv } from "../../lib/data/formats/csv";
import { Hdf5File, isHdf5File, withHdf5File } from "../../lib/data/formats/hdf5";
import { readMatFile } from "../../lib/data/formats/mat";
import { MatCell, MatNumeric, MatStruct, matField, matRows } from "../../lib/data/formats/mat-value";
import { readMat5 } from "../../lib/data/formats/mat5";
import { NetcdfFile, withNetcdfFile } from "../../lib/data/formats/netcdf";
import { parseNpy, readNpy, readNpz } from "../../lib/data/formats/npy";
import { ZipArchive, withZipArchive } from "../../lib/data/formats/zip";

const FIXTURES = join(__dirname, "..", "..", "data", "fixtures");
const FORMATS = join(FIXTURES, "formats");
const MANTE_ZIP = join(FIXTURES, "cache", "Mante2013", "PFC data.zip");
const MAJAJ_NC = join(FIXTURES, "cache", "MajajHong2015", "assy_dicarlo_MajajHong2015_public.nc");
const numbers = (v: unknown) => Array.from((v as MatNumeric).data);
const scratch = () => mkdtempSync(join(tmpdir(), "diffsim-formats-"));

describe("MAT v5 reader (written by scipy.io.savemat)", () => {
  for (const file of ["types.mat", "types_compressed.mat"]) {
    it(`reads every class in ${file}`, () => {
      const vars = readMat5(readFileSync(join(FORMATS, file)), file);
      assert.deepEqual(numbers(vars.i8), [-3, 4]);
      assert.deepEqual((vars.u16 as MatNumeric).dims, [3, 1]);
      assert.deepEqual(numbers(vars.i64), [-(2 ** 40)]);
      // MATLAB [[1.5, -2.25], [3, 4]] in column-major order
      assert.deepEqual(numbers(vars.f32), [1.5, 3, -2.25, 4]);
      assert.equal((vars.f32 as MatNumeric).matlabClass, "single");
      assert.equal((vars.flags as MatNumeric).matlabClass, "logical");
      assert.deepEqual(numbers(vars.flags), [1, 0, 1]);
      assert.deepEqual(numbers(vars.z), [1, -0]); // -3j has a negative-zero real part
      assert.deepEqual(Array.from((vars.z as MatNumeric).imag ?? []), [2, -3]);
      assert.deepEqual(vars.text, { kind: "char", dims: [1, 5], text: "hello" });
      const cell = vars.cell as MatCell;
      assert.equal(cell.items.length, 3);
      assert.deepEqual(numbers(cell.items[0]), [1.5]);
      assert.equal(cell.items[1].kind === "char" && cell.items[1].text, "ab");
      const inner = cell.items[2] as MatCell;
      assert.deepEqual(numbers(inner.items[0]), [2]);
      assert.deepEqual((inner.items[1] as MatNumeric).dims, [0, 0]);
      const people = vars.people as MatStruct;
      assert.deepEqual(people.dims, [1, 2]);
      assert.deepEqual(people.fields, ["x", "label"]);
      assert.deepEqual(numbers(people.items[1].x), [2, 3]);
      assert.equal(people.items[1].label.kind === "char" && people.items[1].label.text, "second");
      assert.deepEqual((vars.empty as MatNumeric).dims, [0, 3]);
    });
  }

  it("returns MATLAB matrices as row-major rows and names missing fields", () => {
    const vars = readMat5(readFileSync(join(FORMATS, "types.mat")), "types.mat");
    assert.deepEqual(matRows(vars.f32, "f32").map((r) => Array.from(r)), [[1.5, -2.25], [3, 4]]);
    assert.throws(() => matField(vars.people, "age", "people"), (e: unknown) => e instanceof InputError && /people\.age/.test(e.message));
    assert.throws(() => matRows(vars.text, "text"), InputError);
  });

  it("rejects files that are not MAT v5 and truncated files with InputError", () => {
    assert.throws(() => readMat5(new Uint8Array(200), "zeros.mat"), /zeros\.mat: expected a MAT-file Level 5/);
    const bytes = readFileSync(join(FORMATS, "types.mat"));
    assert.throws(() => readMat5(bytes.subarray(0, bytes.length - 40), "cut.mat"), (e: unknown) => e instanceof InputError && /cut\.mat/.test(e.message));
    const compressed = Buffer.from(readFileSync(join(FORMATS, "types_compressed.mat")));
    compressed.fill(0x55, 140, 180); // scramble the first zlib stream
    assert.throws(() => readMat5(compressed, "bad.mat"), InputError);
  });
});

describe("MAT v7.3 reader (HDF5 with MATLAB conventions)", () => {
  it("reads numeric, char, logical, structs, struct arrays and empty cells", () => {
    assert.equal(isHdf5File(join(FORMATS, "types_v73.mat")), true);
    assert.equal(isHdf5File(join(FORMATS, "types.mat")), false);
    const vars = readMatFile(join(FORMATS, "types_v73.mat"));
    assert.deepEqual((vars.m as MatNumeric).dims, [2, 3]);
    assert.equal((vars.m as MatNumeric).matlabClass, "int32");
    assert.deepEqual(matRows(vars.m, "m").map((r) => Array.from(r)), [[1, 2, 3], [4, 5, 6]]);
    assert.equal(vars.word.kind === "char" && vars.word.text, "hello");
    assert.deepEqual(numbers(vars.yes), [1, 0]);
    const s = vars.s as MatStruct;
    assert.deepEqual(numbers(s.items[0].a), [7]);
    assert.equal(s.items[0].b.kind === "char" && s.items[0].b.text, "xy");
    const sa = vars.sa as MatStruct;
    assert.deepEqual(sa.items.map((item) => numbers(item.v)[0]), [10, 20]);
    assert.deepEqual(vars.none, { kind: "cell", dims: [0, 0], items: [] });
  });

  it("reads only the variables asked for, in both versions", () => {
    assert.deepEqual(Object.keys(readMatFile(join(FORMATS, "types_compressed.mat"), ["text", "i8"])).sort(), ["i8", "text"]);
    assert.deepEqual(Object.keys(readMatFile(join(FORMATS, "types_v73.mat"), ["s"])), ["s"]);
  });

  it("names a missing file", () => {
    assert.throws(() => readMatFile(join(FORMATS, "nope.mat")), /does not exist/);
  });
});

describe("HDF5 through the h5wasm worker", () => {
  it("lists groups and datasets with attributes and dereferences object references", () => {
    withHdf5File(join(FORMATS, "types_v73.mat"), (file) => {
      const nodes = file.tree();
      const sa = nodes.find((n) => n.path === "/sa/v");
      assert.equal(sa?.dtype, "Reference");
      assert.deepEqual(file.read("/sa/v").value, [{ ref: "/#refs#/v0" }, { ref: "/#refs#/v1" }]);
      assert.equal(nodes.find((n) => n.path === "/s")?.kind, "group");
      assert.throws(() => file.read("/nothing"), InputError);
    });
  });

  it("refuses a file that is not HDF5, and use after close", () => {
    assert.throws(() => Hdf5File.open(join(FORMATS, "types.mat")), (e: unknown) => e instanceof InputError && /types\.mat/.test(e.message));
    const file = Hdf5File.open(join(FORMATS, "types_v73.mat"));
    file.close();
    file.close();
    assert.throws(() => file.tree(), /closed/);
  });
});

describe("NetCDF4 reader", () => {
  it("recovers xarray's variables with their dimension names", () => {
    withNetcdfFile(MAJAJ_NC, (nc) => {
      const data = nc.variable("dicarlo.MajajHong2015.public");
      assert.deepEqual(data.dims, ["presentation", "neuroid", "time_bin"]);
      assert.deepEqual(nc.variable("region").dims, ["neuroid"]);
      const region = nc.read("region").values;
      assert.deepEqual(region, ["IT", "V4", "IT", "IT", "V4", "IT", "V4", "IT"]);
      const values = nc.read(data.name).values as Float64Array;
      assert.equal(values.length, data.shape.reduce((a, b) => a * b, 1));
      assert.equal(values.filter(Number.isNaN).length, 1); // the one NaN written by the fixture script
      assert.throws(() => nc.variable("nope"), /variables are/);
    });
  });

  it("refuses NetCDF3 classic files with a clear InputError", () => {
    assert.throws(() => NetcdfFile.open(join(FORMATS, "classic.nc")), /NetCDF3 classic files are not supported/);
  });
});

describe("zip archives", () => {
  it("lists entries and reads stored and deflated members", () => {
    withZipArchive(MANTE_ZIP, (zip) => {
      const names = zip.entries.map((e) => e.name);
      assert.ok(names.includes("PFC data/PFC data 1/ar090313_1_a1_Vstim_100_850_ms.mat"));
      const stored = zip.entries.find((e) => e.name.includes("ar090316"));
      const deflated = zip.entries.find((e) => e.name.includes("ar090313"));
      assert.equal(stored?.method, 0);
      assert.equal(deflated?.method, 8);
      for (const entry of [stored, deflated]) {
        const bytes = zip.read(entry!);
        assert.equal(bytes.length, entry!.size);
        assert.equal(String.fromCharCode(...bytes.subarray(0, 6)), "MATLAB");
      }
      assert.equal(Buffer.from(zip.read(zip.entries.find((e) => e.name.endsWith("readme.txt"))!)).toString().startsWith("fixture"), true);
    });
  });

  it("rejects a file that is not a zip archive", () => {
    assert.throws(() => ZipArchive.open(join(FORMATS, "types.mat")), /no end-of-central-directory record/);
  });
});

describe(".npy / .npz", () => {
  it("reads Fortran-order arrays into C order", () => {
    const own = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8")).own;
    const a = readNpy(join(FIXTURES, "own", "X2d.npy"));
    assert.deepEqual(a.shape, [24, 5]);
    assert.deepEqual(Array.from(a.values as Float64Array), own.X.flat(2));
  });

  it("reads npz members: float32 from a compressed archive, int64 and unicode strings", () => {
    const compressed = readNpz(join(FIXTURES, "own", "compressed.npz"));
    assert.deepEqual(compressed.activity.shape, [4, 6, 5]);
    const plain = readNpz(join(FIXTURES, "own", "recording.npz"));
    assert.deepEqual(Array.from(plain.context.values as Float64Array), [1, -1, 1, -1, 1, -1]);
    assert.deepEqual(plain.stimulus.values, ["b", "a", "c", "a", "b", "c"]);
    const X = plain.X.values as Float64Array;
    (compressed.activity.values as Float64Array).forEach((v, i) => assert.equal(v, Math.fround(X[i])));
  });

  it("refuses pickled object arrays and other files", () => {
    assert.throws(() => readNpy(join(FIXTURES, "own", "bad_object.npy")), /object array/);
    assert.throws(() => parseNpy(new Uint8Array(20), "x.npy"), /x\.npy: expected a \.npy file/);
  });

  it("reads big-endian and float16 data", () => {
    const header = "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }";
    const padded = header.padEnd(117, " ") + "\n"; // 10 + 118 bytes: data start at 128
    const bytes = Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length, 0]), Buffer.from(padded, "latin1"), Buffer.alloc(16)]);
    bytes.writeDoubleBE(2.5, 128);
    bytes.writeDoubleBE(-1, 136);
    assert.deepEqual(Array.from(parseNpy(bytes, "be.npy").values as Float64Array), [2.5, -1]);
    const half = Buffer.from(bytes);
    half.write("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }".padEnd(117, " "), 10, "latin1");
    half.writeUInt16LE(0x3e00, 128); // 1.5
    half.writeUInt16LE(0xc000, 130); // -2
    assert.deepEqual(Array.from(parseNpy(half, "half.npy").values as Float64Array), [1.5, -2]);
  });
});

describe("CSV", () => {
  it("handles quotes, escaped quotes, CRLF, a BOM and blank lines", () => {
    const table = parseCsv('\ufeffa,b\r\n1,"x, ""y"""\r\n\r\n2,"multi\nline"\n', "t.csv");
    assert.deepEqual(table.header, ["a", "b"]);
    assert.deepEqual(table.rows, [["1", 'x, "y"'], ["2", "multi\nline"]]);
  });

  it("names ragged rows and unterminated quotes", () => {
    assert.throws(() => parseCsv("a,b\n1,2\n3\n", "r.csv"), /r\.csv: expected 2 fields per row.*row 3 has 1/);
    assert.throws(() => parseCsv('a\n"open\n', "q.csv"), /unterminated/);
    assert.throws(() => parseCsv("", "e.csv"), /header row/);
  });
});

describe("array files", () => {
  it("reads the same arrays from .npz, .h5 and .json", () => {
    const npz = readArrayFile(join(FIXTURES, "own", "recording.npz"));
    const h5 = readArrayFile(join(FIXTURES, "own", "recording.h5"));
    const json = readArrayFile(join(FIXTURES, "own", "recording.json"));
    for (const arrays of [h5, json]) assert.deepEqual(Array.from(arrays.X.values as Float64Array), Array.from(npz.X.values as Float64Array));
    assert.deepEqual(h5.stimulus.values, npz.stimulus.values);
    assert.deepEqual(json["labels/stimulus"].values, npz.stimulus.values);
  });

  it("names ragged JSON, unknown extensions and invalid JSON", () => {
    assert.throws(() => readArrayFile(join(FIXTURES, "own", "bad_ragged.json")), /bad_ragged\.json:X: expected a rectangular array/);
    const dir = scratch();
    writeFileSync(join(dir, "x.txt"), "1");
    assert.throws(() => readArrayFile(join(dir, "x.txt")), /a file ending in/);
    writeFileSync(join(dir, "x.json"), "{nope");
    assert.throws(() => readArrayFile(join(dir, "x.json")), /valid JSON/);
  });
});
