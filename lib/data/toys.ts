/**
 * The toy datasets of nacloos/diffscore (diffscore/dataset/toy.py, paper §9.1) and the spectrum-matched
 * Gaussian surrogate of any dataset (paper §5). All are seeded through Rng and returned as Dataset.
 */
import { InputError, received } from "../errors";
import { Rng } from "../random";
import { ArrayInput, toFlat } from "../tensor/arrays";
import { Matrix, centerCols, gramCols, matmul, matmulNT, scaleCols } from "../tensor/matrix";
import { eigh, symmetricFunction } from "../tensor/linalg/eigh";
import { pca } from "../tensor/linalg/pca";
import { labelSet, makeDataset } from "./dataset";
import type { Dataset } from "./types";

const TOY_CITATION = "Cloos et al. 2024, Differentiable Optimization of Similarity Scores Between Models and Brains (toy datasets of nacloos/diffscore)";

/** The base arc of toy2d: 10 time points of a 2-neuron trajectory. */
const TOY2D_ARC: ReadonlyArray<readonly [number, number]> = [
  [0.01, 0.01], [0.4, 0.3], [0.7, 0.5], [0.88, 0.613], [1.13, 0.68],
  [1.43, 0.73], [1.68, 0.6], [1.86, 0.473], [1.97, 0.24], [2.02, 0.04],
];

/**
 * toy2d(a): X of shape (10 time steps, 6 conditions, 2 neurons). With P the base arc,
 * conditions 0–2 are P, P·diag(1, 1+a), P·diag(1, 1+2a) and conditions 3–5 the same three rotated by
 * π, i.e. right-multiplied by [[cos π, sin π], [−sin π, cos π]] (= −I₂ up to rounding).
 * Labels: choice −1,−1,−1,+1,+1,+1; stimulus −3,−2,−1,+1,+2,+3.
 *
 *   const { activity, shape, labels } = toy2d();       // shape [10, 6, 2]
 *   score("cka", toy2d(0.5).toArray(), toy2d(1).toArray()); // 0.9869378911
 */
export function toy2d(a = 0.5): Dataset {
  if (!Number.isFinite(a)) throw new InputError("a", "a finite number", `got ${received(a)}`);
  const T = TOY2D_ARC.length;
  const C = 6;
  const X = new Matrix(T * C, 2);
  const cos = Math.cos(Math.PI);
  const sin = Math.sin(Math.PI);
  for (let c = 0; c < C; c++) {
    const stretch = 1 + (c % 3) * a;
    const rotate = c >= 3;
    for (let t = 0; t < T; t++) {
      const x = TOY2D_ARC[t][0];
      const y = TOY2D_ARC[t][1] * stretch;
      const row = (t * C + c) * 2;
      X.data[row] = rotate ? x * cos - y * sin : x;
      X.data[row + 1] = rotate ? x * sin + y * cos : y;
    }
  }
  return makeDataset(X, [T, C, 2], [labelSet("choice", [-1, -1, -1, 1, 1, 1]), labelSet("stimulus", [-3, -2, -1, 1, 2, 3])], {
    id: "toy2d",
    source: "toy",
    citation: TOY_CITATION,
    units: "arbitrary",
    preprocessing: `toy2d(a=${a}): base arc, neuron 2 scaled by 1, 1+a, 1+2a, then rotated by π for conditions 3–5`,
    primaryLabel: "choice",
  });
}

/** Options of ultrametric(). */
export interface UltrametricOptions {
  /** Number of bits per node (columns). Default 50. */
  dim?: number;
  /** Children per node at each level, root first. Default [2, 5, 10]. */
  branches?: number[];
  /** Probability that a child keeps each parent bit (otherwise the bit is redrawn). Default 0.8. */
  gamma?: number;
  /** Default 0. (The reference is unseeded: every call there differs.) */
  seed?: number;
}

/**
 * Hierarchical binary data (diffscore `ultrametric`): the root is `dim` fair random bits; every node
 * has branches[l] children at level l; a child copies its parent's bits and redraws each one
 * independently with probability 1 − γ. Rows = leaves in tree order (2·5·10 = 100 × 50 by default), 2-D.
 * Label `category` = index of each leaf's parent (the level-2 ancestor for the default branches:
 * 10 categories × 10 consecutive leaves, chance 0.1).
 *
 *   const U = ultrametric({ seed: 3 });   // activity 100 × 50 of 0/1 values
 */
export function ultrametric(options: UltrametricOptions = {}): Dataset {
  const dim = options.dim ?? 50;
  const branches = options.branches ?? [2, 5, 10];
  const gamma = options.gamma ?? 0.8;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(dim) || dim < 1) throw new InputError("dim", "an integer ≥ 1", `got ${received(dim)}`);
  if (branches.length === 0 || branches.some((b) => !Number.isInteger(b) || b < 1))
    throw new InputError("branches", "a non-empty list of integers ≥ 1", `got [${branches}]`);
  if (!(gamma >= 0 && gamma <= 1)) throw new InputError("gamma", "a probability in [0, 1]", `got ${received(gamma)}`);
  const rng = new Rng(seed);
  const bit = () => (rng.uniform() < 0.5 ? 1 : 0);
  let level: number[][] = [Array.from({ length: dim }, bit)];
  for (const b of branches) {
    const next: number[][] = [];
    for (const parent of level)
      for (let child = 0; child < b; child++) next.push(parent.map((v) => (rng.uniform() < gamma ? v : bit())));
    level = next;
  }
  const leavesPerParent = branches[branches.length - 1];
  const category = level.map((_, i) => Math.floor(i / leavesPerParent));
  return makeDataset(Matrix.fromRows(level), [level.length, dim], [labelSet("category", category)], {
    id: "ultrametric",
    source: "toy",
    citation: TOY_CITATION,
    units: "bits (0/1)",
    preprocessing: `ultrametric(dim=${dim}, branches=[${branches}], gamma=${gamma}, seed=${seed})`,
    primaryLabel: "category",
  });
}

