#!/usr/bin/env node
// Installs the named @tensorflow/tfjs-node (TensorFlow's C library under tfjs) from the registries
// these machines reach, since its own install step downloads libtensorflow from a host that is not one.
// Opt-in (`npm run setup:tfjs-node`), idempotent, Linux x86-64 only; CI runs it as its own step.
//
//   1. libtensorflow: PyPI's tensorflow-cpu wheel (pip download, nothing installed into any Python)
//      ships libtensorflow_cc.so.2 and libtensorflow_framework.so.2, which export the C API the addon
//      calls, and the C headers; both are unpacked into .cache/tfjs-node/libtensorflow-<version>/.
//   2. the package: @tensorflow/tfjs-node 4.22.0 from the npm registry (npm pack), unpacked into
//      node_modules/tfjs-node-native (the optional dependency's name in package.json) with its
//      dependencies nested inside it, all but @tensorflow/tfjs: that one resolves to the project's
//      own copy, so there is one tfjs engine.
//   3. its addon, built from its source with npm's node-gyp against those headers and libraries and
//      this Node's own headers (no download), where tfjs-node looks for it (lib/napi-v8/).
//   4. a smoke test in a fresh process: the "tensorflow" backend registers and multiplies.
//
//   node environment/tfjs-node.js            # install (or say it is already installed)
//   node environment/tfjs-node.js --check    # exit 0 when installed and loading, 1 otherwise
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { root, venvPython } = require("./paths");

const TFJS_NODE_VERSION = "4.22.0";
const TENSORFLOW_WHEEL = "tensorflow-cpu==2.21.0";
const cacheDir = path.join(root, ".cache", "tfjs-node");
const libDir = path.join(cacheDir, "libtensorflow-2.21.0");
const packageDir = path.join(root, "node_modules", "tfjs-node-native");
const stampFile = path.join(packageDir, ".diffsim-built");
/** Header trees the addon's includes reach (tensorflow/c/c_api.h and what it includes). */
const HEADER_PREFIXES = ["tensorflow/c/", "xla/tsl/c/", "tsl/platform/ctstring", "tensorflow/core/platform/ctstring"];
const LIBRARIES = ["libtensorflow_cc.so.2", "libtensorflow_framework.so.2"];

/** What this build depends on; a different stamp means rebuild. */
const stampText = () => [TFJS_NODE_VERSION, TENSORFLOW_WHEEL, process.version, process.arch, process.execPath].join("\n");

class TfjsNodeSetupError extends Error {}

function log(message) {
  console.log(`tfjs-node: ${message}`);
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 << 20, ...options });
  if (r.error) throw new TfjsNodeSetupError(`cannot run ${command}: ${r.error.message}`);
  if (r.status !== 0) throw new TfjsNodeSetupError(`"${command} ${args.join(" ")}" failed (exit ${r.status}):\n${(r.stderr || r.stdout || "").slice(-3000)}`);
  return r.stdout;
}

/** A Python with pip: the project's venv when set up, else python3. */
function python() {
  for (const candidate of [venvPython, "python3"]) {
    const r = spawnSync(candidate, ["-m", "pip", "--version"], { stdio: "ignore" });
    if (!r.error && r.status === 0) return candidate;
  }
  throw new TfjsNodeSetupError("no Python with pip found (needed only to download the tensorflow-cpu wheel from PyPI)");
}

