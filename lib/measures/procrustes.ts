import { Matrix, axpby, centerCols, frobenius, matmul, matmulTN, scale } from "../tensor/matrix";
import { polar, polarNewtonSchulz } from "../tensor/linalg/polar";
import { thinSvd } from "../tensor/linalg/svd";
import { eighSolverInUse } from "../tensor/linalg/eigh";
import { addMeasure } from "./registry";
import { TRANSFORMS, withTransform } from "./transforms";
import { INVARIANCE, Invariances, ORTHOGONAL_SIMILARITY, MeasureDefinition, PreparedMeasure, ValueGrad } from "./types";
import { nuclearNorm } from "../tensor/linalg/nuclear_norm";

/**
 * Normalized Bures similarity and angular / Euclidean Procrustes distances (Williams et al. 2021,
 * Harvey et al. 2023; paper §2.2), with X̄, Ȳ column-centered:
 *
 *   NBS(X, Y)            = ‖X̄ᵀȲ‖_* / (‖X̄‖_F ‖Ȳ‖_F)           = cos of the angular Procrustes distance
 *   procrustes-angular   = arccos(NBS)                          = min_Q∈O angle(X̄, ȲQ)
 *   procrustes-euclidean = √(‖X̄‖² + ‖Ȳ‖² − 2‖X̄ᵀȲ‖_*)           = min_Q∈O ‖X̄ − ȲQ‖_F
 *
 * Gradients (the envelope argument: the optimal rotation does not move to first order), with
 * X̄ᵀȲ = U·S·Vᵀ and P = U·Vᵀ its polar factor:
 *
 *   ∂‖X̄ᵀȲ‖_* / ∂Ȳ = X̄·P,   ∂NBS/∂Ȳ = X̄P/(‖X̄‖‖Ȳ‖) − NBS·Ȳ/‖Ȳ‖²,   ∂d/∂Ȳ = (Ȳ − X̄P)/d
 *
 * Both are column-centered already, so they are also the gradients with respect to the raw Y.
 * No zero padding is needed: X̄ᵀȲ is p×q and the padded columns of the reference code contribute
 * nothing. When X has more features than samples, X̄ is replaced once by an n×r factor B with
 * BBᵀ = X̄X̄ᵀ (‖X̄ᵀȲ‖_* depends on X̄ only through X̄X̄ᵀ), so no p×p matrix is ever formed.
 *
 *   score("nbs", X, Y);  scoreAndGrad("procrustes-angular-score", X, Y);
 */
export interface BuresParts {
  /** ‖X̄ᵀȲ‖_*. */
  nuclear: number;
  /** ‖X̄‖_F and ‖Ȳ‖_F. */
  normX: number;
  normY: number;
  Yc: Matrix;
  /** ∂‖X̄ᵀȲ‖_* / ∂Ȳ = X̄·P (n×q), when asked for. */
  dNuclear: Matrix | null;
}

/**
 * The polar factor of X̄ᵀȲ comes from the eigendecomposition of its smaller Gram matrix (thinSvd).
 * When only the JS eigensolver is available, matrices with ≥ 256 columns use the Newton–Schulz
 * iteration instead (matrix products: ≈1.5–2× faster than the JS eigensolver at 727, but ≈4× slower
 * than the WebAssembly one). Both agree to ≈1e-14 in ‖X̄ᵀȲ‖_*.
 */
const NEWTON_SCHULZ_FROM = eighSolverInUse() === "js" ? 256 : Infinity;

/**
 * Caches the X-only quantities (X̄, ‖X̄‖, the factor B) and returns the per-Y evaluation of the
 * nuclear norm ‖X̄ᵀȲ‖_* and its gradient.
 *
 *   const parts = prepareBures(X)(Y, true); // { nuclear, normX, normY, Yc, dNuclear }
 */
export function prepareBures(X: Matrix): (Y: Matrix, needGrad: boolean) => BuresParts {
  const Xc = centerCols(X);
  const normX = frobenius(Xc);
  let factor = Xc;
  if (Xc.cols > Xc.rows) {
    const { U, s } = thinSvd(Xc);
    factor = U.clone();
    for (let i = 0; i < U.rows; i++) for (let j = 0; j < s.length; j++) factor.data[i * s.length + j] *= s[j];
  }
  return (Y, needGrad) => {
    const Yc = centerCols(Y);
    const L = matmulTN(factor, Yc);
    if (!needGrad) return { nuclear: nuclearNorm(L), normX, normY: frobenius(Yc), Yc, dNuclear: null }; // singular values only
    const p = Math.min(L.rows, L.cols) >= NEWTON_SCHULZ_FROM ? polarNewtonSchulz(L) : polar(L);
    return { nuclear: p.nuclearNorm, normX, normY: frobenius(Yc), Yc, dNuclear: matmul(factor, p.factor) };
  };
}

/** NBS value and gradient from the parts (0 with a zero gradient when X̄ or Ȳ vanishes). Usage: nbsFromParts(prepareBures(X)(Y, true), true). */
export function nbsFromParts(b: BuresParts, needGrad: boolean): ValueGrad {
  const { nuclear, normX, normY, Yc, dNuclear } = b;
  if (!(normX > 0 && normY > 0)) return { value: 0, gradY: new Matrix(Yc.rows, Yc.cols) };
  const value = nuclear / (normX * normY);
  if (!needGrad || !dNuclear) return { value, gradY: Yc };
  return { value, gradY: axpby(1 / (normX * normY), dNuclear, -value / (normY * normY), Yc) };
}

