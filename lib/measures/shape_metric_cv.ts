import { InputError } from "../errors";
import { Matrix, centerCols, colMeans, dot, frobenius, matmul, matmulTN, padCols, takeRows } from "../tensor/matrix";
import { pca, pcaScores } from "../tensor/linalg/pca";
import { polar } from "../tensor/linalg/polar";
import { partialWhitening } from "../tensor/linalg/whitening";
import { addMeasure, addPattern } from "./registry";
import { shuffledFolds } from "./splits";
import { PcSelection, reduceToPcs } from "./svcca";
import { INVARIANCE, MeasureDefinition } from "./types";

/**
 * Cross-validated shape metrics of NeuroAIMetrics (`LinearShapeMetric`, registered in similarity-repository
 * as `shape_metric-alpha={α}-distance=angular-cv=5folds` and derived from it: α = 0 → cca-, α = 1 →
 * procrustes- / nbs-, and svcca-{dim|var}= = a PCA of each input first, then α = 0):
 *
 *   w = min(p, q, n); an input wider than w is replaced by its first w PC scores (PCA of all rows)
 *   folds = sklearn KFold(5, shuffle=True, random_state=42)
 *   on the training rows: X̃ = (X − x̄)·T_X, T_X the partial-whitening map of netrep (whitening.ts), same for Y;
 *                         Q = polar factor of X̃ᵀỸ (the optimal rotation)
 *   on the test rows:     A = (X_test − x̄)·T_X, B = (Y_test − ȳ)·T_Y,  θ = arccos(⟨A·Q, B⟩/(‖A‖‖B‖))
 *   value = mean of θ over the folds
 *
 * Every fold must have more training rows than w: with fewer, part of the fitted rotation is not
 * determined by the data (the reference then depends on how LAPACK completes its SVD), and an
 * InputError says so. The PCA is exact (sklearn's "full" solver, which it uses up to 500 rows and
 * columns). Value only.
 *
 *   score("shape_metric-alpha=0.5-distance=angular-cv=5folds", X, Y);
 *   score("svcca-var=0.99-distance=angular-cv=5folds", X, Y);
 */

/** The first k PC scores of X (zero columns beyond its numerical rank), as sklearn's PCA(k).fit_transform. */
function pcScores(X: Matrix, k: number): Matrix {
  const p = pca(X);
  const r = Math.min(k, p.sumsOfSquares.length);
  return r === 0 ? new Matrix(X.rows, k) : padCols(pcaScores(p.profiles, p.sumsOfSquares, r), k); // r = 0: X is constant
}

/**
 * Mean held-out angular shape distance over NeuroAIMetrics' five folds (see the file comment).
 *
 *   shapeMetricCvDistance(X, Y, 1); // cross-validated angular Procrustes distance
 */
export function shapeMetricCvDistance(X: Matrix, Y: Matrix, alpha: number): number {
  if (!(alpha >= 0 && alpha <= 1)) throw new InputError("alpha", "a number in [0, 1]", `got ${alpha}`);
  const w = Math.min(X.cols, Y.cols, Y.rows);
  const folds = shuffledFolds(X.rows, 5, 42);
  const fewest = Math.min(...folds.map((f) => f.train.length));
  if (fewest <= w)
    throw new InputError("X", `more training rows per fold (${fewest} of ${X.rows}) than compared dimensions (${w} = min(p, q, n)) for the cross-validated shape metric`, `the fitted rotation is not determined by the data`);
  const A0 = X.cols === w ? X : pcScores(X, w);
  const B0 = Y.cols === w ? Y : pcScores(Y, w);
  let total = 0;
  for (const { train, test } of folds) {
    const fit = (M: Matrix) => {
      const rows = takeRows(M, train);
      const mean = colMeans(rows);
      const white = partialWhitening(centerCols(rows, mean), alpha, w);
      return { mean, white: white.W, map: white.transform as Matrix };
    };
    const fx = fit(A0);
    const fy = fit(B0);
    const Q = polar(matmulTN(fx.white, fy.white)).factor;
    const At = matmul(centerCols(takeRows(A0, test as Int32Array), fx.mean), fx.map);
    const Bt = matmul(centerCols(takeRows(B0, test as Int32Array), fy.mean), fy.map);
    const cos = dot(matmul(At, Q), Bt) / (frobenius(At) * frobenius(Bt));
    total += Math.acos(Math.min(1, Math.max(-1, cos)));
  }
  return total / folds.length;
}

