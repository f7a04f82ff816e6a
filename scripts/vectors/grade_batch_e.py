#!/usr/bin/env python3
"""Reference grades for the graders of CompetitionGradersE.swift, on synthesized competitions.

Usage: grade_batch_e.py OUT_DIR
As scripts/vectors/grade_batch_d.py: per competition, OUT_DIR/<competition>/answers.csv in the
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
import pandas.api.types
from sklearn.metrics import roc_auc_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlebench_reference import InvalidSubmissionError, read_csv, set_cell, rle_encode, prepare_for_auroc_metric, CaseWriter  # noqa: E402

warnings.simplefilter("ignore")
out = sys.argv[1]


def rle_decode(rle_string, height, width):
    """mlebench.competitions.utils.rle_decode"""
    assert isinstance(rle_string, str)
    assert isinstance(height, int)
    assert isinstance(width, int)
    if not rle_string.strip():
        return np.zeros((height, width), dtype=bool)
    s = list(map(int, rle_string.split()))
    starts, lengths = s[0::2], s[1::2]
    assert starts == sorted(starts)
    assert all(x > 0 for x in starts)
    assert all(x > 0 for x in lengths)
    starts = np.array(starts) - 1
    ends = starts + lengths
    img = np.zeros(height * width, dtype=bool)
    for lo, hi in zip(starts, ends):
        assert not img[lo:hi].any()
        img[lo:hi] = True
    return img.reshape((width, height)).T


def dice_coefficient(predicted_mask, true_mask, both_empty_value=np.nan):
    """mlebench.metrics.dice_coefficient"""
    if np.sum(predicted_mask) == 0 and np.sum(true_mask) == 0:
        return both_empty_value
    return 2 * np.sum(predicted_mask * true_mask) / (np.sum(predicted_mask) + np.sum(true_mask))


# ---------------------------------------------------------------------------------------------
# Transcriptions of mlebench/competitions/<id>/grade.py

HMS_ID = "eeg_id"
HMS_TARGETS = ["seizure_vote", "lpd_vote", "gpd_vote", "lrda_vote", "grda_vote", "other_vote"]


class ParticipantVisibleError(Exception):
    pass


def verify_valid_probabilities(df, df_name):
    if not pandas.api.types.is_numeric_dtype(df.values):
        raise ParticipantVisibleError("numeric")
    if df.min().min() < 0:
        raise ParticipantVisibleError("min")
    if df.max().max() > 1:
        raise ParticipantVisibleError("max")
    if not np.allclose(df.sum(axis=1), 1):
        raise ParticipantVisibleError("sum")


def kl_divergence(solution, submission, epsilon, micro_average, sample_weights):
    for col in solution.columns:
        if not pandas.api.types.is_float_dtype(solution[col]):
            solution[col] = solution[col].astype(float)
        submission[col] = np.clip(submission[col], epsilon, 1 - epsilon)
        y_nonzero_indices = solution[col] != 0
        solution[col] = solution[col].astype(float)
        solution.loc[y_nonzero_indices, col] = solution.loc[y_nonzero_indices, col] * np.log(
            solution.loc[y_nonzero_indices, col] / submission.loc[y_nonzero_indices, col]
        )
        solution.loc[~y_nonzero_indices, col] = 0
    if micro_average:
        return np.average(solution.sum(axis=1), weights=sample_weights)
    return np.average(solution.mean())


def kl_score(solution, submission, row_id_column_name, epsilon=10**-15, micro_average=True):
    del solution[row_id_column_name]
    del submission[row_id_column_name]
    for col in solution.columns:
        if col not in submission.columns:
            raise ParticipantVisibleError(col)
    verify_valid_probabilities(solution, "solution")
    verify_valid_probabilities(submission, "submission")
    return kl_divergence(solution, submission, epsilon=epsilon, micro_average=micro_average, sample_weights=None)


def grade_hms(submission, answers):
    if HMS_ID not in submission.columns:
        raise InvalidSubmissionError("id")
    if not all(col in submission.columns for col in HMS_TARGETS):
        raise InvalidSubmissionError("targets")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("rows")
    if not (submission[HMS_TARGETS].sum(axis=1).apply(lambda x: round(x, 5) == 1).all()):
        raise InvalidSubmissionError("sum")
    if not set(answers[HMS_ID]) == set(submission[HMS_ID]):
        raise InvalidSubmissionError("ids")
    assert HMS_ID in answers.columns
    submission = submission.sort_values(HMS_ID).reset_index(drop=True)
    answers = answers.sort_values(HMS_ID).reset_index(drop=True)
    answers = answers.copy()[[HMS_ID] + HMS_TARGETS]
    answers[HMS_TARGETS] = answers[HMS_TARGETS].div(answers[HMS_TARGETS].sum(axis=1), axis=0)
    return kl_score(answers, submission, HMS_ID)


def grade_hubmap(submission, answers):
    id_col = "id"
    if id_col not in submission.columns:
        raise InvalidSubmissionError("id")
    if "predicted" not in submission.columns:
        raise InvalidSubmissionError("predicted")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("rows")
    if set(submission[id_col]) != set(answers[id_col]):
        raise InvalidSubmissionError("ids")
    submission = submission.sort_values(id_col).reset_index(drop=True)
    answers = answers.sort_values(id_col).reset_index(drop=True)
    submission["predicted"] = submission["predicted"].fillna("")
    heights = answers["height_pixels"].tolist()
    widths = answers["width_pixels"].tolist()
    pred = [rle_decode(e, height=h, width=w) for e, h, w in zip(submission["predicted"].to_list(), heights, widths)]
    true = [rle_decode(e, height=h, width=w) for e, h, w in zip(answers["encoding"], heights, widths)]
    return np.mean([dice_coefficient(p, t, both_empty_value=1.0) for p, t in zip(pred, true)])


def grade_contrails(submission, answers):
    assert set(answers.columns) == {"record_id", "encoded_pixels", "height", "width"}
    if not {"record_id", "encoded_pixels"}.issubset(set(submission.columns)):
        raise InvalidSubmissionError("columns")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("rows")
    submission = submission.sort_values(by="record_id")
    answers = answers.sort_values(by="record_id")
    if (submission["record_id"].values != answers["record_id"].values).any():
        raise InvalidSubmissionError("ids")
    submission["encoded_pixels"] = submission["encoded_pixels"].replace("-", "")
    answers["encoded_pixels"] = answers["encoded_pixels"].replace("-", "")
    y_preds_rle = submission["encoded_pixels"].values
    y_trues_rle, hs, ws = answers["encoded_pixels"].values, answers["height"].values, answers["width"].values
    y_preds = np.array([rle_decode(r, height=int(h), width=int(w)) for r, h, w in zip(y_trues_rle, hs, ws)])
    y_trues = np.array([rle_decode(r, height=int(h), width=int(w)) for r, h, w in zip(y_preds_rle, hs, ws)])
    return dice_coefficient(y_trues.ravel(), y_preds.ravel())


def grade_mlsp(submission, answers):
    inputs = prepare_for_auroc_metric(submission=submission, answers=answers, id_col="Id", target_col="Probability")
    return roc_auc_score(y_true=inputs["y_true"], y_score=inputs["y_score"])


def grade_icecube(submission, answers):
    if set(submission.columns) != {"azimuth", "zenith", "event_id"}:
        raise InvalidSubmissionError("columns")
    if not np.issubdtype(submission["azimuth"].dtype, np.number):
        raise InvalidSubmissionError("azimuth")
    if not np.issubdtype(submission["zenith"].dtype, np.number):
        raise InvalidSubmissionError("zenith")
    if not np.all(np.isfinite(submission["azimuth"])):
        raise InvalidSubmissionError("azimuth")
    if not np.all(np.isfinite(submission["zenith"])):
        raise InvalidSubmissionError("zenith")
    if submission["azimuth"].isnull().any():
        raise InvalidSubmissionError("azimuth")
    if submission["zenith"].isnull().any():
        raise InvalidSubmissionError("zenith")
    assert set(answers.columns) == {"azimuth", "zenith", "event_id"}
    if len(submission) != len(answers):
        raise InvalidSubmissionError("rows")
    if set(submission["event_id"]) != set(answers["event_id"]):
        raise InvalidSubmissionError("ids")
    submission = submission.sort_values("event_id")
    answers = answers.sort_values("event_id")
    az_true, zen_true = answers["azimuth"].to_numpy(), answers["zenith"].to_numpy()
    az_pred, zen_pred = submission["azimuth"].to_numpy(), submission["zenith"].to_numpy()
    sa1, ca1, sz1, cz1 = np.sin(az_true), np.cos(az_true), np.sin(zen_true), np.cos(zen_true)
    sa2, ca2, sz2, cz2 = np.sin(az_pred), np.cos(az_pred), np.sin(zen_pred), np.cos(zen_pred)
    scalar_prod = sz1 * sz2 * (ca1 * ca2 + sa1 * sa2) + (cz1 * cz2)
    scalar_prod = np.clip(scalar_prod, -1, 1)
    return np.average(np.abs(np.arccos(scalar_prod)))


# ---------------------------------------------------------------------------------------------
# Cases

writer = CaseWriter(out)
Competition = writer.competition


def random_mask(rng, h, w, density):
    m = rng.rand(h, w) < density
    return np.repeat(m[:, : (w + 1) // 2], 2, axis=1)[:, :w]


# hms-harmful-brain-activity-classification
rng = np.random.RandomState(501)
n = 30
ans = pd.DataFrame({
    "eeg_id": rng.permutation(np.arange(100000, 100000 + 7 * n, 7)),
    "eeg_sub_id": rng.randint(0, 5, n),
    "patient_id": rng.randint(1000, 9999, n),
    "expert_consensus": "Other",
})
votes = rng.randint(0, 4, (n, 6))
votes[votes.sum(axis=1) == 0, 2] = 1
for j, k in enumerate(HMS_TARGETS):
    ans[k] = votes[:, j]
c = Competition("hms-harmful-brain-activity-classification", "KL-divergence", grade_hms, ans)
c.emit("sample", ans[["eeg_id"]].assign(**{k: 1 / 6 for k in HMS_TARGETS}))
perfect = ans[["eeg_id"]].copy()
for j, k in enumerate(HMS_TARGETS):
    perfect[k] = votes[:, j] / votes.sum(axis=1)
c.emit("perfect", perfect)
p = np.round(votes / votes.sum(axis=1, keepdims=True) * 0.7 + rng.dirichlet(np.ones(6), n) * 0.3, 6)
p[:, 5] = 1 - p[:, :5].sum(axis=1)
noisy = ans[["eeg_id"]].copy()
for j, k in enumerate(HMS_TARGETS):
    noisy[k] = p[:, j]
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=502))
c.emit("reordered-columns", noisy[HMS_TARGETS[::-1] + ["eeg_id"]])
zero = noisy.copy()
zero.loc[zero.index[0], HMS_TARGETS] = [0, 0, 0, 0, 0, 1]
c.emit("zero-probabilities", zero)
c.emit("extra-zero-column", noisy.assign(extra=0.0))
c.emit("extra-half-column", noisy.assign(extra=0.5))
c.emit("extra-text-column", noisy.assign(note="x"))
c.emit("rows-not-summing", noisy.assign(other_vote=noisy["other_vote"] + 0.01))
neg = noisy.copy()
neg.loc[neg.index[1], "seizure_vote"] -= 2
neg.loc[neg.index[1], "lpd_vote"] += 2
c.emit("out-of-range", neg)
c.emit("missing-target", noisy.drop(columns=["grda_vote"]))
c.emit("unknown-id", set_cell(noisy, 4, "eeg_id", 1))
c.common_invalid(noisy, "eeg_id")

# hubmap-kidney-segmentation
rng = np.random.RandomState(511)
n = 8
sizes = [(rng.randint(20, 40), rng.randint(20, 40)) for _ in range(n)]
masks = [random_mask(rng, h, w, 0.3) for h, w in sizes]
ans = pd.DataFrame({
    "id": [f"img{i:02d}{'abcdefgh'[i]}" for i in rng.permutation(n)],
    "encoding": [rle_encode(m) for m in masks],
    "width_pixels": [w for _, w in sizes],
    "height_pixels": [h for h, _ in sizes],
})
c = Competition("hubmap-kidney-segmentation", "dice-coefficient", grade_hubmap, ans)
c.emit("sample", ans[["id"]].assign(predicted=""))
c.emit("perfect", ans[["id"]].assign(predicted=ans["encoding"]))
noisy_masks = [m ^ (rng.rand(*m.shape) < 0.1) for m in masks]
noisy_masks[3][:] = False  # an empty prediction of a non-empty mask
noisy = ans[["id"]].assign(predicted=[rle_encode(m) for m in noisy_masks])
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=512))
c.emit("one-empty", set_cell(noisy, 1, "predicted", np.nan))
c.emit("past-the-end", set_cell(noisy, 2, "predicted", noisy["predicted"].iloc[2] + " 5000 100"))
c.emit("unsorted-runs", set_cell(noisy, 2, "predicted", "50 3 10 2"))
c.emit("overlapping-runs", set_cell(noisy, 2, "predicted", "10 5 12 2"))
c.emit("zero-length", set_cell(noisy, 2, "predicted", "10 0"))
c.emit("not-numbers", set_cell(noisy, 2, "predicted", "a b"))
c.emit("extra-column", noisy.assign(extra=1))
c.emit("unknown-id", set_cell(noisy, 4, "id", "zzz"))
c.emit("renamed-column", noisy.rename(columns={"predicted": "encoding"}))
c.common_invalid(noisy, "id")

# google-research-identify-contrails-reduce-global-warming
rng = np.random.RandomState(521)
n = 10
masks = [random_mask(rng, 16, 16, 0.15) if i % 3 else np.zeros((16, 16), bool) for i in range(n)]
ans = pd.DataFrame({
    "record_id": rng.permutation(np.arange(10**15, 10**15 + 97 * n, 97)),
    "encoded_pixels": [rle_encode(m) or "-" for m in masks],
    "height": 16,
    "width": 16,
})
c = Competition("google-research-identify-contrails-reduce-global-warming", "global-dice", grade_contrails, ans)
c.emit("sample", ans[["record_id"]].assign(encoded_pixels="-"))
c.emit("perfect", ans[["record_id", "encoded_pixels"]])
noisy_masks = [m ^ (rng.rand(16, 16) < 0.05) for m in masks]
noisy = ans[["record_id"]].assign(encoded_pixels=[rle_encode(m) or "-" for m in noisy_masks])
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=522))
c.emit("extra-column", noisy.assign(height=16))
c.emit("one-empty-cell", set_cell(noisy, 1, "encoded_pixels", np.nan))
c.emit("dash-with-space", set_cell(noisy, 1, "encoded_pixels", " - "))
c.emit("blank-mask", set_cell(noisy, 1, "encoded_pixels", " "))
c.emit("unsorted-runs", set_cell(noisy, 2, "encoded_pixels", "50 3 10 2"))
c.emit("overlapping-runs", set_cell(noisy, 2, "encoded_pixels", "10 5 12 2"))
c.emit("unknown-id", set_cell(noisy, 4, "record_id", 5))
c.common_invalid(noisy, "record_id")

# mlsp-2013-birds
rng = np.random.RandomState(531)
n = 60
ans = pd.DataFrame({"Id": rng.permutation(np.arange(100, 100 + n * 100 + 19 * 100, 100))[:n] + rng.randint(0, 19, n)})
ans = ans.drop_duplicates("Id").reset_index(drop=True)
ans["Probability"] = (rng.rand(len(ans)) < 0.2).astype(int)
c = Competition("mlsp-2013-birds", "auc-roc", grade_mlsp, ans)
c.emit("sample", ans.assign(Probability=0))
c.emit("perfect", ans)
noisy = ans.assign(Probability=np.round(np.clip(ans["Probability"] * 0.3 + rng.rand(len(ans)) * 0.7, 0, 1), 2))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=532))
c.emit("out-of-range", set_cell(noisy, 3, "Probability", 1.2))
c.emit("text-value", set_cell(noisy, 3, "Probability", "high", dtype=object))
c.emit("unknown-id", set_cell(noisy, 4, "Id", 7))
c.emit("extra-column", noisy.assign(extra=1))
c.common_invalid(noisy, "Id")

# icecube-neutrinos-in-deep-ice
rng = np.random.RandomState(541)
n = 150
ans = pd.DataFrame({
    "event_id": rng.permutation(np.arange(2000, 2000 + 11 * n, 11)),
    "azimuth": np.round(rng.rand(n) * 2 * np.pi, 6),
    "zenith": np.round(rng.rand(n) * np.pi, 6),
})
c = Competition("icecube-neutrinos-in-deep-ice", "mean-angular-error", grade_icecube, ans)
c.emit("sample", ans[["event_id"]].assign(azimuth=1, zenith=1))
c.emit("perfect", ans[["event_id", "azimuth", "zenith"]])
noisy = ans.assign(azimuth=np.round(ans["azimuth"] + rng.randn(n) * 0.5, 4), zenith=np.round(ans["zenith"] + rng.randn(n) * 0.3, 4))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=542))
c.emit("reordered-columns", noisy[["zenith", "azimuth", "event_id"]])
c.emit("opposite", ans.assign(azimuth=ans["azimuth"] + np.pi, zenith=np.pi - ans["zenith"]))
c.emit("nan-value", set_cell(noisy, 2, "azimuth", np.nan))
c.emit("text-value", set_cell(noisy, 2, "zenith", "up", dtype=object))
c.emit("bool-column", noisy.assign(zenith=True))
c.emit("extra-column", noisy.assign(extra=1))
c.emit("unknown-id", set_cell(noisy, 4, "event_id", 1))
c.common_invalid(noisy, "event_id")

writer.write_manifest()
