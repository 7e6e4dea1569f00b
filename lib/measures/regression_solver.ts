import { Matrix, matmul, matmulNT, matmulTN, scaleRows, sliceCols, takeRows, transpose } from "../tensor/matrix";
import { cholesky, choleskySolve } from "../tensor/linalg/cholesky";
import { eigh } from "../tensor/linalg/eigh";

/**
 * The normal-equation solver of ridge regression: applies K = (G + λI)⁺ for a Gram matrix G = RᵀR
 * of regressors R (q×q, symmetric positive semi-definite), so that the fitted map is B = K·RᵀT.
 *
 * - λ > 0, or λ = 0 with a well-conditioned G: Cholesky factor of G + λI.
 * - otherwise (λ = 0 with zero-padded, constant or duplicated columns, or fewer rows than columns):
 *   eigendecomposition G = V·diag(μ)·Vᵀ and the pseudo-inverse over the eigenvalues above
 *   q·4ε·μ_max. B is then the minimum-norm least-squares solution (what numpy/torch `lstsq`
 *   return), and `projectNull` exposes the projector N = I − K·G onto the discarded directions,
 *   which the gradient of a pseudo-inverse needs.
 *
 *   const K = RidgeSolver.factor(gramCols(R), 100);
 *   const B = K.solve(matmulTN(R, T)); // (RᵀR + 100·I)⁻¹ RᵀT
 */
export class RidgeSolver {
  private constructor(
    private readonly chol: Matrix | null,
    /** Kept eigenvectors as rows (r×q) with their inverse shifted eigenvalues (pseudo-inverse path). */
    private readonly keptT: Matrix | null,
    private readonly invValues: Float64Array | null,
    /** Discarded eigenvectors as columns (q×(q−r)), or null when nothing was discarded. */
    private readonly nullBasis: Matrix | null,
  ) {}

  /** Smallest accepted Cholesky pivot², relative to the largest diagonal entry, before switching to the pseudo-inverse. */
  static readonly PIVOT_TOLERANCE = 1e-12;

  static factor(G: Matrix, lambda: number): RidgeSolver {
    const q = G.rows;
    const A = G.clone();
    let maxDiag = 0;
    for (let i = 0; i < q; i++) {
      A.data[i * q + i] += lambda;
      maxDiag = Math.max(maxDiag, A.data[i * q + i]);
    }
    if (maxDiag > 0) {
      try {
        const L = cholesky(A);
        let minPivot = Infinity;
        for (let i = 0; i < q; i++) minPivot = Math.min(minPivot, L.data[i * q + i] ** 2);
        if (minPivot > RidgeSolver.PIVOT_TOLERANCE * maxDiag) return new RidgeSolver(L, null, null, null);
      } catch {
        // not numerically positive definite: fall through to the pseudo-inverse
      }
    }
    const { values, vectors } = eigh(G);
    const shifted = Array.from(values, (v) => v + lambda);
    const top = Math.max(0, ...shifted);
    const cut = q * 4 * Number.EPSILON * top;
    let first = 0; // eigenvalues ascend: keep [first, q)
    while (first < q && !(shifted[first] > cut)) first++;
    const keptT = takeRows(transpose(vectors), Array.from({ length: q - first }, (_, k) => first + k));
    const invValues = Float64Array.from(shifted.slice(first), (v) => 1 / v);
    return new RidgeSolver(null, keptT, invValues, first > 0 ? sliceCols(vectors, first) : null);
  }

  /** True when some directions were discarded (the pseudo-inverse is not an inverse). */
  get rankDeficient(): boolean {
    return this.nullBasis !== null;
  }

  /** K·M for a q×m matrix M. */
  solve(M: Matrix): Matrix {
    if (this.chol) return choleskySolve(this.chol, M);
    const keptT = this.keptT as Matrix;
    const inv = this.invValues as Float64Array;
    return matmulTN(keptT, scaleRows(matmul(keptT, M), inv));
  }

  /** M·N for an m×q matrix M, N the projector onto the discarded directions; null when none were discarded. */
  projectNull(M: Matrix): Matrix | null {
    if (!this.nullBasis) return null;
    return matmulNT(matmul(M, this.nullBasis), this.nullBasis);
  }
}
