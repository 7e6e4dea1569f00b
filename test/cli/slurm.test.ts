/**
 * End to end on a real single-node Slurm (environment/slurm/cluster.sh): a grid as a job array through
 * sbatch, one task cancelled, --resubmit-missing, merge, and the merged store equal to a local sweep of
 * the same grid, row for row. Skipped (with the reason) where Slurm cannot run; an error in CI, which
 * installs it. Nothing it started is left running.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { openStore } from "../../lib/runs/store";
import { ROOT, diffsim, scratch } from "./helpers";

const CLUSTER = join(ROOT, "environment", "slurm", "cluster.sh");
const BINARIES = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel"];

/** Why Slurm cannot run here, or false. In CI a missing piece is an error (.ci/run installs Slurm). */
function unavailable(): string | false {
  const missing = BINARIES.filter((b) => spawnSync("bash", ["-c", `command -v ${b}`]).status !== 0);
  const reasons = [
    ...(missing.length ? [`not installed: ${missing.join(", ")} (apt-get install --no-install-recommends slurmctld slurmd slurm-client munge)`] : []),
    ...(process.getuid?.() !== 0 ? ["not root (the test cluster's daemons run as root)"] : []),
  ];
  if (reasons.length && process.env.CI) throw new Error(`CI cannot run the Slurm test: ${reasons.join("; ")}`);
  return reasons.length ? reasons.join("; ") : false;
}

/**
 * PIDs of processes that belong to the test cluster in `dir`: its daemons and slurmstepd (their
 * environment carries the cluster's mark) and the jobs (submitted with SLURM_CONF=dir/slurm.conf).
 */
function clusterProcesses(dir: string): number[] {
  const marks = [`DIFFSIM_SLURM_CLUSTER=${dir}`, `SLURM_CONF=${join(dir, "slurm.conf")}`];
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").some((entry) => marks.includes(entry));
      } catch {
        return false;
      }
    })
    .map(Number);
}

