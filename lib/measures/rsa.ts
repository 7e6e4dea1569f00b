import { Matrix, axpby, dot, frobenius, gramRows, matmul, scale, trace } from "../tensor/matrix";
import { eigh, symmetricFunction } from "../tensor/linalg/eigh";
import { doubleCenter, fromUpperTriangleGrad, pairwiseSquaredDistances, pairwiseSquaredDistancesBackward, upperTriangle } from "../tensor/pairwise";
import { kendallTau, ranks } from "../tensor/ranks";
import { addMeasure, addPattern } from "./registry";
import { Invariances, MeasureDefinition, PreparedMeasure } from "./types";
import { cosineWithGrad } from "../tensor/cosine";

/**
 * Representational similarity analysis: an RDM per representation, then a comparison of the RDMs.
 *
 *   RDMs (n×n, zero diagonal):
 *     squared_euclidean  D_ij = ‖x_i − x_j‖²/p         (rsatoolbox's "euclidean": mean over features)
 *     euclidean          D_ij = ‖x_i − x_j‖           (thingsvision, ReSi)
 *     correlation        D_ij = 1 − corr(x_i, x_j)    (rows centered across features; norm floored at 1e-8)
 *     cosine             D_ij = 1 − cos(x_i, x_j)
 *     mahalanobis        = squared_euclidean (rsatoolbox without a noise estimate uses the identity)
 *     gaussian           D_ij = 1 − exp(−‖x_i − x_j‖²/m), m = mean over all n² pairs of ‖x_k − x_l‖² (thingsvision)
 *   Comparisons (a, b = strictly upper triangles of D_X, D_Y; G = H(−D/2)H the second-moment matrix):
 *     pearson, cosine, euclidean (‖a − b‖), spearman, rho_a (12⟨r̄_a, r̄_b⟩/(m³ − m)),
 *     kendall = tau_b, tau_a                                   (rank based: value only)
 *     cosine_cov  ⟨G_X, G_Y⟩/(‖G_X‖‖G_Y‖)                      (rsatoolbox's whitened cosine)
 *     corr_cov    the same after subtracting the mean off-diagonal dissimilarity
 *     bures       tr((G_X^½ G_Y G_X^½)^½)/√(tr G_X tr G_Y)     (eigenvalues clamped at 0)
 *     bures_metric tr G_X + tr G_Y − 2 tr((G_X^½ G_Y G_X^½)^½)  (squared Bures distance)
 *
 * Gradients flow from the comparison to ∂f/∂D_Y (a symmetric n×n matrix) and then through the RDM.
 * diffscore's ids: rsa-euclidean-cosine = rdm squared_euclidean × cosine, rsa-euclidean-corr =
 * squared_euclidean × pearson, rsa-correlation-cosine = correlation × cosine (rsa-correlation-corr and
 * rsa-euclidean-centered-cosine are CKA, see cka.ts).
 *
 *   score("rsa-rdm=correlation-compare=spearman", X, Y)
 *   scoreAndGrad("rsa-euclidean-corr", X, Y)
 */

/** A representational dissimilarity matrix and its backward pass. */
export interface Rdm {
  id: string;
  formula: string;
  compute(X: Matrix): Matrix;
  /** ∂f/∂X from X, D = compute(X) and G = ∂f/∂D (symmetric). */
  backward(X: Matrix, D: Matrix, G: Matrix): Matrix;
  /** Invariances of D itself; isotropicScale means D(cX) = D(X). */
  invariances: Invariances;
}

const DISTANCE_INVARIANCES: Invariances = { permutation: true, orthogonal: true, isotropicScale: false, translation: true, invertibleLinear: false };

const squaredEuclideanRdm: Rdm = {
  id: "squared_euclidean",
  formula: "D_ij = ‖x_i − x_j‖²/p",
  compute(X) {
    return scale(pairwiseSquaredDistances(X), 1 / X.cols);
  },
  backward: (X, _D, G) => pairwiseSquaredDistancesBackward(X, scale(G, 1 / X.cols)),
  invariances: DISTANCE_INVARIANCES,
};

