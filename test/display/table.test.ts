import { test } from "node:test";
import assert from "node:assert/strict";
import { formatNumber, tableHtml, tableText, showTable } from "../../lib/display/table";
import { InputError } from "../../lib/errors";

/** The shape of a danfo DataFrame as showTable reads it (columns, row-major values, index). */
const frame = { columns: ["measure", "score"], values: [["cka", 0.912345], ["nbs", 0.5]], index: [0, 1] };

test("formatNumber: integers in full, decimals fixed, exponents for very small or large values, specials spelled out", () => {
  assert.equal(formatNumber(42), "42");
  assert.equal(formatNumber(-7), "-7");
  assert.equal(formatNumber(0.912345), "0.912");
  assert.equal(formatNumber(0.912346, 5), "0.91235");
  assert.equal(formatNumber(12345678.9), "1.235e+7");
  assert.equal(formatNumber(0.000123456), "1.235e-4");
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(NaN), "NaN");
  assert.equal(formatNumber(-Infinity), "-Inf");
  assert.throws(() => formatNumber(1.5, -1), (e: unknown) => e instanceof InputError && e.argument === "digits");
});

test("tableHtml: header, formatted numbers right-aligned, text left-aligned, HTML escaped", () => {
  const html = tableHtml({ columns: ["name", "value"], values: [["<b>x</b>", 1.23456]] });
  assert.match(html, /^<table class="diffsim-table dataframe">/);
  assert.match(html, /<th style="text-align:left">name<\/th><th style="text-align:right">value<\/th>/);
  assert.match(html, /<td style="text-align:right">1\.235<\/td>/);
  assert.ok(html.includes("&lt;b&gt;x&lt;/b&gt;") && !html.includes("<b>x</b>"));
});

test("a danfo-shaped frame and the same rows as records give the same table; a non-default index is shown", () => {
  const records = [{ measure: "cka", score: 0.912345 }, { measure: "nbs", score: 0.5 }];
  assert.equal(tableText(frame), tableText(records));
  assert.equal(tableText(frame), ["measure  score", "cka      0.912", "nbs      0.500"].join("\n"));
  const grouped = { columns: ["score"], values: [[0.25], [0.75]], index: ["cka", "nbs"] };
  assert.equal(tableText(grouped, { digits: 2 }), ["     score", "cka   0.25", "nbs   0.75"].join("\n"));
});

test("a column with any non-integer shows all its numbers with the same decimals; integer columns stay integers", () => {
  assert.equal(tableText([{ n: 1, score: 1 }, { n: 20, score: 0.5 }]), [" n  score", " 1  1.000", "20  0.500"].join("\n"));
});

test("records with different keys: the union of the keys, blanks where a key is missing", () => {
  assert.equal(tableText([{ a: 1 }, { b: "x" }]), ["a  b", "1", "   x"].join("\n"));
});

test("long tables are elided in the middle, saying how many rows are hidden", () => {
  const rows = Array.from({ length: 100 }, (_, i) => ({ i }));
  const text = tableText(rows, { maxRows: 10 }).split("\n");
  assert.equal(text.length, 1 + 10 + 1);
  assert.equal(text[6], "… 90 more rows …");
  assert.equal(text[11].trim(), "99");
  assert.match(tableHtml(rows, { maxRows: 10 }), /colspan="1"[^>]*>… 90 more rows …/);
});

test("a caption goes above the table in both forms", () => {
  assert.match(tableHtml(frame, { caption: "scores" }), /<caption>scores<\/caption>/);
  assert.equal(tableText(frame, { caption: "scores" }).split("\n")[0], "scores");
});

test("bad input throws InputError naming the argument", () => {
  assert.throws(() => tableHtml(42 as never), (e: unknown) => e instanceof InputError && e.argument === "table");
  assert.throws(() => tableHtml([1, 2] as never), (e: unknown) => e instanceof InputError && e.argument === "table");
  assert.throws(() => tableText(frame, { maxRows: 1 }), (e: unknown) => e instanceof InputError && e.argument === "maxRows");
});

test("showTable outside a kernel prints the text table", (t) => {
  const lines: string[] = [];
  t.mock.method(console, "log", (s: string) => lines.push(s));
  showTable(frame);
  assert.deepEqual(lines, [tableText(frame)]);
});

test("a real danfo.js DataFrame (and a groupby result) renders: the types fit and the cells match", async () => {
  const dfd = await import("danfojs-node");
  const df = new dfd.DataFrame({ measure: ["cka", "nbs", "cka"], score: [0.9, 0.5, 0.7] });
  assert.equal(tableText(df), ["measure  score", "cka      0.900", "nbs      0.500", "cka      0.700"].join("\n"));
  const mean = df.groupby(["measure"]).agg({ score: "mean" });
  assert.match(tableHtml(mean, { digits: 2 }), /<td style="text-align:left">cka<\/td><td style="text-align:right">0\.80<\/td>/);
});
