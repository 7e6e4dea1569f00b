/**
 * Equivalences between measures that look different (paper §2.1–2.2), computed live on a pair (X, Y)
 * through two independent routes each, so a notebook can show that they agree to rounding.
 */
import { score } from "../measures/api";
import { TRANSFORMS } from "../measures/transforms";
import type { ArrayInput } from "../tensor/arrays";

/** One equivalence: the claim, the two routes and how far apart they are (a type alias, so showTable takes rows of it). */
export type Equivalence = {
  claim: string;
  left: string;
  leftValue: number;
  right: string;
  rightValue: number;
  absDifference: number;
};

/**
 * Four equivalences of the paper, each as two computations on (X, Y):
 * - angular Procrustes = 1 − (2/π)·arccos(NBS) (procrustes-angular-score, fitted rotation, vs the transform of nbs);
 * - NBS = Bures similarity of the double-centered squared-distance RDMs (nbs vs rsa-rdm=squared_euclidean-compare=bures);
 * - CKA = cosine of the double-centered squared-distance RDMs, i.e. an RSA (cka vs rsa-rdm=squared_euclidean-compare=cosine_cov);
 * - diffscore's "RSA" id rsa-correlation-corr is CKA (this library registers it as an alias of cka: same computation).
 *
 *   measureEquivalences(X, Y).every((e) => e.absDifference < 1e-10)   // true
 */
export function measureEquivalences(X: ArrayInput, Y: ArrayInput): Equivalence[] {
  const angularScore = TRANSFORMS["angular-score"].apply;
  const nbs = score("nbs", X, Y);
  const rows: Omit<Equivalence, "absDifference">[] = [
    { claim: "angular Procrustes = 1 − (2/π)·arccos(NBS)", left: "procrustes-angular-score", leftValue: score("procrustes-angular-score", X, Y), right: "1 − (2/π)·arccos(nbs)", rightValue: angularScore(nbs) },
    { claim: "NBS = Bures similarity of double-centered RDMs", left: "nbs", leftValue: nbs, right: "rsa-rdm=squared_euclidean-compare=bures", rightValue: score("rsa-rdm=squared_euclidean-compare=bures", X, Y) },
    { claim: "CKA = cosine of double-centered RDMs (an RSA)", left: "cka", leftValue: score("cka", X, Y), right: "rsa-rdm=squared_euclidean-compare=cosine_cov", rightValue: score("rsa-rdm=squared_euclidean-compare=cosine_cov", X, Y) },
    { claim: "diffscore's \"RSA\" (rsa-correlation-corr) = CKA (an alias here)", left: "cka", leftValue: score("cka", X, Y), right: "rsa-correlation-corr", rightValue: score("rsa-correlation-corr", X, Y) },
  ];
  return rows.map((r) => ({ ...r, absDifference: Math.abs(r.leftValue - r.rightValue) }));
}
