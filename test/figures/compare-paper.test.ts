import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, tableText } from "../../lib";
import { comparePaper } from "../../lib/figures/compare-paper";

test("comparePaper: numeric rows agree exactly when within the stated tolerance of the paper's number or range", () => {
  const rows = comparePaper([
    { quantity: "inside", paper: 0.345, thisRun: 0.36, tolerance: 0.02 },
    { quantity: "outside", paper: 0.345, thisRun: 0.37, tolerance: 0.02 },
    { quantity: "range", paper: [0.94, 0.95], thisRun: 0.955, tolerance: 0.01 },
    { quantity: "range below", paper: [0.94, 0.95], thisRun: 0.92, tolerance: 0.01 },
    { quantity: "never reached", paper: 0.5, thisRun: NaN, tolerance: 1, note: "no crossing" },
  ]);
  assert.deepEqual(rows.map((r) => r["agrees?"]), ["✓", "✗", "✓", "✗", "✗"]);
  assert.deepEqual(rows[0], { quantity: "inside", paper: "0.345", "this run": "0.360", "agrees?": "✓", "tolerance / rule": "± 0.02", note: "" });
  assert.equal(rows[2].paper, "0.940–0.950");
  assert.equal(rows[4]["this run"], "—");
  assert.equal(rows[4].note, "no crossing");
  assert.match(tableText(rows), /^quantity\s+paper\s+this run\s+agrees\?/, "the rows render with showTable/tableText");
});

test("comparePaper: rule rows take ✓/✗ from holds and state the rule", () => {
  const [yes, no] = comparePaper([
    { quantity: "CKA × Procrustes", paper: "asymmetric", thisRun: "asymmetric", rule: "same relation", holds: true },
    { quantity: "exponent", paper: 2, thisRun: 1.5, rule: "|Δ| ≤ 0.1", holds: false },
  ], { digits: 2 });
  assert.equal(yes["agrees?"], "✓");
  assert.equal(yes["tolerance / rule"], "same relation");
  assert.deepEqual([no["agrees?"], no.paper, no["this run"]], ["✗", "2", "1.50"]);
});

test("comparePaper: bad rows throw InputError naming the row", () => {
  assert.throws(() => comparePaper([{ quantity: "", paper: 1, thisRun: 1, tolerance: 0 }]), /rows\[0\]\.quantity/);
  assert.throws(() => comparePaper([{ quantity: "q", paper: [2, 1], thisRun: 1, tolerance: 0 }]), InputError);
  assert.throws(() => comparePaper([{ quantity: "q", paper: 1, thisRun: 1, tolerance: -1 }]), /tolerance/);
  assert.throws(() => comparePaper([{ quantity: "q", paper: "x", thisRun: "y", rule: "", holds: true }]), InputError);
});
