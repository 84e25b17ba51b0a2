#!/usr/bin/env python3
"""Forecasting peers for `obrador bench forecast`: statsmodels Holt-Winters and sklearn HistGradientBoosting.

usage: /usr/bin/python3 bench/peers/forecast_peers.py <export dir> [hgb|ets]   (default: both)

Reads what bench/Obrador.Bench/Forecasting/PeerRunner.cs exported (series.csv: one line per series, NaN = missing or
closed; X_h{h}.f32 + meta_h{h}.csv: the GBM's own feature matrix, float32 row-major; config.json: origins, horizons,
hyperparameters) and writes pred_<model>.csv (origin index, series index, horizon index, forecast) + timings.json.
"""
import json, os, sys, time, warnings
from multiprocessing import Pool

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
DIR = sys.argv[1]
CFG = json.load(open(os.path.join(DIR, "config.json")))
ORIGINS, HORIZONS, M = CFG["origins"], CFG["horizons"], CFG["season"]
Y = np.loadtxt(os.path.join(DIR, "series.csv"), delimiter=",", ndmin=2)


def ets_one(args):
    """statsmodels ExponentialSmoothing, additive damped trend + additive season (the form our ETS centres on)."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
    s, o = args
    y = Y[s, : o + 1][-CFG["max_history"]:]
    obs = np.flatnonzero(~np.isnan(y))
    if obs.size == 0:
        return [0.0] * len(HORIZONS)
    y = pd.Series(y[obs[0]:]).ffill().to_numpy()
    if y.size < 3 or np.all(y == y[0]):
        return [float(np.mean(y))] * len(HORIZONS)
    try:
        seasonal = "add" if y.size >= 2 * M + 2 else None
        fit = ExponentialSmoothing(y, trend="add", damped_trend=True, seasonal=seasonal,
                                   seasonal_periods=M if seasonal else None, initialization_method="estimated").fit()
        f = fit.forecast(max(HORIZONS))
        out = [float(f[h - 1]) for h in HORIZONS]
        return [v if np.isfinite(v) else float(np.mean(y)) for v in out]
    except Exception:  # noqa: BLE001 - a failed fit falls back to the mean, counted in the output
        return [float(np.mean(y))] * len(HORIZONS)


def run_ets():
    tasks = [(s, o) for o in ORIGINS for s in range(Y.shape[0]) if np.any(~np.isnan(Y[s, : o + 1]))]
    t = time.time()
    with Pool(2) as pool:
        res = pool.map(ets_one, tasks, chunksize=16)
    rows = [(ORIGINS.index(o), s, i, v) for (s, o), r in zip(tasks, res) for i, v in enumerate(r)]
    pd.DataFrame(rows, columns=["origin", "series", "horizon", "yhat"]).to_csv(os.path.join(DIR, "pred_statsmodels_ets.csv"), index=False)
    return time.time() - t


def run_hgb():
    from sklearn.ensemble import HistGradientBoostingRegressor
    g = CFG["gbm"]
    t = time.time()
    rows = []
    for hi, h in enumerate(HORIZONS):
        meta = pd.read_csv(os.path.join(DIR, f"meta_h{h}.csv"))
        X = np.fromfile(os.path.join(DIR, f"X_h{h}.f32"), dtype="<f4").reshape(len(meta), -1)
        for oi, o in enumerate(ORIGINS):
            train = ((meta.origin + h) <= o).to_numpy() & np.isfinite(meta.y.to_numpy())
            test = (meta.origin == o).to_numpy()
            model = HistGradientBoostingRegressor(
                loss=g["loss"], learning_rate=g["learning_rate"], max_iter=g["max_iter"], max_leaf_nodes=g["max_leaf_nodes"],
                max_depth=g["max_depth"], min_samples_leaf=g["min_samples_leaf"], l2_regularization=g["l2_regularization"],
                max_bins=g["max_bins"], early_stopping=True, validation_fraction=g["validation_fraction"],
                n_iter_no_change=g["n_iter_no_change"], random_state=0)
            w = meta.level.to_numpy()[train] if g["weight_by_level"] else None
            model.fit(X[train], meta.y.to_numpy()[train], sample_weight=w)
            p = model.predict(X[test]) * meta.level.to_numpy()[test]
            rows += [(oi, int(s), hi, float(v)) for s, v in zip(meta.series.to_numpy()[test], p)]
    pd.DataFrame(rows, columns=["origin", "series", "horizon", "yhat"]).to_csv(os.path.join(DIR, "pred_sklearn_hgb.csv"), index=False)
    return time.time() - t


if __name__ == "__main__":
    # Timings are saved after each peer, so a long run can be scored part-way (OBRADOR_PEER_REUSE=1 in the bench).
    only = sys.argv[2] if len(sys.argv) > 2 else "both"
    path = os.path.join(DIR, "timings.json")
    timings = json.load(open(path)) if only != "both" and os.path.exists(path) else {}
    if only in ("both", "hgb"):
        timings["sklearn_hgb"] = run_hgb()
        json.dump(timings, open(path, "w"))
        print(f"peer sklearn HistGradientBoostingRegressor: {timings['sklearn_hgb']:.1f} s")
    if only in ("both", "ets") and os.environ.get("OBRADOR_SKIP_ETS_PEER") != "1":
        timings["statsmodels_ets"] = run_ets()
        json.dump(timings, open(path, "w"))
        print(f"peer statsmodels ExponentialSmoothing: {timings['statsmodels_ets']:.1f} s")
