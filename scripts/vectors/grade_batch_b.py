#!/usr/bin/env python3
"""Reference grades for the graders of CompetitionGradersB.swift, on synthesized competitions.

Usage: grade_batch_b.py OUT_DIR
For each competition, writes OUT_DIR/<competition>/answers.csv (the columns of MLE-bench's
prepared private file) and submissions (sample, perfect, noisy, shuffled, invalid) beside it, then
grades every submission with a transcription of that competition's MLE-bench grade.py in pandas +
scikit-learn (+ Levenshtein), inside MLE-bench's `Grader.__call__` (any exception: invalid; else
the score rounded to 5 decimals), reading files as `mlebench.utils.read_csv` does.
OUT_DIR/<competition>/cases.json lists {competition, metric, answers, submission, valid, score, nan}.

Deterministic: every random draw comes from a seeded numpy RandomState. Tested with Python 3.11,
pandas 2.2.2, numpy 1.26.4, scikit-learn 1.5.1, Levenshtein 0.27.
"""
import json
import math
import os
import sys
import warnings
from bisect import bisect

import numpy as np
import pandas as pd
from Levenshtein import distance
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score, log_loss, roc_auc_score, root_mean_squared_error

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlebench_reference import InvalidSubmissionError, read_csv, prepare_for_accuracy_metric, prepare_for_auroc_metric, apk, mean_average_precision_at_k, CaseWriter  # noqa: E402

warnings.simplefilter("ignore")
out = sys.argv[1]


# ---------------------------------------------------------------------------------------------
# Transcriptions of mlebench/competitions/<id>/grade.py (and the utils.py helpers they use).


def accuracy_grader(idc, target):
    def grade(submission, answers):
        return accuracy_score(**prepare_for_accuracy_metric(submission, answers, target_column=target, id_column=idc))
    return grade


def auroc_grader(idc, target):
    def grade(submission, answers):
        inputs = prepare_for_auroc_metric(submission, answers, id_col=idc, target_col=target)
        return roc_auc_score(y_true=inputs["y_true"], y_score=inputs["y_score"])
    return grade


def grade_essay_scoring(submission, answers):
    id_column, target_column = "essay_id", "score"
    assert target_column in answers.columns
    assert id_column in answers.columns
    assert not answers.empty
    if target_column not in submission.columns:
        raise InvalidSubmissionError("target")
    if id_column not in submission.columns:
        raise InvalidSubmissionError("id")
    if submission.empty:
        raise InvalidSubmissionError("empty")
    submission_sorted = submission.sort_values(by=id_column)
    answers_sorted = answers.sort_values(by=id_column)
    if (submission_sorted[id_column].values != answers_sorted[id_column].values).any():
        raise InvalidSubmissionError("ids")
    y_pred = submission_sorted[target_column].values
    y_true = answers_sorted[target_column].values
    return cohen_kappa_score(y_pred, y_true, weights="quadratic")


def macro_f1_grader(idc, target, check_answers=True):
    """herbarium-2021-fgvc8 / herbarium-2022-fgvc9 and -2020-fgvc7 (no answers asserts) / iwildcam-2019-fgvc6."""
    def grade(submission, answers):
        if len(submission) != len(answers):
            raise InvalidSubmissionError("length")
        if idc not in submission.columns or target not in submission.columns:
            raise InvalidSubmissionError("columns")
        if check_answers:
            assert idc in answers.columns and target in answers.columns
        submission = submission.sort_values(idc)
        answers = answers.sort_values(idc)
        if (submission[idc].values != answers[idc].values).any():
            raise InvalidSubmissionError("ids")
        y_true = [int(y) for y in answers[target]]
        y_pred = [int(y) for y in submission[target]]
        return f1_score(y_true=y_true, y_pred=y_pred, average="macro")
    return grade


