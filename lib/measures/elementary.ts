import { InputError } from "../errors";
import { Matrix, axpby, centerCols, colMeans, colSumSquares, dot, frobenius, gramRows, matmul, matmulTN, scale, sumSquares } from "../tensor/matrix";
import { eigh } from "../tensor/linalg/eigh";
import { doubleCenter, pairwiseSquaredDistances, pairwiseSquaredDistancesBackward } from "../tensor/pairwise";
import { HSIC_ESTIMATORS, HsicEstimator, Kernel, kernelCkaDefinition, linearKernel, rbfKernel } from "./kernel_cka";
import { addAlias, addMeasure } from "./registry";
import { RDMS, RDM_COMPARISONS, rsaDefinition } from "./rsa";
import { INVARIANCE, Invariances, MeasureDefinition, PreparedMeasure, ValueGrad } from "./types";
import { cosineWithGrad } from "../tensor/cosine";

/**
 * Simple similarity measures and statistics registered under similarity-repository's names:
 *
 *   cosine                      ⟨X, Y⟩_F/(‖X‖_F‖Y‖_F) of the raw arrays (same shape)
 *   correlation                 median over features j of corr(X[:, j], Y[:, j]) (Brain-Score)
 *   linear_HSIC                 ⟨HK_XH, HK_YH⟩ = ‖X̄ᵀȲ‖²_F (unnormalized)
 *   unbiased_linear_HSIC        ⟨U(K_X), U(K_Y)⟩·(n−3)/n  (U = U-centering; = (n−3)²·HSIC_Song)
 *   kernel_HSIC                 ⟨HK_XH, HK_YH⟩, RBF σ = 1
 *   kernel_CKA                  = cka-kernel=(rbf-sigma=1)-hsic=gretton-score
 *   euclidean                   ‖XXᵀ − YYᵀ‖_F (uncentered Gram matrices)
 *   zero_diagonal-cosine        cosine of the entries above the diagonal of X and Y, zero-padded to the
 *                               same width (an RDM comparison applied to the arrays themselves)
 *   distance_correlation        dCor = √(⟨A, B⟩/(‖A‖‖B‖)), A = H D_X H, D = Euclidean distances
 *   eigenspace_overlap_score    ‖U_XᵀU_Y‖²_F/max(p, q), U = orthonormal basis of the column space (raw X)
 *   gulp                        ‖P_X̄ − P_Ȳ‖²_F, P = projection onto the centered column space (λ = 0)
 *   magnitude_difference        |‖mean_i x_i‖ − ‖mean_i y_i‖|
 *   concentricity_difference    |α(X) − α(Y)|, α = mean_i cos(x_i, mean_j x_j)
 *   uniformity_difference       |u(X) − u(Y)|, u = log mean_ij exp(−2‖x_i − x_j‖²)
 *   rsm_norm_difference         ‖triu(D_X − D_Y)‖, D = Euclidean distances (= rsa-rdm=euclidean-compare=euclidean)
 * plus aliases: linear_CKA, feature_space_linear_cka → cka; feature_space_linear_cka-debiased_True → cka-hsic_song.
 * Every one has a closed-form gradient in Y (a.e. for the absolute differences and the median).
 *
 *   score("distance_correlation", X, Y)
 */

function requireSameShape(X: Matrix, Y: Matrix, id: string): void {
  if (X.cols !== Y.cols) throw new InputError("Y", `as many features as X (${X.cols}) for "${id}", which compares entries one to one`, `got ${Y.cols}`);
}

/** A definition from the metadata and a function (X) → prepared measure with value and gradient. */
function define(info: Omit<MeasureDefinition, "prepare" | "stochastic" | "aliases"> & { aliases?: string[] }, run: (X: Matrix) => (Y: Matrix, needGrad: boolean) => ValueGrad): MeasureDefinition {
  return {
    aliases: [],
    stochastic: false,
    ...info,
    prepare(X): PreparedMeasure {
      const f = run(X);
      return { value: (Y) => f(Y, false).value, valueAndGrad: (Y) => f(Y, true) };
    },
  };
}

