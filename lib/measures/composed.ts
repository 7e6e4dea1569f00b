import { InputError } from "../errors";
import { Matrix, axpby, centerCols, dot, frobenius, gramCols, gramRows, matmul, matmulTN, scale, trace } from "../tensor/matrix";
import { eigh, symmetricFunction } from "../tensor/linalg/eigh";
import { symmetricFunctionBackward } from "../tensor/linalg/matrix_function";
import { doubleCenter, zeroDiagonal } from "../tensor/pairwise";
import { addPattern } from "./registry";
import { RDMS, buresFidelity, sqrtPsd } from "./rsa";
import { TRANSFORMS, transformPrepared } from "./transforms";
import { Invariances, MeasureDefinition, PreparedMeasure } from "./types";

/**
 * The compositional ids of diffscore's similarity_measures.py (used by its joint_optim.py):
 *
 *   kernel={K}-similarity={S}-{score|angular_score}     rdm={R}-similarity={S}-{score|angular_score}
 *
 *   K = linear | (steps-linear), steps ⊂ {centered, whitened} applied to X left to right, K = X′X′ᵀ
 *       centered: subtract column means;  whitened: X·Z, Z = c·(XᵀX)^(−½) with eigenvalues floored at
 *       1e-7 and c = √(Σλ/p) so the total variance is kept (netrep's whiten with α = 0)
 *   R = squared_euclidean (of X) | correlation (1 − row correlations) | (steps-linear): the
 *       squared-distance matrix D = diag(K)1ᵀ + 1diag(K)ᵀ − 2K of that kernel
 *   S = base or (steps-base), steps ⊂ {centered, zero_diagonal} applied to the n×n matrices left to right
 *       (centered = subtract row then column means), base ∈
 *       cosine                        ⟨A, B⟩_F/(‖A‖‖B‖)
 *       bures                         tr((A^½ B A^½)^½)/√(tr A · tr B)   (eigenvalues clamped at 0)
 *       upper_triangular_correlation  cosine of zero_diag(A − n/(n−1)·mean(A)): the Pearson correlation
 *                                     of the off-diagonal entries (also named triu_centered-zero_diagonal-cosine)
 *   angular_score = 1 − (2/π)·arccos(score).
 *
 * Known identities: kernel=linear-similarity=(centered-cosine) = CKA; (centered-zero_diagonal-cosine) =
 * Lange CKA; (centered-bures) = NBS; kernel=(centered-whitened-linear)-similarity=bures = mean canonical
 * correlation, …=cosine = mean squared canonical correlation. Ids whose Bures input has zero trace by
 * construction (zero_diagonal right before bures, or an RDM without centering) are rejected.
 * Gradients pass back through every step (Daleckii–Krein for the whitening and the matrix square root).
 *
 *   score("kernel=(centered-linear)-similarity=(centered-zero_diagonal-cosine)-angular_score", X, Y)
 */

/** A step on the data matrix with its backward pass. */
type DataStep = (X: Matrix) => { out: Matrix; back: (G: Matrix) => Matrix };

const centerStep: DataStep = (X) => ({ out: centerCols(X), back: (G) => centerCols(G) });

/**
 * Whitening X → X·c·F(XᵀX), F(λ) = max(λ, 1e-7)^(−½), c = √(Σ max(λ, 1e-7)/p). Backward: with
 * W = Xᵀ·G, ∂/∂C = c·DK_F(W) + ⟨W, F⟩/(2cp)·1[λ > 1e-7] (C = XᵀX), and ∂/∂X = G·Z + 2X·∂/∂C.
 */
const WHITEN_FLOOR = 1e-7;
const whitenStep: DataStep = (X) => {
  const eig = eigh(gramCols(X));
  const p = X.cols;
  let total = 0;
  for (const l of eig.values) total += Math.max(l, WHITEN_FLOOR);
  const c = Math.sqrt(total / p);
  const f = (l: number) => 1 / Math.sqrt(Math.max(l, WHITEN_FLOOR));
  const df = (l: number) => (l > WHITEN_FLOOR ? -0.5 / (l * Math.sqrt(l)) : 0);
  const F = symmetricFunction(eig, f);
  const Z = scale(F, c);
  return {
    out: matmul(X, Z),
    back(G) {
      const W = matmulTN(X, G);
      const dC = axpby(c, symmetricFunctionBackward(eig, f, df, W), dot(W, F) / (2 * c * p), symmetricFunction(eig, (l) => (l > WHITEN_FLOOR ? 1 : 0)));
      return axpby(1, matmul(G, Z), 2, matmul(X, dC));
    },
  };
};

