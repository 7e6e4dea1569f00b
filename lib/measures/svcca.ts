import { InputError } from "../errors";
import { Matrix, dot, matmulTN } from "../tensor/matrix";
import { pca } from "../tensor/linalg/pca";
import { polar } from "../tensor/linalg/polar";
import { addMeasure, addPattern } from "./registry";
import { INVARIANCE, MeasureDefinition, PreparedMeasure } from "./types";

/**
 * SVCCA (Raghu et al. 2017): keep the leading principal components of each centered matrix, then
 * CCA between the reduced matrices (whose PC profiles U_k are already orthonormal):
 *
 *   var=v: the fewest k with Σ_{i≤k} s_i² ≥ v·Σ s_i²;   dim=d: k = min(d, rank)
 *   ρ = singular values of U_{k,X}ᵀ U_{k,Y};   score = Σρ / min(k_X, k_Y);   squared_score = Σρ² / min(k_X, k_Y)
 *   distance=angular = arccos(score);  distance=euclidean = √(a² + b² − 2ab·score), a² = Σ_{i≤k_X} s_i² (reduced data)
 *
 * The conventions of the agreeing similarity-repository backends (contrasim, svcca, sim_metric, netrep
 * when dimensions match). Value only (the PC truncation is not differentiable where k changes).
 *
 * Without a parameter (`svcca-score`, `svcca-distance=…`) contrasim's `compute_svcca` is followed: every
 * PC is kept and google/svcca's CCA adds ε = 1e-10 to the covariances scaled by their largest entry, i.e.
 * the PC profiles u_i are weighted by w_i = 1/√(1 + ε·s₁²/s_i²) (PCs with s_i² < ε·s₁² are dropped) before
 * the canonical correlations are taken. This is plain CCA up to ≈ε·κ² (κ = s₁/s_min).
 *
 *   score("svcca-var=0.99-score", X, Y);  score("svcca-dim=10-distance=angular", X, Y);  score("svcca-score", X, Y);
 */
export interface Reduced {
  /** n×k orthonormal PC profiles (each scaled by its weight w_i for an ε selection). */
  profiles: Matrix;
  /** Σ_{i≤k} s_i² (squared norm of the reduced data). */
  sumOfSquares: number;
}

/** How many PCs to keep: a variance fraction, a count, or all PCs with the ε-regularized weighting above. */
export type PcSelection = { variance: number } | { dim: number } | { epsilon: number };

/**
 * The leading-PC reduction of X by a variance fraction (`{ variance: 0.99 }`), a count (`{ dim: 10 }`) or
 * all PCs weighted for ε-regularized CCA (`{ epsilon: 1e-10 }`: profile i scaled by 1/√(1 + ε·s₁²/s_i²)).
 */
export function reduceToPcs(X: Matrix, keep: PcSelection): Reduced {
  const p = pca(X);
  const r = p.sumsOfSquares.length;
  let k = r;
  if ("dim" in keep) k = Math.min(keep.dim, r);
  else if ("epsilon" in keep) {
    while (k > 0 && p.sumsOfSquares[k - 1] < keep.epsilon * p.sumsOfSquares[0]) k--;
  } else {
    let cum = 0;
    for (k = 0; k < r; ) {
      cum += p.sumsOfSquares[k++];
      if (cum / p.totalSumOfSquares >= keep.variance) break;
    }
  }
  const profiles = new Matrix(X.rows, k);
  let sumOfSquares = 0;
  for (let j = 0; j < k; j++) sumOfSquares += p.sumsOfSquares[j];
  const weight = (j: number) => ("epsilon" in keep ? 1 / Math.sqrt(1 + (keep.epsilon * p.sumsOfSquares[0]) / p.sumsOfSquares[j]) : 1);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < k; j++) profiles.data[i * k + j] = p.profiles.data[i * r + j] * weight(j);
  return { profiles, sumOfSquares };
}

type Output = "score" | "squared_score" | "distance=angular" | "distance=euclidean" | "distance=squared_euclidean";

/** SVCCA value of Y against the cached reduction of X. */
function prepareSvcca(X: Matrix, keep: PcSelection, output: Output): PreparedMeasure {
  const rx = reduceToPcs(X, keep);
  return {
    value(Y: Matrix) {
      const ry = reduceToPcs(Y, keep);
      const m = Math.min(rx.profiles.cols, ry.profiles.cols);
      const C = matmulTN(rx.profiles, ry.profiles);
      const s = m === 0 ? 0 : output === "squared_score" ? dot(C, C) / m : polar(C).nuclearNorm / m;
      if (output === "score" || output === "squared_score") return s;
      if (output === "distance=angular") return Math.acos(Math.min(1, Math.max(-1, s)));
      const a = Math.sqrt(rx.sumOfSquares);
      const b = Math.sqrt(ry.sumOfSquares);
      const d2 = Math.max(0, a * a + b * b - 2 * a * b * s);
      return output === "distance=euclidean" ? Math.sqrt(d2) : d2;
    },
  };
}

