import { Matrix, centerCols, matmul, matmulTN } from "../tensor/matrix";
import { polar } from "../tensor/linalg/polar";
import { addMeasure } from "./registry";
import { INVARIANCE, MeasureDefinition } from "./types";

/**
 * Aligned cosine similarity (ReSi / llm_repsim `aligned_cossim`): rotate X onto Y with the orthogonal
 * Procrustes map, then average the cosine between each aligned sample and its counterpart:
 *
 *   P = U·Vᵀ with XᵀY = U·S·Vᵀ (the zero-padded Procrustes rotation restricted to X's columns)
 *   value = (1/n) Σ_i ⟨x_i P, y_i⟩ / (‖x_i‖ ‖y_i‖)
 *
 * The aligned row keeps its norm (the padded rotation is orthogonal), hence ‖x_i‖ in the denominator.
 * `center` subtracts the column means first (llm_repsim registers it with centered columns). Rows of
 * zero norm contribute 0. Value only.
 *
 *   alignedCosine(X, Y, false); // ReSi's aligned_cosine_similarity
 */
export function alignedCosine(X: Matrix, Y: Matrix, center: boolean): number {
  const A = center ? centerCols(X) : X;
  const B = center ? centerCols(Y) : Y;
  const aligned = matmul(A, polar(matmulTN(A, B)).factor); // n×q
  const { rows: n, cols: q } = B;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let j = 0; j < q; j++) {
      ab += aligned.data[i * q + j] * B.data[i * q + j];
      bb += B.data[i * q + j] ** 2;
    }
    for (let j = 0; j < A.cols; j++) aa += A.data[i * A.cols + j] ** 2;
    if (aa > 0 && bb > 0) total += ab / Math.sqrt(aa * bb);
  }
  return total / n;
}

function definition(id: string, center: boolean, notes: string): MeasureDefinition {
  return {
    id,
    family: "procrustes",
    formula: `mean_i cos(x_i P, y_i), P = polar factor of ${center ? "X̄ᵀȲ (centered)" : "XᵀY (raw)"}`,
    range: [-1, 1],
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances: { ...INVARIANCE.orthogonal, translation: center },
    differentiable: false,
    stochastic: false,
    minSamples: 2,
    aliases: [],
    notes,
    prepare: (X) => ({ value: (Y) => alignedCosine(X, Y, center) }),
  };
}

/** Registers aligned_cosine_similarity (raw, ReSi) and aligned_cossim (centered, llm_repsim). */
export function registerAlignedCosine(): void {
  addMeasure(
    definition(
      "aligned_cosine_similarity",
      false,
      "ReSi's AlignedCosineSimilarity: orthogonal Procrustes alignment of the raw (uncentered) arrays, zero-padded to the same width, then the mean cosine of matching rows. Not translation-invariant. Value only.",
    ),
  );
  addMeasure(
    definition(
      "aligned_cossim",
      true,
      "llm_repsim's aligned_cossim, registered with centered columns: the same as aligned_cosine_similarity after subtracting the column means. Value only.",
    ),
  );
}