/** An n×n embedding of the samples (kernel or RDM) and its backward pass. */
interface Embedding {
  compute(X: Matrix): { E: Matrix; back: (G: Matrix) => Matrix };
  /** E(X + 1cᵀ) = E(X). */
  translationInvariant: boolean;
  /** E(XA) = E(X) up to a scalar for invertible A. */
  linearInvariant: boolean;
  orthogonalInvariant: boolean;
  /** Positive semi-definite (a kernel), so the Bures similarity of its centered versions is in [0, 1]. */
  psd: boolean;
}

function linearKernelEmbedding(steps: string[]): Embedding {
  const fns = steps.map((s) => (s === "centered" ? centerStep : whitenStep));
  return {
    compute(X) {
      const backs: ((G: Matrix) => Matrix)[] = [];
      let T = X;
      for (const f of fns) {
        const r = f(T);
        backs.push(r.back);
        T = r.out;
      }
      const Xt = T;
      return {
        E: gramRows(Xt),
        back(G) {
          let g = scale(matmul(G, Xt), 2);
          for (let k = backs.length - 1; k >= 0; k--) g = backs[k](g);
          return g;
        },
      };
    },
    translationInvariant: steps[0] === "centered",
    linearInvariant: steps.includes("whitened"),
    orthogonalInvariant: true,
    psd: true,
  };
}

/** D = diag(K)1ᵀ + 1diag(K)ᵀ − 2K of a kernel embedding; ∂/∂K = diag(2·G1) − 2G. */
function kernelToRdm(kernel: Embedding, translationInvariant: boolean): Embedding {
  return {
    compute(X) {
      const { E: K, back } = kernel.compute(X);
      const n = K.rows;
      const D = scale(K, -2);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) D.data[i * n + j] += K.data[i * n + i] + K.data[j * n + j];
      return {
        E: D,
        back(G) {
          const GK = scale(G, -2);
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += G.data[i * n + j];
            GK.data[i * n + i] += 2 * s;
          }
          return back(GK);
        },
      };
    },
    translationInvariant,
    linearInvariant: kernel.linearInvariant,
    orthogonalInvariant: true,
    psd: false,
  };
}

const correlationRdmEmbedding: Embedding = {
  compute(X) {
    const D = RDMS.correlation.compute(X);
    return { E: D, back: (G) => RDMS.correlation.backward(X, D, G) };
  },
  translationInvariant: false,
  linearInvariant: false,
  orthogonalInvariant: false,
  psd: false,
};

/** A base similarity of two symmetric matrices, prepared for A: value and ∂/∂B. */
type BaseSimilarity = (A: Matrix) => (B: Matrix, needGrad: boolean) => { value: number; gB: Matrix | null };

const cosineBase: BaseSimilarity = (A) => {
  const na = frobenius(A);
  return (B, needGrad) => {
    const nb = frobenius(B);
    const ok = na > 0 && nb > 0;
    const value = ok ? dot(A, B) / (na * nb) : 0;
    if (!needGrad) return { value, gB: null };
    return { value, gB: ok ? axpby(1 / (na * nb), A, -value / (nb * nb), B) : new Matrix(B.rows, B.cols) };
  };
};

/** E ↦ E − n/(n−1)·mean(E)·11ᵀ (self-adjoint). */
function subtractScaledMean(E: Matrix): Matrix {
  const n = E.rows;
  let mean = 0;
  for (const v of E.data) mean += v / (n * n);
  const out = E.clone();
  for (let i = 0; i < out.data.length; i++) out.data[i] -= (n / (n - 1)) * mean;
  return out;
}

