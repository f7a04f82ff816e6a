#!/usr/bin/env python3
"""Reference grades for the graders of CompetitionGradersD.swift, on synthesized competitions.

Usage: grade_batch_d.py OUT_DIR
As scripts/vectors/grade_batch_c.py: per competition, OUT_DIR/<competition>/answers.csv in the
columns of MLE-bench's prepared private file, submissions beside it, each graded by a
transcription of that competition's MLE-bench grade.py inside `Grader.__call__` (exception:
invalid; else round(score, 5)); OUT_DIR/<competition>/cases.json lists the cases (`nan` marks a valid
submission MLE-bench scores NaN, `neg_inf` one it scores -inf).

Deterministic (seeded numpy RandomState). Tested with Python 3, pandas 2.2.2, scikit-learn 1.5.1.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import sklearn.metrics
from scipy.stats import spearmanr
from sklearn.metrics import mean_absolute_error, roc_auc_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlebench_reference import InvalidSubmissionError, read_csv, apk, set_cell, CaseWriter  # noqa: E402

warnings.simplefilter("ignore")
out = sys.argv[1]


def mean_average_precision_at_k(actual, predicted, k=10):
    """mlebench.metrics.mean_average_precision_at_k"""
    assert len(actual) == len(predicted)
    return np.mean([apk(a, p, k) for a, p in zip(actual, predicted)])


# ---------------------------------------------------------------------------------------------
# Transcriptions of mlebench/competitions/<id>/grade.py

JIGSAW_CLASSES = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]


def grade_jigsaw(submission, answers):
    classes_set = set(JIGSAW_CLASSES)
    id_col = "id"
    if id_col not in submission.columns:
        raise InvalidSubmissionError("id")
    if not classes_set.issubset(set(submission.columns)):
        raise InvalidSubmissionError("classes")
    assert id_col in answers.columns
    assert classes_set.issubset(set(answers.columns))
    assert len(submission) == len(answers)
    submission = submission.set_index("id").sort_index()
    answers = answers.set_index("id").sort_index()
    keep_mask = answers[JIGSAW_CLASSES].sum(axis=1) >= 0
    answers = answers[keep_mask]
    submission = submission[keep_mask]
    return roc_auc_score(y_score=submission.to_numpy(), y_true=answers.to_numpy(), average="macro")


QUEST_CLASSES = [
    "question_asker_intent_understanding", "question_body_critical", "question_conversational",
    "question_expect_short_answer", "question_fact_seeking", "question_has_commonly_accepted_answer",
    "question_interestingness_others", "question_interestingness_self", "question_multi_intent",
    "question_not_really_a_question", "question_opinion_seeking", "question_type_choice",
    "question_type_compare", "question_type_consequence", "question_type_definition",
    "question_type_entity", "question_type_instructions", "question_type_procedure",
    "question_type_reason_explanation", "question_type_spelling", "question_well_written",
    "answer_helpful", "answer_level_of_information", "answer_plausible", "answer_relevance",
    "answer_satisfaction", "answer_type_instructions", "answer_type_procedure",
    "answer_type_reason_explanation", "answer_well_written",
]


def grade_quest(submission, answers):
    id_col = "qa_id"
    classes_set = set(QUEST_CLASSES)
    if id_col not in submission.columns:
        raise InvalidSubmissionError("id")
    if not classes_set.issubset(set(submission.columns)):
        raise InvalidSubmissionError("classes")
    if len(submission.columns) != len(QUEST_CLASSES) + 1:
        raise InvalidSubmissionError("columns")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    assert id_col in answers.columns
    assert len(answers.columns) == len(QUEST_CLASSES) + 1
    submission = submission.sort_values(id_col)
    answers = answers.sort_values(id_col)
    spearmans = [spearmanr(submission[col], answers[col]).correlation for col in QUEST_CLASSES]
    return np.mean(spearmans)


def grade_hm(submission, answers):
    assert set(answers.columns) == {"customer_id", "prediction"}
    if set(submission.columns) != {"customer_id", "prediction"}:
        raise InvalidSubmissionError("columns")
    if not (set(submission["customer_id"]) >= set(answers["customer_id"])):
        raise InvalidSubmissionError("superset")
    submission = submission[submission["customer_id"].isin(answers["customer_id"])]
    submission = submission.sort_values("customer_id").reset_index(drop=True)
    answers = answers.sort_values("customer_id").reset_index(drop=True)
    y_true = answers["prediction"].astype(str).str.split(" ").apply(set).tolist()
    y_pred = submission["prediction"].astype(str).str.split(" ").tolist()
    return mean_average_precision_at_k(actual=y_true, predicted=y_pred, k=12)


FREESOUND_CLASSES = [
    "Accelerating_and_revving_and_vroom", "Accordion", "Acoustic_guitar", "Applause", "Bark", "Bass_drum",
    "Bass_guitar", "Bathtub_(filling_or_washing)", "Bicycle_bell", "Burping_and_eructation", "Bus", "Buzz",
    "Car_passing_by", "Cheering", "Chewing_and_mastication", "Child_speech_and_kid_speaking", "Chink_and_clink",
    "Chirp_and_tweet", "Church_bell", "Clapping", "Computer_keyboard", "Crackle", "Cricket", "Crowd",
    "Cupboard_open_or_close", "Cutlery_and_silverware", "Dishes_and_pots_and_pans", "Drawer_open_or_close",
    "Drip", "Electric_guitar", "Fart", "Female_singing", "Female_speech_and_woman_speaking",
    "Fill_(with_liquid)", "Finger_snapping", "Frying_(food)", "Gasp", "Glockenspiel", "Gong", "Gurgling",
    "Harmonica", "Hi-hat", "Hiss", "Keys_jangling", "Knock", "Male_singing", "Male_speech_and_man_speaking",
    "Marimba_and_xylophone", "Mechanical_fan", "Meow", "Microwave_oven", "Motorcycle", "Printer", "Purr",
    "Race_car_and_auto_racing", "Raindrop", "Run", "Scissors", "Screaming", "Shatter", "Sigh",
    "Sink_(filling_or_washing)", "Skateboard", "Slam", "Sneeze", "Squeak", "Stream", "Strum", "Tap",
    "Tick-tock", "Toilet_flush", "Traffic_noise_and_roadway_noise", "Trickle_and_dribble",
    "Walk_and_footsteps", "Water_tap_and_faucet", "Waves_and_surf", "Whispering", "Writing", "Yell",
    "Zipper_(clothing)",
]
assert len(FREESOUND_CLASSES) == 80


def calculate_overall_lwlrap_sklearn(truth, scores):
    sample_weight = np.sum(truth > 0, axis=1)
    nonzero_weight_sample_indices = np.flatnonzero(sample_weight > 0)
    return sklearn.metrics.label_ranking_average_precision_score(
        truth[nonzero_weight_sample_indices, :] > 0,
        scores[nonzero_weight_sample_indices, :],
        sample_weight=sample_weight[nonzero_weight_sample_indices],
    )


def grade_freesound(submission, answers):
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if "fname" != submission.columns[0]:
        raise InvalidSubmissionError("fname")
    if not all(submission.columns[1:] == FREESOUND_CLASSES):
        raise InvalidSubmissionError("classes")
    assert answers.columns[0] == "fname"
    assert all(answers.columns[1:] == FREESOUND_CLASSES)
    submission = submission.sort_values("fname").reset_index(drop=True)
    answers = answers.sort_values("fname").reset_index(drop=True)
    if (submission["fname"].values != answers["fname"].values).any():
        raise InvalidSubmissionError("ids")
    try:
        submission.iloc[:, 1:] = submission.iloc[:, 1:].apply(pd.to_numeric)
    except (ValueError, TypeError) as e:
        raise InvalidSubmissionError(str(e))
    answers.iloc[:, 1:] = answers.iloc[:, 1:].apply(pd.to_numeric)
    sub, ans = answers.iloc[:, 1:].values, submission.iloc[:, 1:].values
    return calculate_overall_lwlrap_sklearn(sub, ans)


def grade_champs(submission, answers):
    target_column = "scalar_coupling_constant"
    assert target_column in answers.columns and "id" in answers.columns and "type" in answers.columns
    if target_column not in submission.columns:
        raise InvalidSubmissionError("target")
    if "id" not in submission.columns:
        raise InvalidSubmissionError("id")
    if not set(submission["id"]) == set(answers["id"]):
        raise InvalidSubmissionError("ids")
    merged = answers.merge(submission[["id", target_column]], on="id", suffixes=("_true", "_pred"))
    log_maes = []
    for name, group in merged.groupby("type"):
        log_maes.append(np.log(mean_absolute_error(group[target_column + "_true"], group[target_column + "_pred"])))
    return np.mean(log_maes)


# ---------------------------------------------------------------------------------------------
# Cases

writer = CaseWriter(out)
Competition = writer.competition


def hexid(rng, n, width):
    ids = {}
    while len(ids) < n:
        ids["".join(rng.choice(list("0123456789abcdef"), width))] = None
    return list(ids)


# jigsaw-toxic-comment-classification-challenge
rng = np.random.RandomState(401)
n = 40
ans = pd.DataFrame({"id": hexid(rng, n, 16)})
for j, c in enumerate(JIGSAW_CLASSES):
    col = (rng.rand(n) < 0.3).astype(int)
    col[0], col[1] = 0, 1
    ans[c] = col
for r in (3, 7, 11, 20):
    ans.loc[r, JIGSAW_CLASSES] = -1
c = Competition("jigsaw-toxic-comment-classification-challenge", "column-wise ROC AUC", grade_jigsaw, ans)
c.emit("sample", ans.assign(**{k: 0.5 for k in JIGSAW_CLASSES}))
c.emit("perfect", ans.assign(**{k: ans[k].clip(0, 1) for k in JIGSAW_CLASSES}))
noisy = ans.copy()
for k in JIGSAW_CLASSES:
    noisy[k] = np.round(np.clip(ans[k] * 0.4 + rng.rand(n) * 0.7, 0, 1), 3)
noisy.loc[5, "toxic"] = 1.7  # scores need not be probabilities
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=402))
c.emit("reordered-columns", noisy[["id"] + JIGSAW_CLASSES[::-1]])
c.emit("id-last", noisy[JIGSAW_CLASSES + ["id"]])
c.emit("extra-column", noisy.assign(extra=0.5))
c.emit("missing-class", noisy.drop(columns=["threat"]))
c.emit("nan-score", set_cell(noisy, 4, "insult", np.nan))
c.emit("nan-in-dropped-row", set_cell(noisy, 3, "insult", np.nan))
c.emit("text-score", set_cell(noisy, 4, "insult", "high", dtype=object))
c.emit("text-in-dropped-row", set_cell(noisy, 3, "insult", "high", dtype=object))
c.emit("unknown-id", set_cell(noisy, 4, "id", "zzzz"))
# (A repeated id is left out: the reference may still score it, pairing rows by position.)
c.emit("missing-rows", noisy.iloc[:-3])
c.emit("extra-row", pd.concat([noisy, noisy.iloc[[2]]]))
c.emit("no-id-column", noisy.drop(columns=["id"]))
c.emit("empty", raw=b"")

# google-quest-challenge
rng = np.random.RandomState(411)
n = 30
ans = pd.DataFrame({"qa_id": rng.permutation(np.arange(1000, 1000 + 3 * n, 3))})
for k in QUEST_CLASSES:
    ans[k] = np.round(rng.randint(0, 7, n) / 6, 6)
c = Competition("google-quest-challenge", "column-wise-spearman", grade_quest, ans)
sample = ans.assign(**{k: 0.00308 for k in QUEST_CLASSES})
c.emit("sample", sample)
c.emit("perfect", ans)
noisy = ans.copy()
for k in QUEST_CLASSES:
    noisy[k] = np.round(ans[k] + rng.rand(n) * 0.5, 4)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=412))
c.emit("reordered-columns", noisy[QUEST_CLASSES[::-1] + ["qa_id"]])
c.emit("other-ids", noisy.assign(qa_id=noisy["qa_id"] + 1))
c.emit("one-constant-column", noisy.assign(answer_plausible=0.5))
c.emit("nan-value", set_cell(noisy, 2, "answer_helpful", np.nan))
c.emit("extra-column", noisy.assign(extra=1))
c.emit("missing-class", noisy.drop(columns=["answer_helpful"]))
c.emit("missing-rows", noisy.iloc[:-3])
c.emit("no-id-column", noisy.drop(columns=["qa_id"]))
c.emit("empty", raw=b"")

# h-and-m-personalized-fashion-recommendations
rng = np.random.RandomState(421)
n = 30
articles = ["0" + str(x) for x in rng.randint(100000000, 999999999, 40)]
customers = hexid(rng, n + 10, 24)
truth = []
for i in range(n):
    m = 1 if i % 5 == 0 else rng.randint(2, 6)
    truth.append(" ".join(rng.choice(articles, m, replace=False)))
ans = pd.DataFrame({"customer_id": customers[:n], "prediction": truth})
c = Competition("h-and-m-personalized-fashion-recommendations", "MAP@12", grade_hm, ans)
everyone = pd.DataFrame({"customer_id": customers})
c.emit("sample", everyone.assign(prediction=" ".join(articles[:12])))
c.emit("perfect", ans)
preds = []
for i in range(n):
    guess = list(rng.choice(articles, 14, replace=False))
    for a in truth[i].split(" "):
        if rng.rand() < 0.6:
            guess[rng.randint(0, 14)] = a
    preds.append(" ".join(guess))
noisy = ans.assign(prediction=preds)
c.emit("noisy", noisy)
extra = pd.concat([noisy, pd.DataFrame({"customer_id": customers[n:], "prediction": articles[0]})])
c.emit("superset", extra.sample(frac=1, random_state=422))
c.emit("single-items", ans.assign(prediction=[t.split(" ")[0] for t in truth]))
c.emit("repeated-items", set_cell(noisy, 1, "prediction", (truth[1].split(" ")[0] + " ") * 3 + truth[1]))
c.emit("some-empty", set_cell(noisy, 0, "prediction", np.nan))
c.emit("extra-column", noisy.assign(score=1))
c.emit("renamed-column", noisy.rename(columns={"prediction": "predictions"}))
c.emit("missing-rows", noisy.iloc[:-3])
dup = noisy.copy()
dup.loc[dup.index[0], "customer_id"] = dup["customer_id"].iloc[1]
c.emit("duplicate-id", dup)
c.emit("extra-row", pd.concat([noisy, noisy.iloc[[2]]]))
c.emit("no-id-column", noisy.drop(columns=["customer_id"]))
c.emit("empty", raw=b"")

# freesound-audio-tagging-2019
rng = np.random.RandomState(431)
n = 12
ans = pd.DataFrame({"fname": [f"{x}.wav" for x in hexid(rng, n, 8)]})
labels = np.zeros((n, 80), dtype=int)
for i in range(n):
    labels[i, rng.choice(80, 1 if i % 3 else 2, replace=False)] = 1
for j, k in enumerate(FREESOUND_CLASSES):
    ans[k] = labels[:, j]
c = Competition("freesound-audio-tagging-2019", "label-ranking-average-precision", grade_freesound, ans)
c.emit("sample", ans.assign(**{k: 0 for k in FREESOUND_CLASSES}))
c.emit("perfect", ans)
scores = np.round(np.clip(labels * 0.5 + rng.rand(n, 80) * 0.6 - 0.25, 0, 1), 2)
noisy = ans[["fname"]].copy()
for j, k in enumerate(FREESOUND_CLASSES):
    noisy[k] = scores[:, j]
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=432))
c.emit("all-positive-row", noisy.assign(**{k: noisy[k].where(noisy.index != 0, 0.3) for k in FREESOUND_CLASSES}))
c.emit("nan-value", set_cell(noisy, 2, "Bark", np.nan))
c.emit("negative-values", noisy.assign(Bark=-1.0))
c.emit("text-value", set_cell(noisy, 2, "Bark", "loud", dtype=object))
c.emit("reordered-columns", noisy[["fname"] + FREESOUND_CLASSES[::-1]])
c.emit("fname-last", noisy[FREESOUND_CLASSES + ["fname"]])
c.emit("extra-column", noisy.assign(extra=1))
c.emit("unknown-id", set_cell(noisy, 4, "fname", "zzzz.wav"))
c.common_invalid(noisy, "fname")

# champs-scalar-coupling
rng = np.random.RandomState(441)
n = 60
types = ["1JHC", "2JHH", "3JHN", "1JHN", "2JHC"]
ans = pd.DataFrame({
    "id": rng.permutation(np.arange(4000, 4000 + n)),
    "molecule_name": [f"dsgdb9nsd_{rng.randint(1, 9999):06d}" for _ in range(n)],
    "atom_index_0": rng.randint(0, 20, n),
    "atom_index_1": rng.randint(0, 20, n),
    "type": [types[rng.randint(0, len(types))] for _ in range(n)],
    "scalar_coupling_constant": np.round(rng.randn(n) * 20 + 30, 5),
})
c = Competition("champs-scalar-coupling", "log-mean-absolute-error", grade_champs, ans)
sub = ans[["id"]].assign(scalar_coupling_constant=0)
c.emit("sample", sub)
c.emit("perfect", ans[["id", "scalar_coupling_constant"]])
noisy = ans[["id"]].assign(scalar_coupling_constant=np.round(ans["scalar_coupling_constant"] + rng.randn(n) * 3, 4))
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=442))
one_type = ans["scalar_coupling_constant"].where(ans["type"] == "2JHH", noisy["scalar_coupling_constant"])
c.emit("one-type-exact", ans[["id"]].assign(scalar_coupling_constant=one_type))
c.emit("with-type-column", noisy.assign(type="1JHC"))
c.emit("nan-value", set_cell(noisy, 2, "scalar_coupling_constant", np.nan))
c.emit("text-value", set_cell(noisy, 2, "scalar_coupling_constant", "big", dtype=object))
c.emit("extra-row", pd.concat([noisy, noisy.iloc[[2]]]))
c.emit("extra-id", pd.concat([noisy, pd.DataFrame({"id": [99999], "scalar_coupling_constant": [1.0]})]))
c.emit("missing-rows", noisy.iloc[:-3])
dup = noisy.copy()
dup.loc[dup.index[0], "id"] = dup["id"].iloc[1]
c.emit("duplicate-id", dup)
c.emit("no-id-column", noisy.drop(columns=["id"]))
c.emit("no-target-column", noisy.rename(columns={"scalar_coupling_constant": "scc"}))
c.emit("empty", raw=b"")

writer.write_manifest()
