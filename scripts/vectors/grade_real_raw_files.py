#!/usr/bin/env python3
"""Reference grades for the five competitions built from real raw files.

Usage: grade_real_raw_files.py DATA_DIR OUT_DIR
Writes submissions (sample, perfect, noisy, invalid) for each competition prepared under DATA_DIR
into OUT_DIR and prints a JSON list of {competition, submission, score} where score is what
MLE-bench's grader returns for it: pandas + scikit-learn following each competition's grade.py
(the same checks, the same sorting, the same metric), rounded to 5 decimals, or null when
MLE-bench calls the submission invalid. mlepkg's tests grade the same files and compare.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score, root_mean_squared_log_error

data, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


class Invalid(Exception):
    pass


def read(path):
    return pd.read_csv(path, float_precision="round_trip")


def grade_accuracy(sub, ans, target, idc):
    if len(sub) != len(ans) or target not in sub.columns or idc not in sub.columns:
        raise Invalid()
    sub, ans = sub.sort_values(idc), ans.sort_values(idc)
    if (sub[idc].values != ans[idc].values).any():
        raise Invalid()
    return accuracy_score(ans[target].to_numpy(), sub[target].to_numpy())


def grade_auc(sub, ans, idc, target):
    if idc not in sub.columns or target not in sub.columns or len(sub) != len(ans):
        raise Invalid()
    pd.to_numeric(sub[target])
    if sub[target].min() < 0 or sub[target].max() > 1:
        raise Invalid()
    sub, ans = sub.sort_values(idc), ans.sort_values(idc)
    if (sub[idc].values != ans[idc].values).any():
        raise Invalid()
    return roc_auc_score(ans[target].to_numpy(), sub[target].to_numpy())


def grade_logloss(sub, ans, classes):
    if set(sub.columns) != {"id"} | set(classes) or len(sub) != len(ans):
        raise Invalid()
    if not np.all(np.isclose(sub[classes].sum(axis=1), 1, atol=1e-6)):
        raise Invalid()
    if not ((sub[classes] >= 0) & (sub[classes] <= 1)).all().all():
        raise Invalid()
    sub = sub[[c for c in ans.columns if c in sub.columns]]
    s, a = sub.sort_values(by="id").reset_index(drop=True), ans.sort_values(by="id").reset_index(drop=True)
    if s["id"].tolist() != a["id"].tolist():
        raise Invalid()
    return log_loss(a.drop(columns=["id"]).to_numpy(), s.drop(columns=["id"]).to_numpy())


def grade_rmsle(sub, ans):
    cols = ["formation_energy_ev_natom", "bandgap_energy_ev"]
    if any(c not in sub.columns for c in cols) or len(sub) != len(ans):
        raise Invalid()
    return sum(root_mean_squared_log_error(ans[c], sub[c]) for c in cols) / 2


def score(fn, path, ans, *args):
    try:
        return round(fn(read(path), ans, *args), 5)
    except Exception:
        return None


results = []


def emit(cid, name, frame=None, raw=None, grader=None, ans=None, args=()):
    path = os.path.join(out, f"{cid}--{name}.csv")
    if frame is not None:
        frame.to_csv(path, index=False)
    else:
        with open(path, "wb") as f:
            f.write(raw)
    results.append({"competition": cid, "submission": path, "score": score(grader, path, ans, *args)})


def common_invalid(cid, sample, grader, ans, args):
    emit(cid, "missing-rows", sample.iloc[:-3], grader=grader, ans=ans, args=args)
    emit(cid, "missing-column", sample.iloc[:, :1], grader=grader, ans=ans, args=args)
    emit(cid, "semicolons", raw=sample.to_csv(index=False, sep=";").encode(), grader=grader, ans=ans, args=args)
    emit(cid, "empty", raw=b"", grader=grader, ans=ans, args=args)
    emit(cid, "binary", raw=bytes(range(256)) * 8, grader=grader, ans=ans, args=args)
    emit(cid, "bom-crlf", raw=b"\xef\xbb\xbf" + sample.to_csv(index=False).replace("\n", "\r\n").encode(),
         grader=grader, ans=ans, args=args)
    emit(cid, "shuffled", sample.sample(frac=1, random_state=1), grader=grader, ans=ans, args=args)


def prepared(cid, *parts):
    return os.path.join(data, cid, "prepared", *parts)


# spaceship-titanic: accuracy on Transported by PassengerId
cid = "spaceship-titanic"
if os.path.isdir(prepared(cid)):
    ans = read(prepared(cid, "private", "test.csv"))
    sample = read(prepared(cid, "public", "sample_submission.csv"))
    args = ("Transported", "PassengerId")
    emit(cid, "sample", sample, grader=grade_accuracy, ans=ans, args=args)
    emit(cid, "perfect", ans[["PassengerId", "Transported"]], grader=grade_accuracy, ans=ans, args=args)
    noisy = ans[["PassengerId", "Transported"]].copy()
    noisy.loc[noisy.index[::3], "Transported"] = ~noisy["Transported"][::3]
    emit(cid, "noisy", noisy, grader=grade_accuracy, ans=ans, args=args)
    text = ans[["PassengerId", "Transported"]].copy()
    text["Transported"] = "yes"
    emit(cid, "text-labels", text, grader=grade_accuracy, ans=ans, args=args)
    dup = sample.copy()
    dup.loc[dup.index[0], "PassengerId"] = dup["PassengerId"].iloc[1]
    emit(cid, "duplicate-id", dup, grader=grade_accuracy, ans=ans, args=args)
    common_invalid(cid, sample, grade_accuracy, ans, args)

# detecting-insults: AUC on Insult by Comment
cid = "detecting-insults-in-social-commentary"
if os.path.isdir(prepared(cid)):
    ans = read(prepared(cid, "private", "test.csv"))
    sample = read(prepared(cid, "public", "sample_submission_null.csv"))
    args = ("Comment", "Insult")
    emit(cid, "sample", sample, grader=grade_auc, ans=ans, args=args)
    emit(cid, "perfect", ans[["Insult", "Date", "Comment"]], grader=grade_auc, ans=ans, args=args)
    noisy = ans[["Insult", "Date", "Comment"]].copy()
    noisy["Insult"] = (noisy["Insult"] * 0.6 + (np.arange(len(noisy)) % 7) / 10).clip(0, 1)
    emit(cid, "noisy", noisy, grader=grade_auc, ans=ans, args=args)
    out_of_range = noisy.copy()
    out_of_range.loc[out_of_range.index[0], "Insult"] = 1.5
    emit(cid, "out-of-range", out_of_range, grader=grade_auc, ans=ans, args=args)
    common_invalid(cid, sample, grade_auc, ans, args)

# leaf-classification and spooky: one-hot log loss
for cid in ["leaf-classification", "spooky-author-identification"]:
    if not os.path.isdir(prepared(cid)):
        continue
    ans = read(prepared(cid, "private", "test.csv"))
    classes = [c for c in ans.columns if c != "id"]
    sample = read(prepared(cid, "public", "sample_submission.csv"))
    args = (classes,)
    emit(cid, "sample", sample, grader=grade_logloss, ans=ans, args=args)
    emit(cid, "perfect", ans, grader=grade_logloss, ans=ans, args=args)
    noisy = ans.copy()
    noisy[classes] = ans[classes] * 0.7 + 0.3 / len(classes)
    emit(cid, "noisy", noisy, grader=grade_logloss, ans=ans, args=args)
    unnormalised = noisy.copy()
    unnormalised[classes[0]] = unnormalised[classes[0]] + 0.1
    emit(cid, "rows-not-summing-to-one", unnormalised, grader=grade_logloss, ans=ans, args=args)
    nan = noisy.copy()
    nan.loc[nan.index[2], classes[1]] = np.nan
    emit(cid, "nan-prediction", nan, grader=grade_logloss, ans=ans, args=args)
    common_invalid(cid, sample, grade_logloss, ans, args)

# nomad2018: mean column-wise RMSLE, rows in file order
cid = "nomad2018-predict-transparent-conductors"
if os.path.isdir(prepared(cid)):
    ans = read(prepared(cid, "private", "test.csv"))
    sample = read(prepared(cid, "public", "sample_submission.csv"))
    cols = ["id", "formation_energy_ev_natom", "bandgap_energy_ev"]
    emit(cid, "sample", sample, grader=grade_rmsle, ans=ans)
    emit(cid, "perfect", ans[cols], grader=grade_rmsle, ans=ans)
    noisy = ans[cols].copy()
    noisy["formation_energy_ev_natom"] *= 1.1
    noisy["bandgap_energy_ev"] = noisy["bandgap_energy_ev"] * 0.9 + 0.05
    emit(cid, "noisy", noisy, grader=grade_rmsle, ans=ans)
    negative = noisy.copy()
    negative.loc[negative.index[0], "bandgap_energy_ev"] = -3.0
    emit(cid, "negative-prediction", negative, grader=grade_rmsle, ans=ans)
    common_invalid(cid, sample, grade_rmsle, ans, ())

print(json.dumps(results, indent=1))