const SVCCA_PATTERN = /^svcca-(var|dim)=(\d+(?:\.\d+)?)-(score|squared_score|distance=angular|distance=euclidean|distance=squared_euclidean)$/;

function buildSvcca(id: string, m: RegExpMatchArray): MeasureDefinition {
  const amount = Number(m[2]);
  const byVariance = m[1] === "var";
  if (byVariance ? !(amount > 0 && amount <= 1) : !(Number.isInteger(amount) && amount >= 1))
    throw new InputError("measure", byVariance ? "svcca-var={v}-… with v in (0, 1]" : "svcca-dim={d}-… with an integer d ≥ 1", `got ${m[2]}`);
  const keep = byVariance ? { variance: amount } : { dim: amount };
  const output = m[3] as Output;
  const isScore = output === "score" || output === "squared_score";
  return {
    id,
    family: "svcca",
    formula: `CCA of the leading PCs (${byVariance ? `${amount} of the variance` : `${amount} PCs`}): ${
      { score: "mean ρ", squared_score: "mean ρ²", "distance=angular": "arccos(mean ρ)", "distance=euclidean": "√(a² + b² − 2ab·mean ρ)", "distance=squared_euclidean": "a² + b² − 2ab·mean ρ" }[output]
    }`,
    range: isScore ? [0, 1] : output === "distance=angular" ? [0, Math.PI / 2] : [0, Infinity],
    higherIsMoreSimilar: isScore,
    symmetric: true,
    invariances: output === "distance=euclidean" || output === "distance=squared_euclidean" ? { ...INVARIANCE.orthogonal, isotropicScale: false } : INVARIANCE.orthogonal,
    differentiable: false,
    stochastic: false,
    minSamples: 3,
    aliases: [],
    notes:
      "PCs from the centered data; the variance rule keeps the fewest PCs whose squared singular values reach the fraction (contrasim, " +
      "svcca, sim_metric). Mean over min(k_X, k_Y) canonical correlations; the Euclidean forms use the norms of the reduced data. " +
      "Invariant to orthogonal maps but not to general invertible ones (the PCA step is not).",
    prepare: (X) => prepareSvcca(X, keep, output),
  };
}

/** contrasim's ε of google/svcca's CCA step in compute_svcca. */
const CONTRASIM_EPSILON = 1e-10;

/** svcca-{output} without a parameter: contrasim's all-PC, ε-regularized SVCCA. */
function contrasimSvcca(output: Output): MeasureDefinition {
  const base = buildSvcca(`svcca-${output}`, `svcca-dim=1-${output}`.match(SVCCA_PATTERN) as RegExpMatchArray);
  return {
    ...base,
    formula: base.formula.replace("(1 PCs)", "(all PCs, ε = 1e-10)"),
    notes:
      "contrasim's compute_svcca (the svcca-score that similarity-repository derives its distances from): all PCs kept, google/svcca CCA with ε = 1e-10 added to the max-normalized covariances, mean over the min(k_X, k_Y) canonical correlations; equal to cca-score up to ≈ε·κ². RTD's svcca (99 % of the sum of singular values, after centering each sample) ties with it in the golden file and is not followed. The reference needs fewer features than samples; any shape is accepted here. Euclidean forms use the centered norms. Value only.",
    prepare: (X) => prepareSvcca(X, { epsilon: CONTRASIM_EPSILON }, output),
  };
}

/** Registers svcca-var={v}-… and svcca-dim={d}-… for any v ∈ (0, 1] and integer d ≥ 1, and contrasim's svcca-{score|…}. */
export function registerSvcca(): void {
  for (const output of ["score", "squared_score", "distance=angular", "distance=euclidean", "distance=squared_euclidean"] as Output[]) addMeasure(contrasimSvcca(output));
  addPattern({
    template: "svcca-{var={v}|dim={d}}-{score|squared_score|distance=angular|distance=euclidean|distance=squared_euclidean}",
    pattern: SVCCA_PATTERN,
    build: buildSvcca,
    examples: ["svcca-var=0.99-score", "svcca-var=0.95-distance=euclidean", "svcca-dim=3-distance=angular"],
  });
}
