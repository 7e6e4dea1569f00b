import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, tableHtml } from "../../lib";
import { paperComparison } from "../../lib/figures/paper-check";

test("paperComparison: numbers agree within the tolerance, NaN never; statements carry their verdict", () => {
  const rows = paperComparison([
    { quantity: "a", paper: 0.89, thisRun: 0.892, tolerance: 0.03 },
    { quantity: "b", paper: 0.005, thisRun: 0.08, tolerance: 0.05 },
    { quantity: "c", paper: 0.89, thisRun: NaN, tolerance: 0.03 },
    { quantity: "d", paper: "P < R < C", thisRun: "P < R < C", agrees: true },
  ]);
  assert.deepEqual(rows.map((r) => r["agrees?"]), ["yes", "no", "no", "yes"]);
  assert.deepEqual(rows[0], { quantity: "a", paper: "0.890", "this run": "0.892", tolerance: "± 0.03", "agrees?": "yes" });
  assert.equal(rows[2]["this run"], "not reached");
  assert.equal(rows[3].tolerance, "—");
  assert.ok(tableHtml(rows).includes("agrees?"), "the rows are a showTable input");
  assert.throws(() => paperComparison([{ quantity: "e", paper: 1, thisRun: 1 }]), InputError);
  assert.throws(() => paperComparison([{ quantity: "f", paper: "x", thisRun: "y" }]), InputError);
});
