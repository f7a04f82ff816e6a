#!/usr/bin/env python3
"""Generates Tests/MLEGradingTests/Inputs/classification.json from the reference libraries.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1 and scipy
(python3 -m pip install -q scikit-learn==1.5.1 scipy numpy==1.26.4 pandas==2.2.2):

    python3 scripts/vectors/metrics_classification.py

Every `expected` value is computed here by scikit-learn (or by MLE-bench's `pfbeta`, copied
below from mlebench/competitions/rsna-breast-cancer-detection/grade.py), never typed in.
A case whose reference call raises (or returns NaN) is written with `"raises": true` and no
`expected`; the Swift tests assert that the port throws there.

Matrices are written as columns (outer list = class / label column), as the Swift API takes them.
Output: {metric: [{inputs..., "expected": float} | {inputs..., "raises": true}]}.
"""
import json
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import (
    accuracy_score,
    cohen_kappa_score,
    f1_score,
    fbeta_score,
    label_ranking_average_precision_score,
    log_loss,
    matthews_corrcoef,
    roc_auc_score,
)

from mlebench_reference import pfbeta

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1", (
    np.__version__, pd.__version__, sklearn.__version__)
warnings.simplefilter("ignore")

OUT = Path(__file__).resolve().parents[2] / "Tests/MLEGradingTests/Inputs/classification.json"
rng = np.random.RandomState(20240611)


def ints(a):
    return [int(x) for x in a]


def floats(a):
    return [float(x) for x in a]


def cols(m):
    """2-D array (rows x columns) -> list of columns."""
    m = np.asarray(m)
    return [floats(m[:, j]) if m.dtype.kind == "f" else ints(m[:, j]) for j in range(m.shape[1])]


def run(fn):
    """The reference value, or None when the reference raises or returns NaN."""
    try:
        v = float(fn())
    except Exception:
        return None
    return None if math.isnan(v) else v


out = {}


def add(metric, case, fn, note=None):
    v = run(fn)
    if v is None:
        case["raises"] = True
    else:
        case["expected"] = v
    if note:
        case["note"] = note
    out.setdefault(metric, []).append(case)


def scores(n, kind):
    """Scores with a mix of tie structures."""
    if kind == "full":
        return rng.rand(n)
    if kind == "round6":
        return np.round(rng.rand(n), 6)
    if kind == "round2":
        return np.round(rng.rand(n), 2)
    if kind == "round1":
        return np.round(rng.rand(n), 1)
    if kind == "wide":
        return np.round(rng.randn(n) * 100, 3)
    if kind == "binary01":
        return rng.randint(0, 2, n).astype(float)
    raise ValueError(kind)


# ---------------------------------------------------------------- roc_auc (binary)
for n, kind in [(2, "full"), (3, "full"), (5, "round1"), (10, "full"), (10, "round1"), (30, "round2"),
                (50, "full"), (100, "round2"), (200, "wide"), (300, "binary01"), (1000, "round2"),
                (1200, "round1")]:
    y = rng.randint(0, 2, n)
    y[0], y[-1] = 0, 1
    s = scores(n, kind)
    add("roc_auc", {"y_true": ints(y), "y_score": floats(s)}, lambda: roc_auc_score(y, s), f"random n={n} {kind}")
# Imbalanced, informative scores.
for n, p in [(100, 0.03), (500, 0.1), (400, 0.5)]:
    y = (rng.rand(n) < p).astype(int)
    y[0] = 1
    y[1] = 0
    s = np.round(np.clip(y * 0.3 + rng.rand(n) * 0.8, 0, 1), 3)
    add("roc_auc", {"y_true": ints(y), "y_score": floats(s)}, lambda: roc_auc_score(y, s), f"imbalanced p={p}")