const euclideanRdm: Rdm = {
  id: "euclidean",
  formula: "D_ij = ‖x_i − x_j‖",
  compute(X) {
    const D = pairwiseSquaredDistances(X);
    for (let i = 0; i < D.data.length; i++) D.data[i] = Math.sqrt(D.data[i]);
    return D;
  },
  backward(X, D, G) {
    const W = new Matrix(D.rows, D.cols);
    for (let i = 0; i < W.data.length; i++) W.data[i] = D.data[i] > 0 ? G.data[i] / (2 * D.data[i]) : 0;
    return pairwiseSquaredDistancesBackward(X, W);
  },
  invariances: DISTANCE_INVARIANCES,
};

/** Rows (optionally centered across features) scaled to unit norm, norms floored at 1e-8. */
function unitRows(X: Matrix, centerRows: boolean): { Z: Matrix; norms: Float64Array } {
  const { rows: n, cols: p } = X;
  const Z = X.clone();
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = Z.data.subarray(i * p, (i + 1) * p);
    if (centerRows) {
      let mean = 0;
      for (let j = 0; j < p; j++) mean += row[j] / p;
      for (let j = 0; j < p; j++) row[j] -= mean;
    }
    let ss = 0;
    for (let j = 0; j < p; j++) ss += row[j] * row[j];
    norms[i] = Math.max(Math.sqrt(ss), 1e-8);
    for (let j = 0; j < p; j++) row[j] /= norms[i];
  }
  return { Z, norms };
}

/** D = 1 − ZZᵀ for unit rows Z; ∂f/∂z_i = −2(GZ)_i, then through the normalization (and the centering). */
function angularRdm(id: string, centerRows: boolean): Rdm {
  return {
    id,
    formula: centerRows ? "D_ij = 1 − corr(x_i, x_j)" : "D_ij = 1 − cos(x_i, x_j)",
    compute(X) {
      const { Z } = unitRows(X, centerRows);
      const D = gramRows(Z);
      // 1 − ⟨z_i, z_j⟩ lies in [0, 2]; clamped, so that rounding (e.g. 1 − (1 + 2⁻⁵²) for equal rows) gives no
      // negative distance, which a scale-free comparison of near-zero RDMs would magnify (cosine −0.577).
      for (let i = 0; i < D.data.length; i++) D.data[i] = Math.min(2, Math.max(0, 1 - D.data[i]));
      for (let i = 0; i < D.rows; i++) D.data[i * D.rows + i] = 0;
      return D;
    },
    backward(X, _D, G) {
      const { Z, norms } = unitRows(X, centerRows);
      const gZ = scale(matmul(G, Z), -2);
      const p = X.cols;
      for (let i = 0; i < X.rows; i++) {
        const z = Z.data.subarray(i * p, (i + 1) * p);
        const g = gZ.data.subarray(i * p, (i + 1) * p);
        let zg = 0;
        for (let j = 0; j < p; j++) zg += z[j] * g[j];
        const projected = norms[i] > 1e-8;
        for (let j = 0; j < p; j++) g[j] = (g[j] - (projected ? z[j] * zg : 0)) / norms[i];
        if (centerRows) {
          let mean = 0;
          for (let j = 0; j < p; j++) mean += g[j] / p;
          for (let j = 0; j < p; j++) g[j] -= mean;
        }
      }
      return gZ;
    },
    invariances: { permutation: true, orthogonal: !centerRows, isotropicScale: true, translation: false, invertibleLinear: false },
  };
}

/**
 * thingsvision's Gaussian-kernel RDM, D = 1 − exp(−S/m) with S the squared distances and m their mean
 * over all n² entries (so D(cX) = D(X)). Backward, with E = exp(−S/m):
 * ∂f/∂S = G∘E/m − ⟨G, E∘S⟩/(n²m²)·11ᵀ, then through the squared distances. All-equal rows (m = 0) give D = 0.
 */
