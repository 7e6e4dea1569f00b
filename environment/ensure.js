#!/usr/bin/env node
// The project's one set-up step, idempotent: run by `npm test`, `npm run lab`, `npm run notebooks`
// and `npm run reproduce` whenever something is missing, and by hand as `npm run setup`.
//
//   1. npm dependencies        (npm ci in a fresh clone, npm install when a dependency is missing)
//   2. Python virtual env      (.venv/ from environment/requirements.txt; reinstalled when that file changes)
//   3. repo kernelspec         ("tslab-repo" under .jupyter/kernels and .venv/share/jupyter/kernels,
//                               started at the repository root; never in the user's global Jupyter folders)
//   4. JupyterLab settings     (.jupyter/config: no news feed or update check; written once, yours after that)
//   5. native kernels          (optional: build/diffsim_blas.node over OpenBLAS when cc and libopenblas-dev
//                               are there, see build-native.js; otherwise the WebAssembly kernels are used)
//
// A second run only compares stamp files and takes milliseconds.
//
//   node environment/ensure.js                  # set up whatever is missing, saying what and why
//   node environment/ensure.js --quiet-if-ready # print nothing when everything is in place
//   node environment/ensure.js --kernel-only    # npm deps + kernelspec, for a JupyterLab of your own (pip/conda)
//   require("./ensure").ensureEnvironment({ quietIfReady: true })
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { root, venv, venvPython, jupyterDir, kernelName } = require("./paths");
const { nativeStep, lastBuildMessage } = require("./build-native");

const MIN_PYTHON = [3, 10];
const requirementsFile = path.join(__dirname, "requirements.txt");
const requirementsStamp = path.join(venv, ".diffsim-requirements.sha256");
const defaultLockDir = path.join(jupyterDir, "setup.lock");

/** A set-up failure whose message says what is missing and how to fix it. */
class SetupError extends Error {
  constructor(message) {
    super(message);
    this.name = "SetupError";
  }
}

const sha256 = (text) => crypto.createHash("sha256").update(text).digest("hex");
const readIfExists = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null);

// ---- 1. npm dependencies ---------------------------------------------------------------------

function missingNodePackages() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return names.filter((name) => !fs.existsSync(path.join(root, "node_modules", name, "package.json")));
}

function runNpm(args) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (r.error) throw new SetupError(`cannot run npm (${r.error.message}): install Node.js >= 20 with npm`);
  if (r.status !== 0) throw new SetupError(`"npm ${args.join(" ")}" failed (exit ${r.status}); its messages are above. The npm registry must be reachable.`);
}