/** Cosine of zero_diag(E − n/(n−1)·mean(E)·11ᵀ); the adjoint applies the two self-adjoint maps in reverse order. */
const utcBase: BaseSimilarity = (A) => {
  const cos = cosineBase(zeroDiagonal(subtractScaledMean(A)));
  return (B, needGrad) => {
    const r = cos(zeroDiagonal(subtractScaledMean(B)), needGrad);
    return { value: r.value, gB: r.gB ? subtractScaledMean(zeroDiagonal(r.gB)) : null };
  };
};

const buresBase: BaseSimilarity = (A) => {
  const sqrtA = sqrtPsd(A);
  const trA = trace(A);
  return (B, needGrad) => {
    const trB = trace(B);
    if (!(trA * trB > 0)) throw new InputError("Y", "matrices with traces of the same sign for the Bures similarity", `got tr A = ${trA}, tr B = ${trB}`);
    const denom = Math.sqrt(trA * trB);
    const { fidelity, grad } = buresFidelity(sqrtA, B, needGrad);
    const value = fidelity / denom;
    if (!needGrad) return { value, gB: null };
    return { value, gB: axpby(1 / denom, grad as Matrix, -value / (2 * trB), Matrix.identity(B.rows)) };
  };
};

const BASES: Record<string, BaseSimilarity> = { cosine: cosineBase, bures: buresBase, upper_triangular_correlation: utcBase };

/** The similarity steps: centered = double centering, zero_diagonal; both self-adjoint. */
const MATRIX_STEPS: Record<string, (E: Matrix) => Matrix> = { centered: doubleCenter, zero_diagonal: zeroDiagonal };

function applySteps(E: Matrix, steps: string[]): Matrix {
  return steps.reduce((M, s) => MATRIX_STEPS[s](M), E);
}

function parseSteps(spec: string, allowed: string[], last: string[], what: string, id: string): { steps: string[]; base: string } {
  const parts = spec.replace(/^\((.*)\)$/, "$1").split("-");
  const base = parts[parts.length - 1];
  const steps = parts.slice(0, -1);
  const ok = last.includes(base) && steps.every((s) => allowed.includes(s)) && new Set(steps).size === steps.length && (steps.length > 0) === spec.startsWith("(");
  if (!ok) throw new InputError("measure", `a ${what} of the form ${last.join("|")} or (${allowed.join("|")}-…-${last[0]}), each step at most once`, `got "${spec}" in "${id}"`);
  return { steps, base };
}

/**
 * The definition of a compositional id.
 *
 *   composedDefinition("kernel=(centered-linear)-similarity=bures-score")  // = NBS
 */
