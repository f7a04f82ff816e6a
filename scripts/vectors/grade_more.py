#!/usr/bin/env python3
"""Reference grades for the graders of MoreGraders.swift, on synthesized competitions.

Usage: grade_more.py OUT_DIR
For each competition, writes OUT_DIR/<competition>/answers.csv (the columns of MLE-bench's
prepared private file) and submissions (sample, perfect, noisy, invalid) beside it, then grades
every submission with a transcription of that competition's MLE-bench grade.py in pandas +
scikit-learn + SciPy, inside MLE-bench's `Grader.__call__` (any exception: invalid; else the score
rounded to 5 decimals), reading files as `mlebench.utils.read_csv` does. OUT_DIR/<competition>/cases.json
lists {competition, metric, answers, submission, valid, score, nan}: `score` is null when invalid,
and `nan` marks a valid submission MLE-bench scores NaN (score null too).

Deterministic: every random draw comes from a seeded numpy RandomState. Tested with Python 3.11,
pandas 2.2.2, numpy 1.26.4, scikit-learn 1.5.1, SciPy 1.17.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
from scipy.stats import pearsonr
from sklearn.metrics import (accuracy_score, cohen_kappa_score, f1_score, jaccard_score, log_loss,
                             mean_absolute_error, roc_auc_score, root_mean_squared_error)
from sklearn.preprocessing import MultiLabelBinarizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlebench_reference import InvalidSubmissionError, read_csv, prepare_for_accuracy_metric, prepare_for_auroc_metric, CaseWriter  # noqa: E402

warnings.simplefilter("ignore")
out = sys.argv[1]


# ---------------------------------------------------------------------------------------------
# Transcriptions of mlebench/competitions/<id>/grade.py (and the utils.py helpers they use).


def one_hot_dfs_to_log_loss_inputs(submission_one_hot, answers_one_hot, id_column="id", apply_softmax=True):
    required_cols = set(answers_one_hot.columns)
    submission_cols = set(submission_one_hot.columns)
    if not submission_cols.issuperset(required_cols):
        raise InvalidSubmissionError("columns")
    if id_column not in submission_one_hot.columns:
        raise InvalidSubmissionError("id")
    assert id_column in answers_one_hot.columns
    submission_filtered = submission_one_hot[[col for col in answers_one_hot.columns if col in submission_cols]]
    submission_sorted = submission_filtered.sort_values(by=id_column).reset_index(drop=True)
    answers_sorted = answers_one_hot.sort_values(by=id_column).reset_index(drop=True)
    assert submission_sorted[id_column].tolist() == answers_sorted[id_column].tolist()
    assert list(submission_sorted.columns) == list(answers_sorted.columns)
    y_true = answers_sorted.drop(columns=[id_column]).to_numpy()
    y_pred = submission_sorted.drop(columns=[id_column]).to_numpy()
    assert not apply_softmax  # both graders below pass apply_softmax=False
    return {"y_true": y_true, "y_pred": y_pred}


def grade_aptos(submission, answers):
    target_column = "diagnosis"
    if target_column not in submission.columns:
        raise InvalidSubmissionError("target")
    assert target_column in answers.columns
    if submission.empty:
        raise InvalidSubmissionError("empty")
    assert not answers.empty
    if set(submission["id_code"]) != set(answers["id_code"]):
        raise InvalidSubmissionError("ids")
    submission_sorted = submission.sort_values(by="id_code")
    answers_sorted = answers.sort_values(by="id_code")
    y_pred = submission_sorted[target_column].values
    y_true = answers_sorted[target_column].values
    return cohen_kappa_score(y_pred, y_true, weights="quadratic")


def grade_chaii(submission, answers):
    target_column = "PredictionString"

    def binarize_sentences(y_true, y_pred):
        all_words = list(set.union(*y_true, *y_pred))
        mlb = MultiLabelBinarizer(classes=all_words, sparse_output=True)
        return mlb.fit_transform(y_true), mlb.transform(y_pred)

    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if target_column not in submission.columns:
        raise InvalidSubmissionError("target")
    if "id" not in submission.columns:
        raise InvalidSubmissionError("id")
    assert target_column in answers.columns
    assert "id" in answers.columns
    submission = submission.sort_values("id")
    answers = answers.sort_values("id")
    if (submission["id"].values != answers["id"].values).any():
        raise InvalidSubmissionError("ids")
    submission[target_column] = submission[target_column].fillna("")
    answers[target_column] = answers[target_column].fillna("")
    y_pred = submission[target_column].tolist()
    y_true = answers[target_column].tolist()
    y_pred_sentence_sets = [set(sentence.lower().split()) for sentence in y_pred]
    y_true_sentence_sets = [set(sentence.lower().split()) for sentence in y_true]
    y_true_bin, y_pred_bin = binarize_sentences(y_true_sentence_sets, y_pred_sentence_sets)
    return jaccard_score(y_pred=y_pred_bin, y_true=y_true_bin, average="samples")


def grade_dog_breed(submission, answers, dogs):
    if not all(dog in submission.columns for dog in dogs):
        raise InvalidSubmissionError("dogs")
    if "id" not in submission.columns:
        raise InvalidSubmissionError("id")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    assert "id" in answers.columns
    assert all(dog in answers.columns for dog in dogs)
    tolerance = 1e-6
    if not np.all(np.isclose(submission[dogs].sum(axis=1), 1, atol=tolerance)):
        raise InvalidSubmissionError("sum")
    if not ((submission[dogs] >= 0) & (submission[dogs] <= 1)).all().all():
        raise InvalidSubmissionError("range")
    inputs = one_hot_dfs_to_log_loss_inputs(submission, answers, id_column="id", apply_softmax=False)
    return log_loss(**inputs)


def grade_multilabel_f1(submission, answers, idc, target, fillna_first):
    """imet-2020-fgvc7 (fillna before collecting classes) and plant-pathology-2021-fgvc8 (after)."""
    assert idc in answers.columns and target in answers.columns
    if idc not in submission.columns:
        raise InvalidSubmissionError("id")
    if target not in submission.columns:
        raise InvalidSubmissionError("target")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    submission = submission.sort_values(by=idc).reset_index(drop=True)
    answers = answers.sort_values(by=idc).reset_index(drop=True)
    if fillna_first:
        if (submission[idc].values != answers[idc].values).any():
            raise InvalidSubmissionError("ids")
        submission[target] = submission[target].fillna("")
        answers[target] = answers[target].fillna("")
        classes = set(answers[target].str.split().explode().unique())
    else:
        if not all(submission[idc] == answers[idc]):
            raise InvalidSubmissionError("ids")
        classes = set(answers[target].str.split().explode().unique())
        answers[target] = answers[target].fillna("")
        submission[target] = submission[target].fillna("")
    mlb = MultiLabelBinarizer(classes=sorted(classes), sparse_output=True)
    y_true = mlb.fit_transform(answers[target].str.split())
    y_pred = mlb.transform(submission[target].str.split())
    return f1_score(y_true=y_true, y_pred=y_pred, average="micro")


JIGSAW_IDENTITIES = ["male", "female", "homosexual_gay_or_lesbian", "christian", "jewish", "muslim", "black",
                     "white", "psychiatric_or_mental_illness"]


def grade_jigsaw(submission, answers, identity_columns=JIGSAW_IDENTITIES, p=-5, w=0.25):
    def _filter_for_subgroup(answers, submission, identity_column, target_value=1):
        filtered_answers = answers[answers[identity_column] == target_value]
        return filtered_answers, submission[submission["id"].isin(filtered_answers["id"])]

    def _filter_for_bpsn(answers, submission, identity_column, target_value=1):
        filtered_answers = answers[((answers["toxicity"] == 0) & (answers[identity_column] == target_value))
                                   | ((answers["toxicity"] == 1) & (answers[identity_column] != target_value))]
        return filtered_answers, submission[submission["id"].isin(filtered_answers["id"])]

    def _filter_for_bnsp(answers, submission, identity_column, target_value=1):
        filtered_answers = answers[((answers["toxicity"] == 1) & (answers[identity_column] == target_value))
                                   | ((answers["toxicity"] == 0) & (answers[identity_column] != target_value))]
        return filtered_answers, submission[submission["id"].isin(filtered_answers["id"])]

    def _generalized_mean(scores, p, identity_columns):
        return (sum([s**p for s in scores]) / len(identity_columns)) ** (1 / p)

    if "id" not in submission.columns:
        raise InvalidSubmissionError("id")
    if "prediction" not in submission.columns and "toxicity" not in submission.columns:
        raise InvalidSubmissionError("prediction")
    assert "id" in answers.columns
    assert "toxicity" in answers.columns
    submission = submission.sort_values("id")
    answers = answers.sort_values("id")
    if (submission["id"].values != answers["id"].values).any():
        raise InvalidSubmissionError("ids")
    for identity_column in identity_columns:
        assert identity_column in answers.columns
    submission.rename(columns={"prediction": "toxicity"}, inplace=True)
    submission["toxicity"] = submission["toxicity"].apply(lambda x: 1 if x >= 0.5 else 0)
    answers["toxicity"] = answers["toxicity"].apply(lambda x: 1 if x >= 0.5 else 0)
    for identity_column in identity_columns:
        answers[identity_column] = answers[identity_column].apply(lambda x: 1 if x >= 0.5 else 0)

    overall_auc = roc_auc_score(answers["toxicity"], submission["toxicity"])
    bias_aucs = []
    for identity_column in identity_columns:
        sa, ss = _filter_for_subgroup(answers, submission, identity_column)
        pa, ps = _filter_for_bpsn(answers, submission, identity_column)
        na, ns = _filter_for_bnsp(answers, submission, identity_column)
        bias_aucs.append([roc_auc_score(sa["toxicity"], ss["toxicity"]), roc_auc_score(pa["toxicity"], ps["toxicity"]),
                          roc_auc_score(na["toxicity"], ns["toxicity"])])
    generalized_means = [_generalized_mean([b[i] for b in bias_aucs], p, identity_columns) for i in range(3)]
    return w * overall_auc + sum([w * generalized_means[i] for i in range(len(generalized_means))])


def grade_lmsys(submission, answers):
    classes = ["winner_model_a", "winner_model_b", "winner_tie"]
    required_columns = ["id"] + classes
    if [col for col in required_columns if col not in submission.columns]:
        raise InvalidSubmissionError("columns")
    assert set(required_columns).issubset(answers.columns)
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if not ((submission[classes] >= 0) & (submission[classes] <= 1)).all().all():
        raise InvalidSubmissionError("range")
    if not submission[classes].sum(axis=1).round(6).eq(1).all():
        raise InvalidSubmissionError("sum")
    submission = submission[required_columns]
    answers = answers[required_columns]
    submission = submission.sort_values("id").reset_index(drop=True)
    answers = answers.sort_values("id").reset_index(drop=True)
    if (submission["id"].values != answers["id"].values).any():
        raise InvalidSubmissionError("ids")
    return log_loss(**one_hot_dfs_to_log_loss_inputs(submission, answers, id_column="id", apply_softmax=False))


def grade_nyc_taxi(submission, answers):
    assert "fare_amount" in answers.columns
    assert "key" in answers.columns
    if "fare_amount" not in submission.columns:
        raise InvalidSubmissionError("target")
    if "key" not in submission.columns:
        raise InvalidSubmissionError("key")
    submission = submission.sort_values("key")
    answers = answers.sort_values("key")
    return root_mean_squared_error(answers["fare_amount"], submission["fare_amount"])


def grade_s3e18(submission, answers):
    if "id" not in submission.columns or "id" not in answers.columns:
        raise InvalidSubmissionError("id")
    if "EC1" not in submission.columns or "EC2" not in submission.columns:
        raise InvalidSubmissionError("targets")
    assert "EC1" in answers.columns and "EC2" in answers.columns
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    answers_sorted = answers.sort_values("id")
    submission_sorted = submission.sort_values("id")
    if (submission_sorted["id"].values != answers_sorted["id"].values).any():
        raise InvalidSubmissionError("ids")
    return roc_auc_score(y_true=answers_sorted[["EC1", "EC2"]].to_numpy(),
                         y_score=submission_sorted[["EC1", "EC2"]].to_numpy(), average="macro")


def grade_volcano(submission, answers):
    target_column = "time_to_eruption"
    assert target_column in answers.columns
    assert "segment_id" in answers.columns
    if target_column not in submission.columns:
        raise InvalidSubmissionError("target")
    if "segment_id" not in submission.columns:
        raise InvalidSubmissionError("id")
    if not set(submission["segment_id"]) == set(answers["segment_id"]):
        raise InvalidSubmissionError("ids")
    merged = answers.merge(submission[["segment_id", target_column]], on="segment_id", suffixes=("_true", "_pred"))
    score = mean_absolute_error(y_true=merged["time_to_eruption_true"], y_pred=merged["time_to_eruption_pred"])
    return int(round(score))


def grade_tps_dec(submission, answers):
    return accuracy_score(**prepare_for_accuracy_metric(submission, answers, target_column="Cover_Type", id_column="Id"))


def grade_tps_may(submission, answers):
    inputs = prepare_for_auroc_metric(submission, answers, id_col="id", target_col="target")
    return roc_auc_score(y_true=inputs["y_true"], y_score=inputs["y_score"])


def grade_tweet(submission, answers):
    def jaccard(str1, str2):
        a = set(str1.lower().split())
        b = set(str2.lower().split())
        c = a.intersection(b)
        return float(len(c)) / (len(a) + len(b) - len(c))

    if "textID" not in submission.columns:
        raise InvalidSubmissionError("id")
    if "selected_text" not in submission.columns:
        raise InvalidSubmissionError("target")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    assert "textID" in answers.columns
    assert "selected_text" in answers.columns
    submission = submission.sort_values("textID")
    answers = answers.sort_values("textID")
    if (submission["textID"].values != answers["textID"].values).any():
        raise InvalidSubmissionError("ids")
    preds = submission["selected_text"].fillna("").astype(str).tolist()
    truth = answers["selected_text"].fillna("").astype(str).tolist()
    return float(np.mean([jaccard(a, b) for a, b in zip(preds, truth)]))


def grade_us_patent(submission, answers):
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if not set(["id", "score"]).issubset(submission.columns):
        raise InvalidSubmissionError("columns")
    submission = submission.sort_values("id")
    answers = answers.sort_values("id")
    if (submission["id"].values != answers["id"].values).any():
        raise InvalidSubmissionError("ids")
    return pearsonr(answers["score"].to_numpy(), submission["score"].to_numpy())[0]


# ---------------------------------------------------------------------------------------------
# Writing and grading.

writer = CaseWriter(out)
Competition = writer.competition


def hexid(rng, n, width):
    """n distinct random hex strings, in the order drawn (no set iteration: str hashes are salted)."""
    ids = {}
    while len(ids) < n:
        ids["".join(rng.choice(list("0123456789abcdef"), width))] = None
    return list(ids)


# aptos2019-blindness-detection: quadratic weighted kappa on diagnosis by id_code
rng = np.random.RandomState(1)
n = 60
ans = pd.DataFrame({"id_code": hexid(rng, n, 12), "diagnosis": rng.choice(5, n, p=[0.45, 0.1, 0.25, 0.1, 0.1])})
c = Competition("aptos2019-blindness-detection", "quadratic-weighted-kappa", grade_aptos, ans)
c.emit("sample", ans.assign(diagnosis=0))
c.emit("perfect", ans)
noisy = ans.assign(diagnosis=np.clip(ans["diagnosis"] + rng.choice([-1, 0, 0, 1], n), 0, 4))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=2))
c.emit("float-labels", noisy.assign(diagnosis=noisy["diagnosis"].astype(float)))
c.emit("binary-labels", noisy.assign(diagnosis=(noisy["diagnosis"] > 1).astype(int)))
c.emit("unseen-labels", noisy.assign(diagnosis=noisy["diagnosis"].replace({4: 7})))
frac = noisy.assign(diagnosis=noisy["diagnosis"].astype(float))
frac.loc[frac.index[5], "diagnosis"] = 2.5
c.emit("fractional-label", frac)
nan = noisy.assign(diagnosis=noisy["diagnosis"].astype(float))
nan.loc[nan.index[5], "diagnosis"] = np.nan
c.emit("nan-label", nan)
text = noisy.astype({"diagnosis": object})
text.loc[text.index[5], "diagnosis"] = "mild"
c.emit("text-label", text)
c.emit("header-only", ans.iloc[:0])
c.emit("no-target-column", ans[["id_code"]])
c.common_invalid(noisy, "id_code")

# tabular-playground-series-dec-2021: accuracy on Cover_Type by Id
rng = np.random.RandomState(3)
n = 60
ans = pd.DataFrame({"Id": rng.permutation(np.arange(4000000, 4000000 + 5 * n, 5)),
                    "Elevation": rng.randint(1800, 3800, n), "Aspect": rng.randint(0, 360, n),
                    "Cover_Type": rng.choice([1, 2, 3, 4, 6, 7], n, p=[0.35, 0.45, 0.1, 0.02, 0.03, 0.05])})
c = Competition("tabular-playground-series-dec-2021", "multi-class-classification-accuracy", grade_tps_dec, ans)
c.emit("sample", ans[["Id"]].assign(Cover_Type=2))
c.emit("perfect", ans[["Id", "Cover_Type"]])
noisy = ans[["Id", "Cover_Type"]].copy()
noisy.loc[noisy.index[::4], "Cover_Type"] = 2
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=4))
c.emit("float-labels", noisy.astype({"Cover_Type": float}))
frac = noisy.astype({"Cover_Type": float})
frac.loc[frac.index[3], "Cover_Type"] = 1.5
c.emit("fractional-label", frac)
nan = noisy.astype({"Cover_Type": float})
nan.loc[nan.index[3], "Cover_Type"] = np.nan
c.emit("nan-label", nan)
text = noisy.astype({"Cover_Type": object})
text.loc[text.index[3], "Cover_Type"] = "Spruce"
c.emit("text-label", text)
text = noisy.astype({"Cover_Type": object})
text["Cover_Type"] = np.where(noisy["Cover_Type"] == 2, "Lodgepole", "Spruce")
c.emit("two-text-labels", text)
text.loc[text.index[3], "Cover_Type"] = np.nan
c.emit("text-and-empty-labels", text)
c.emit("bool-labels", noisy.assign(Cover_Type=noisy["Cover_Type"] == 1))
c.emit("no-target-column", ans[["Id"]])
c.common_invalid(noisy, "Id")

# tabular-playground-series-may-2022: binary AUC on target by id (prepare_for_auroc_metric)
rng = np.random.RandomState(5)
n = 60
ans = pd.DataFrame({"id": np.arange(800000, 800000 + n), "f_00": rng.randn(n).round(6),
                    "f_27": ["".join(rng.choice(list("ABCDEFGHIJKLMNOPQRST"), 10)) for _ in range(n)],
                    "target": rng.randint(0, 2, n)})
ans = ans.sample(frac=1, random_state=6)
c = Competition("tabular-playground-series-may-2022", "auc-roc", grade_tps_may, ans)
c.emit("sample", ans[["id"]].assign(target=0.5))
c.emit("perfect", ans[["id", "target"]])
noisy = ans[["id", "target"]].assign(target=np.clip(ans["target"] * 0.5 + rng.rand(n) * 0.6, 0, 1).round(4))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=7))
bad = noisy.copy()
bad.loc[bad.index[0], "target"] = 1.5
c.emit("out-of-range", bad)
bad = noisy.copy()
bad.loc[bad.index[0], "target"] = -0.1
c.emit("negative", bad)
bad = noisy.copy()
bad.loc[bad.index[0], "target"] = np.nan
c.emit("nan-score", bad)
bad = noisy.astype({"target": object})
bad.loc[bad.index[0], "target"] = "high"
c.emit("text-score", bad)
c.common_invalid(noisy, "id")

# playground-series-s3e18: macro AUC over EC1, EC2 by id
rng = np.random.RandomState(8)
n = 60
ans = pd.DataFrame({"id": rng.permutation(np.arange(14838, 14838 + n)), "fr_COO": rng.rand(n).round(3)})
for k in range(1, 7):
    ans[f"EC{k}"] = rng.randint(0, 2, n)
c = Competition("playground-series-s3e18", "auroc-multi-label", grade_s3e18, ans)
c.emit("sample", ans[["id"]].assign(EC1=0.5, EC2=0.5))
c.emit("perfect", ans[["id", "EC1", "EC2"]])
noisy = ans[["id"]].assign(EC1=(ans["EC1"] * 0.4 + rng.rand(n) * 0.6).round(3),
                           EC2=(ans["EC2"] * 0.2 + rng.rand(n) * 0.8).round(3))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=9))
c.emit("extra-columns", noisy.assign(EC3=0.5, EC4=0.1, EC5=0.2, EC6=0.9))
c.emit("unbounded-scores", noisy.assign(EC1=noisy["EC1"] * 10 - 3))
c.emit("no-EC2", noisy[["id", "EC1"]])
bad = noisy.copy()
bad.loc[bad.index[4], "EC2"] = np.nan
c.emit("nan-score", bad)
bad = noisy.astype({"EC1": object})
bad.loc[bad.index[4], "EC1"] = "x"
c.emit("text-score", bad)
c.common_invalid(noisy, "id")

# jigsaw-unintended-bias-in-toxicity-classification: bias-weighted AUC of binarized predictions
rng = np.random.RandomState(10)
n = 240
ans = pd.DataFrame({"id": rng.permutation(np.arange(7000000, 7000000 + 3 * n, 3)),
                    "comment_text": [f"comment {i}, \"quoted\"" for i in range(n)]})
ans["toxicity"] = (rng.binomial(10, 0.25, n) / 10).round(6)
ans["severe_toxicity"] = (ans["toxicity"] * 0.3).round(6)
annotated = rng.rand(n) < 0.7
for col in JIGSAW_IDENTITIES + ["transgender"]:
    v = np.where(rng.rand(n) < 0.3, rng.choice([0.6, 0.75, 1.0], n), rng.choice([0.0, 0.1, 0.4], n))
    ans[col] = np.where(annotated, v, np.nan)
c = Competition("jigsaw-unintended-bias-in-toxicity-classification",
                "jigsaw-unintended-bias-in-toxicity-classification-score", grade_jigsaw, ans)
c.emit("sample", ans[["id"]].assign(prediction=0.0))
assert c.emit("answers-as-submission", ans) is not None
c.emit("perfect", ans[["id"]].assign(prediction=ans["toxicity"]))
noisy = ans[["id"]].assign(prediction=np.clip(ans["toxicity"] + rng.randn(n) * 0.25, 0, 1).round(4))
assert c.emit("noisy", noisy) is not None
c.emit("shuffled", noisy.sample(frac=1, random_state=11))
bad = noisy.copy()
bad.loc[bad.index[::7], "prediction"] = np.nan
c.emit("nan-predictions", bad)
c.emit("integer-predictions", noisy.assign(prediction=(noisy["prediction"] >= 0.5).astype(int)))
c.emit("bool-predictions", noisy.assign(prediction=noisy["prediction"] >= 0.5))
c.emit("inverted", ans[["id"]].assign(prediction=(ans["toxicity"] < 0.5).astype(float)))
c.emit("both-columns", noisy.assign(toxicity=noisy["prediction"]))
c.emit("no-prediction-column", noisy[["id"]])
bad = noisy.astype({"prediction": object})
bad.loc[bad.index[3], "prediction"] = "toxic"
c.emit("text-prediction", bad)
c.common_invalid(noisy, "id")

# new-york-city-taxi-fare-prediction: RMSE, both sides sorted by key, keys never compared
rng = np.random.RandomState(12)
n = 50
stamps = pd.Timestamp("2013-01-01") + pd.to_timedelta(np.sort(rng.choice(10**5, n, replace=False) * 1000 + rng.randint(0, 1000, n)), unit="s")
keys = [f"{t:%Y-%m-%d %H:%M:%S}.{rng.randint(1, 10**7):07d}" for t in stamps]
ans = pd.DataFrame({"key": keys, "fare_amount": (rng.gamma(2.0, 6.0, n) + 2.5).round(2),
                    "pickup_datetime": [f"{t:%Y-%m-%d %H:%M:%S} UTC" for t in stamps],
                    "pickup_longitude": (-73.98 + rng.randn(n) * 0.02).round(6),
                    "pickup_latitude": (40.75 + rng.randn(n) * 0.02).round(6),
                    "passenger_count": rng.randint(1, 6, n)}).sample(frac=1, random_state=13)
c = Competition("new-york-city-taxi-fare-prediction", "root-mean-squared-error", grade_nyc_taxi, ans)
c.emit("sample", ans[["key"]].assign(fare_amount=11.35))
c.emit("perfect", ans[["key", "fare_amount"]])
noisy = ans[["key"]].assign(fare_amount=(ans["fare_amount"] * (1 + rng.randn(n) * 0.1)).round(3))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=14))
c.emit("other-keys", noisy.assign(key=[f"k{v:03d}" for v in rng.permutation(n)]))
c.emit("numeric-keys", noisy.assign(key=rng.permutation(n) * 7))
bad = noisy.copy()
bad.loc[bad.index[[1, 5]], "key"] = np.nan
c.emit("missing-keys", bad)
bad = noisy.copy()
bad.loc[bad.index[2], "fare_amount"] = np.nan
c.emit("nan-fare", bad)
bad = noisy.astype({"fare_amount": object})
bad.loc[bad.index[2], "fare_amount"] = "$5"
c.emit("text-fare", bad)
c.emit("no-fare-column", noisy[["key"]])
c.emit("missing-rows", noisy.iloc[:-3])
c.emit("extra-row", pd.concat([noisy, noisy.iloc[[2]]]))
c.emit("no-key-column", noisy[["fare_amount"]])
c.emit("empty", raw=b"")

# predict-volcanic-eruptions-ingv-oe: MAE over answers merged with the submission, rounded to int
rng = np.random.RandomState(15)
n = 40
ans = pd.DataFrame({"segment_id": rng.choice(10**5, n, replace=False) * 20000 + rng.randint(0, 20000, n) + 10**6,
                    "time_to_eruption": rng.randint(6000, 49 * 10**6, n)})
c = Competition("predict-volcanic-eruptions-ingv-oe", "mean-absolute-error", grade_volcano, ans)
c.emit("sample", ans.assign(time_to_eruption=0))
c.emit("perfect", ans)
noisy = ans.assign(time_to_eruption=(ans["time_to_eruption"] + rng.randn(n) * 3e6).round(1))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=16))
for off, name in [(0.5, "half-off"), (1.5, "one-and-a-half-off"), (2.5, "two-and-a-half-off")]:
    c.emit(name, ans.assign(time_to_eruption=ans["time_to_eruption"] + off))
extra = noisy.iloc[[3]].assign(time_to_eruption=1e7)
c.emit("repeated-id", pd.concat([noisy, extra]))
c.emit("float-ids", noisy.assign(segment_id=noisy["segment_id"].astype(float)))
bad = noisy.copy()
bad.loc[bad.index[0], "segment_id"] = 12345
c.emit("unknown-id", bad)
c.emit("missing-id", noisy.iloc[:-1])
bad = noisy.copy()
bad.loc[bad.index[0], "time_to_eruption"] = np.nan
c.emit("nan-prediction", bad)
bad = noisy.astype({"time_to_eruption": object})
bad.loc[bad.index[0], "time_to_eruption"] = "soon"
c.emit("text-prediction", bad)
c.emit("no-id-column", noisy[["time_to_eruption"]])
c.emit("empty", raw=b"")

# us-patent-phrase-to-phrase-matching: Pearson r of score by id
rng = np.random.RandomState(17)
n = 50
ans = pd.DataFrame({"id": hexid(rng, n, 16), "anchor": [f"anchor {i % 7}" for i in range(n)],
                    "target": [f"target phrase {i}" for i in range(n)], "context": rng.choice(["A47", "B60", "H04"], n),
                    "score": rng.choice([0.0, 0.25, 0.5, 0.75, 1.0], n)})
c = Competition("us-patent-phrase-to-phrase-matching", "pearson-correlation-coefficient", grade_us_patent, ans)
c.emit("sample", ans[["id"]].assign(score=0))
c.emit("perfect", ans[["id", "score"]])
noisy = ans[["id"]].assign(score=(ans["score"] + rng.randn(n) * 0.3).round(4))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=18))
bad = noisy.copy()
bad.loc[bad.index[1], "score"] = np.nan
c.emit("nan-score", bad)
bad = noisy.astype({"score": object})
bad.loc[bad.index[1], "score"] = "high"
c.emit("text-score", bad)
c.emit("no-score-column", noisy[["id"]])
c.common_invalid(noisy, "id")

# tweet-sentiment-extraction: mean word Jaccard of selected_text by textID
rng = np.random.RandomState(19)
n = 40
vocab = ["I", "love", "this", "SO", "much", "!!", "not", "Happy", "sad", "day", "http://t.co/x", "ΟΔΟΣ", "İstanbul",
         "won't", "5", "great", "ugh", "work", "tomorrow", "Thanks"]
texts, selected = [], []
for i in range(n):
    words = list(rng.choice(vocab, rng.randint(3, 9)))
    a = rng.randint(0, len(words))
    b = rng.randint(a + 1, len(words) + 1)
    texts.append(" ".join(words))
    selected.append(" ".join(words[a:b]))
selected[4] = "5"
ans = pd.DataFrame({"textID": hexid(rng, n, 10), "text": texts, "selected_text": selected,
                    "sentiment": rng.choice(["positive", "neutral", "negative"], n)})
c = Competition("tweet-sentiment-extraction", "jaccard-similarity", grade_tweet, ans)
c.emit("sample", ans[["textID"]].assign(selected_text=""))
c.emit("perfect", ans[["textID", "selected_text"]])
noisy_text = []
for t, s in zip(texts, selected):
    r = rng.rand()
    noisy_text.append(t if r < 0.3 else s.upper() if r < 0.5 else s.lower() if r < 0.6 else "" if r < 0.7 else
                      " ".join(s.split()[1:]) + "  ok")
noisy = ans[["textID"]].assign(selected_text=noisy_text)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=20))
c.emit("numeric-text", ans[["textID"]].assign(selected_text=np.where(np.arange(n) % 2 == 0, 5, 1.5)))
c.emit("no-text-column", ans[["textID"]])
c.common_invalid(noisy, "textID")

# chaii-hindi-and-tamil-question-answering: samples-averaged word Jaccard of PredictionString by id
rng = np.random.RandomState(21)
n = 40
words = ["भारत", "की", "राजधानी", "नई", "दिल्ली", "சென்னை", "தமிழ்", "நாடு", "1947", "गंगा", "नदी", "இந்தியா",
         "Mumbai", "DELHI"]
answer_text = [" ".join(rng.choice(words, rng.randint(1, 4))) for _ in range(n)]
answer_text[0] = "1947"
ans = pd.DataFrame({"id": hexid(rng, n, 9), "PredictionString": answer_text})
c = Competition("chaii-hindi-and-tamil-question-answering", "word-level-jaccard-score", grade_chaii, ans)
c.emit("sample", ans.assign(PredictionString="dummy text"))
c.emit("perfect", ans)
noisy_text = []
for t in answer_text:
    r = rng.rand()
    noisy_text.append(t if r < 0.3 else t.lower() if r < 0.45 else "" if r < 0.6 else
                      t + " " + rng.choice(words) if r < 0.8 else rng.choice(words))
noisy = ans.assign(PredictionString=noisy_text)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=22))
c.emit("all-empty", ans.assign(PredictionString=np.nan))
c.emit("numeric-column", ans.assign(PredictionString=1947))
c.emit("no-prediction-column", ans[["id"]])
c.common_invalid(noisy, "id")

# imet-2020-fgvc7 and plant-pathology-2021-fgvc8: micro F1 of space-separated label sets
for cid, idc, target, fillna_first, seed in [("imet-2020-fgvc7", "id", "attribute_ids", True, 23),
                                              ("plant-pathology-2021-fgvc8", "image", "labels", False, 24)]:
    rng = np.random.RandomState(seed)
    n = 50
    if cid == "imet-2020-fgvc7":
        pool = [str(v) for v in rng.choice(3474, 40, replace=False)]
        ids = hexid(rng, n, 32)
        sample_value, unknown = "0 1 2", "99999"
    else:
        pool = ["healthy", "scab", "frog_eye_leaf_spot", "rust", "complex", "powdery_mildew"]
        ids = [f"{h}.jpg" for h in hexid(rng, n, 16)]
        sample_value, unknown = "healthy", "leaf_curl"
    labels = [" ".join(rng.choice(pool, rng.randint(1, 4), replace=False)) for _ in range(n)]
    ans = pd.DataFrame({idc: ids, target: labels})
    c = Competition(cid, "micro-f1-score", (lambda i, t, f: (lambda s, a: grade_multilabel_f1(s, a, i, t, f)))(
        idc, target, fillna_first), ans)
    c.emit("sample", ans.assign(**{target: sample_value}))
    c.emit("perfect", ans)
    noisy_labels = []
    for l in labels:
        ws = l.split()
        r = rng.rand()
        noisy_labels.append(l if r < 0.3 else " ".join(ws[1:]) if r < 0.5 else l + " " + rng.choice(pool) if r < 0.7
                            else l + " " + unknown if r < 0.8 else l + " " + ws[0] if r < 0.9 else rng.choice(pool))
    noisy = ans.assign(**{target: noisy_labels})
    c.emit("noisy", noisy)
    c.emit("shuffled", noisy.sample(frac=1, random_state=25))
    some = noisy.copy()
    some.loc[some.index[::5], target] = np.nan
    c.emit("some-empty", some)
    c.emit("all-empty", ans.assign(**{target: np.nan}))
    c.emit("numeric-column", ans.assign(**{target: 7}))
    c.emit("no-label-column", ans[[idc]])
    c.common_invalid(noisy, idc)

# dog-breed-identification: log loss over one-hot breed columns (extra columns allowed)
DOGS = None
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "registry", "dog-breed-identification",
                       "recipe.toml")) as f:
    for line in f:
        if line.startswith("classes = ["):
            DOGS = json.loads(line[len("classes = "):])
assert DOGS is not None and len(DOGS) == 120
rng = np.random.RandomState(26)
n = 6
breeds = rng.choice(DOGS, n)
ans = pd.DataFrame({"id": hexid(rng, n, 32)})
for d in DOGS:
    ans[d] = (breeds == d).astype(int)
c = Competition("dog-breed-identification", "multi-class-log-loss", lambda s, a: grade_dog_breed(s, a, DOGS), ans)
c.emit("sample", ans[["id"]].assign(**{d: 1 / 120 for d in DOGS}))
c.emit("perfect", ans)
noisy = ans.copy()
for i in range(n):
    guess = breeds[i] if i % 3 else DOGS[(DOGS.index(breeds[i]) + 1) % 120]
    noisy.loc[noisy.index[i], DOGS] = [0.405 if d == guess else 0.005 for d in DOGS]
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=27))
c.emit("extra-column", noisy.assign(confidence=0.9))
near = noisy.copy()
near.loc[near.index[0], DOGS[0]] += 5e-6
c.emit("sum-within-tolerance", near)
off = noisy.copy()
off.loc[off.index[0], DOGS[0]] += 1e-3
c.emit("sum-off", off)
neg = noisy.copy()
neg.loc[neg.index[0], DOGS[0]] = -0.005
neg.loc[neg.index[0], DOGS[1]] += 0.01
c.emit("negative", neg)
bad = noisy.copy()
bad.loc[bad.index[0], DOGS[0]] = np.nan
c.emit("nan", bad)
c.emit("missing-breed", noisy.drop(columns=[DOGS[7]]))
c.common_invalid(noisy, "id")

# lmsys-chatbot-arena: log loss over winner_model_a / winner_model_b / winner_tie
rng = np.random.RandomState(28)
n = 40
winner = rng.choice(3, n, p=[0.35, 0.35, 0.3])
ans = pd.DataFrame({"id": rng.choice(10**5, n, replace=False) * 40000 + rng.randint(0, 40000, n), "model_a": rng.choice(["gpt-4", "llama-2-70b"], n),
                    "model_b": rng.choice(["claude-2", "vicuna-13b"], n),
                    "prompt": [f"[\"question {i}, with a comma\"]" for i in range(n)],
                    "response_a": [f"[\"answer a{i}\"]" for i in range(n)],
                    "response_b": [f"[\"answer b{i}\"]" for i in range(n)],
                    "winner_model_a": (winner == 0).astype(int), "winner_model_b": (winner == 1).astype(int),
                    "winner_tie": (winner == 2).astype(int)})
classes = ["winner_model_a", "winner_model_b", "winner_tie"]
c = Competition("lmsys-chatbot-arena", "multi-class-log-loss", grade_lmsys, ans)
c.emit("sample", ans[["id"]].assign(**{k: 0.3333333333333333 for k in classes}))
c.emit("perfect", ans[["id"] + classes])
probs = np.array([[0.6, 0.25, 0.15], [0.25, 0.6, 0.15], [0.3, 0.3, 0.4]])
guess = np.where(rng.rand(n) < 0.6, winner, rng.choice(3, n))
noisy = ans[["id"]].copy()
for j, k in enumerate(classes):
    noisy[k] = probs[guess, j]
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=29))
c.emit("extra-columns", noisy.assign(model_a="x", note=1))
near = noisy.copy()
near.loc[near.index[0], "winner_tie"] += 4e-7
c.emit("sum-rounds-to-one", near)
off = noisy.copy()
off.loc[off.index[0], "winner_tie"] += 4e-6
c.emit("sum-off-by-4e-6", off)
bad = noisy.copy()
bad.loc[bad.index[0], "winner_tie"] = 1.2
c.emit("out-of-range", bad)
bad = noisy.copy()
bad.loc[bad.index[0], "winner_tie"] = np.nan
c.emit("nan", bad)
c.emit("no-tie-column", noisy.drop(columns=["winner_tie"]))
c.common_invalid(noisy, "id")

writer.write_manifest()
