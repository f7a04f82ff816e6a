#!/usr/bin/env python3
"""Reference grades for the graders of CompetitionGradersC.swift, on synthesized competitions.

Usage: grade_batch_c.py OUT_DIR
As scripts/vectors/grade_more.py: per competition, OUT_DIR/<competition>/answers.csv in the
columns of MLE-bench's prepared private file, submissions beside it, each graded by a
transcription of that competition's MLE-bench grade.py inside `Grader.__call__` (exception:
invalid; else round(score, 5)); OUT_DIR/<competition>/cases.json lists the cases (`nan` marks a valid
submission MLE-bench scores NaN).

Deterministic (seeded numpy RandomState). Tested with Python 3.11, pandas 2.2.2, numpy 1.26.4,
scikit-learn 1.5.1, Levenshtein 0.25.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
from Levenshtein import distance
from sklearn.metrics import (accuracy_score, f1_score, log_loss, matthews_corrcoef, mean_absolute_error,

                             roc_auc_score, root_mean_squared_error)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlebench_reference import InvalidSubmissionError, read_csv, prepare_for_accuracy_metric, prepare_for_auroc_metric, apk, rle_decode, set_cell, CaseWriter  # noqa: E402

warnings.simplefilter("ignore")
out = sys.argv[1]


# ---------------------------------------------------------------------------------------------
# mlebench.competitions.utils and mlebench.metrics


def mean_average_precision_at_k(actual, predicted, k=10):
    return np.mean([apk(a, p, k) for a, p in zip(actual, predicted)])


# ---------------------------------------------------------------------------------------------
# Transcriptions of mlebench/competitions/<id>/grade.py


def auroc_grader(idc, target):
    def grade(submission, answers):
        inputs = prepare_for_auroc_metric(submission, answers, id_col=idc, target_col=target)
        return roc_auc_score(y_true=inputs["y_true"], y_score=inputs["y_score"])
    return grade


# Kaggle's 11 label columns, all kept in MLE-bench's private test.csv; MLE-bench's classes.py (@ 783b15af,
# the commit of its checksums) grades the first 9 only.
RANZCR_LABELS = ["ETT - Abnormal", "ETT - Borderline", "ETT - Normal", "NGT - Abnormal", "NGT - Borderline",
                 "NGT - Incompletely Imaged", "NGT - Normal", "CVC - Abnormal", "CVC - Borderline", "CVC - Normal",
                 "Swan Ganz Catheter Present"]
RANZCR = RANZCR_LABELS[:9]


def grade_ranzcr(submission, answers):
    for class_name in RANZCR:
        assert class_name in answers.columns
        if class_name not in submission.columns:
            raise InvalidSubmissionError("class")
    assert len(submission) == len(answers)
    scores = []
    for class_name in RANZCR:
        inputs = prepare_for_auroc_metric(submission, answers, id_col="StudyInstanceUID", target_col=class_name)
        scores.append(roc_auc_score(inputs["y_true"], inputs["y_score"]))
    return np.average(scores)


def grade_plant_2020(submission, answers):
    cols = ["image_id", "healthy", "multiple_diseases", "rust", "scab"]
    assert set(answers.columns) == set(cols)
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if set(submission.columns) != set(cols):
        raise InvalidSubmissionError("columns")
    s = submission.sort_values(by="image_id").reset_index(drop=True)
    a = answers.sort_values(by="image_id").reset_index(drop=True)
    if not all(s["image_id"] == a["image_id"]):
        raise InvalidSubmissionError("ids")
    return np.mean([roc_auc_score(y_true=a[c], y_score=s[c]) for c in cols[1:]])


def grade_paddy(submission, answers):
    expected = set(["image_id", "label"])
    assert set(answers.columns).issuperset(expected)
    assert not answers.isnull().values.any()
    if not set(submission.columns).issuperset(expected):
        raise InvalidSubmissionError("columns")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    s = submission.sort_values(by="image_id").reset_index(drop=True)
    a = answers.sort_values(by="image_id").reset_index(drop=True)
    if (s["image_id"].values != a["image_id"].values).any():
        raise InvalidSubmissionError("ids")
    return accuracy_score(y_true=a["label"], y_pred=s["label"].fillna("").tolist())


def grade_speech(submission, answers):
    return accuracy_score(**prepare_for_accuracy_metric(submission, answers, target_column="label", id_column="fname"))


def text_norm_grader(russian):
    def grade(submission, answers):
        target_column, id_column = "after", "id"
        assert target_column in answers.columns and id_column in answers.columns
        if len(submission) != len(answers):
            raise InvalidSubmissionError("length")
        if target_column not in submission.columns:
            raise InvalidSubmissionError("target")
        if id_column not in submission.columns:
            raise InvalidSubmissionError("id")
        submission = submission.sort_values(id_column)
        answers = answers.sort_values(id_column)
        if (submission[id_column].values != answers[id_column].values).any():
            raise InvalidSubmissionError("ids")
        submission[target_column] = submission[target_column].astype(str)
        answers[target_column] = answers[target_column].astype(str)
        if russian:
            y_pred = submission[target_column].to_numpy(dtype=str)
            y_true = answers[target_column].to_numpy(dtype=str)
        else:
            y_pred = submission[target_column].to_numpy()
            y_true = answers[target_column].to_numpy()
        return accuracy_score(y_pred=y_pred, y_true=y_true)
    return grade


def grade_seedlings(submission, answers):
    assert "file" in answers.columns and "species" in answers.columns
    if "file" not in submission.columns or "species" not in submission.columns:
        raise InvalidSubmissionError("columns")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    submission = submission.sort_values("file")
    answers = answers.sort_values("file")
    if (submission["file"].values != answers["file"].values).any():
        raise InvalidSubmissionError("ids")
    return f1_score(y_true=answers["species"].tolist(), y_pred=submission["species"].tolist(), average="micro")


def grade_nfl(submission, answers):
    assert "contact_id" in answers.columns and "contact" in answers.columns
    if not {"contact_id", "contact"}.issubset(set(submission.columns)):
        raise InvalidSubmissionError("columns")
    if not set(submission["contact_id"]) == set(answers["contact_id"]):
        raise InvalidSubmissionError("ids")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    submission = submission.sort_values("contact_id")
    answers = answers.sort_values("contact_id")
    return matthews_corrcoef(answers["contact"], submission["contact"])


def grade_statoil(submission, answers):
    assert "id" in answers.columns and "is_iceberg" in answers.columns
    if "id" not in submission.columns or "is_iceberg" not in submission.columns:
        raise InvalidSubmissionError("columns")
    if set(submission["id"]) != set(answers["id"]):
        raise InvalidSubmissionError("ids")
    if not ((submission["is_iceberg"] >= 0) & (submission["is_iceberg"] <= 1)).all():
        raise InvalidSubmissionError("range")
    submission = submission.sort_values("id")
    answers = answers.sort_values("id")
    return log_loss(answers["is_iceberg"], submission["is_iceberg"])


CERVICAL = ["patient_overall", "C1", "C2", "C3", "C4", "C5", "C6", "C7"]


def grade_cervical(submission, answers):
    def unmelt_df(melted_df, id_col, target_col):
        unmelted_df = melted_df.copy()
        unmelted_df[["StudyInstanceUID", "variable"]] = unmelted_df[id_col].str.split("_", n=1, expand=True)
        return unmelted_df.pivot(index="StudyInstanceUID", columns="variable", values=target_col).reset_index()

    def binary_log_loss(y_true, y_pred):
        epsilon = 1e-15
        y_pred = np.clip(y_pred, epsilon, 1 - epsilon)
        return -(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred))

    def custom_comp_weighted_loss(y_true, y_pred):
        w = {"-": np.array([7, 1, 1, 1, 1, 1, 1, 1], dtype=np.float32),
             "+": np.array([14, 2, 2, 2, 2, 2, 2, 2], dtype=np.float32)}
        loss = binary_log_loss(y_true, y_pred)
        weights = y_true * w["+"] + (1 - y_true) * w["-"]
        loss = loss * weights
        loss = np.sum(loss, axis=1)
        loss = loss / weights.sum(axis=1)
        return np.mean(loss)

    id_col, target_col = "row_id", "fractured"
    if id_col not in submission.columns:
        raise InvalidSubmissionError("id")
    if target_col not in submission.columns:
        raise InvalidSubmissionError("target")
    if not submission[target_col].between(0, 1).all():
        raise InvalidSubmissionError("range")
    if submission[target_col].isnull().any():
        raise InvalidSubmissionError("null")
    assert answers[target_col].isin([0, 1]).all()
    submission = submission.sort_values(by=id_col)
    answers = answers.sort_values(by=id_col)
    if (submission[id_col].values != answers[id_col].values).any():
        raise InvalidSubmissionError("ids")
    us = unmelt_df(submission, id_col, target_col).sort_values(by="StudyInstanceUID")
    ua = unmelt_df(answers, id_col, target_col).sort_values(by="StudyInstanceUID")
    return custom_comp_weighted_loss(ua[CERVICAL].to_numpy(), us[CERVICAL].to_numpy())


def grade_breast(submission, answers):
    def pfbeta(labels, predictions, beta):
        y_true_count = 0
        ctp = 0
        cfp = 0
        for idx in range(len(labels)):
            prediction = min(max(predictions[idx], 0), 1)
            if labels[idx]:
                y_true_count += 1
                ctp += prediction
            else:
                cfp += prediction
        beta_squared = beta * beta
        c_precision = ctp / (ctp + cfp)
        c_recall = ctp / y_true_count
        if c_precision > 0 and c_recall > 0:
            return (1 + beta_squared) * (c_precision * c_recall) / (beta_squared * c_precision + c_recall)
        else:
            return 0

    id_col, target_col = "prediction_id", "cancer"
    if id_col not in submission.columns or target_col not in submission.columns:
        raise InvalidSubmissionError("columns")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    submission = submission.sort_values(by=id_col)
    answers = answers.sort_values(by=id_col)
    if (submission[id_col].values != answers[id_col].values).any():
        raise InvalidSubmissionError("ids")
    return pfbeta(answers[target_col].to_numpy(), submission[target_col].to_numpy(), beta=1)


def grade_petfinder(submission, answers):
    id_col, target_col = "Id", "Pawpularity"
    assert answers[target_col].between(1, 100).all()
    if id_col not in submission.columns or target_col not in submission.columns:
        raise InvalidSubmissionError("columns")
    if not submission[target_col].between(1, 100).all():
        raise InvalidSubmissionError("range")
    submission = submission.sort_values(id_col)
    answers = answers.sort_values(id_col)
    if (submission[id_col].values != answers[id_col].values).any():
        raise InvalidSubmissionError("ids")
    return root_mean_squared_error(answers[target_col].to_numpy(), submission[target_col].to_numpy())


def grade_ventilator(submission, answers):
    if "id" not in submission.columns or "pressure" not in submission.columns:
        raise InvalidSubmissionError("columns")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    submission = submission.sort_values(by="id").reset_index(drop=True)
    answers = answers.sort_values(by="id").reset_index(drop=True)
    if (submission["id"].values != answers["id"].values).any():
        raise InvalidSubmissionError("ids")
    answers = answers[answers["u_out"] == 0]
    submission = submission[submission["id"].isin(answers["id"])]
    submission = submission.sort_values(by="id").reset_index(drop=True)
    answers = answers.sort_values(by="id").reset_index(drop=True)
    return mean_absolute_error(answers["pressure"].values, submission["pressure"].values)


def grade_vaccine(submission, answers):
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    to_predict = ["reactivity", "deg_Mg_pH10", "deg_Mg_50C"]
    assert set(answers.columns).issuperset(["id_seqpos"] + to_predict + ["keep"])
    expected = ["id_seqpos"] + to_predict + ["deg_pH10", "deg_50C"]
    if not set(submission.columns).issuperset(expected):
        raise InvalidSubmissionError("columns")
    s = submission[expected].sort_values(by="id_seqpos").sort_index(axis=1)
    a = answers.sort_values(by="id_seqpos").sort_index(axis=1)
    for actual_id, expected_id in zip(s["id_seqpos"], a["id_seqpos"]):
        if actual_id != expected_id:
            raise InvalidSubmissionError("ids")
    mask = a["keep"]
    ns, na = s[mask], a[mask]
    return np.mean([root_mean_squared_error(y_true=na[c], y_pred=ns[c]) for c in to_predict])


def grade_osic(submission, answers):
    for col in ["Patient_Week", "FVC", "Confidence"]:
        if col not in submission.columns:
            raise InvalidSubmissionError(col)
    for pw in submission["Patient_Week"]:
        if pw not in answers["Patient_Week"].values:
            raise InvalidSubmissionError("unknown")
    if not pd.api.types.is_numeric_dtype(submission["FVC"]):
        raise InvalidSubmissionError("fvc")
    if not pd.api.types.is_numeric_dtype(submission["Confidence"]):
        raise InvalidSubmissionError("confidence")
    submission["Confidence"] = submission["Confidence"].fillna(0)
    answers = answers.dropna(subset=["FVC"])
    answers["Week_Number"] = answers["Patient_Week"].apply(lambda x: int(x.split("_")[-1]))
    answers = answers.sort_values("Week_Number").groupby("Patient").tail(3).drop(columns=["Week_Number"])
    submission = submission[submission["Patient_Week"].isin(answers["Patient_Week"])]
    submission = submission.sort_values(by="Patient_Week")
    answers = answers.sort_values(by="Patient_Week")
    fvc_true = answers.loc[answers["Patient_Week"].isin(submission["Patient_Week"]), "FVC"].values
    fvc_pred = submission.loc[submission["Patient_Week"].isin(answers["Patient_Week"]), "FVC"].values
    confidence = submission.loc[submission["Patient_Week"].isin(answers["Patient_Week"]), "Confidence"].values
    sd_clipped = np.maximum(confidence, 70)
    delta = np.minimum(np.abs(fvc_true - fvc_pred), 1000)
    return np.mean(-np.sqrt(2) * delta / sd_clipped - np.log(np.sqrt(2) * sd_clipped))


def grade_gesture(submission, answers):
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if "Id" not in submission.columns or "Sequence" not in submission.columns:
        raise InvalidSubmissionError("columns")
    submission = submission.sort_values("Id")
    answers = answers.sort_values("Id")
    if (submission["Id"].values != answers["Id"].values).any():
        raise InvalidSubmissionError("ids")
    submission["Sequence"] = submission["Sequence"].astype(str)
    answers["Sequence"] = answers["Sequence"].astype(str)
    y_true = [list(map(int, x.split())) for x in answers["Sequence"]]
    try:
        y_pred = [list(map(int, x.split())) for x in submission["Sequence"]]
    except ValueError:
        raise InvalidSubmissionError("ints")
    return np.sum([distance(a, b) for a, b in zip(y_true, y_pred)]) / sum(len(x) for x in y_true)


def grade_whale(submission, answers):
    assert set(answers.columns) == {"Image", "Id"}
    if set(submission.columns) != {"Image", "Id"}:
        raise InvalidSubmissionError("columns")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if not set(submission["Image"]) == set(answers["Image"]):
        raise InvalidSubmissionError("ids")
    submission = submission.sort_values("Image").reset_index(drop=True)
    answers = answers.sort_values("Image").reset_index(drop=True)
    y_true = answers["Id"].astype(str).str.split(" ").apply(set).tolist()
    y_pred = submission["Id"].astype(str).str.split(" ").tolist()
    return mean_average_precision_at_k(actual=y_true, predicted=y_pred, k=5)


def grade_salt(submission, answers):
    def iou_metric(y_true_in, y_pred_in):
        if np.sum(y_true_in) == 0 and np.sum(y_pred_in) == 0:
            return 1.0
        if np.sum(y_true_in) == 0 and np.sum(y_pred_in) > 0:
            return 0.0
        intersection = np.histogram2d(y_true_in.flatten(), y_pred_in.flatten(), bins=(2, 2))[0]
        area_true = np.expand_dims(np.histogram(y_true_in, bins=2)[0], -1)
        area_pred = np.expand_dims(np.histogram(y_pred_in, bins=2)[0], 0)
        union = area_true + area_pred - intersection
        intersection = intersection[1:, 1:]
        union = union[1:, 1:]
        union[union == 0] = 1e-9
        iou = intersection / union
        prec = []
        for t in np.arange(0.5, 1.0, 0.05):
            matches = iou > t
            tp = np.sum(np.sum(matches, axis=1) == 1)
            fp = np.sum(np.sum(matches, axis=0) == 0)
            fn = np.sum(np.sum(matches, axis=1) == 0)
            prec.append(tp / (tp + fp + fn) if (tp + fp + fn) > 0 else 0)
        return np.mean(prec)

    expected = ["id", "rle_mask"]
    assert set(answers.columns) == set(expected)
    if set(submission.columns) != set(expected):
        raise InvalidSubmissionError("columns")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    ts = submission.fillna("")
    ta = answers.fillna("")
    assert ta.applymap(lambda x: isinstance(x, str)).values.all()
    if not ts.applymap(lambda x: isinstance(x, str)).values.all():
        raise InvalidSubmissionError("strings")
    ss = ts.sort_values(by="id")
    sa = ta.sort_values(by="id")
    if (ss["id"].values != sa["id"].values).any():
        raise InvalidSubmissionError("ids")
    try:
        y_preds = np.array([rle_decode(r, height=101, width=101) for r in ss["rle_mask"].values])
    except AssertionError:
        raise InvalidSubmissionError("rle")
    y_trues = np.array([rle_decode(r, height=101, width=101) for r in sa["rle_mask"].values])
    return np.mean([iou_metric(y_trues[i], y_preds[i]) for i in range(len(y_trues))])


# ---------------------------------------------------------------------------------------------
# Writing and grading.

writer = CaseWriter(out)
Competition = writer.competition


def hexid(rng, n, width):
    ids = {}
    while len(ids) < n:
        ids["".join(rng.choice(list("0123456789abcdef"), width))] = None
    return list(ids)


# Binary AUC competitions (prepare_for_auroc_metric)
AUROC = [("random-acts-of-pizza", "request_id", "requester_received_pizza", "auc-roc"),
         ("rsna-miccai-brain-tumor-radiogenomic-classification", "BraTS21ID", "MGMT_value", "auc-roc"),
         ("seti-breakthrough-listen", "id", "target", "auc-roc"),
         ("siim-isic-melanoma-classification", "image_name", "target", "auc-roc"),
         ("the-icml-2013-whale-challenge-right-whale-redux", "clip", "probability", "auc-roc")]
for seed, (cid, idc, target, metric) in enumerate(AUROC, start=100):
    rng = np.random.RandomState(seed)
    n = 30
    if cid == "random-acts-of-pizza":
        ids = [f"t3_{h}" for h in hexid(rng, n, 6)]
        labels = rng.rand(n) < 0.3
        ans = pd.DataFrame({idc: ids, target: labels})
    elif cid == "rsna-miccai-brain-tumor-radiogenomic-classification":
        ans = pd.DataFrame({idc: rng.choice(1000, n, replace=False), target: rng.randint(0, 2, n)})
    elif cid == "the-icml-2013-whale-challenge-right-whale-redux":
        ans = pd.DataFrame({idc: [f"20090330_{h}_Test{i}.aif" for i, h in enumerate(hexid(rng, n, 4))],
                            target: rng.randint(0, 2, n)})
    else:
        ans = pd.DataFrame({idc: hexid(rng, n, 12), target: rng.randint(0, 2, n)})
    c = Competition(cid, metric, auroc_grader(idc, target), ans)
    c.emit("sample", ans[[idc]].assign(**{target: 0.5}))
    c.emit("perfect", ans)
    noisy = ans[[idc]].assign(**{target: np.clip(ans[target].astype(float) * 0.4 + rng.rand(n) * 0.6, 0, 1).round(3)})
    c.emit("noisy", noisy)
    c.emit("shuffled", noisy.sample(frac=1, random_state=seed))
    c.emit("bool-scores", noisy.assign(**{target: noisy[target] > 0.5}))
    c.emit("out-of-range", set_cell(noisy, 0, target, 1.5))
    c.emit("nan-score", set_cell(noisy, 0, target, np.nan))
    c.emit("text-score", set_cell(noisy, 0, target, "high", object))
    c.emit("no-target-column", noisy[[idc]])
    c.common_invalid(noisy, idc)

# ranzcr-clip-catheter-line-classification: mean per-class AUC, per-class prepare_for_auroc_metric
rng = np.random.RandomState(120)
n = 24
ans = pd.DataFrame({"StudyInstanceUID": [f"1.2.826.0.1.3680043.8.498.{v}" for v in rng.choice(10**8, n, replace=False)]})
for k in RANZCR_LABELS:
    ans[k] = (rng.rand(n) < 0.35).astype(int)
ans["PatientID"] = hexid(rng, n, 9)
c = Competition("ranzcr-clip-catheter-line-classification", "auc-roc", grade_ranzcr, ans)
c.emit("sample", ans[["StudyInstanceUID"]].assign(**{k: 0.0 for k in RANZCR}))
c.emit("perfect", ans[["StudyInstanceUID"] + RANZCR])
noisy = ans[["StudyInstanceUID"]].copy()
for k in RANZCR:
    noisy[k] = np.clip(ans[k] * 0.3 + rng.rand(n) * 0.7, 0, 1).round(3)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=121))
c.emit("extra-columns", noisy.assign(PatientID="x", **{k: 0.5 for k in RANZCR_LABELS[9:]}))
c.emit("out-of-range", set_cell(noisy, 3, RANZCR[4], -0.2))
c.emit("nan-score", set_cell(noisy, 3, RANZCR[4], np.nan))
c.emit("missing-class", noisy.drop(columns=[RANZCR[8]]))
c.common_invalid(noisy, "StudyInstanceUID")

# plant-pathology-2020-fgvc7: mean per-class AUC, exact columns
rng = np.random.RandomState(122)
n = 40
cls = ["healthy", "multiple_diseases", "rust", "scab"]
lab = rng.choice(4, n)
lab[:4] = [0, 1, 2, 3]
ans = pd.DataFrame({"image_id": [f"Test_{v}" for v in rng.permutation(n)]})
for j, k in enumerate(cls):
    ans[k] = (lab == j).astype(int)
c = Competition("plant-pathology-2020-fgvc7", "mean-column-wise-roc-auc", grade_plant_2020, ans)
c.emit("sample", ans[["image_id"]].assign(**{k: 0.25 for k in cls}))
c.emit("perfect", ans)
noisy = ans[["image_id"]].copy()
for k in cls:
    noisy[k] = (ans[k] * 0.3 + rng.rand(n)).round(3)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=123))
c.emit("unbounded-scores", noisy.assign(rust=noisy["rust"] * 10 - 4))
c.emit("extra-column", noisy.assign(other=0.1))
c.emit("missing-class", noisy.drop(columns=["scab"]))
c.emit("nan-score", set_cell(noisy, 1, "rust", np.nan))
c.common_invalid(noisy, "image_id")

# paddy-disease-classification: accuracy, fillna("") predictions
rng = np.random.RandomState(124)
n = 30
diseases = ["normal", "blast", "hispa", "dead_heart", "tungro", "brown_spot", "downy_mildew", "bacterial_leaf_blight"]
ans = pd.DataFrame({"image_id": [f"{v}.jpg" for v in rng.choice(10**6, n, replace=False)], "label": rng.choice(diseases, n)})
c = Competition("paddy-disease-classification", "accuracy", grade_paddy, ans)
c.emit("sample", ans.assign(label="normal"))
c.emit("perfect", ans)
noisy = ans.copy()
noisy.loc[noisy.index[::3], "label"] = "blast"
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=125))
c.emit("some-empty", set_cell(noisy, 2, "label", np.nan))
c.emit("all-empty", ans.assign(label=np.nan))
c.emit("numeric-and-empty", set_cell(ans.assign(label=np.arange(n) % 3), 2, "label", np.nan, float))
c.emit("numeric-labels", ans.assign(label=np.arange(n) % 3))
c.emit("numeric-with-text", set_cell(ans.assign(label=np.arange(n) % 3), 0, "label", "blast", object))
c.emit("two-numeric-labels", ans.assign(label=np.arange(n) % 2))
c.emit("no-label-column", ans[["image_id"]])
c.common_invalid(noisy, "image_id")

# tensorflow-speech-recognition-challenge: accuracy (prepare_for_accuracy_metric)
rng = np.random.RandomState(126)
n = 30
words = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go", "silence", "unknown"]
ans = pd.DataFrame({"fname": [f"clip_{h}.wav" for h in hexid(rng, n, 9)], "label": rng.choice(words, n)})
c = Competition("tensorflow-speech-recognition-challenge", "accuracy", grade_speech, ans)
c.emit("sample", ans.assign(label="silence"))
c.emit("perfect", ans)
noisy = ans.copy()
noisy.loc[noisy.index[::4], "label"] = "unknown"
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=127))
c.emit("some-empty", set_cell(noisy, 2, "label", np.nan))
c.emit("numeric-labels", ans.assign(label=np.arange(n) % 3))
c.emit("no-label-column", ans[["fname"]])
c.common_invalid(noisy, "fname")

# text-normalization-challenge-{english,russian}-language: accuracy of astype(str) labels
for cid, russian, seed in [("text-normalization-challenge-english-language", False, 128),
                           ("text-normalization-challenge-russian-language", True, 129)]:
    rng = np.random.RandomState(seed)
    n = 50
    vocab = (["двадцать", "пять", "года", "Москва", "sil", ".", ","] if russian else
             ["twenty", "five", "years", "London", "sil", ".", ",", "the"]) + ["5", "1.5", "NA", "é", "e\u0301"]
    ids = [f"{s}_{t}" for s, t in zip(rng.randint(0, 30, n), rng.randint(0, 9, n))]
    ids = list(dict.fromkeys(ids))
    n = len(ids)
    ans = pd.DataFrame({"id": ids, "after": rng.choice(vocab, n)})
    c = Competition(cid, "accuracy", text_norm_grader(russian), ans)
    c.emit("sample", ans.assign(after="sil"))
    c.emit("perfect", ans)
    noisy = ans.copy()
    noisy.loc[noisy.index[::3], "after"] = rng.choice(vocab, len(noisy.index[::3]))
    c.emit("noisy", noisy)
    c.emit("shuffled", noisy.sample(frac=1, random_state=seed))
    c.emit("some-empty", set_cell(noisy, 2, "after", np.nan))
    c.emit("numeric", ans.assign(after=5))
    c.emit("floats", ans.assign(after=1.5))
    c.emit("no-after-column", ans[["id"]])
    c.common_invalid(noisy, "id")

# plant-seedlings-classification: micro F1 of text labels
rng = np.random.RandomState(130)
n = 30
species = ["Black-grass", "Charlock", "Cleavers", "Common Chickweed", "Common wheat", "Fat Hen", "Loose Silky-bent",
           "Maize", "Scentless Mayweed", "Shepherds Purse", "Small-flowered Cranesbill", "Sugar beet"]
ans = pd.DataFrame({"file": [f"{h}.png" for h in hexid(rng, n, 9)], "species": rng.choice(species, n)})
c = Competition("plant-seedlings-classification", "micro-f1-score", grade_seedlings, ans)
c.emit("sample", ans.assign(species="Loose Silky-bent"))
c.emit("perfect", ans)
noisy = ans.copy()
noisy.loc[noisy.index[::3], "species"] = "Maize"
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=131))
c.emit("unknown-species", set_cell(noisy, 1, "species", "Dandelion"))
c.emit("some-empty", set_cell(noisy, 2, "species", np.nan))
c.emit("numeric", ans.assign(species=np.arange(n) % 3))
c.emit("first-empty", set_cell(noisy.sort_values("file"), 0, "species", np.nan))
c.emit("all-empty", ans.assign(species=np.nan))
c.emit("numbers-among-text", set_cell(set_cell(noisy, 3, "species", 1.5, object), 4, "species", 7))
c.emit("no-species-column", ans[["file"]])
c.common_invalid(noisy, "file")

# nfl-player-contact-detection: MCC of contact
rng = np.random.RandomState(132)
n = 40
ans = pd.DataFrame({"contact_id": [f"58168_{rng.randint(0, 10**6):06d}_{i}_{rng.randint(10**4, 10**5)}_G" for i in range(n)],
                    "contact": (rng.rand(n) < 0.3).astype(int)})
c = Competition("nfl-player-contact-detection", "matthews-correlation-coefficient", grade_nfl, ans)
c.emit("sample", ans.assign(contact=0))
c.emit("perfect", ans)
noisy = ans.copy()
flip = rng.rand(n) < 0.2
noisy["contact"] = np.where(flip, 1 - ans["contact"], ans["contact"])
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=133))
c.emit("bool-labels", noisy.assign(contact=noisy["contact"] == 1))
c.emit("float-labels", noisy.astype({"contact": float}))
c.emit("fractional", set_cell(noisy, 0, "contact", 0.5, float))
c.emit("nan-label", set_cell(noisy, 0, "contact", np.nan, float))
c.emit("three-labels", set_cell(noisy, 0, "contact", 2))
c.emit("text-label", set_cell(noisy, 0, "contact", "yes", object))
c.common_invalid(noisy, "contact_id")

# statoil-iceberg-classifier-challenge: binary log loss
rng = np.random.RandomState(134)
n = 30
ans = pd.DataFrame({"id": hexid(rng, n, 8), "is_iceberg": rng.randint(0, 2, n)})
c = Competition("statoil-iceberg-classifier-challenge", "log-loss", grade_statoil, ans)
c.emit("sample", ans.assign(is_iceberg=0.5))
c.emit("perfect", ans)
noisy = ans.assign(is_iceberg=np.clip(ans["is_iceberg"] * 0.5 + rng.rand(n) * 0.5, 0, 1).round(4))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=135))
c.emit("zero-and-one", set_cell(noisy, 0, "is_iceberg", 1 - ans["is_iceberg"].iloc[0]))
c.emit("out-of-range", set_cell(noisy, 0, "is_iceberg", 1.01))
c.emit("nan", set_cell(noisy, 0, "is_iceberg", np.nan))
c.emit("text", set_cell(noisy, 0, "is_iceberg", "ice", object))
c.common_invalid(noisy, "id")

# rsna-2022-cervical-spine-fracture-detection: weighted log loss over melted rows
rng = np.random.RandomState(136)
studies = [f"1.2.826.0.1.3680043.{v}" for v in rng.choice(30000, 8, replace=False)]
rows = []
for s in studies:
    vert = (rng.rand(7) < 0.2).astype(int)
    rows.append((f"{s}_patient_overall", int(vert.max())))
    rows += [(f"{s}_C{k + 1}", int(vert[k])) for k in range(7)]
ans = pd.DataFrame(rows, columns=["row_id", "fractured"]).sample(frac=1, random_state=137)
c = Competition("rsna-2022-cervical-spine-fracture-detection", "weighted-multi-label-log-loss", grade_cervical, ans)
c.emit("sample", ans.assign(fractured=0.5))
c.emit("perfect", ans)
nz = len(ans)
noisy = ans.assign(fractured=np.clip(ans["fractured"] * 0.6 + rng.rand(nz) * 0.4, 0, 1).round(4))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=138))
c.emit("hard-wrong", ans.assign(fractured=1 - ans["fractured"]))
c.emit("out-of-range", set_cell(noisy, 0, "fractured", 1.2))
c.emit("nan", set_cell(noisy, 0, "fractured", np.nan))
c.emit("text", set_cell(noisy, 0, "fractured", "x", object))
c.emit("no-fractured-column", noisy[["row_id"]])
c.common_invalid(noisy, "row_id")

# rsna-breast-cancer-detection: probabilistic F1
rng = np.random.RandomState(139)
n = 36
ans = pd.DataFrame({"prediction_id": [f"{p}_{s}" for p, s in zip(rng.choice(10**5, n, replace=False), rng.choice(["L", "R"], n))],
                    "cancer": (rng.rand(n) < 0.2).astype(int)})
ans.loc[ans.index[0], "cancer"] = 1
c = Competition("rsna-breast-cancer-detection", "probabilistic-f1-score", grade_breast, ans)
c.emit("sample", ans.assign(cancer=0.021))
c.emit("all-zero", ans.assign(cancer=0))
c.emit("perfect", ans)
noisy = ans.assign(cancer=(ans["cancer"] * 0.5 + rng.rand(n) * 0.5 - 0.1).round(3))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=140))
c.emit("unclipped", noisy.assign(cancer=noisy["cancer"] * 3 - 0.5))
c.emit("nan", set_cell(noisy, 1, "cancer", np.nan))
c.emit("bool", noisy.assign(cancer=noisy["cancer"] > 0.3))
c.emit("text", set_cell(noisy, 1, "cancer", "x", object))
c.common_invalid(noisy, "prediction_id")

# petfinder-pawpularity-score: RMSE with predictions in [1, 100]
rng = np.random.RandomState(141)
n = 30
ans = pd.DataFrame({"Id": hexid(rng, n, 32), "Pawpularity": rng.randint(1, 101, n)})
c = Competition("petfinder-pawpularity-score", "root-mean-squared-error", grade_petfinder, ans)
c.emit("sample", ans.assign(Pawpularity=50))
c.emit("perfect", ans)
noisy = ans.assign(Pawpularity=np.clip(ans["Pawpularity"] + rng.randn(n) * 10, 1, 100).round(2))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=142))
c.emit("below-range", set_cell(noisy, 0, "Pawpularity", 0.5))
c.emit("nan", set_cell(noisy, 0, "Pawpularity", np.nan))
c.emit("text", set_cell(noisy, 0, "Pawpularity", "cute", object))
c.common_invalid(noisy, "Id")

# ventilator-pressure-prediction: MAE over u_out == 0
rng = np.random.RandomState(143)
n = 45
ans = pd.DataFrame({"id": rng.permutation(np.arange(1, n + 1)), "breath_id": np.repeat(np.arange(3), n // 3),
                    "R": 20, "C": 50, "time_step": np.tile(np.arange(n // 3) * 0.033, 3).round(4),
                    "u_in": rng.rand(n).round(3), "u_out": (rng.rand(n) < 0.4).astype(int),
                    "pressure": (5 + rng.rand(n) * 20).round(4)})
# The recipe (like MLE-bench's listing) names the metric "dice-hausdorff-combo"; grade.py is MAE.
c = Competition("ventilator-pressure-prediction", "dice-hausdorff-combo", grade_ventilator, ans)
c.emit("sample", ans[["id"]].assign(pressure=0))
c.emit("perfect", ans[["id", "pressure"]])
noisy = ans[["id"]].assign(pressure=(ans["pressure"] + rng.randn(n)).round(3))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=144))
unscored = int(np.flatnonzero(ans["u_out"].values == 1)[0])
scored = int(np.flatnonzero(ans["u_out"].values == 0)[0])
c.emit("nan-in-unscored-row", set_cell(noisy, unscored, "pressure", np.nan))
c.emit("nan-in-scored-row", set_cell(noisy, scored, "pressure", np.nan))
c.emit("text", set_cell(noisy, scored, "pressure", "high", object))
c.common_invalid(noisy, "id")

# stanford-covid-vaccine: MCRMSE over kept rows (mask aligned by row label)
rng = np.random.RandomState(145)
seqs = hexid(rng, 3, 9)
ids = [f"id_{s}_{p}" for s in seqs for p in range(12)]
n = len(ids)
ans = pd.DataFrame({"id_seqpos": ids})
for k in ["reactivity", "deg_Mg_pH10", "deg_pH10", "deg_Mg_50C", "deg_50C"]:
    ans[k] = rng.rand(n).round(4)
ans["keep"] = np.array([p < 8 for s in seqs for p in range(12)])
c = Competition("stanford-covid-vaccine", "multi-class-log-loss", grade_vaccine, ans)
cols = ["id_seqpos", "reactivity", "deg_Mg_pH10", "deg_pH10", "deg_Mg_50C", "deg_50C"]
c.emit("sample", ans[["id_seqpos"]].assign(reactivity=0.0, deg_Mg_pH10=0.0, deg_pH10=0.0, deg_Mg_50C=0.0, deg_50C=0.0))
c.emit("perfect", ans[cols])
noisy = ans[cols].copy()
for k in cols[1:]:
    noisy[k] = (noisy[k] + rng.randn(n) * 0.2).round(4)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=146))
c.emit("reversed", noisy.iloc[::-1])
unkept = int(np.flatnonzero(~ans["keep"].values)[0])
c.emit("nan-in-unkept-row", set_cell(noisy, unkept, "reactivity", np.nan))
c.emit("nan-in-kept-row", set_cell(noisy, 0, "reactivity", np.nan))
c.emit("no-deg_50C", noisy.drop(columns=["deg_50C"]))
c.common_invalid(noisy, "id_seqpos")

# osic-pulmonary-fibrosis-progression: modified Laplace log likelihood, 3 latest weeks per patient
rng = np.random.RandomState(147)
rows = []
for p in hexid(rng, 6, 8):
    pid = f"ID00{p}"
    weeks = sorted(rng.choice(np.arange(-12, 134), rng.randint(3, 8), replace=False))
    for w in weeks:
        rows.append((f"{pid}_{w}", pid, w, float(rng.randint(1500, 4000)) if rng.rand() > 0.1 else np.nan))
ans = pd.DataFrame(rows, columns=["Patient_Week", "Patient", "Weeks", "FVC"])
ans["Percent"] = (ans["FVC"] / 40).round(3)
c = Competition("osic-pulmonary-fibrosis-progression", "modified-laplace-log-likelihood", grade_osic, ans)
n = len(ans)
c.emit("sample", ans[["Patient_Week"]].assign(FVC=2000, Confidence=100))
c.emit("perfect", ans[["Patient_Week"]].assign(FVC=ans["FVC"].fillna(2500), Confidence=70))
noisy = ans[["Patient_Week"]].assign(FVC=(ans["FVC"].fillna(2500) + rng.randn(n) * 300).round(1),
                                     Confidence=(rng.rand(n) * 400 + 20).round(1))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=148))
c.emit("huge-errors", noisy.assign(FVC=noisy["FVC"] + 5000))
c.emit("nan-confidence", set_cell(noisy, 3, "Confidence", np.nan))
c.emit("subset", noisy.iloc[::2])
c.emit("unknown-week", pd.concat([noisy, pd.DataFrame({"Patient_Week": ["ID00x_5"], "FVC": [1.0], "Confidence": [1.0]})]))
c.emit("text-fvc", set_cell(noisy, 0, "FVC", "big", object))
c.emit("no-confidence", noisy[["Patient_Week", "FVC"]])
c.emit("empty", raw=b"")

# multi-modal-gesture-recognition: Levenshtein over gesture sequences / total gestures
rng = np.random.RandomState(149)
n = 30
seq = [" ".join(str(v) for v in rng.randint(1, 21, rng.randint(1, 10))) for _ in range(n)]
seq[0] = "7"
ans = pd.DataFrame({"Id": rng.permutation(np.arange(300, 300 + n)), "Sequence": seq})
c = Competition("multi-modal-gesture-recognition", "levenhstein-distance", grade_gesture, ans)
c.emit("sample", ans.assign(Sequence="1 2 3"))
c.emit("perfect", ans)
noisy_seq = []
for s in seq:
    toks = s.split()
    r = rng.rand()
    noisy_seq.append(s if r < 0.3 or len(toks) < 2 else " ".join(toks[1:]) if r < 0.5 else s + " " + str(rng.randint(1, 21)) if r < 0.7
                     else " ".join(reversed(toks)) if r < 0.9 else "05  +3")
noisy = ans.assign(Sequence=noisy_seq)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=150))
c.emit("single-numbers", ans.assign(Sequence=np.arange(n) % 20 + 1))
c.emit("float-numbers", ans.assign(Sequence=1.0))
c.emit("empty-sequence", set_cell(noisy, 2, "Sequence", np.nan))
c.emit("bad-token", set_cell(noisy, 2, "Sequence", "1 two 3"))
c.common_invalid(noisy, "Id")

# whale-categorization-playground: MAP@5 of space-separated whale ids
rng = np.random.RandomState(151)
n = 30
whales = ["new_whale"] + [f"w_{h}" for h in hexid(rng, 15, 7)]
ans = pd.DataFrame({"Image": [f"{h}.jpg" for h in hexid(rng, n, 8)], "Id": rng.choice(whales, n)})
c = Competition("whale-categorization-playground", "MAP@5", grade_whale, ans)
c.emit("sample", ans.assign(Id=" ".join(whales[:5])))
c.emit("perfect", ans)
preds = []
for w in ans["Id"]:
    guess = list(rng.choice(whales, 5, replace=False))
    r = rng.rand()
    if r < 0.5:
        guess[rng.randint(0, 5)] = w
    preds.append(" ".join(guess) if r < 0.8 else w + "  " + w + " new_whale")
noisy = ans.assign(Id=preds)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=152))
c.emit("long-lists", ans.assign(Id=[" ".join(whales[:8][::-1]) for _ in range(n)]))
c.emit("some-empty", set_cell(noisy, 0, "Id", np.nan))
c.emit("extra-column", noisy.assign(score=1))
c.common_invalid(noisy, "Image")

# tgs-salt-identification-challenge: IoU-threshold precision on 101x101 RLE masks


def rle_of(mask):
    dots = np.where(mask.T.flatten() == 1)[0]
    runs, prev = [], -2
    for b in dots:
        if b > prev + 1:
            runs.extend((b + 1, 0))
        runs[-1] += 1
        prev = b
    return " ".join(map(str, runs))


rng = np.random.RandomState(153)
n = 24
masks = []
for i in range(n):
    m = np.zeros((101, 101), dtype=int)
    if i % 4 != 0:
        r0, c0 = rng.randint(0, 80, 2)
        m[r0:r0 + rng.randint(3, 40), c0:c0 + rng.randint(3, 40)] = 1
    if i == 5:
        m[:, :] = 1
    if i == 6:
        m[:, :] = 0
        m[:, :60] = 1
    masks.append(m)
ans = pd.DataFrame({"id": hexid(rng, n, 10), "rle_mask": [rle_of(m) for m in masks]})
c = Competition("tgs-salt-identification-challenge", "mean-precision-intersection-over-union-at-different-thresholds",
                grade_salt, ans)
c.emit("sample", ans.assign(rle_mask="1 1"))
c.emit("all-empty", ans.assign(rle_mask=""))
c.emit("perfect", ans)
noisy_rle = []
for i, m in enumerate(masks):
    p = np.roll(m, rng.randint(-6, 7), axis=rng.randint(0, 2))
    if i % 7 == 3:
        p = np.zeros_like(m)
    if i % 5 == 2:
        p = np.ones_like(m)
    noisy_rle.append(rle_of(p))
noisy = ans.assign(rle_mask=noisy_rle)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=154))
c.emit("unsorted-rle", set_cell(noisy, 1, "rle_mask", "50 3 10 2"))
c.emit("overlapping-rle", set_cell(noisy, 1, "rle_mask", "10 5 12 3"))
c.emit("non-integer-rle", set_cell(noisy, 1, "rle_mask", "10 x"))
c.emit("numeric-column", ans.assign(rle_mask=5))
c.emit("extra-column", noisy.assign(score=1))
c.common_invalid(noisy, "id")

writer.write_manifest()
