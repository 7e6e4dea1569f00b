/**
 * Helpers of the platform tests: child processes that are always stopped, free loopback ports, the
 * Chromium and Python environment checks that decide between running, skipping and failing (in CI).
 *
 *   const r = await run(venvPython, ["-c", "print(1)"], { timeoutMs: 10_000 });
 */
import { spawn, type ChildProcess, type SpawnOptions } from "child_process";
import { randomBytes } from "crypto";
import { existsSync } from "fs";
import { createServer } from "net";
import { CHROMIUM_ARGS, chromiumPath } from "../../lib/display/static-export";

export const paths: {
  root: string;
  venvPython: string;
  venvBin(name: string): string;
  outputDir: string;
  jupyterEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
} = require("../../environment/paths");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a command to completion, collecting its output; after `timeoutMs` it is sent SIGTERM, then
 * SIGKILL 5 s later, and `timedOut` is set. Never rejects.
 */
export function run(command: string, args: string[], options: SpawnOptions & { timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    }, options.timeoutMs);
    child.on("error", (e) => (stderr += String(e)));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * `false` when the test can run, else the reason to skip it. In CI a missing piece is an error, not a skip:
 * .ci/run installs Chromium and `npm test` sets up the Python environment.
 */
export function missingPlatform(needs: { chromium?: boolean; venv?: boolean }): string | false {
  const reasons: string[] = [];
  if (needs.venv && !existsSync(paths.venvPython)) reasons.push("no .venv (run npm run setup)");
  if (needs.chromium && !chromiumPath()) reasons.push("no Chromium (apt-get install chromium, or set DIFFSIM_CHROMIUM)");
  if (reasons.length && process.env.CI) throw new Error(`CI is missing what the platform tests need: ${reasons.join("; ")}`);
  return reasons.length ? reasons.join("; ") : false;
}

/**
 * Headless Debian Chromium through playwright-core with the project's flags (a fresh temporary profile
 * per launch); the caller must `await browser.close()` in a finally block.
 *
 *   const browser = await launchChromium();
 *   try { const page = await browser.newPage(); … } finally { await browser.close(); }
 */
export async function launchChromium(extraArgs: string[] = []): Promise<import("playwright-core").Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: chromiumPath() ?? undefined, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 120_000 });
}

/** Waits until `url` answers OK (a starting Jupyter server), failing with its log if it exits or takes over 120 s. */
export async function waitForServer(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`JupyterLab exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`JupyterLab did not answer within 120 s:\n${log()}`);
}

/** A running JupyterLab of the project: its process, base URL, token and log so far. */
export interface LabServer {
  server: ChildProcess;
  base: string;
  token: string;
  log(): string;
}

/**
 * Starts JupyterLab as `npm run lab` does (environment/lab.js's arguments and environment, token in the
 * environment) on a free loopback port with a fresh token, and waits until it answers; `extraEnv` is
 * added to its environment (e.g. QUICK: "1" for the kernels it starts). Stop it with stopServer.
 *
 *   const lab = await startLab({ QUICK: "1" });
 *   try { await page.goto(`${lab.base}/lab?token=${lab.token}`); } finally { await stopServer(lab.server, lab.base, lab.token); }
 */
export async function startLab(extraEnv: NodeJS.ProcessEnv = {}): Promise<LabServer> {
  const { labArgs, labEnv } = require("../../environment/lab.js") as { labArgs(extra: string[]): string[]; labEnv(token: string): NodeJS.ProcessEnv };
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const base = `http://127.0.0.1:${port}`;
  const args = labArgs(["--no-browser", `--ServerApp.port=${port}`, "--ServerApp.port_retries=0"]);
  const server = spawn(paths.venvBin("jupyter"), args, { cwd: paths.root, env: { ...labEnv(token), ...extraEnv }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let serverLog = "";
  server.stdout!.on("data", (d) => (serverLog += d));
  server.stderr!.on("data", (d) => (serverLog += d));
  const lab = { server, base, token, log: () => serverLog };
  try {
    await waitForServer(`${base}/api/status?token=${token}`, server, lab.log);
  } catch (error) {
    await stopServer(server, base, token);
    throw error;
  }
  return lab;
}

/** Asks the server to shut down (kernels included), then kills its process group if it lingers. */
export async function stopServer(server: ChildProcess, base: string, token: string): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  await fetch(`${base}/api/shutdown?token=${token}`, { method: "POST" }).catch(() => undefined);
  const timeout = new Promise((r) => setTimeout(r, 15_000).unref());
  if ((await Promise.race([exited.then(() => "exited"), timeout])) !== "exited") {
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
