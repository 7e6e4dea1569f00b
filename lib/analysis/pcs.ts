/**
 * PC-learning order (paper §5, diffscore analysis/captured_pcs.py): which principal components of the
 * reference X a synthetic Y has captured along an optimization, and at which score each one is learned.
 */
import type { Dataset } from "../data/types";
import { spectrumMatchedGaussian } from "../data/toys";
import { InputError } from "../errors";
import { Objective } from "../optimize/objective";
import { OptimizeOptions, OptimizeResult, Recorder, optimize } from "../optimize/optimize";
import { ArrayInput, toFlat } from "../tensor/arrays";
import { Matrix, matmulTN } from "../tensor/matrix";
import { Pca, pca } from "../tensor/linalg/pca";
import { thresholdScore } from "./decoding";

/**
 * R² of every principal component of X explained by Y (in-sample linear regression of X on Y):
 *
 *   R²_k = 1 − ‖x_k − x̂_k‖² / ‖x_k‖² = ‖P_Ȳ u_k‖²,   x_k = X̄v_k = s_k u_k,   P_Ȳ = projector on span(Ȳ)
 *
 * P_Ȳ is built from an orthonormal basis of span(Ȳ) of Ȳ's numerical rank (pca(Y).profiles), so a
 * rank-deficient or narrower Y is handled exactly (no zero-padding artefact, paper §12 #10).
 * Returns a function of Y, with the PCA of X computed once; R² has one entry per PC of X (descending
 * variance, numerical rank only). X is any data array (a Matrix, nested arrays, a loaded Dataset, …;
 * 3-D data flattened to (T·C, N)) or a precomputed `pca(X)`; Y likewise.
 *
 *   const r2 = pcR2(X);   r2(Y)   // Float64Array, e.g. [0.93, 0.005] for CKA on toy2d at score 0.9
 *   pcR2(loadDataset("Mante2013"))(Y);
 */
export function pcR2(X: ArrayInput | Pca): (Y: ArrayInput) => Float64Array {
  const pcs = isPca(X) ? X : pca(toFlat(X, "X").matrix);
  const U = pcs.profiles;
  const r = U.cols;
  return (input: ArrayInput) => {
    const Y = toFlat(input, "Y").matrix;
    if (Y.rows !== U.rows) throw new InputError("Y", `${U.rows} samples like X`, `got ${Y.rows}`);
    const M = matmulTN(pca(Y).profiles, U); // rank(Ȳ) × r: coordinates of each u_k in Ȳ's basis
    const out = new Float64Array(r);
    for (let j = 0; j < M.rows; j++) for (let k = 0; k < r; k++) out[k] += M.data[j * r + k] ** 2;
    return out;
  };
}

/** A recorder for optimize(): the per-PC R² of X captured by the current Y (as a plain array). */
export function pcR2Recorder(X: ArrayInput | Pca): Recorder {
  const r2 = pcR2(X);
  return (state) => Array.from(r2(state.Y));
}

/**
 * Score at which each PC is captured — the "half-way" rule of diffscore `pc_captured_variance`: PC k
 * counts as captured when its R² reaches τ_k = (R²_k(0) + 1)/2, half-way between its initial value and 1.
 *
 * Deterministic interpolation rule (replaces scipy interp1d on the R²-sorted curve, paper §12 #2), the
 * same first-crossing rule as the decoding threshold dots (decoding.ts `thresholdScore`): the first
 * recorded step j with R²_k(j) ≥ τ_k; the score is linearly interpolated between steps j−1 and j at τ_k
 * (scores[0] when j = 0); NaN when R²_k never reaches τ_k. Both rules agree whenever R²_k increases
 * along the run.
 *
 *   captureScores([0.1, 0.5, 0.9], [[0.2, 0.1], [0.7, 0.3], [0.95, 0.4]]) // [0.42, NaN]
 */
