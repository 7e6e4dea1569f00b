import { test } from "node:test";
import assert from "node:assert/strict";
import { AllowedRegion, InputError, ScorePair } from "../../lib";
import { classifyRelation } from "../../lib/analysis/region-relation";

const region = (polygon: ScorePair[]): AllowedRegion => ({ measures: ["A", "B"], targets: [], runs: [], reached: polygon, polygon });

test("classifyRelation reads the three relations of Fig. 7a off a polygon", () => {
  assert.equal(classifyRelation(region([[0, 0], [1, 0], [1, 1], [0, 1]])).relation, "independent");
  assert.equal(classifyRelation(region([[0, 0], [0.6, 0.4], [1, 1], [0.4, 0.6]])).relation, "coupled");
  // B ≥ A²: high B forces high A... here the region {B ≤ √A}: B ≥ 0.9 ⇒ A ≥ 0.81; A ≥ 0.9 leaves B in [0, 1]
  const sqrt = Array.from({ length: 11 }, (_, i) => [i / 10, Math.sqrt(i / 10)] as ScorePair);
  const asym = classifyRelation(region([[1, 0], ...sqrt.reverse(), [0, 0]].reverse() as ScorePair[]));
  assert.equal(asym.relation, "asymmetric");
  assert.equal(asym.constraining, "B");
  assert.match(asym.statement, /^asymmetric \(high B forces the other up\): A ≥ 0.9 ⇒ B ∈ \[0.00, 1.00\]; B ≥ 0.9 ⇒ A ∈ \[0.81, 1.00\]$/);
  // the triangle B ≥ A: high A forces high B, so A constrains
  const upper = classifyRelation(region([[0, 0], [1, 1], [0, 1]]));
  assert.deepEqual([upper.relation, upper.constraining], ["asymmetric", "A"]);
  assert.equal(classifyRelation(region([[0, 0], [0.5, 0], [0.5, 0.5]])).relation, "undetermined");
  assert.throws(() => classifyRelation(region([[0, 0]]), { wide: 0 }), InputError);
});
