#!/usr/bin/env node
// Builds the optional native kernels (lib/tensor/native/blas.c → build/diffsim_blas.node): a
// Node-API addon over the system's OpenBLAS for float64 matrix products and symmetric
// eigendecompositions. Optional by design: without a C compiler, OpenBLAS (Debian/Ubuntu:
// apt-get install libopenblas-dev) or Node's C headers it says what is missing and the WebAssembly
// kernels stay in use. Run by environment/ensure.js (so by npm test and npm run setup) whenever
// the source or the available tools changed, or the addon does not load in the running Node (a
// Node-API addon is ABI-stable: the one built on Node 20 loads on Node 24); by hand:
//
//   node environment/build-native.js        # build now, say what happened
//   DIFFSIM_KERNEL=wasm npm test            # the WebAssembly kernels even when the addon is built
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { root, nativeAddon } = require("./paths");

const source = path.join(root, "lib", "tensor", "native", "blas.c");
const nodeInclude = path.join(path.dirname(process.execPath), "..", "include", "node");
const stampOf = (addon) => `${addon}.stamp`;

function findCompiler(env) {
  return [env.CC, "cc", "gcc", "clang"].filter(Boolean).find((cc) => !spawnSync(cc, ["--version"], { stdio: "ignore", env }).error) || null;
}

/** The usual places of libopenblas.so: installing OpenBLAS later changes the build key, so set-up retries. */
const LIBRARY_DIRS = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"];
const openblasFiles = () => LIBRARY_DIRS.map((dir) => path.join(dir, "libopenblas.so")).filter((file) => fs.existsSync(file));

/**
 * What an attempt depends on: the source, the platform, the compiler and OpenBLAS's presence, and for
 * a failed attempt also whether Node's headers were there (installing them is worth a retry). Not
 * Node's version: a built addon is kept as long as it loads (`loads`), e.g. on a newer Node.
 */
function attemptKey(env, built) {
  const text = fs.readFileSync(source, "utf8");
  const parts = [text, process.arch, findCompiler(env) || "no compiler", ...openblasFiles()];
  if (!built) parts.push(`headers: ${fs.existsSync(path.join(nodeInclude, "node_api.h"))}`);
  return crypto.createHash("sha256").update(parts.join("\n")).digest("hex");
}

/** True when the addon loads in this Node. */
function loads(addon) {
  try {
    require(addon);
    return true;
  } catch {
    return false;
  }
}

/** A reason to (re)build, or null when the last attempt had the same inputs and its addon (if any) loads here. */
function pending() {
  if (!fs.existsSync(source)) return null;
  const stamp = stampOf(nativeAddon);
  const last = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").split("\n")[0] : "";
  const built = fs.existsSync(nativeAddon);
  if (last === attemptKey(process.env, built) && (!built || loads(nativeAddon))) return null;
  return built ? "blas.c, the compiler or OpenBLAS changed, or the addon does not load in this Node → rebuild" : "not built yet, or the tools changed → try cc + OpenBLAS";
}

/** What the last build attempt said ("built …" or why not), or null before the first one. */
function lastBuildMessage() {
  const stamp = stampOf(nativeAddon);
  return fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").split("\n")[1] || null : null;
}

/**
 * Tries to build and load the addon into `output` (default build/diffsim_blas.node, with a stamp file
 * beside it); returns { built, message }. Never throws for missing tools.
 */
function build({ output = nativeAddon, env = process.env } = {}) {
  const finish = (built, message) => {
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(stampOf(output), `${attemptKey(env, built)}\n${message}\n`);
    if (!built) fs.rmSync(output, { force: true });
    return { built, message };
  };
  const cc = findCompiler(env);
  if (!cc) return finish(false, "no C compiler (cc/gcc/clang; Debian: apt-get install build-essential)");
  if (!fs.existsSync(path.join(nodeInclude, "node_api.h"))) return finish(false, `Node's C headers not found (${nodeInclude}/node_api.h)`);
  fs.mkdirSync(path.dirname(output), { recursive: true });
  const temporary = output.replace(/\.node$/, `.${process.pid}.tmp.node`); // require() needs the .node suffix
  const args = ["-O2", "-fPIC", "-shared", "-std=c11", "-Wall", "-I", nodeInclude, source, "-o", temporary, "-lopenblas"];
  const compiled = spawnSync(cc, args, { encoding: "utf8", env });
  if (compiled.status !== 0) {
    fs.rmSync(temporary, { force: true });
    const why = /-lopenblas|openblas/.test(compiled.stderr || "") ? "OpenBLAS not found (Debian/Ubuntu: apt-get install libopenblas-dev)" : `${cc} failed: ${(compiled.stderr || "").trim().split("\n").slice(-3).join(" | ")}`;
    return finish(false, why);
  }
  const probe = spawnSync(process.execPath, ["-e", `const m = require(${JSON.stringify(temporary)}); if (!(m.threads(0) >= 1)) process.exit(3);`], { encoding: "utf8" });
  if (probe.status !== 0) {
    fs.rmSync(temporary, { force: true });
    return finish(false, `the built addon does not load: ${(probe.stderr || "").trim().split("\n")[0]}`);
  }
  fs.renameSync(temporary, output);
  return finish(true, `built ${path.relative(root, output)} (${cc}, OpenBLAS)`);
}

/** The ensure.js step. */
const nativeStep = {
  name: "native kernels (optional, OpenBLAS)",
  pending,
  run() {
    const { built, message } = build();
    console.log(built ? `  ${message}` : `  skipped: ${message}; the WebAssembly kernels are used`);
  },
};

module.exports = { nativeStep, build, lastBuildMessage };

if (require.main === module) {
  const { built, message } = build();
  console.log(built ? message : `not built: ${message}; the WebAssembly kernels are used`);
}
