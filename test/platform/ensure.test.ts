/**
 * The set-up step (environment/ensure.js): idempotent and silent when ready, the repo kernelspec it
 * writes, and failure messages that say what is missing and how to fix it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { missingPlatform, paths, run } from "./helpers";

const ensure: {
  findBasePython(candidates: string[]): { command: string; version: number[] };
  pipFailureMessage(stderr: string): string;
  withLock<T>(work: () => T, lockDir: string): T;
  SetupError: new (message: string) => Error;
} = require("../../environment/ensure");

const skipNoVenv = missingPlatform({ venv: true });

test("a second run does nothing and prints nothing (--quiet-if-ready)", { skip: skipNoVenv }, () => {
  const r = spawnSync(process.execPath, [join(paths.root, "environment", "ensure.js"), "--quiet-if-ready"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout + r.stderr, "");
});

test("the repo kernelspec starts tslab through launch.js with the node first on PATH, in the repo and in the venv", { skip: skipNoVenv }, () => {
  for (const dir of [join(paths.root, ".jupyter", "kernels", "tslab-repo"), join(paths.root, ".venv", "share", "jupyter", "kernels", "tslab-repo")]) {
    const spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8"));
    assert.deepEqual(spec.argv, ["node", "{resource_dir}/launch.js", "{connection_file}"]);
    assert.equal(spec.language, "typescript");
    assert.equal(readFileSync(join(dir, "launch.js"), "utf8"), readFileSync(join(paths.root, "environment", "kernel", "launch.js"), "utf8"));
  }
});

test("Jupyter runs with every config/data/runtime path inside .jupyter/, never the user's folders", () => {
  const env = paths.jupyterEnv({ PATH: "/usr/bin" });
  for (const key of ["JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR"])
    assert.ok(env[key]!.startsWith(join(paths.root, ".jupyter")), `${key}=${env[key]}`);
  assert.ok(env.PATH!.startsWith(join(paths.root, ".venv")), "the venv's bin/ comes first");
  assert.equal(env.PATH!.split(":")[1], dirname(process.execPath), "then this node's folder, so the kernel's `node` is this node");
});

test("no usable Python: the message lists each candidate's problem and how to install one", () => {
  const dir = mkdtempSync(join(tmpdir(), "diffsim-python-"));
  try {
    const fake = (name: string, script: string) => {
      writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
      chmodSync(join(dir, name), 0o755);
      return join(dir, name);
    };
    const old = fake("python-old", "echo 3.8");
    const noVenv = fake("python-novenv", "echo 3.12; echo 'No module named venv' >&2; exit 1");
    const missing = join(dir, "python-missing");
    assert.throws(
      () => ensure.findBasePython([missing, old, noVenv]),
      (e: Error) =>
        e instanceof ensure.SetupError &&
        e.message.includes(`${missing}: not found`) &&
        e.message.includes(`${old}: is Python 3.8, older than 3.10`) &&
        e.message.includes(`${noVenv}: is Python 3.12 without the venv/ensurepip modules`) &&
        e.message.includes("sudo apt-get install python3 python3-venv") &&
        e.message.includes("DIFFSIM_PYTHON"),
    );
    const good = fake("python-good", "echo 3.11");
    assert.deepEqual(ensure.findBasePython([old, good]), { command: good, version: [3, 11] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("pip failures: an unreachable index is named as such, with the fix; other failures point at pip's messages", () => {
  const offline = ensure.pipFailureMessage("WARNING: Retrying ... NewConnectionError('Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')\nERROR: No matching distribution found for jupyterlab==4.6.6");
  assert.match(offline, /No matching distribution found for jupyterlab==4\.6\.6\nThe Python package index is unreachable .*PIP_INDEX_URL.*npm run setup/);
  assert.match(ensure.pipFailureMessage("ERROR: Failed building wheel for x"), /Failed building wheel for x\npip could not install environment\/requirements\.txt/);
});

test("the set-up lock: a stale lock (dead owner) is taken over, a live one is waited for", async () => {
  const dir = mkdtempSync(join(tmpdir(), "diffsim-lock-"));
  const lock = join(dir, "setup.lock");
  try {
    mkdirSync(lock);
    writeFileSync(join(lock, "pid"), "999999999");
    assert.equal(ensure.withLock(() => "ran", lock), "ran");
    assert.ok(!existsSync(lock), "released after the work");

    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    mkdirSync(lock);
    writeFileSync(join(lock, "pid"), String(holder.pid));
    setTimeout(() => (rmSync(lock, { recursive: true, force: true }), holder.kill()), 1500);
    const code = `console.log(require(${JSON.stringify(join(paths.root, "environment", "ensure.js"))}).withLock(() => "after wait", ${JSON.stringify(lock)}))`;
    const waiter = await run(process.execPath, ["-e", code], { timeoutMs: 30_000 });
    assert.match(waiter.stdout, new RegExp(`^waiting for another set-up to finish \\(pid ${holder.pid}\\)…\nafter wait\n$`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
