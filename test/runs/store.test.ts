import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DuckDBInstance } from "@duckdb/node-api";
import { InputError } from "../../lib";
import { RunResult, SCHEMA_VERSION, computeRun, openStore } from "../../lib/runs";

const dir = mkdtempSync(join(tmpdir(), "diffsim-store-"));
const computed = computeRun({ dataset: "toy2d", objective: "cka", optimizer: { seed: 0, maxIter: 30 }, record: { every: 5, decoding: true, pcs: true, snapshots: true } });

/** A run whose numbers need exact storage: NaN and ±Infinity scores, subnormals, long mantissas. */
function unusual(key: string): RunResult {
  return {
    ...computed,
    key,
    scores: [NaN, 0.1 + 0.2, 5e-324, -Infinity, Infinity, 1 / 3],
    iterations: 5,
    initialScore: NaN,
    finalScore: 1 / 3,
    decoding: [{ step: 0, label: "choice", accuracy: 2 / 3, std: NaN }],
    pcs: [],
    snapshots: [{ step: 5, shape: [2, 1, 3], data: Float64Array.from([1e-310, -0.5, 7 / 9, 1e300, 0, -1]) }],
  };
}

async function count(file: string, table: string): Promise<number> {
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const c = await instance.connect();
  const n = Number((await c.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjects()[0].n);
  c.closeSync();
  instance.closeSync();
  return n;
}

test("store round trip: get returns exactly what put stored (values to the bit, snapshots as .npy files)", async () => {
  const file = join(dir, "roundtrip.duckdb");
  const store = await openStore(file);
  assert.equal(store.path, file);
  assert.equal(await store.has(computed.key), false);
  assert.equal(await store.put(computed), true);
  assert.equal(await store.has(computed.key), true);
  assert.deepEqual(await store.get(computed.key), computed);
  const odd = unusual("a".repeat(64));
  assert.equal(await store.put(odd), true);
  assert.deepEqual(await store.get(odd.key), odd);
  assert.ok(existsSync(join(store.snapshotDir, odd.key, "5.npy")));
  assert.deepEqual(await store.keys(), new Set([computed.key, odd.key]));
  const { config, scores, decoding, pcs, snapshots, ...summary } = computed;
  assert.ok(config && scores && decoding && pcs && snapshots);
  assert.deepEqual(await store.list({ dataset: "toy2d", seed: [0, 3], key: computed.key }), [summary]);
  assert.deepEqual((await store.list({ measure: ["nbs"] })).length, 0);
  assert.deepEqual((await store.list({ limit: 1 })).map((r) => r.key), [[computed.key, odd.key].sort()[0]]);
  assert.equal(await store.get("f".repeat(64)), undefined);
  await store.close();
  const again = await openStore(file, { readOnly: true });
  assert.deepEqual(await again.get(computed.key), computed);
  await assert.rejects(again.put(unusual("b".repeat(64))), /read-only/);
  await again.close();
});

test("store: the same key twice is ignored, never duplicated; a failed put leaves nothing behind", async () => {
  const file = join(dir, "idempotent.duckdb");
  const store = await openStore(file);
  const results = await Promise.all([store.put(computed), store.put(computed), store.put({ ...computed, finalScore: 0 })]);
  assert.deepEqual(results, [true, false, false]);
  const broken = { ...unusual("c".repeat(64)), decoding: [{ step: 0, label: undefined as unknown as string, accuracy: 1, std: 0 }] };
  await assert.rejects(store.put(broken));
  assert.equal(await store.has(broken.key), false);
  await store.close();
  for (const [table, rows] of [["runs", 1], ["steps", computed.scores.length], ["decoding", computed.decoding.length], ["pcs", computed.pcs.length], ["snapshots", computed.snapshots.length]] as const)
    assert.equal(await count(file, table), rows, table);
});

test("store schema: documented tables and columns, schema_version; a newer schema is refused with a clear error", async () => {
  const file = join(dir, "schema.duckdb");
  await (await openStore(file)).close();
  const instance = await DuckDBInstance.create(file);
  const c = await instance.connect();
  const columns = (await c.runAndReadAll("SELECT table_name AS t, column_name AS c FROM information_schema.columns ORDER BY table_name, ordinal_position")).getRowObjects();
  const of = (t: string) => columns.filter((r) => r.t === t).map((r) => r.c);
  assert.deepEqual(of("runs"), ["key", "config", "dataset", "measure", "seed", "iterations", "initial_score", "final_score", "stop_reason", "non_finite", "wall_time_ms", "numbers_version", "kernel", "created_at", "host"]);
  assert.deepEqual(of("steps"), ["key", "step", "score"]);
  assert.deepEqual(of("decoding"), ["key", "step", "label", "accuracy", "std"]);
  assert.deepEqual(of("pcs"), ["key", "step", "pc", "r2", "explained_variance"]);
  assert.deepEqual(of("snapshots"), ["key", "step", "file", "shape"]);
  assert.equal(Number((await c.runAndReadAll("SELECT max(version) AS v FROM schema_version")).getRowObjects()[0].v), SCHEMA_VERSION);
  // the documented schema in docs/run-store.md names every column
  const doc = readFileSync(join(__dirname, "..", "..", "docs", "run-store.md"), "utf8");
  for (const r of columns.filter((x) => x.t !== "schema_version")) assert.ok(doc.includes(`\`${r.c}\``), `docs/run-store.md documents ${r.t}.${r.c}`);
  await c.run(`INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 1}, current_timestamp)`);
  c.closeSync();
  instance.closeSync();
  await assert.rejects(openStore(file), new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this diffsim reads \\(${SCHEMA_VERSION}\\)`));
});

test("store export: Parquet and CSV files (offline, DuckDB's bundled writers) with every row", async () => {
  const file = join(dir, "export.duckdb");
  const store = await openStore(file);
  await store.put(computed);
  await store.put(unusual("d".repeat(64)));
  const parquet = join(dir, "runs.parquet");
  const csv = join(dir, "steps.csv");
  await store.export(parquet, "parquet");
  await store.export(csv, "csv", "steps");
  await store.export(join(dir, "pcs.parquet"), "parquet", "pcs");
  await assert.rejects(store.export(join(dir, "missing", "x.csv"), "csv"), (e: unknown) => e instanceof InputError && e.message.includes(join(dir, "missing")));
  await store.close();
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  const runs = (await c.runAndReadAll(`SELECT key, final_score, config FROM read_parquet('${parquet}') ORDER BY key`)).getRowObjects();
  assert.deepEqual(runs.map((r) => r.key), [computed.key, "d".repeat(64)].sort());
  assert.equal(runs.find((r) => r.key === computed.key)?.final_score, computed.finalScore);
  assert.equal(Number((await c.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${join(dir, "pcs.parquet")}')`)).getRowObjects()[0].n), computed.pcs.length);
  c.closeSync();
  instance.closeSync();
  const lines = readFileSync(csv, "utf8").trim().split("\n");
  assert.equal(lines[0], "key,step,score");
  assert.equal(lines.length, 1 + computed.scores.length + 6);
  const first = lines.find((l) => l.startsWith(`${computed.key},0,`)) as string;
  assert.equal(Number(first.split(",")[2]), computed.scores[0]);
});

