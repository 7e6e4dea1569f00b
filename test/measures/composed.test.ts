/**
 * diffscore's compositional ids: the documented identities, every combination of the grammar
 * resolving (or being rejected for a zero-trace Bures input), gradients through centering,
 * whitening, RDM conversion, similarity steps and the Bures square root, and invariances.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError, getMeasure, hasMeasure, score } from "../../lib";
import { Matrix, axpby, matmul } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";
import { gradCheck } from "../support/gradcheck";

const rng = new Rng(51);
const X = rng.normalMatrix(15, 4);
const Y = axpby(1, matmul(X, rng.normalMatrix(4, 5)), 1.2, rng.normalMatrix(15, 5));
const near = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

const KERNELS = ["linear", "(centered-linear)", "(whitened-linear)", "(centered-whitened-linear)", "(whitened-centered-linear)"];
const RDMS = ["squared_euclidean", "correlation", "(centered-linear)", "(whitened-linear)", "(centered-whitened-linear)", "(whitened-centered-linear)"];
const BASES = ["cosine", "bures", "upper_triangular_correlation"];
const STEPS = ["", "centered-", "zero_diagonal-", "centered-zero_diagonal-", "zero_diagonal-centered-"];
const SIMILARITIES = [...BASES.flatMap((b) => STEPS.map((s) => (s ? `(${s}${b})` : b))), "(triu_centered-zero_diagonal-cosine)"];
const zeroTraceBures = (kind: string, sim: string) => sim.includes("bures") && (/zero_diagonal-bures/.test(sim) || (kind === "rdm" && sim === "bures"));

test("identities: CKA, Lange CKA, RSA, angular_score", () => {
  const cka = score("cka", X, Y);
  assert.ok(near(score("kernel=linear-similarity=(centered-cosine)-score", X, Y), cka));
  assert.ok(near(score("kernel=(centered-linear)-similarity=cosine-score", X, Y), cka));
  assert.ok(near(score("rdm=squared_euclidean-similarity=(centered-cosine)-score", X, Y), cka));
  assert.ok(near(score("kernel=linear-similarity=(centered-zero_diagonal-cosine)-score", X, Y), score("cka-kernel=linear-hsic=lange-score", X, Y)));
  assert.ok(near(score("rdm=squared_euclidean-similarity=upper_triangular_correlation-score", X, Y), score("rsa-euclidean-corr", X, Y)));
  assert.ok(near(score("rdm=squared_euclidean-similarity=(triu_centered-zero_diagonal-cosine)-score", X, Y), score("rsa-euclidean-corr", X, Y)));
  assert.ok(near(score("rdm=correlation-similarity=cosine-score", X, Y), score("rsa-correlation-cosine", X, Y)));
  assert.ok(near(score("rdm=squared_euclidean-similarity=cosine-score", X, Y), score("rsa-euclidean-cosine", X, Y)));
  const s = score("kernel=(centered-linear)-similarity=bures-score", X, Y);
  assert.ok(near(score("kernel=(centered-linear)-similarity=bures-angular_score", X, Y), 1 - (2 / Math.PI) * Math.acos(s)));
  assert.ok(near(score("nbs-angular_score", X, Y), score("kernel=linear-similarity=(centered-bures)-angular_score", X, Y)));
});

test("whitened kernels: invariant to invertible linear maps; equal to 1 when Y = XA", () => {
  const A = axpby(1, Matrix.identity(4), 0.7, rng.normalMatrix(4, 4));
  for (const id of ["kernel=(centered-whitened-linear)-similarity=bures-score", "kernel=(centered-whitened-linear)-similarity=cosine-score", "rdm=(centered-whitened-linear)-similarity=(centered-cosine)-score"]) {
    assert.ok(near(score(id, X, matmul(X, A)), 1, 1e-8), id);
    assert.ok(near(score(id, X, matmul(Y, axpby(1, Matrix.identity(5), 0.5, rng.normalMatrix(5, 5)))), score(id, X, Y), 1e-8), id);
    assert.ok(getMeasure(id).invariances.invertibleLinear, id);
  }
  assert.ok(!getMeasure("kernel=(centered-linear)-similarity=bures-score").invariances.invertibleLinear);
});

test("every combination of the grammar resolves, except Bures of zero-trace matrices (InputError)", () => {
  let resolved = 0;
  for (const [kind, specs] of [["kernel", KERNELS], ["rdm", RDMS]] as const)
    for (const e of specs)
      for (const s of SIMILARITIES)
        for (const out of ["score", "angular_score"]) {
          const id = `${kind}=${e}-similarity=${s}-${out}`;
          if (zeroTraceBures(kind, s)) assert.throws(() => getMeasure(id), (err: unknown) => err instanceof InputError && /non-zero trace/.test((err as Error).message), id);
          else {
            assert.ok(hasMeasure(id), id);
            resolved++;
          }
        }
  assert.equal(resolved, 5 * 14 * 2 + 6 * 13 * 2); // 16 similarities, minus 2 (kernels) or 3 (RDMs) zero-trace Bures inputs
  for (const bad of ["kernel=(centered-centered-linear)-similarity=cosine-score", "kernel=(linear)-similarity=cosine-score", "kernel=linear-similarity=(cosine)-score", "rdm=linear-similarity=cosine-score", "kernel=rbf-similarity=cosine-score"])
    assert.ok(!hasMeasure(bad), bad);
});

test("gradients match finite differences through every embedding, similarity step and base", () => {
  const failures: string[] = [];
  for (const [kind, specs] of [["kernel", KERNELS], ["rdm", RDMS]] as const)
    for (const e of specs)
      for (const s of ["cosine", "(centered-bures)", "upper_triangular_correlation", "(zero_diagonal-upper_triangular_correlation)", "(zero_diagonal-centered-cosine)"]) {
        const id = `${kind}=${e}-similarity=${s}-angular_score`;
        if (kind === "rdm" && s.includes("bures")) continue; // H·D·H of a distance matrix is negative semi-definite: value 0
        const r = gradCheck(id, X, Y);
        if (!r.ok) failures.push(`${id}: fd ${r.fd} vs ${r.analytic}`);
      }
  assert.deepEqual(failures, []);
});

test("translation invariance is declared exactly when centering comes first", () => {
  const shifted = Y.clone();
  for (let i = 0; i < shifted.data.length; i++) shifted.data[i] += 2 + (i % 5);
  for (const id of [
    "kernel=(centered-linear)-similarity=(zero_diagonal-cosine)-score",
    "kernel=linear-similarity=(centered-bures)-score",
    "rdm=squared_euclidean-similarity=upper_triangular_correlation-score",
    "kernel=(centered-whitened-linear)-similarity=cosine-score",
  ]) {
    assert.ok(getMeasure(id).invariances.translation, id);
    assert.ok(near(score(id, X, shifted), score(id, X, Y), 1e-8), id);
  }
  for (const id of ["kernel=linear-similarity=cosine-score", "kernel=(whitened-centered-linear)-similarity=cosine-score", "kernel=linear-similarity=(zero_diagonal-centered-cosine)-score"]) {
    assert.ok(!getMeasure(id).invariances.translation, id);
    assert.ok(!near(score(id, X, shifted), score(id, X, Y), 1e-6), id);
  }
});
