/**
 * Every golden value (value and gradient) whose measure id the library implements must be reproduced:
 * 1e-5 absolute for scores in [-1, 1], 1e-5 relative otherwise; gradients 1e-4 relative (Frobenius).
 * Where implementations of a standardized id disagree, the majority cluster is the target.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { hasMeasure, score, scoreAndGrad } from "../../lib";
import { closeEnough, golden, exactValues, relativeError, GoldenValue } from "../support/golden";

const DEFAULT_PARAMS: Record<string, number> = { sigma: 1.0, alpha: 1.0, topk: 10, dim: 10, n_components: 25 };

/** The concrete id of a golden entry: templates such as {sigma} filled with its params or the defaults. */
export function concreteId(v: GoldenValue): string {
  return v.measure.replace(/\{(\w+)\}/g, (_, k: string) => String(v.params?.[k] ?? DEFAULT_PARAMS[k]));
}

/** For standardized ids with disagreeing implementations: the repos outside the majority cluster. */
function outliers(): Set<string> {
  const out = new Set<string>();
  for (const d of golden().disagreements.filter((d) => d.type === "same_standardized_name")) {
    const clusters = [...d.clusters].sort((a, b) => b.length - a.length);
    if (clusters.length > 1 && clusters[0].length > clusters[1].length)
      for (const c of clusters.slice(1)) for (const repo of c) out.add(`${d.measure}|${d.case}|${repo}`);
  }
  return out;
}

const skip = outliers();
const entries = exactValues((v) => hasMeasure(concreteId(v)) && !skip.has(`${v.measure}|${v.case}|${v.repo}`));
const byId = new Map<string, GoldenValue[]>();
for (const v of entries) byId.set(concreteId(v), [...(byId.get(concreteId(v)) ?? []), v]);

test(`golden coverage (printed)`, () => {
  const all = new Set(golden().values.map(concreteId));
  const covered = [...all].filter((id) => hasMeasure(id));
  console.log(`golden ids covered: ${covered.length} of ${all.size}; entries checked: ${entries.length}`);
  assert.ok(covered.length > 0);
});

for (const [id, list] of byId) {
  test(`golden values: ${id}`, () => {
    const failures: string[] = [];
    for (const v of list) {
      const c = golden().cases[v.case];
      const [A, B] = v.args === "YX" ? [c.Y, c.X] : [c.X, c.Y];
      const got = score(id, A, B);
      if (!closeEnough(got, v.value as number)) failures.push(`${v.repo} case ${v.case}${v.args === "YX" ? " (Y,X)" : ""}: got ${got}, expected ${v.value}`);
    }
    assert.deepEqual(failures, []);
  });
}

for (const g of golden().gradients.filter((g) => hasMeasure(g.measure))) {
  test(`golden gradient: ${g.measure} case ${g.case}`, () => {
    const c = golden().cases[g.case];
    const r = scoreAndGrad(g.measure, c.X, c.Y);
    assert.ok(closeEnough(r.value, g.value), `value ${r.value} vs ${g.value}`);
    const err = relativeError(r.gradY, g.grad);
    assert.ok(err < 1e-4, `relative gradient error ${err}`);
  });
}
