/**
 * The optional native-kernel build (environment/build-native.js): without a compiler it says so and
 * leaves nothing behind; with cc and OpenBLAS it builds an addon that loads and multiplies. Builds go
 * to a temporary folder, never over the project's build/diffsim_blas.node.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";

const { build } = require("../../environment/build-native") as {
  build(options: { output: string; env: Record<string, string | undefined> }): { built: boolean; message: string };
};

function inTemporaryFolder(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "native-build-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("no C compiler: not built, the reason says how to get one, no addon file left", () => {
  inTemporaryFolder((dir) => {
    const output = join(dir, "diffsim_blas.node");
    const r = build({ output, env: { PATH: dir, CC: join(dir, "no-such-cc") } });
    assert.equal(r.built, false);
    assert.match(r.message, /no C compiler .*build-essential/);
    assert.equal(existsSync(output), false);
    assert.match(readFileSync(`${output}.stamp`, "utf8"), /no C compiler/);
  });
});

const haveToolchain = spawnSync("sh", ["-c", "command -v cc && { [ -e /usr/lib/x86_64-linux-gnu/libopenblas.so ] || [ -e /usr/lib/aarch64-linux-gnu/libopenblas.so ] || ldconfig -p | grep -q 'libopenblas.so '; }"]).status === 0;

// Node from the npm registry (the "node" package, as CI's Node 24 run uses) ships no C headers: nothing to build with
const haveHeaders = existsSync(join(dirname(process.execPath), "..", "include", "node", "node_api.h"));

test("cc and OpenBLAS present: the addon builds, loads and multiplies", { skip: !haveToolchain ? "no cc or libopenblas-dev here" : !haveHeaders ? "this Node has no C headers" : false }, () => {
  inTemporaryFolder((dir) => {
    const output = join(dir, "diffsim_blas.node");
    const r = build({ output, env: process.env });
    assert.equal(r.built, true, r.message);
    const addon = require(output) as { gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number, flags: number): void };
    const C = new Float64Array(4);
    addon.gemm(new Float64Array([1, 2, 3, 4, 5, 6]), new Float64Array([1, 0, 0, 1, 1, 1]), C, 2, 3, 2, 0);
    assert.deepEqual(Array.from(C), [4, 5, 10, 11]);
  });
});
