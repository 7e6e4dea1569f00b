/**
 * Nearest-neighbour measures (neighbors.ts): identical neighbourhoods score 1, both measures only see
 * cosine geometry (rescaling samples changes nothing), and a hand-computed rank-similarity term.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { score } from "../../lib";
import { Matrix } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";
import { rankSimilarity } from "../../lib/measures/neighbors";

const rng = new Rng(81);

test("a representation compared with itself, or with its samples rescaled, scores 1", () => {
  const X = rng.normalMatrix(30, 5);
  const rescaled = X.clone();
  for (let i = 0; i < 30; i++) for (let j = 0; j < 5; j++) rescaled.data[i * 5 + j] *= 1 + i;
  for (const id of ["rank_similarity", "second_order_cosine_similarity"]) {
    assert.ok(Math.abs(score(id, X, X) - 1) < 1e-12, id);
    assert.ok(Math.abs(score(id, X, rescaled) - 1) < 1e-12, id);
  }
});

test("rank similarity by hand: on a circle every sample's two nearest neighbours swap ranks", () => {
  const circle = (deg: number[]) => Matrix.fromRows(deg.map((d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)]));
  // k = 2 neighbours: X (0°, 10°, 25°, 90°) gives (1, 2), (0, 2), (1, 0), (2, 1); Y (0°, 10°, 4°, 90°) gives
  // (2, 1), (2, 0), (0, 1), (1, 2). Each sample shares both neighbours with ranks swapped:
  // 2·2/((1 + 1)(1 + 2)) / H_2 = (2/3)/(3/2) = 4/9
  assert.ok(Math.abs(rankSimilarity(circle([0, 10, 25, 90]), circle([0, 10, 4, 90]), 2) - 4 / 9) < 1e-15);
});