const NOTHING: Invariances = INVARIANCE.none;
const SCALE_ONLY: Invariances = { ...INVARIANCE.none, isotropicScale: true };
const ISOMETRIES: Invariances = { permutation: true, orthogonal: true, isotropicScale: false, translation: true, invertibleLinear: false };

/** ⟨A, B⟩/(‖A‖‖B‖) and ∂/∂B (0 when a norm vanishes). */
function cosineAndGrad(A: Matrix, B: Matrix, needGrad: boolean): ValueGrad {
  const { value, grad } = cosineWithGrad(A.data, B.data);
  return { value, gradY: needGrad ? new Matrix(B.rows, B.cols, grad) : B };
}

const cosine = define(
  {
    id: "cosine",
    family: "elementary",
    formula: "⟨X, Y⟩_F/(‖X‖_F‖Y‖_F)",
    range: [-1, 1],
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances: SCALE_ONLY,
    differentiable: true,
    minSamples: 1,
    notes: "Cosine of the raw arrays, entry by entry (no centering, no alignment): X and Y must have the same shape.",
  },
  (X) => (Y, needGrad) => {
    requireSameShape(X, Y, "cosine");
    return cosineAndGrad(X, Y, needGrad);
  },
);

/**
 * Column j centered and scaled to unit norm, for every column; norms floored at 1e-300 (a constant column
 * becomes 0). Z_xᵀZ_y is then the matrix of Pearson correlations between the columns of X and Y.
 *
 *   const { Z } = standardizedColumns(X);
 */
export function standardizedColumns(X: Matrix): { Z: Matrix; norms: Float64Array } {
  const { rows: n, cols: p } = X;
  const Z = centerCols(X);
  const norms = colSumSquares(Z).map((ss) => Math.max(Math.sqrt(ss), 1e-300));
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) Z.data[i * p + j] /= norms[j];
  return { Z, norms };
}

const correlation = define(
  {
    id: "correlation",
    family: "elementary",
    formula: "median_j corr(X[:, j], Y[:, j])",
    range: [-1, 1],
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances: { ...NOTHING, isotropicScale: true, translation: true },
    differentiable: true,
    minSamples: 2,
    notes:
      "Brain-Score's 'correlation': Pearson correlation of each neuron of X with the same neuron of Y, median over neurons (X and Y must have the same width). mouse_vision's CorrelationNeuralMap (mean over Y's units of the best-correlated X unit) gives other values; the two implementations tie in the golden file, Brain-Score's is used.",
  },
  (X) => {
    const zx = standardizedColumns(X).Z;
    return (Y, needGrad) => {
      requireSameShape(X, Y, "correlation");
      const { Z: zy, norms } = standardizedColumns(Y);
      const { rows: n, cols: p } = Y;
      const r = new Float64Array(p);
      for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) r[j] += zx.data[i * p + j] * zy.data[i * p + j];
      const order = Array.from(r.keys()).sort((a, b) => r[a] - r[b]);
      const mid = order.length % 2 ? [order[(p - 1) / 2]] : [order[p / 2 - 1], order[p / 2]];
      const value = mid.reduce((s, j) => s + r[j], 0) / mid.length;
      if (!needGrad) return { value, gradY: Y };
      // ∂corr_j/∂y_j = (zx_j − corr_j·zy_j)/‖ȳ_j‖ (zx_j is already centered); 0 for a constant column
      // (its correlation is counted as 0 and has no derivative; 1/floor would be ≈1e300)
      const g = new Matrix(n, p);
      for (const j of mid) {
        const f = norms[j] > 1e-300 ? 1 / norms[j] / mid.length : 0;
        for (let i = 0; i < n; i++) g.data[i * p + j] = (zx.data[i * p + j] - r[j] * zy.data[i * p + j]) * f;
      }
      return { value, gradY: g };
    };
  },
);