function sh(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(command, args, { encoding: "utf8", env });
  assert.equal(r.status, 0, `${command} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** Waits until job `id` has left the queue (all its array tasks finished, failed or were cancelled). */
async function waitForJob(id: string, env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (sh("squeue", ["-h", "-j", id, "-o", "%i %T"], env).trim() !== "") {
    if (Date.now() > deadline) throw new Error(`job ${id} still queued after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A stored run without the columns that describe one computation (time, host). */
function comparable(run: object): object {
  const { wallTimeMs: _w, createdAt: _c, host: _h, ...rest } = run as Record<string, unknown>;
  return rest;
}

async function storeContents(file: string): Promise<Map<string, object>> {
  const store = await openStore(file, { readOnly: true });
  try {
    const out = new Map<string, object>();
    for (const key of [...(await store.keys())].sort()) out.set(key, comparable((await store.get(key)) as object));
    return out;
  } finally {
    await store.close();
  }
}

const skip = unavailable();

it("a grid as a Slurm job array: cancel a task, resubmit the missing shard, merge = a local sweep", { skip, timeout: 900_000 }, async (t) => {
  const work = scratch("diffsim-slurm-");
  const clusterDir = join(work, "cluster");
  const started = spawnSync("bash", [CLUSTER, "start", clusterDir], { encoding: "utf8" });
  if (started.status === 3 && !process.env.CI) return t.skip(started.stderr.trim());
  assert.equal(started.status, 0, `cluster start: ${started.stderr}`);
  const env = { ...process.env, SLURM_CONF: join(clusterDir, "slurm.conf") };
  try {
    const grid = join(work, "grid.yaml");
    writeFileSync(grid, "datasets: [toy2d, ultrametric]\nmeasures: [cka, procrustes-angular-score]\nseeds: [0, 1]\noptimizer: { lr: 0.1, maxIter: 15 }\nrecord: { every: 5, pcs: true }\n");
    const sweepDir = join(work, "sweep");
    const submitted = diffsim(["sweep", grid, "--slurm", "--store", sweepDir, "--shards", "4", "--submit"], { cwd: work, env });
    assert.equal(submitted.code, 0, submitted.stderr);
    const job = /submitted job (\d+) \(array 0-3\)/.exec(submitted.stdout)?.[1];
    assert.ok(job, submitted.stdout);
    sh("scancel", [`${job}_3`], env);
    await waitForJob(job, env);

    const resubmitted = diffsim(["sweep", grid, "--slurm", "--store", sweepDir, "--resubmit-missing"], { cwd: work, env });
    const logs = () => readdirSync(join(sweepDir, "logs")).map((f) => `${f}:\n${readFileSync(join(sweepDir, "logs", f), "utf8")}`).join("\n");
    assert.equal(resubmitted.code, 0, resubmitted.stderr);
    assert.match(resubmitted.stdout, /missing shards: 3\n/, `only the cancelled task is missing\n${resubmitted.stdout}\n${logs()}`);
    const second = /submitted job (\d+) \(array 3\)/.exec(resubmitted.stdout)?.[1];
    assert.ok(second, resubmitted.stdout);
    await waitForJob(second, env);
    const again = diffsim(["sweep", grid, "--slurm", "--store", sweepDir, "--resubmit-missing"], { cwd: work, env });
    assert.match(again.stdout, /all 4 shards are complete/, `${again.stdout}\n${logs()}`);

    const shards = [0, 1, 2, 3].map((i) => join(sweepDir, `shard-${i}.duckdb`));
    assert.ok(shards.every(existsSync));
    const merged = diffsim(["merge", "--into", join(work, "merged.duckdb"), ...shards], { cwd: work });
    assert.equal(merged.code, 0, merged.stderr);
    assert.match(merged.stdout, /8 runs added, 0 already there/);
    const local = diffsim(["sweep", grid, "--store", join(work, "local.duckdb"), "--workers", "2"], { cwd: work });
    assert.equal(local.code, 0, local.stderr);

    const fromCluster = await storeContents(join(work, "merged.duckdb"));
    const fromLocal = await storeContents(join(work, "local.duckdb"));
    assert.equal(fromCluster.size, 8);
    assert.deepEqual([...fromCluster.keys()], [...fromLocal.keys()]);
    for (const [key, run] of fromLocal) assert.deepEqual(fromCluster.get(key), run, `run ${key}`);
  } finally {
    const stopped = spawnSync("bash", [CLUSTER, "stop", clusterDir], { encoding: "utf8" });
    assert.equal(stopped.status, 0, `cluster stop: ${stopped.stderr}`);
    assert.deepEqual(clusterProcesses(clusterDir), [], "nothing of the cluster is left running");
  }
  rmSync(work, { recursive: true, force: true });
});

it("cluster.sh stop leaves nothing running, also when the daemons died before their jobs", { skip, timeout: 300_000 }, async (t) => {
  const work = scratch("diffsim-slurm-stop-");
  const clusterDir = join(work, "cluster");
  const started = spawnSync("bash", [CLUSTER, "start", clusterDir], { encoding: "utf8" });
  if (started.status === 3 && !process.env.CI) return t.skip(started.stderr.trim());
  assert.equal(started.status, 0, `cluster start: ${started.stderr}`);
  const env = { ...process.env, SLURM_CONF: join(clusterDir, "slurm.conf") };
  try {
    sh("sbatch", ["--array=0-1", `--output=${join(clusterDir, "log", "sleep-%a.out")}`, "--wrap", "sleep 600"], env);
    const deadline = Date.now() + 60_000;
    while (sh("squeue", ["-h", "-t", "R", "-o", "%i"], env).trim().split("\n").filter(Boolean).length < 2) {
      assert.ok(Date.now() < deadline, "the two array tasks did not start within 60 s");
      await new Promise((r) => setTimeout(r, 300));
    }
    const pid = (name: string) => Number(readFileSync(join(clusterDir, "run", `${name}.pid`), "utf8"));
    process.kill(pid("slurmctld"), "SIGKILL");
    process.kill(pid("slurmd"), "SIGKILL");
    await new Promise((r) => setTimeout(r, 500));
    const orphans = clusterProcesses(clusterDir).map((p) => readFileSync(`/proc/${p}/cmdline`, "latin1").replace(/\0/g, " ").trim());
    assert.ok(orphans.filter((c) => c === "sleep 600").length === 2, `the jobs outlive the daemons: ${orphans.join(" | ")}`);
    assert.ok(orphans.some((c) => c.startsWith("slurmstepd")), orphans.join(" | "));
  } finally {
    const stopped = spawnSync("bash", [CLUSTER, "stop", clusterDir], { encoding: "utf8" });
    assert.equal(stopped.status, 0, `cluster stop: ${stopped.stderr}`);
    assert.deepEqual(clusterProcesses(clusterDir), [], "nothing of the cluster is left running");
  }
  rmSync(work, { recursive: true, force: true });
});
