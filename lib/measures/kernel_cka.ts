import { InputError } from "../errors";
import { Matrix, axpby, centerCols, dot, frobenius, gramRows, matmul, scale } from "../tensor/matrix";
import { doubleCenter, pairwiseSquaredDistances, pairwiseSquaredDistancesBackward, zeroDiagonal } from "../tensor/pairwise";
import { prepareLinearCka } from "./cka";
import { addMeasure, addPattern } from "./registry";
import { TRANSFORMS, TransformName, transformPrepared } from "./transforms";
import { INVARIANCE, Invariances, MeasureDefinition, PreparedMeasure } from "./types";

/**
 * Kernel CKA built by composition: kernel × HSIC estimator × output transform.
 *
 *   CKA_T(X, Y) = ⟨T(K_X), T(K_Y)⟩ / (‖T(K_X)‖_F ‖T(K_Y)‖_F)
 *
 * with K = k(X) an n×n kernel matrix and T the linear map of the HSIC estimator:
 *   gretton (biased, Gretton 2005)      T(K) = HKH,  H = I − 11ᵀ/n
 *   song    (unbiased, Song 2012)       T(K) = U-centering of K: K₀ = K with zero diagonal,
 *                                       m_j = Σ_i K₀_ij/(n−2) − Σ_ik K₀_ik/(2(n−1)(n−2)),
 *                                       T(K)_ij = K₀_ij − m_i − m_j (i ≠ j), 0 on the diagonal.
 *                                       ⟨T(K), T(L)⟩ = n(n−3)·HSIC_unbiased(K, L); needs n ≥ 4.
 *   lange   (Lange et al. 2022)         T(K) = HKH with its diagonal set to 0
 *
 * Gradients: with A = T(K_X), B = T(K_Y), ∂CKA/∂B = A/(‖A‖‖B‖) − CKA·B/‖B‖², pulled back through the
 * adjoint Tᵀ (gretton: HGH; lange: H·zero_diag(G)·H; song: T itself, U-centering is self-adjoint on
 * symmetric matrices) and then through the kernel (see Kernel.backward).
 *
 * Euclidean distances follow similarity-repository's shape-metric convention
 *   d² = ‖φ̄(X)‖² + ‖φ̄(Y)‖² − 2‖φ̄(X)‖‖φ̄(Y)‖·cos θ,   θ = arccos(CKA),   ‖φ̄(X)‖² = tr(H K_X H),
 * i.e. the norms of the centered feature maps (‖X̄‖_F for the linear kernel); θ is taken as 0 when
 * |CKA − 1| < 1e-10, as the repository does.
 *
 *   score("cka-kernel=(rbf-sigma=5)-hsic=lange-score", X, Y)
 *   scoreAndGrad("cka-hsic_song", X, Y)
 */

/** A positive-definite kernel on the rows of a data matrix, with the backward pass of its Gram matrix. */
export interface Kernel {
  /** The kernel as written in measure ids: "linear", "(rbf-sigma=5)", "(laplace-sigma=2)". */
  id: string;
  formula: string;
  gram(X: Matrix): Matrix;
  /** ∂f/∂X given X, K = gram(X) and G = ∂f/∂K (symmetric). */
  backward(X: Matrix, K: Matrix, G: Matrix): Matrix;
  invariances: Invariances;
}

const RADIAL_INVARIANCES: Invariances = { permutation: true, orthogonal: true, isotropicScale: false, translation: true, invertibleLinear: false };

/** k(x, y) = ⟨x, y⟩, K = XXᵀ;  ∂f/∂X = 2GX. */
export const linearKernel: Kernel = {
  id: "linear",
  formula: "K = XXᵀ",
  gram: (X) => gramRows(X),
  backward: (X, _K, G) => scale(matmul(G, X), 2),
  invariances: INVARIANCE.orthogonal,
};

/** A radial kernel K_ij = φ(D_ij) of the squared distances D_ij = ‖x_i − x_j‖², given φ′. */
function radialKernel(id: string, formula: string, phi: (d2: number) => number, dphi: (d2: number, k: number) => number): Kernel {
  return {
    id,
    formula,
    gram(X) {
      const K = pairwiseSquaredDistances(X);
      for (let i = 0; i < K.data.length; i++) K.data[i] = phi(K.data[i]);
      return K;
    },
    backward(X, K, G) {
      const D = pairwiseSquaredDistances(X);
      const W = new Matrix(K.rows, K.cols);
      for (let i = 0; i < W.data.length; i++) W.data[i] = G.data[i] * dphi(D.data[i], K.data[i]);
      return pairwiseSquaredDistancesBackward(X, W);
    },
    invariances: RADIAL_INVARIANCES,
  };
}

