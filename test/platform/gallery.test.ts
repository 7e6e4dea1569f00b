import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "fs";
import { join } from "path";
import { GALLERY_END, GALLERY_START, figuresOfNotebook, galleryMarkdown, replaceBetweenMarkers } from "../../environment/gallery";
import { paths } from "./helpers";

const plotly = (title: string) => ({ data: { "application/vnd.plotly.v1+json": { data: [{ y: [1] }], layout: { title: { text: title } } }, "text/plain": "Figure" } });

test("figuresOfNotebook: every plotly output in order, numbered per notebook, titles without markup", () => {
  const nb = { cells: [{ outputs: [plotly("A <b>bold</b>"), { data: { "text/html": "<table>" } }] }, { outputs: [] }, { outputs: [plotly("B")] }, {}] };
  const figs = figuresOfNotebook(nb, "05-x");
  assert.deepEqual(figs.map((f) => [f.file, f.title]), [["05-x-1.png", "A  bold "], ["05-x-2.png", "B"]]);
  assert.deepEqual(figs[1].figure.data, [{ y: [1] }]);
});

test("galleryMarkdown and replaceBetweenMarkers write the README block", () => {
  const figs = [...figuresOfNotebook({ cells: [{ outputs: [plotly("T [1]")] }] }, "01-m"), ...figuresOfNotebook({ cells: [{ outputs: [plotly("U")] }] }, "06-j")];
  const md = galleryMarkdown(figs, "docs/gallery");
  assert.equal(md, "**01-m** ([notebook](notebooks/01-m.ipynb))\n\n![T 1](docs/gallery/01-m-1.png)\n\n**06-j** ([notebook](notebooks/06-j.ipynb))\n\n![U](docs/gallery/06-j-1.png)");
  const readme = `# R\n${GALLERY_START}\nold\n${GALLERY_END}\nafter`;
  assert.equal(replaceBetweenMarkers(readme, "new"), `# R\n${GALLERY_START}\nnew\n${GALLERY_END}\nafter`);
  assert.equal(replaceBetweenMarkers(replaceBetweenMarkers(readme, "x"), "x"), replaceBetweenMarkers(readme, "x"), "idempotent");
  assert.throws(() => replaceBetweenMarkers("no markers", "x"), /gallery:start/);
  const ours = readFileSync(join(paths.root, "README.md"), "utf8");
  assert.ok(ours.includes(GALLERY_START) && ours.includes(GALLERY_END), "the README has the gallery block");
});