def grade_inaturalist(submission, answers):
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if "id" not in submission.columns or "predicted" not in submission.columns:
        raise InvalidSubmissionError("columns")
    assert "id" in answers.columns and "predicted" in answers.columns
    submission = submission.sort_values("id")
    answers = answers.sort_values("id")
    if (submission["id"].values != answers["id"].values).any():
        raise InvalidSubmissionError("ids")
    y_true = [int(y) for y in answers["predicted"]]
    y_pred = [int(y) if isinstance(y, int) else int(y.split()[0]) for y in submission["predicted"]]
    return 1 - accuracy_score(y_true=y_true, y_pred=y_pred)


def grade_billion_word(submission, answers):
    id_col, target_col = "id", "sentence"
    assert id_col in answers.columns and target_col in answers.columns
    if id_col not in submission.columns:
        raise InvalidSubmissionError("id")
    if target_col not in submission.columns:
        raise InvalidSubmissionError("target")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    submission = submission.sort_values(id_col).reset_index(drop=True)
    answers = answers.sort_values(id_col).reset_index(drop=True)
    if (submission[id_col].values != answers[id_col].values).any():
        raise InvalidSubmissionError("ids")
    y_pred, y_true = submission[target_col], answers[target_col]
    return np.mean([distance(a, b) for a, b in zip(y_true, y_pred)])


def grade_bms(submission, answers):
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if "image_id" not in submission.columns:
        raise InvalidSubmissionError("id")
    if "InChI" not in submission.columns:
        raise InvalidSubmissionError("target")
    assert "image_id" in answers.columns and "InChI" in answers.columns
    submission = submission.sort_values("image_id")
    answers = answers.sort_values("image_id")
    if (submission["image_id"].values != answers["image_id"].values).any():
        raise InvalidSubmissionError("ids")
    submission["InChI"] = submission["InChI"].astype(str)
    answers["InChI"] = answers["InChI"].astype(str)
    return np.mean([distance(a, b) for a, b in zip(answers["InChI"], submission["InChI"])])


def grade_dogs_vs_cats(submission, answers):
    assert "id" in answers.columns and "label" in answers.columns
    if "id" not in submission.columns:
        raise InvalidSubmissionError("id")
    if "label" not in submission.columns:
        raise InvalidSubmissionError("label")
    if set(submission["id"]) != set(answers["id"]):
        raise InvalidSubmissionError("ids")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if not ((submission["label"] >= 0) & (submission["label"] <= 1)).all():
        raise InvalidSubmissionError("range")
    submission = submission.sort_values("id")
    answers = answers.sort_values("id")
    return log_loss(y_true=answers["label"], y_pred=submission["label"])


def grade_denoising(submission, answers):
    assert "id" in answers.columns and "value" in answers.columns
    answers["value"].astype(float)
    if "id" not in submission.columns:
        raise InvalidSubmissionError("id")
    if "value" not in submission.columns:
        raise InvalidSubmissionError("value")
    try:
        submission["value"].astype(float)
    except ValueError:
        raise InvalidSubmissionError("float")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    submission_sorted = submission.sort_values(by="id").sort_index(axis=1)
    answers_sorted = answers.sort_values(by="id").sort_index(axis=1)
    if (submission_sorted["id"].values != answers_sorted["id"].values).any():
        raise InvalidSubmissionError("ids")
    return root_mean_squared_error(y_true=submission_sorted["value"], y_pred=answers_sorted["value"])


def kendall_tau(ground_truth, predictions):
    def count_inversions(a):
        inversions = 0
        sorted_so_far = []
        for i, u in enumerate(a):
            j = bisect(sorted_so_far, u)
            inversions += i - j
            sorted_so_far.insert(j, u)
        return inversions

    total_inversions = 0
    total_2max = 0
    for gt, pred in zip(ground_truth, predictions):
        ranks = [gt.index(x) for x in pred]
        total_inversions += count_inversions(ranks)
        n = len(gt)
        total_2max += n * (n - 1)
    return 1 - 4 * total_inversions / total_2max