const gaussianRdm: Rdm = {
  id: "gaussian",
  formula: "D_ij = 1 − exp(−‖x_i − x_j‖²/mean_kl ‖x_k − x_l‖²)",
  compute(X) {
    const D = pairwiseSquaredDistances(X);
    const m = D.data.reduce((s, v) => s + v, 0) / D.data.length;
    for (let i = 0; i < D.data.length; i++) D.data[i] = m > 0 ? 1 - Math.exp(-D.data[i] / m) : 0;
    return D;
  },
  backward(X, _D, G) {
    const S = pairwiseSquaredDistances(X);
    const n2 = S.data.length;
    const m = S.data.reduce((s, v) => s + v, 0) / n2;
    const W = new Matrix(S.rows, S.cols);
    if (!(m > 0)) return pairwiseSquaredDistancesBackward(X, W);
    let c = 0;
    for (let k = 0; k < n2; k++) {
      const e = Math.exp(-S.data[k] / m);
      W.data[k] = (G.data[k] * e) / m;
      c += G.data[k] * e * S.data[k];
    }
    c /= n2 * m * m;
    for (let k = 0; k < n2; k++) W.data[k] -= c;
    return pairwiseSquaredDistancesBackward(X, W);
  },
  invariances: { ...DISTANCE_INVARIANCES, isotropicScale: true },
};

export const RDMS: Record<string, Rdm> = {
  squared_euclidean: squaredEuclideanRdm,
  mahalanobis: { ...squaredEuclideanRdm, id: "mahalanobis" },
  euclidean: euclideanRdm,
  correlation: angularRdm("correlation", true),
  cosine: angularRdm("cosine", false),
  gaussian: gaussianRdm,
};

/** A comparison of two RDMs, prepared for a fixed D_X. */
interface PreparedComparison {
  value(DY: Matrix): number;
  /** Value and ∂f/∂D_Y (symmetric); absent for rank-based comparisons. */
  valueAndGrad?(DY: Matrix): { value: number; G: Matrix };
}

export interface RdmComparison {
  id: string;
  formula: string;
  range: [number, number];
  higherIsMoreSimilar: boolean;
  /** f(cD_X, D_Y) = f(D_X, D_Y) for c > 0. */
  scaleInvariant: boolean;
  /** A gradient in D_Y exists (not rank based). */
  differentiable: boolean;
  prepare(DX: Matrix): PreparedComparison;
}


function centered(a: Float64Array): Float64Array {
  let mean = 0;
  for (let k = 0; k < a.length; k++) mean += a[k] / a.length;
  return a.map((v) => v - mean);
}

/** A comparison of the upper triangles a, b through f(a, b) and optionally its gradient in b. */
function vectorComparison(
  spec: Omit<RdmComparison, "prepare" | "differentiable">,
  f: (a: Float64Array, b: Float64Array) => number,
  grad?: (a: Float64Array, b: Float64Array) => { value: number; grad: Float64Array },
): RdmComparison {
  return {
    ...spec,
    differentiable: grad !== undefined,
    prepare(DX) {
      const a = upperTriangle(DX);
      const out: PreparedComparison = { value: (DY) => f(a, upperTriangle(DY)) };
      if (grad)
        out.valueAndGrad = (DY) => {
          const r = grad(a, upperTriangle(DY));
          return { value: r.value, G: fromUpperTriangleGrad(r.grad, DY.rows) };
        };
      return out;
    },
  };
}

const pearsonGrad = (a: Float64Array, b: Float64Array) => cosineWithGrad(centered(a), centered(b));
const rankCorrelation = (a: Float64Array, b: Float64Array) => cosineWithGrad(centered(ranks(a)), centered(ranks(b))).value;

function euclideanGrad(a: Float64Array, b: Float64Array) {
  let ss = 0;
  for (let k = 0; k < a.length; k++) ss += (a[k] - b[k]) ** 2;
  const value = Math.sqrt(ss);
  return { value, grad: b.map((v, k) => (value > 0 ? (v - a[k]) / value : 0)) };
}

