"""Reference cases for the graders of Sources/MLEGrading/ProbabilityGraders.swift, which grade
predicted probabilities: ROC AUC variants, log losses, KL divergence, probabilistic F1, lwlrap.

Transcriptions of each competition's MLE-bench grade.py (and the helpers it uses), and the
synthesized answers and submissions they grade; `write_cases(writer)` writes them all. Run through
scripts/vectors/grader_cases.py, which says how and with which libraries.
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn.metrics
from sklearn.metrics import log_loss, roc_auc_score

from mlebench_reference import (InvalidSubmissionError, expect_valid, hexid, pfbeta, prepare_for_auroc_metric,
                                require_columns, require_rows, require_same_ids, set_cell, sort_and_match_ids,
                                sort_by_id)


def auroc_grader(idc, target):
    def grade(submission, answers):
        inputs = prepare_for_auroc_metric(submission, answers, id_col=idc, target_col=target)
        return roc_auc_score(y_true=inputs["y_true"], y_score=inputs["y_score"])
    return grade


def grade_dogs_vs_cats(submission, answers):
    assert "id" in answers.columns and "label" in answers.columns
    require_columns(submission, "id", "label")
    require_same_ids(submission, answers, "id")
    require_rows(submission, answers)
    if not ((submission["label"] >= 0) & (submission["label"] <= 1)).all():
        raise InvalidSubmissionError("range")
    submission, answers = sort_by_id(submission, answers, "id")
    return log_loss(y_true=answers["label"], y_pred=submission["label"])


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
    require_rows(submission, answers)
    if set(submission.columns) != set(cols):
        raise InvalidSubmissionError("columns")
    s, a = sort_by_id(submission, answers, "image_id", reset_index=True)
    if not all(s["image_id"] == a["image_id"]):
        raise InvalidSubmissionError("ids")
    return np.mean([roc_auc_score(y_true=a[c], y_score=s[c]) for c in cols[1:]])


def grade_statoil(submission, answers):
    assert "id" in answers.columns and "is_iceberg" in answers.columns
    require_columns(submission, "id", "is_iceberg")
    require_same_ids(submission, answers, "id")
    if not ((submission["is_iceberg"] >= 0) & (submission["is_iceberg"] <= 1)).all():
        raise InvalidSubmissionError("range")
    submission, answers = sort_by_id(submission, answers, "id")
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
    require_columns(submission, id_col, target_col)
    if not submission[target_col].between(0, 1).all():
        raise InvalidSubmissionError("range")
    if submission[target_col].isnull().any():
        raise InvalidSubmissionError("null")
    assert answers[target_col].isin([0, 1]).all()
    submission, answers = sort_and_match_ids(submission, answers, id_col)
    us = unmelt_df(submission, id_col, target_col).sort_values(by="StudyInstanceUID")
    ua = unmelt_df(answers, id_col, target_col).sort_values(by="StudyInstanceUID")
    return custom_comp_weighted_loss(ua[CERVICAL].to_numpy(), us[CERVICAL].to_numpy())


def grade_breast(submission, answers):
    id_col, target_col = "prediction_id", "cancer"
    require_columns(submission, id_col, target_col)
    require_rows(submission, answers)
    submission, answers = sort_and_match_ids(submission, answers, id_col)
    return pfbeta(answers[target_col].to_numpy(), submission[target_col].to_numpy(), beta=1)


JIGSAW_CLASSES = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]


def grade_jigsaw_toxic(submission, answers):
    classes_set = set(JIGSAW_CLASSES)
    id_col = "id"
    require_columns(submission, id_col)
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
    require_rows(submission, answers)
    if "fname" != submission.columns[0]:
        raise InvalidSubmissionError("fname")
    if not all(submission.columns[1:] == FREESOUND_CLASSES):
        raise InvalidSubmissionError("classes")
    assert answers.columns[0] == "fname"
    assert all(answers.columns[1:] == FREESOUND_CLASSES)
    submission, answers = sort_and_match_ids(submission, answers, "fname", reset_index=True)
    try:
        submission.iloc[:, 1:] = submission.iloc[:, 1:].apply(pd.to_numeric)
    except (ValueError, TypeError) as e:
        raise InvalidSubmissionError(str(e))
    answers.iloc[:, 1:] = answers.iloc[:, 1:].apply(pd.to_numeric)
    sub, ans = answers.iloc[:, 1:].values, submission.iloc[:, 1:].values
    return calculate_overall_lwlrap_sklearn(sub, ans)


HMS_ID = "eeg_id"
HMS_TARGETS = ["seizure_vote", "lpd_vote", "gpd_vote", "lrda_vote", "grda_vote", "other_vote"]


class ParticipantVisibleError(Exception):
    pass


def verify_valid_probabilities(df, df_name):
    if not pd.api.types.is_numeric_dtype(df.values):
        raise ParticipantVisibleError("numeric")
    if df.min().min() < 0:
        raise ParticipantVisibleError("min")
    if df.max().max() > 1:
        raise ParticipantVisibleError("max")
    if not np.allclose(df.sum(axis=1), 1):
        raise ParticipantVisibleError("sum")


def kl_divergence(solution, submission, epsilon, micro_average, sample_weights):
    for col in solution.columns:
        if not pd.api.types.is_float_dtype(solution[col]):
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
    require_columns(submission, HMS_ID, *HMS_TARGETS)
    require_rows(submission, answers)
    if not (submission[HMS_TARGETS].sum(axis=1).apply(lambda x: round(x, 5) == 1).all()):
        raise InvalidSubmissionError("sum")
    require_same_ids(submission, answers, HMS_ID)
    assert HMS_ID in answers.columns
    submission, answers = sort_by_id(submission, answers, HMS_ID, reset_index=True)
    answers = answers.copy()[[HMS_ID] + HMS_TARGETS]
    answers[HMS_TARGETS] = answers[HMS_TARGETS].div(answers[HMS_TARGETS].sum(axis=1), axis=0)
    return kl_score(answers, submission, HMS_ID)


def grade_mlsp(submission, answers):
    inputs = prepare_for_auroc_metric(submission=submission, answers=answers, id_col="Id", target_col="Probability")
    return roc_auc_score(y_true=inputs["y_true"], y_score=inputs["y_score"])


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
    fpr, tpr, thresholds = sklearn.metrics.roc_curve(y_true, y_pred, pos_label=1)
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
        score = sklearn.metrics.auc(xs, ys)
        submetric = score * weight
        competition_metric += submetric
    normalization = np.dot(areas, weights)
    return competition_metric / normalization


def alaska_prepare_for_metric(submission, answers):
    require_rows(submission, answers)
    require_columns(submission, "Id", "Label")
    submission, answers = sort_and_match_ids(submission, answers, "Id")
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


def one_hot_dfs_to_log_loss_inputs(submission_one_hot, answers_one_hot, id_column="id", apply_softmax=True):
    required_cols = set(answers_one_hot.columns)
    submission_cols = set(submission_one_hot.columns)
    if not submission_cols.issuperset(required_cols):
        raise InvalidSubmissionError("columns")
    require_columns(submission_one_hot, id_column)
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


def grade_dog_breed(submission, answers, dogs):
    require_columns(submission, *dogs, "id")
    require_rows(submission, answers)
    assert "id" in answers.columns
    assert all(dog in answers.columns for dog in dogs)
    tolerance = 1e-6
    if not np.all(np.isclose(submission[dogs].sum(axis=1), 1, atol=tolerance)):
        raise InvalidSubmissionError("sum")
    if not ((submission[dogs] >= 0) & (submission[dogs] <= 1)).all().all():
        raise InvalidSubmissionError("range")
    inputs = one_hot_dfs_to_log_loss_inputs(submission, answers, id_column="id", apply_softmax=False)
    return log_loss(**inputs)


JIGSAW_IDENTITIES = ["male", "female", "homosexual_gay_or_lesbian", "christian", "jewish", "muslim", "black",
                     "white", "psychiatric_or_mental_illness"]


def grade_jigsaw_bias(submission, answers, identity_columns=JIGSAW_IDENTITIES, p=-5, w=0.25):
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

    require_columns(submission, "id")
    if "prediction" not in submission.columns and "toxicity" not in submission.columns:
        raise InvalidSubmissionError("prediction")
    assert "id" in answers.columns
    assert "toxicity" in answers.columns
    submission, answers = sort_and_match_ids(submission, answers, "id")
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
    require_columns(submission, *required_columns)
    assert set(required_columns).issubset(answers.columns)
    require_rows(submission, answers)
    if not ((submission[classes] >= 0) & (submission[classes] <= 1)).all().all():
        raise InvalidSubmissionError("range")
    if not submission[classes].sum(axis=1).round(6).eq(1).all():
        raise InvalidSubmissionError("sum")
    submission, answers = sort_and_match_ids(submission[required_columns], answers[required_columns], "id",
                                             reset_index=True)
    return log_loss(**one_hot_dfs_to_log_loss_inputs(submission, answers, id_column="id", apply_softmax=False))


def grade_s3e18(submission, answers):
    if "id" not in submission.columns or "id" not in answers.columns:
        raise InvalidSubmissionError("id")
    require_columns(submission, "EC1", "EC2")
    assert "EC1" in answers.columns and "EC2" in answers.columns
    require_rows(submission, answers)
    submission_sorted, answers_sorted = sort_and_match_ids(submission, answers, "id")
    return roc_auc_score(y_true=answers_sorted[["EC1", "EC2"]].to_numpy(),
                         y_score=submission_sorted[["EC1", "EC2"]].to_numpy(), average="macro")


def grade_tps_may(submission, answers):
    inputs = prepare_for_auroc_metric(submission, answers, id_col="id", target_col="target")
    return roc_auc_score(y_true=inputs["y_true"], y_score=inputs["y_score"])


# ---------------------------------------------------------------------------------------------
# Cases


def cactus_cancer_invasive_auc(writer):
    """aerial-cactus-identification, histopathologic-cancer-detection, invasive-species-monitoring: binary
    AUC (prepare_for_auroc_metric)"""
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
        c = writer.competition(cid, "auc-roc", auroc_grader(idc, target), ans)
        noisy = ans.assign(**{target: np.clip(y * 0.4 + rng.rand(n) * 0.6, 0, 1).round(4)})
        c.emit_basics(ans.assign(**{target: 0.5}), ans, noisy, k, noisy_must_grade=True)
        c.emit("out-of-range", set_cell(noisy, 0, target, 1.5))
        c.emit("nan-score", set_cell(noisy, 0, target, np.nan))
        c.emit("text-score", set_cell(noisy, 0, target, "yes", object))
        c.common_invalid(noisy, idc)


def dogs_vs_cats(writer, rng):
    """dogs-vs-cats-redux-kernels-edition: binary log loss"""
    n = 50
    ans = pd.DataFrame({"id": rng.permutation(np.arange(1, n + 1)), "label": rng.randint(0, 2, n)})
    c = writer.competition("dogs-vs-cats-redux-kernels-edition", "log-loss", grade_dogs_vs_cats, ans)
    noisy = ans.assign(label=np.clip(ans["label"] * 0.5 + rng.rand(n) * 0.5, 0, 1).round(4))
    c.emit_basics(ans.assign(label=0.5), ans, noisy, 8, noisy_must_grade=True)
    hard = noisy.copy()
    hard.loc[hard.index[:5], "label"] = 1 - ans["label"].iloc[:5]
    expect_valid(c.emit("confidently-wrong", hard))
    c.emit("out-of-range", set_cell(noisy, 0, "label", 1.2))
    c.emit("nan-label", set_cell(noisy, 0, "label", np.nan))
    c.emit("text-label", set_cell(noisy, 0, "label", "dog", object))
    c.emit("no-target-column", ans[["id"]])
    c.common_invalid(noisy, "id")


def pizza_tumor_seti_melanoma_whale_auc(writer):
    """random-acts-of-pizza, rsna-miccai-brain-tumor-radiogenomic-classification, seti-breakthrough-listen,
    siim-isic-melanoma-classification, the-icml-2013-whale-challenge-right-whale-redux: binary AUC
    (prepare_for_auroc_metric)"""
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
        c = writer.competition(cid, metric, auroc_grader(idc, target), ans)
        noisy = ans[[idc]].assign(**{target: np.clip(ans[target].astype(float) * 0.4 + rng.rand(n) * 0.6, 0, 1).round(3)})
        c.emit_basics(ans[[idc]].assign(**{target: 0.5}), ans, noisy, seed)
        c.emit("bool-scores", noisy.assign(**{target: noisy[target] > 0.5}))
        c.emit("out-of-range", set_cell(noisy, 0, target, 1.5))
        c.emit("nan-score", set_cell(noisy, 0, target, np.nan))
        c.emit("text-score", set_cell(noisy, 0, target, "high", object))
        c.emit("no-target-column", noisy[[idc]])
        c.common_invalid(noisy, idc)


def ranzcr(writer, rng):
    """ranzcr-clip-catheter-line-classification: mean per-class AUC, per-class prepare_for_auroc_metric"""
    n = 24
    ans = pd.DataFrame({"StudyInstanceUID": [f"1.2.826.0.1.3680043.8.498.{v}" for v in rng.choice(10**8, n, replace=False)]})
    for k in RANZCR_LABELS:
        ans[k] = (rng.rand(n) < 0.35).astype(int)
    ans["PatientID"] = hexid(rng, n, 9)
    c = writer.competition("ranzcr-clip-catheter-line-classification", "auc-roc", grade_ranzcr, ans)
    noisy = ans[["StudyInstanceUID"]].copy()
    for k in RANZCR:
        noisy[k] = np.clip(ans[k] * 0.3 + rng.rand(n) * 0.7, 0, 1).round(3)
    c.emit_basics(ans[["StudyInstanceUID"]].assign(**{k: 0.0 for k in RANZCR}), ans[["StudyInstanceUID"] + RANZCR],
                  noisy, 121)
    c.emit("extra-columns", noisy.assign(PatientID="x", **{k: 0.5 for k in RANZCR_LABELS[9:]}))
    c.emit("out-of-range", set_cell(noisy, 3, RANZCR[4], -0.2))
    c.emit("nan-score", set_cell(noisy, 3, RANZCR[4], np.nan))
    c.emit("missing-class", noisy.drop(columns=[RANZCR[8]]))
    c.common_invalid(noisy, "StudyInstanceUID")


def plant_pathology_2020(writer, rng):
    """plant-pathology-2020-fgvc7: mean per-class AUC, exact columns"""
    n = 40
    cls = ["healthy", "multiple_diseases", "rust", "scab"]
    lab = rng.choice(4, n)
    lab[:4] = [0, 1, 2, 3]
    ans = pd.DataFrame({"image_id": [f"Test_{v}" for v in rng.permutation(n)]})
    for j, k in enumerate(cls):
        ans[k] = (lab == j).astype(int)
    c = writer.competition("plant-pathology-2020-fgvc7", "mean-column-wise-roc-auc", grade_plant_2020, ans)
    noisy = ans[["image_id"]].copy()
    for k in cls:
        noisy[k] = (ans[k] * 0.3 + rng.rand(n)).round(3)
    c.emit_basics(ans[["image_id"]].assign(**{k: 0.25 for k in cls}), ans, noisy, 123)
    c.emit("unbounded-scores", noisy.assign(rust=noisy["rust"] * 10 - 4))
    c.emit("extra-column", noisy.assign(other=0.1))
    c.emit("missing-class", noisy.drop(columns=["scab"]))
    c.emit("nan-score", set_cell(noisy, 1, "rust", np.nan))
    c.common_invalid(noisy, "image_id")


def statoil(writer, rng):
    """statoil-iceberg-classifier-challenge: binary log loss"""
    n = 30
    ans = pd.DataFrame({"id": hexid(rng, n, 8), "is_iceberg": rng.randint(0, 2, n)})
    c = writer.competition("statoil-iceberg-classifier-challenge", "log-loss", grade_statoil, ans)
    noisy = ans.assign(is_iceberg=np.clip(ans["is_iceberg"] * 0.5 + rng.rand(n) * 0.5, 0, 1).round(4))
    c.emit_basics(ans.assign(is_iceberg=0.5), ans, noisy, 135)
    c.emit_edits(noisy, 0, "is_iceberg", [("zero-and-one", 1 - ans["is_iceberg"].iloc[0]), ("out-of-range", 1.01),
                                          ("nan", np.nan)])
    c.emit("text", set_cell(noisy, 0, "is_iceberg", "ice", object))
    c.common_invalid(noisy, "id")


def cervical_spine(writer, rng):
    """rsna-2022-cervical-spine-fracture-detection: weighted log loss over melted rows"""
    studies = [f"1.2.826.0.1.3680043.{v}" for v in rng.choice(30000, 8, replace=False)]
    rows = []
    for s in studies:
        vert = (rng.rand(7) < 0.2).astype(int)
        rows.append((f"{s}_patient_overall", int(vert.max())))
        rows += [(f"{s}_C{k + 1}", int(vert[k])) for k in range(7)]
    ans = pd.DataFrame(rows, columns=["row_id", "fractured"]).sample(frac=1, random_state=137)
    c = writer.competition("rsna-2022-cervical-spine-fracture-detection", "weighted-multi-label-log-loss", grade_cervical, ans)
    nz = len(ans)
    noisy = ans.assign(fractured=np.clip(ans["fractured"] * 0.6 + rng.rand(nz) * 0.4, 0, 1).round(4))
    c.emit_basics(ans.assign(fractured=0.5), ans, noisy, 138)
    c.emit("hard-wrong", ans.assign(fractured=1 - ans["fractured"]))
    c.emit("out-of-range", set_cell(noisy, 0, "fractured", 1.2))
    c.emit("nan", set_cell(noisy, 0, "fractured", np.nan))
    c.emit("text", set_cell(noisy, 0, "fractured", "x", object))
    c.emit("no-fractured-column", noisy[["row_id"]])
    c.common_invalid(noisy, "row_id")


def breast_cancer(writer, rng):
    """rsna-breast-cancer-detection: probabilistic F1"""
    n = 36
    ans = pd.DataFrame({"prediction_id": [f"{p}_{s}" for p, s in zip(rng.choice(10**5, n, replace=False), rng.choice(["L", "R"], n))],
                        "cancer": (rng.rand(n) < 0.2).astype(int)})
    ans.loc[ans.index[0], "cancer"] = 1
    c = writer.competition("rsna-breast-cancer-detection", "probabilistic-f1-score", grade_breast, ans)
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


def jigsaw_toxic(writer, rng):
    """jigsaw-toxic-comment-classification-challenge"""
    n = 40
    ans = pd.DataFrame({"id": hexid(rng, n, 16)})
    for j, c in enumerate(JIGSAW_CLASSES):
        col = (rng.rand(n) < 0.3).astype(int)
        col[0], col[1] = 0, 1
        ans[c] = col
    for r in (3, 7, 11, 20):
        ans.loc[r, JIGSAW_CLASSES] = -1
    c = writer.competition("jigsaw-toxic-comment-classification-challenge", "column-wise ROC AUC", grade_jigsaw_toxic, ans)
    noisy = ans.copy()
    for k in JIGSAW_CLASSES:
        noisy[k] = np.round(np.clip(ans[k] * 0.4 + rng.rand(n) * 0.7, 0, 1), 3)
    noisy.loc[5, "toxic"] = 1.7  # scores need not be probabilities
    c.emit_basics(ans.assign(**{k: 0.5 for k in JIGSAW_CLASSES}), ans.assign(**{k: ans[k].clip(0, 1) for k in JIGSAW_CLASSES}),
                  noisy, 402)
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
    c.common_invalid(noisy, "id", duplicate=False)


def freesound(writer, rng):
    """freesound-audio-tagging-2019"""
    n = 12
    ans = pd.DataFrame({"fname": [f"{x}.wav" for x in hexid(rng, n, 8)]})
    labels = np.zeros((n, 80), dtype=int)
    for i in range(n):
        labels[i, rng.choice(80, 1 if i % 3 else 2, replace=False)] = 1
    for j, k in enumerate(FREESOUND_CLASSES):
        ans[k] = labels[:, j]
    c = writer.competition("freesound-audio-tagging-2019", "label-ranking-average-precision", grade_freesound, ans)
    scores = np.round(np.clip(labels * 0.5 + rng.rand(n, 80) * 0.6 - 0.25, 0, 1), 2)
    noisy = ans[["fname"]].copy()
    for j, k in enumerate(FREESOUND_CLASSES):
        noisy[k] = scores[:, j]
    c.emit_basics(ans.assign(**{k: 0 for k in FREESOUND_CLASSES}), ans, noisy, 432)
    c.emit("all-positive-row", noisy.assign(**{k: noisy[k].where(noisy.index != 0, 0.3) for k in FREESOUND_CLASSES}))
    c.emit("nan-value", set_cell(noisy, 2, "Bark", np.nan))
    c.emit("negative-values", noisy.assign(Bark=-1.0))
    c.emit("text-value", set_cell(noisy, 2, "Bark", "loud", dtype=object))
    c.emit("reordered-columns", noisy[["fname"] + FREESOUND_CLASSES[::-1]])
    c.emit("fname-last", noisy[FREESOUND_CLASSES + ["fname"]])
    c.emit("extra-column", noisy.assign(extra=1))
    c.emit("unknown-id", set_cell(noisy, 4, "fname", "zzzz.wav"))
    c.common_invalid(noisy, "fname")


def hms(writer, rng):
    """hms-harmful-brain-activity-classification"""
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
    c = writer.competition("hms-harmful-brain-activity-classification", "KL-divergence", grade_hms, ans)
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
    c.emit("zero-probabilities", set_cell(noisy, 0, HMS_TARGETS, [0, 0, 0, 0, 0, 1]))
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


def mlsp_birds(writer, rng):
    """mlsp-2013-birds"""
    n = 60
    ans = pd.DataFrame({"Id": rng.permutation(np.arange(100, 100 + n * 100 + 19 * 100, 100))[:n] + rng.randint(0, 19, n)})
    ans = ans.drop_duplicates("Id").reset_index(drop=True)
    ans["Probability"] = (rng.rand(len(ans)) < 0.2).astype(int)
    c = writer.competition("mlsp-2013-birds", "auc-roc", grade_mlsp, ans)
    noisy = ans.assign(Probability=np.round(np.clip(ans["Probability"] * 0.3 + rng.rand(len(ans)) * 0.7, 0, 1), 2))
    c.emit_basics(ans.assign(Probability=0), ans, noisy, 532)
    c.emit("out-of-range", set_cell(noisy, 3, "Probability", 1.2))
    c.emit("text-value", set_cell(noisy, 3, "Probability", "high", dtype=object))
    c.emit("unknown-id", set_cell(noisy, 4, "Id", 7))
    c.emit("extra-column", noisy.assign(extra=1))
    c.common_invalid(noisy, "Id")


def alaska2(writer, rng):
    """alaska2-image-steganalysis"""
    n = 300
    labels = (rng.rand(n) < 0.25).astype(int)  # about a quarter stego, as MLE-bench's split
    ans = pd.DataFrame({"Id": [f"{i:04d}.jpg" for i in range(n)], "Label": labels})
    ans = ans.sample(frac=1, random_state=702).reset_index(drop=True)
    c = writer.competition("alaska2-image-steganalysis", "weighted-auroc", grade_alaska, ans)
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


def tabular_may_2022(writer, rng):
    """tabular-playground-series-may-2022: binary AUC on target by id (prepare_for_auroc_metric)"""
    n = 60
    ans = pd.DataFrame({"id": np.arange(800000, 800000 + n), "f_00": rng.randn(n).round(6),
                        "f_27": ["".join(rng.choice(list("ABCDEFGHIJKLMNOPQRST"), 10)) for _ in range(n)],
                        "target": rng.randint(0, 2, n)})
    ans = ans.sample(frac=1, random_state=6)
    c = writer.competition("tabular-playground-series-may-2022", "auc-roc", grade_tps_may, ans)
    noisy = ans[["id", "target"]].assign(target=np.clip(ans["target"] * 0.5 + rng.rand(n) * 0.6, 0, 1).round(4))
    c.emit_basics(ans[["id"]].assign(target=0.5), ans[["id", "target"]], noisy, 7)
    c.emit_edits(noisy, 0, "target", [("out-of-range", 1.5), ("negative", -0.1), ("nan-score", np.nan)])
    c.emit("text-score", set_cell(noisy, 0, "target", "high", object))
    c.common_invalid(noisy, "id")


def s3e18(writer, rng):
    """playground-series-s3e18: macro AUC over EC1, EC2 by id"""
    n = 60
    ans = pd.DataFrame({"id": rng.permutation(np.arange(14838, 14838 + n)), "fr_COO": rng.rand(n).round(3)})
    for k in range(1, 7):
        ans[f"EC{k}"] = rng.randint(0, 2, n)
    c = writer.competition("playground-series-s3e18", "auroc-multi-label", grade_s3e18, ans)
    noisy = ans[["id"]].assign(EC1=(ans["EC1"] * 0.4 + rng.rand(n) * 0.6).round(3),
                               EC2=(ans["EC2"] * 0.2 + rng.rand(n) * 0.8).round(3))
    c.emit_basics(ans[["id"]].assign(EC1=0.5, EC2=0.5), ans[["id", "EC1", "EC2"]], noisy, 9)
    c.emit("extra-columns", noisy.assign(EC3=0.5, EC4=0.1, EC5=0.2, EC6=0.9))
    c.emit("unbounded-scores", noisy.assign(EC1=noisy["EC1"] * 10 - 3))
    c.emit("no-EC2", noisy[["id", "EC1"]])
    c.emit("nan-score", set_cell(noisy, 4, "EC2", np.nan))
    c.emit("text-score", set_cell(noisy, 4, "EC1", "x", object))
    c.common_invalid(noisy, "id")


def jigsaw_bias(writer, rng):
    """jigsaw-unintended-bias-in-toxicity-classification: bias-weighted AUC of binarized predictions"""
    n = 240
    ans = pd.DataFrame({"id": rng.permutation(np.arange(7000000, 7000000 + 3 * n, 3)),
                        "comment_text": [f"comment {i}, \"quoted\"" for i in range(n)]})
    ans["toxicity"] = (rng.binomial(10, 0.25, n) / 10).round(6)
    ans["severe_toxicity"] = (ans["toxicity"] * 0.3).round(6)
    annotated = rng.rand(n) < 0.7
    for col in JIGSAW_IDENTITIES + ["transgender"]:
        v = np.where(rng.rand(n) < 0.3, rng.choice([0.6, 0.75, 1.0], n), rng.choice([0.0, 0.1, 0.4], n))
        ans[col] = np.where(annotated, v, np.nan)
    c = writer.competition("jigsaw-unintended-bias-in-toxicity-classification",
                           "jigsaw-unintended-bias-in-toxicity-classification-score", grade_jigsaw_bias, ans)
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
    c.emit("text-prediction", set_cell(noisy, 3, "prediction", "toxic", object))
    c.common_invalid(noisy, "id")


def dog_breed(writer, rng):
    """dog-breed-identification: log loss over one-hot breed columns (extra columns allowed)"""
    DOGS = None
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "registry", "dog-breed-identification",
                           "recipe.toml")) as f:
        for line in f:
            if line.startswith("classes = ["):
                DOGS = json.loads(line[len("classes = "):])
    assert DOGS is not None and len(DOGS) == 120
    n = 6
    breeds = rng.choice(DOGS, n)
    ans = pd.DataFrame({"id": hexid(rng, n, 32)})
    for d in DOGS:
        ans[d] = (breeds == d).astype(int)
    c = writer.competition("dog-breed-identification", "multi-class-log-loss", lambda s, a: grade_dog_breed(s, a, DOGS), ans)
    noisy = ans.copy()
    for i in range(n):
        guess = breeds[i] if i % 3 else DOGS[(DOGS.index(breeds[i]) + 1) % 120]
        noisy.loc[noisy.index[i], DOGS] = [0.405 if d == guess else 0.005 for d in DOGS]
    c.emit_basics(ans[["id"]].assign(**{d: 1 / 120 for d in DOGS}), ans, noisy, 27)
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


def lmsys(writer, rng):
    """lmsys-chatbot-arena: log loss over winner_model_a / winner_model_b / winner_tie"""
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
    c = writer.competition("lmsys-chatbot-arena", "multi-class-log-loss", grade_lmsys, ans)
    probs = np.array([[0.6, 0.25, 0.15], [0.25, 0.6, 0.15], [0.3, 0.3, 0.4]])
    guess = np.where(rng.rand(n) < 0.6, winner, rng.choice(3, n))
    noisy = ans[["id"]].copy()
    for j, k in enumerate(classes):
        noisy[k] = probs[guess, j]
    c.emit_basics(ans[["id"]].assign(**{k: 0.3333333333333333 for k in classes}), ans[["id"] + classes], noisy,
                  29)
    c.emit("extra-columns", noisy.assign(model_a="x", note=1))
    near = noisy.copy()
    near.loc[near.index[0], "winner_tie"] += 4e-7
    c.emit("sum-rounds-to-one", near)
    off = noisy.copy()
    off.loc[off.index[0], "winner_tie"] += 4e-6
    c.emit("sum-off-by-4e-6", off)
    c.emit("out-of-range", set_cell(noisy, 0, "winner_tie", 1.2))
    c.emit("nan", set_cell(noisy, 0, "winner_tie", np.nan))
    c.emit("no-tie-column", noisy.drop(columns=["winner_tie"]))
    c.common_invalid(noisy, "id")


def write_cases(writer):
    """Every competition graded by ProbabilityGraders.swift: first the groups of competitions that share one
    grader, each seeding a RandomState per competition, then the others, each drawing from a RandomState
    seeded here."""
    for group in (cactus_cancer_invasive_auc, pizza_tumor_seti_melanoma_whale_auc):
        group(writer)
    for competition, seed in ((dogs_vs_cats, 800), (ranzcr, 120), (plant_pathology_2020, 122), (statoil, 134),
                              (cervical_spine, 136), (breast_cancer, 139), (jigsaw_toxic, 401), (freesound, 431),
                              (hms, 501), (mlsp_birds, 531), (alaska2, 701), (tabular_may_2022, 5), (s3e18, 8),
                              (jigsaw_bias, 10), (dog_breed, 26), (lmsys, 28)):
        competition(writer, np.random.RandomState(seed))
