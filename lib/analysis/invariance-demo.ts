/**
 * Invariances shown live: a measure's score of (X, Y) next to its scores of (X, T(Y)) for the five
 * transforms the catalogue declares (permutation, orthogonal, isotropic scale, translation, invertible
 * linear), and whether each observed invariance matches the declaration of listMeasures().
 */
import { InputError } from "../errors";
import { getMeasure } from "../measures/registry";
import { score } from "../measures/api";
import type { Invariances } from "../measures/types";
import { Rng } from "../random";
import { eigh } from "../tensor/linalg/eigh";
import { Matrix, axpby, matmul, transpose } from "../tensor/matrix";

/** The transforms of Y, in the order of the columns of invarianceDemo's rows. */
export const INVARIANCE_TRANSFORMS: { key: keyof Invariances; label: string }[] = [
  { key: "permutation", label: "permute neurons" },
  { key: "orthogonal", label: "rotate (orthogonal)" },
  { key: "isotropicScale", label: "scale ×3.7" },
  { key: "translation", label: "translate" },
  { key: "invertibleLinear", label: "invertible linear map" },
];

/** One measure's scores before and after each transform. */
export interface InvarianceRow {
  measure: string;
  original: number;
  /** Score after each transform, by Invariances key. */
  transformed: Record<keyof Invariances, number>;
  /** |transformed − original| ≤ 1e-8·max(1, |original|), by key. */
  observed: Record<keyof Invariances, boolean>;
  /** The declared invariances (listMeasures) that the observation contradicts (should be empty). */
  mismatches: (keyof Invariances)[];
}

/** The five transformed copies of Y (seeded): Y P, Y Q, 3.7·Y, Y + 1bᵀ, Y A with A = G + 3I. */
function transformsOf(Y: Matrix, rng: Rng): Record<keyof Invariances, Matrix> {
  const q = Y.cols;
  const perm = rng.permutation(q);
  const P = new Matrix(q, q);
  perm.forEach((j, i) => (P.data[i * q + j] = 1));
  const G = rng.normalMatrix(q, q);
  const Q = eigh(axpby(0.5, G, 0.5, transpose(G))).vectors;
  const shift = rng.normalMatrix(1, q, 5);
  const translated = Y.clone();
  for (let i = 0; i < Y.rows; i++) for (let j = 0; j < q; j++) translated.data[i * q + j] += shift.data[j];
  const A = rng.normalMatrix(q, q);
  for (let j = 0; j < q; j++) A.data[j * q + j] += 3;
  return { permutation: matmul(Y, P), orthogonal: matmul(Y, Q), isotropicScale: axpby(3.7, Y, 0, Y), translation: translated, invertibleLinear: matmul(Y, A) };
}

/**
 * Scores of every measure id on (X, Y) and on (X, T(Y)) for each transform, with the observed
 * invariances and any contradiction of the declared ones. X, Y: sample × feature matrices.
 *
 *   const rows = invarianceDemo(["cka", "cca-angular-score"], X, Y, { seed: 1 });
 *   rows[0].observed.invertibleLinear   // false: CKA is not invariant to invertible linear maps
 */
export function invarianceDemo(ids: string[], X: Matrix, Y: Matrix, options: { seed?: number } = {}): InvarianceRow[] {
  if (!Array.isArray(ids) || ids.length === 0) throw new InputError("ids", "a non-empty list of measure ids", `got ${JSON.stringify(ids)}`);
  const copies = transformsOf(Y, new Rng(options.seed ?? 0));
  return ids.map((id) => {
    const declared = getMeasure(id).invariances;
    const original = score(id, X, Y);
    const transformed = {} as Record<keyof Invariances, number>;
    const observed = {} as Record<keyof Invariances, boolean>;
    for (const { key } of INVARIANCE_TRANSFORMS) {
      transformed[key] = score(id, X, copies[key]);
      observed[key] = Math.abs(transformed[key] - original) <= 1e-8 * Math.max(1, Math.abs(original));
    }
    const mismatches = INVARIANCE_TRANSFORMS.map((t) => t.key).filter((k) => declared[k] && !observed[k]);
    return { measure: id, original, transformed, observed, mismatches };
  });
}
