/**
 * Helpers of the command-line tests: the real `diffsim` binary (bin/diffsim.js) run as a child
 * process from a scratch folder, with its exit code and output.
 *
 *   const r = diffsim(["measures", "--json"]);
 *   assert.equal(r.code, 0);
 */
import { spawnSync } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

export const ROOT = join(__dirname, "..", "..");
export const BIN = join(ROOT, "bin", "diffsim.js");
export const FIXTURES = join(ROOT, "data", "fixtures", "own");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh scratch folder. */
export function scratch(prefix = "diffsim-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `node bin/diffsim.js ...args` in `cwd` (default a scratch folder), as `uid`/`gid` when given, and waits for it (at most `timeoutMs`). */
export function diffsim(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; uid?: number; gid?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? scratch(),
    uid: options.uid,
    gid: options.gid,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: options.timeoutMs ?? 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON objects of a JSON-lines output. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
