#!/usr/bin/env python3
"""Reference grades for the graders of CompetitionGradersF.swift, on synthesized competitions.

Usage: grade_batch_f.py OUT_DIR
As scripts/vectors/grade_batch_e.py: per competition, OUT_DIR/<competition>/answers.csv in the
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
from sklearn.metrics import fbeta_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlebench_reference import InvalidSubmissionError, read_csv, rle_decode, set_cell, CaseWriter  # noqa: E402

warnings.simplefilter("ignore")
out = sys.argv[1]


# ---------------------------------------------------------------------------------------------
# Transcriptions of mlebench/competitions/<id>/grade.py

def vesuvius_grade_row(submission, answer):
    expected_submission_indices = ["Id", "Predicted"]
    expected_answer_indices = expected_submission_indices + ["width", "height"]
    assert set(answer.index) == set(expected_answer_indices)
    if len(submission) != len(expected_submission_indices):
        raise InvalidSubmissionError("indices")
    if not set(submission.index).issuperset(set(expected_submission_indices)):
        raise InvalidSubmissionError("columns")
    assert submission["Id"] == answer["Id"]
    submission_rle = submission["Predicted"]
    answer_rle = answer["Predicted"]
    if not isinstance(submission_rle, str):
        raise InvalidSubmissionError("string")
    assert isinstance(answer_rle, str)
    width = int(answer["width"])
    height = int(answer["height"])
    try:
        submission_matrix = rle_decode(submission_rle, height=width, width=height).T
    except AssertionError as e:
        raise InvalidSubmissionError(f"rle: {e}")
    answer_matrix = rle_decode(answer_rle, height=width, width=height).T
    assert submission_matrix.shape == (height, width)
    assert submission_matrix.shape == answer_matrix.shape
    y_pred = submission_matrix.flatten().astype(bool)
    y_true = answer_matrix.flatten().astype(bool)
    assert np.isclose(submission_matrix.sum().sum(), y_pred.sum())
    return fbeta_score(y_true=y_true, y_pred=y_pred, beta=0.5)


def grade_vesuvius(submission, answers):
    scores = []
    if len(submission) != len(answers):
        raise InvalidSubmissionError("rows")
    for (_, actual), (_, expected) in zip(submission.iterrows(), answers.iterrows()):
        scores.append(vesuvius_grade_row(actual, expected))
    return np.mean(scores)


# smartphone-decimeter-2022/notebook.py
HAVERSINE_RADIUS = 6_371_000


def haversine_distance(lat1, lng1, lat2, lng2):
    dlat = lat2 - lat1
    dlng = lng2 - lng1
    a = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlng / 2) ** 2
    return 2 * HAVERSINE_RADIUS * np.arcsin(np.sqrt(a))


def calc_score(pred_df, gt_df):
    d = haversine_distance(
        np.deg2rad(pred_df["LatitudeDegrees"].to_numpy()), np.deg2rad(pred_df["LongitudeDegrees"].to_numpy()),
        np.deg2rad(gt_df["LatitudeDegrees"].to_numpy()), np.deg2rad(gt_df["LongitudeDegrees"].to_numpy()),
    )
    return np.mean([np.quantile(d, 0.50), np.quantile(d, 0.95)])


def grade_smartphone(submission, answers):
    for col in ["tripId", "UnixTimeMillis", "LatitudeDegrees", "LongitudeDegrees"]:
        assert col in answers.columns
    for col in ["tripId", "UnixTimeMillis", "LatitudeDegrees", "LongitudeDegrees"]:
        if col not in submission.columns:
            raise InvalidSubmissionError(col)
    if len(submission) != len(answers):
        raise InvalidSubmissionError("rows")
    scores = []
    for trip_id in answers["tripId"].unique():
        filtered_answers = answers[answers["tripId"] == trip_id]
        filtered_submission = submission[submission["tripId"] == trip_id]
        if len(filtered_submission) != len(filtered_answers):
            raise InvalidSubmissionError("trip rows")
        scores.append(calc_score(filtered_submission, filtered_answers))
    return np.mean(scores)


# ---------------------------------------------------------------------------------------------
# Cases

writer = CaseWriter(out)
Competition = writer.competition


def rle_encode_rows(mask):
    """Vesuvius RLE: row-major, 1-based starts."""
    dots = np.where(mask.flatten())[0]
    runs, prev = [], -2
    for b in dots:
        if b > prev + 1:
            runs.extend((b + 1, 0))
        runs[-1] += 1
        prev = b
    return " ".join(map(str, runs))


# vesuvius-challenge-ink-detection
rng = np.random.RandomState(601)
n = 6
sizes = [(rng.randint(10, 30), rng.randint(10, 30)) for _ in range(n)]
masks = [(rng.rand(h, w) < 0.3) if i != 2 else np.zeros((h, w), bool) for i, (h, w) in enumerate(sizes)]
ans = pd.DataFrame({
    "Id": list("abcdef"),
    "Predicted": [rle_encode_rows(m) or " " for m in masks],  # a blank cell is an empty mask
    "width": [w for _, w in sizes],
    "height": [h for h, _ in sizes],
})
c = Competition("vesuvius-challenge-ink-detection", "f0.5-score", grade_vesuvius, ans)
c.emit("sample", ans[["Id"]].assign(Predicted="1 1 5 1"))
c.emit("perfect", ans[["Id", "Predicted"]])
noisy_masks = [m ^ (rng.rand(*m.shape) < 0.15) for m in masks]
noisy_masks[4][:] = False  # an empty prediction of a non-empty mask
noisy = ans[["Id"]].assign(Predicted=[rle_encode_rows(m) or " " for m in noisy_masks])
c.emit("noisy", noisy)
c.emit("reordered-columns", noisy[["Predicted", "Id"]])
both_empty = set_cell(noisy, 2, "Predicted", " ")
c.emit("both-empty", both_empty)
c.emit("shuffled", noisy.sample(frac=1, random_state=602))
c.emit("one-nan", set_cell(noisy, 1, "Predicted", np.nan))
c.emit("past-the-end", set_cell(noisy, 0, "Predicted", noisy["Predicted"].iloc[0] + " 5000 100"))
c.emit("odd-tokens", set_cell(noisy, 0, "Predicted", noisy["Predicted"].iloc[0] + " 5000"))
c.emit("unsorted-runs", set_cell(noisy, 2, "Predicted", "50 3 10 2"))
c.emit("overlapping-runs", set_cell(noisy, 2, "Predicted", "10 5 12 2"))
c.emit("zero-length", set_cell(noisy, 2, "Predicted", "10 0"))
c.emit("not-numbers", set_cell(noisy, 2, "Predicted", "a b"))
c.emit("extra-column", noisy.assign(extra=1))
c.emit("unknown-id", set_cell(noisy, 4, "Id", "zzz"))
c.emit("renamed-column", noisy.rename(columns={"Predicted": "rle"}))
c.emit("missing-rows", noisy.iloc[:-2])
c.emit("extra-row", pd.concat([noisy, noisy.iloc[[2]]]))
c.emit("no-id-column", noisy.drop(columns=["Id"]))
c.emit("empty", raw=b"")

# smartphone-decimeter-2022
rng = np.random.RandomState(611)
trips = [("2021-08-24-US-SVL-1/GooglePixel5", 40), ("2021-09-07-US-MTV-1/SamsungGalaxyS20Ultra", 1),
         ("2022-04-25-US-OAK-2/GooglePixel4", 2), ("2022-01-11-US-MTV-1/XiaomiMi8", 67)]
rows = []
for trip, k in trips:
    t0 = 1630000000000 + rng.randint(0, 10**9)
    lat, lng = 37.3 + rng.rand() * 0.2, -122.1 + rng.rand() * 0.2
    for i in range(k):
        lat += rng.randn() * 1e-4
        lng += rng.randn() * 1e-4
        rows.append((trip, t0 + 1000 * i, round(lat, 9), round(lng, 9), round(rng.rand() * 10, 3)))
ans = pd.DataFrame(rows, columns=["tripId", "UnixTimeMillis", "LatitudeDegrees", "LongitudeDegrees", "SpeedMps"])
c = Competition("smartphone-decimeter-2022", "average-haversine-distance", grade_smartphone, ans)
cols = ["tripId", "UnixTimeMillis", "LatitudeDegrees", "LongitudeDegrees"]
c.emit("sample", ans[["tripId", "UnixTimeMillis"]].assign(LatitudeDegrees=37.904611315634504, LongitudeDegrees=-86.48107806249548))
c.emit("perfect", ans[cols])
m = len(ans)
noisy = ans[cols].assign(LatitudeDegrees=np.round(ans["LatitudeDegrees"] + rng.randn(m) * 3e-5, 9),
                         LongitudeDegrees=np.round(ans["LongitudeDegrees"] + rng.randn(m) * 3e-5, 9))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=612))
c.emit("trips-reordered", pd.concat([noisy[noisy["tripId"] == t] for t, _ in trips[::-1]]))
c.emit("reordered-columns", noisy[cols[::-1]])
c.emit("extra-column", noisy.assign(SpeedMps=1.0))
c.emit("nan-value", set_cell(noisy, 5, "LatitudeDegrees", np.nan))
c.emit("text-value", set_cell(noisy, 5, "LongitudeDegrees", "west", dtype=object))
c.emit("int-coordinates", noisy.assign(LatitudeDegrees=37, LongitudeDegrees=-122))
c.emit("moved-row", set_cell(noisy, 0, "tripId", trips[1][0]))
c.emit("unknown-trip", set_cell(noisy, 0, "tripId", "nowhere/Phone"))
c.emit("no-time-column", noisy.drop(columns=["UnixTimeMillis"]))
c.emit("missing-rows", noisy.iloc[:-3])
c.emit("extra-row", pd.concat([noisy, noisy.iloc[[2]]]))
c.emit("no-trip-column", noisy.drop(columns=["tripId"]))
c.emit("empty", raw=b"")

writer.write_manifest()
