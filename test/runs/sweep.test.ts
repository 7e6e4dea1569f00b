import { test } from "node:test";
import assert from "node:assert/strict";
import { ChildProcess, spawn } from "child_process";
import { existsSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { computeRun, expandGrid, openStore, runKey, sweep } from "../../lib/runs";
import { RESUME_GRID } from "../support/sweep_grid";
import { storeRows } from "../support/store_rows";

const dir = mkdtempSync(join(tmpdir(), "diffsim-sweep-"));
const root = join(__dirname, "..", "..");
const configs = expandGrid(RESUME_GRID);
let reference: Record<string, unknown[]>;

/** Starts the sweep runner in its own process group; resolves the first time a run has been stored. */
function startRunner(store: string, workers: number): { child: ChildProcess; firstStored: Promise<void>; exit: Promise<{ code: number | null; signal: string | null; lines: Record<string, unknown>[] }> } {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "test", "support", "sweep_runner.ts"), store, String(workers)], { cwd: root, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  const lines: Record<string, unknown>[] = [];
  let onFirst: () => void;
  const firstStored = new Promise<void>((resolve) => (onFirst = resolve));
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() as string;
    for (const line of parts.filter((l) => l.startsWith("{"))) {
      const event = JSON.parse(line);
      lines.push(event);
      if (event.event === "progress" && event.computed >= 1) onFirst();
    }
  });
  const exit = new Promise<{ code: number | null; signal: string | null; lines: Record<string, unknown>[] }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, lines })));
  return { child, firstStored, exit };
}

