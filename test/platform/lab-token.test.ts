/**
 * `npm run lab` (environment/lab.js) as a user runs it: the token reaches JupyterLab through its
 * environment, never its command line (no process's arguments, as `ps` shows them to every local user,
 * contain it); the server accepts it and refuses a wrong one; a kernel started there runs on the node
 * that started lab.js (first on PATH), and nothing is written to ~/.ipython (HOME is a fresh folder).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { freePort, missingPlatform, paths } from "./helpers";

const skip = process.platform !== "linux" ? "reads /proc (Linux only)" : missingPlatform({ venv: true });

/** Command line of every process (as `ps` shows them), with the pid. */
function commandLines(): { pid: number; args: string }[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        return [{ pid: Number(pid), args: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ") }];
      } catch {
        return []; // ended meanwhile
      }
    });
}

test("npm run lab: token only in the environment, accepted; the kernel runs on this node; no ~/.ipython", { skip, timeout: 300_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), "diffsim-home-"));
  const port = await freePort();
  const lab = spawn(process.execPath, [join(paths.root, "environment", "lab.js"), "--no-browser", `--ServerApp.port=${port}`, "--ServerApp.port_retries=0"], {
    cwd: paths.root,
    env: { ...process.env, HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  lab.stdout!.on("data", (d) => (log += d));
  lab.stderr!.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  let token = "";
  try {
    const deadline = Date.now() + 180_000;
    while (!token) {
      if (lab.exitCode !== null || Date.now() > deadline) throw new Error(`lab.js did not print its URL:\n${log}`);
      token = /\?token=([0-9a-f]+)/.exec(log)?.[1] ?? "";
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.equal((await fetch(`${base}/api/status?token=${token}`)).status, 200);
    assert.equal((await fetch(`${base}/api/status?token=${"0".repeat(token.length)}`)).status, 403);
    const leaking = commandLines().filter((p) => p.args.includes(token));
    assert.deepEqual(leaking, [], "no process shows the token in its arguments");
    const ps = spawnSync("ps", ["-eo", "args"], { encoding: "utf8" });
    if (!ps.error) assert.ok(!ps.stdout.includes(token));

    const kernel = (await (await fetch(`${base}/api/kernels?token=${token}`, { method: "POST", body: JSON.stringify({ name: "tslab-repo" }) })).json()) as { id: string };
    let launcher: { pid: number; args: string } | undefined;
    for (let i = 0; i < 100 && !launcher; i++) {
      launcher = commandLines().find((p) => p.args.includes("tslab-repo/launch.js") && p.args.includes(kernel.id));
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(launcher, "the kernel process");
    assert.equal(realpathSync(`/proc/${launcher.pid}/exe`), realpathSync(process.execPath), "the kernel runs on the node that started lab.js");
    await fetch(`${base}/api/kernels/${kernel.id}?token=${token}`, { method: "DELETE" });
    assert.ok(!existsSync(join(home, ".ipython")), "~/.ipython was created");
  } finally {
    if (token) await fetch(`${base}/api/shutdown?token=${token}`, { method: "POST" }).catch(() => undefined);
    const exited = lab.exitCode !== null || (await Promise.race([new Promise((r) => lab.once("exit", () => r(true))), new Promise((r) => setTimeout(() => r(false), 15_000).unref())]));
    if (!exited) process.kill(-lab.pid!, "SIGKILL");
  }
});
