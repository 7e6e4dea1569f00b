import { InputError } from "../../errors";
import { Rng } from "../../random";
import { Matrix } from "../../tensor/matrix";
import { householderVectors, orthogonalize, reflect, unit } from "./orthonormal";

/** One band of principal components carrying a task variable: a Gaussian bump over ln(rank). */
export interface LabelBand {
  /** PC rank (1-based, may be fractional) at the centre of the band. */
  center: number;
  /** Standard deviation of the bump in ln(rank) units (0.5 ≈ a factor 1.6 either side). */
  width: number;
  /** Share of `strength` in this band (the shares of a structure sum to 1). */
  share: number;
}

/**
 * How strongly the principal components of a surrogate carry its task variable (the label structure):
 * a fraction `strength` of every unit label direction lies inside the span of the PC profiles, spread
 * over the PCs as the sum of the bands; the rest lies outside the data (it is not represented).
 */
export interface LabelStructure {
  /** Σᵢ aᵢ², the squared norm of the label direction's projection on the PC profiles, in (0, 1]. */
  strength: number;
  bands: LabelBand[];
}

/**
 * Amplitudes aᵢ (i = 1 … q) with which PC i carries a unit label direction:
 *
 *   aᵢ² = strength · Σ_b share_b · pᵢ⁽ᵇ⁾,   pᵢ⁽ᵇ⁾ ∝ exp(−(ln i − ln center_b)² / (2·width_b²)),   Σᵢ pᵢ⁽ᵇ⁾ = 1
 *
 *   bandAmplitudes(278, { strength: 0.6, bands: [{ center: 40, width: 0.5, share: 1 }] }); // peak near PC 40
 */
export function bandAmplitudes(q: number, structure: LabelStructure): Float64Array {
  const { strength, bands } = structure;
  if (!(Number.isInteger(q) && q >= 1)) throw new InputError("q", "a positive integer number of PCs", `got ${q}`);
  if (!(strength > 0 && strength <= 1)) throw new InputError("structure.strength", "a number in (0, 1]", `got ${strength}`);
  if (bands.length === 0) throw new InputError("structure.bands", "at least one band", "got none");
  const shares = bands.reduce((a, b) => a + b.share, 0);
  if (bands.some((b) => !(b.share >= 0)) || Math.abs(shares - 1) > 1e-9) throw new InputError("structure.bands", "non-negative shares summing to 1", `got a sum of ${shares}`);
  const a2 = new Float64Array(q);
  for (const [i, band] of bands.entries()) {
    if (!(band.center > 0 && band.width > 0)) throw new InputError(`structure.bands.${i}`, "center > 0 and width > 0", `got center ${band.center}, width ${band.width}`);
    const p = Float64Array.from({ length: q }, (_, k) => Math.exp(-((Math.log(k + 1) - Math.log(band.center)) ** 2) / (2 * band.width ** 2)));
    const sum = p.reduce((x, y) => x + y, 0);
    for (let k = 0; k < q; k++) a2[k] += (strength * band.share * p[k]) / sum;
  }
  return a2.map(Math.sqrt);
}

/**
 * An orthogonal transform O of the rows (samples) that fixes the constant vector and turns a
 * label-free surrogate into one with a given label structure. For the m label regressors (one value
 * per row, e.g. label(c)·g(t); orthonormalized after centering: ℓ₁ … ℓ_m) it draws targets
 *
 *   v_j ∝ U·(a ⊙ σ_j) + √(1 − Σaᵢ²)·z_j      (σ_j random signs, z_j a unit vector outside span(1, U))
 *
 * orthonormalized, and O = Q_ℓ·D·Q_vᵀ maps v_j to ℓ_j (Q_v, Q_ℓ the Householder factors of [1/√n, v]
 * and [1/√n, ℓ], D the signs that match their R diagonals). Then X' = O·X has the same PCA spectrum
 * and column means as X, and the label directions project on its PC profiles U' = O·U with
 * |ℓ_jᵀu'ᵢ| = |v_jᵀuᵢ| ≈ aᵢ. O costs 2(m + 1) reflections per application.
 *
 *   const O = new LabelRotation(base.profiles, [contextRegressor], bandAmplitudes(727, structure), rng);
 *   O.apply(base.activity.clone());
 */