const nodeStep = {
  name: "npm dependencies",
  pending() {
    const missing = missingNodePackages();
    if (missing.length === 0) return null;
    return fs.existsSync(path.join(root, "node_modules"))
      ? `missing ${missing.join(", ")} → npm install`
      : "no node_modules/ (fresh clone) → npm ci";
  },
  run() {
    const fresh = !fs.existsSync(path.join(root, "node_modules")) && fs.existsSync(path.join(root, "package-lock.json"));
    runNpm(fresh ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"]);
  },
};

// ---- 2. Python virtual environment -----------------------------------------------------------

/** Version [major, minor] of a Python that has venv and ensurepip, or a reason why it is unusable. */
function probePython(command) {
  const code = "import sys; print('%d.%d' % sys.version_info[:2]); import venv, ensurepip";
  const r = spawnSync(command, ["-c", code], { encoding: "utf8" });
  if (r.error) return { command, problem: "not found" };
  const version = (r.stdout || "").trim().split(".").map(Number);
  if (version.length !== 2 || version.some(Number.isNaN)) return { command, problem: `does not run (${(r.stderr || "").trim().split("\n").pop()})` };
  if (version[0] < MIN_PYTHON[0] || (version[0] === MIN_PYTHON[0] && version[1] < MIN_PYTHON[1]))
    return { command, problem: `is Python ${version.join(".")}, older than ${MIN_PYTHON.join(".")}` };
  if (r.status !== 0) return { command, problem: `is Python ${version.join(".")} without the venv/ensurepip modules` };
  return { command, version };
}

function findBasePython(candidates = [process.env.DIFFSIM_PYTHON, "python3", "/usr/bin/python3", "python"].filter(Boolean)) {
  const probes = [];
  for (const command of candidates) {
    const probe = probePython(command);
    if (probe.version) return probe;
    probes.push(`  ${command}: ${probe.problem}`);
  }
  throw new SetupError(
    `no usable Python ${MIN_PYTHON.join(".")}+ with the venv module:\n${probes.join("\n")}\n` +
      "Install one — Debian/Ubuntu: sudo apt-get install python3 python3-venv; macOS: brew install python; " +
      "Windows: python.org installer — or point DIFFSIM_PYTHON at an interpreter, then run npm run setup again.",
  );
}

function venvWorks() {
  return fs.existsSync(venvPython) && !spawnSync(venvPython, ["-c", "import sys"]).error;
}

const UNREACHABLE = /NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|Could not fetch URL|ProxyError|ConnectTimeout|ReadTimeout|No matching distribution found|Could not find a version that satisfies/;

/** What to tell the user after a failed pip install, from pip's stderr: its last lines and a fix. */
function pipFailureMessage(stderr) {
  const tail = stderr.split("\n").filter((l) => !/^WARNING: Location .* is ignored/.test(l)).slice(-25).join("\n");
  const hint = UNREACHABLE.test(stderr)
    ? "The Python package index is unreachable (or lacks a pinned version): check the network, a proxy (HTTPS_PROXY) or PIP_INDEX_URL, then run npm run setup again."
    : "pip could not install environment/requirements.txt; its last messages are above.";
  return `${tail}\n${hint}`;
}

function pipInstall() {
  const args = ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "-q", "-r", requirementsFile];
  const r = spawnSync(venvPython, args, { cwd: root, stdio: ["ignore", "inherit", "pipe"], encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new SetupError(pipFailureMessage(r.stderr || ""));
}

const pythonStep = {
  name: "Python environment (.venv/)",
  pending() {
    if (!venvWorks()) return fs.existsSync(venv) ? "existing .venv/ does not run → recreate it" : "no .venv/ → create it from environment/requirements.txt";
    if ((readIfExists(requirementsStamp) || "").trim() !== sha256(fs.readFileSync(requirementsFile, "utf8")))
      return "environment/requirements.txt changed since the last install → pip install";
    return null;
  },
  run() {
    if (!venvWorks()) {
      const base = findBasePython();
      fs.rmSync(venv, { recursive: true, force: true });
      console.log(`  creating .venv/ with ${base.command} (Python ${base.version.join(".")})`);
      const r = spawnSync(base.command, ["-m", "venv", venv], { stdio: "inherit" });
      if (r.status !== 0) throw new SetupError(`"${base.command} -m venv .venv" failed; on Debian/Ubuntu install python3-venv.`);
    }
    console.log("  pip install -r environment/requirements.txt (JupyterLab 4, nbclient, nbconvert, plotly renderer; about a minute)");
    pipInstall();
    fs.writeFileSync(requirementsStamp, sha256(fs.readFileSync(requirementsFile, "utf8")) + "\n");
  },
};

// ---- 3. repo kernelspec ----------------------------------------------------------------------

/**
 * The repo kernelspec: `node` from PATH runs launch.js, so the kernel runs on the node first on PATH —
 * the one running lab.js, run-notebooks.js or the tests (jupyterEnv puts its folder on PATH), e.g.
 * Node 24 in CI when that is first on PATH.
 */
function kernelspecFiles() {
  const kernelJson = {
    argv: ["node", "{resource_dir}/launch.js", "{connection_file}"],
    display_name: "TypeScript (diffsim repo)",
    language: "typescript",
    metadata: { note: "tslab started at the repository root; written by environment/ensure.js" },
  };
  return {
    "kernel.json": JSON.stringify(kernelJson, null, 2) + "\n",
    "launch.js": fs.readFileSync(path.join(__dirname, "kernel", "launch.js"), "utf8"),
  };
}

/** Kernelspec folders: the repo's own (JUPYTER_PATH) and the venv's, which VS Code finds beside .venv/. */
function kernelspecDirs() {
  const dirs = [path.join(jupyterDir, "kernels", kernelName)];
  if (fs.existsSync(venv)) dirs.push(path.join(venv, "share", "jupyter", "kernels", kernelName));
  return dirs;
}

function staleKernelspecFiles() {
  const files = kernelspecFiles();
  return kernelspecDirs().flatMap((dir) => Object.keys(files).map((name) => path.join(dir, name)).filter((file) => readIfExists(file) !== files[path.basename(file)]));
}

const kernelStep = {
  name: `kernelspec "${kernelName}"`,
  pending() {
    const stale = staleKernelspecFiles();
    return stale.length ? `write ${stale.map((f) => path.relative(root, f)).join(", ")} (tslab at the repo root, node from PATH)` : null;
  },
  run() {
    const files = kernelspecFiles();
    for (const file of staleKernelspecFiles()) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, files[path.basename(file)]);
    }
  },
};