def grade_ai4code(submission, answers):
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if "id" not in submission.columns or "cell_order" not in submission.columns:
        raise InvalidSubmissionError("columns")
    if set(submission["id"]) != set(answers["id"]):
        raise InvalidSubmissionError("ids")
    submission["cell_order"] = submission["cell_order"].astype(str)
    answers["cell_order"] = answers["cell_order"].astype(str)
    submission = submission.sort_values("id")
    answers = answers.sort_values("id")
    ground_truth, predictions = [], []
    for (_, row_gt), (_, row_pred) in zip(submission.iterrows(), answers.iterrows()):
        g = row_gt["cell_order"].split()
        p = row_pred["cell_order"].split()
        if len(g) != len(p):
            raise InvalidSubmissionError("cells")
        ground_truth.append(g)
        predictions.append(p)
    return kendall_tau(ground_truth, predictions)


def grade_hotel_id(submission, answers):
    id_col, target_col = "image", "hotel_id"
    if id_col not in submission.columns:
        raise InvalidSubmissionError("id")
    if target_col not in submission.columns:
        raise InvalidSubmissionError("target")
    assert id_col in answers.columns and target_col in answers.columns
    if not set(submission[id_col]) == set(answers[id_col]):
        raise InvalidSubmissionError("ids")
    if not len(submission) == len(answers):
        raise InvalidSubmissionError("length")
    submission = submission.sort_values(id_col).reset_index(drop=True)
    answers = answers.sort_values(id_col).reset_index(drop=True)
    submission[target_col] = submission[target_col].astype(str).str.split(" ")
    answers[target_col] = answers[target_col].astype(str).str.split(" ").apply(set)
    return mean_average_precision_at_k(answers[target_col].tolist(), submission[target_col].tolist(), k=5)


# ---------------------------------------------------------------------------------------------
# Writing and grading.

writer = CaseWriter(out)
Competition = writer.competition


def hexid(rng, n, width):
    """n distinct random hex strings, in the order drawn."""
    ids = {}
    while len(ids) < n:
        ids["".join(rng.choice(list("0123456789abcdef"), width))] = None
    return list(ids)


def expect_valid(score):
    assert score is not None and not math.isnan(score), score


# --- accuracy family (prepare_for_accuracy_metric) -------------------------------------------
ACCURACY = [
    ("cassava-leaf-disease-classification", "image_id", "label", "jpg", 5),
    ("cdiscount-image-classification-challenge", "_id", "category_id", "int", 40),
    ("iwildcam-2020-fgvc7", "Id", "Category", "hex", 12),
    ("ml2021spring-hw2", "Id", "ClassId", "int", 39),
    ("movie-review-sentiment-analysis-kernels-only", "PhraseId", "Sentiment", "int", 5),
]
for k, (cid, idc, target, idkind, nclass) in enumerate(ACCURACY):
    rng = np.random.RandomState(100 + k)
    n = 50
    if idkind == "jpg":
        ids = [f"{v}.jpg" for v in rng.choice(10**9, n, replace=False)]
    elif idkind == "hex":
        ids = hexid(rng, n, 8)
    else:
        ids = list(rng.choice(10**7, n, replace=False))
    labels = rng.randint(0, nclass, n) if cid != "cdiscount-image-classification-challenge" \
        else rng.choice([1000010653, 1000010667, 1000004079, 1000018290], n)
    ans = pd.DataFrame({idc: ids, target: labels})
    c = Competition(cid, "accuracy", accuracy_grader(idc, target), ans)
    c.emit("sample", ans.assign(**{target: labels[0]}))
    c.emit("perfect", ans)
    noisy = ans.copy()
    noisy.loc[noisy.index[::3], target] = labels[1]
    expect_valid(c.emit("noisy", noisy))
    c.emit("shuffled", noisy.sample(frac=1, random_state=k))
    c.emit("float-labels", noisy.astype({target: float}))
    bad = noisy.astype({target: float})
    bad.loc[bad.index[3], target] = np.nan
    c.emit("nan-label", bad)
    bad = noisy.astype({target: object})
    bad.loc[bad.index[3], target] = "cat"
    c.emit("text-label", bad)
    c.emit("no-target-column", ans[[idc]])
    c.common_invalid(noisy, idc)

