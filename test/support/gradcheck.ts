/**
 * Directional finite-difference check of a measure's gradient with respect to Y: the 5-point central
 * difference of score(X, Y + tD) at t = 0 against ⟨∂score/∂Y, D⟩, for a fixed random direction D.
 */
import { score, scoreAndGrad } from "../../lib";
import { Matrix, axpby } from "../../lib/tensor/matrix";
import { Rng } from "../../lib/random";

export interface GradCheck {
  fd: number;
  analytic: number;
  ok: boolean;
}

export function gradCheck(id: string, X: Matrix, Y: Matrix, seed = 17, h = 1e-4, tol = 1e-6): GradCheck {
  const D = new Rng(seed).normalMatrix(Y.rows, Y.cols);
  const f = (t: number) => score(id, X, axpby(1, Y, t, D));
  const fd = (-f(2 * h) + 8 * f(h) - 8 * f(-h) + f(-2 * h)) / (12 * h);
  const { gradY } = scoreAndGrad(id, X, Y);
  const analytic = (gradY as number[][]).flat().reduce((s, g, i) => s + g * D.data[i], 0);
  return { fd, analytic, ok: Math.abs(fd - analytic) <= tol * Math.max(Math.abs(fd), Math.abs(analytic)) + 1e-8 };
}
