#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner (TypeScript through tsx). When the native
// kernels are built and DIFFSIM_KERNEL is not set, the kernel-sensitive files (golden values,
// measure and optimizer properties, regression, scale safety, tensor) run a second time on the
// WebAssembly kernels, so both backends are tested.
// Usage: node test/run.js [path-filter ...]   e.g. node test/run.js measures/cka
const { existsSync, readdirSync, statSync } = require("fs");
const { join, relative } = require("path");
const { spawnSync } = require("child_process");

const root = join(__dirname, "..");
function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return collect(p);
    return name.endsWith(".test.ts") ? [p] : [];
  });
}
const filters = process.argv.slice(2);
const files = collect(join(root, "test"))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((q) => f.includes(q)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(" ")}`);
  process.exit(1);
}
const { nativeAddon } = require("../environment/paths");
const BOTH_BACKENDS = ["measures/golden", "measures/properties", "measures/regression", "measures/scale_safe", "optimize/properties", "tensor/"];

function run(list, env = process.env) {
  return spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...list], { cwd: root, stdio: "inherit", env }).status ?? 1;
}
let status = run(files);
const again = files.filter((f) => BOTH_BACKENDS.some((q) => f.includes(q)));
if (status === 0 && again.length > 0 && !process.env.DIFFSIM_KERNEL && existsSync(nativeAddon)) {
  console.log(`\n# again on the WebAssembly kernels (DIFFSIM_KERNEL=wasm): ${again.join(" ")}`);
  status = run(again, { ...process.env, DIFFSIM_KERNEL: "wasm" });
}
process.exit(status);
