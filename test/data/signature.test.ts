/**
 * The format check behind downloads and the cache (formats/signature.ts): every fixture in the real
 * formats passes; cut anywhere, a zip, HDF5, NetCDF4 or MAT v7.3 file fails, as does any HTML/XML page
 * under any data name (property tests, fast-check, fixed seed; FUZZ_RUNS=n for more cases).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { fileFormatProblem } from "../../lib/data/formats/signature";

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const FIXTURES = join(__dirname, "..", "..", "data", "fixtures");
const dir = mkdtempSync(join(tmpdir(), "diffsim-signature-"));
const write = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

/** Files whose every proper prefix is detectably incomplete (a central directory or an end-of-file address at the end). */
const WHOLE = [
  "cache/Mante2013/PFC data.zip",
  "own/recording.npz",
  "cache/MajajHong2015/assy_dicarlo_MajajHong2015_public.nc",
  "cache/siegel15-FEF-stim_period-var99/siegel15_FEF.h5",
  "formats/types_v73.mat",
];

describe("fileFormatProblem", () => {
  it("every fixture in a real format passes", () => {
    for (const file of [...WHOLE, "formats/types.mat", "formats/types_compressed.mat", "formats/classic.nc", "own/X2d.npy", "own/table.csv"])
      assert.equal(fileFormatProblem(join(FIXTURES, file)), null, file);
  });

  it("property: a zip, HDF5, NetCDF4 or MAT v7.3 file cut anywhere is refused", () => {
    fc.assert(
      fc.property(fc.constantFrom(...WHOLE), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (file, fraction) => {
        const bytes = readFileSync(join(FIXTURES, file));
        const path = write(basename(file), bytes.subarray(0, Math.floor(fraction * bytes.length)));
        assert.notEqual(fileFormatProblem(path), null, `${file} cut at ${Math.floor(fraction * bytes.length)} of ${bytes.length}`);
      }),
      { seed: 11, numRuns: RUNS },
    );
  });

  it("property: an HTML or XML page is refused under any data name", () => {
    const page = fc.tuple(fc.constantFrom("", "\n", "  \r\n"), fc.constantFrom("<!DOCTYPE html>", "<html>", "<HTML lang=en>", "<?xml version='1.0'?>", "<Error>"), fc.string({ maxLength: 200 }));
    fc.assert(
      fc.property(page, fc.constantFrom("a.zip", "b.nc", "c.mat", "d.h5", "e.csv", "f.npy", "g.bin"), ([space, start, rest], name) => {
        assert.match(fileFormatProblem(write(name, space + start + rest)) ?? "", /an (HTML page|XML document)/);
      }),
      { seed: 12, numRuns: RUNS },
    );
  });

  it("a MAT v5 file cut inside a data element is refused", () => {
    const bytes = readFileSync(join(FIXTURES, "formats/types.mat"));
    for (const cut of [100, 130, 500, bytes.length - 5]) assert.match(fileFormatProblem(write("t.mat", bytes.subarray(0, cut))) ?? "", /truncated|not a MAT-file/, `cut at ${cut}`);
  });
});
