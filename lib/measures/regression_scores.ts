import { Matrix, axpby, dot, scaleInPlace, sumSquares } from "../tensor/matrix";

/** A goodness-of-fit value with its gradients with respect to the targets and the prediction. */
export interface FitScore {
  value: number;
  /** ∂value/∂T (null when not requested). */
  target: Matrix | null;
  /** ∂value/∂P (null when not requested). */
  prediction: Matrix | null;
}

/**
 * How well a prediction P matches targets T (same shape, rows = samples, columns = targets).
 * `stationary`: the value is stationary in the fitted map at an unregularized least-squares fit
 * (so an in-sample λ = 0 fit needs no backward pass through the solver).
 */
export interface FitScorer {
  name: string;
  formula: string;
  stationary: boolean;
  /** `wantTarget` false (default: wantGrad): ∂value/∂T is not needed and `target` may be null. */
  score(T: Matrix, P: Matrix, wantGrad: boolean, wantTarget?: boolean): FitScore;
}

const zeroScore = (T: Matrix, P: Matrix, wantGrad: boolean): FitScore => ({
  value: 0,
  target: wantGrad ? new Matrix(T.rows, T.cols) : null,
  prediction: wantGrad ? new Matrix(P.rows, P.cols) : null,
});

/**
 * Pooled R² (diffscore "r2"): the fraction of the total variance of T explained, with T already
 * centered by the training means:
 *
 *   R² = 1 − ‖E‖²_F / s,   E = T − P,  s = ‖T‖²_F
 *   ∂R²/∂P = 2E/s,   ∂R²/∂T = −2E/s + 2(1 − R²)·T/s
 *
 * A target without variance (s = 0) scores 0 with zero gradient.
 *
 *   pooledR2.score(Tc, P, false).value
 */
export const pooledR2: FitScorer = {
  name: "r2",
  formula: "1 − ‖X̄ − X̂‖²_F / ‖X̄‖²_F (pooled over all entries)",
  stationary: true,
  score(T, P, wantGrad, wantTarget = wantGrad) {
    const s = sumSquares(T);
    if (!(s > 0)) return zeroScore(T, P, wantGrad);
    const E = axpby(1, T, -1, P);
    const value = 1 - sumSquares(E) / s;
    if (!wantGrad) return { value, target: null, prediction: null };
    const target = wantTarget ? axpby(-2 / s, E, (2 * (1 - value)) / s, T) : null;
    return { value, prediction: scaleInPlace(E, 2 / s), target };
  },
};

/**
 * Pooled cosine (diffscore "pearsonr"): the cosine between the targets and the prediction, both
 * centered by the training means (not a per-neuron Pearson correlation):
 *
 *   r = ⟨T, P⟩_F / (‖T‖_F ‖P‖_F),   ∂r/∂P = T/(‖T‖‖P‖) − r·P/‖P‖²,   ∂r/∂T = P/(‖T‖‖P‖) − r·T/‖T‖²
 *
 * 0 (with zero gradient) when T or P vanishes.
 *
 *   pooledCosine.score(Tc, P, true).prediction
 */
export const pooledCosine: FitScorer = {
  name: "pearsonr",
  formula: "⟨X̄, X̂⟩_F / (‖X̄‖_F ‖X̂‖_F) (pooled cosine)",
  stationary: true,
  score(T, P, wantGrad, wantTarget = wantGrad) {
    const nt = Math.sqrt(sumSquares(T));
    const np = Math.sqrt(sumSquares(P));
    if (!(nt > 0 && np > 0)) return zeroScore(T, P, wantGrad);
    const value = dot(T, P) / (nt * np);
    if (!wantGrad) return { value, target: null, prediction: null };
    return {
      value,
      prediction: axpby(1 / (nt * np), T, -value / (np * np), P),
      target: wantTarget ? axpby(1 / (nt * np), P, -value / (nt * nt), T) : null,
    };
  },
};

/** Column means of T and P, and per column Σ(t − t̄)², Σ(p − p̄)², Σ(t − t̄)(p − p̄), Σ(t − p)². */
function columnMoments(T: Matrix, P: Matrix) {
  const { rows: n, cols: c } = T;
  const mt = new Float64Array(c);
  const mp = new Float64Array(c);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < c; j++) {
      mt[j] += T.data[i * c + j];
      mp[j] += P.data[i * c + j];
    }
  for (let j = 0; j < c; j++) {
    mt[j] /= n;
    mp[j] /= n;
  }
  const tt = new Float64Array(c); // Σ (t − t̄)²
  const pp = new Float64Array(c); // Σ (p − p̄)²
  const tp = new Float64Array(c); // Σ (t − t̄)(p − p̄)
  const ee = new Float64Array(c); // Σ (t − p)²
  for (let i = 0; i < n; i++)
    for (let j = 0; j < c; j++) {
      const t = T.data[i * c + j] - mt[j];
      const p = P.data[i * c + j] - mp[j];
      const e = T.data[i * c + j] - P.data[i * c + j];
      tt[j] += t * t;
      pp[j] += p * p;
      tp[j] += t * p;
      ee[j] += e * e;
    }
  return { mt, mp, tt, pp, tp, ee };
}

