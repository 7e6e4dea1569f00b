#!/usr/bin/env node
// `npm run lab`: JupyterLab 4 from the project environment, on 127.0.0.1 only, with a random token,
// passed in the server's environment (JUPYTER_TOKEN, readable only by the user) rather than on its
// command line (which every local user sees through `ps`), serving the repository (the notebooks use the repo kernel "TypeScript (diffsim repo)"). Sets up
// whatever is missing first. Extra arguments go to jupyter lab, e.g. `npm run lab -- --no-browser --port 8890`.
"use strict";
const crypto = require("crypto");
const net = require("net");
const { spawn } = require("child_process");
const { root, venvBin, jupyterEnv } = require("./paths");
const { ensureEnvironment, SetupError } = require("./ensure");

/** Command-line arguments of `jupyter lab` for the project: loopback, repository as root (no token: see labEnv). */
function labArgs(extra = []) {
  const args = [
    "lab",
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.root_dir=${root}`,
    "--ServerApp.default_url=/lab/tree/notebooks",
    // offline by design: no news feed, no update check (both would call jupyterlab.github.io / PyPI)
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
  ];
  if (typeof process.getuid === "function" && process.getuid() === 0) args.push("--ServerApp.allow_root=True");
  return [...args, ...extra];
}

/** Environment of the `jupyter lab` process: the project's Jupyter paths and the token (jupyter_server reads JUPYTER_TOKEN). */
function labEnv(token, base = process.env) {
  return { ...jupyterEnv(base), JUPYTER_TOKEN: token };
}

if (require.main === module) {
  try {
    ensureEnvironment({ quietIfReady: true });
  } catch (e) {
    console.error(e instanceof SetupError ? `set-up failed: ${e.message}` : e);
    process.exit(1);
  }
  main(process.argv.slice(2));
}

/** The first free loopback port from `start` on (JupyterLab's own default is 8888). */
function freePort(start) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(freePort(start + 1)));
    server.listen(start, "127.0.0.1", () => server.close(() => resolve(start)));
  });
}

async function main(extra) {
  const token = crypto.randomBytes(24).toString("hex");
  const portGiven = extra.some((a) => /^--(ServerApp\.)?port(=|$)/.test(a));
  const port = portGiven ? null : await freePort(8888);
  const args = labArgs([...(port ? [`--ServerApp.port=${port}`] : []), ...extra]);
  console.log("Starting JupyterLab 4 on 127.0.0.1 (Ctrl+C stops it)…");
  const lab = spawn(venvBin("jupyter"), args, { cwd: root, env: labEnv(token), stdio: ["inherit", "inherit", "pipe"] });
  let log = ""; // JupyterLab masks a configured token in its log, so the URL is printed here
  lab.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    if (log === null) return;
    log += chunk;
    const running = /is running at:\s*\n.*?(http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
    if (running) {
      log = null;
      console.log(`\n    JupyterLab: ${running[1]}/lab/tree/notebooks?token=${token}\n`);
    }
  });
  process.on("SIGINT", () => undefined); // Ctrl+C reaches JupyterLab too (same process group): it asks, then stops
  process.on("SIGTERM", () => lab.kill("SIGTERM"));
  lab.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

module.exports = { labArgs, labEnv };
