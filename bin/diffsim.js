#!/usr/bin/env node
// The `diffsim` command (package.json "bin"): registers tsx so that Node runs the TypeScript sources
// directly, then hands the arguments to lib/cli/main.ts. Works from any folder, through `npx diffsim`,
// `npm link` and an absolute path (Slurm job scripts call it as `<node> <repo>/bin/diffsim.js`).
"use strict";
const { join } = require("path");

const root = join(__dirname, "..");
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || join(root, "tsconfig.json");
require("tsx/cjs/api").register(); // lib/ is CommonJS TypeScript (tsconfig "module": "commonjs")
require(join(root, "lib", "cli", "main.ts")).runCli(process.argv.slice(2));
