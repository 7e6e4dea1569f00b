#!/usr/bin/env python3
"""scikit-learn side of the decoding benchmark (bench/decoding.ts): the paper's decoder,
LogisticRegression(max_iter=200) (lbfgs, L2, C=1, multinomial), on the very data and folds that the
TypeScript decoder gets, timed per decode (all time steps x all folds).

    python bench/decoding_sklearn.py CASE_DIR

CASE_DIR holds meta.json ({"shape": [T, C, N], "labels": [...], "folds": [[fold of each condition] per t],
"repeats": r, "max_iter": 200}) and activity.f64 (the (T*C, N) float64 matrix, row-major, little endian).
Prints one JSON object: ms per decode (wall median and min, CPU median over the repeats after one
warm-up), the accuracy, the
out-of-fold predictions, and how many fits stopped at max_iter (scikit-learn's ConvergenceWarning).
"""
import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression


def decode(X, labels, folds, max_iter):
    T, C, _ = X.shape
    predictions = np.empty((T, C))
    per_time = []
    capped = 0
    for t in range(T):
        accs = []
        for f in range(int(max(folds[t])) + 1):
            test = folds[t] == f
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ConvergenceWarning)
                model = LogisticRegression(max_iter=max_iter).fit(X[t][~test], labels[~test])
            capped += any(issubclass(w.category, ConvergenceWarning) for w in caught)
            predictions[t, test] = model.predict(X[t][test])
            accs.append(float(np.mean(predictions[t, test] == labels[test])))
        per_time.append(float(np.mean(accs)))
    return predictions, per_time, capped


def main():
    case = sys.argv[1]
    with open(os.path.join(case, "meta.json")) as f:
        meta = json.load(f)
    T, C, N = meta["shape"]
    X = np.fromfile(os.path.join(case, "activity.f64"), dtype="<f8").reshape(T, C, N)
    labels = np.asarray(meta["labels"], dtype=float)
    folds = np.asarray(meta["folds"], dtype=int)
    times, cpu = [], []
    decode(X, labels, folds, meta["max_iter"])  # warm-up, as on the TypeScript side
    for _ in range(meta["repeats"]):
        t0, c0 = time.perf_counter(), time.process_time()
        predictions, per_time, capped = decode(X, labels, folds, meta["max_iter"])
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    json.dump({"msMedian": float(np.median(times)), "msMin": float(np.min(times)), "cpuMedian": float(np.median(cpu)),
               "accuracy": float(np.mean(per_time)),
               "predictions": predictions.tolist(), "capped": int(capped), "fits": int(T * (folds.max() + 1))}, sys.stdout)


if __name__ == "__main__":
    main()
