/**
 * Cosine similarity of two flat arrays and its gradient in the second one:
 *
 *   cos = ⟨a, b⟩/(‖a‖‖b‖),   ∂cos/∂b = a/(‖a‖‖b‖) − cos·b/‖b‖²
 *
 * 0 with a zero gradient when a norm vanishes (never NaN); the value is clamped to [−1, 1] (rounding can
 * put ⟨a, b⟩/(‖a‖‖b‖) at 1 + 2⁻⁵² for parallel vectors). Matrices pass their `data`.
 *
 *   cosineWithGrad(Float64Array.of(1, 0), Float64Array.of(1, 1)).value; // 0.7071…
 */
export function cosineWithGrad(a: Float64Array, b: Float64Array): { value: number; grad: Float64Array } {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < a.length; k++) {
    ab += a[k] * b[k];
    aa += a[k] * a[k];
    bb += b[k] * b[k];
  }
  const grad = new Float64Array(b.length);
  if (!(aa > 0 && bb > 0)) return { value: 0, grad };
  const na = Math.sqrt(aa);
  const nb = Math.sqrt(bb);
  const value = Math.min(1, Math.max(-1, ab / (na * nb)));
  for (let k = 0; k < b.length; k++) grad[k] = a[k] / (na * nb) - (value * b[k]) / bb;
  return { value, grad };
}
