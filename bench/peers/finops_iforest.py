#!/usr/bin/python3
"""Peer for `finops`: scikit-learn IsolationForest on the exact feature matrix Obrador's detector builds.

Usage: finops_iforest.py FEATURES.f64 NFEATURES SCORES_OUT.f64
Reads row-major little-endian float64 features, fits IsolationForest(n_estimators=100, max_samples=256,
random_state=42) — the same t and psi as Obrador's forest — and writes s(x) = -score_samples(x) (the paper's
anomaly score in (0, 1]) as float64. Prints one JSON line with the fit and score times in seconds.
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import IsolationForest


def main() -> None:
    path, d, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    x = np.fromfile(path, dtype="<f8").reshape(-1, d)
    t0 = time.perf_counter()
    forest = IsolationForest(n_estimators=100, max_samples=256, random_state=42).fit(x)
    t1 = time.perf_counter()
    s = -forest.score_samples(x)
    t2 = time.perf_counter()
    s.astype("<f8").tofile(out)
    print(json.dumps({"rows": int(x.shape[0]), "fit_s": t1 - t0, "score_s": t2 - t1}))


if __name__ == "__main__":
    main()
