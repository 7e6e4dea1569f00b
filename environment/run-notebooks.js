#!/usr/bin/env node
// Runs notebooks headless with the repo kernel and writes the executed copies plus ONE HTML report with
// every figure to output/notebooks/ (git-ignored). Exits non-zero if any cell fails, naming the notebook
// and the cell. QUICK=1 in the environment makes the notebooks pick their fast settings.
// Up to --jobs notebooks run at once; the notebooks whose parameters cell sets the run store (`STORE`)
// run one after another in name order (04 and 08 read the runs 03 computes, and a store has one writer).
//
//   npm run notebooks                                   # every notebooks/*.ipynb, in name order
//   QUICK=1 npm run notebooks                           # the fast pass (CI)
//   npm run notebooks -- notebooks/00-quickstart.ipynb  # only the named ones
//   node environment/run-notebooks.js --full --out DIR --timeout 600 [NOTEBOOK ...]
//     --full     ignore QUICK (full settings; used by npm run reproduce)
//     --out      output folder (default output/notebooks)
//     --timeout  seconds allowed per cell (default 3600)
//     --jobs     notebooks run at once (default: 2, or 1 on a one-core machine)
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn, spawnSync } = require("child_process");
const { root, venvPython, jupyterEnv, outputDir } = require("./paths");
const { ensureEnvironment, SetupError } = require("./ensure");

function parseArgs(argv) {
  const options = { out: path.join(outputDir, "notebooks"), timeout: 3600, full: false, jobs: Math.min(2, os.availableParallelism()), notebooks: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--full") options.full = true;
    else if (arg === "--out") options.out = path.resolve(argv[++i] ?? "");
    else if (arg === "--timeout") options.timeout = Number(argv[++i]);
    else if (arg === "--jobs") options.jobs = Number(argv[++i]);
    else if (arg.startsWith("--")) throw new SetupError(`unknown option ${arg} (see the comment at the top of environment/run-notebooks.js)`);
    else options.notebooks.push(path.resolve(arg));
  }
  if (!Number.isFinite(options.timeout) || options.timeout <= 0) throw new SetupError("--timeout needs a number of seconds > 0");
  if (!Number.isInteger(options.jobs) || options.jobs < 1) throw new SetupError("--jobs needs a whole number ≥ 1");
  if (options.notebooks.length === 0) {
    const dir = path.join(root, "notebooks");
    options.notebooks = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(dir, f));
  }
  const missing = options.notebooks.filter((nb) => !nb.endsWith(".ipynb") || !fs.existsSync(nb));
  if (missing.length) throw new SetupError(`not a notebook file: ${missing.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
  if (options.notebooks.length === 0) throw new SetupError("no notebooks found in notebooks/");
  return options;
}

const secondsSince = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

/** Runs one notebook in a fresh kernel; resolves to { notebook, executed (path or null), ok }. */
function runNotebook(notebook, options, env) {
  const executed = path.join(options.out, path.basename(notebook));
  console.log(`▶ ${path.relative(root, notebook)}`);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(venvPython, [path.join(__dirname, "notebook_execute.py"), notebook, executed, "--timeout", String(options.timeout)], { cwd: root, env, stdio: "inherit" });
    const done = (ok) => {
      console.log(`${ok ? "✓" : "✗"} ${path.relative(root, notebook)}: ${ok ? "ok" : "FAILED"} in ${secondsSince(t0)} s`);
      resolve({ notebook, executed: fs.existsSync(executed) ? executed : null, ok });
    };
    child.on("error", () => done(false));
    child.on("exit", (code) => done(code === 0));
  });
}

/** True when the notebook's parameters cell (tagged "parameters") sets the run store, `STORE`. */
function usesRunStore(notebook) {
  const cells = JSON.parse(fs.readFileSync(notebook, "utf8")).cells ?? [];
  const parameters = cells.find((c) => (c.metadata?.tags ?? []).includes("parameters"));
  const source = Array.isArray(parameters?.source) ? parameters.source.join("") : parameters?.source ?? "";
  return /\bSTORE\b/.test(source);
}

/**
 * The notebooks as chains run one after another: every notebook using the run store in one chain (name
 * order), every other notebook alone. Up to `jobs` chains run at once, longest first (the store's).
 * Resolves to the results in the notebooks' order.
 */
async function runAll(notebooks, options, env) {
  const storeChain = notebooks.filter(usesRunStore);
  const chains = [storeChain, ...notebooks.filter((nb) => !storeChain.includes(nb)).map((nb) => [nb])].filter((c) => c.length > 0);
  const results = new Map();
  const lane = async () => {
    for (let chain = chains.shift(); chain; chain = chains.shift())
      for (const nb of chain) results.set(nb, await runNotebook(nb, options, env));
  };
  await Promise.all(Array.from({ length: options.jobs }, lane));
  return notebooks.map((nb) => results.get(nb));
}

function buildReport(results, options, env) {
  const report = path.join(options.out, "report.html");
  const plotlyJs = require.resolve("plotly.js-dist-min/plotly.min.js", { paths: [root] });
  const executed = results.map((r) => r.executed).filter(Boolean);
  if (executed.length === 0) return null;
  const r = spawnSync(venvPython, [path.join(__dirname, "notebook_report.py"), report, plotlyJs, ...executed], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) throw new SetupError("building the HTML report failed (messages above)");
  return report;
}

/** Runs the notebooks and the report; resolves to the process exit code. */
async function main(argv) {
  const started = Date.now();
  const options = parseArgs(argv);
  ensureEnvironment({ quietIfReady: true });
  const env = jupyterEnv();
  if (options.full) delete env.QUICK;
  console.log(`running ${options.notebooks.length} notebook(s) with the tslab-repo kernel${env.QUICK === "1" ? " (QUICK=1)" : ""}, ${options.jobs} at a time → ${path.relative(root, options.out) || "."}/`);
  const results = await runAll(options.notebooks, options, env);
  const report = buildReport(results, options, env);
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length} notebook(s): ${results.length - failed.length} ok, ${failed.length} failed, in ${secondsSince(started)} s`);
  if (report) console.log(`report: ${path.relative(process.cwd(), report)}`);
  for (const f of failed) console.error(`FAILED: ${path.relative(root, f.notebook)} (the message above names the cell)`);
  return failed.length ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof SetupError ? `run-notebooks: ${e.message}` : e);
      process.exit(2);
    },
  );
}
