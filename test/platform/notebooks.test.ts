/**
 * Static rules for every notebook in notebooks/ (fast, no kernel): the repo kernel, one parameter cell
 * first (tagged "parameters", reading QUICK), library imports from the repository root ("./lib").
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { paths } from "./helpers";

const dir = join(paths.root, "notebooks");
const notebooks = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
const source = (cell: { source: string | string[] }) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

test("the quickstart notebook exists", () => {
  assert.ok(notebooks.includes("00-quickstart.ipynb"), notebooks.join(", "));
});

for (const name of notebooks) {
  test(`notebooks/${name}`, () => {
    const nb = JSON.parse(readFileSync(join(dir, name), "utf8"));
    assert.equal(nb.nbformat, 4, "nbformat 4");
    assert.equal(nb.metadata?.kernelspec?.name, "tslab-repo", 'kernelspec "tslab-repo" (the repo-root TypeScript kernel)');
    const [first] = nb.cells;
    assert.ok(first?.cell_type === "code" && (first.metadata?.tags ?? []).includes("parameters"), 'the first cell is a code cell tagged "parameters"');
    assert.match(source(first), /process\.env\.QUICK/, "the parameter cell reads QUICK, so QUICK=1 npm run notebooks is fast");
    nb.cells.forEach((cell: { cell_type: string; source: string | string[] }, i: number) => {
      if (cell.cell_type === "code") assert.doesNotMatch(source(cell), /from\s+["'](\.\.\/)+lib/, `cell ${i + 1}: import the library as "./lib/…" (the kernel starts at the repository root)`);
    });
  });
}