/**
 * Per-target R² averaged over targets (sklearn `r2_score(T, P, multioutput="uniform_average")`):
 *
 *   R²_j = 1 − Σ_i (t_ij − p_ij)² / Σ_i (t_ij − t̄_j)²,   value = mean_j R²_j
 *
 * A constant target column scores 1 when predicted exactly and 0 otherwise (sklearn's rule), with
 * zero gradient.
 *
 *   perTargetR2.score(T, P, false).value
 */
export const perTargetR2: FitScorer = {
  name: "r2 (per target)",
  formula: "mean_j [1 − Σ_i (t_ij − p_ij)² / Σ_i (t_ij − t̄_j)²]",
  stationary: true,
  score(T, P, wantGrad) {
    const { rows: n, cols: c } = T;
    const { mt, tt, ee } = columnMoments(T, P);
    let value = 0;
    for (let j = 0; j < c; j++) value += tt[j] > 0 ? 1 - ee[j] / tt[j] : ee[j] === 0 ? 1 : 0;
    value /= c;
    if (!wantGrad) return { value, target: null, prediction: null };
    const gT = new Matrix(n, c);
    const gP = new Matrix(n, c);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < c; j++) {
        if (!(tt[j] > 0)) continue;
        const k = i * c + j;
        const e = T.data[k] - P.data[k];
        gP.data[k] = (2 * e) / (tt[j] * c);
        gT.data[k] = ((-2 * e) / tt[j] + (2 * ee[j] * (T.data[k] - mt[j])) / (tt[j] * tt[j])) / c;
      }
    return { value, target: gT, prediction: gP };
  },
};

function correlationsFromMoments(tt: Float64Array, pp: Float64Array, tp: Float64Array): Float64Array {
  return tt.map((t, j) => (t > 0 && pp[j] > 0 ? tp[j] / Math.sqrt(t * pp[j]) : NaN));
}

/**
 * Pearson correlation of each column of T with the same column of P; NaN where either is constant.
 *
 *   columnCorrelations(T, P); // Float64Array of length T.cols
 */
export function columnCorrelations(T: Matrix, P: Matrix): Float64Array {
  const { tt, pp, tp } = columnMoments(T, P);
  return correlationsFromMoments(tt, pp, tp);
}

/**
 * Per-target Pearson correlation averaged over targets, or its square (`squared`):
 *
 *   r_j = Σ_i (t_ij − t̄_j)(p_ij − p̄_j) / √(Σ_i (t_ij − t̄_j)² · Σ_i (p_ij − p̄_j)²),   value = mean_j r_j (or r_j²)
 *   ∂r_j/∂p_ij = (t_ij − t̄_j)/√(tt·pp) − r_j·(p_ij − p̄_j)/pp
 *
 * A column where T or P is constant has an undefined correlation (NaN in scipy); here it counts as 0
 * with zero gradient.
 *
 *   perTargetPearson(false).score(T, P, false).value
 */
export function perTargetPearson(squared: boolean): FitScorer {
  return {
    name: squared ? "pearsonr2 (per target)" : "pearsonr (per target)",
    formula: squared ? "mean_j corr(t_j, p_j)²" : "mean_j corr(t_j, p_j)",
    stationary: false,
    score(T, P, wantGrad) {
      const { rows: n, cols: c } = T;
      const { mt, mp, tt, pp, tp } = columnMoments(T, P);
      const r = correlationsFromMoments(tt, pp, tp);
      let value = 0;
      for (let j = 0; j < c; j++) if (Number.isFinite(r[j])) value += squared ? r[j] * r[j] : r[j];
      value /= c;
      if (!wantGrad) return { value, target: null, prediction: null };
      const gT = new Matrix(n, c);
      const gP = new Matrix(n, c);
      for (let j = 0; j < c; j++) {
        if (!(tt[j] > 0 && pp[j] > 0)) continue;
        const w = (squared ? 2 * r[j] : 1) / c;
        const inv = 1 / Math.sqrt(tt[j] * pp[j]);
        for (let i = 0; i < n; i++) {
          const k = i * c + j;
          const t = T.data[k] - mt[j];
          const p = P.data[k] - mp[j];
          gP.data[k] = w * (t * inv - (r[j] * p) / pp[j]);
          gT.data[k] = w * (p * inv - (r[j] * t) / tt[j]);
        }
      }
      return { value, target: gT, prediction: gP };
    },
  };
}
