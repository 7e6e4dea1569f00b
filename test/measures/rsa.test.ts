/**
 * RSA: RDMs and comparisons against direct formulas, known identities (cosine_cov = CKA, bures = NBS,
 * diffscore ids = standardized ids), rank statistics, gradients of every differentiable pair,
 * invariances and errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, score, scoreAndGrad } from "../../lib";
import { Matrix, axpby, centerCols, frobenius, matmul, matmulTN, transpose } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { kendallTau, ranks } from "../../lib/tensor/ranks";
import { Rng } from "../../lib/random";
import { gradCheck } from "../support/gradcheck";

const rng = new Rng(21);
const X = rng.normalMatrix(14, 4);
const Y = axpby(1, matmul(X, rng.normalMatrix(4, 6)), 1, rng.normalMatrix(14, 6));
const near = (a: number, b: number, tol = 1e-10) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

const upper = (M: number[][]) => M.flatMap((row, i) => row.slice(i + 1));
const sqDist = (A: Matrix) => A.toRows().map((a) => A.toRows().map((b) => a.reduce((s, v, k) => s + (v - b[k]) ** 2, 0)));
const corr = (a: number[], b: number[]) => {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  const ab = a.reduce((s, v, k) => s + (v - ma) * (b[k] - mb), 0);
  return ab / Math.sqrt(a.reduce((s, v) => s + (v - ma) ** 2, 0) * b.reduce((s, v) => s + (v - mb) ** 2, 0));
};

test("pearson/cosine/euclidean/spearman of RDM upper triangles match direct formulas", () => {
  const a = upper(sqDist(X));
  const b = upper(sqDist(Y));
  assert.ok(near(score("rsa-rdm=squared_euclidean-compare=pearson", X, Y), corr(a, b)));
  const cos = a.reduce((s, v, k) => s + v * b[k], 0) / Math.hypot(...a) / Math.hypot(...b);
  assert.ok(near(score("rsa-rdm=squared_euclidean-compare=cosine", X, Y), cos));
  const ea = a.map(Math.sqrt);
  const eb = b.map(Math.sqrt);
  assert.ok(near(score("rsa-rdm=euclidean-compare=euclidean", X, Y), Math.hypot(...ea.map((v, k) => v - eb[k]))));
  assert.ok(near(score("rsa-rdm=euclidean-compare=spearman", X, Y), corr(Array.from(ranks(ea)), Array.from(ranks(eb)))));
  // correlation RDM: 1 − Pearson correlation between samples
  const ca = upper(X.toRows().map((u) => X.toRows().map((v) => 1 - corr(u, v))));
  const cb = upper(Y.toRows().map((u) => Y.toRows().map((v) => 1 - corr(u, v))));
  assert.ok(near(score("rsa-rdm=correlation-compare=pearson", X, Y), corr(ca, cb), 1e-9));
});

test("ranks average ties; Kendall τ_a/τ_b on small hand-computed examples and against O(m²) counting", () => {
  assert.deepEqual(Array.from(ranks([10, 20, 20, 5])), [2, 3.5, 3.5, 1]);
  const t = kendallTau([1, 2, 3, 4], [1, 3, 2, 4]);
  assert.ok(near(t.tauA, 4 / 6) && near(t.tauB, 4 / 6));
  const tied = kendallTau([1, 1, 2], [1, 2, 3]); // one pair tied in a, two concordant
  assert.ok(near(tied.tauA, 2 / 3) && near(tied.tauB, 2 / Math.sqrt(2 * 3)));
  const r = new Rng(4);
  const a = Array.from({ length: 40 }, () => Math.round(3 * r.normal()));
  const b = Array.from({ length: 40 }, (_, i) => Math.round(a[i] + 2 * r.normal()));
  let s = 0;
  let ta = 0;
  let tb = 0;
  for (let i = 0; i < 40; i++)
    for (let j = i + 1; j < 40; j++) {
      s += Math.sign(a[i] - a[j]) * Math.sign(b[i] - b[j]);
      if (a[i] === a[j]) ta++;
      if (b[i] === b[j]) tb++;
    }
  const n0 = (40 * 39) / 2;
  const k = kendallTau(a, b);
  assert.ok(near(k.tauA, s / n0) && near(k.tauB, s / Math.sqrt((n0 - ta) * (n0 - tb))));
});

test("identities: cosine_cov of squared-Euclidean RDMs is CKA, bures is NBS, diffscore ids are the standardized ones", () => {
  assert.ok(near(score("rsa-rdm=squared_euclidean-compare=cosine_cov", X, Y), score("cka", X, Y)));
  const A = matmulTN(centerCols(X), centerCols(Y));
  // AᵀA is 6×6 of rank 4: its two zero eigenvalues come out at roundoff (±1e-13), whose square roots
  // (3e-7) would count; treat eigenvalues below 1e-12 of the largest as zero
  const ev = eigh(matmulTN(A, A)).values;
  const nuclear = ev.reduce((s, l) => s + (l > 1e-12 * ev[ev.length - 1] ? Math.sqrt(l) : 0), 0);
  const nbs = nuclear / (frobenius(centerCols(X)) * frobenius(centerCols(Y)));
  assert.ok(near(score("rsa-rdm=squared_euclidean-compare=bures", X, Y), nbs, 1e-9));
  assert.ok(near(score("rsa-rdm=mahalanobis-compare=bures", X, Y), nbs, 1e-9));
  // diffscore's rsa-correlation-corr is the cosine of double-centered linear Grams, i.e. CKA
  assert.ok(near(score("rsa-correlation-corr", X, Y), score("kernel=linear-similarity=(centered-cosine)-score", X, Y)));
  for (const [d, s] of [["rsa-euclidean-cosine", "rsa-rdm=squared_euclidean-compare=cosine"], ["rsa-euclidean-corr", "rsa-rdm=squared_euclidean-compare=pearson"], ["rsa-correlation-cosine", "rsa-rdm=correlation-compare=cosine"]])
    assert.equal(score(d, X, Y), score(s, X, Y), d);
  // the squared Bures metric is tr G_X + tr G_Y − 2·fidelity with G = X̄X̄ᵀ/p
  const trX = frobenius(centerCols(X)) ** 2 / X.cols;
  const trY = frobenius(centerCols(Y)) ** 2 / Y.cols;
  assert.ok(near(score("rsa-rdm=squared_euclidean-compare=bures_metric", X, Y), trX + trY - (2 * nuclear) / Math.sqrt(X.cols * Y.cols), 1e-9));
});

const RDMS = ["squared_euclidean", "euclidean", "correlation", "cosine"];
const DIFFERENTIABLE = ["pearson", "cosine", "euclidean", "cosine_cov", "corr_cov", "bures", "bures_metric"];

test("gradients match finite differences for every RDM × differentiable comparison", () => {
  const failures: string[] = [];
  for (const r of RDMS)
    for (const c of DIFFERENTIABLE) {
      const id = `rsa-rdm=${r}-compare=${c}`;
      const g = gradCheck(id, X, Y);
      if (!g.ok) failures.push(`${id}: fd ${g.fd} vs ${g.analytic}`);
    }
  for (const id of ["rsa-euclidean-cosine", "rsa-euclidean-corr", "rsa-correlation-cosine"]) {
    const g = gradCheck(id, rng.normalMatrix(10, 13), rng.normalMatrix(10, 17)); // fewer samples than features
    if (!g.ok) failures.push(`${id} (n < p): fd ${g.fd} vs ${g.analytic}`);
  }
  assert.deepEqual(failures, []);
});

test("rank-based comparisons are value-only", () => {
  for (const c of ["spearman", "kendall", "tau_a", "tau_b", "rho_a"]) {
    const id = `rsa-rdm=correlation-compare=${c}`;
    const v = score(id, X, Y);
    assert.ok(v > -1 && v < 1, `${id}: ${v}`);
    assert.throws(() => scoreAndGrad(id, X, Y), (e: unknown) => e instanceof InputError && /value-only/.test((e as Error).message));
  }
  assert.equal(score("rsa-rdm=cosine-compare=kendall", X, Y), score("rsa-rdm=cosine-compare=tau_b", X, Y));
});

test("invariances: correlation RDMs ignore per-sample affine changes; distance RDMs ignore rotations and translations", () => {
  const affine = Y.clone();
  for (let i = 0; i < Y.rows; i++) for (let j = 0; j < Y.cols; j++) affine.data[i * Y.cols + j] = (1 + i) * Y.data[i * Y.cols + j] - 3 * i;
  for (const c of ["pearson", "cosine", "bures", "corr_cov"]) assert.ok(near(score(`rsa-rdm=correlation-compare=${c}`, X, affine), score(`rsa-rdm=correlation-compare=${c}`, X, Y), 1e-9), c);
  const G = new Rng(5).normalMatrix(6, 6);
  const Q = eigh(axpby(0.5, G, 0.5, transpose(G))).vectors; // a random orthogonal matrix
  const moved = matmul(Y, Q);
  for (let i = 0; i < moved.data.length; i++) moved.data[i] += 2;
  for (const c of ["pearson", "euclidean", "bures_metric", "spearman"]) assert.ok(near(score(`rsa-rdm=euclidean-compare=${c}`, X, moved), score(`rsa-rdm=euclidean-compare=${c}`, X, Y), 1e-9), c);
  // scale-dependent comparisons see a rescaling of Y
  assert.ok(!near(score("rsa-rdm=euclidean-compare=euclidean", X, axpby(2, Y, 0, Y)), score("rsa-rdm=euclidean-compare=euclidean", X, Y), 1e-3));
});

test("X vs X is perfect, constant rows stay finite, errors name the argument", () => {
  for (const c of ["pearson", "cosine", "spearman", "cosine_cov", "bures"]) assert.ok(near(score(`rsa-rdm=correlation-compare=${c}`, X, X), 1, 1e-9), c);
  assert.ok(near(score("rsa-rdm=squared_euclidean-compare=bures_metric", X, X), 0, 1e-9));
  const flat = Y.clone();
  for (let j = 0; j < Y.cols; j++) flat.data[j] = 1; // a constant sample: its correlation distance is floored, not NaN
  const r = scoreAndGrad("rsa-correlation-cosine", X, flat);
  assert.ok(Number.isFinite(r.value) && (r.gradY as number[][]).flat().every(Number.isFinite));
  assert.throws(() => score("rsa-euclidean-corr", X.toRows().slice(0, 2), Y.toRows().slice(0, 2)), /at least 3 samples/);
  assert.throws(() => score("rsa-rdm=poisson-compare=pearson", X, Y), InputError);
});

test("gaussian RDM (thingsvision): 1 − exp(−‖x_i − x_j‖²/mean of all n² squared distances), scale-invariant, with gradients", () => {
  const D = sqDist(X);
  const mean = D.flat().reduce((s, v) => s + v, 0) / D.flat().length;
  const rdm = (A: number[][]) => upper(A.map((row) => row.map((v) => 1 - Math.exp(-v / mean))));
  const DY = sqDist(Y);
  const meanY = DY.flat().reduce((s, v) => s + v, 0) / DY.flat().length;
  const b = upper(DY.map((row) => row.map((v) => 1 - Math.exp(-v / meanY))));
  assert.ok(near(score("rsa-rdm=gaussian-compare=pearson", X, Y), corr(rdm(D), b)));
  assert.ok(near(score("rsa-rdm=gaussian-compare=pearson", X, axpby(4, Y, 0, Y)), score("rsa-rdm=gaussian-compare=pearson", X, Y)));
  for (const id of ["rsa-rdm=gaussian-compare=pearson", "rsa-rdm=gaussian-compare=cosine", "rsa-rdm=gaussian-compare=euclidean"]) {
    const r = gradCheck(id, X, Y);
    assert.ok(r.ok, `${id}: ${r.fd} vs ${r.analytic}`);
  }
});

test("correlation and cosine RDMs have no negative distances: equal rows stay within the measure's range", () => {
  // Equal rows: 1 − ⟨z_i, z_j⟩ rounds to ±2⁻⁵², and the cosine of that RDM with another one was −0.577
  // (found by FUZZ_RUNS=4000 FUZZ_SEED=11); the distances are now clamped to [0, 2] and the cosine to [−1, 1].
  const X = [[0.3, -1.7, 2.9], [0.3, -1.7, 2.9], [0.3, -1.7, 2.9]];
  const Y = [[0.4], [-1.2], [2.5]];
  for (const id of ["rsa-correlation-cosine"]) {
    const value = score(id, X, Y);
    assert.ok(value >= 0 && value <= 1, `${id}: ${value} outside [0, 1]`);
  }
});