edge_auc = [
    ([0, 1], [0.5, 0.5], "all scores tied"),
    ([0, 0, 1, 1, 0, 1], [0.3] * 6, "all scores tied, n=6"),
    ([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9], "perfect"),
    ([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1], "worst"),
    ([1, 0, 0, 0, 0], [0.0, 0.0, 1.0, 0.0, 0.0], "probabilities at 0 and 1, single positive"),
    ([1, 1, 1, 0], [1.0, 0.0, 1.0, 1.0], "positive tied with the negative at 1"),
    ([1, 2, 2, 1, 2], [0.2, 0.9, 0.1, 0.4, 0.4], "labels {1,2}: 2 is positive"),
    ([-1, 1, 1, -1], [0.3, 0.2, 0.9, -5.0], "labels {-1,1}, negative score"),
    ([0, 5, 5, 0, 0], [1e-300, 1e300, -1e300, 0.0, -0.0], "labels {0,5}, extreme scores, -0.0 ties 0.0"),
    ([0, 0, 0], [0.1, 0.2, 0.3], "single class"),
    ([1, 1], [0.1, 0.2], "single class (positives only)"),
    ([0, 1, 2, 1], [0.1, 0.2, 0.3, 0.4], "three classes with 1-D scores"),
]
for y, s, note in edge_auc:
    add("roc_auc", {"y_true": y, "y_score": s}, lambda: roc_auc_score(y, s), note)

# ---------------------------------------------------------------- roc_auc_column_mean
for n, k, kind in [(10, 2, "round1"), (40, 3, "full"), (100, 4, "round2"), (150, 6, "round2"), (300, 5, "round1"),
                   (50, 9, "round6")]:
    Y = rng.randint(0, 2, (n, k))
    Y[0, :], Y[1, :] = 0, 1
    S = np.column_stack([scores(n, kind) for _ in range(k)])
    mean_of_columns = float(np.mean([roc_auc_score(Y[:, c], S[:, c]) for c in range(k)]))
    macro = roc_auc_score(Y, S, average="macro")
    assert abs(mean_of_columns - macro) <= 1e-15, (mean_of_columns, macro)
    add("roc_auc_column_mean", {"y_true_cols": cols(Y), "y_score_cols": cols(S)},
        lambda: roc_auc_score(Y, S, average="macro"), f"random n={n} k={k} {kind}")
Y = np.array([[0, 1], [1, 1], [0, 1], [1, 1]])
S = np.array([[0.1, 0.2], [0.9, 0.3], [0.2, 0.4], [0.8, 0.5]])
add("roc_auc_column_mean", {"y_true_cols": cols(Y), "y_score_cols": cols(S)},
    lambda: roc_auc_score(Y, S, average="macro"), "second column has one class")
Y = np.array([[0, 0], [1, 1], [0, 1], [1, 0]])
S = np.array([[0.5, 0.0], [0.5, 1.0], [0.5, 1.0], [0.5, 0.0]])
add("roc_auc_column_mean", {"y_true_cols": cols(Y), "y_score_cols": cols(S)},
    lambda: roc_auc_score(Y, S, average="macro"), "tied column and worst column")


# ---------------------------------------------------------------- roc_auc_ovr
def probs(n, k, grain=None):
    if grain is None:
        P = rng.dirichlet(np.ones(k), n)
    elif grain < 0:
        P = np.round(rng.dirichlet(np.ones(k), n), -grain)
    else:
        counts = np.array([rng.multinomial(grain, np.ones(k) / k) for _ in range(n)])
        P = counts / grain
    return P


CLASS_NAMES = ["cat", "dog", "bird", "fish", "ant", "eel", "émeu", "Zebra"]
for n, k, grain, named in [(12, 3, None, False), (30, 3, 4, True), (60, 4, None, True), (100, 5, 10, False),
                           (200, 6, 20, True), (80, 3, 2, True), (120, 8, -6, True)]:
    names = sorted(CLASS_NAMES[:k])
    y = np.array([names[i] for i in rng.randint(0, k, n)], dtype=object)
    for j in range(k):
        y[j] = names[j]
    P = probs(n, k, grain)
    classes = names if named else None
    add("roc_auc_ovr", {"y_true_str": list(y), "y_score_cols": cols(P), "classes": classes},
        lambda: roc_auc_score(y, P, multi_class="ovr", average="macro", labels=classes),
        f"random n={n} k={k} grain={grain}")
