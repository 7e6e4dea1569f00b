/**
 * A smooth objective for `minimizeLbfgs`: returns f(x) and writes ∇f(x) into `grad` (same length as x).
 */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

/** Settings of `minimizeLbfgs`. */
export interface LbfgsOptions {
  /** Number of stored (s, y) correction pairs. Default 10. */
  memory?: number;
  /** Iteration cap. Default 1000. */
  maxIterations?: number;
  /** Stop when size(∇f) ≤ gradientTolerance · max(1, gradientScale). Default 1e-10. */
  gradientTolerance?: number;
  /** The gradient size the tolerance is relative to. Default size(∇f(x₀)) (pass one that does not depend on x₀ for warm starts). */
  gradientScale?: number;
  /** The size of a gradient in the stopping rule (e.g. measured in other coordinates). Default ‖·‖∞. */
  gradientSize?: (g: Float64Array) => number;
  /**
   * Length of the first step along −∇f (and after every reset of the memory). Default min(1, 1/‖∇f‖∞);
   * 1 when the variables are scaled so that the Hessian is near I (preconditioned).
   */
  firstStep?: number;
  /** f(x₀) and ∇f(x₀) when the caller already has them (saves the first evaluation). */
  initial?: { value: number; gradient: Float64Array };
}

/** Outcome of `minimizeLbfgs`. */
export interface LbfgsResult {
  x: Float64Array;
  value: number;
  /** ∇f at x, and its size. */
  gradient: Float64Array;
  gradientNorm: number;
  iterations: number;
  /** True when the gradient tolerance was met; false when the iteration cap or float64 round-off stopped it first. */
  converged: boolean;
}

/**
 * Unconstrained minimization of a smooth function by limited-memory BFGS (Nocedal & Wright 2006,
 * Alg. 7.4 two-loop recursion) with a strong-Wolfe line search (Alg. 3.5/3.6, cubic interpolation,
 * c₁ = 1e-4, c₂ = 0.9). The first step has length ≤ 1 along −∇f; later steps start at 1 with the
 * initial inverse Hessian γI, γ = sᵀy / yᵀy. Works best on well-scaled variables (precondition first).
 *
 *   const r = minimizeLbfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, new Float64Array(1));
 *   r.x[0]; // 3
 */
export function minimizeLbfgs(f: ObjectiveWithGradient, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const memory = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 1000;
  const n = x0.length;
  const x = x0.slice();
  const g = new Float64Array(n);
  let fx: number;
  if (options.initial) {
    fx = options.initial.value;
    g.set(options.initial.gradient);
  } else fx = f(x, g);
  const size = options.gradientSize ?? normInf;
  const tolerance = (options.gradientTolerance ?? 1e-10) * Math.max(1, options.gradientScale ?? size(g));
  const pairs: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  const spare: { s: Float64Array; y: Float64Array; rho: number }[] = []; // recycled pair buffers
  const d = new Float64Array(n);
  const alpha = new Float64Array(memory);
  const trial = new Float64Array(n);
  const trialGrad = new Float64Array(n);
  /** φ(a) = f(x + a·d) and its slope along d (x and d are updated in place between iterations). */
  const phi = (step: number): [number, number] => {
    for (let i = 0; i < n; i++) trial[i] = x[i] + step * d[i];
    const value = f(trial, trialGrad);
    return [value, dotVec(trialGrad, d)];
  };
  let iterations = 0;
  for (; iterations < maxIterations && size(g) > tolerance; iterations++) {
    searchDirection(g, pairs, d, alpha);
    let slope = dotVec(g, d);
    if (!(slope < 0)) {
      spare.push(...pairs.splice(0));
      searchDirection(g, pairs, d, alpha);
      slope = dotVec(g, d);
    }
    const initialStep = pairs.length === 0 ? options.firstStep ?? Math.min(1, 1 / Math.max(normInf(g), 1e-300)) : 1;
    const accepted = strongWolfe(phi, fx, slope, initialStep);
    if (accepted === null) {
      if (pairs.length === 0) break; // no descent possible along −∇f: float64 round-off floor
      spare.push(...pairs.splice(0));
      continue;
    }
    const pair = spare.pop() ?? (pairs.length === memory ? (pairs.shift() as (typeof pairs)[number]) : { s: new Float64Array(n), y: new Float64Array(n), rho: 0 });
    for (let i = 0; i < n; i++) {
      pair.s[i] = trial[i] - x[i];
      pair.y[i] = trialGrad[i] - g[i];
    }
    const sy = dotVec(pair.s, pair.y);
    x.set(trial);
    g.set(trialGrad);
    fx = accepted.value;
    if (sy > 1e-300) {
      if (pairs.length === memory) spare.push(pairs.shift() as (typeof pairs)[number]);
      pair.rho = 1 / sy;
      pairs.push(pair);
    } else spare.push(pair);
  }
  const gradientNorm = size(g);
  return { x, value: fx, gradient: g, gradientNorm, iterations, converged: gradientNorm <= tolerance };
}