export function captureScores(scores: ArrayLike<number>, r2: ArrayLike<ArrayLike<number>>): Float64Array {
  if (scores.length !== r2.length || scores.length === 0)
    throw new InputError("r2", `one R² row per score (${scores.length})`, `got ${r2.length} rows`);
  const s = Array.from(scores);
  const rows = Array.from(r2);
  return Float64Array.from({ length: rows[0].length }, (_, k) => {
    const curve = rows.map((row) => row[k]);
    const hit = thresholdScore(s, curve, (curve[0] + 1) / 2);
    return hit.crossed ? hit.score : NaN;
  });
}

/** Result of pcLearningOrder(). */
export interface PcLearningOrder {
  /** The optimization run (records carry `values.r2`). */
  run: OptimizeResult<{ r2: number[] }>;
  /** Explained-variance ratio of each PC of X (sklearn's explained_variance_ratio_), descending. */
  explainedVarianceRatio: number[];
  /** The recorded steps (optimizer iterations): steps[i] is the step of scores[i] and r2[i]. */
  steps: number[];
  /** Score at each recorded step (not every step: see `steps`, and `run.scores` for all of them). */
  scores: number[];
  /** R² of each PC at each recorded step (rows = records). */
  r2: number[][];
  /** Score at which each PC was captured (captureScores), NaN if never. */
  captureScores: number[];
  /** PCs captured by the end of the run, and their share of the variance. */
  captured: { count: number; total: number; varianceShare: number };
}

/**
 * Optimize Y against X under `measure` while recording the R² of every PC of X (paper §5 protocol:
 * typically stopScore 0.99, maxIter 1000, recordEvery 1), then the capture score of each PC.
 *
 *   const o = pcLearningOrder(ultrametric({ seed: 1 }).activity, "cka", { seed: 1, stopScore: 0.99 });
 *   o.captured.count;  o.captureScores;  o.explainedVarianceRatio;
 */
export function pcLearningOrder(X: Dataset | ArrayInput, measure: string | Objective, options: Omit<OptimizeOptions, "recorders"> = {}): PcLearningOrder {
  const pcs = pca(toFlat(X, "X").matrix);
  const run = optimize(X, measure, { ...options, recorders: { r2: pcR2Recorder(pcs) } }) as OptimizeResult<{ r2: number[] }>;
  const scores = run.records.map((r) => r.score);
  const r2 = run.records.map((r) => r.values.r2);
  const capture = Array.from(captureScores(scores, r2));
  const ratio = Array.from(pcs.explainedVarianceRatio);
  const hit = capture.map((s) => Number.isFinite(s));
  return {
    run,
    explainedVarianceRatio: ratio,
    steps: run.records.map((r) => r.iteration),
    scores,
    r2,
    captureScores: capture,
    captured: { count: hit.filter(Boolean).length, total: ratio.length, varianceShare: ratio.reduce((acc, v, k) => acc + (hit[k] ? v : 0), 0) },
  };
}

/**
 * "Optimization dynamics predicted by the spectrum alone" (diffscore demo notebook, paper §5): the PC
 * learning order against X and against its spectrum-matched Gaussian surrogate (same singular values,
 * random singular vectors), with the same optimizer seed. Unlike the notebook (paper §12 #11) the
 * second run really optimizes against the surrogate.
 *
 *   const { data, surrogate } = spectrumSurrogateComparison(X, "cka", { seed: 1, stopScore: 0.99 });
 *   data.run.iterations, surrogate.run.iterations   // close when the spectrum drives the dynamics
 */
export function spectrumSurrogateComparison(
  X: Dataset | ArrayInput,
  measure: string | Objective,
  options: Omit<OptimizeOptions, "recorders"> & { surrogateSeed?: number } = {},
): { data: PcLearningOrder; surrogate: PcLearningOrder } {
  const { surrogateSeed, ...rest } = options;
  const surrogate = spectrumMatchedGaussian(X, { seed: surrogateSeed ?? (options.seed ?? 0) + 1 });
  return { data: pcLearningOrder(X, measure, rest), surrogate: pcLearningOrder(surrogate, measure, rest) };
}

function isPca(x: unknown): x is Pca {
  return typeof x === "object" && x !== null && "profiles" in x && "sumsOfSquares" in x && (x as Pca).profiles instanceof Matrix;
}