# Unsorted class order: sklearn insists on sorted labels, the port accepts any order; the
# expected value is sklearn's on the columns permuted into sorted order.
names = ["dog", "ant", "cat", "bird"]
n = 50
y = np.array([names[i] for i in rng.randint(0, 4, n)], dtype=object)
y[:4] = names
P = probs(n, 4, 5)
perm = np.argsort(names)
add("roc_auc_ovr", {"y_true_str": list(y), "y_score_cols": cols(P), "classes": names},
    lambda: roc_auc_score(y, P[:, perm], multi_class="ovr", average="macro", labels=sorted(names)),
    "classes given unsorted (sklearn value after sorting the columns)")
ovr_edges = [
    (["a", "b", "c", "a"], [[0.5, 0.3, 0.2], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.5, 0.4, 0.1]], None, "small hand case"),
    (["a", "b", "c", "a"], [[0.5, 0.3, 0.2], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.5, 0.4, 0.1 + 5e-6]], None,
     "a row sums to 1 + 5e-6 (within np.allclose)"),
    (["a", "b", "c", "a"], [[0.5, 0.3, 0.2], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.6, 0.4, 0.1]], None, "a row sums to 1.1"),
    (["a", "b", "c", "b"], [[1 / 3] * 3] * 4, None, "all rows uniform: every column tied"),
    (["a", "b", "a", "b"], [[0.5, 0.3, 0.2], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.5, 0.4, 0.1]], ["a", "b", "c"],
     "class c never occurs"),
    (["a", "b", "a", "d"], [[0.5, 0.3, 0.2], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.5, 0.4, 0.1]], ["a", "b", "c"],
     "label d not among classes"),
    (["a", "b", "a", "b"], [[0.5, 0.5], [0.1, 0.9], [0.1, 0.9], [0.5, 0.5]], None, "two classes"),
]
for y, rows, classes, note in ovr_edges:
    P = np.array(rows)
    add("roc_auc_ovr", {"y_true_str": y, "y_score_cols": cols(P), "classes": classes},
        lambda: roc_auc_score(y, P, multi_class="ovr", average="macro", labels=classes), note)

# ---------------------------------------------------------------- accuracy / f1 / mcc (string labels)
VOCAB = ["a", "b", "c", "d", "e", "", " ", "ñ", "日本", "a ", "A", "e\u0301", "\u00e9"]


def label_pair(n, k, p_correct):
    vocab = VOCAB[:k]
    yt = [vocab[i] for i in rng.randint(0, k, n)]
    yp = [t if rng.rand() < p_correct else vocab[rng.randint(0, k)] for t in yt]
    return yt, yp


string_cases = []
for n, k, pc in [(1, 2, 0.5), (2, 2, 0.5), (5, 3, 0.5), (20, 2, 0.7), (50, 4, 0.5), (100, 6, 0.3), (200, 13, 0.4),
                 (500, 5, 0.8), (80, 13, 0.0), (60, 3, 1.0)]:
    string_cases.append((*label_pair(n, k, pc), f"random n={n} k={k} p={pc}"))
string_cases += [
    (["x", "y", "x"], ["y", "x", "y"], "all wrong"),
    (["x", "x", "x"], ["x", "x", "x"], "one label, all right"),
    (["x", "x", "x", "x"], ["x", "y", "z", "x"], "predictions add labels absent from y_true"),
    (["p", "q", "r", "s"], ["p", "p", "p", "p"], "constant prediction"),
    (["e\u0301", "\u00e9", "e"], ["\u00e9", "\u00e9", "e"], "canonically equivalent strings differ"),
]
for yt, yp, note in string_cases:
    case = {"y_true_str": yt, "y_pred_str": yp}
    add("accuracy", dict(case), lambda: accuracy_score(np.array(yt, dtype=object), np.array(yp, dtype=object)), note)
    add("f1_micro", dict(case), lambda: f1_score(np.array(yt, dtype=object), np.array(yp, dtype=object),
                                                 average="micro"), note)
    add("f1_macro", dict(case), lambda: f1_score(np.array(yt, dtype=object), np.array(yp, dtype=object),
                                                 average="macro"), note)
    add("mcc", dict(case), lambda: matthews_corrcoef(np.array(yt, dtype=object), np.array(yp, dtype=object)), note)