/**
 * d = −H·g by the two-loop recursion over the stored pairs (H₀ = γI), each update of d fused with the
 * dot product that the next pair needs (two passes over n per pair instead of four).
 */
function searchDirection(g: Float64Array, pairs: { s: Float64Array; y: Float64Array; rho: number }[], d: Float64Array, alpha: Float64Array): void {
  const n = d.length;
  const k = pairs.length;
  let dot = 0; // s_top·d, then the dot product the next pair needs
  const top = k > 0 ? pairs[k - 1].s : g;
  for (let i = 0; i < n; i++) {
    d[i] = -g[i];
    dot += top[i] * d[i];
  }
  for (let j = k - 1; j >= 0; j--) {
    const a = pairs[j].rho * dot;
    alpha[j] = a;
    const y = pairs[j].y;
    const next = j > 0 ? pairs[j - 1].s : y;
    dot = 0;
    for (let i = 0; i < n; i++) {
      const v = d[i] - a * y[i];
      d[i] = v;
      dot += next[i] * v;
    }
  }
  if (k === 0) return;
  const last = pairs[k - 1];
  const gamma = 1 / (last.rho * dotVec(last.y, last.y));
  const first = pairs[0].y;
  dot = 0;
  for (let i = 0; i < n; i++) {
    const v = d[i] * gamma;
    d[i] = v;
    dot += first[i] * v;
  }
  for (let j = 0; j < k; j++) {
    const c = alpha[j] - pairs[j].rho * dot;
    const sj = pairs[j].s;
    const next = j + 1 < k ? pairs[j + 1].y : sj;
    dot = 0;
    for (let i = 0; i < n; i++) {
      const v = d[i] + c * sj[i];
      d[i] = v;
      dot += next[i] * v;
    }
  }
}

/**
 * Step length satisfying the strong Wolfe conditions for φ(a) = f(x + a·d) (φ returns [value, slope]),
 * with φ's value there, or null when none is found within 40 evaluations. On success the last φ call
 * was at the returned step.
 */
function strongWolfe(phi: (a: number) => [number, number], f0: number, slope0: number, first: number): { step: number; value: number } | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  // Armijo's sufficient decrease, or near the float64 floor of f (where f differences are round-off)
  // Hager & Zhang's (2005) approximate form, which tests the slope instead: φ′(a) ≤ (2c₁ − 1)·φ′(0).
  const roundoff = 1e-12 * (Math.abs(f0) + 1);
  const sufficient = (a: number, fa: number, da: number) => fa <= f0 + c1 * a * slope0 || (fa <= f0 + roundoff && da <= (2 * c1 - 1) * slope0);
  let prev = { a: 0, f: f0, d: slope0 };
  let a = first;
  let evaluations = 0;
  let lo: { a: number; f: number; d: number };
  let hi: { a: number; f: number; d: number };
  for (;;) {
    const [fa, da] = phi(a);
    evaluations++;
    const cur = { a, f: fa, d: da };
    if (!sufficient(a, fa, da) || (evaluations > 1 && fa >= prev.f) || !Number.isFinite(fa)) {
      lo = prev;
      hi = cur;
      break;
    }
    if (Math.abs(da) <= -c2 * slope0) return { step: a, value: fa };
    if (da >= 0) {
      lo = cur;
      hi = prev;
      break;
    }
    if (evaluations >= 40) return null;
    prev = cur;
    a *= 2;
  }
  while (evaluations < 40) {
    const width = hi.a - lo.a;
    let a = cubicMinimizer(lo, hi);
    const left = Math.min(lo.a, hi.a) + 0.1 * Math.abs(width);
    const right = Math.max(lo.a, hi.a) - 0.1 * Math.abs(width);
    if (!(a >= left && a <= right)) a = lo.a + 0.5 * width;
    if (a === lo.a || a === hi.a) break;
    const [fa, da] = phi(a);
    evaluations++;
    if (!sufficient(a, fa, da) || fa > lo.f + roundoff || !Number.isFinite(fa)) {
      hi = { a, f: fa, d: da };
    } else {
      if (Math.abs(da) <= -c2 * slope0) return { step: a, value: fa };
      if (da * (hi.a - lo.a) >= 0) hi = lo;
      lo = { a, f: fa, d: da };
    }
  }
  if (lo.a > 0 && lo.f < f0) {
    phi(lo.a);
    return { step: lo.a, value: lo.f };
  }
  return null;
}

/** Minimizer of the cubic through (a, f, f′) at both ends (NaN when it has none). */
function cubicMinimizer(p: { a: number; f: number; d: number }, q: { a: number; f: number; d: number }): number {
  const d1 = p.d + q.d - (3 * (p.f - q.f)) / (p.a - q.a);
  const disc = d1 * d1 - p.d * q.d;
  if (!(disc >= 0) || !Number.isFinite(q.f)) return NaN;
  const d2 = Math.sign(q.a - p.a) * Math.sqrt(disc);
  return q.a - ((q.a - p.a) * (q.d + d2 - d1)) / (q.d - p.d + 2 * d2);
}

function dotVec(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function normInf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

