"""Jupyter protocol tests of the repo kernel "tslab-repo" (jupyter_kernel_test).

Run by test/platform/kernel-protocol.test.ts with the project's .venv Python and JUPYTER_PATH=.jupyter:
    .venv/bin/python test/platform/kernel_protocol.py -v

tslab 1.0.22 deviates from the protocol in three known ways (spec notes §1d). Those three upstream tests
are skipped BY NAME below, each with its reason, and each is replaced by a test of what tslab does instead,
so a change in tslab's behaviour still shows up.
"""
import unittest

import jupyter_kernel_test

KNOWN_DEVIATIONS = {
    "test_kernel_info": "tslab's kernel_info_reply has no 'status' field, so the message schema check fails",
    "test_error": "tslab's error execute_reply has no 'ename'/'evalue'/'traceback'; the message goes to stderr",
    "test_execute_result": "tslab prints the last expression on stdout instead of sending execute_result",
}


class TslabRepoKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "tslab-repo"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'
    completion_samples = [{"text": "Math.sq", "matches": {"sqrt", "SQRT1_2", "SQRT2"}}]
    complete_code_samples = ["1 + 1", "const a = 1;"]
    incomplete_code_samples = ["function f() {"]
    code_execute_result = [{"code": "6 * 7", "result": "42"}]
    code_display_data = [{"code": 'import * as tslab from "tslab"; tslab.display.html("<b>hi</b>")', "mime": "text/html"}]
    code_inspect_sample = "Math"
    code_generate_error = 'throw new Error("boom")'

    # --- what tslab does instead of the skipped upstream tests ---

    def test_kernel_info_fields(self):
        msg_id = self.kc.kernel_info()
        content = self._shell_reply(msg_id)["content"]
        self.assertEqual(content["language_info"]["name"], self.language_name)
        self.assertEqual(content["language_info"]["file_extension"], self.file_extension)
        self.assertEqual(content["protocol_version"].split(".")[0], "5")

    def test_error_reported_on_stderr(self):
        reply, streams = self._execute('throw new Error("boom")')
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("boom", streams["stderr"])

    def test_last_expression_on_stdout(self):
        reply, streams = self._execute("6 * 7")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(streams["stdout"].strip(), "42")

    def test_repo_root_imports(self):
        """The launcher starts tslab at the repository root: "./lib" resolves and cwd holds package.json."""
        code = 'import { listMeasures } from "./lib"; import * as fs from "fs"; console.log(fs.existsSync("package.json"), listMeasures().length > 0)'
        reply, streams = self._execute(code, timeout=90)
        self.assertEqual(reply["content"]["status"], "ok", f"the cell failed; tslab said: {streams['stderr']}")
        self.assertIn("true true", streams["stdout"])

    def _shell_reply(self, msg_id, timeout=jupyter_kernel_test.TIMEOUT):
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def _execute(self, code, timeout=jupyter_kernel_test.TIMEOUT):
        """Runs code; returns the execute_reply and the stdout/stderr text read from iopub until idle."""
        msg_id = self.kc.execute(code)
        reply = self._shell_reply(msg_id, timeout)
        streams = {"stdout": "", "stderr": ""}
        while True:
            msg = self.kc.get_iopub_msg(timeout=jupyter_kernel_test.TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                streams[msg["content"]["name"]] += msg["content"]["text"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return reply, streams

for _name, _reason in KNOWN_DEVIATIONS.items():
    setattr(TslabRepoKernelTests, _name, unittest.skip(f"known tslab deviation: {_reason}")(getattr(TslabRepoKernelTests, _name)))

if __name__ == "__main__":
    unittest.main()