for metric, fn in [("accuracy", accuracy_score), ("f1_micro", lambda a, b: f1_score(a, b, average="micro")),
                   ("f1_macro", lambda a, b: f1_score(a, b, average="macro")), ("mcc", matthews_corrcoef)]:
    add(metric, {"y_true_str": ["a", "b"], "y_pred_str": ["a"]}, lambda: fn(["a", "b"], ["a"]), "length mismatch")

# MCC over integer labels.
for n, k, pc in [(10, 2, 0.6), (100, 2, 0.8), (300, 4, 0.5), (50, 3, 0.0)]:
    yt = rng.randint(0, k, n) * 3 - 2
    yp = np.where(rng.rand(n) < pc, yt, rng.randint(0, k, n) * 3 - 2)
    add("mcc", {"y_true": ints(yt), "y_pred_int": ints(yp)}, lambda: matthews_corrcoef(yt, yp), f"int labels n={n} k={k}")
for yt, yp, note in [([0, 1, 0, 1], [0, 1, 0, 1], "perfect"), ([0, 1, 0, 1], [1, 0, 1, 0], "inverted"),
                     ([0, 1, 0, 1], [1, 1, 1, 1], "constant prediction"), ([3, 3], [3, 3], "one label")]:
    add("mcc", {"y_true": yt, "y_pred_int": yp}, lambda: matthews_corrcoef(yt, yp), note)

# ---------------------------------------------------------------- fbeta (binary)
for n, beta, pos, pc in [(10, 1.0, 1, 0.6), (50, 0.5, 1, 0.7), (100, 2.0, 1, 0.5), (200, 3.7, 0, 0.6),
                         (300, 1.0, 0, 0.9), (40, 0.0, 1, 0.5), (40, 1e-3, 1, 0.5), (60, 10.0, 1, 0.4)]:
    yt = rng.randint(0, 2, n)
    yp = np.where(rng.rand(n) < pc, yt, rng.randint(0, 2, n))
    add("fbeta", {"y_true": ints(yt), "y_pred_int": ints(yp), "beta": beta, "pos_label": pos},
        lambda: fbeta_score(yt, yp, beta=beta, pos_label=pos), f"random n={n}")
fbeta_edges = [
    ([0, 0, 1, 1], [0, 0, 0, 0], 1.0, 1, "nothing predicted positive"),
    ([0, 0, 0, 0], [0, 0, 0, 0], 1.0, 1, "only the negative label occurs"),
    ([1, 1, 1], [1, 1, 1], 2.0, 1, "only the positive label occurs"),
    ([0, 0, 0, 0], [0, 1, 0, 1], 0.5, 1, "no true positives"),
    ([1, 2, 2, 1, 2], [2, 2, 1, 1, 2], 1.0, 2, "labels {1,2}, positive 2"),
    ([1, 2, 2, 1, 2], [2, 2, 1, 1, 2], 1.0, 1, "labels {1,2}, positive 1"),
    ([0, 0, 1, 1], [0, 1, 1, 0], 0.0, 1, "beta 0 is precision"),
    ([0, 2, 2, 0], [0, 1, 1, 0], 1.0, 1, "three labels across columns"),
    ([0, 2, 2, 0], [0, 2, 0, 0], 1.0, 1, "pos_label absent from two labels"),
]
for yt, yp, beta, pos, note in fbeta_edges:
    add("fbeta", {"y_true": yt, "y_pred_int": yp, "beta": beta, "pos_label": pos},
        lambda: fbeta_score(yt, yp, beta=beta, pos_label=pos), note)
