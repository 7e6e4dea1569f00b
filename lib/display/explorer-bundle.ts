/**
 * The explorer's browser bundle: lib/display/browser/explorer-entry.ts and everything it imports from
 * lib/ (measures, Optimization/Adam, Rng, toy2d, the WebAssembly kernels) as one minified script, built
 * with esbuild on first use and cached in .cache/explorer/ (git-ignored) under the hash of its inputs,
 * so later calls (and later kernels) read the file; a new build removes the older ones. The page runs the library's own code:
 *
 *   - the Node built-ins that lib/tensor imports (fs, path, os, worker_threads) resolve to
 *     browser/node-builtins.ts, whose readFileSync serves the kernels' .wasm bytes inlined into the bundle
 *     (esbuild's binary loader), so kernels/module.ts instantiates the same kernels, without a server;
 *   - process.env is fixed to DIFFSIM_KERNEL=wasm (no native addon in a page) and DIFFSIM_THREADS=1.
 *
 * In Chromium the kernels run as WebAssembly SIMD on the page's thread (shared wasm memory works without
 * cross-origin isolation there); a browser that refuses them gets the library's JS kernels.
 *
 *   const js = explorerBundle();   // ≈ 0.2 MB of JavaScript; defines window.diffsimExplorer
 */
import { createHash } from "crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "fs";
import { join, relative } from "path";

/** The repository root (this file is lib/display/explorer-bundle.ts). */
const ROOT = join(__dirname, "..", "..");
const ENTRY = join(__dirname, "browser", "explorer-entry.ts");
const NODE_BUILTINS = join(__dirname, "browser", "node-builtins.ts");
/** Where built bundles are kept (git-ignored .cache/). */
export const EXPLORER_CACHE_DIR = join(ROOT, ".cache", "explorer");

/** A built bundle: the script and the hash of everything it was built from (its version). */
export interface ExplorerBundle {
  code: string;
  version: string;
}

let built: ExplorerBundle | null = null;

/**
 * Hash of the bundle's possible inputs: every .ts and .wasm file under lib/ (their paths and contents)
 * and the esbuild version. Reading them takes a few milliseconds; any edit gives a new bundle.
 *
 *   bundleInputsHash()   // "3f9a…" (16 hex digits)
 */
export function bundleInputsHash(): string {
  const hash = createHash("sha256");
  hash.update(`esbuild ${require("esbuild").version}\n`);
  for (const file of listFiles(join(ROOT, "lib")).filter((f) => /\.(ts|wasm)$/.test(f))) {
    hash.update(`${relative(ROOT, file)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

/**
 * The bundle's JavaScript (see the file comment), from this process's memory, else from the cache,
 * else built now (about a second) and cached.
 *
 *   const { code, version } = explorerBundle();
 */
export function explorerBundle(): ExplorerBundle {
  const version = bundleInputsHash();
  if (built?.version === version) return built;
  const cached = join(EXPLORER_CACHE_DIR, `explorer-${version}.js`);
  if (existsSync(cached)) return (built = { code: readFileSync(cached, "utf8"), version });
  const code = buildBundle(version);
  mkdirSync(EXPLORER_CACHE_DIR, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, cached); // atomic: a parallel kernel never reads half a file
  for (const old of readdirSync(EXPLORER_CACHE_DIR)) if (/^explorer-[0-9a-f]{16}\.js$/.test(old) && join(EXPLORER_CACHE_DIR, old) !== cached) rmSync(join(EXPLORER_CACHE_DIR, old), { force: true });
  return (built = { code, version });
}

/** Runs esbuild (synchronously) on the entry; the result never contains "</script". */
function buildBundle(version: string): string {
  const esbuild: typeof import("esbuild") = require("esbuild");
  const result = esbuild.buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    target: "es2020",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    loader: { ".wasm": "binary" },
    alias: { fs: NODE_BUILTINS, path: NODE_BUILTINS, os: NODE_BUILTINS, worker_threads: NODE_BUILTINS },
    define: {
      "process.env": JSON.stringify({ DIFFSIM_KERNEL: "wasm", DIFFSIM_THREADS: "1" }),
      __dirname: JSON.stringify("/diffsim/lib"),
      DIFFSIM_BUNDLE_VERSION: JSON.stringify(version),
    },
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  return code.replace(/<\/script/gi, "<\\/script");
}