# --- binary AUC family (prepare_for_auroc_metric) --------------------------------------------
AUC = [
    ("aerial-cactus-identification", "id", "has_cactus", "jpg"),
    ("histopathologic-cancer-detection", "id", "label", "hex"),
    ("invasive-species-monitoring", "name", "invasive", "int"),
]
for k, (cid, idc, target, idkind) in enumerate(AUC):
    rng = np.random.RandomState(200 + k)
    n = 50
    if idkind == "jpg":
        ids = [f"{h}.jpg" for h in hexid(rng, n, 32)]
    elif idkind == "hex":
        ids = hexid(rng, n, 40)
    else:
        ids = list(rng.permutation(np.arange(1, n + 1)))
    y = rng.randint(0, 2, n)
    ans = pd.DataFrame({idc: ids, target: y})
    c = Competition(cid, "auc-roc", auroc_grader(idc, target), ans)
    c.emit("sample", ans.assign(**{target: 0.5}))
    c.emit("perfect", ans)
    noisy = ans.assign(**{target: np.clip(y * 0.4 + rng.rand(n) * 0.6, 0, 1).round(4)})
    expect_valid(c.emit("noisy", noisy))
    c.emit("shuffled", noisy.sample(frac=1, random_state=k))
    bad = noisy.copy()
    bad.loc[bad.index[0], target] = 1.5
    c.emit("out-of-range", bad)
    bad = noisy.copy()
    bad.loc[bad.index[0], target] = np.nan
    c.emit("nan-score", bad)
    bad = noisy.astype({target: object})
    bad.loc[bad.index[0], target] = "yes"
    c.emit("text-score", bad)
    c.common_invalid(noisy, idc)

# --- learning-agency-lab-automated-essay-scoring-2: QWK on score by essay_id ------------------
rng = np.random.RandomState(300)
n = 60
ans = pd.DataFrame({"essay_id": hexid(rng, n, 7), "score": rng.choice([1, 2, 3, 4, 5, 6], n, p=[.1, .25, .3, .2, .1, .05])})
c = Competition("learning-agency-lab-automated-essay-scoring-2", "quadratic-weighted-kappa", grade_essay_scoring, ans)
c.emit("sample", ans.assign(score=3))
c.emit("perfect", ans)
noisy = ans.assign(score=np.clip(ans["score"] + rng.choice([-1, 0, 0, 1], n), 1, 6))
expect_valid(c.emit("noisy", noisy))
c.emit("shuffled", noisy.sample(frac=1, random_state=1))
c.emit("float-labels", noisy.astype({"score": float}))
frac = noisy.astype({"score": float})
frac.loc[frac.index[4], "score"] = 2.5
c.emit("fractional-label", frac)
c.emit("header-only", ans.iloc[:0])
c.emit("no-target-column", ans[["essay_id"]])
c.common_invalid(noisy, "essay_id")

