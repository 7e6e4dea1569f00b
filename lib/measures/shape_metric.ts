import { InputError } from "../errors";
import { Matrix, axpby, centerCols, dot, frobenius, matmul, matmulTN, scale } from "../tensor/matrix";
import { polar, polarBackward } from "../tensor/linalg/polar";
import { partialWhitening } from "../tensor/linalg/whitening";
import { BuresParts, nbsFromParts, prepareBures, procrustesDistanceFromParts } from "./procrustes";
import { addMeasure, addPattern } from "./registry";
import { TRANSFORMS, withTransform } from "./transforms";
import { INVARIANCE, Invariances, MeasureDefinition, PreparedMeasure, ValueGrad } from "./types";

/**
 * Generalized shape metrics (Williams et al. 2021; netrep `LinearMetric`, diffscore `RegCCA`) and CCA.
 *
 * Shape metric with regularization α ∈ [0, 1] (paper §2.2): partially whiten each centered matrix
 * (X̃ = X̄·Z_X, Ỹ = Ȳ·Z_Y, see whitening.ts; both zero-padded to K = max(p, q) for the
 * variance-preserving rescale), then compare with Procrustes:
 *
 *   score = ‖X̃ᵀỸ‖_* / (‖X̃‖‖Ỹ‖),  distance=angular = arccos(score),  distance=euclidean = √(‖X̃‖² + ‖Ỹ‖² − 2‖X̃ᵀỸ‖_*)
 *
 * α = 1 is Procrustes / NBS; α = 0 is CCA with cos = Σρ_i/√(r_X·r_Y) (netrep's and the paper's
 * `cca-angular`). The gradient passes through the Procrustes part (∂/∂Ỹ = X̃P/(‖X̃‖‖Ỹ‖) − score·Ỹ/‖Ỹ‖²)
 * and then through the whitening of Y, which depends on Y.
 *
 * Standardized CCA (`cca-*`, the majority convention of similarity-repository): the mean of the
 * min(r_X, r_Y) canonical correlations ρ_i = σ_i(Q_XᵀQ_Y), with Q = U·Vᵀ the polar factor of the
 * centered data (an orthonormal basis of its column space; r the numerical rank):
 *
 *   cca-score = Σρ_i / min(r_X, r_Y),   cca-squared_score = Σρ_i² / min(r_X, r_Y),
 *   distance=euclidean = √(‖X̄‖² + ‖Ȳ‖² − 2‖X̄‖‖Ȳ‖·score)
 *
 * with gradients through Q_Y (polarBackward).
 *
 *   score("shape_metric-alpha=0.5-distance=angular", X, Y);  scoreAndGrad("cca-angular-score", X, Y);
 */
type Output = "score" | "euclidean" | "squared_euclidean";

/** Shape-metric score or distance bound to X, with its gradient through the whitening of Y. */
export function prepareShapeMetric(X: Matrix, alpha: number, output: Output): PreparedMeasure {
  if (!(alpha >= 0 && alpha <= 1)) throw new InputError("alpha", "a number in [0, 1]", `got ${alpha}`);
  const Xc = centerCols(X);
  const byWidth = new Map<number, (Y: Matrix, needGrad: boolean) => BuresParts>();
  const buresFor = (K: number) => {
    let f = byWidth.get(K);
    if (!f) byWidth.set(K, (f = prepareBures(partialWhitening(Xc, alpha, K).W)));
    return f;
  };
  function run(Y: Matrix, needGrad: boolean): ValueGrad {
    const Yc = centerCols(Y);
    const white = partialWhitening(Yc, alpha, Math.max(Xc.cols, Yc.cols));
    const parts = buresFor(Math.max(Xc.cols, Yc.cols))(white.W, needGrad);
    const r = output === "score" ? nbsFromParts(parts, needGrad) : procrustesDistanceFromParts(parts, needGrad, output === "squared_euclidean");
    if (!needGrad) return r;
    return { value: r.value, gradY: centerCols(white.backward(r.gradY)) };
  }
  return { value: (Y) => run(Y, false).value, valueAndGrad: (Y) => run(Y, true) };
}