for yt, yp, pos, note in [(["spam", "ham", "spam", "ham", "spam"], ["spam", "spam", "ham", "ham", "spam"], "spam",
                           "string labels"),
                          (["ham", "ham"], ["ham", "ham"], "spam", "string, positive label absent"),
                          (["ham", "eggs"], ["ham", "eggs"], "spam", "string, positive not among two labels")]:
    add("fbeta", {"y_true_str": yt, "y_pred_str": yp, "beta": 1.5, "pos_label_str": pos},
        lambda: fbeta_score(yt, yp, beta=1.5, pos_label=pos), note)

# ---------------------------------------------------------------- qwk
for n, labels, pc in [(5, [0, 1, 2], 0.5), (20, [0, 1, 2, 3, 4], 0.6), (100, [0, 1, 2, 3, 4, 5], 0.4),
                      (300, [1, 2, 3, 4, 5, 6], 0.7), (500, [0, 1, 2, 3, 4], 0.2), (80, [0, 2, 7], 0.5),
                      (60, [-3, -1, 0, 10, 11], 0.5), (1000, list(range(10)), 0.3), (150, [0, 1], 0.5)]:
    lab = np.array(labels)
    yt = lab[rng.randint(0, len(lab), n)]
    near = np.clip(np.searchsorted(lab, yt) + rng.randint(-1, 2, n), 0, len(lab) - 1)
    yp = np.where(rng.rand(n) < pc, yt, lab[near])
    add("qwk", {"y_true": ints(yt), "y_pred_int": ints(yp)},
        lambda: cohen_kappa_score(yt, yp, weights="quadratic"), f"random n={n} labels={labels}")
for yt, yp, note in [([0, 1, 2, 3], [0, 1, 2, 3], "perfect"), ([0, 1, 2, 3], [3, 2, 1, 0], "reversed"),
                     ([0, 0, 0, 0], [0, 0, 1, 1], "constant y_true"), ([2, 2, 2], [2, 2, 2], "one label (NaN)"),
                     ([0, 4, 0, 4], [4, 0, 4, 0], "labels {0,4} weigh like {0,1}"),
                     ([1, 2, 3], [1, 2], "length mismatch")]:
    add("qwk", {"y_true": yt, "y_pred_int": yp}, lambda: cohen_kappa_score(yt, yp, weights="quadratic"), note)
# Over 1024 distinct labels the port switches to an O(k) moment formula for the expected term.
yt = rng.randint(0, 2500, 1500)
yp = np.clip(yt + rng.randint(-300, 301, 1500), 0, 2499)
assert len(np.union1d(yt, yp)) > 1024
add("qwk", {"y_true": ints(yt), "y_pred_int": ints(yp)}, lambda: cohen_kappa_score(yt, yp, weights="quadratic"),
    f"{len(np.union1d(yt, yp))} distinct labels")

# ---------------------------------------------------------------- log loss
for n, k, kind, weighted in [(5, 3, "dirichlet", False), (40, 3, "dirichlet", True), (100, 4, "grain", False),
                             (200, 5, "dirichlet6", False), (150, 6, "edges", True), (60, 3, "unnormalized", False),
                             (80, 2, "dirichlet", False), (50, 4, "outside", True), (150, 10, "dirichlet6", False)]:
    names = sorted(CLASS_NAMES[:k]) if k <= len(CLASS_NAMES) else sorted(f"class_{i}" for i in range(k))
    y = [names[i] for i in rng.randint(0, k, n)]
    if kind == "grain":
        P = probs(n, k, 7)
    elif kind == "edges":
        P = probs(n, k, 1)  # one-hot rows: exact 0 and 1 probabilities, clipped
        P[::3] = probs(len(P[::3]), k)
    elif kind == "unnormalized":
        P = rng.rand(n, k) * 2  # rows do not sum to 1: sklearn 1.5.1 warns, does not renormalize
    elif kind == "outside":
        P = probs(n, k) * 1.4 - 0.2  # below 0 and above 1: clipped
    elif kind == "dirichlet6":
        P = np.round(probs(n, k), 6)  # six decimals keep the file small; rows still sum to ~1
    else:
        P = probs(n, k)
    w = np.round(rng.rand(n) * 3, 2) if weighted else None
    add("log_loss_multiclass", {"y_true_str": y, "y_pred_cols": cols(P), "classes": names,
                                "sample_weight": None if w is None else floats(w)},
        lambda: log_loss(y, P, labels=names, sample_weight=w), f"random n={n} k={k} {kind} weighted={weighted}")