/** True while any process of the group still exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGroupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 100 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(groupAlive(pgid), false, "no process of the sweep is left");
}

test("an uninterrupted sweep (1 worker) stores every run of the grid; a second sweep computes nothing", async () => {
  const file = join(dir, "reference.duckdb");
  const first = await sweep(configs, { store: file, workers: 1 });
  assert.deepEqual({ total: first.total, skipped: first.skipped, computed: first.computed, failed: first.failed, cancelled: first.cancelled }, { total: 12, skipped: 0, computed: 12, failed: 0, cancelled: false });
  const second = await sweep(configs, { store: file, workers: 2 });
  assert.deepEqual({ skipped: second.skipped, computed: second.computed, workers: second.workers }, { skipped: 12, computed: 0, workers: 0 });
  reference = await storeRows(file);
  assert.equal(reference.runs.length, 12);
  assert.equal(reference.steps.length, configs.reduce((n, c) => n + c.optimizer.maxIter + 1, 0));
  assert.deepEqual(reference.orphans, []);
  // a run computed in this process (BLAS threads of the test process) has the numbers the workers stored
  const store = await openStore(file, { readOnly: true });
  const here = computeRun(configs[5]);
  const stored = await store.get(runKey(configs[5]));
  await store.close();
  assert.deepEqual({ ...stored, wallTimeMs: 0, createdAt: "", host: "" }, { ...here, wallTimeMs: 0, createdAt: "", host: "" });
});

for (const kill of ["SIGINT", "SIGTERM", "SIGKILL to the process group"] as const) {
  test(`a sweep killed with ${kill} and started again computes only what is missing: same rows as without the kill`, async () => {
    assert.ok(reference, "the reference sweep ran");
    const file = join(dir, `killed-${kill.split(" ")[0]}.duckdb`);
    const first = startRunner(file, 2);
    await first.firstStored;
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 100))); // well within the ~0.5 s the other 11 runs take
    const pgid = first.child.pid as number;
    if (kill === "SIGKILL to the process group") process.kill(-pgid, "SIGKILL");
    else process.kill(pgid, kill);
    const stopped = await first.exit;
    await waitGroupGone(pgid);
    if (kill === "SIGKILL to the process group") assert.equal(stopped.signal, "SIGKILL");
    else {
      assert.equal(stopped.code, 0, "graceful stop");
      const done = stopped.lines.find((l) => l.event === "done") as { cancelled: boolean; computed: number };
      assert.equal(done.cancelled, true, "stopped before the end");
    }
    const partial = await storeRows(file);
    assert.ok(partial.runs.length >= 1 && partial.runs.length < 12, `the kill landed mid-sweep (${partial.runs.length} of 12 stored)`);
    assert.deepEqual(partial.orphans, [], "no partial run");

    const again = startRunner(file, 2);
    const finished = await again.exit;
    assert.equal(finished.code, 0);
    const done = finished.lines.find((l) => l.event === "done") as { skipped: number; computed: number; failed: number };
    assert.deepEqual({ skipped: done.skipped, computed: done.computed, failed: done.failed }, { skipped: partial.runs.length, computed: 12 - partial.runs.length, failed: 0 });
    await waitGroupGone(again.child.pid as number);
    assert.deepEqual(await storeRows(file), reference);
  });
}

test("sweep: bad configs are InputErrors naming the index and key; a run that throws is reported and the sweep goes on", async () => {
  await assert.rejects(sweep([configs[0], { ...configs[1], objective: "ckaa" }], { store: join(dir, "bad.duckdb") }), /configs\[1\]\.objective/);
  await assert.rejects(sweep(configs, { store: join(dir, "bad.duckdb"), workers: 0 }), /workers/);
  const file = join(dir, "failing.duckdb");
  const missingArray = { dataset: { array: "0".repeat(64) }, objective: "cka", optimizer: { seed: 0, maxIter: 3 } };
  const s = await sweep([missingArray, configs[0]], { store: file, workers: 1 });
  assert.equal(s.computed, 1);
  assert.equal(s.failed, 1);
  assert.match(s.failures[0].message, /InputError: arrays/);
});

test("sweep with user arrays: the arrays reach the workers and the key is their hash", async () => {
  const { arrayHash } = await import("../../lib/runs");
  const { ultrametric } = await import("../../lib");
  const data = ultrametric({ seed: 5, branches: [2, 10], dim: 12 });
  const hash = arrayHash(data);
  const config = { dataset: { array: hash, name: "mine" }, objective: "cka", optimizer: { seed: 0, maxIter: 5 }, record: { decoding: ["category"], every: 5 } };
  const file = join(dir, "arrays.duckdb");
  const s = await sweep([config], { store: file, workers: 1, arrays: { [hash]: data } });
  assert.deepEqual({ computed: s.computed, failed: s.failed }, { computed: 1, failed: 0 }, JSON.stringify(s.failures));
  const store = await openStore(file, { readOnly: true });
  const stored = await store.get(runKey(config));
  await store.close();
  const here = computeRun(config, { arrays: { [hash]: data } });
  assert.equal(stored?.dataset, "mine");
  assert.deepEqual(stored?.decoding, here.decoding);
  assert.deepEqual(stored?.scores, here.scores);
});

test("sweep: a worker that dies mid-run is replaced, its run reported as failed; the next sweep computes it", async (t) => {
  if (!existsSync("/proc/self/stat")) return t.skip("needs /proc (Linux) to find the worker process");
  const file = join(dir, "worker-dies.duckdb");
  // runs of about a second (ultrametric), so that the worker is still computing the next run when the first is stored
  const few = configs.filter((c) => (c.dataset as { id: string }).id === "ultrametric").slice(0, 3);
  let killed = 0;
  const s = await sweep(few, {
    store: file,
    workers: 1,
    onProgress: () => {
      if (killed++ > 0) return;
      const { readdirSync, readFileSync } = require("fs") as typeof import("fs");
      // the worker: a child of this process running worker.ts (it has just been handed the next run)
      const worker = readdirSync("/proc").filter((p) => /^\d+$/.test(p)).find((p) => {
        try {
          return readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[1] === String(process.pid) && readFileSync(`/proc/${p}/cmdline`, "utf8").includes("worker.ts");
        } catch {
          return false;
        }
      });
      assert.ok(worker, "found the worker process");
      process.kill(Number(worker), "SIGKILL");
    },
  });
  assert.deepEqual({ computed: s.computed, failed: s.failed }, { computed: 2, failed: 1 });
  assert.match(s.failures[0].message, /worker process died \(SIGKILL\)/);
  const again = await sweep(few, { store: file, workers: 1 });
  assert.deepEqual({ skipped: again.skipped, computed: again.computed }, { skipped: 2, computed: 1 });
  const rows = await storeRows(file);
  assert.deepEqual(rows.orphans, []);
  assert.deepEqual(rows.runs, (reference.runs as { key: string }[]).filter((r) => few.some((c) => runKey(c) === r.key)));
});
