/**
 * The repo kernel "tslab-repo" passes jupyter_kernel_test's protocol tests (test/platform/kernel_protocol.py),
 * except tslab's three known deviations, which are skipped by name there and replaced by checks of what
 * tslab does instead. Also checks that the kernel starts at the repository root and imports "./lib".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "path";
import { missingPlatform, paths, run } from "./helpers";

const skip = missingPlatform({ venv: true });
const KNOWN_DEVIATIONS = ["test_kernel_info", "test_error", "test_execute_result"];

test("jupyter_kernel_test protocol suite against tslab-repo", { skip, timeout: 300_000 }, async () => {
  const r = await run(paths.venvPython, [join(__dirname, "kernel_protocol.py"), "-v"], { cwd: paths.root, env: paths.jupyterEnv(), timeoutMs: 240_000 });
  const log = r.stderr;
  assert.ok(!r.timedOut, `the protocol tests did not finish within 240 s:\n${log}`);
  assert.equal(r.code, 0, `protocol tests failed:\n${log}`);
  const ran = Number(/Ran (\d+) tests?/.exec(log)?.[1]);
  assert.ok(ran >= 16, `expected at least 16 protocol tests, ran ${ran}:\n${log}`);
  const deviations = [...log.matchAll(/^(test_\w+) \(.*\) \.\.\. skipped .known tslab deviation/gm)].map((m) => m[1]).sort();
  assert.deepEqual(deviations, [...KNOWN_DEVIATIONS].sort(), "exactly the documented deviations are skipped");
  for (const name of ["test_execute_stdout", "test_execute_stderr", "test_display_data", "test_completion", "test_inspect", "test_is_complete", "test_repo_root_imports", "test_error_reported_on_stderr", "test_last_expression_on_stdout", "test_kernel_info_fields"])
    assert.match(log, new RegExp(`^${name} \\(.*\\n?.*\\.\\.\\. ok$`, "m"), `${name} passed`);
});