export class LabelRotation {
  private readonly fromV: Float64Array[];
  private readonly toL: Float64Array[];
  private readonly signs: Float64Array;

  constructor(profiles: Matrix, regressors: Float64Array[], amplitudes: Float64Array, rng: Rng) {
    const n = profiles.rows;
    const q = profiles.cols;
    if (amplitudes.length !== q) throw new InputError("amplitudes", `one per PC profile (${q})`, `got ${amplitudes.length}`);
    const inside = amplitudes.reduce((a, x) => a + x * x, 0);
    if (!(inside <= 1 + 1e-12)) throw new InputError("amplitudes", "Σaᵢ² ≤ 1", `got ${inside}`);
    if (inside < 1 - 1e-12 && q >= n - 1) throw new InputError("amplitudes", `Σaᵢ² = 1 when the profiles span all ${n - 1} centered directions`, `got ${inside}`);
    const one = new Float64Array(n).fill(1 / Math.sqrt(n));
    const L: Float64Array[] = [one];
    for (const [j, r] of regressors.entries()) {
      if (r.length !== n) throw new InputError(`regressors.${j}`, `${n} values (one per row)`, `got ${r.length}`);
      L.push(unit(orthogonalize(Float64Array.from(r), L), `regressors.${j}`));
    }
    const V: Float64Array[] = [one];
    const outside = Math.sqrt(Math.max(0, 1 - inside));
    for (let j = 0; j < regressors.length; j++) {
      const coefficients = amplitudes.map((a) => (rng.uniform() < 0.5 ? -a : a));
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < q; k++) s += profiles.data[i * q + k] * coefficients[k];
        v[i] = s;
      }
      if (outside > 0) {
        const z = unit(projectOut(Float64Array.from({ length: n }, () => rng.normal()), profiles, one), "z");
        for (let i = 0; i < n; i++) v[i] += outside * z[i];
      }
      V.push(unit(orthogonalize(v, V), "target"));
    }
    this.fromV = householderVectors(V);
    this.toL = householderVectors(L);
    const rV = diagonal(V, this.fromV);
    const rL = diagonal(L, this.toL);
    this.signs = rV.map((x, j) => Math.sign(x) * Math.sign(rL[j]));
  }

  /** M ← O·M in place (M has n rows); returns M. */
  apply(M: Matrix): Matrix {
    for (const h of this.fromV) reflect(M, h);
    const c = M.cols;
    this.signs.forEach((s, j) => {
      if (s < 0) for (let k = 0; k < c; k++) M.data[j * c + k] = -M.data[j * c + k];
    });
    for (let j = this.toL.length - 1; j >= 0; j--) reflect(M, this.toL[j]);
    return M;
  }
}

/** Diagonal of R in the Householder QR of the columns S: (H_j⋯H₀·S_j)_j. */
function diagonal(S: Float64Array[], hs: Float64Array[]): Float64Array {
  return Float64Array.from(S, (s, j) => {
    const x = s.slice();
    for (let k = 0; k <= j; k++) {
      let d = 0;
      for (let i = 0; i < x.length; i++) d += hs[k][i] * x[i];
      for (let i = 0; i < x.length; i++) x[i] -= 2 * d * hs[k][i];
    }
    return x[j];
  });
}

/** z minus its projections on the unit vector `one` and on the orthonormal columns of U (two passes). */
function projectOut(z: Float64Array, U: Matrix, one: Float64Array): Float64Array {
  const { rows: n, cols: q } = U;
  for (let pass = 0; pass < 2; pass++) {
    orthogonalize(z, [one]);
    const c = new Float64Array(q);
    for (let i = 0; i < n; i++) for (let k = 0; k < q; k++) c[k] += U.data[i * q + k] * z[i];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < q; k++) s += U.data[i * q + k] * c[k];
      z[i] -= s;
    }
  }
  return z;
}
