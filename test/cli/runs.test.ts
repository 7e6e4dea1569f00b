import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { computeRun } from "../../lib/runs/compute";
import { normalizeConfig } from "../../lib/runs/config";
import { runKey } from "../../lib/runs/key";
import { BIN, CliResult, diffsim, jsonLines, scratch } from "./helpers";

function failsWith(r: CliResult, code: number, ...what: RegExp[]) {
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`);
  for (const pattern of what) assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
}

describe("diffsim optimize and runs", () => {
  const dir = scratch();
  const store = join(dir, "runs.duckdb");
  const config = normalizeConfig({ dataset: "toy2d", objective: "cka", optimizer: { seed: 3, maxIter: 25 }, record: { every: 5, pcs: true } });
  const key = runKey(config);

  it("optimize computes one run, stores it, and serves it from the store the second time", () => {
    const args = ["optimize", "--dataset", "toy2d", "--measure", "cka", "--seed", "3", "--max-iter", "25", "--record-every", "5", "--pcs", "--store", store, "--json"];
    const first = diffsim(args);
    assert.equal(first.code, 0, first.stderr);
    const [run] = jsonLines(first.stdout);
    const expected = computeRun(config);
    assert.equal(run.key, key);
    assert.equal(run.finalScore, expected.finalScore);
    assert.equal(run.iterations, 25);
    assert.equal(run.fromStore, false);
    assert.match(first.stderr, /toy2d cka 25\/25 \(100%\)/, "off a terminal: one plain progress line");
    const second = diffsim(args);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual({ ...jsonLines(second.stdout)[0], fromStore: false }, run);
    assert.equal(jsonLines(second.stdout)[0].fromStore, true);
  });

  it("on a terminal the progress is a bar redrawn in place", { skip: spawnSync("bash", ["-c", "command -v script"]).status === 0 ? false : "no `script` (util-linux) to open a terminal" }, () => {
    const command = [process.execPath, BIN, "optimize", "-d", "toy2d", "-m", "nbs", "--max-iter", "40", "--store", join(dir, "tty.duckdb")].join(" ");
    const r = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", cwd: dir });
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /\r\[-{24}\] toy2d nbs 0\/40 \(0%\)/);
    assert.match(r.stdout, /\r\[#{24}\] toy2d nbs 40\/40 \(100%\).* · score \d\.\d{4}/);
  });

  it("runs --json prints one object per run with key, dataset, measure, seed, iterations, finalScore; filters", () => {
    const other = diffsim(["optimize", "-d", "ultrametric", "-m", "nbs", "--max-iter", "5", "--store", store]);
    assert.equal(other.code, 0, other.stderr);
    assert.match(other.stdout, /ultrametric\s+nbs\s+0\s+5 /);
    const all = diffsim(["runs", "--store", store, "--json"]);
    assert.equal(all.code, 0, all.stderr);
    const runs = jsonLines(all.stdout);
    assert.equal(runs.length, 2);
    for (const r of runs) for (const field of ["key", "dataset", "measure", "seed", "iterations", "finalScore"]) assert.ok(field in r, field);
    const cka = jsonLines(diffsim(["runs", "--store", store, "--json", "--measure", "cka"]).stdout);
    assert.deepEqual(cka.map((r) => [r.key, r.dataset, r.seed]), [[key, "toy2d", 3]]);
    const table = diffsim(["runs", "--store", store, "--dataset", "ultrametric"]);
    assert.match(table.stdout, /^key\s+dataset\s+measure.*\n[0-9a-f]{12}\s+ultrametric\s+nbs /);
  });

  it("runs export writes CSV and Parquet (offline)", () => {
    const csv = join(dir, "pcs.csv");
    assert.equal(diffsim(["runs", "export", "--store", store, "--format", "csv", "--table", "pcs", "--out", csv]).code, 0);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    assert.equal(lines[0], "key,step,pc,r2,explained_variance");
    assert.equal(lines.length - 1, 6 * 2, "6 recorded steps (0, 5, …, 25) × 2 PCs of toy2d");
    const parquet = join(dir, "runs.parquet");
    assert.equal(diffsim(["runs", "export", "--store", store, "--format", "parquet", "--out", parquet]).code, 0);
    assert.equal(readFileSync(parquet).subarray(0, 4).toString(), "PAR1");
    failsWith(diffsim(["runs", "export", "--store", store, "--format", "xlsx", "--out", parquet]), 2, /argument 'xlsx' is invalid. Allowed choices are parquet, csv/);
  });

  it("bad option values are bad usage (2) naming the option and the config key", () => {
    failsWith(diffsim(["optimize", "-d", "toy2", "-m", "cka", "--store", store]), 2, /--dataset \(dataset(\.id)?\): .*"toy2"/, /toy2d/);
    failsWith(diffsim(["optimize", "-d", "toy2d", "-m", "cak", "--store", store]), 2, /--measure \(objective\): .*nearest: cka/);
    failsWith(diffsim(["optimize", "-d", "toy2d", "-m", "cka", "--lr", "-1", "--store", store]), 2, /--lr \(optimizer\.lr\): expected a positive number; got -1/);
    failsWith(diffsim(["optimize", "-d", "toy2d", "-m", "cka", "--max-iter", "ten", "--store", store]), 2, /option '--max-iter <n>' argument 'ten' is invalid/);
    failsWith(diffsim(["optimize", "-d", "toy2d", "-m", "cka", "--decoding", "colour", "--store", store]), 2, /--decoding \(record\.decoding\[0\]\): expected a label of toy2d \(choice, stimulus\); got "colour"/);
    failsWith(diffsim(["optimize", "-m", "cka", "--store", store]), 2, /--dataset \/ --data: expected exactly one of them/);
  });

  it("a missing store is a failure (1) naming the path", () => {
    failsWith(diffsim(["runs", "--store", join(dir, "absent.duckdb")]), 1, /store: expected an existing run store file; .*absent\.duckdb does not exist/);
  });

  // root writes anywhere: the command runs as nobody (uid 65534) to see the folder as read-only, which needs
  // nobody to be able to run this node and read this checkout (not so for a Node fetched by npx into root's
  // home, as in CI's Node 24 step, or a checkout in a folder only root may enter, e.g. one made by mktemp -d)
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const nobodyCannotRun = "uid" in asNobody && spawnSync(process.execPath, [BIN, "--version"], { ...asNobody, cwd: "/" }).status !== 0;
  it("a store in a read-only folder is a failure (1) naming the path", { skip: nobodyCannotRun && `uid 65534 cannot run ${process.execPath} ${BIN}` }, () => {
    const locked = join(dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    chmodSync(dir, 0o755);
    const r = diffsim(["optimize", "-d", "toy2d", "-m", "cka", "--max-iter", "3", "--store", join(locked, "runs.duckdb")], { ...asNobody, cwd: locked });
    failsWith(r, 1, /store: expected a path in a writable folder; cannot write in .*locked \(EACCES\)/);
    assert.equal(existsSync(join(locked, "runs.duckdb")), false);
  });
});
