#!/usr/bin/env node
// `npm run lab`: JupyterLab 4 from the project environment, on 127.0.0.1 only, with a random token,
// serving the repository (the notebooks use the repo kernel "TypeScript (diffsim repo)"). Sets up
// whatever is missing first. Extra arguments go to jupyter lab, e.g. `npm run lab -- --no-browser --port 8890`.
"use strict";
const crypto = require("crypto");
const { spawn } = require("child_process");
const { root, venvBin, jupyterEnv } = require("./paths");
const { ensureEnvironment, SetupError } = require("./ensure");

/** Command-line arguments of `jupyter lab` for the project: loopback, token, repository as root. */
function labArgs(token, extra = []) {
  const args = [
    "lab",
    "--ServerApp.ip=127.0.0.1",
    `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${root}`,
    "--ServerApp.default_url=/lab/tree/notebooks",
    // offline by design: no news feed, no update check (both would call jupyterlab.github.io / PyPI)
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
  ];
  if (typeof process.getuid === "function" && process.getuid() === 0) args.push("--ServerApp.allow_root=True");
  return [...args, ...extra];
}

if (require.main === module) {
  try {
    ensureEnvironment({ quietIfReady: true });
  } catch (e) {
    console.error(e instanceof SetupError ? `set-up failed: ${e.message}` : e);
    process.exit(1);
  }
  const token = crypto.randomBytes(24).toString("hex");
  console.log("Starting JupyterLab on 127.0.0.1 (stop with Ctrl+C); open the URL with the token that it prints.");
  const lab = spawn(venvBin("jupyter"), labArgs(token, process.argv.slice(2)), { cwd: root, env: jupyterEnv(), stdio: "inherit" });
  process.on("SIGINT", () => undefined); // Ctrl+C reaches JupyterLab too (same process group): it asks, then stops
  process.on("SIGTERM", () => lab.kill("SIGTERM"));
  lab.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

module.exports = { labArgs };