/** Gaussian kernel k(x, y) = exp(−‖x − y‖²/(2σ²)) with a fixed width σ (not relative to the median distance). */
export function rbfKernel(sigma: number): Kernel {
  const c = 1 / (2 * sigma * sigma);
  return radialKernel(`(rbf-sigma=${sigma})`, `K_ij = exp(−‖x_i − x_j‖²/(2·${sigma}²))`, (d2) => Math.exp(-c * d2), (_d2, k) => -c * k);
}

/**
 * Laplace kernel k(x, y) = exp(−‖x − y‖/(√2·σ)): similarity-repository converts σ to the length scale
 * σ√2 (the only implementation, repsim, uses exp(−‖x − y‖/ℓ)). Its derivative at x = y is taken as 0.
 */
export function laplaceKernel(sigma: number): Kernel {
  const c = 1 / (Math.SQRT2 * sigma);
  return radialKernel(`(laplace-sigma=${sigma})`, `K_ij = exp(−‖x_i − x_j‖/(√2·${sigma}))`, (d2) => Math.exp(-c * Math.sqrt(d2)), (d2, k) => (d2 > 0 ? (-c * k) / (2 * Math.sqrt(d2)) : 0));
}

/** An HSIC estimator written as a linear map T of the kernel matrix (HSIC ∝ ⟨T(K), T(L)⟩). */
export interface HsicEstimator {
  id: "gretton" | "song" | "lange";
  formula: string;
  center(K: Matrix): Matrix;
  /** Tᵀ(G) for a symmetric G. */
  adjoint(G: Matrix): Matrix;
  minSamples: number;
}

/** U-centering (Székely & Rizzo 2014), the map behind Song et al.'s unbiased HSIC. */
export function uCenter(K: Matrix): Matrix {
  const n = K.rows;
  const K0 = zeroDiagonal(K);
  const m = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[j] += K0.data[i * n + j];
  for (let j = 0; j < n; j++) total += m[j];
  const shift = total / (2 * (n - 1) * (n - 2));
  for (let j = 0; j < n; j++) m[j] = m[j] / (n - 2) - shift;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K0.data[i * n + j] = i === j ? 0 : K0.data[i * n + j] - m[i] - m[j];
  return K0;
}

export const HSIC_ESTIMATORS: Record<HsicEstimator["id"], HsicEstimator> = {
  gretton: { id: "gretton", formula: "HKH", center: doubleCenter, adjoint: doubleCenter, minSamples: 2 },
  song: { id: "song", formula: "U-centered K", center: uCenter, adjoint: uCenter, minSamples: 4 },
  lange: { id: "lange", formula: "zero_diag(HKH)", center: (K) => zeroDiagonal(doubleCenter(K)), adjoint: (G) => doubleCenter(zeroDiagonal(G)), minSamples: 3 },
};

/** What a kernel CKA evaluation returns: the score, the feature-space norm ‖φ̄(Y)‖, and their gradients. */
interface CkaEvaluation {
  s: number;
  normY: number;
  gradS: Matrix | null;
  gradNormY: Matrix | null;
}

/** Kernel CKA against a fixed X, plus the feature-space norms that the Euclidean outputs need. */
interface CkaCore {
  normX: number;
  evaluate(Y: Matrix, needGrad: boolean): CkaEvaluation;
}

/** tr(HKH) = tr K − 1ᵀK1/n. */
function centeredTrace(K: Matrix): number {
  const n = K.rows;
  let tr = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) tr += K.data[i * n + i];
  for (let i = 0; i < K.data.length; i++) sum += K.data[i];
  return tr - sum / n;
}

function centeringMatrix(n: number): Matrix {
  const H = new Matrix(n, n);
  H.data.fill(-1 / n);
  for (let i = 0; i < n; i++) H.data[i * n + i] += 1;
  return H;
}

/** The general n×n path: kernel matrices, estimator map, and their backward passes. */
function gramCore(X: Matrix, kernel: Kernel, estimator: HsicEstimator): CkaCore {
  const KX = kernel.gram(X);
  const A = estimator.center(KX);
  const na = frobenius(A);
  return {
    normX: Math.sqrt(Math.max(0, centeredTrace(KX))),
    evaluate(Y, needGrad) {
      const KY = kernel.gram(Y);
      const B = estimator.center(KY);
      const nb = frobenius(B);
      const ok = na > 0 && nb > 0;
      const s = ok ? dot(A, B) / (na * nb) : 0;
      const normY = Math.sqrt(Math.max(0, centeredTrace(KY)));
      if (!needGrad) return { s, normY, gradS: null, gradNormY: null };
      const gradS = ok ? kernel.backward(Y, KY, estimator.adjoint(axpby(1 / (na * nb), A, -s / (nb * nb), B))) : new Matrix(Y.rows, Y.cols);
      const gradNormY = normY > 0 ? kernel.backward(Y, KY, scale(centeringMatrix(Y.rows), 1 / (2 * normY))) : new Matrix(Y.rows, Y.cols);
      return { s, normY, gradS, gradNormY };
    },
  };
}

