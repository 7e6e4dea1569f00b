/**
 * The library type-checks under the TypeScript that tslab bundles (5.0), with the options tslab uses
 * in a notebook, so `import … from "./lib"` works in every notebook. Catches what the project's newer
 * TypeScript accepts but 5.0 does not (e.g. calling a method on a union of array types), in seconds
 * and without a kernel; the kernel itself is exercised by kernel-protocol.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join, relative } from "path";
import { paths } from "./helpers";

test("lib/ compiles with tslab's TypeScript 5.0 and notebook options", { timeout: 120_000 }, () => {
  const ts: typeof import("typescript") = require(require.resolve("@tslab/typescript-for-tslab", { paths: [join(paths.root, "node_modules", "tslab")] }));
  assert.match(ts.version, /^5\.0\./);
  const program = ts.createProgram([join(paths.root, "lib", "index.ts")], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    typeRoots: [join(paths.root, "node_modules", "@types")],
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && !d.file.fileName.includes("node_modules"))
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${relative(paths.root, d.file!.fileName)}:${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
  assert.deepEqual(problems, [], `type errors under tslab's TypeScript ${ts.version}:\n${problems.join("\n")}`);
});