/** c(n)·⟨T(K_X), T(K_Y)⟩ for a kernel and an HSIC estimator map T (unnormalized HSIC). */
function hsicDefinition(id: string, kernel: Kernel, estimator: HsicEstimator, factor: (n: number) => number, formula: string, notes: string): MeasureDefinition {
  return define(
    {
      id,
      family: "cka",
      formula,
      range: estimator.id === "gretton" ? [0, Infinity] : [-Infinity, Infinity],
      higherIsMoreSimilar: true,
      symmetric: true,
      invariances: { ...kernel.invariances, isotropicScale: false },
      differentiable: true,
      minSamples: estimator.minSamples,
      notes,
    },
    (X) => {
      const A = estimator.center(kernel.gram(X));
      const c = factor(X.rows);
      return (Y, needGrad) => {
        const KY = kernel.gram(Y);
        const value = c * dot(A, estimator.center(KY));
        return { value, gradY: needGrad ? kernel.backward(Y, KY, scale(estimator.adjoint(A), c)) : Y };
      };
    },
  );
}

const gramEuclidean = define(
  {
    id: "euclidean",
    family: "elementary",
    formula: "‖XXᵀ − YYᵀ‖_F",
    range: [0, Infinity],
    higherIsMoreSimilar: false,
    symmetric: true,
    invariances: { ...NOTHING, permutation: true, orthogonal: true },
    differentiable: true,
    minSamples: 1,
    notes: "nn_similarity_index's 'euclidean': Frobenius distance between the uncentered Gram matrices (not scale or translation invariant).",
  },
  (X) => {
    const KX = gramRows(X);
    return (Y, needGrad) => {
      const E = axpby(1, KX, -1, gramRows(Y));
      const value = frobenius(E);
      if (!needGrad) return { value, gradY: Y };
      return { value, gradY: value > 0 ? scale(matmul(E, Y), -2 / value) : new Matrix(Y.rows, Y.cols) };
    };
  },
);

/** The entries above the diagonal (j > i) of X zero-padded to `width` columns, row by row, as a 1-row matrix. */
function aboveDiagonal(X: Matrix, width: number): Matrix {
  const values: number[] = [];
  for (let i = 0; i < X.rows; i++) for (let j = i + 1; j < width; j++) values.push(j < X.cols ? X.data[i * X.cols + j] : 0);
  return new Matrix(1, values.length, Float64Array.from(values));
}

const zeroDiagonalCosine = define(
  {
    id: "zero_diagonal-cosine",
    family: "rsa",
    formula: "cosine of the entries above the diagonal of X and Y",
    range: [-1, 1],
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances: SCALE_ONLY,
    differentiable: true,
    minSamples: 2,
    notes:
      "rsatoolbox's RDM cosine applied to the inputs themselves, as similarity-repository registers it: meant for two dissimilarity matrices, it compares the entries above the diagonal, the narrower array zero-padded to the wider one's width (rsatoolbox zero-pads n×p arrays with p < n to n×n, which gives the same value; wider arrays, which rsatoolbox rejects, keep all their entries above the diagonal).",
  },
  (X) => (Y, needGrad) => {
    const width = Math.max(X.cols, Y.cols);
    const r = cosineAndGrad(aboveDiagonal(X, width), aboveDiagonal(Y, width), needGrad);
    if (!needGrad) return r;
    const g = new Matrix(Y.rows, Y.cols);
    let k = 0;
    for (let i = 0; i < Y.rows; i++) for (let j = i + 1; j < width; j++, k++) if (j < Y.cols) g.data[i * Y.cols + j] = r.gradY.data[k];
    return { value: r.value, gradY: g };
  },
);

const distanceCorrelation = define(
  {
    id: "distance_correlation",
    family: "elementary",
    formula: "√(⟨HD_XH, HD_YH⟩/(‖HD_XH‖‖HD_YH‖)), D_ij = ‖x_i − x_j‖",
    range: [0, 1],
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances: { ...ISOMETRIES, isotropicScale: true },
    differentiable: true,
    minSamples: 2,
    notes: "Distance correlation (Székely et al. 2007), V-statistic version (ReSi). Its gradient is taken as 0 where dCor = 0.",
  },
  (X) => {
    const A = doubleCenter(RDMS.euclidean.compute(X));
    return (Y, needGrad) => {
      const DY = RDMS.euclidean.compute(Y);
      const r = cosineAndGrad(A, doubleCenter(DY), needGrad);
      const value = Math.sqrt(Math.max(r.value, 0));
      if (!needGrad) return { value, gradY: Y };
      if (!(value > 0)) return { value, gradY: new Matrix(Y.rows, Y.cols) };
      return { value, gradY: RDMS.euclidean.backward(Y, DY, scale(doubleCenter(r.gradY), 1 / (2 * value))) };
    };
  },
);

