import { InputError, received } from "../errors";

/** Adam hyperparameters (PyTorch's defaults except the learning rate, which is the paper's 0.1). */
export interface AdamOptions {
  /** Step size α. Default 0.1. */
  lr?: number;
  /** Decay of the first moment. Default 0.9. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999. */
  beta2?: number;
  /** Added to √v̂ in the denominator; must be > 0. Default 1e-8. */
  eps?: number;
}

/**
 * Adam (Kingma & Ba 2015) on a flat float64 parameter vector, updated in place, exactly as
 * torch.optim.Adam without weight decay or amsgrad:
 *
 *   m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²,   t ← t + 1
 *   x ← x − α · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
 *
 * where g is the gradient of the loss. `step(x, g, true)` maximizes instead (g is the gradient of the
 * objective, the update uses −g), like torch's `maximize=True`; no negated copy of g is made. A
 * coordinate whose update would leave the float64 range (a huge lr with a vanishing v̂) keeps its
 * value, so x stays finite.
 *
 *   const adam = new Adam(Y.data.length, { lr: 0.1 });
 *   adam.step(Y.data, gradOfScore.data, true); // one ascent step on the score
 */
export class Adam {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(readonly size: number, options: AdamOptions = {}) {
    this.lr = options.lr ?? 0.1;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
    if (!(finite(this.lr) && this.lr > 0)) throw new InputError("lr", "a finite learning rate > 0", `got ${received(this.lr)}`);
    for (const [name, b] of [["beta1", this.beta1], ["beta2", this.beta2]] as const)
      if (!(finite(b) && b >= 0 && b < 1)) throw new InputError(name, "a number in [0, 1)", `got ${received(b)}`);
    // ε = 0 divides 0 by 0 wherever a gradient entry has been 0 since the start (e.g. at Y = 0)
    if (!(finite(this.eps) && this.eps > 0)) throw new InputError("eps", "a finite number > 0", `got ${received(this.eps)}`);
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Number of updates applied so far. */
  get steps(): number {
    return this.t;
  }

  /** One update of `x` in place from gradient `g` (descent, or ascent when `maximize`). */
  step(x: Float64Array, g: Float64Array, maximize = false): void {
    if (x.length !== this.size || g.length !== this.size)
      throw new InputError("Adam.step", `parameter and gradient of length ${this.size}`, `got ${x.length} and ${g.length}`);
    const { m, v, beta1: b1, beta2: b2, eps } = this;
    this.t++;
    const stepSize = this.lr / (1 - b1 ** this.t);
    const inverseRootCorrection2 = 1 / Math.sqrt(1 - b2 ** this.t);
    const sign = maximize ? -1 : 1;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const gi = sign * g[i];
      const mi = b1 * m[i] + c1 * gi;
      const vi = b2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      const next = x[i] - stepSize * (mi / (Math.sqrt(vi) * inverseRootCorrection2 + eps)); // ratio first: lr·m may overflow
      if (Number.isFinite(next)) x[i] = next; // an update beyond float64 leaves the coordinate where it is
    }
  }
}
