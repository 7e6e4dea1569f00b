import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import { join } from "path";

const root = join(__dirname, "..", "..");

function probe(threads: string, kernel: "native" | "wasm"): { kernel: string; pinned: string; unpinned: string; finalScore: number } {
  const env = { ...process.env, DIFFSIM_THREADS: threads, DIFFSIM_KERNEL: kernel === "wasm" ? "wasm" : process.env.DIFFSIM_KERNEL };
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "test", "support", "threads_probe.ts"), kernel], { cwd: root, env, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string);
}

test("a run's numbers do not depend on DIFFSIM_THREADS (computeRun pins the native kernels to one thread)", (t) => {
  const one = probe("1", "native");
  const two = probe("2", "native");
  assert.equal(one.kernel, two.kernel);
  assert.equal(two.pinned, one.pinned, `computeRun with DIFFSIM_THREADS=2 vs 1 (final scores ${two.finalScore} vs ${one.finalScore})`);
  // the control: without the pin, OpenBLAS's split over 2 threads changes the last bits (native kernels only)
  if (one.kernel === "native-openblas") assert.notEqual(two.unpinned, one.unpinned, "unpinned runs differ with the thread count, so the pin is what makes them equal");
  else t.diagnostic(`kernel ${one.kernel}: its threads never change results, the control does not apply`);
});

test("on the WebAssembly kernels a run's numbers do not depend on DIFFSIM_THREADS either (whole row or column chunks per thread, inner segments fixed by the shape)", () => {
  const one = probe("1", "wasm");
  const two = probe("2", "wasm");
  assert.equal(one.kernel, "wasm-simd");
  assert.equal(two.pinned, one.pinned);
  assert.equal(two.unpinned, one.unpinned, "no pin needed: the wasm kernel's threads compute whole row or column blocks as one thread would, and its inner segments depend on the shape alone");
});