/**
 * Orthonormal basis U (n×r) of the column space of Y and the transposed pseudo-inverse (Y⁺)ᵀ = U·S⁻¹·Vᵀ,
 * from the eigendecomposition of the smaller Gram matrix; singular values below the usual rank
 * tolerance (σ² ≤ σ²_max·max(n, p)·1e-14) are dropped.
 */
function columnSpace(Y: Matrix): { U: Matrix; pinvT: () => Matrix } {
  const { rows: n, cols: p } = Y;
  const featureSide = p <= n;
  const { values, vectors } = eigh(featureSide ? matmulTN(Y, Y) : gramRows(Y));
  const m = values.length;
  const cutoff = Math.max(values[m - 1] ?? 0, 0) * Math.max(n, p) * 1e-14;
  const keep = Array.from(values.keys()).filter((k) => values[k] > cutoff && values[k] > 0);
  const W = new Matrix(m, keep.length);
  keep.forEach((k, c) => {
    for (let i = 0; i < m; i++) W.data[i * keep.length + c] = vectors.data[i * m + k];
  });
  const sv = keep.map((k) => Math.sqrt(values[k]));
  // feature side: W = V, U = YV/S;  sample side: W = U directly
  const U = featureSide ? matmul(Y, W) : W;
  if (featureSide) for (let i = 0; i < n; i++) sv.forEach((s, c) => (U.data[i * keep.length + c] /= s));
  const pinvT = () => {
    // (Y⁺)ᵀ = U·S⁻¹·Vᵀ, V = YᵀU/S
    const US = U.clone();
    for (let i = 0; i < n; i++) sv.forEach((s, c) => (US.data[i * keep.length + c] /= s * s));
    return matmul(US, matmulTN(U, Y));
  };
  return { U, pinvT };
}

const eigenspaceOverlap = define(
  {
    id: "eigenspace_overlap_score",
    family: "elementary",
    formula: "‖U_XᵀU_Y‖²_F/max(p, q) = tr(P_X P_Y)/max(p, q)",
    range: [0, 1],
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances: { permutation: true, orthogonal: true, isotropicScale: true, translation: false, invertibleLinear: true },
    differentiable: true,
    minSamples: 1,
    notes:
      "Eigenspace overlap score (May et al. 2019; ReSi): overlap of the column spaces of the raw (uncentered) X and Y, divided by the larger number of features. Uses the numerical rank (ReSi keeps all min(n, p) singular vectors, which differs only for rank-deficient inputs). ∂/∂Y = 2(I − P_Y)P_X(Y⁺)ᵀ/max(p, q).",
  },
  (X) => {
    const UX = columnSpace(X).U;
    return (Y, needGrad) => {
      const { U: UY, pinvT } = columnSpace(Y);
      const denom = Math.max(X.cols, Y.cols);
      const C = matmulTN(UX, UY);
      const value = sumSquares(C) / denom;
      if (!needGrad) return { value, gradY: Y };
      const PXYp = matmul(UX, matmulTN(UX, pinvT()));
      const g = axpby(1, PXYp, -1, matmul(UY, matmulTN(UY, PXYp)));
      return { value, gradY: scale(g, 2 / denom) };
    };
  },
);

