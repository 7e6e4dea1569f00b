#!/usr/bin/env node
// Regenerates the repository's copy of the golden reference values, test/golden/measures.json.gz,
// from a measures.json made by the reference run (see test/golden/README.md). The JSON is parsed
// (so a broken file is refused) and written back compact and gzip-compressed (level 9).
// Usage: node test/golden/update.js <path/to/measures.json>
const { readFileSync, writeFileSync } = require("fs");
const { join } = require("path");
const { gzipSync } = require("zlib");

const source = process.argv[2];
if (!source) {
  console.error("usage: node test/golden/update.js <path/to/measures.json>");
  process.exit(2);
}
const golden = JSON.parse(readFileSync(source, "utf8"));
for (const key of ["cases", "values", "gradients", "disagreements", "meta"]) {
  if (!(key in golden)) {
    console.error(`${source}: not a golden file (no "${key}")`);
    process.exit(1);
  }
}
const target = join(__dirname, "measures.json.gz");
const packed = gzipSync(JSON.stringify(golden), { level: 9 });
writeFileSync(target, packed);
console.log(`${target}: ${golden.values.length} values, ${golden.gradients.length} gradients, ${(packed.length / 1e6).toFixed(2)} MB`);
