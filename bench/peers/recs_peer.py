"""Peer for the `recommend` benchmarks: popularity, EASE and SAR co-occurrence in numpy/scipy.

usage:
  recs_peer.py eval TRAIN.csv TEST.csv K LAMBDA   -> one line per algorithm: ndcg, map, precision, recall, fit_ms
  recs_peer.py fit-ease TRAIN.csv LAMBDA           -> fit_ms of EASE (dense Gram + numpy inverse)
  recs_peer.py fit-sar TRAIN.csv                   -> fit_ms of SAR's Jaccard similarity (scipy sparse X^T X)
  recs_peer.py batch-sar TRAIN.csv K               -> ms of top-K for every user: X·S in chunks, seen masked, argpartition
Metrics follow Microsoft Recommenders' python_evaluation (binary relevance, natural-log discount, MAP@k divided
by min(|R|, k)); a test user without training history gets an empty list and counts as 0, as in Obrador.
"""
import csv
import sys
import time

import numpy as np
import scipy.sparse as sp


def read_pairs(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))[1:]
    return [(r[0], r[1]) for r in rows]


def binary_matrix(pairs):
    users, items = {}, {}
    for u, i in pairs:
        users.setdefault(u, len(users))
        items.setdefault(i, len(items))
    rows = np.fromiter((users[u] for u, _ in pairs), dtype=np.int32, count=len(pairs))
    cols = np.fromiter((items[i] for _, i in pairs), dtype=np.int32, count=len(pairs))
    x = sp.csr_matrix((np.ones(len(pairs), dtype=np.float64), (rows, cols)), shape=(len(users), len(items)))
    x.data[:] = 1.0  # duplicates were summed; binarise
    return x, users, items


def fit_ease(x, lam):
    g = (x.T @ x).toarray()
    g[np.diag_indices_from(g)] += lam
    p = np.linalg.inv(g)
    b = p / (-np.diag(p))
    b[np.diag_indices_from(b)] = 0.0
    return b


def fit_sar(x):
    c = (x.T @ x).tocsr()
    d = c.diagonal()
    coo = c.tocoo()
    jac = coo.data / (d[coo.row] + d[coo.col] - coo.data)
    return sp.csr_matrix((jac, (coo.row, coo.col)), shape=c.shape)


def metrics(lists, truth, k):
    ndcg = mapk = prec = rec = 0.0
    for u, rel in truth.items():
        recs = lists.get(u, [])[:k]
        hits, dcg, ap = 0, 0.0, 0.0
        for r, item in enumerate(recs, start=1):
            if item in rel:
                hits += 1
                dcg += 1.0 / np.log(1.0 + r)
                ap += hits / r
        idcg = sum(1.0 / np.log(1.0 + i) for i in range(1, min(len(rel), k) + 1))
        ndcg += dcg / idcg
        mapk += ap / min(len(rel), k)
        prec += hits / k
        rec += hits / len(rel)
    n = len(truth)
    return ndcg / n, mapk / n, prec / n, rec / n


def top_k(scores, seen, k):
    scores = scores.astype(np.float64, copy=True)
    scores[seen] = -np.inf
    # stable sort on -score keeps the lower index first among ties, like Obrador's heap
    order = np.argsort(-scores, kind="stable")[:k]
    return [i for i in order if np.isfinite(scores[i])]


def evaluate(train_path, test_path, k, lam):
    train, test = read_pairs(train_path), read_pairs(test_path)
    x, users, items = binary_matrix(train)
    names = list(items)
    truth = {}
    for u, i in test:
        truth.setdefault(u, set()).add(i)

    t = time.perf_counter()
    pop = np.asarray(x.sum(axis=0)).ravel()
    pop_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    b = fit_ease(x, lam)
    ease_ms = (time.perf_counter() - t) * 1000

    for name, fit_ms, score in (("popularity", pop_ms, lambda row: pop), ("ease", ease_ms, lambda row: row @ b)):
        lists = {}
        for u in truth:
            if u not in users:
                continue
            row = x.getrow(users[u])
            seen = row.indices
            s = score(np.asarray(row.todense()).ravel()) if name == "ease" else score(None)
            lists[u] = [names[i] for i in top_k(np.asarray(s).ravel(), seen, k)]
        ndcg, mapk, prec, rec = metrics(lists, truth, k)
        print(f"{name} ndcg={ndcg:.4f} map={mapk:.4f} precision={prec:.4f} recall={rec:.4f} fit_ms={fit_ms:.1f}")


def main():
    mode = sys.argv[1]
    if mode == "eval":
        evaluate(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
    elif mode == "fit-ease":
        x, _, _ = binary_matrix(read_pairs(sys.argv[2]))
        t = time.perf_counter()
        fit_ease(x, float(sys.argv[3]))
        print(f"ease fit_ms={(time.perf_counter() - t) * 1000:.1f} items={x.shape[1]}")
    elif mode == "fit-sar":
        x, _, _ = binary_matrix(read_pairs(sys.argv[2]))
        t = time.perf_counter()
        s = fit_sar(x)
        print(f"sar fit_ms={(time.perf_counter() - t) * 1000:.1f} nnz={s.nnz}")
    elif mode == "batch-sar":
        x, _, _ = binary_matrix(read_pairs(sys.argv[2]))
        k = int(sys.argv[3])
        s = fit_sar(x).astype(np.float32)
        xf = x.astype(np.float32)
        t = time.perf_counter()
        tops = []
        for start in range(0, x.shape[0], 2000):
            chunk = xf[start:start + 2000]
            scores = (chunk @ s).toarray()
            scores[chunk.nonzero()] = -np.inf
            part = np.argpartition(-scores, k, axis=1)[:, :k]
            order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1)
            tops.append(np.take_along_axis(part, order, axis=1))
        print(f"batch-sar ms={(time.perf_counter() - t) * 1000:.1f} users={x.shape[0]}")
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