function shapeInvariances(alpha: number, output: Output): Invariances {
  const whitened = alpha <= 1e-7;
  const identity = alpha > 1 - 1e-7;
  if (output !== "score") return { ...INVARIANCE.orthogonal, isotropicScale: false };
  if (whitened) return INVARIANCE.linear;
  return identity ? INVARIANCE.orthogonal : { ...INVARIANCE.orthogonal, isotropicScale: false };
}

/** The definition of a shape metric with regularization α (any α ∈ [0, 1]). */
export function shapeMetricDefinition(id: string, alpha: number, output: Output): MeasureDefinition {
  return {
    id,
    family: "shape_metric",
    formula:
      output === "score"
        ? `‖X̃ᵀỸ‖_*/(‖X̃‖‖Ỹ‖), X̃ = X̄·Z_X partially whitened with α = ${alpha}`
        : `${output === "euclidean" ? "√" : ""}(‖X̃‖² + ‖Ỹ‖² − 2‖X̃ᵀỸ‖_*), partial whitening α = ${alpha}`,
    range: output === "score" ? [0, 1] : [0, Infinity],
    higherIsMoreSimilar: output === "score",
    symmetric: true,
    invariances: shapeInvariances(alpha, output),
    differentiable: true,
    stochastic: false,
    minSamples: 2,
    aliases: [],
    notes:
      "netrep LinearMetric(alpha) / diffscore RegCCA(alpha): zero padding to max(p, q), eigenvalue floor 1e-7 (absolute, so data " +
      "scaled to tiny variances hit the floor), variance-preserving rescale, centered inputs. 0 < α < 1 is not scale-invariant " +
      "(the partial whitening is not homogeneous). repsim's shape metrics (PCA reduction instead of padding, another α " +
      "convention) disagree and are not followed. Gradients are finite for rank-deficient data (floored eigenvalues carry no derivative).",
    prepare: (X) => prepareShapeMetric(X, alpha, output),
  };
}

const SHAPE_PATTERN = /^shape_metric-alpha=(\d+(?:\.\d+)?(?:e-?\d+)?)-(score|distance=angular|distance=euclidean|distance=squared_euclidean)$/;

function buildShapeMetric(id: string, m: RegExpMatchArray): MeasureDefinition {
  const alpha = Number(m[1]);
  if (!(alpha >= 0 && alpha <= 1)) throw new InputError("measure", "shape_metric-alpha={α}-… with α in [0, 1]", `got α = ${m[1]}`);
  const kind = m[2];
  if (kind === "score") return shapeMetricDefinition(id, alpha, "score");
  if (kind === "distance=angular") return withTransform(shapeMetricDefinition(id, alpha, "score"), TRANSFORMS.angular, id);
  return shapeMetricDefinition(id, alpha, kind === "distance=euclidean" ? "euclidean" : "squared_euclidean");
}

/** Mean canonical correlation (or mean squared) of X and Y and its gradient, via the polar factors of X̄ and Ȳ. */
function prepareCcaScore(X: Matrix, squared: boolean): (Y: Matrix, needGrad: boolean) => ValueGrad & { normX: number; normY: number; Yc: Matrix } {
  const Xc = centerCols(X);
  const px = polar(Xc);
  const Qx = px.factor;
  const rx = px.svd.s.length;
  const normX = frobenius(Xc);
  const nuclear = prepareBures(Qx);
  return (Y, needGrad) => {
    const Yc = centerCols(Y);
    const py = polar(Yc);
    const m = Math.min(rx, py.svd.s.length);
    const zero = { value: 0, gradY: new Matrix(Y.rows, Y.cols), normX, normY: frobenius(Yc), Yc };
    if (m === 0) return zero;
    let value: number;
    let dQy: Matrix | null = null;
    if (squared) {
      const C = matmulTN(Qx, py.factor); // Q_XᵀQ_Y, Σρ² = ‖C‖²_F
      value = dot(C, C) / m;
      if (needGrad) dQy = scale(matmul(Qx, C), 2 / m);
    } else {
      const parts = nuclear(py.factor, needGrad);
      value = parts.nuclear / m;
      if (needGrad && parts.dNuclear) dQy = scale(parts.dNuclear, 1 / m);
    }
    const gradY = dQy ? centerCols(polarBackward(py.svd, dQy)) : Yc;
    return { value, gradY, normX, normY: zero.normY, Yc };
  };
}