// ---- 4. JupyterLab settings of the repo ------------------------------------------------------

/** Offline by design: no news feed and no update check (both phone home and open a consent pop-up). */
const labSettingsFile = path.join(jupyterDir, "config", "lab", "user-settings", "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings");

const labSettingsStep = {
  name: "JupyterLab settings (.jupyter/config)",
  pending() {
    return fs.existsSync(labSettingsFile) ? null : "no news feed or update check (offline; no consent pop-up)";
  },
  run() {
    fs.mkdirSync(path.dirname(labSettingsFile), { recursive: true });
    fs.writeFileSync(labSettingsFile, JSON.stringify({ fetchNews: "false", checkForUpdates: false }, null, 2) + "\n");
  },
};

// ---- driver ----------------------------------------------------------------------------------

/** Waits for (or takes) the set-up lock, so that parallel `npm test` runs never install twice at once. */
function withLock(work, lockDir = defaultLockDir) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  for (let announced = false; ; ) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const owner = Number(readIfExists(path.join(lockDir, "pid")));
      if (owner && !isAlive(owner)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new SetupError(`another set-up (pid ${owner}) holds ${path.relative(root, lockDir)} for 20 min; remove it if no set-up is running`);
      if (!announced) console.log(`waiting for another set-up to finish (pid ${owner || "?"})…`);
      announced = true;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
    return work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/**
 * Runs every set-up step that is not yet done, printing what it does and why, then the set-up time.
 * Throws SetupError (message says what is missing and how to fix it) when it cannot proceed.
 *
 *   ensureEnvironment({ quietIfReady: true, kernelOnly: false })
 */
function ensureEnvironment({ quietIfReady = false, kernelOnly = false } = {}) {
  const steps = kernelOnly ? [nodeStep, kernelStep, nativeStep] : [nodeStep, pythonStep, kernelStep, labSettingsStep, nativeStep];
  if (steps.every((step) => !step.pending())) {
    if (!quietIfReady) console.log(`environment ready: npm dependencies, .venv/, kernelspec tslab-repo; native kernels: ${lastBuildMessage() ?? "not tried"}`);
    return;
  }
  const started = Date.now();
  withLock(() => {
    for (const step of steps) {
      const reason = step.pending(); // re-checked: a parallel set-up may have done it, an earlier step may change it
      if (!reason) continue;
      console.log(`set-up: ${step.name}: ${reason}`);
      const t0 = Date.now();
      step.run();
      console.log(`set-up: ${step.name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  });
  console.log(`set-up finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = { ensureEnvironment, SetupError, findBasePython, pipFailureMessage, withLock };

if (require.main === module) {
  try {
    ensureEnvironment({ quietIfReady: process.argv.includes("--quiet-if-ready"), kernelOnly: process.argv.includes("--kernel-only") });
  } catch (e) {
    console.error(e instanceof SetupError ? `set-up failed: ${e.message}` : e);
    process.exit(1);
  }
}