names = ["dog", "cat", "bird"]
y = ["cat", "dog", "bird", "cat", "cat"]
P = probs(5, 3)
perm = np.argsort(names)
add("log_loss_multiclass", {"y_true_str": y, "y_pred_cols": cols(P), "classes": names, "sample_weight": None},
    lambda: log_loss(y, P[:, perm], labels=sorted(names)), "classes given unsorted (sklearn value after sorting)")
add("log_loss_multiclass", {"y_true_str": ["a", "b"], "y_pred_cols": [[0.5, 0.5], [0.5, 0.5]], "classes": ["a", "b"],
                            "sample_weight": [1.0, -1.0]},
    lambda: log_loss(["a", "b"], [[0.5, 0.5], [0.5, 0.5]], labels=["a", "b"], sample_weight=[1.0, -1.0]),
    "weights sum to zero")
add("log_loss_multiclass", {"y_true_str": ["a", "a"], "y_pred_cols": [[1.0, 1.0]], "classes": ["a"],
                            "sample_weight": None},
    lambda: log_loss(["a", "a"], [[1.0], [1.0]], labels=["a"]), "a single class")
add("log_loss_multiclass", {"y_true_str": ["a", "b", "c"], "y_pred_cols": [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]],
                            "classes": ["a", "b", "c"], "sample_weight": None},
    lambda: log_loss(["a", "b", "c"], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]], labels=["a", "b", "c"]),
    "fewer probability columns than classes")

for n, kind, weighted in [(3, "full", False), (50, "full", True), (100, "edges", False), (200, "full", False),
                          (120, "outside", True), (1000, "round3", False)]:
    y = rng.randint(0, 2, n)
    y[0], y[1] = 0, 1
    p = rng.rand(n)
    if kind == "edges":
        p = np.where(rng.rand(n) < 0.5, np.round(p), p)  # exact 0 and 1, both right and wrong
    elif kind == "outside":
        p = p * 1.4 - 0.2
    elif kind == "round3":
        p = np.round(p, 3)
    w = np.round(rng.rand(n) * 2, 3) if weighted else None
    add("log_loss_binary", {"y_true": ints(y), "y_pred": floats(p), "labels": None,
                            "sample_weight": None if w is None else floats(w)},
        lambda: log_loss(y, p, sample_weight=w), f"random n={n} {kind} weighted={weighted}")
binary_ll_edges = [
    ([1, 1, 1], [0.9, 0.5, 1.0], [0, 1], "one class in y_true, labels given"),
    ([0, 0], [0.0, 1.0], [0, 1], "one class, p at 0 and 1"),
    ([1, 1, 1], [0.9, 0.5, 1.0], None, "one class in y_true, no labels"),
    ([3, 7, 7, 3], [0.2, 0.8, 0.6, 0.0], None, "labels {3,7}: p is P(7)"),
    ([0, 1, 2], [0.2, 0.8, 0.6], None, "three labels"),
    ([0, 1, 1, 0], [1e-20, 1 - 1e-17, 1.0, 0.0], None, "probabilities within eps of 0 and 1"),
]
for y, p, labels, note in binary_ll_edges:
    add("log_loss_binary", {"y_true": y, "y_pred": p, "labels": labels, "sample_weight": None},
        lambda: log_loss(y, p, labels=labels), note)