/** The linear Gretton case through the feature-space CKA of cka.ts (no n×n matrices when p < n). */
function linearGrettonCore(X: Matrix): CkaCore {
  const cka = prepareLinearCka(X);
  return {
    normX: frobenius(centerCols(X)),
    evaluate(Y, needGrad) {
      const Yc = centerCols(Y);
      const normY = frobenius(Yc);
      if (!needGrad) return { s: cka.value(Y), normY, gradS: null, gradNormY: null };
      const r = (cka.valueAndGrad as NonNullable<PreparedMeasure["valueAndGrad"]>)(Y);
      return { s: r.value, normY, gradS: r.gradY, gradNormY: normY > 0 ? scale(Yc, 1 / normY) : new Matrix(Y.rows, Y.cols) };
    },
  };
}

function ckaCore(X: Matrix, kernel: Kernel, estimator: HsicEstimator): CkaCore {
  return kernel === linearKernel && estimator.id === "gretton" ? linearGrettonCore(X) : gramCore(X, kernel, estimator);
}

/** The score itself as a prepared measure. */
function scorePrepared(core: CkaCore): PreparedMeasure {
  return {
    value: (Y) => core.evaluate(Y, false).s,
    valueAndGrad: (Y) => {
      const r = core.evaluate(Y, true);
      return { value: r.s, gradY: r.gradS as Matrix };
    },
  };
}

/**
 * Shape-metric Euclidean distance between centered feature maps, d² = a² + b² − 2ab·cos θ
 * (a = ‖φ̄(X)‖, b = ‖φ̄(Y)‖, cos θ = CKA), or d² itself when `squared`.
 */
function euclideanPrepared(core: CkaCore, squared: boolean): PreparedMeasure {
  const a = core.normX;
  function run(Y: Matrix, needGrad: boolean) {
    const { s, normY: b, gradS, gradNormY } = core.evaluate(Y, needGrad);
    const snapped = Math.abs(s - 1) < 1e-10;
    const c = snapped ? 1 : Math.min(1, Math.max(-1, s));
    const dcds = snapped || Math.abs(s) > 1 ? 0 : 1;
    const d2 = Math.max(0, a * a + b * b - 2 * a * b * c);
    const d = Math.sqrt(d2);
    const value = squared ? d2 : d;
    if (!needGrad) return { value, gradY: Y };
    const gradD2 = axpby(2 * b - 2 * a * c, gradNormY as Matrix, -2 * a * b * dcds, gradS as Matrix);
    return { value, gradY: squared ? gradD2 : scale(gradD2, d > 0 ? 1 / (2 * d) : 0) };
  }
  return { value: (Y) => run(Y, false).value, valueAndGrad: (Y) => run(Y, true) };
}

/** The outputs of a kernel CKA, as written at the end of standardized ids. */
export type KernelCkaOutput = "score" | "angular_score" | "distance=angular" | "distance=euclidean" | "distance=squared_euclidean" | "distance=one_minus_score" | "score-negative_log";

const OUTPUT_TRANSFORM: Record<Exclude<KernelCkaOutput, "distance=euclidean" | "distance=squared_euclidean">, TransformName> = {
  score: "score",
  angular_score: "angular-score",
  "distance=angular": "angular",
  "distance=one_minus_score": "one-minus",
  "score-negative_log": "negative-log",
};

/** The standardized id `cka-kernel={kernel}-hsic={estimator}-{output}`. */
export function kernelCkaId(kernel: Kernel, estimator: HsicEstimator, output: KernelCkaOutput): string {
  return `cka-kernel=${kernel.id}-hsic=${estimator.id}-${output}`;
}

/**
 * The measure definition of kernel CKA with a given kernel, HSIC estimator and output.
 *
 *   addMeasure(kernelCkaDefinition(rbfKernel(2), HSIC_ESTIMATORS.lange, "distance=angular"));
 */