const gulp = define(
  {
    id: "gulp",
    family: "elementary",
    formula: "‖P_X̄ − P_Ȳ‖²_F = rank(X̄) + rank(Ȳ) − 2·tr(P_X̄ P_Ȳ)",
    range: [0, Infinity],
    higherIsMoreSimilar: false,
    symmetric: true,
    invariances: INVARIANCE.linear,
    differentiable: true,
    minSamples: 2,
    notes:
      "GULP distance (Boix-Adserà et al. 2022) with ReSi's default λ = 0: the squared Frobenius distance between the orthogonal projections onto the centered column spaces, i.e. rank(X̄) + rank(Ȳ) − 2·Σρ_i² over the canonical correlations. ∂/∂Ȳ = −4(I − P_Ȳ)P_X̄(Ȳ⁺)ᵀ (ranks locally constant), then centered.",
  },
  (X) => {
    const UX = columnSpace(centerCols(X)).U;
    return (Y, needGrad) => {
      const Yc = centerCols(Y);
      const { U: UY, pinvT } = columnSpace(Yc);
      const value = Math.max(0, UX.cols + UY.cols - 2 * sumSquares(matmulTN(UX, UY)));
      if (!needGrad) return { value, gradY: Y };
      const PXYp = matmul(UX, matmulTN(UX, pinvT()));
      return { value, gradY: centerCols(scale(axpby(1, PXYp, -1, matmul(UY, matmulTN(UY, PXYp))), -4)) };
    };
  },
);

/** |s(X) − s(Y)| for a statistic s with gradient. */
function statisticDifference(
  info: Omit<Parameters<typeof define>[0], "range" | "higherIsMoreSimilar" | "symmetric" | "differentiable" | "family">,
  statistic: (Y: Matrix, needGrad: boolean) => { value: number; grad: Matrix | null },
): MeasureDefinition {
  return define({ ...info, family: "statistic", range: [0, Infinity], higherIsMoreSimilar: false, symmetric: true, differentiable: true }, (X) => {
    const sx = statistic(X, false).value;
    return (Y, needGrad) => {
      const r = statistic(Y, needGrad);
      const value = Math.abs(sx - r.value);
      return { value, gradY: needGrad ? scale(r.grad as Matrix, Math.sign(r.value - sx)) : Y };
    };
  });
}

/** ‖m‖ with m = mean of the rows;  ∂/∂y_i = m/(n‖m‖). */
function meanNorm(Y: Matrix, needGrad: boolean) {
  const m = colMeans(Y);
  const norm = Math.sqrt(m.reduce((s, v) => s + v * v, 0));
  if (!needGrad) return { value: norm, grad: null };
  const g = new Matrix(Y.rows, Y.cols);
  if (norm > 0) for (let i = 0; i < Y.rows; i++) for (let j = 0; j < Y.cols; j++) g.data[i * Y.cols + j] = m[j] / (Y.rows * norm);
  return { value: norm, grad: g };
}

/** α = mean_i cos(y_i, m), m = mean of the rows; gradient through y_i directly and through m. */
function concentricity(Y: Matrix, needGrad: boolean) {
  const { rows: n, cols: p } = Y;
  const m = colMeans(Y);
  const mNorm = Math.sqrt(m.reduce((s, v) => s + v * v, 0));
  const rowNorm = new Float64Array(n);
  const cos = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let ss = 0;
    let ym = 0;
    for (let j = 0; j < p; j++) {
      ss += Y.data[i * p + j] ** 2;
      ym += Y.data[i * p + j] * m[j];
    }
    rowNorm[i] = Math.sqrt(ss);
    cos[i] = rowNorm[i] > 0 && mNorm > 0 ? ym / (rowNorm[i] * mNorm) : 0;
  }
  const value = cos.reduce((s, v) => s + v, 0) / n;
  if (!needGrad) return { value, grad: null };
  const g = new Matrix(n, p);
  if (!(mNorm > 0)) return { value, grad: g };
  const gm = new Float64Array(p); // ∂α/∂m
  for (let i = 0; i < n; i++) {
    if (!(rowNorm[i] > 0)) continue;
    for (let j = 0; j < p; j++) {
      const yhat = Y.data[i * p + j] / rowNorm[i];
      const mhat = m[j] / mNorm;
      g.data[i * p + j] = (mhat - cos[i] * yhat) / (n * rowNorm[i]);
      gm[j] += (yhat - cos[i] * mhat) / (n * mNorm);
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) g.data[i * p + j] += gm[j] / n;
  return { value, grad: g };
}