/** Second-moment matrix G = H(−D/2)H; with `centerDistances` the mean off-diagonal dissimilarity is removed first. */
function secondMoment(D: Matrix, centerDistances: boolean): Matrix {
  const n = D.rows;
  const E = scale(D, -0.5);
  if (centerDistances) {
    let mean = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) mean += E.data[i * n + j] / (n * (n - 1));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) E.data[i * n + j] -= mean;
  }
  return doubleCenter(E);
}

/** Adjoint of secondMoment: ∂f/∂D from ∂f/∂G. */
function secondMomentBackward(gG: Matrix, centerDistances: boolean): Matrix {
  const n = gG.rows;
  const gE = doubleCenter(gG);
  for (let i = 0; i < n; i++) gE.data[i * n + i] = 0;
  if (centerDistances) {
    let mean = 0;
    for (let i = 0; i < gE.data.length; i++) mean += gE.data[i] / (n * (n - 1));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) gE.data[i * n + j] -= mean;
  }
  return scale(gE, -0.5);
}

function covComparison(id: string, centerDistances: boolean): RdmComparison {
  return {
    id,
    formula: `⟨G_X, G_Y⟩/(‖G_X‖‖G_Y‖), G = H(−D/2)H${centerDistances ? " after removing the mean dissimilarity" : ""}`,
    range: [-1, 1],
    higherIsMoreSimilar: true,
    scaleInvariant: true,
    differentiable: true,
    prepare(DX) {
      const A = secondMoment(DX, centerDistances);
      const na = frobenius(A);
      const run = (DY: Matrix) => {
        const B = secondMoment(DY, centerDistances);
        const nb = frobenius(B);
        return { B, nb, value: na > 0 && nb > 0 ? dot(A, B) / (na * nb) : 0 };
      };
      return {
        value: (DY) => run(DY).value,
        valueAndGrad(DY) {
          const { B, nb, value } = run(DY);
          const gB = na > 0 && nb > 0 ? axpby(1 / (na * nb), A, -value / (nb * nb), B) : new Matrix(DY.rows, DY.cols);
          return { value, G: secondMomentBackward(gB, centerDistances) };
        },
      };
    },
  };
}

/**
 * Bures fidelity F(A, B) = tr((A^½ B A^½)^½) for symmetric A, B and ∂F/∂B = A^½·(½ M^−½)·A^½, both
 * over the eigenvalues of M = A^½ B A^½ above rounding level (λ > λ_max·n·1e-13): the others are
 * zero up to rounding, and their square roots (~1e-7) would only add noise to values and gradients.
 *
 *   const { fidelity } = buresFidelity(sqrtPsd(A), B, false);
 */
export function buresFidelity(sqrtA: Matrix, B: Matrix, needGrad: boolean): { fidelity: number; grad: Matrix | null } {
  const M = matmul(matmul(sqrtA, B), sqrtA);
  const eig = eigh(M);
  const top = Math.max(...Array.from(eig.values), 0);
  const tol = top * M.rows * 1e-13;
  let fidelity = 0;
  for (const l of eig.values) if (l > tol) fidelity += Math.sqrt(l);
  if (!needGrad) return { fidelity, grad: null };
  const halfInvSqrt = symmetricFunction(eig, (l) => (l > tol ? 0.5 / Math.sqrt(l) : 0));
  return { fidelity, grad: matmul(matmul(sqrtA, halfInvSqrt), sqrtA) };
}

/** A^½ of a symmetric matrix, negative eigenvalues clamped to 0. */
export function sqrtPsd(A: Matrix): Matrix {
  return symmetricFunction(eigh(A), (l) => Math.sqrt(Math.max(l, 0)));
}