/** Options of expGaussian(). */
export interface ExpGaussianOptions {
  /** Neurons. Default 100 (the "exp-gaussian-dim50" variant uses 50). */
  dim?: number;
  nSteps?: number;
  nTrials?: number;
  seed?: number;
}

/**
 * Gaussian data with an exponentially decaying spectrum (diffscore `exp_gaussian`): variances
 * logspace(−4, 0, dim) (increasing with the neuron index), X[t, k, :] ~ N(0, diag(variances)) i.i.d.,
 * shape (nSteps, nTrials, dim) = (15, 40, 100) by default. Label `trial` = trial index (not meaningful
 * for decoding).
 *
 *   const G = expGaussian({ dim: 50, seed: 1 });   // shape [15, 40, 50]
 */
export function expGaussian(options: ExpGaussianOptions = {}): Dataset {
  const dim = options.dim ?? 100;
  const T = options.nSteps ?? 15;
  const C = options.nTrials ?? 40;
  const seed = options.seed ?? 0;
  for (const [name, v] of [["dim", dim], ["nSteps", T], ["nTrials", C]] as const)
    if (!Number.isInteger(v) || v < 1) throw new InputError(name, "an integer ≥ 1", `got ${received(v)}`);
  const sd = Array.from({ length: dim }, (_, j) => Math.sqrt(10 ** (dim === 1 ? 0 : -4 + (4 * j) / (dim - 1))));
  const rng = new Rng(seed);
  const X = new Matrix(T * C, dim);
  for (let i = 0; i < T * C; i++) for (let j = 0; j < dim; j++) X.data[i * dim + j] = sd[j] * rng.normal();
  return makeDataset(X, [T, C, dim], [labelSet("trial", Array.from({ length: C }, (_, k) => k))], {
    id: dim === 100 ? "exp-gaussian" : `exp-gaussian-dim${dim}`,
    source: "toy",
    citation: TOY_CITATION,
    units: "arbitrary",
    preprocessing: `exp_gaussian(dim=${dim}, n_steps=${T}, n_trials=${C}, seed=${seed}): variances logspace(-4, 0)`,
  });
}

/**
 * Spectrum-matched Gaussian surrogate (paper §5): with X̄ = U·diag(s)·Vᵀ the centered data, returns
 * X_gauss = U_G·diag(s)·V_Gᵀ (plus X's column means) where U_G (centered, orthonormal) and V_G
 * (orthonormal) are Haar-random: the same singular values, random singular vectors, so only the
 * spectrum is kept. U_G, V_G are the polar factors G(GᵀG)^{-1/2} of Gaussian matrices (U_G's columns
 * centered first), so the centered surrogate has exactly the spectrum s (the diffscore notebook's
 * uncentered U_G changes it slightly once the measures center). Labels of a Dataset input are kept
 * but decode at chance by construction.
 *
 *   const Xg = spectrumMatchedGaussian(loadDataset("Mante2013"), { seed: 1 });
 *   optimize(Xg.toArray(), "cka", { seed: 1 });   // dynamics predicted by the spectrum alone
 */
export function spectrumMatchedGaussian(X: Dataset | ArrayInput, options: { seed?: number } = {}): Dataset {
  const source = isDataset(X) ? X : null;
  const flat = source ? { matrix: source.activity, shape: source.shape } : toFlat(X as ArrayInput, "X");
  const { rows: n, cols: p } = flat.matrix;
  const decomposition = pca(flat.matrix);
  const r = decomposition.sumsOfSquares.length;
  if (r > n - 1) throw new InputError("X", "at most n − 1 principal components", `got ${r} with ${n} samples`);
  const rng = new Rng(options.seed ?? 0);
  const U = scaleCols(orthonormalColumns(centerCols(rng.normalMatrix(n, r))), decomposition.sumsOfSquares.map(Math.sqrt));
  const V = orthonormalColumns(rng.normalMatrix(p, r));
  const Xg = matmulNT(U, V);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) Xg.data[i * p + j] += decomposition.means[j];
  return makeDataset(Xg, flat.shape.slice(), source ? Object.values(source.labels) : [], {
    id: `${source ? source.id : "data"}-spectrum-gaussian`,
    source: "surrogate",
    citation: TOY_CITATION,
    units: source ? source.meta.units : "as the input",
    preprocessing: `spectrum-matched Gaussian surrogate (seed ${options.seed ?? 0}) of ${source ? source.id : "the input"}: same singular values, Haar-random singular vectors`,
    notes: "Only the PCA spectrum of the original is kept; labels decode at chance.",
  });
}

/** True for a Dataset (as opposed to a plain data array). */
export function isDataset(x: unknown): x is Dataset {
  return typeof x === "object" && x !== null && "activity" in x && "meta" in x && "shape" in x;
}

/** The orthonormal polar factor G·(GᵀG)^{-1/2} of a full-column-rank G (Haar-distributed for Gaussian G). */
function orthonormalColumns(G: Matrix): Matrix {
  return matmul(G, symmetricFunction(eigh(gramCols(G)), (l) => 1 / Math.sqrt(l)));
}
