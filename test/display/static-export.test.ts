import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { chromiumPath, closeRenderer, figureToPng, figureToSvg, saveFigure } from "../../lib/display/static-export";
import { InputError } from "../../lib/errors";

const browser = chromiumPath();
const skip = browser ? false : "no Chromium (apt-get install chromium, or set DIFFSIM_CHROMIUM)";
if (!browser && process.env.CI) throw new Error("CI must provide Chromium for the static export tests (.ci/run installs Debian's chromium)");

const fig = { data: [{ type: "bar", x: ["cka", "nbs"], y: [0.9, 0.6] }], layout: { title: { text: "scores" }, width: 640, height: 400 } };

/** Width and height stored in a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  assert.equal(png.subarray(0, 8).toString("hex"), "89504e470d0a1a0a", "PNG signature");
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** Chromium processes started by this test process (children or grandchildren). */
function chromiumChildren(): string[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,comm="], { encoding: "utf8" });
  const rows = out.trim().split("\n").map((l) => l.trim().split(/\s+/));
  const mine = new Set([String(process.pid)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of rows) if (mine.has(ppid) && !mine.has(pid)) (mine.add(pid), (grew = true));
  }
  return rows.filter(([pid, , comm]) => mine.has(pid) && /chrom/i.test(comm ?? "")).map(([pid]) => pid);
}

after(() => closeRenderer());

test("PNG at the figure's size, and scale multiplies the pixels", { skip, timeout: 180_000 }, async () => {
  assert.deepEqual(pngSize(await figureToPng(fig)), [640, 400]);
  assert.deepEqual(pngSize(await figureToPng(fig, { width: 300, height: 200, scale: 2 })), [600, 400]);
});

test("SVG is plotly's vector markup with the title text", { skip, timeout: 180_000 }, async () => {
  const svg = await figureToSvg(fig);
  assert.match(svg, /^<svg[^>]*class="main-svg"/);
  assert.ok(svg.includes(">scores<"));
});

test("saveFigure picks the format from the extension and creates folders; other extensions are refused", { skip, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "diffsim-export-"));
  try {
    await saveFigure(fig, join(dir, "a", "fig.png"));
    await saveFigure(fig, join(dir, "b", "fig.svg"));
    assert.deepEqual(pngSize(readFileSync(join(dir, "a", "fig.png"))), [640, 400]);
    assert.match(readFileSync(join(dir, "b", "fig.svg"), "utf8"), /^<svg/);
    await assert.rejects(saveFigure(fig, join(dir, "fig.jpg")), (e: unknown) => e instanceof InputError && e.argument === "file");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("closeRenderer leaves no Chromium process behind; the next export starts a new one", { skip, timeout: 180_000 }, async () => {
  await figureToPng(fig);
  assert.ok(chromiumChildren().length > 0, "the renderer runs between exports");
  await closeRenderer();
  assert.deepEqual(chromiumChildren(), []);
  assert.deepEqual(pngSize(await figureToPng(fig)), [640, 400]);
  await closeRenderer();
  assert.deepEqual(chromiumChildren(), []);
});

test("a bad figure is refused before any browser starts", async () => {
  await assert.rejects(figureToPng({ data: {} } as never), (e: unknown) => e instanceof InputError && e.argument === "fig");
});