/** √(‖X̄‖² + ‖Ȳ‖² − 2‖X̄ᵀȲ‖_*) (squared when `squared`), gradient (Ȳ − X̄P)/d (resp. 2(Ȳ − X̄P)). Usage: procrustesDistanceFromParts(prepareBures(X)(Y, true), true, false). */
export function procrustesDistanceFromParts(b: BuresParts, needGrad: boolean, squared: boolean): ValueGrad {
  const { nuclear, normX, normY, Yc, dNuclear } = b;
  const d2 = Math.max(0, normX * normX + normY * normY - 2 * nuclear);
  const value = squared ? d2 : Math.sqrt(d2);
  if (!needGrad || !dNuclear) return { value, gradY: Yc };
  const factor = squared ? 2 : value > 0 ? 1 / value : 0;
  return { value, gradY: scale(axpby(1, Yc, -1, dNuclear), factor) };
}

function prepared(X: Matrix, f: (b: BuresParts, needGrad: boolean) => ValueGrad): PreparedMeasure {
  const parts = prepareBures(X);
  return {
    value: (Y) => f(parts(Y, false), false).value,
    valueAndGrad: (Y) => f(parts(Y, true), true),
  };
}

const ORTHOGONAL_NO_SCALE: Invariances = { ...INVARIANCE.orthogonal, isotropicScale: false };

const nbs: MeasureDefinition = {
  id: "nbs",
  family: "procrustes",
  formula: "‖X̄ᵀȲ‖_* / (‖X̄‖_F ‖Ȳ‖_F)",
  ...ORTHOGONAL_SIMILARITY,
  aliases: ["nbs-score", "procrustes-score", "kernel=linear-similarity=(centered-bures)-score"],
  notes:
    "Normalized Bures similarity = cosine of the angular Procrustes distance = tr[(K_X^½ K_Y K_X^½)^½]/√(tr K_X tr K_Y). " +
    "In similarity-repository naming `procrustes-score` is this cosine, not the paper's angular score. Dimensions may differ " +
    "(no padding needed). Computed from the eigendecomposition of the smaller Gram matrix of X̄ᵀȲ; singular values below " +
    "≈1e-7 of the largest are treated as zero.",
  prepare: (X) => prepared(X, nbsFromParts),
};

const procrustesEuclidean: MeasureDefinition = {
  ...nbs,
  id: "procrustes-euclidean",
  formula: "√(‖X̄‖²_F + ‖Ȳ‖²_F − 2‖X̄ᵀȲ‖_*) = min_Q∈O ‖X̄ − ȲQ‖_F",
  range: [0, Infinity],
  higherIsMoreSimilar: false,
  invariances: ORTHOGONAL_NO_SCALE,
  homogeneity: 1,
  aliases: ["procrustes-distance=euclidean", "nbs-distance=euclidean", "bures_distance"],
  notes:
    "Euclidean Procrustes (Bures) distance in the data's own units (not normalized): the convention of netrep and of every " +
    "similarity-repository backend that agrees with it. Not scale-invariant. Gradient (Ȳ − X̄P)/d, 0 at d = 0.",
  prepare: (X) => prepared(X, (b, g) => procrustesDistanceFromParts(b, g, false)),
};

const procrustesSquaredEuclidean: MeasureDefinition = {
  ...procrustesEuclidean,
  id: "procrustes-squared_euclidean",
  formula: "‖X̄‖²_F + ‖Ȳ‖²_F − 2‖X̄ᵀȲ‖_*",
  homogeneity: 2,
  aliases: ["procrustes-distance=squared_euclidean", "nbs-distance=squared_euclidean"],
  notes: "Square of procrustes-euclidean (data units²). Not scale-invariant.",
  prepare: (X) => prepared(X, (b, g) => procrustesDistanceFromParts(b, g, true)),
};

/** Registers NBS, the angular / Euclidean Procrustes distances and their paper and repository ids. */
export function registerProcrustes(): void {
  addMeasure(nbs);
  addMeasure(withTransform(nbs, TRANSFORMS.squared, "nbs-squared", { formula: "NBS²" }));
  addMeasure(
    withTransform(nbs, TRANSFORMS.angular, "procrustes-angular", {
      aliases: ["nbs-angular", "procrustes-distance=angular", "nbs-distance=angular", "orthogonal_angular_shape_metric_centered"],
      notes: "θ = arccos(NBS) = min over orthogonal Q of the angle between X̄ and ȲQ (radians; arccos argument clamped to [−1, 1]).",
    }),
  );
  addMeasure(
    withTransform(nbs, TRANSFORMS["angular-score"], "procrustes-angular-score", {
      aliases: ["nbs-angular-score", "procrustes-angular_score", "nbs-angular_score", "kernel=linear-similarity=(centered-bures)-angular_score"],
      notes:
        "The paper's angular Procrustes score 1 − (2/π)·arccos(NBS). Finite at X = Y (arccos clamped; its slope is taken as 0 " +
        "where 1 − NBS² underflows, where the score is at its maximum).",
    }),
  );
  addMeasure(
    withTransform(nbs, TRANSFORMS.euclidean, "procrustes-chordal", {
      formula: "√(2 − 2·NBS) = min_Q ‖X̄/‖X̄‖ − ȲQ/‖Ȳ‖‖_F",
      aliases: ["orthogonal_procrustes_centered_and_normalized"],
      notes: "Euclidean Procrustes distance between the unit-Frobenius-norm centered matrices (ReSi's orthogonal_procrustes_centered_and_normalized).",
    }),
  );
  addMeasure(procrustesEuclidean);
  addMeasure(procrustesSquaredEuclidean);
}