/** The same after replacing each input by its leading PC scores (similarity-repository's pca-dim / pca-var preprocessing). */
function svccaCvDistance(X: Matrix, Y: Matrix, keep: PcSelection): number {
  const reduce = (M: Matrix, name: string) => {
    const k = reduceToPcs(M, keep).profiles.cols;
    if (k === 0) throw new InputError(name, "an input that is not constant (SVCCA keeps its leading principal components)", "every column is constant");
    return pcScores(M, k);
  };
  return shapeMetricCvDistance(reduce(X, "X"), reduce(Y, "Y"), 0);
}

const NOTES =
  "NeuroAIMetrics' LinearShapeMetric (the only implementation): folds of sklearn KFold(5, shuffle=True, random_state=42) reproduced exactly, partial whitening and rotation fitted on the training rows (netrep conventions, eigenvalues floored at 1e-7), the angular distance of the held-out rows averaged over folds. Inputs wider than min(p, q, n) are first reduced to that many PCs. Scale-invariant only for α = 0 and α = 1 (partial whitening mixes scales). Needs more training rows per fold than compared dimensions. Value only.";

function cvDefinition(id: string, alpha: number, formula: string, run: (X: Matrix, Y: Matrix) => number, extraNotes = ""): MeasureDefinition {
  return {
    id,
    family: alpha === 0 ? "cca" : alpha === 1 ? "procrustes" : "shape_metric",
    formula,
    range: [0, Math.PI],
    higherIsMoreSimilar: false,
    symmetric: false,
    invariances: { ...INVARIANCE.orthogonal, isotropicScale: alpha === 0 || alpha === 1 },
    isotropicScaleX: alpha === 0 || alpha === 1,
    differentiable: false,
    stochastic: false,
    minSamples: 10,
    aliases: [],
    notes: extraNotes + NOTES,
    prepare: (X) => ({ value: (Y) => run(X, Y) }),
  };
}

const NUMBER = "(\\d+(?:\\.\\d*)?)";

/** Registers the cross-validated shape-metric ids (any α; cca/procrustes/nbs; svcca-dim/var). */
export function registerShapeMetricCv(): void {
  addPattern({
    template: "shape_metric-alpha={α}-distance=angular-cv=5folds",
    pattern: new RegExp(`^shape_metric-alpha=${NUMBER}-distance=angular-cv=5folds$`),
    build: (id, m) => cvDefinition(id, Number(m[1]), `mean over 5 shuffled folds of the held-out angular shape distance (α = ${m[1]})`, (X, Y) => shapeMetricCvDistance(X, Y, Number(m[1]))),
    examples: ["shape_metric-alpha=0.5-distance=angular-cv=5folds"],
  });
  addMeasure(cvDefinition("cca-distance=angular-cv=5folds", 0, "mean over 5 shuffled folds of the held-out angular CCA distance (α = 0)", (X, Y) => shapeMetricCvDistance(X, Y, 0)));
  const procrustes = cvDefinition("procrustes-distance=angular-cv=5folds", 1, "mean over 5 shuffled folds of the held-out angular Procrustes distance (α = 1)", (X, Y) => shapeMetricCvDistance(X, Y, 1));
  addMeasure({ ...procrustes, aliases: ["nbs-distance=angular-cv=5folds"] });
  addPattern({
    template: "svcca-{dim={d}|var={v}}-distance=angular-cv=5folds",
    pattern: new RegExp(`^svcca-(dim|var)=${NUMBER}-distance=angular-cv=5folds$`),
    build(id, m) {
      const amount = Number(m[2]);
      const byVariance = m[1] === "var";
      if (byVariance ? !(amount > 0 && amount <= 1) : !(Number.isInteger(amount) && amount >= 1))
        throw new InputError("measure", byVariance ? "svcca-var={v}-… with v in (0, 1]" : "svcca-dim={d}-… with an integer d ≥ 1", `got ${m[2]}`);
      const keep: PcSelection = byVariance ? { variance: amount } : { dim: amount };
      return cvDefinition(
        id,
        0,
        `cca-distance=angular-cv=5folds of the leading PCs (${byVariance ? `${amount} of the variance` : `${amount} PCs`}) of each input`,
        (X, Y) => svccaCvDistance(X, Y, keep),
        `Each input is first replaced by its leading PC scores over all rows (${byVariance ? `the fewest PCs reaching ${amount} of the variance` : `${amount} PCs`}), as similarity-repository derives svcca from cca. `,
      );
    },
    examples: ["svcca-dim=10-distance=angular-cv=5folds", "svcca-var=0.99-distance=angular-cv=5folds"],
  });
}
