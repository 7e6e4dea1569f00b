"""The opt-in same-run anchor of `npm run bench -- --baseline numpy`: one optimization step (value +
gradient + Adam update, float64) of the paper's measures in closed form with numpy, the X-side
quantities cached once per cell (like diffsim's prepareMeasure). bench/baseline.ts starts one such
process per thread count with OPENBLAS_NUM_THREADS (and OMP/MKL) set, and talks to it in JSON lines:

  {"cmd": "info"}                                   -> {"numpy": "2.x", "blas": "scipy-openblas ...", "threads": 1}
  {"cmd": "prepare", "file": F, "rows": n, "cols": p, "measure": id}
        F holds X then Y (row-major float64, n×p each), written by the bench -> {"value": score(X, Y)}
  {"cmd": "steps", "count": k}                      -> {"ms": [k step times]}

Closed forms (X̄, Ȳ column-centered; all gradients are already column-centered):
  cka     c = ‖X̄ᵀȲ‖² / (‖X̄ᵀX̄‖ ‖ȲᵀȲ‖),  ∂c/∂Y = 2X̄A/(kx ky) − 2c·ȲB/ky²   (A = X̄ᵀȲ, B = ȲᵀȲ)
  nbs     s = ‖X̄ᵀȲ‖_* / (‖X̄‖ ‖Ȳ‖),    ∂s/∂Y = X̄UVᵀ/(‖X̄‖‖Ȳ‖) − s·Ȳ/‖Ȳ‖²  (X̄ᵀȲ = USVᵀ)
  *-angular-score  1 − (2/π)·arccos(s), chain rule factor (2/π)/√(1 − s²)
  linreg  B = (ȲᵀȲ)⁻¹ȲᵀX̄, E = X̄ − ȲB, R² = 1 − ‖E‖²/‖X̄‖², ∂R²/∂Y = (2/‖X̄‖²)·EBᵀ
  ridge-lambda100-r2#5folds_cv  mean over 5 contiguous folds of 1 − ‖X̄ᵥ − ȲᵥB‖²/‖X̄ᵥ‖², B = (ȲₜᵀȲₜ + λI)⁻¹ȲₜᵀX̄ₜ,
          both centered with the training means; gradient through Ȳᵥ, B (W = M⁻¹·∂L/∂B) and the means.
"""
import json
import math
import os
import sys
import time

import numpy as np

LAMBDA = 100.0
FOLDS = 5


def centered(A):
    return A - A.mean(axis=0)


def angular_score(value, grad):
    s = min(1.0, max(-1.0, value))
    slope = 0.0 if 1 - s * s <= 0 else (2 / math.pi) / math.sqrt(1 - s * s)
    return 1 - (2 / math.pi) * math.acos(s), grad * slope


def prepare_cka(X):
    Xc = centered(X)
    kx = np.linalg.norm(Xc.T @ Xc)

    def step(Y):
        Yc = centered(Y)
        A = Xc.T @ Yc
        B = Yc.T @ Yc
        ky = np.linalg.norm(B)
        value = float(np.vdot(A, A)) / (kx * ky)
        return value, (2 / (kx * ky)) * (Xc @ A) - (2 * value / ky**2) * (Yc @ B)

    return step


def prepare_nbs(X):
    Xc = centered(X)
    nx = np.linalg.norm(Xc)

    def step(Y):
        Yc = centered(Y)
        U, s, Vt = np.linalg.svd(Xc.T @ Yc, full_matrices=False)
        ny = np.linalg.norm(Yc)
        value = float(s.sum()) / (nx * ny)
        return value, (Xc @ (U @ Vt)) / (nx * ny) - (value / ny**2) * Yc

    return step


def prepare_linreg(X):
    Xc = centered(X)
    ss = float(np.vdot(Xc, Xc))

    def step(Y):
        Yc = centered(Y)
        B = np.linalg.solve(Yc.T @ Yc, Yc.T @ Xc)
        E = Xc - Yc @ B
        return 1 - float(np.vdot(E, E)) / ss, (2 / ss) * (E @ B.T)

    return step


def contiguous_folds(n, k):
    """sklearn KFold(k) without shuffling: the first n % k folds get one extra row."""
    sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
    starts = np.cumsum([0] + sizes)
    return [(int(starts[i]), int(starts[i + 1])) for i in range(k)]