export function kernelCkaDefinition(kernel: Kernel, estimator: HsicEstimator, output: KernelCkaOutput, id = kernelCkaId(kernel, estimator, output)): MeasureDefinition {
  const baseRange: [number, number] = estimator.id === "gretton" ? [0, 1] : [-1, 1];
  const euclidean = output === "distance=euclidean" || output === "distance=squared_euclidean";
  const base = `CKA = ⟨T(K_X), T(K_Y)⟩/(‖T(K_X)‖‖T(K_Y)‖), ${kernel.formula}, T(K) = ${estimator.formula}`;
  const t = euclidean ? null : TRANSFORMS[OUTPUT_TRANSFORM[output as keyof typeof OUTPUT_TRANSFORM]];
  const notes = [
    `Kernel CKA: ${kernel.id} kernel, ${estimator.id} HSIC estimator.`,
    estimator.id === "song" ? "Unbiased (debiased) HSIC: can be negative; needs n ≥ 4 samples." : "",
    estimator.id === "lange" ? "Lange et al.: double-centered kernels with their diagonal set to zero before the cosine; can be negative." : "",
    kernel.id !== "linear" ? "Fixed kernel width σ (not a multiple of the median distance), so not invariant to rescaling Y; σ = 1 makes the kernel of unit-variance data with many features nearly the identity." : "",
    euclidean
      ? "Euclidean distance between centered feature maps: d² = ‖φ̄(X)‖² + ‖φ̄(Y)‖² − 2‖φ̄(X)‖‖φ̄(Y)‖·CKA with ‖φ̄(X)‖² = tr(HK_XH) (= ‖X̄‖²_F for the linear kernel), the majority convention of similarity-repository; θ = arccos(CKA) is snapped to 0 when |CKA − 1| < 1e-10. repsim uses the data norms ‖X̄‖ for every kernel instead."
      : "",
  ].filter(Boolean);
  return {
    id,
    family: "cka",
    formula: euclidean ? `${output === "distance=euclidean" ? "d" : "d²"}, d² = a² + b² − 2ab·CKA, a² = tr(HK_XH); ${base}` : t!.name === "score" ? base : `${t!.name}(${base})`,
    range: euclidean ? [0, Infinity] : t!.range(baseRange),
    higherIsMoreSimilar: euclidean ? false : t!.higherIsMoreSimilar,
    symmetric: true,
    invariances: euclidean ? { ...kernel.invariances, isotropicScale: false } : kernel.invariances,
    differentiable: true,
    stochastic: false,
    aliases: [],
    minSamples: estimator.minSamples,
    notes: notes.join(" "),
    prepare(X) {
      const core = ckaCore(X, kernel, estimator);
      if (euclidean) return euclideanPrepared(core, output === "distance=squared_euclidean");
      return transformPrepared(scorePrepared(core), t!);
    },
  };
}

const NUMBER = "([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)";
const OUTPUTS = ["score", "angular_score", "distance=angular", "distance=euclidean", "distance=squared_euclidean", "distance=one_minus_score", "score-negative_log"];

function parseSigma(text: string, id: string): number {
  const sigma = Number(text);
  if (!(Number.isFinite(sigma) && sigma > 0)) throw new InputError("measure", "a kernel width sigma > 0", `got sigma=${text} in "${id}"`);
  return sigma;
}

/** Registers `cka-hsic_song` (diffscore) and the pattern of standardized kernel CKA ids. */
export function registerKernelCka(): void {
  addMeasure({
    ...kernelCkaDefinition(linearKernel, HSIC_ESTIMATORS.song, "score", "cka-hsic_song"),
    aliases: ["cka-kernel=linear-hsic=song-score"],
    notes:
      "Debiased linear CKA (Song et al. unbiased HSIC), diffscore's cka-hsic_song: G = XXᵀ of the raw X, U-centered, then the cosine. U-centering removes any translation, so centering X first gives the same value. Can be negative; needs n ≥ 4.",
  });
  addPattern({
    template: "cka-kernel={linear|(rbf-sigma={σ})|(laplace-sigma={σ})}-hsic={gretton|song|lange}-{score|angular_score|distance=angular|distance=euclidean|distance=squared_euclidean|distance=one_minus_score|score-negative_log}",
    pattern: new RegExp(`^cka-kernel=(linear|\\((rbf|laplace)-sigma=${NUMBER}\\))-hsic=(gretton|song|lange)-(${OUTPUTS.join("|")})$`),
    build(id, m) {
      const kernel = m[1] === "linear" ? linearKernel : m[2] === "rbf" ? rbfKernel(parseSigma(m[3], id)) : laplaceKernel(parseSigma(m[3], id));
      return kernelCkaDefinition(kernel, HSIC_ESTIMATORS[m[4] as HsicEstimator["id"]], m[5] as KernelCkaOutput, id);
    },
    examples: [
      "cka-kernel=(rbf-sigma=2)-hsic=gretton-score",
      "cka-kernel=(rbf-sigma=2)-hsic=song-distance=euclidean",
      "cka-kernel=(laplace-sigma=2)-hsic=lange-distance=angular",
      "cka-kernel=linear-hsic=lange-score",
      "cka-kernel=linear-hsic=gretton-distance=squared_euclidean",
    ],
  });
}