export function composedDefinition(id: string): MeasureDefinition {
  const m = id.match(COMPOSED);
  if (!m) throw new InputError("measure", "kernel={K}-similarity={S}-{score|angular_score} or rdm={R}-similarity={S}-…", `got "${id}"`);
  const [, kind, embSpec, simSpec, output] = m;
  let embedding: Embedding;
  if (kind === "rdm" && embSpec === "correlation") embedding = correlationRdmEmbedding;
  else if (kind === "rdm" && embSpec === "squared_euclidean") embedding = kernelToRdm(linearKernelEmbedding([]), true);
  else {
    const { steps } = parseSteps(embSpec, ["centered", "whitened"], ["linear"], kind === "rdm" ? "RDM (correlation, squared_euclidean or a kernel)" : "kernel", id);
    if (kind === "rdm" && steps.length === 0) throw new InputError("measure", "rdm=squared_euclidean rather than rdm=linear", `got "${id}"`);
    const kernel = linearKernelEmbedding(steps);
    embedding = kind === "rdm" ? kernelToRdm(kernel, !steps.includes("whitened") || steps[0] === "centered") : kernel;
  }
  const { steps: simSteps, base } =
    simSpec === "(triu_centered-zero_diagonal-cosine)"
      ? { steps: [], base: "upper_triangular_correlation" }
      : parseSteps(simSpec, ["centered", "zero_diagonal"], Object.keys(BASES), "similarity", id);
  if (base === "bures" && (simSteps[simSteps.length - 1] === "zero_diagonal" || (kind === "rdm" && simSteps.length === 0)))
    throw new InputError("measure", "a Bures similarity of matrices with non-zero trace", `"${id}" feeds a zero-diagonal matrix to bures`);

  const noWhiteningBeforeCentering = !embSpec.includes("whitened");
  const invariances: Invariances = {
    permutation: true,
    orthogonal: embedding.orthogonalInvariant,
    isotropicScale: true,
    translation: embedding.translationInvariant || (kind === "kernel" && noWhiteningBeforeCentering && simSteps[0] === "centered"),
    invertibleLinear: embedding.linearInvariant,
  };
  const bounded = base !== "bures" || (embedding.psd && !simSteps.includes("zero_diagonal"));
  const baseRange: [number, number] = base === "bures" ? (bounded ? [0, 1] : [0, Infinity]) : [-1, 1];
  const t = TRANSFORMS[output === "score" ? "score" : "angular-score"];
  const formula = `${base}(${simSteps.length ? simSteps.join("∘") + " of " : ""}${kind === "rdm" ? "RDM" : "kernel"} ${embSpec})`;
  return {
    id,
    family: "composed",
    formula: output === "score" ? formula : `angular-score(${formula})`,
    range: t.range(baseRange),
    higherIsMoreSimilar: true,
    symmetric: true,
    invariances,
    differentiable: true,
    stochastic: false,
    aliases: [],
    minSamples: 3,
    notes:
      "diffscore's compositional registry (similarity_measures.py): embedding → similarity steps → base similarity. " +
      (base === "bures" && !bounded ? "The Bures input is not positive semi-definite here, so values can exceed 1. " : "") +
      (embSpec.includes("whitened") ? "Whitening floors the eigenvalues of XᵀX at 1e-7, so with fewer samples than features the result is numerically fragile. " : ""),
    prepare(X) {
      const baseOfX = BASES[base](applySteps(embedding.compute(X).E, simSteps));
      function run(Y: Matrix, needGrad: boolean) {
        const { E, back } = embedding.compute(Y);
        const r = baseOfX(applySteps(E, simSteps), needGrad);
        if (!needGrad) return { value: r.value, gradY: Y };
        const gE = [...simSteps].reverse().reduce((G, s) => MATRIX_STEPS[s](G), r.gB as Matrix);
        return { value: r.value, gradY: back(gE) };
      }
      const prepared: PreparedMeasure = { value: (Y) => run(Y, false).value, valueAndGrad: (Y) => run(Y, true) };
      return transformPrepared(prepared, t);
    },
  };
}

const SPEC = "(\\([a-z_-]+\\)|[a-z_]+)";
const COMPOSED = new RegExp(`^(kernel|rdm)=${SPEC}-similarity=${SPEC}-(score|angular_score)$`);

/** Other names of compositional measures; resolved only when no family registers them itself. */
const NAMED: Record<string, string> = {
  "nbs-angular_score": "kernel=linear-similarity=(centered-bures)-angular_score",
  "procrustes-angular_score": "kernel=linear-similarity=(centered-bures)-angular_score",
};

/** Registers the compositional pattern (and fallbacks for the other names it defines). */
export function registerComposed(): void {
  addPattern({
    template: "{kernel={linear|(centered|whitened-…-linear)}|rdm={squared_euclidean|correlation|(…-linear)}}-similarity={[(centered|zero_diagonal-…-]cosine|bures|upper_triangular_correlation[)]}-{score|angular_score}",
    pattern: COMPOSED,
    build: (id) => composedDefinition(id),
    examples: [
      "kernel=(centered-linear)-similarity=(centered-zero_diagonal-cosine)-angular_score",
      "kernel=(centered-whitened-linear)-similarity=bures-score",
      "kernel=linear-similarity=upper_triangular_correlation-score",
      "rdm=correlation-similarity=(zero_diagonal-centered-cosine)-score",
      "rdm=(whitened-linear)-similarity=(centered-upper_triangular_correlation)-score",
    ],
  });
  addPattern({
    template: Object.keys(NAMED).join(" | "),
    pattern: new RegExp(`^(${Object.keys(NAMED).join("|")})$`),
    build: (id) => ({ ...composedDefinition(NAMED[id]), id, notes: `= ${NAMED[id]} (diffscore's compositional registry).` }),
    examples: [],
  });
}
