/**
 * Property tests (fast-check, fixed seed; FUZZ_RUNS=n for more cases) of the file readers behind
 * loadOwnDataset: generated CSV tables and .npy headers either load exactly or give an InputError naming
 * the file; a numeric column never silently becomes a label, a non-finite value never reaches the data.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { InputError } from "../../lib/errors";
import { loadOwnDataset } from "../../lib/data/own";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const dir = mkdtempSync(join(tmpdir(), "diffsim-own-fuzz-"));
let files = 0;
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, `${files++}-${name}`);
  writeFileSync(path, content);
  return path;
};

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => String(v));
const nonFinite = fc.constantFrom("nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "1e999", "-1E400", "");
const text = fc.constantFrom("a", "b", "left", "x1");

describe("loadOwnDataset on generated CSV tables", () => {
  it("clean tables load exactly: every numeric column is a feature, every text column a label", () => {
    const column = fc.oneof(fc.constant("number" as const), fc.constant("text" as const));
    fc.assert(
      fc.property(fc.array(column, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 5 }), fc.infiniteStream(fc.tuple(finite, text)), (kinds, n, cells) => {
        const numeric = kinds.map((k) => k === "number");
        fc.pre(numeric.some(Boolean));
        const it = cells[Symbol.iterator]();
        const rows = Array.from({ length: n }, () => kinds.map((k) => it.next().value[k === "number" ? 0 : 1]));
        const header = kinds.map((_, j) => `c${j}`);
        const data = loadOwnDataset(write("t.csv", [header, ...rows].map((r) => r.join(",")).join("\n")));
        const featureColumns = header.filter((_, j) => numeric[j]);
        assert.deepEqual(data.shape, [n, featureColumns.length]);
        assert.deepEqual(Array.from(data.activity.data), rows.flatMap((r) => r.filter((_, j) => numeric[j]).map(Number)));
        assert.deepEqual(Object.keys(data.labels).sort(), header.filter((_, j) => !numeric[j]).sort());
      }),
      { seed: 5, numRuns: RUNS },
    );
  });

  it("a blank or non-finite cell anywhere in a numeric column: an InputError naming the file, its row and column", () => {
    fc.assert(
      fc.property(fc.array(fc.array(finite, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 5 }), nonFinite, fc.nat(), fc.nat(2), (rows, bad, r, c) => {
        const row = r % rows.length;
        const table = rows.map((cells) => [...cells]);
        table[row][c] = bad;
        const path = write("bad.csv", ["n0,n1,n2", ...table.map((cells) => cells.join(","))].join("\n"));
        assert.throws(
          () => loadOwnDataset(path),
          (e: unknown) => e instanceof InputError && e.argument === `${path}: column 'n${c}'` && new RegExp(`row ${row + 2} is`).test(e.message),
        );
      }),
      { seed: 6, numRuns: RUNS },
    );
  });
});

describe("loadOwnDataset on generated .npy headers", () => {
  /** A little-endian float64 .npy file whose header states `shape` (as text), with `count` values. */
  const npy = (shape: string, count: number) => {
    const header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${shape}), }`.padEnd(127, " ") + "\n";
    const body = Buffer.alloc(8 * count);
    for (let i = 0; i < count; i++) body.writeDoubleLE(i % 7, 8 * i);
    return write("a.npy", Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 128, 0]), Buffer.from(header, "latin1"), body]));
  };

  it("a 2-D or 3-D shape of positive integers loads with that shape; anything else is an InputError naming the file", () => {
    const dim = fc.oneof(fc.integer({ min: -2, max: 6 }).map(String), fc.constantFrom("2.5", "1e1", "x", "-0", "3L"));
    fc.assert(
      fc.property(fc.array(dim, { minLength: 1, maxLength: 4 }), (dims) => {
        const numbers = dims.map((d) => (/^\d+L?$/.test(d) ? parseInt(d, 10) : NaN));
        const count = numbers.every((v) => v >= 0) ? numbers.reduce((a, b) => a * b, 1) : 0;
        const path = npy(`${dims.join(", ")},`, count);
        const loadable = numbers.every((v) => v >= 1) && (dims.length === 2 || dims.length === 3);
        if (loadable) assert.deepEqual(loadOwnDataset(path).shape, numbers);
        else assert.throws(() => loadOwnDataset(path), (e: unknown) => e instanceof InputError && e.message.includes(path));
      }),
      { seed: 7, numRuns: RUNS },
    );
  });
});