function buresComparison(metric: boolean): RdmComparison {
  return {
    id: metric ? "bures_metric" : "bures",
    formula: metric ? "tr G_X + tr G_Y − 2 tr((G_X^½ G_Y G_X^½)^½), G = H(−D/2)H" : "tr((G_X^½ G_Y G_X^½)^½)/√(tr G_X tr G_Y), G = H(−D/2)H",
    range: metric ? [0, Infinity] : [0, 1],
    higherIsMoreSimilar: !metric,
    scaleInvariant: !metric,
    differentiable: true,
    prepare(DX) {
      const A = secondMoment(DX, false);
      const sqrtA = sqrtPsd(A);
      const trA = trace(A);
      function run(DY: Matrix, needGrad: boolean) {
        const B = secondMoment(DY, false);
        const trB = trace(B);
        const { fidelity, grad } = buresFidelity(sqrtA, B, needGrad);
        const n = DY.rows;
        if (metric) {
          const value = trA + trB - 2 * fidelity;
          if (!needGrad) return { value, G: DY };
          const gB = axpby(1, Matrix.identity(n), -2, grad as Matrix);
          return { value, G: secondMomentBackward(gB, false) };
        }
        const denom = Math.sqrt(trA * trB);
        const ok = trA > 0 && trB > 0;
        const value = ok ? fidelity / denom : 0;
        if (!needGrad) return { value, G: DY };
        const gB = ok ? axpby(1 / denom, grad as Matrix, -value / (2 * trB), Matrix.identity(n)) : new Matrix(n, n);
        return { value, G: secondMomentBackward(gB, false) };
      }
      return { value: (DY) => run(DY, false).value, valueAndGrad: (DY) => run(DY, true) };
    },
  };
}

const CORRELATION_RANGE: [number, number] = [-1, 1];
export const RDM_COMPARISONS: Record<string, RdmComparison> = {
  pearson: vectorComparison({ id: "pearson", formula: "corr(a, b)", range: CORRELATION_RANGE, higherIsMoreSimilar: true, scaleInvariant: true }, (a, b) => pearsonGrad(a, b).value, pearsonGrad),
  // every RDM here is non-negative, so the cosine of two of them is in [0, 1]
  cosine: vectorComparison({ id: "cosine", formula: "⟨a, b⟩/(‖a‖‖b‖)", range: [0, 1], higherIsMoreSimilar: true, scaleInvariant: true }, (a, b) => cosineWithGrad(a, b).value, cosineWithGrad),
  euclidean: vectorComparison({ id: "euclidean", formula: "‖a − b‖", range: [0, Infinity], higherIsMoreSimilar: false, scaleInvariant: false }, (a, b) => euclideanGrad(a, b).value, euclideanGrad),
  spearman: vectorComparison({ id: "spearman", formula: "corr(rank(a), rank(b))", range: CORRELATION_RANGE, higherIsMoreSimilar: true, scaleInvariant: true }, rankCorrelation),
  rho_a: vectorComparison({ id: "rho_a", formula: "12⟨rank(a) − r̄, rank(b) − r̄⟩/(m³ − m)", range: CORRELATION_RANGE, higherIsMoreSimilar: true, scaleInvariant: true }, (a, b) => {
    const m = a.length;
    return (12 * dotArrays(centered(ranks(a)), centered(ranks(b)))) / (m ** 3 - m);
  }),
  kendall: vectorComparison({ id: "kendall", formula: "Kendall τ_b(a, b)", range: CORRELATION_RANGE, higherIsMoreSimilar: true, scaleInvariant: true }, (a, b) => kendallTau(a, b).tauB),
  tau_b: vectorComparison({ id: "tau_b", formula: "Kendall τ_b(a, b)", range: CORRELATION_RANGE, higherIsMoreSimilar: true, scaleInvariant: true }, (a, b) => kendallTau(a, b).tauB),
  tau_a: vectorComparison({ id: "tau_a", formula: "Kendall τ_a(a, b)", range: CORRELATION_RANGE, higherIsMoreSimilar: true, scaleInvariant: true }, (a, b) => kendallTau(a, b).tauA),
  cosine_cov: covComparison("cosine_cov", false),
  corr_cov: covComparison("corr_cov", true),
  bures: buresComparison(false),
  bures_metric: buresComparison(true),
};

