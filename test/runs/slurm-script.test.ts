import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { arraySpec, missingShards, parseSbatchJobId, shardStorePath, shellQuote, slurmScript } from "../../lib/runs/slurm";

const dir = mkdtempSync(join(tmpdir(), "diffsim slurm "));
const sweep = { grid: join(dir, "my grid.yaml"), storeDir: join(dir, "out"), shards: 4, launcher: ["/bin/echo"] };

/** Runs a job script with bash as array task `task` (or outside a job when undefined). */
function runScript(script: string, task?: number) {
  const file = join(dir, `job-${task}.sh`);
  writeFileSync(file, script);
  const env: NodeJS.ProcessEnv = { ...process.env, SLURM_ARRAY_TASK_ID: String(task) };
  if (task === undefined) delete env.SLURM_ARRAY_TASK_ID;
  return spawnSync("bash", [file], { encoding: "utf8", env });
}

describe("slurmScript", () => {
  it("task i runs shard i/N into its own store, with N written in (not SLURM_ARRAY_TASK_COUNT)", () => {
    const script = slurmScript(sweep);
    for (const task of [0, 3]) {
      const r = runScript(script, task);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `sweep ${sweep.grid} --shard ${task}/4 --store ${join(dir, "out", `shard-${task}.duckdb`)} --workers 1\n`);
    }
    assert.doesNotMatch(script, /SLURM_ARRAY_TASK_COUNT/);
  });

  it("refuses to run outside a job array", () => {
    const r = runScript(slurmScript(sweep));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /submit this script with sbatch/);
  });

  it("writes the #SBATCH directives of the resources; the workers follow --cpus-per-task", () => {
    const script = slurmScript({ ...sweep, jobName: "fig3", resources: { partition: "cpu", time: "01:30:00", mem: "4G", cpusPerTask: 2 } });
    const directives = script.split("\n").filter((l) => l.startsWith("#SBATCH"));
    assert.deepEqual(directives, [
      "#SBATCH --job-name=fig3",
      "#SBATCH --array=0-3",
      `#SBATCH --output=${shellQuote(join(dir, "out", "logs", "shard-%a.out"))}`,
      "#SBATCH --cpus-per-task=2",
      "#SBATCH --partition=cpu",
      "#SBATCH --time=01:30:00",
      "#SBATCH --mem=4G",
    ]);
    assert.match(runScript(script, 1).stdout, /--workers 2\n$/);
    assert.ok(script.startsWith("#!/bin/bash\n"));
  });

  it("rejects relative paths, bad shard counts and resource values that would break the script", () => {
    const argument = (name: string) => (e: unknown) => e instanceof InputError && e.argument === name;
    assert.throws(() => slurmScript({ ...sweep, grid: "grid.yaml" }), argument("grid"));
    assert.throws(() => slurmScript({ ...sweep, storeDir: "out" }), argument("storeDir"));
    assert.throws(() => slurmScript({ ...sweep, shards: 0 }), argument("shards"));
    assert.throws(() => slurmScript({ ...sweep, shards: 1001 }), argument("shards"));
    assert.throws(() => slurmScript({ ...sweep, launcher: ["node"] }), argument("launcher"));
    assert.throws(() => slurmScript({ ...sweep, resources: { partition: "a b" } }), argument("partition"));
    assert.throws(() => slurmScript({ ...sweep, resources: { cpusPerTask: 1.5 } }), argument("cpusPerTask"));
  });
});

describe("shard helpers", () => {
  it("arraySpec collapses consecutive indices", () => {
    assert.equal(arraySpec([3]), "3");
    assert.equal(arraySpec([1, 3]), "1,3");
    assert.equal(arraySpec([5, 0, 1, 2, 7, 8, 2]), "0-2,5,7-8");
    assert.throws(() => arraySpec([]), InputError);
    assert.throws(() => arraySpec([-1]), InputError);
  });

  it("missingShards: a shard is missing when its store is absent or lacks one of its keys", () => {
    assert.deepEqual(missingShards([["a", "b"], ["c"], ["d"]], [new Set(["a", "b", "x"]), undefined, new Set(["c"])]), [1, 2]);
    assert.deepEqual(missingShards([["a"], []], [new Set(["a"]), undefined]), [], "an empty shard has nothing to do");
    assert.throws(() => missingShards([["a"]], []), InputError);
  });

  it("shardStorePath, parseSbatchJobId and shellQuote", () => {
    assert.equal(shardStorePath("/s", 2), "/s/shard-2.duckdb");
    assert.equal(parseSbatchJobId("1234\n"), "1234");
    assert.equal(parseSbatchJobId("77;cluster"), "77");
    assert.throws(() => parseSbatchJobId("sbatch: error: Batch job submission failed"), InputError);
    assert.equal(shellQuote("/a/b.yaml"), "/a/b.yaml");
    assert.equal(spawnSync("bash", ["-c", `printf %s ${shellQuote("it's a $HOME")}`], { encoding: "utf8" }).stdout, "it's a $HOME");
  });
});
