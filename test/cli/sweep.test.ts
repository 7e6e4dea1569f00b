import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { openStore } from "../../lib/runs/store";
import { BIN, CliResult, diffsim, jsonLines, scratch } from "./helpers";

function failsWith(r: CliResult, code: number, ...what: RegExp[]) {
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`);
  for (const pattern of what) assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
}

/** Every stored run without the columns describing one computation (wall time, time, host), by key. */
async function contents(file: string): Promise<[string, object][]> {
  const store = await openStore(file, { readOnly: true });
  try {
    const out: [string, object][] = [];
    for (const key of [...(await store.keys())].sort()) {
      const { wallTimeMs: _w, createdAt: _c, host: _h, ...rest } = (await store.get(key)) as unknown as Record<string, unknown>;
      out.push([key, rest]);
    }
    return out;
  } finally {
    await store.close();
  }
}

describe("diffsim sweep and merge", () => {
  const dir = scratch();
  const grid = join(dir, "grid.yaml");
  writeFileSync(grid, "datasets: [toy2d, ultrametric]\nmeasures: [cka, nbs]\nseeds: [0, 1]\noptimizer: { maxIter: 10 }\nrecord: { every: 5, decoding: true }\nexclude: [{ dataset: ultrametric, measure: nbs }]\n");
  const store = join(dir, "all.duckdb");

  it("runs every config of a grid into a store; run again, it computes nothing", () => {
    const first = diffsim(["sweep", grid, "--store", store, "--workers", "2"], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^6 runs computed, 0 already stored, 0 failed \(6 runs, 2 workers/);
    const lines = first.stderr.trim().split("\n");
    assert.equal(lines.length, 6, `off a terminal: a plain line per run\n${first.stderr}`);
    assert.match(lines[5], /^sweep 6\/6 · (toy2d|ultrametric) (cka|nbs) seed [01]: \d\.\d{4}$/);
    const runs = jsonLines(diffsim(["runs", "--store", store, "--json"]).stdout);
    assert.deepEqual(runs.map((r) => `${r.dataset} ${r.measure} ${r.seed}`).sort(), ["toy2d cka 0", "toy2d cka 1", "toy2d nbs 0", "toy2d nbs 1", "ultrametric cka 0", "ultrametric cka 1"]);
    const again = diffsim(["sweep", grid, "--store", store], { cwd: dir });
    assert.match(again.stdout, /^0 runs computed, 6 already stored/);
  });

  it("--dry-run lists the runs; the shards partition them; merged shard stores equal one store", async () => {
    const all = jsonLines(diffsim(["sweep", grid, "--dry-run"]).stdout);
    assert.equal(all.length, 6);
    const shards = [0, 1, 2].map((i) => jsonLines(diffsim(["sweep", grid, "--dry-run", "--shard", `${i}/3`]).stdout));
    assert.deepEqual(shards.flat().map((r) => r.key).sort(), all.map((r) => r.key).sort());
    const files = [0, 1, 2].map((i) => join(dir, `shard-${i}.duckdb`));
    files.forEach((file, i) => assert.equal(diffsim(["sweep", grid, "--shard", `${i}/3`, "--store", file, "--workers", "1"]).code, 0));
    const merged = join(dir, "merged.duckdb");
    const m = diffsim(["merge", "--into", merged, ...files]);
    assert.equal(m.code, 0, m.stderr);
    assert.match(m.stdout, /6 runs added, 0 already there \(from 3 stores\)/);
    assert.match(diffsim(["merge", "--into", merged, ...files]).stdout, /0 runs added, 6 already there/, "merging again adds nothing");
    assert.deepEqual(await contents(merged), await contents(store));
  });

  it("a bad grid file is a failure (1) naming the file and the key or line", () => {
    const bad = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return diffsim(["sweep", join(dir, name), "--store", join(dir, "bad.duckdb")]);
    };
    failsWith(bad("measure.yaml", "datasets: [toy2d]\nmeasures: [cka, ckaa]\nseeds: [0]\n"), 1, /measure\.yaml: grid\.measures\[1\]: expected a known measure id; got "ckaa"; nearest: cka/);
    failsWith(bad("dataset.yaml", "datasets: [toy2]\nmeasures: [cka]\nseeds: [0]\n"), 1, /dataset\.yaml: grid\.datasets\[0\].*"toy2"/);
    failsWith(bad("syntax.yaml", "datasets: [toy2d\nmeasures: [cka]\n"), 1, /syntax\.yaml:2: expected valid YAML/);
    failsWith(bad("type.yaml", 'datasets: [toy2d]\nmeasures: [cka]\nseeds: [0, "x"]\n'), 1, /type\.yaml: grid\.seeds\[1\]: expected an integer; got "x"/);
    failsWith(bad("empty.yaml", "datasets: []\nmeasures: [cka]\nseeds: [0]\n"), 1, /empty\.yaml: grid\.datasets: expected a non-empty list/);
    failsWith(bad("lr.json", '{"datasets": ["toy2d"], "measures": ["cka"], "seeds": [0], "optimizer": {"lr": "fast"}}'), 1, /lr\.json: grid\.optimizer\.lr: expected a positive number; got "fast"/);
    failsWith(diffsim(["sweep", join(dir, "absent.yaml")]), 1, /absent\.yaml: expected a readable grid file/);
  });

  it("bad usage (2): a malformed shard, Slurm options without --slurm, --slurm without a store folder, too many shards", () => {
    failsWith(diffsim(["sweep", grid, "--shard", "3/3"]), 2, /option '--shard <i\/N>' argument '3\/3' is invalid/);
    failsWith(diffsim(["sweep", grid, "--shard", "1-3"]), 2, /expected "i\/N"/);
    failsWith(diffsim(["sweep", grid, "--submit"]), 2, /--submit: expected --slurm as well/);
    failsWith(diffsim(["sweep", grid, "--slurm"]), 2, /--store: expected the folder of the shard stores/);
    failsWith(diffsim(["sweep", grid, "--slurm", "--store", join(dir, "s"), "--shards", "7"]), 2, /--shards: expected at most the number of runs of the grid \(6\); got 7/);
  });

  it("--slurm writes the job-array script with this node and this checkout's bin; N is remembered for --resubmit-missing", () => {
    const out = join(dir, "slurm");
    const r = diffsim(["sweep", "grid.yaml", "--slurm", "--store", out, "--shards", "3", "--time", "00:10:00", "--cpus-per-task", "2"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /wrote .*sweep\.sbatch: 6 runs in 3 shards\nsubmit with: sbatch /);
    const script = readFileSync(join(out, "sweep.sbatch"), "utf8");
    assert.match(script, /^#SBATCH --array=0-2$/m);
    assert.match(script, /^#SBATCH --time=00:10:00$/m);
    assert.ok(script.includes(`exec ${process.execPath} ${BIN} sweep ${grid} --shard "$i/3" --store ${out}/shard-"$i".duckdb --workers 2`), script);
    assert.deepEqual(JSON.parse(readFileSync(join(out, "sweep.json"), "utf8")), { grid, shards: 3 });
    failsWith(diffsim(["sweep", grid, "--slurm", "--store", out, "--shards", "2", "--resubmit-missing"]), 2, /--shards: expected the 3 shards the job script/);
    failsWith(diffsim(["sweep", grid, "--slurm", "--store", out, "--submit"], { env: { PATH: "/nonexistent" } }), 1, /sbatch: cannot run it \(ENOENT\)/);
  });
});
