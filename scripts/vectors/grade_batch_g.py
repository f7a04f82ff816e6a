#!/usr/bin/env python3
"""Reference grades for the graders of CompetitionGradersG.swift, on synthesized competitions.

Usage: grade_batch_g.py OUT_DIR
As scripts/vectors/grade_batch_f.py: per competition, OUT_DIR/<competition>/answers.csv in the
columns of MLE-bench's prepared private file, submissions beside it, each graded by a
transcription of that competition's MLE-bench grade.py inside `Grader.__call__` (exception:
invalid; else round(score, 5)); OUT_DIR/<competition>/cases.json lists the cases (`nan` marks a valid
submission MLE-bench scores NaN).

Deterministic (seeded numpy RandomState). Tested with Python 3, pandas 2.2.2, scikit-learn 1.5.1.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn import metrics

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlebench_reference import InvalidSubmissionError, read_csv, set_cell, CaseWriter  # noqa: E402

warnings.simplefilter("ignore")
out = sys.argv[1]


# ---------------------------------------------------------------------------------------------
# Transcription of mlebench/competitions/alaska2-image-steganalysis/grade.py

def insert_thresholds(fpr, tpr, tpr_thresholds):
    fpr_ = fpr.tolist().copy()
    tpr_ = tpr.tolist().copy()
    for threshold in tpr_thresholds:
        if threshold not in tpr_:
            for i, tpr_val in enumerate(tpr_):
                if tpr_val > threshold:
                    new_fpr = fpr_[i - 1] + (fpr_[i] - fpr_[i - 1]) * (threshold - tpr_[i - 1]) / (
                        tpr_[i] - tpr_[i - 1]
                    )
                    tpr_.insert(i, threshold)
                    fpr_.insert(i, new_fpr)
                    break
    return np.array(fpr_), np.array(tpr_)


def alaska_weighted_auc(y_true, y_pred):
    tpr_thresholds = [0.0, 0.4, 1.0]
    weights = [2, 1]
    fpr, tpr, thresholds = metrics.roc_curve(y_true, y_pred, pos_label=1)
    fpr, tpr = insert_thresholds(fpr, tpr, tpr_thresholds)
    areas = np.array(tpr_thresholds[1:]) - np.array(tpr_thresholds[:-1])
    competition_metric = 0
    for idx, weight in enumerate(weights):
        y_min = tpr_thresholds[idx]
        y_max = tpr_thresholds[idx + 1]
        mask = (y_min <= tpr) & (tpr <= y_max)
        if mask.sum() == 0:
            continue
        xs = fpr[mask]
        ys = tpr[mask]
        xs = np.concatenate([xs, [1]])
        ys = np.concatenate([ys, [y_max]])
        ys = ys - y_min
        score = metrics.auc(xs, ys)
        submetric = score * weight
        competition_metric += submetric
    normalization = np.dot(areas, weights)
    return competition_metric / normalization


def alaska_prepare_for_metric(submission, answers):
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if "Id" not in submission.columns:
        raise InvalidSubmissionError("Id")
    if "Label" not in submission.columns:
        raise InvalidSubmissionError("Label")
    submission = submission.sort_values("Id")
    answers = answers.sort_values("Id")
    if (submission["Id"].values != answers["Id"].values).any():
        raise InvalidSubmissionError("ids")
    try:
        submission["Label"] = submission["Label"].astype(float)
    except ValueError:
        raise InvalidSubmissionError("numbers")
    answers["Label"] = answers["Label"].astype(float)
    assert not answers["Label"].isnull().any()
    if submission["Label"].isnull().any():
        raise InvalidSubmissionError("nan")
    return answers["Label"], submission["Label"]


def grade_alaska(submission, answers):
    y_true, y_pred = alaska_prepare_for_metric(submission, answers)
    return alaska_weighted_auc(np.array(y_true), np.array(y_pred))


# ---------------------------------------------------------------------------------------------
# Cases

writer = CaseWriter(out)
Competition = writer.competition


# alaska2-image-steganalysis
rng = np.random.RandomState(701)
n = 300
labels = (rng.rand(n) < 0.25).astype(int)  # about a quarter stego, as MLE-bench's split
ans = pd.DataFrame({"Id": [f"{i:04d}.jpg" for i in range(n)], "Label": labels})
ans = ans.sample(frac=1, random_state=702).reset_index(drop=True)
c = Competition("alaska2-image-steganalysis", "weighted-auroc", grade_alaska, ans)
y = ans["Label"].to_numpy()
c.emit("sample", ans[["Id"]].assign(Label=0))
c.emit("perfect", ans[["Id", "Label"]])
c.emit("inverted", ans[["Id"]].assign(Label=1 - y))
c.emit("random", ans[["Id"]].assign(Label=rng.rand(n)))
noisy = ans[["Id"]].assign(Label=np.clip(y * 0.6 + rng.randn(n) * 0.35, -0.5, 1.5))
c.emit("noisy", noisy)
c.emit("weak", ans[["Id"]].assign(Label=y * 0.2 + rng.rand(n)))
c.emit("ties-coarse", ans[["Id"]].assign(Label=np.round(y * 0.5 + rng.rand(n), 1)))
c.emit("ties-few", ans[["Id"]].assign(Label=rng.randint(0, 3, n) + y))
c.emit("ties-binary", ans[["Id"]].assign(Label=np.where(rng.rand(n) < 0.8, y, 1 - y)))
c.emit("large-logits", ans[["Id"]].assign(Label=(y * 2 + rng.randn(n)) * 1e6))
c.emit("constant", ans[["Id"]].assign(Label=0.5))
c.emit("int-ranks", ans[["Id"]].assign(Label=np.argsort(np.argsort(y + rng.rand(n) * 1.5))))
c.emit("shuffled", noisy.sample(frac=1, random_state=703))
c.emit("reordered-columns", noisy[["Label", "Id"]])
c.emit("extra-column", noisy.assign(extra=1))
c.emit("bool-labels", ans[["Id"]].assign(Label=np.where(rng.rand(n) < 0.7, y, 1 - y).astype(bool)))
c.emit("nan-value", set_cell(noisy, 7, "Label", np.nan))
c.emit("text-value", set_cell(noisy, 7, "Label", "high", dtype=object))
c.emit("inf-value", set_cell(noisy, 7, "Label", np.inf))
c.emit("unknown-id", set_cell(noisy, 4, "Id", "9999.jpg"))
c.emit("repeated-id", set_cell(noisy, 4, "Id", noisy["Id"].iloc[5]))
c.emit("renamed-column", noisy.rename(columns={"Label": "label"}))
c.emit("no-id-column", noisy.drop(columns=["Id"]))
c.emit("missing-rows", noisy.iloc[:-2])
c.emit("extra-row", pd.concat([noisy, noisy.iloc[[2]]]))
c.emit("empty", raw=b"")

writer.write_manifest()