function preparedCca(X: Matrix, squared: boolean, output: Output): PreparedMeasure {
  const core = prepareCcaScore(X, squared);
  const run = (Y: Matrix, needGrad: boolean): ValueGrad => {
    const r = core(Y, needGrad);
    if (output === "score") return r;
    // √(a² + b² − 2ab·s): ∂/∂s = −ab/d, ∂/∂b = (b − a·s)/d (squared: −2ab and 2(b − a·s))
    const { normX: a, normY: b, value: s, Yc } = r;
    const d2 = Math.max(0, a * a + b * b - 2 * a * b * s);
    const sq = output === "squared_euclidean";
    const value = sq ? d2 : Math.sqrt(d2);
    if (!needGrad) return { value, gradY: Yc };
    const k = sq ? 2 : value > 0 ? 1 / value : 0;
    const gs = -a * b * k;
    const gb = b > 0 ? ((b - a * s) * k) / b : 0;
    return { value, gradY: axpby(gs, r.gradY, gb, Yc) };
  };
  return { value: (Y) => run(Y, false).value, valueAndGrad: (Y) => run(Y, true) };
}

function ccaDefinition(id: string, squared: boolean, output: Output, aliases: string[]): MeasureDefinition {
  return {
    id,
    family: "cca",
    formula:
      output === "score"
        ? `${squared ? "Σρ_i²" : "Σρ_i"} / min(r_X, r_Y), ρ = canonical correlations`
        : `${output === "euclidean" ? "√" : ""}(‖X̄‖² + ‖Ȳ‖² − 2‖X̄‖‖Ȳ‖·mean ρ)`,
    range: output === "score" ? [0, 1] : [0, Infinity],
    higherIsMoreSimilar: output === "score",
    symmetric: true,
    invariances: output === "score" ? INVARIANCE.linear : { ...INVARIANCE.orthogonal, isotropicScale: false },
    differentiable: true,
    stochastic: false,
    minSamples: 2,
    aliases,
    notes:
      "similarity-repository majority convention (contrasim, svcca, sim_metric, netrep when p = q): the mean over the min(r_X, r_Y) " +
      "canonical correlations, r the numerical rank of the centered data. With p ≠ q this differs from netrep/diffscore zero padding " +
      "(Σρ/√(p·q), see shape_metric-alpha=0-score and cca-angular). The Euclidean form uses the raw centered norms. Ranks are numerical " +
      "(singular values below ≈1e-7 of the largest dropped); the value jumps where a rank changes.",
    prepare: (X) => preparedCca(X, squared, output),
  };
}

/** Registers the shape-metric pattern, the paper's cca-angular ids and the standardized cca-* ids. */
export function registerShapeMetric(): void {
  addPattern({
    template: "shape_metric-alpha={α}-{score|distance=angular|distance=euclidean|distance=squared_euclidean}, α ∈ [0, 1]",
    pattern: SHAPE_PATTERN,
    build: buildShapeMetric,
    examples: ["shape_metric-alpha=0.5-score", "shape_metric-alpha=0.5-distance=angular", "shape_metric-alpha=0.5-distance=euclidean", "shape_metric-alpha=0-score"],
  });
  const regCca = shapeMetricDefinition("cca-regcca-score", 0, "score");
  addMeasure(
    withTransform(regCca, TRANSFORMS.angular, "cca-angular", {
      family: "cca",
      notes: "diffscore's cca-angular = arccos of RegCCA(α = 0) = shape_metric-alpha=0-distance=angular (zero padding: Σρ/√(p·q) when p ≠ q). " + regCca.notes,
    }),
  );
  addMeasure(
    withTransform(regCca, TRANSFORMS["angular-score"], "cca-angular-score", {
      family: "cca",
      aliases: ["cca-angular_score"],
      notes: "diffscore's cca-angular-score = 1 − (2/π)·cca-angular. " + regCca.notes,
    }),
  );
  const cca = ccaDefinition("cca-score", false, "score", []);
  addMeasure(cca);
  addMeasure(withTransform(cca, TRANSFORMS.angular, "cca-distance=angular"));
  addMeasure(ccaDefinition("cca-distance=euclidean", false, "euclidean", []));
  addMeasure(ccaDefinition("cca-distance=squared_euclidean", false, "squared_euclidean", []));
  addMeasure(ccaDefinition("cca-squared_score", true, "score", []));
}
