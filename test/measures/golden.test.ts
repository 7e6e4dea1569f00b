/**
 * Every golden value (value and gradient) whose measure id the library implements must be reproduced:
 * 1e-5 absolute for scores in [-1, 1], 1e-5 relative otherwise; gradients 1e-4 relative (Frobenius).
 * Where implementations of a standardized id disagree, the majority cluster is the target.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { hasMeasure, score, scoreAndGrad } from "../../lib";
import { closeEnough, golden, exactValues, relativeError, GoldenValue } from "../support/golden";
import { exclusionFor } from "../support/golden_policy";

const DEFAULT_PARAMS: Record<string, number> = { sigma: 1.0, alpha: 1.0, topk: 10, dim: 10, n_components: 25 };

/** The concrete id of a golden entry: templates such as {sigma} filled with its params or the defaults. */
export function concreteId(v: GoldenValue): string {
  return v.measure.replace(/\{(\w+)\}/g, (_, k: string) => String(v.params?.[k] ?? DEFAULT_PARAMS[k]));
}

function groupKey(measure: string, c: string, params?: Record<string, number>, args?: string): string {
  return `${measure}|${c}|${JSON.stringify(params ?? {})}|${args ?? "XY"}`;
}

/** Repos outside the largest cluster(s) of each disagreement (ties keep every largest cluster). */
function outliers(): Set<string> {
  const out = new Set<string>();
  for (const d of golden().disagreements.filter((d) => d.type === "same_standardized_name")) {
    const top = Math.max(...d.clusters.map((c) => c.length));
    for (const c of d.clusters) if (c.length < top) for (const repo of c) out.add(`${groupKey(d.measure, d.case, d.params, d.args)}|${repo}`);
  }
  return out;
}

const skip = outliers();
const implemented = exactValues((v) => hasMeasure(concreteId(v)));
const excluded = implemented.filter((v) => exclusionFor(concreteId(v), v));
const entries = implemented.filter((v) => !exclusionFor(concreteId(v), v) && !skip.has(`${groupKey(v.measure, v.case, v.params, v.args)}|${v.repo}`));
/** id → (case, args) → candidate values: the measure must match one of them (all equal unless clusters tie). */
const byId = new Map<string, Map<string, GoldenValue[]>>();
for (const v of entries) {
  const id = concreteId(v);
  const groups = byId.get(id) ?? new Map<string, GoldenValue[]>();
  const key = `${v.case}|${v.args ?? "XY"}`;
  groups.set(key, [...(groups.get(key) ?? []), v]);
  byId.set(id, groups);
}

test(`golden coverage (printed)`, () => {
  const all = new Set(golden().values.map(concreteId));
  const covered = [...all].filter((id) => hasMeasure(id));
  console.log(`golden ids covered: ${covered.length} of ${all.size}; entries checked: ${entries.length}; excluded with a stated reason: ${excluded.length} (test/support/golden_policy.ts)`);
  assert.ok(covered.length > 0);
});

for (const [id, groups] of byId) {
  test(`golden values: ${id}`, () => {
    const failures: string[] = [];
    for (const candidates of groups.values()) {
      const v = candidates[0];
      const c = golden().cases[v.case];
      const [A, B] = v.args === "YX" ? [c.Y, c.X] : [c.X, c.Y];
      const got = score(id, A, B);
      if (!candidates.some((w) => closeEnough(got, w.value as number)))
        failures.push(`case ${v.case}${v.args === "YX" ? " (Y,X)" : ""}: got ${got}, expected ${candidates.map((w) => `${w.value} (${w.repo})`).join(" or ")}`);
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
