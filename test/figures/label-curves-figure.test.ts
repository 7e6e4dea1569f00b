import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../lib";
import { labelCurvesFigure } from "../../lib/figures/label-curves-figure";
import type { DecodingCurve } from "../../lib/figures/decoding-vs-score";

const curve = (label: string): DecodingCurve => ({ dataset: "s", measure: "m", seed: 0, label, steps: [0, 10], scores: [0, 0.9], accuracies: [0.5, 0.8] });
const ref = (accuracy: number) => ({ label: "x", accuracy, chanceUniform: 0.5, chanceMajority: 0.5, chanceRule: "uniform" as const, threshold: 0.5 + 0.9 * (accuracy - 0.5) });

test("labelCurvesFigure: a panel per entry, a colour per label shared by its curve and its dashed neural line", () => {
  const fig = labelCurvesFigure(
    [{ title: "λ = 1", curves: [curve("context"), curve("color")] }, { title: "λ = 100", curves: [curve("context"), curve("color")] }],
    { context: ref(0.88), color: ref(0.82) },
    [{ id: "s", source: "surrogate" }],
  );
  assert.deepEqual((fig.layout!.grid as { columns: number }).columns, 2);
  const context = fig.data.filter((t) => t.legendgroup === "context");
  assert.equal(context.length, 5, "2 curves, 2 neural lines, 1 legend entry");
  assert.equal(new Set(context.map((t) => (t.line as { color: string }).color)).size, 1);
  const dashed = fig.data.filter((t) => (t.line as { dash?: string } | undefined)?.dash === "dash" && t.legendgroup === "color");
  assert.deepEqual(dashed.map((t) => t.y), [[0.82, 0.82], [0.82, 0.82]]);
  assert.equal(fig.data.find((t) => t.xaxis === "x2" && t.legendgroup === "context")?.yaxis, "y2");
  assert.throws(() => labelCurvesFigure([{ title: "a", curves: [curve("other")] }], { context: ref(0.9) }, [{ id: "s", source: "toy" }]), /none for "other"/);
  assert.throws(() => labelCurvesFigure([], {}, [{ id: "s", source: "toy" }]), InputError);
});