# --- macro F1 on int(label) ------------------------------------------------------------------
F1 = [
    ("herbarium-2021-fgvc8", "Id", "Predicted", True),
    ("herbarium-2022-fgvc9", "Id", "Predicted", False),
    ("iwildcam-2019-fgvc6", "Id", "Category", True),
    # herbarium-2020-fgvc7's grade.py is not in the index we read from; its prepare.py writes the same
    # Id/Predicted answers as 2021/2022, and MLE-bench's config names the same macro-F1 grader.
    ("herbarium-2020-fgvc7", "Id", "Predicted", False),
]
for k, (cid, idc, target, check) in enumerate(F1):
    rng = np.random.RandomState(400 + k)
    n = 60
    ids = hexid(rng, n, 36) if cid == "iwildcam-2019-fgvc6" else list(rng.permutation(np.arange(n)))
    labels = rng.choice([0, 1, 2, 3, 5, 8, 10, 13, 22, 101], n)
    ans = pd.DataFrame({idc: ids, target: labels})
    c = Competition(cid, "macro-f1-score", macro_f1_grader(idc, target, check), ans)
    c.emit("sample", ans.assign(**{target: 0}))
    c.emit("perfect", ans)
    noisy = ans.copy()
    noisy.loc[noisy.index[::4], target] = 13
    noisy.loc[noisy.index[1::7], target] = 777
    expect_valid(c.emit("noisy", noisy))
    c.emit("shuffled", noisy.sample(frac=1, random_state=k))
    c.emit("float-labels", noisy.astype({target: float}).assign(**{target: noisy[target] + 0.75}))
    bad = noisy.astype({target: float})
    bad.loc[bad.index[2], target] = np.nan
    c.emit("nan-label", bad)
    txt = noisy.astype({target: object})
    txt.loc[txt.index[2], target] = "x"
    c.emit("text-label", txt)
    txt = noisy.astype({target: str})
    txt.loc[txt.index[2], target] = " 1_3 "
    c.emit("int-literal-text", txt)
    c.emit("bool-labels", noisy.assign(**{target: noisy[target] > 5}))
    c.emit("no-target-column", ans[[idc]])
    c.common_invalid(noisy, idc)

# --- inaturalist-2019-fgvc6: top-1 error ------------------------------------------------------
rng = np.random.RandomState(500)
n = 60
ans = pd.DataFrame({"id": rng.permutation(np.arange(n)), "predicted": rng.randint(0, 1010, n)})
c = Competition("inaturalist-2019-fgvc6", "top-1-classification-error", grade_inaturalist, ans)
c.emit("sample", ans.assign(predicted="0 1 2 3 4"))
c.emit("perfect", ans)
noisy = ans.copy()
noisy.loc[noisy.index[::3], "predicted"] = 7
expect_valid(c.emit("noisy", noisy))
c.emit("shuffled", noisy.sample(frac=1, random_state=5))
top5 = noisy.assign(predicted=[f"{p} {(p + 1) % 1010} 3 4 5" for p in noisy["predicted"]])
expect_valid(c.emit("top5-text", top5))
bad = top5.copy()
bad.loc[bad.index[2], "predicted"] = np.nan
c.emit("empty-cell", bad)
bad = top5.copy()
bad.loc[bad.index[2], "predicted"] = "cat 1 2"
c.emit("text-label", bad)
c.emit("float-labels", noisy.astype({"predicted": float}))
c.emit("bool-labels", noisy.assign(predicted=noisy["predicted"] > 500))
c.emit("no-target-column", ans[["id"]])
c.common_invalid(noisy, "id")

# --- billion-word-imputation: mean Levenshtein on sentence ------------------------------------
rng = np.random.RandomState(600)
n = 40
words = ["the", "cat", "sat", "on", "a", "mat", "\"quoted\"", "naïve", "über", "dog", ",", "ran", "fast"]
sentences = [" ".join(rng.choice(words, rng.randint(3, 12))) for _ in range(n)]
ans = pd.DataFrame({"id": rng.permutation(np.arange(n)), "sentence": sentences})
c = Competition("billion-word-imputation", "levenshtein-distance", grade_billion_word, ans)
c.emit("sample", ans.assign(sentence="the cat"))
c.emit("perfect", ans)
noisy = ans.assign(sentence=[s.replace("cat", "ct", 1).replace(" a ", " ", 1) for s in ans["sentence"]])
expect_valid(c.emit("noisy", noisy))
c.emit("shuffled", noisy.sample(frac=1, random_state=6))
bad = noisy.copy()
bad.loc[bad.index[3], "sentence"] = np.nan
c.emit("empty-sentence", bad)
c.emit("numeric-sentences", noisy.assign(sentence=np.arange(n)))
c.emit("no-target-column", ans[["id"]])
c.common_invalid(noisy, "id")

