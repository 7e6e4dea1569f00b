import { Matrix, centerCols, colMeans, gramCols, matmul, matmulNT, matmulTN, scaleInPlace, sumSquares } from "../tensor/matrix";
import { RidgeSolver } from "./regression_solver";
import { pooledR2 } from "./regression_scores";
import type { Direction, RegressionSpec } from "./regression_measure";
import type { Split } from "./splits";

/**
 * The paper's "linreg" (in-sample least squares, pooled R², X predicted from Y, both centered) in
 * as few passes over the data as possible: the general regression code (regression_fit.ts) gives
 * the same numbers but builds blocks, scorer gradients and scattered sinks that each cost a pass
 * over n×q values, which dominate the step once the products run on native BLAS.
 *
 *   Ȳ = Y − 1ȳᵀ,  X̄ = X − 1x̄ᵀ (cached),  s = ‖X̄‖²_F (cached)
 *   B = (ȲᵀȲ)⁺ ȲᵀX̄,   E = X̄ − ȲB,   R² = 1 − ‖E‖²_F / s
 *   ∂R²/∂Y = −(2/s)·(∂/∂Ȳ ‖E‖²) = (2/s)·E·Bᵀ
 *
 * B is a least-squares fit, so R² is stationary in B and no derivative flows through the solve; E·Bᵀ
 * already has zero column sums (so does E), so the centering adds nothing to it. ȲᵀȲ is factored by
 * RidgeSolver (Cholesky, or the minimum-norm pseudo-inverse when Y is rank deficient), exactly as in
 * the general path. Returns null for other specs; the prepared function returns null for Y with more
 * columns than rows (the general path then uses its dual form).
 *
 *   const fast = prepareInSampleLeastSquares(spec, "X from Y", splits, X);
 *   fast?.(Y, true); // { value, gradY } or null
 */
export function prepareInSampleLeastSquares(
  spec: RegressionSpec,
  direction: Direction,
  splits: Split[] | null,
  X: Matrix,
): ((Y: Matrix, wantGrad: boolean) => { value: number; gradY: Matrix | null } | null) | null {
  const applies =
    direction === "X from Y" && spec.lambda === 0 && spec.center && spec.scorer === pooledR2 && spec.aggregate === "mean" && !spec.perSplit && splits?.length === 1 && splits[0].test === null;
  if (!applies) return null;
  const Xc = centerCols(X);
  const s = sumSquares(Xc);
  // n×q and n×p scratch reused across steps (never returned): fresh large arrays cost page faults
  let Yc = new Matrix(0, 0);
  let E = new Matrix(0, 0);
  return (Y, wantGrad) => {
    if (Y.cols > Y.rows) return null;
    if (!(s > 0)) return { value: 0, gradY: wantGrad ? new Matrix(Y.rows, Y.cols) : null };
    if (Yc.rows !== Y.rows || Yc.cols !== Y.cols) [Yc, E] = [new Matrix(Y.rows, Y.cols), new Matrix(Y.rows, Xc.cols)];
    centerCols(Y, colMeans(Y), Yc);
    const B = RidgeSolver.factor(gramCols(Yc), 0).solve(matmulTN(Yc, Xc));
    matmul(Yc, B, E);
    const e = E.data;
    const x = Xc.data;
    let sse = 0;
    for (let i = 0; i < e.length; i++) {
      const d = x[i] - e[i];
      e[i] = d;
      sse += d * d;
    }
    const value = 1 - sse / s;
    return { value, gradY: wantGrad ? matmulNT(E, scaleInPlace(B, 2 / s)) : null };
  };
}
