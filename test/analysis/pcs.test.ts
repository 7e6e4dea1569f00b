import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, Rng, captureScores, pca, pcLearningOrder, pcR2, spectrumSurrogateComparison, toy2d, ultrametric } from "../../lib";
import { cholesky, choleskySolve } from "../../lib/tensor/linalg/cholesky";
import { centerCols, gramCols, matmul, matmulTN } from "../../lib/tensor/matrix";

/** X with decaying column scales, so its PCs are well separated. */
function decaying(rng: Rng, n: number, p: number): Matrix {
  const X = rng.normalMatrix(n, p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) X.data[i * p + j] *= 0.8 ** j;
  return X;
}

test("pcR2 equals 1 − ‖x_k − x̂_k‖²/‖x_k‖² of the least-squares fit of each PC from Y", () => {
  const rng = new Rng(11);
  const X = decaying(rng, 40, 6);
  const Y = rng.normalMatrix(40, 4);
  const got = pcR2(X)(Y);
  const { axes } = pca(X);
  const Xc = centerCols(X);
  const Yc = centerCols(Y);
  const L = cholesky(gramCols(Yc));
  for (let k = 0; k < 6; k++) {
    const v = new Matrix(6, 1, Float64Array.from({ length: 6 }, (_, j) => axes.get(j, k)));
    const x = matmul(Xc, v);
    const fit = matmul(Yc, choleskySolve(L, matmulTN(Yc, x)));
    let res = 0;
    let tot = 0;
    for (let i = 0; i < 40; i++) {
      res += (x.data[i] - fit.data[i]) ** 2;
      tot += x.data[i] ** 2;
    }
    assert.ok(Math.abs(got[k] - (1 - res / tot)) < 1e-10, `PC ${k}: ${got[k]} vs ${1 - res / tot}`);
  }
});

test("pcR2 handles rank-deficient and narrower Y exactly (Y = X: all 1; Y = two copies of PC 1: only PC 1)", () => {
  const rng = new Rng(12);
  const X = decaying(rng, 30, 5);
  assert.ok(Array.from(pcR2(X)(X)).every((r) => Math.abs(r - 1) < 1e-10));
  const { axes } = pca(X);
  const v1 = new Matrix(5, 1, Float64Array.from({ length: 5 }, (_, j) => axes.get(j, 0)));
  const x1 = matmul(centerCols(X), v1);
  const Y = new Matrix(30, 3);
  for (let i = 0; i < 30; i++) {
    Y.data[i * 3] = x1.data[i];
    Y.data[i * 3 + 1] = -2 * x1.data[i] + 7; // same direction after centering
  }
  const r2 = pcR2(X)(Y);
  assert.ok(Math.abs(r2[0] - 1) < 1e-10);
  for (let k = 1; k < 5; k++) assert.ok(Math.abs(r2[k]) < 1e-10, `PC ${k}: ${r2[k]}`);
});

test("captureScores: half-way rule, first upward crossing with linear interpolation, NaN when never reached", () => {
  const scores = [0.1, 0.5, 0.9];
  const got = captureScores(scores, [
    [0.2, 0.1, 1],
    [0.7, 0.3, 1],
    [0.95, 0.4, 1],
  ]);
  assert.ok(Math.abs(got[0] - 0.42) < 1e-12); // τ = 0.6 between 0.2 (s 0.1) and 0.7 (s 0.5)
  assert.ok(Number.isNaN(got[1])); // τ = 0.55 never reached
  assert.equal(got[2], 0.1); // already at τ = 1 at step 0
  // non-monotone curve: the first crossing counts, not a later one
  const nm = captureScores([0, 0.2, 0.4, 0.6, 0.8], [[0], [0.6], [0.3], [0.4], [0.9]]);
  assert.ok(Math.abs(nm[0] - (0 + (0.5 / 0.6) * 0.2)) < 1e-12);
});

test("toy2d, CKA (paper §5, Fig. 2): PC1 learned linearly with the score, PC2 ≈ 0 up to 0.99 and never captured", () => {
  for (let seed = 1; seed <= 3; seed++) {
    const o = pcLearningOrder(toy2d(), "cka", { seed, stopScore: 0.99 });
    const j = o.scores.findIndex((s) => s >= 0.9);
    assert.ok(o.r2[j][0] > 0.85 && o.r2[j][1] < 0.15, `seed ${seed} at 0.9: ${o.r2[j]}`);
    assert.ok(Number.isFinite(o.captureScores[0]) && Number.isNaN(o.captureScores[1]), `seed ${seed}: ${o.captureScores}`);
    assert.equal(o.captured.count, 1);
    assert.ok(Math.abs(o.captured.varianceShare - o.explainedVarianceRatio[0]) < 1e-12);
  }
});

test("ultrametric: CKA captures fewer PCs than angular Procrustes at the 0.99 stop", () => {
  const data = ultrametric({ seed: 1 });
  const cka = pcLearningOrder(data, "cka", { seed: 1, stopScore: 0.99 });
  const proc = pcLearningOrder(data, "procrustes-angular-score", { seed: 1, stopScore: 0.99 });
  console.log(`PCs captured at 0.99: cka ${cka.captured.count}/${cka.captured.total}, procrustes ${proc.captured.count}/${proc.captured.total}`);
  assert.ok(cka.captured.count < proc.captured.count);
});

test("toy2d, angular Procrustes (paper §5): PC2 is learned well before the end", () => {
  const o = pcLearningOrder(toy2d(), "procrustes-angular-score", { seed: 1, stopScore: 0.99 });
  const j = o.scores.findIndex((s) => s >= 0.9);
  assert.ok(o.r2[j][1] > 0.6, `R² at 0.9: ${o.r2[j]}`);
  assert.equal(o.captured.count, 2);
  o.steps.forEach((k, i) => assert.equal(o.scores[i], o.run.scores[k]));
});

test("spectrum-matched Gaussian surrogate: same spectrum, similar CKA dynamics", () => {
  const data = ultrametric({ seed: 1 });
  const { data: d, surrogate: s } = spectrumSurrogateComparison(data, "cka", { seed: 1, stopScore: 0.99 });
  d.explainedVarianceRatio.forEach((r, k) => assert.ok(Math.abs(r - s.explainedVarianceRatio[k]) < 1e-10));
  assert.ok(Math.abs(d.run.iterations - s.run.iterations) <= 0.25 * d.run.iterations, `${d.run.iterations} vs ${s.run.iterations}`);
  assert.ok(Math.abs(d.scores[0] - s.scores[0]) < 0.05);
  assert.ok(Math.abs(d.captured.count - s.captured.count) <= 8, `${d.captured.count} vs ${s.captured.count}`);
});