# --- bms-molecular-translation: mean Levenshtein on InChI (astype(str)) -----------------------
rng = np.random.RandomState(700)
n = 40
inchi = [f"InChI=1S/C{rng.randint(5, 30)}H{rng.randint(5, 40)}N{rng.randint(0, 5)}O{rng.randint(0, 6)}/c1-{rng.randint(1, 9)}-2-{rng.randint(3, 20)}/h{rng.randint(1, 9)}H" for _ in range(n)]
ans = pd.DataFrame({"image_id": hexid(rng, n, 12), "InChI": inchi})
c = Competition("bms-molecular-translation", "levenshtein-distance", grade_bms, ans)
c.emit("sample", ans.assign(InChI="InChI=1S/H2O/h1H2"))
c.emit("perfect", ans)
noisy = ans.assign(InChI=[s[: len(s) - (i % 5)] + ("C" if i % 3 == 0 else "") for i, s in enumerate(ans["InChI"])])
expect_valid(c.emit("noisy", noisy))
c.emit("shuffled", noisy.sample(frac=1, random_state=7))
bad = noisy.copy()
bad.loc[bad.index[3], "InChI"] = np.nan
expect_valid(c.emit("empty-inchi", bad))
expect_valid(c.emit("numeric-inchi", noisy.assign(InChI=(np.arange(n) * 1.5))))
c.emit("no-target-column", ans[["image_id"]])
c.common_invalid(noisy, "image_id")

# --- dogs-vs-cats-redux-kernels-edition: binary log loss --------------------------------------
rng = np.random.RandomState(800)
n = 50
ans = pd.DataFrame({"id": rng.permutation(np.arange(1, n + 1)), "label": rng.randint(0, 2, n)})
c = Competition("dogs-vs-cats-redux-kernels-edition", "log-loss", grade_dogs_vs_cats, ans)
c.emit("sample", ans.assign(label=0.5))
c.emit("perfect", ans)
noisy = ans.assign(label=np.clip(ans["label"] * 0.5 + rng.rand(n) * 0.5, 0, 1).round(4))
expect_valid(c.emit("noisy", noisy))
c.emit("shuffled", noisy.sample(frac=1, random_state=8))
hard = noisy.copy()
hard.loc[hard.index[:5], "label"] = 1 - ans["label"].iloc[:5]
expect_valid(c.emit("confidently-wrong", hard))
bad = noisy.copy()
bad.loc[bad.index[0], "label"] = 1.2
c.emit("out-of-range", bad)
bad = noisy.copy()
bad.loc[bad.index[0], "label"] = np.nan
c.emit("nan-label", bad)
bad = noisy.astype({"label": object})
bad.loc[bad.index[0], "label"] = "dog"
c.emit("text-label", bad)
c.emit("no-target-column", ans[["id"]])
c.common_invalid(noisy, "id")

# --- denoising-dirty-documents: RMSE on value by id -------------------------------------------
rng = np.random.RandomState(900)
ids = [f"{img}_{r}_{col}" for img in (1, 12) for r in range(1, 6) for col in range(1, 6)]
n = len(ids)
ans = pd.DataFrame({"id": ids, "value": rng.choice([1.0, 1.0, 0.0, 0.5], n) * rng.rand(n).round(3)})
ans["value"] = ans["value"].round(4)
c = Competition("denoising-dirty-documents", "root_mean_squared_error", grade_denoising, ans)
c.emit("sample", ans.assign(value=1))
c.emit("perfect", ans)
noisy = ans.assign(value=np.clip(ans["value"] + rng.randn(n) * 0.1, 0, 1).round(5))
expect_valid(c.emit("noisy", noisy))
c.emit("shuffled", noisy.sample(frac=1, random_state=9))
bad = noisy.copy()
bad.loc[bad.index[1], "value"] = np.nan
c.emit("nan-value", bad)
bad = noisy.astype({"value": object})
bad.loc[bad.index[1], "value"] = "white"
c.emit("text-value", bad)
c.emit("bool-values", noisy.assign(value=noisy["value"] > 0.5))
c.emit("no-target-column", ans[["id"]])
c.common_invalid(noisy, "id")