function dotArrays(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

/** The standardized id `rsa-rdm={rdm}-compare={comparison}`. */
export function rsaId(rdm: Rdm, comparison: RdmComparison): string {
  return `rsa-rdm=${rdm.id}-compare=${comparison.id}`;
}

/**
 * The measure definition of an RDM × comparison pair.
 *
 *   addMeasure(rsaDefinition(RDMS.correlation, RDM_COMPARISONS.pearson));
 */
export function rsaDefinition(rdm: Rdm, comparison: RdmComparison, id = rsaId(rdm, comparison)): MeasureDefinition {
  const differentiable = comparison.differentiable;
  return {
    id,
    family: "rsa",
    formula: `${comparison.formula}; ${rdm.formula}`,
    range: comparison.range,
    higherIsMoreSimilar: comparison.higherIsMoreSimilar,
    symmetric: true,
    invariances: { ...rdm.invariances, isotropicScale: rdm.invariances.isotropicScale || comparison.scaleInvariant },
    differentiable,
    stochastic: false,
    aliases: [],
    minSamples: 3,
    notes: [
      `RSA: ${rdm.id} RDM compared by ${comparison.id} over the n(n−1)/2 distinct pairs.`,
      rdm.id === "squared_euclidean" || rdm.id === "mahalanobis" ? "Squared distances are divided by the number of features (rsatoolbox); only scale-dependent comparisons (euclidean, bures_metric) see it." : "",
      rdm.id === "correlation" ? "Invariant to a separate affine change of each sample's feature vector (x_i → a_i x_i + b_i·1, a_i > 0), not to a common translation of the features." : "",
      differentiable ? "" : "Rank based: value only (no gradient).",
    ]
      .filter(Boolean)
      .join(" "),
    prepare(X) {
      const DX = rdm.compute(X);
      const cmp = comparison.prepare(DX);
      const out: PreparedMeasure = { value: (Y) => cmp.value(rdm.compute(Y)) };
      const vg = cmp.valueAndGrad;
      if (vg)
        out.valueAndGrad = (Y) => {
          const DY = rdm.compute(Y);
          const { value, G } = vg(DY);
          return { value, gradY: rdm.backward(Y, DY, G) };
        };
      return out;
    },
  };
}

/** Registers diffscore's RSA ids and the pattern of standardized `rsa-rdm=…-compare=…` ids. */
export function registerRsa(): void {
  const diffscore: [string, string, string, string][] = [
    ["rsa-euclidean-cosine", "squared_euclidean", "cosine", "diffscore: cosine of the squared-Euclidean RDMs (X uncentered: distances ignore translations)."],
    ["rsa-euclidean-corr", "squared_euclidean", "pearson", "diffscore: Pearson correlation of the strictly upper triangles of the squared-Euclidean RDMs."],
    ["rsa-correlation-cosine", "correlation", "cosine", "diffscore: cosine of the correlation-distance RDMs (row norms floored at 1e-8)."],
  ];
  for (const [id, rdm, cmp, note] of diffscore) {
    const def = rsaDefinition(RDMS[rdm], RDM_COMPARISONS[cmp], id);
    addMeasure({ ...def, aliases: [rsaId(RDMS[rdm], RDM_COMPARISONS[cmp])], notes: `${note} ${def.notes}` });
  }
  addPattern({
    template: `rsa-rdm={${Object.keys(RDMS).join("|")}}-compare={${Object.keys(RDM_COMPARISONS).join("|")}}`,
    pattern: new RegExp(`^rsa-rdm=(${Object.keys(RDMS).join("|")})-compare=(${Object.keys(RDM_COMPARISONS).join("|")})$`),
    build: (id, m) => rsaDefinition(RDMS[m[1]], RDM_COMPARISONS[m[2]], id),
    examples: [
      "rsa-rdm=correlation-compare=pearson",
      "rsa-rdm=euclidean-compare=spearman",
      "rsa-rdm=cosine-compare=euclidean",
      "rsa-rdm=squared_euclidean-compare=bures",
      "rsa-rdm=correlation-compare=corr_cov",
      "rsa-rdm=gaussian-compare=pearson",
      "rsa-rdm=gaussian-compare=spearman",
    ],
  });
}
