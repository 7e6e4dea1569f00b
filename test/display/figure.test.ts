import { test } from "node:test";
import assert from "node:assert/strict";
import { figureBundle, figureHtml, showFigure, PLOTLY_MIME } from "../../lib/display/figure";
import { checkFigure, figureSize, figureSummary, DEFAULT_SIZE } from "../../lib/display/figure-spec";
import { InputError } from "../../lib/errors";

const fig = { data: [{ type: "scatter", y: [1, 3, 2], name: "a</script><b>" }], layout: { title: { text: "CKA by layer" }, height: 300 } };
const PNG_1x1 = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

test("figureSummary names the title and the trace types (scatter when a trace has no type)", () => {
  assert.equal(figureSummary(fig), "Figure: CKA by layer (1 trace: scatter)");
  assert.equal(figureSummary({ data: [{ type: "heatmap" }, {}, { type: "heatmap" }], layout: { title: "RSMs" } }), "Figure: RSMs (3 traces: heatmap, scatter)");
  assert.equal(figureSummary({ data: [] }), "Figure (0 traces)");
});

test("figureSize: explicit options, then the layout, then the default", () => {
  assert.deepEqual(figureSize(fig), { width: DEFAULT_SIZE.width, height: 300 });
  assert.deepEqual(figureSize(fig, { width: 500, height: 200 }), { width: 500, height: 200 });
  assert.throws(() => figureSize(fig, { width: 0 }), (e: unknown) => e instanceof InputError && e.argument === "width");
});

test("checkFigure names the offending part", () => {
  const argumentOf = (bad: unknown) => {
    try {
      checkFigure(bad);
    } catch (e) {
      assert.ok(e instanceof InputError);
      return e.argument;
    }
    return "accepted";
  };
  assert.equal(argumentOf({ data: [] }), "accepted");
  assert.equal(argumentOf(null), "fig");
  assert.equal(argumentOf({ traces: [] }), "fig");
  assert.equal(argumentOf({ data: [{ y: [1] }, 3] }), "fig.data[1]");
  assert.equal(argumentOf({ data: [], layout: "big" }), "fig.layout");
  assert.equal(argumentOf({ data: [], frames: { name: "a" } }), "fig.frames");
  assert.equal(argumentOf({ data: [], frames: [{ name: "a", data: [] }] }), "accepted");
});

test("figureHtml: the PNG inside a sized div, and a script that cannot be closed early by the figure's text", () => {
  const html = figureHtml(fig, PNG_1x1);
  const id = /<div id="(diffsim-fig-[0-9a-f]{12})"/.exec(html)?.[1];
  assert.ok(id, "a div with a unique id");
  assert.ok(html.includes(`<img src="data:image/png;base64,${PNG_1x1.toString("base64")}"`));
  assert.match(html, /style="width:720px;max-width:100%;min-height:300px"/);
  assert.equal(html.split("</script>").length, 2, "exactly one closing script tag");
  assert.ok(html.includes("a\\u003c/script>\\u003cb>"), "the trace name is in the figure JSON, with < escaped");
  assert.ok(html.includes(JSON.stringify(id)), "the script draws into its own div");
  assert.ok(html.includes("files/node_modules/plotly.js-dist-min/plotly.min.js"), "plotly.js from the Jupyter server, never a CDN");
  assert.ok(!/https?:\/\//.test(html), "no remote URL");
  assert.notEqual(figureHtml(fig, null), figureHtml(fig, null), "every figure gets its own id");
  assert.match(figureHtml(fig, null), /<pre>Figure: CKA by layer/);
});

test("figureBundle without PNG: plotly JSON, HTML and text; the JSON is the figure itself", async () => {
  const bundle = await figureBundle(fig, { png: false });
  assert.deepEqual(Object.keys(bundle).sort(), [PLOTLY_MIME, "text/html", "text/plain"].sort());
  assert.deepEqual(bundle[PLOTLY_MIME], { data: fig.data, layout: fig.layout, config: {} });
  assert.equal(bundle["text/plain"], "Figure: CKA by layer (1 trace: scatter)");
});

test("animation frames travel in the plotly JSON and in the HTML's newPlot call", async () => {
  const animated = { ...fig, frames: [{ name: "f0", data: [{ y: [0, 1, 2] }] }] };
  const bundle = await figureBundle(animated, { png: false });
  assert.deepEqual((bundle[PLOTLY_MIME] as { frames: unknown }).frames, animated.frames);
  assert.ok(figureHtml(animated, null).includes('"frames":[{"name":"f0"'));
});

test("showFigure outside a kernel prints the summary and starts no browser", async (t) => {
  const lines: string[] = [];
  t.mock.method(console, "log", (s: string) => lines.push(s));
  await showFigure(fig);
  assert.deepEqual(lines, ["Figure: CKA by layer (1 trace: scatter)"]);
  await assert.rejects(showFigure({ data: "x" } as never), (e: unknown) => e instanceof InputError && e.argument === "fig");
});