/** u = log mean_ij exp(−2‖y_i − y_j‖²) (Wang & Isola's uniformity, t = 2). */
function uniformity(Y: Matrix, needGrad: boolean) {
  const D = pairwiseSquaredDistances(Y);
  const W = new Matrix(D.rows, D.cols);
  let total = 0;
  for (let k = 0; k < D.data.length; k++) total += W.data[k] = Math.exp(-2 * D.data[k]);
  const value = Math.log(total / D.data.length);
  if (!needGrad) return { value, grad: null };
  return { value, grad: pairwiseSquaredDistancesBackward(Y, scale(W, -2 / total)) };
}

/** Registers the elementary measures and their aliases. */
export function registerElementary(): void {
  for (const def of [cosine, correlation, gramEuclidean, zeroDiagonalCosine, distanceCorrelation, eigenspaceOverlap, gulp]) addMeasure(def);
  addMeasure(
    hsicDefinition("linear_HSIC", linearKernel, HSIC_ESTIMATORS.gretton, () => 1, "⟨HK_XH, HK_YH⟩ = ‖X̄ᵀȲ‖²_F", "Unnormalized biased HSIC with the linear kernel (stir's linear_HSIC; no 1/(n−1)² factor)."),
  );
  addMeasure(
    hsicDefinition(
      "unbiased_linear_HSIC",
      linearKernel,
      HSIC_ESTIMATORS.song,
      (n) => (n - 3) / n,
      "⟨U(K_X), U(K_Y)⟩·(n−3)/n = (n−3)²·HSIC_Song",
      "stir's unbiased_linear_HSIC: Song et al.'s unbiased estimator scaled by (n−3)² (stir's normalization, reproduced as is); can be negative; needs n ≥ 4.",
    ),
  );
  addMeasure(hsicDefinition("kernel_HSIC", rbfKernel(1), HSIC_ESTIMATORS.gretton, () => 1, "⟨HK_XH, HK_YH⟩, K_ij = exp(−‖x_i − x_j‖²/2)", "stir's kernel_HSIC: unnormalized biased HSIC with an RBF kernel of fixed width σ = 1."));
  addMeasure({ ...kernelCkaDefinition(rbfKernel(1), HSIC_ESTIMATORS.gretton, "score", "kernel_CKA"), notes: "stir's kernel_CKA: RBF kernel with fixed σ = 1 (= cka-kernel=(rbf-sigma=1)-hsic=gretton-score), nearly the identity kernel for unit-variance data with many features." });
  addMeasure({
    ...rsaDefinition(RDMS.euclidean, RDM_COMPARISONS.euclidean, "rsm_norm_difference"),
    notes:
      "llm_repsim's RSM norm difference: ‖triu(D_X − D_Y)‖ with Euclidean distance matrices (= rsa-rdm=euclidean-compare=euclidean). ReSi's RSMNormDifference gives other values; the two tie in the golden file and llm_repsim's is used.",
  });
  addMeasure(
    statisticDifference(
      { id: "magnitude_difference", formula: "|‖mean_i x_i‖ − ‖mean_i y_i‖|", invariances: { ...NOTHING, permutation: true, orthogonal: true }, minSamples: 1, notes: "ReSi's magnitude difference: difference of the norms of the mean representations (absolute value: gradient a.e.)." },
      meanNorm,
    ),
  );
  addMeasure(
    statisticDifference(
      { id: "concentricity_difference", formula: "|α(X) − α(Y)|, α = mean_i cos(x_i, mean_j x_j)", invariances: { ...NOTHING, permutation: true, orthogonal: true, isotropicScale: true }, minSamples: 1, notes: "ReSi's concentricity difference (absolute value: gradient a.e.)." },
      concentricity,
    ),
  );
  addMeasure(
    statisticDifference(
      { id: "uniformity_difference", formula: "|u(X) − u(Y)|, u = log mean_ij exp(−2‖x_i − x_j‖²)", invariances: ISOMETRIES, minSamples: 1, notes: "ReSi's uniformity difference (Wang & Isola uniformity with t = 2; absolute value: gradient a.e.)." },
      uniformity,
    ),
  );
  addAlias("linear_CKA", "cka");
  addAlias("feature_space_linear_cka", "cka");
  addAlias("feature_space_linear_cka-debiased_True", "cka-hsic_song");
}