# ---------------------------------------------------------------- LRAP
for n, L, kind, density in [(1, 3, "full", 0.5), (5, 2, "full", 0.5), (20, 4, "round1", 0.3), (60, 6, "round1", 0.4),
                            (100, 8, "round2", 0.2), (200, 5, "full", 0.5), (50, 12, "round1", 0.3),
                            (40, 3, "binary01", 0.5), (30, 20, "round1", 0.1)]:
    Y = (rng.rand(n, L) < density).astype(int)
    S = np.column_stack([scores(n, kind) for _ in range(L)])
    add("lrap", {"y_true_cols": cols(Y), "y_score_cols": cols(S)},
        lambda: label_ranking_average_precision_score(Y, S), f"random n={n} L={L} {kind}")
lrap_edges = [
    ([[1, 0, 0], [0, 0, 1]], [[0.75, 0.5, 1.0], [1.0, 0.2, 0.1]], "sklearn docstring example"),
    ([[0, 0, 0], [1, 1, 1]], [[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]], "no relevant / all relevant rows"),
    ([[1, 0, 1, 0]], [[0.5, 0.5, 0.5, 0.5]], "all scores tied"),
    ([[0, 1, 1, 0], [1, 0, 0, 1]], [[0.5, 0.5, 0.5, 0.1], [0.9, 0.9, 0.1, 0.1]], "relevant tied with irrelevant"),
    ([[1], [0], [1]], [[0.3], [0.1], [0.9]], "a single label column"),
    ([[0, 2, 2, 0]], [[0.1, 0.4, 0.3, 0.2]], "indicator values {0,2}"),
    ([[0, 1, 2]], [[0.1, 0.4, 0.3]], "three distinct indicator values"),
]
for rows_y, rows_s, note in lrap_edges:
    Y, S = np.array(rows_y), np.array(rows_s, dtype=float)
    add("lrap", {"y_true_cols": cols(Y), "y_score_cols": cols(S)},
        lambda: label_ranking_average_precision_score(Y, S), note)

# ---------------------------------------------------------------- pfbeta
for n, beta, p in [(10, 1.0, 0.5), (100, 1.0, 0.1), (500, 1.0, 0.02), (200, 0.5, 0.3), (300, 2.0, 0.3), (50, 1.0, 0.5)]:
    y = (rng.rand(n) < p).astype(int)
    y[0] = 1
    pred = np.round(rng.rand(n) * 1.6 - 0.3, 4)  # some below 0 and above 1: clipped
    add("pfbeta", {"y_true": ints(y), "y_pred": floats(pred), "beta": beta},
        lambda: pfbeta(list(y), [float(x) for x in pred], beta), f"random n={n} beta={beta}")
pf_edges = [
    ([1, 0, 1, 0], [1.0, 0.0, 1.0, 0.0], 1.0, "perfect"),
    ([1, 0, 1, 0], [0.0, 1.0, 0.0, 1.0], 1.0, "worst: precision 0"),
    ([1, 0, 1, 0], [0.0, 0.0, 0.0, 0.0], 1.0, "all predictions 0"),
    ([0, 0, 0], [0.5, 0.2, 0.9], 1.0, "no positive labels"),
    ([1, 0, 2, 0], [0.7, 0.3, 2.0, -1.0], 1.0, "label 2 counts as positive; clipping"),
    ([1], [0.25], 3.0, "single row"),
]
for y, pred, beta, note in pf_edges:
    add("pfbeta", {"y_true": y, "y_pred": pred, "beta": beta}, lambda: pfbeta(y, pred, beta), note)

OUT.parent.mkdir(parents=True, exist_ok=True)
text = json.dumps(out, separators=(",", ":"), ensure_ascii=False)
OUT.write_text(text + "\n", encoding="utf-8")
total = sum(len(v) for v in out.values())
print(f"wrote {OUT} ({len(text.encode()) // 1024} KiB, {total} cases: "
      + ", ".join(f"{k}={len(v)}" for k, v in out.items()) + ")")