def prepare_ridge_cv(X):
    n, p = X.shape
    folds = []
    for a, b in contiguous_folds(n, FOLDS):
        train = np.r_[0:a, b:n]
        mean = X[train].mean(axis=0)
        Xt = X[train] - mean
        Xv = X[a:b] - mean
        folds.append((a, b, train, Xt, Xv, float(np.vdot(Xv, Xv))))

    def step(Y):
        q = Y.shape[1]
        grad = np.zeros_like(Y)
        value = 0.0
        for a, b, train, Xt, Xv, ss in folds:
            m = Y[train].mean(axis=0)
            Yt = Y[train] - m
            Yv = Y[a:b] - m
            M = Yt.T @ Yt + LAMBDA * np.eye(q)
            B = np.linalg.solve(M, Yt.T @ Xt)
            R = Xv - Yv @ B
            value += (1 - float(np.vdot(R, R)) / ss) / FOLDS
            # L = ‖R‖²: ∂L/∂Yᵥ = −2RBᵀ, ∂L/∂B = −2ȲᵥᵀR, W = M⁻¹ ∂L/∂B,
            # ∂L/∂Ȳₜ = X̄ₜWᵀ − Ȳₜ(WBᵀ + BWᵀ); the training mean m adds −colsum(∂L/∂Yᵥ)/nₜ to every training row
            gv = -2 * (R @ B.T)
            W = np.linalg.solve(M, -2 * (Yv.T @ R))
            WB = W @ B.T
            gt = Xt @ W.T - Yt @ (WB + WB.T) - gv.sum(axis=0) / len(train)
            f = -1 / (ss * FOLDS)
            grad[a:b] += f * gv
            grad[train] += f * gt
        return value, grad

    return step


MEASURES = {
    "cka": (prepare_cka, False),
    "cka-angular-score": (prepare_cka, True),
    "nbs": (prepare_nbs, False),
    "procrustes-angular-score": (prepare_nbs, True),
    "linreg": (prepare_linreg, False),
    "ridge-lambda100-r2#5folds_cv": (prepare_ridge_cv, False),
}


class Adam:
    """PyTorch's Adam (lr 0.1, as lib/optimize/adam.ts), ascending."""

    def __init__(self, shape, lr=0.1, b1=0.9, b2=0.999, eps=1e-8):
        self.m, self.v, self.t = np.zeros(shape), np.zeros(shape), 0
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps

    def step(self, Y, g):
        self.t += 1
        self.m *= self.b1
        self.m -= (1 - self.b1) * g
        self.v *= self.b2
        self.v += (1 - self.b2) * g * g
        denominator = np.sqrt(self.v) / math.sqrt(1 - self.b2**self.t) + self.eps
        Y -= (self.lr / (1 - self.b1**self.t)) * self.m / denominator


def blas_name():
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name')} {blas.get('version', '')}".strip()
    except Exception:
        return "unknown"


def main():
    state = {}
    for line in sys.stdin:
        request = json.loads(line)
        cmd = request["cmd"]
        if cmd == "info":
            reply = {"numpy": np.__version__, "blas": blas_name(), "threads": os.environ.get("OPENBLAS_NUM_THREADS")}
        elif cmd == "prepare":
            n, p = request["rows"], request["cols"]
            data = np.fromfile(request["file"], dtype=np.float64)
            X, Y = data[: n * p].reshape(n, p), data[n * p :].reshape(n, p).copy()
            prepare, angular = MEASURES[request["measure"]]
            core = prepare(X)
            score = (lambda Z: angular_score(*core(Z))) if angular else core
            state = {"Y": Y, "score": score, "adam": Adam(Y.shape)}
            reply = {"value": score(Y)[0]}
        elif cmd == "steps":
            Y, score, adam = state["Y"], state["score"], state["adam"]
            times = []
            for _ in range(request["count"]):
                t0 = time.perf_counter()
                adam.step(Y, score(Y)[1])
                times.append((time.perf_counter() - t0) * 1000)
            reply = {"ms": times}
        else:
            reply = {"error": f"unknown command {cmd}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
