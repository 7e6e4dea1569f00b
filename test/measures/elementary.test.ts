/**
 * Elementary measures: values against direct formulas, aliases, gradients of every id, declared
 * invariances, degenerate inputs and shape errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, getMeasure, score, scoreAndGrad } from "../../lib";
import { Matrix, axpby, centerCols, colMeans, matmul, matmulTN, padCols, sliceCols, sumSquares, transpose } from "../../lib/tensor/matrix";
import { eigh } from "../../lib/tensor/linalg/eigh";
import { Rng } from "../../lib/random";
import { gradCheck } from "../support/gradcheck";

const rng = new Rng(41);
const X = rng.normalMatrix(18, 5);
const Y = axpby(1, matmul(X, rng.normalMatrix(5, 5)), 0.9, rng.normalMatrix(18, 5));
const near = (a: number, b: number, tol = 1e-10) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const rows = (A: Matrix) => A.toRows();
const dist = (a: number[], b: number[]) => norm(a.map((v, k) => v - b[k]));

test("cosine, correlation and the Gram distance against direct formulas", () => {
  const dot = X.data.reduce((s, v, i) => s + v * Y.data[i], 0);
  assert.ok(near(score("cosine", X, Y), dot / (norm(X.data) * norm(Y.data))));
  const zx = centerCols(X);
  const zy = centerCols(Y);
  const r = Array.from({ length: 5 }, (_, j) => {
    const a = rows(zx).map((row) => row[j]);
    const b = rows(zy).map((row) => row[j]);
    return a.reduce((s, v, k) => s + v * b[k], 0) / (norm(a) * norm(b));
  }).sort((a, b) => a - b);
  assert.ok(near(score("correlation", X, Y), r[2]));
  const KX = matmul(X, transpose(X));
  const KY = matmul(Y, transpose(Y));
  assert.ok(near(score("euclidean", X, Y), norm(KX.data.map((v, i) => v - KY.data[i]))));
});

test("HSIC variants: unnormalized biased, stir's unbiased scaling, RBF; aliases resolve to CKA ids", () => {
  const A = matmulTN(centerCols(X), centerCols(Y));
  assert.ok(near(score("linear_HSIC", X, Y), sumSquares(A)));
  // stir's unbiased_linear_HSIC = (n − 3)²·HSIC_Song, and CKA built from it is cka-hsic_song
  const hxy = score("unbiased_linear_HSIC", X, Y);
  const hxx = score("unbiased_linear_HSIC", X, X);
  const hyy = score("unbiased_linear_HSIC", Y, Y);
  assert.ok(near(hxy / Math.sqrt(hxx * hyy), score("cka-hsic_song", X, Y)));
  assert.ok(hxx > 0);
  assert.ok(near(score("kernel_HSIC", X, X), score("kernel_HSIC", X, axpby(1, X, 0, X))));
  assert.equal(score("kernel_CKA", X, Y), score("cka-kernel=(rbf-sigma=1)-hsic=gretton-score", X, Y));
  assert.equal(getMeasure("linear_CKA").id, "cka");
  assert.equal(getMeasure("feature_space_linear_cka").id, "cka");
  assert.equal(getMeasure("feature_space_linear_cka-debiased_True").id, "cka-hsic_song");
  assert.equal(score("rsm_norm_difference", X, Y), score("rsa-rdm=euclidean-compare=euclidean", X, Y));
  const above = (A: Matrix) => rows(A).flatMap((r, i) => r.slice(i + 1));
  const a = above(X);
  const b = above(Y);
  assert.ok(near(score("zero_diagonal-cosine", X, Y), a.reduce((s, v, k) => s + v * b[k], 0) / (norm(a) * norm(b))));
  // a narrower Y is compared as if zero-padded to X's width
  const Y3 = sliceCols(Y, 3);
  assert.ok(near(score("zero_diagonal-cosine", X, Y3), score("zero_diagonal-cosine", X, padCols(Y3, 5))));
});

test("distance correlation: direct V-statistic formula, 1 for similarity transforms", () => {
  const center = (D: number[][]) => {
    const m = D.length;
    const r = D.map((row) => row.reduce((s, v) => s + v, 0) / m);
    const g = r.reduce((s, v) => s + v, 0) / m;
    return D.map((row, i) => row.map((v, j) => v - r[i] - r[j] + g));
  };
  const A = center(rows(X).map((a) => rows(X).map((b) => dist(a, b))));
  const B = center(rows(Y).map((a) => rows(Y).map((b) => dist(a, b))));
  const inner = (P: number[][], Q: number[][]) => P.reduce((s, row, i) => s + row.reduce((t, v, j) => t + v * Q[i][j], 0), 0);
  assert.ok(near(score("distance_correlation", X, Y), Math.sqrt(inner(A, B) / Math.sqrt(inner(A, A) * inner(B, B)))));
  const G = rng.normalMatrix(5, 5);
  const Q = eigh(axpby(0.5, G, 0.5, transpose(G))).vectors;
  const similar = axpby(2.5, matmul(X, Q), 0, X);
  for (let i = 0; i < similar.data.length; i++) similar.data[i] -= 1;
  assert.ok(near(score("distance_correlation", X, similar), 1, 1e-9));
});

test("eigenspace overlap: column-space overlap over the larger width", () => {
  assert.ok(near(score("eigenspace_overlap_score", X, matmul(X, rng.normalMatrix(5, 5))), 1, 1e-9)); // same column space
  const wide = rng.normalMatrix(18, 7);
  // rank-5 column space inside an 18-dim sample space vs 7 columns: tr(P_X P_Y) ≤ 5
  const v = score("eigenspace_overlap_score", X, wide);
  assert.ok(v > 0 && v < 5 / 7, `${v}`);
  const fat = rng.normalMatrix(6, 9); // more features than samples: the column space is everything
  assert.ok(near(score("eigenspace_overlap_score", fat, rng.normalMatrix(6, 12)), 6 / 12, 1e-9));
});

test("GULP (λ = 0) is the squared distance between centered projections: ranks minus twice the overlap", () => {
  assert.ok(near(score("gulp", X, matmul(X, rng.normalMatrix(5, 5))), 0, 1e-9));
  const Yc = centerCols(Y);
  const Q = eigh(matmulTN(Yc, Yc)); // P_Ȳ = Ȳ(ȲᵀȲ)⁻¹Ȳᵀ
  const inv = Q.vectors.toRows().map((row) => row.map((v, k) => v / Q.values[k]));
  const PY = matmul(matmul(Yc, matmul(new Matrix(5, 5, Float64Array.from(inv.flat())), transpose(Q.vectors))), transpose(Yc));
  const Xc = centerCols(X);
  const QX = eigh(matmulTN(Xc, Xc));
  const invX = QX.vectors.toRows().map((row) => row.map((v, k) => v / QX.values[k]));
  const PX = matmul(matmul(Xc, matmul(new Matrix(5, 5, Float64Array.from(invX.flat())), transpose(QX.vectors))), transpose(Xc));
  assert.ok(near(score("gulp", X, Y), sumSquares(axpby(1, PX, -1, PY)), 1e-9));
});

test("statistic differences: magnitude, concentricity, uniformity", () => {
  const meanNorm = (A: Matrix) => norm(colMeans(A));
  assert.ok(near(score("magnitude_difference", X, Y), Math.abs(meanNorm(X) - meanNorm(Y))));
  const alpha = (A: Matrix) => {
    const m = Array.from(colMeans(A));
    return rows(A).reduce((s, r) => s + r.reduce((t, v, k) => t + v * m[k], 0) / (norm(r) * norm(m)), 0) / A.rows;
  };
  assert.ok(near(score("concentricity_difference", X, Y), Math.abs(alpha(X) - alpha(Y))));
  const u = (A: Matrix) => Math.log(rows(A).reduce((s, a) => s + rows(A).reduce((t, b) => t + Math.exp(-2 * dist(a, b) ** 2), 0), 0) / A.rows ** 2);
  const small = axpby(0.2, X, 0, X);
  assert.ok(near(score("uniformity_difference", small, axpby(0.3, Y, 0, Y)), Math.abs(u(small) - u(axpby(0.3, Y, 0, Y)))));
  for (const id of ["magnitude_difference", "concentricity_difference", "uniformity_difference"]) assert.equal(score(id, X, X), 0, id);
});

const IDS = [
  "cosine",
  "correlation",
  "euclidean",
  "linear_HSIC",
  "unbiased_linear_HSIC",
  "kernel_HSIC",
  "kernel_CKA",
  "zero_diagonal-cosine",
  "distance_correlation",
  "eigenspace_overlap_score",
  "gulp",
  "magnitude_difference",
  "concentricity_difference",
  "uniformity_difference",
  "rsm_norm_difference",
];

test("gradients match finite differences for every id", () => {
  const small = axpby(0.3, X, 0, X); // keeps the RBF σ = 1 and uniformity kernels away from 0
  const smallY = axpby(0.3, Y, 0, Y);
  const failures = IDS.map((id) => [id, gradCheck(id, small, smallY)] as const)
    .filter(([, r]) => !r.ok)
    .map(([id, r]) => `${id}: fd ${r.fd} vs ${r.analytic}`);
  assert.deepEqual(failures, []);
});

test("declared invariances hold and undeclared ones are real differences", () => {
  const shifted = Y.clone();
  for (let i = 0; i < shifted.data.length; i++) shifted.data[i] += 1.5;
  const scaled = axpby(2, Y, 0, Y);
  for (const id of IDS) {
    const inv = getMeasure(id).invariances;
    const base = score(id, X, Y);
    const checks: [boolean, number][] = [
      [inv.translation, score(id, X, shifted)],
      [inv.isotropicScale, score(id, X, scaled)],
    ];
    for (const [declared, v] of checks) if (declared) assert.ok(near(v, base, 1e-9), `${id} declared invariant: ${v} vs ${base}`);
  }
  assert.ok(!near(score("cosine", X, shifted), score("cosine", X, Y), 1e-3));
  assert.ok(!near(score("euclidean", X, scaled), score("euclidean", X, Y), 1e-3));
});

test("errors: shape mismatches name Y; degenerate inputs are finite", () => {
  const narrow = rng.normalMatrix(18, 3);
  for (const id of ["cosine", "correlation"]) assert.throws(() => score(id, X, narrow), (e: unknown) => e instanceof InputError && (e as InputError).argument === "Y");
  const constant = new Matrix(18, 5, new Float64Array(90).fill(3));
  for (const id of IDS) {
    const r = scoreAndGrad(id, X, constant);
    assert.ok(Number.isFinite(r.value) && (r.gradY as number[][]).flat().every(Number.isFinite), id);
  }
});

test("correlation: a constant column counts as 0 with a zero gradient (not 1/1e-300)", () => {
  const Yc = Matrix.fromRows([[1.5, -0.16], [1.5, -0.28]]);
  const Xc = Matrix.fromRows([[0.12, 0.49], [-0.54, 1.68]]);
  const { value, gradY } = scoreAndGrad("correlation", Xc, Yc);
  assert.equal(value, -0.5); // median of (0, −1)
  for (const row of gradY as number[][]) assert.ok(row.every((g) => Number.isFinite(g) && Math.abs(g) < 10), `gradient ${row}`);
  assert.ok((gradY as number[][]).every((r) => r[0] === 0), "zero gradient in the constant column");
});
