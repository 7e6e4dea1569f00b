/**
 * `npm run gallery`: one static PNG per figure of the executed notebooks into docs/gallery/ (small:
 * rendered at `--scale` 0.75 by the system Chromium), and the README's gallery between its markers
 * `<!-- gallery:start -->` and `<!-- gallery:end -->`.
 *
 *   npm run gallery                                   # run every notebook (full settings; QUICK=1 honoured), then render
 *   npm run gallery -- --from output/notebooks        # render from notebooks executed before (npm run notebooks)
 *   npm run gallery -- --out DIR --scale 1 --readme README.md
 */
import { Command } from "commander";
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { basename, join, relative } from "path";
import { closeRenderer, figureToPng } from "../lib/display/static-export";
import type { Figure } from "../lib/display/figure-spec";

const root = join(__dirname, "..");
const PLOTLY_MIME = "application/vnd.plotly.v1+json";
export const GALLERY_START = "<!-- gallery:start -->";
export const GALLERY_END = "<!-- gallery:end -->";

/** One figure of one notebook, as the gallery names it. */
export interface GalleryFigure {
  notebook: string;
  /** "<notebook stem>-<k>.png", k counting the notebook's figures from 1. */
  file: string;
  title: string;
  figure: Figure;
}

/**
 * Every plotly figure in an executed notebook (outputs carrying application/vnd.plotly.v1+json), in order.
 *
 *   figuresOfNotebook(JSON.parse(readFileSync("output/notebooks/05-perturbation-theory.ipynb", "utf8")), "05-perturbation-theory")
 */
export function figuresOfNotebook(nb: { cells: { outputs?: { data?: Record<string, unknown> }[] }[] }, stem: string): GalleryFigure[] {
  const out: GalleryFigure[] = [];
  for (const cell of nb.cells)
    for (const output of cell.outputs ?? []) {
      const figure = output.data?.[PLOTLY_MIME] as Figure | undefined;
      if (!figure) continue;
      const title = (figure.layout?.title as { text?: string } | undefined)?.text ?? `figure ${out.length + 1}`;
      out.push({ notebook: stem, file: `${stem}-${out.length + 1}.png`, title: title.replace(/<[^>]*>/g, " "), figure });
    }
  return out;
}

/**
 * The README's gallery block: one line per notebook, its figures as images (paths relative to the README).
 *
 *   galleryMarkdown(figures, "docs/gallery")   // "**01-measures**\n\n![Score of independent data …](docs/gallery/01-measures-1.png)\n…"
 */
export function galleryMarkdown(figures: GalleryFigure[], imageDir: string): string {
  const notebooks = [...new Set(figures.map((f) => f.notebook))];
  return notebooks
    .map((nb) => [`**${nb}** ([notebook](notebooks/${nb}.ipynb))`, "", ...figures.filter((f) => f.notebook === nb).map((f) => `![${f.title.replace(/[[\]]/g, "")}](${imageDir}/${f.file})`)].join("\n"))
    .join("\n\n");
}

/**
 * `text` with everything between the gallery markers replaced by `block`; throws when the markers are missing.
 *
 *   replaceBetweenMarkers("a\n<!-- gallery:start -->\nold\n<!-- gallery:end -->\nb", "new")
 *   // "a\n<!-- gallery:start -->\nnew\n<!-- gallery:end -->\nb"
 */
export function replaceBetweenMarkers(text: string, block: string): string {
  const start = text.indexOf(GALLERY_START);
  const end = text.indexOf(GALLERY_END);
  if (start < 0 || end < start) throw new Error(`the README has no "${GALLERY_START}" … "${GALLERY_END}" block`);
  return `${text.slice(0, start + GALLERY_START.length)}\n${block}\n${text.slice(end)}`;
}

async function main(argv: string[]): Promise<number> {
  const options = new Command()
    .option("--from <dir>", "folder of executed notebooks (default: run every notebook first)")
    .option("--out <dir>", "folder of the PNGs", join(root, "docs", "gallery"))
    .option("--scale <factor>", "PNG resolution factor", "0.75")
    .option("--readme <file>", "README to update between the gallery markers", join(root, "README.md"))
    .parse(argv)
    .opts<{ from?: string; out: string; scale: string; readme: string }>();
  let from = options.from;
  if (!from) {
    from = join(root, "output", "gallery-run");
    const run = spawnSync(process.execPath, [join(root, "environment", "run-notebooks.js"), "--out", from, ...(process.env.QUICK === "1" ? [] : ["--full"])], { cwd: root, stdio: "inherit" });
    if (run.status !== 0) {
      console.error("gallery: a notebook failed (above); the gallery is left as it was");
      return 1;
    }
  }
  const executed = readdirSync(from).filter((f) => f.endsWith(".ipynb")).sort();
  const figures = executed.flatMap((f) => figuresOfNotebook(JSON.parse(readFileSync(join(from!, f), "utf8")), basename(f, ".ipynb")));
  if (figures.length === 0) {
    console.error(`gallery: no figures in ${from}`);
    return 1;
  }
  mkdirSync(options.out, { recursive: true });
  for (const old of readdirSync(options.out).filter((f) => f.endsWith(".png"))) rmSync(join(options.out, old));
  let bytes = 0;
  for (const f of figures) {
    const png = await figureToPng(f.figure, { scale: Number(options.scale) });
    writeFileSync(join(options.out, f.file), png);
    bytes += png.length;
    console.log(`${f.file}  ${(png.length / 1024).toFixed(0)} KB  ${f.title}`);
  }
  await closeRenderer();
  const imageDir = relative(join(options.readme, ".."), options.out);
  if (existsSync(options.readme)) writeFileSync(options.readme, replaceBetweenMarkers(readFileSync(options.readme, "utf8"), galleryMarkdown(figures, imageDir)));
  console.log(`${figures.length} figures, ${(bytes / 1024).toFixed(0)} KB in ${relative(process.cwd(), options.out) || "."}; README gallery updated`);
  return 0;
}

if (require.main === module)
  main(process.argv).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