# --- AI4Code: Kendall tau on cell_order -------------------------------------------------------
rng = np.random.RandomState(1000)
n = 30
orders = []
for i in range(n):
    m = rng.randint(1, 12)
    orders.append(hexid(rng, m, 8))
ans = pd.DataFrame({"id": hexid(rng, n, 14), "cell_order": [" ".join(o) for o in orders]})
c = Competition("AI4Code", "kendall-tau", grade_ai4code, ans)


def permuted(frac_swaps, seed):
    r = np.random.RandomState(seed)
    rows = []
    for o in orders:
        o = list(o)
        for _ in range(int(len(o) * frac_swaps) + 1):
            if len(o) > 1:
                a, b = r.randint(0, len(o), 2)
                o[a], o[b] = o[b], o[a]
        rows.append(" ".join(o))
    return rows


c.emit("sample", ans.assign(cell_order=[" ".join(sorted(o)) for o in orders]))
c.emit("perfect", ans)
noisy = ans.assign(cell_order=permuted(0.3, 1))
expect_valid(c.emit("noisy", noisy))
c.emit("shuffled", noisy.sample(frac=1, random_state=10))
c.emit("reversed", ans.assign(cell_order=[" ".join(o[::-1]) for o in orders]))
bad = noisy.copy()
bad.loc[bad.index[0], "cell_order"] = bad["cell_order"].iloc[0] + " deadbeef"
c.emit("extra-cell", bad)
bad = noisy.copy()
first = orders[0]
bad.loc[bad.index[0], "cell_order"] = " ".join(["zzzzzzzz"] + first[1:])
c.emit("unknown-cell", bad)
dupcell = noisy.copy()
k2 = next(i for i, o in enumerate(orders) if len(o) >= 3)
dupcell.loc[dupcell.index[k2], "cell_order"] = " ".join([orders[k2][0]] + orders[k2][:-1])
c.emit("repeated-cell", dupcell)
c.emit("no-target-column", ans[["id"]])
c.common_invalid(noisy, "id")

# --- hotel-id-2021-fgvc8: MAP@5 on hotel_id by image ------------------------------------------
rng = np.random.RandomState(1100)
n = 40
hotels = rng.choice(np.arange(1000, 90000), 25, replace=False)
ans = pd.DataFrame({"image": [f"{h}.jpg" for h in hexid(rng, n, 16)], "hotel_id": rng.choice(hotels, n)})
c = Competition("hotel-id-2021-fgvc8", "map-at-5", grade_hotel_id, ans)
c.emit("sample", ans.assign(hotel_id=" ".join(str(h) for h in hotels[:5])))
c.emit("perfect", ans)
top5 = [" ".join(str(x) for x in ([h] + list(rng.choice(hotels, 4)) if i % 3 else list(rng.choice(hotels, 5))))
        for i, h in enumerate(ans["hotel_id"])]
noisy = ans.assign(hotel_id=top5)
expect_valid(c.emit("noisy", noisy))
c.emit("shuffled", noisy.sample(frac=1, random_state=11))
second = ans.assign(hotel_id=[f"{hotels[0]} {h}" for h in ans["hotel_id"]])
expect_valid(c.emit("second-place", second))
dbl = ans.assign(hotel_id=[f"{h}  {h}" for h in ans["hotel_id"]])
expect_valid(c.emit("double-spaces", dbl))
expect_valid(c.emit("float-ids", ans.astype({"hotel_id": float})))
bad = noisy.copy()
bad.loc[bad.index[0], "hotel_id"] = np.nan
expect_valid(c.emit("empty-prediction", bad))
c.emit("no-target-column", ans[["image"]])
c.common_invalid(noisy, "image")

writer.write_manifest()