test("store path: a missing or read-only folder is an InputError naming the path", async (t) => {
  const missing = join(dir, "no-such-folder", "runs.duckdb");
  await assert.rejects(openStore(missing), (e: unknown) => e instanceof InputError && e.argument === "store" && e.message.includes(missing));
  await assert.rejects(openStore(join(dir, "absent.duckdb"), { readOnly: true }), (e: unknown) => e instanceof InputError && e.message.includes("absent.duckdb"));
  // root ignores permission bits, so as root use a folder of a read-only file system (/sys)
  const readOnlyDir = process.getuid?.() === 0 ? "/sys" : mkdtempSync(join(tmpdir(), "diffsim-ro-"));
  if (readOnlyDir !== "/sys") (await import("fs")).chmodSync(readOnlyDir, 0o555);
  else if (!existsSync("/sys")) return t.skip("running as root without /sys: no read-only folder to test with");
  const target = join(readOnlyDir, "runs.duckdb");
  await assert.rejects(openStore(target), (e: unknown) => e instanceof InputError && e.message.includes(target) && /writable folder/.test(e.message));
});

test("default store path: $DIFFSIM_STORE, else runs.duckdb in the user cache folder", async () => {
  const { defaultStorePath } = await import("../../lib/runs");
  const saved = process.env.DIFFSIM_STORE;
  process.env.DIFFSIM_STORE = join(dir, "env.duckdb");
  assert.equal(defaultStorePath(), join(dir, "env.duckdb"));
  delete process.env.DIFFSIM_STORE;
  assert.match(defaultStorePath(), /diffsim[/\\](Cache[/\\])?runs\.duckdb$/);
  if (saved !== undefined) process.env.DIFFSIM_STORE = saved;
});

test("store: one writer per file — a second process cannot open a store that is open for writing", async () => {
  const { spawn } = await import("child_process");
  const file = join(dir, "locked.duckdb");
  await (await openStore(file)).close();
  const holder = spawn(process.execPath, ["--import", "tsx", "-e", `require(${JSON.stringify(join(__dirname, "..", "..", "lib", "runs"))}).openStore(${JSON.stringify(file)}).then(() => { console.log("open"); setInterval(() => {}, 1000); })`], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.on("data", (d: Buffer) => d.toString().includes("open") && resolve());
      holder.on("exit", (code) => reject(new Error(`holder exited (${code})`)));
    });
    await assert.rejects(openStore(file), new RegExp(`run store ${file.replace(/[.]/g, "\\.")}: cannot open it .*only one process may write a store at a time`));
  } finally {
    holder.kill("SIGKILL");
  }
});