/** Step 1: the C libraries and headers from the tensorflow-cpu wheel. */
function ensureLibtensorflow() {
  if (LIBRARIES.every((name) => fs.existsSync(path.join(libDir, "lib", name)))) return;
  const downloads = path.join(cacheDir, "wheel");
  fs.mkdirSync(downloads, { recursive: true });
  log(`downloading the ${TENSORFLOW_WHEEL} wheel from PyPI (~270 MB) for its libtensorflow C API`);
  run(python(), ["-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check", "-d", downloads, TENSORFLOW_WHEEL], { stdio: ["ignore", "inherit", "pipe"] });
  const wheel = fs.readdirSync(downloads).find((f) => f.startsWith("tensorflow_cpu-") && f.endsWith(".whl"));
  if (!wheel) throw new TfjsNodeSetupError(`pip reported success but no tensorflow_cpu wheel is in ${downloads}`);
  log("unpacking libtensorflow (~850 MB) and the C headers");
  const partial = `${libDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  const unpack = [
    "import json, os, shutil, sys, zipfile",
    "wheel, out, prefixes, libs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])",
    "z = zipfile.ZipFile(wheel)",
    "for name in z.namelist():",
    "    if name.endswith('/'): continue",
    "    rel = name[len('tensorflow/include/'):] if name.startswith('tensorflow/include/') else None",
    "    if rel is not None and any(rel.startswith(p) for p in prefixes): dest = os.path.join(out, 'include', rel)",
    "    elif name.startswith('tensorflow/') and os.path.basename(name) in libs: dest = os.path.join(out, 'lib', os.path.basename(name))",
    "    else: continue",
    "    os.makedirs(os.path.dirname(dest), exist_ok=True)",
    "    with z.open(name) as src, open(dest, 'wb') as dst: shutil.copyfileobj(src, dst, 1 << 20)",
  ].join("\n");
  run(python(), ["-c", unpack, path.join(downloads, wheel), partial, JSON.stringify(HEADER_PREFIXES), JSON.stringify(LIBRARIES)]);
  const missing = LIBRARIES.filter((name) => !fs.existsSync(path.join(partial, "lib", name)));
  if (missing.length) throw new TfjsNodeSetupError(`the wheel ${wheel} has no ${missing.join(", ")}`);
  fs.rmSync(libDir, { recursive: true, force: true });
  fs.renameSync(partial, libDir);
  fs.rmSync(downloads, { recursive: true, force: true });
}

/** Step 2: the npm package and its run-time dependencies, unpacked (no install script runs). */
function ensurePackage() {
  const staging = path.join(cacheDir, "package");
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  log(`fetching @tensorflow/tfjs-node@${TFJS_NODE_VERSION} from the npm registry`);
  const tarball = run("npm", ["pack", `@tensorflow/tfjs-node@${TFJS_NODE_VERSION}`, "--silent", "--pack-destination", staging]).trim().split("\n").pop();
  run("tar", ["xzf", path.join(staging, tarball), "-C", staging]);
  const unpacked = path.join(staging, "package");
  const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, "package.json"), "utf8"));
  // Its dependencies but @tensorflow/tfjs, which must resolve to the project's copy (one engine).
  const runtime = Object.fromEntries(Object.entries(manifest.dependencies).filter(([name]) => name !== "@tensorflow/tfjs"));
  const depsDir = path.join(staging, "runtime-deps");
  fs.mkdirSync(depsDir);
  fs.writeFileSync(path.join(depsDir, "package.json"), JSON.stringify({ name: "tfjs-node-runtime-deps", private: true, dependencies: runtime }));
  run("npm", ["install", "--omit=dev", "--ignore-scripts", "--no-package-lock", "--no-audit", "--no-fund", "--silent"], { cwd: depsDir });
  fs.renameSync(path.join(depsDir, "node_modules"), path.join(unpacked, "node_modules"));
  fs.rmSync(packageDir, { recursive: true, force: true });
  fs.renameSync(unpacked, packageDir);
  fs.rmSync(staging, { recursive: true, force: true });
}

/** npm's own node-gyp (npm ships it), so nothing more is installed. */
function nodeGyp() {
  const globalRoot = run("npm", ["root", "-g"]).trim();
  const candidates = [path.join(globalRoot, "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"), path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js")];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new TfjsNodeSetupError(`node-gyp not found beside npm (looked in ${candidates.join(", ")})`);
  return found;
}

/** Step 3: link deps/ to the unpacked library, build the addon, put it where tfjs-node loads it from. */
function buildAddon() {
  const nodeDir = path.resolve(path.dirname(process.execPath), "..");
  if (!fs.existsSync(path.join(nodeDir, "include", "node", "node_api.h")))
    throw new TfjsNodeSetupError(`Node's C headers are not in ${nodeDir}/include/node (install Node with its headers, e.g. the official tarball or your distribution's nodejs-dev)`);
  const deps = path.join(packageDir, "deps");
  fs.rmSync(deps, { recursive: true, force: true });
  fs.mkdirSync(path.join(deps, "lib"), { recursive: true });
  fs.symlinkSync(path.join(libDir, "include"), path.join(deps, "include"));
  for (const name of LIBRARIES) fs.symlinkSync(path.join(libDir, "lib", name), path.join(deps, "lib", name));
  // binding.gyp links -ltensorflow -ltensorflow_framework; the wheel's C API lives in libtensorflow_cc.
  fs.symlinkSync("libtensorflow_cc.so.2", path.join(deps, "lib", "libtensorflow.so"));
  fs.symlinkSync("libtensorflow_framework.so.2", path.join(deps, "lib", "libtensorflow_framework.so"));
  const napi = 8;
  log("building the addon from source (node-gyp, ~1 min)");
  run(process.execPath, [nodeGyp(), "rebuild", `--nodedir=${nodeDir}`, "--module_name=tfjs_binding", `--module_path=lib/napi-v${napi}`, `--napi_build_version=${napi}`], { cwd: packageDir });
  const built = path.join(packageDir, "build", "Release", "tfjs_binding.node");
  const target = path.join(packageDir, "lib", `napi-v${napi}`, "tfjs_binding.node");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(built, target);
}

/** Step 4: load it in a fresh process; returns the problem or null. */
function smokeTest() {
  const code = [
    'const tf = require("tfjs-node-native");',
    'if (tf.getBackend() !== "tensorflow") throw new Error("backend " + tf.getBackend());',
    "const a = tf.tensor2d([[1, 2], [3, 4]]);",
    'const v = Array.from(a.matMul(a).dataSync()).join(",");',
    'if (v !== "7,10,15,22") throw new Error("matMul gave " + v);',
  ].join("\n");
  const r = spawnSync(process.execPath, ["-e", code], { cwd: root, encoding: "utf8" });
  return r.status === 0 ? null : (r.stderr || r.stdout || `exit ${r.status}`).trim().split("\n").slice(-6).join("\n");
}

function installed() {
  return fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stampText();
}

function main(argv) {
  if (argv.includes("--check")) {
    const problem = installed() ? smokeTest() : "not installed (npm run setup:tfjs-node)";
    console.log(problem ? `tfjs-node: ${problem}` : "tfjs-node: installed, the tensorflow backend loads");
    return problem ? 1 : 0;
  }
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new TfjsNodeSetupError(`this set-up covers Linux x86-64; on ${process.platform}-${process.arch} install @tensorflow/tfjs-node the usual way (it downloads its own libtensorflow)`);
  if (installed() && !smokeTest()) {
    log("already installed; the tensorflow backend loads");
    return 0;
  }
  const started = Date.now();
  ensureLibtensorflow();
  ensurePackage();
  buildAddon();
  const problem = smokeTest();
  if (problem) throw new TfjsNodeSetupError(`built, but it does not load:\n${problem}`);
  fs.writeFileSync(stampFile, stampText());
  log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s; the tensorflow backend loads`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof TfjsNodeSetupError ? `tfjs-node: ${error.message}` : error);
    process.exitCode = 1;
  }
}

module.exports = { main, smokeTest, installed };
