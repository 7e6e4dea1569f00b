// Launcher of the repo kernel "tslab-repo" (copied into each kernelspec folder by environment/ensure.js).
// It starts tslab with the repository root as working directory, so every notebook, wherever it sits,
// imports the library as "./lib/..." and reads files relative to the root (tslab compiles local
// modules only under its working directory).
//
//   kernel.json: {"argv": ["/usr/bin/node", "{resource_dir}/launch.js", "{connection_file}"], ...}
"use strict";
const fs = require("fs");
const Module = require("module");
const path = require("path");

function findRepoRoot(start) {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "diffsim") return dir;
    if (path.dirname(dir) === dir) throw new Error(`tslab-repo kernel: no diffsim repository above ${start}; run "npm run setup" in the repository`);
  }
}

// Two fixes of tslab 1.0.22, applied to the TypeScript module that tslab itself loads:

/**
 * tslab keeps one timer slot for TypeScript's watch mode. A change that TypeScript handles by
 * invalidating module resolutions (a touched package.json, e.g. by any `npm install`, or a folder event
 * in a failed-lookup location) takes that slot, and from then on every cell fails with "Unexpected
 * pending rebuildTimer" until the kernel restarts. So the kernel watches source files only: edits of
 * .ts files are still picked up by the next cell; after adding a new file or installing a package,
 * restart the kernel.
 */
function watchSourceFilesOnly(ts) {
  const watchFile = ts.sys.watchFile;
  const noWatch = () => ({ close() {} });
  ts.sys.watchDirectory = noWatch;
  ts.sys.watchFile = (file, ...rest) => (path.basename(file) === "package.json" ? noWatch() : watchFile.call(ts.sys, file, ...rest));
}

/**
 * Fixes of tslab's compiled files, applied as exact text replacements when they load. tslab is pinned
 * in package.json; a different version stops the kernel with a message instead of running unpatched.
 */
const TSLAB_PATCHES = {
  "converter.js": [
    {
      // tslab rewrites a trailing expression statement into `export const tsLastExpr = …` (to print the
      // value of a cell) in every file it emits, not only in the cell: a library module that ends with a
      // call (e.g. registerX();) then crashes TypeScript's declaration emit ("Cannot read properties of
      // undefined (reading 'parent')") and `import … from "./lib"` fails. Keep the rewrite to the cell.
      from: "return (node) => {\n                node = ts.visitEachChild(node, wrapPrevIdentifier, nullTransformationContext);",
      to: "return (node) => {\n                if (node.fileName !== srcFilename) return node;\n                node = ts.visitEachChild(node, wrapPrevIdentifier, nullTransformationContext);",
    },
    {
      // A multi-part type error in a library file lost its file name ("157:16 - This expression is not
      // callable."): keep it, so the message says which file ("lib/data/own.ts 157:16 - …").
      from: "            code: msg.code,\n        });\n        if (!msg.next) {",
      to: "            code: msg.code,\n            fileName,\n        });\n        if (!msg.next) {",
    },
    {
      from: "traverseDiagnosticMessageChain(start, end, child, out);",
      to: "traverseDiagnosticMessageChain(start, end, child, out, fileName);",
    },
  ],
  "executor.js": [
    {
      // tslab loads compiled local modules as "<path>.js" only, so a folder import (`from "./lib"`, or
      // `export … from "./data/real"` inside the library) fails with "Cannot find module". Also try
      // "<path>/index.js", as Node and TypeScript do.
      from: 'if (path_1.default.extname(filename) === "") {\n            filename += ".js";\n        }',
      to: 'if (path_1.default.extname(filename) === "") {\n            filename = sideOutputs.has(filename + ".js") || !sideOutputs.has(path_1.default.join(filename, "index.js")) ? filename + ".js" : path_1.default.join(filename, "index.js");\n        }',
    },
  ],
};

function patchTslab(tslabDir) {
  const patched = new Map(Object.entries(TSLAB_PATCHES).map(([file, patches]) => [path.join(tslabDir, "dist", file), patches]));
  const loadJs = Module._extensions[".js"];
  Module._extensions[".js"] = function (module, filename) {
    const patches = patched.get(filename);
    if (!patches) return loadJs(module, filename);
    let source = fs.readFileSync(filename, "utf8");
    for (const { from, to } of patches) {
      if (!source.includes(from)) throw new Error(`tslab-repo kernel: ${filename} is not the pinned tslab 1.0.22; update environment/kernel/launch.js`);
      source = source.replace(from, to);
    }
    module._compile(source, filename);
  };
}

/** Exits when the process that started the kernel is gone, so a killed Jupyter never leaves it running. */
function exitWithParent() {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(0), 2000).unref();
}

const root = findRepoRoot(__dirname);
// Real path: Node loads modules under their resolved path, so with a symlinked node_modules (a git
// worktree sharing one, pnpm) the patches would otherwise never match a loaded file.
const tslabDir = fs.realpathSync(path.join(root, "node_modules", "tslab"));
process.chdir(root);
watchSourceFilesOnly(require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] })));
patchTslab(tslabDir);
exitWithParent();
require(path.join(tslabDir, "dist", "main.js")).startKernel({ configPath: process.argv[2], enableFindLocal: false });
