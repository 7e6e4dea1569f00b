import { InputError } from "../../errors";
import { Rng } from "../../random";
import { Matrix } from "../../tensor/matrix";
import { householderVectors, orthogonalize, reflect, unit } from "./orthonormal";
import { RandomRotation } from "./rotation";

/** A task or time structure to plant as one principal component of a surrogate. */
export interface LatentDirection {
  /** What it encodes (for documentation and calibration), e.g. "context". */
  name: string;
  /** One value per row (row t·C + c), e.g. label(c)·timeCourse(t). Centered and normalized here. */
  values: Float64Array;
  /** PC rank (1-based) whose profile becomes this direction. */
  rank: number;
  /** Mixing angle θ with fresh Gaussian noise: profile ∝ cos θ·ĉ + sin θ·ε̂ (ε̂ ⟂ ĉ). Default 0. */
  theta?: number;
}

/** Everything `structuredSurrogate` needs. */
export interface StructuredSpec {
  /** Rows n = T·C (or samples). */
  rows: number;
  /** Columns (neurons) N. */
  neurons: number;
  /** Explained-variance ratios of the q = ratios.length PCs (q ≤ min(N, n − 1)), summing to 1. */
  ratios: Float64Array;
  /** Λ = ‖X̄‖²_F, the total sum of squares of the centered data (sets the raw scale). */
  totalSumOfSquares: number;
  directions: LatentDirection[];
  /** "random": neurons are a random rotation of the PCs; "identity": columns are the PC scores (PCA-reduced data). */
  neuronMixing: "random" | "identity";
  /** Per-neuron mean added after centering (default 0). */
  means?: Float64Array;
}

/** A generated surrogate with its exact factors. */
export interface StructuredSurrogate {
  /** X = U·diag(s)·Vᵀ + 1μᵀ, n × N. */
  activity: Matrix;
  /** U (n × q): centered orthonormal PC profiles; the planted directions sit at their ranks. */
  profiles: Matrix;
  /** s_k = √(ratio_k·Λ). */
  singularValues: Float64Array;
}

/**
 * The structured spectrum-matched surrogate of datasets.md §6.3. Its centered data has exactly the
 * given PCA spectrum and raw scale, and chosen PCs carry task structure, so labels stay decodable:
 *
 *   X = U·diag(s)·Vᵀ + 1μᵀ,   s_k = √(ratio_k·Λ)
 *
 * U (n × q) has centered orthonormal columns. Column `rank − 1` of U is the planted direction
 * cos θ·ĉ + sin θ·ε̂ (ĉ = centered, unit `values`; ε̂ a unit Gaussian draw orthogonal to ĉ),
 * Gram–Schmidt-orthogonalized against the lower-ranked planted directions. All other columns are a
 * random orthonormal basis of the rest of the centered subspace (a `RandomRotation` carried into that
 * complement by the Householder reflections of the planted block). V (N × q) is the first q columns of a
 * random rotation of ℝ^N, or the identity for PCA-score data. Cost O(n·N·log N), no O(N³) step.
 *
 *   const s = structuredSurrogate({ rows: 1080, neurons: 727, ratios, totalSumOfSquares: 74,
 *     directions: [{ name: "context", values, rank: 5, theta: 0.8 }], neuronMixing: "random" }, new Rng(0));
 */
export function structuredSurrogate(spec: StructuredSpec, rng: Rng): StructuredSurrogate {
  const { rows: n, neurons: N, ratios, totalSumOfSquares } = spec;
  const q = ratios.length;
  if (!(q >= 1 && q <= Math.min(N, n - 1))) throw new InputError("ratios", `between 1 and min(N, n − 1) = ${Math.min(N, n - 1)} PCs`, `got ${q}`);
  if (spec.neuronMixing === "identity" && q !== N) throw new InputError("neurons", `N = q = ${q} for PC-score data`, `got ${N}`);
  if (!(totalSumOfSquares > 0)) throw new InputError("totalSumOfSquares", "a positive number", `got ${totalSumOfSquares}`);
  const directions = [...spec.directions].sort((a, b) => a.rank - b.rank);
  directions.forEach((d, i) => {
    if (!(Number.isInteger(d.rank) && d.rank >= 1 && d.rank <= q)) throw new InputError(`directions.${d.name}.rank`, `an integer in 1 … ${q}`, `got ${d.rank}`);
    if (i > 0 && d.rank === directions[i - 1].rank) throw new InputError(`directions.${d.name}.rank`, "distinct ranks", `rank ${d.rank} used twice`);
    if (d.values.length !== n) throw new InputError(`directions.${d.name}.values`, `${n} values (one per row)`, `got ${d.values.length}`);
  });

  // Planted block S = [1/√n, planted directions in rank order], orthonormal.
  const m = directions.length + 1;
  const S: Float64Array[] = [new Float64Array(n).fill(1 / Math.sqrt(n))];
  for (const d of directions) {
    const c = unit(orthogonalize(Float64Array.from(d.values), [S[0]]), `directions.${d.name}.values`);
    const noise = unit(orthogonalize(Float64Array.from({ length: n }, () => rng.normal()), [S[0], c]), `directions.${d.name}.values`);
    const theta = d.theta ?? 0;
    const u = c.map((v, i) => Math.cos(theta) * v + Math.sin(theta) * noise[i]);
    S.push(unit(orthogonalize(u, S), `directions.${d.name}.values`));
  }

  // Random orthonormal basis of the complement of span(S): Q·[0; R], Q = H₀⋯H_{m−1} from S's Householder QR.
  const free = q - directions.length;
  const R = new RandomRotation(n - m, rng).columns(free);
  const B = new Matrix(n, free);
  B.data.set(R.data, m * free);
  const reflectors = householderVectors(S);
  for (let j = reflectors.length - 1; j >= 0; j--) reflect(B, reflectors[j]);

  const U = new Matrix(n, q);
  const plantedAt = new Map(directions.map((d, i) => [d.rank - 1, S[i + 1]]));
  for (let k = 0, f = 0; k < q; k++) {
    const planted = plantedAt.get(k);
    for (let i = 0; i < n; i++) U.data[i * q + k] = planted ? planted[i] : B.data[i * free + f];
    if (!planted) f++;
  }

  const singularValues = ratios.map((r) => Math.sqrt(r * totalSumOfSquares));
  const X = new Matrix(n, N);
  for (let i = 0; i < n; i++) for (let k = 0; k < q; k++) X.data[i * N + k] = U.data[i * q + k] * singularValues[k];
  if (spec.neuronMixing === "random") new RandomRotation(N, rng).applyToRows(X);
  if (spec.means) for (let i = 0; i < n; i++) for (let j = 0; j < N; j++) X.data[i * N + j] += spec.means[j];
  return { activity: X, profiles: U, singularValues };
}
