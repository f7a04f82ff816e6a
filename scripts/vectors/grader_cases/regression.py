"""Reference cases for the graders of Sources/MLEGrading/RegressionGraders.swift, which grade
predicted numbers: RMSE / MAE variants, correlations, Laplace log-likelihood, angular and geodesic errors.

Transcriptions of each competition's MLE-bench grade.py (and the helpers it uses), and the
synthesized answers and submissions they grade; `write_cases(writer)` writes them all. Run through
scripts/vectors/grader_cases.py, which says how and with which libraries.
"""
import numpy as np
import pandas as pd
from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import mean_absolute_error, root_mean_squared_error

from mlebench_reference import (InvalidSubmissionError, hexid, require_columns, require_rows, require_same_ids,
                                set_cell, sort_and_match_ids, sort_by_id)


def grade_denoising(submission, answers):
    assert "id" in answers.columns and "value" in answers.columns
    answers["value"].astype(float)
    require_columns(submission, "id", "value")
    try:
        submission["value"].astype(float)
    except ValueError:
        raise InvalidSubmissionError("float")
    require_rows(submission, answers)
    submission_sorted = submission.sort_values(by="id").sort_index(axis=1)
    answers_sorted = answers.sort_values(by="id").sort_index(axis=1)
    if (submission_sorted["id"].values != answers_sorted["id"].values).any():
        raise InvalidSubmissionError("ids")
    return root_mean_squared_error(y_true=submission_sorted["value"], y_pred=answers_sorted["value"])


def grade_petfinder(submission, answers):
    id_col, target_col = "Id", "Pawpularity"
    assert answers[target_col].between(1, 100).all()
    require_columns(submission, id_col, target_col)
    if not submission[target_col].between(1, 100).all():
        raise InvalidSubmissionError("range")
    submission, answers = sort_and_match_ids(submission, answers, id_col)
    return root_mean_squared_error(answers[target_col].to_numpy(), submission[target_col].to_numpy())


def grade_ventilator(submission, answers):
    require_columns(submission, "id", "pressure")
    require_rows(submission, answers)
    submission, answers = sort_and_match_ids(submission, answers, "id", reset_index=True)
    answers = answers[answers["u_out"] == 0]
    submission = submission[submission["id"].isin(answers["id"])]
    submission, answers = sort_by_id(submission, answers, "id", reset_index=True)
    return mean_absolute_error(answers["pressure"].values, submission["pressure"].values)


def grade_vaccine(submission, answers):
    require_rows(submission, answers)
    to_predict = ["reactivity", "deg_Mg_pH10", "deg_Mg_50C"]
    assert set(answers.columns).issuperset(["id_seqpos"] + to_predict + ["keep"])
    expected = ["id_seqpos"] + to_predict + ["deg_pH10", "deg_50C"]
    require_columns(submission, *expected)
    s = submission[expected].sort_values(by="id_seqpos").sort_index(axis=1)
    a = answers.sort_values(by="id_seqpos").sort_index(axis=1)
    for actual_id, expected_id in zip(s["id_seqpos"], a["id_seqpos"]):
        if actual_id != expected_id:
            raise InvalidSubmissionError("ids")
    mask = a["keep"]
    ns, na = s[mask], a[mask]
    return np.mean([root_mean_squared_error(y_true=na[c], y_pred=ns[c]) for c in to_predict])


def grade_osic(submission, answers):
    require_columns(submission, "Patient_Week", "FVC", "Confidence")
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
    require_columns(submission, id_col)
    if not classes_set.issubset(set(submission.columns)):
        raise InvalidSubmissionError("classes")
    if len(submission.columns) != len(QUEST_CLASSES) + 1:
        raise InvalidSubmissionError("columns")
    require_rows(submission, answers)
    assert id_col in answers.columns
    assert len(answers.columns) == len(QUEST_CLASSES) + 1
    submission, answers = sort_by_id(submission, answers, id_col)
    spearmans = [spearmanr(submission[col], answers[col]).correlation for col in QUEST_CLASSES]
    return np.mean(spearmans)


def grade_champs(submission, answers):
    target_column = "scalar_coupling_constant"
    assert target_column in answers.columns and "id" in answers.columns and "type" in answers.columns
    require_columns(submission, target_column, "id")
    require_same_ids(submission, answers, "id")
    merged = answers.merge(submission[["id", target_column]], on="id", suffixes=("_true", "_pred"))
    log_maes = []
    for name, group in merged.groupby("type"):
        log_maes.append(np.log(mean_absolute_error(group[target_column + "_true"], group[target_column + "_pred"])))
    return np.mean(log_maes)


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
    require_rows(submission, answers)
    require_same_ids(submission, answers, "event_id")
    submission, answers = sort_by_id(submission, answers, "event_id")
    az_true, zen_true = answers["azimuth"].to_numpy(), answers["zenith"].to_numpy()
    az_pred, zen_pred = submission["azimuth"].to_numpy(), submission["zenith"].to_numpy()
    sa1, ca1, sz1, cz1 = np.sin(az_true), np.cos(az_true), np.sin(zen_true), np.cos(zen_true)
    sa2, ca2, sz2, cz2 = np.sin(az_pred), np.cos(az_pred), np.sin(zen_pred), np.cos(zen_pred)
    scalar_prod = sz1 * sz2 * (ca1 * ca2 + sa1 * sa2) + (cz1 * cz2)
    scalar_prod = np.clip(scalar_prod, -1, 1)
    return np.average(np.abs(np.arccos(scalar_prod)))


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
    require_columns(submission, "tripId", "UnixTimeMillis", "LatitudeDegrees", "LongitudeDegrees")
    require_rows(submission, answers)
    scores = []
    for trip_id in answers["tripId"].unique():
        filtered_answers = answers[answers["tripId"] == trip_id]
        filtered_submission = submission[submission["tripId"] == trip_id]
        if len(filtered_submission) != len(filtered_answers):
            raise InvalidSubmissionError("trip rows")
        scores.append(calc_score(filtered_submission, filtered_answers))
    return np.mean(scores)


def grade_nyc_taxi(submission, answers):
    assert "fare_amount" in answers.columns
    assert "key" in answers.columns
    require_columns(submission, "fare_amount", "key")
    submission, answers = sort_by_id(submission, answers, "key")
    return root_mean_squared_error(answers["fare_amount"], submission["fare_amount"])


def grade_volcano(submission, answers):
    target_column = "time_to_eruption"
    assert target_column in answers.columns
    assert "segment_id" in answers.columns
    require_columns(submission, target_column, "segment_id")
    require_same_ids(submission, answers, "segment_id")
    merged = answers.merge(submission[["segment_id", target_column]], on="segment_id", suffixes=("_true", "_pred"))
    score = mean_absolute_error(y_true=merged["time_to_eruption_true"], y_pred=merged["time_to_eruption_pred"])
    return int(round(score))


def grade_us_patent(submission, answers):
    require_rows(submission, answers)
    require_columns(submission, "id", "score")
    submission, answers = sort_and_match_ids(submission, answers, "id")
    return pearsonr(answers["score"].to_numpy(), submission["score"].to_numpy())[0]


# ---------------------------------------------------------------------------------------------
# Cases


def denoising(writer, rng):
    """denoising-dirty-documents: RMSE on value by id"""
    ids = [f"{img}_{r}_{col}" for img in (1, 12) for r in range(1, 6) for col in range(1, 6)]
    n = len(ids)
    ans = pd.DataFrame({"id": ids, "value": rng.choice([1.0, 1.0, 0.0, 0.5], n) * rng.rand(n).round(3)})
    ans["value"] = ans["value"].round(4)
    c = writer.competition("denoising-dirty-documents", "root_mean_squared_error", grade_denoising, ans)
    noisy = ans.assign(value=np.clip(ans["value"] + rng.randn(n) * 0.1, 0, 1).round(5))
    c.emit_basics(ans.assign(value=1), ans, noisy, 9, noisy_must_grade=True)
    c.emit("nan-value", set_cell(noisy, 1, "value", np.nan))
    c.emit("text-value", set_cell(noisy, 1, "value", "white", object))
    c.emit("bool-values", noisy.assign(value=noisy["value"] > 0.5))
    c.emit("no-target-column", ans[["id"]])
    c.common_invalid(noisy, "id")


def petfinder(writer, rng):
    """petfinder-pawpularity-score: RMSE with predictions in [1, 100]"""
    n = 30
    ans = pd.DataFrame({"Id": hexid(rng, n, 32), "Pawpularity": rng.randint(1, 101, n)})
    c = writer.competition("petfinder-pawpularity-score", "root-mean-squared-error", grade_petfinder, ans)
    noisy = ans.assign(Pawpularity=np.clip(ans["Pawpularity"] + rng.randn(n) * 10, 1, 100).round(2))
    c.emit_basics(ans.assign(Pawpularity=50), ans, noisy, 142)
    c.emit("below-range", set_cell(noisy, 0, "Pawpularity", 0.5))
    c.emit("nan", set_cell(noisy, 0, "Pawpularity", np.nan))
    c.emit("text", set_cell(noisy, 0, "Pawpularity", "cute", object))
    c.common_invalid(noisy, "Id")


def ventilator(writer, rng):
    """ventilator-pressure-prediction: MAE over u_out == 0"""
    n = 45
    ans = pd.DataFrame({"id": rng.permutation(np.arange(1, n + 1)), "breath_id": np.repeat(np.arange(3), n // 3),
                        "R": 20, "C": 50, "time_step": np.tile(np.arange(n // 3) * 0.033, 3).round(4),
                        "u_in": rng.rand(n).round(3), "u_out": (rng.rand(n) < 0.4).astype(int),
                        "pressure": (5 + rng.rand(n) * 20).round(4)})
    # The recipe (like MLE-bench's listing) names the metric "dice-hausdorff-combo"; grade.py is MAE.
    c = writer.competition("ventilator-pressure-prediction", "dice-hausdorff-combo", grade_ventilator, ans)
    noisy = ans[["id"]].assign(pressure=(ans["pressure"] + rng.randn(n)).round(3))
    c.emit_basics(ans[["id"]].assign(pressure=0), ans[["id", "pressure"]], noisy, 144)
    unscored = int(np.flatnonzero(ans["u_out"].values == 1)[0])
    scored = int(np.flatnonzero(ans["u_out"].values == 0)[0])
    c.emit("nan-in-unscored-row", set_cell(noisy, unscored, "pressure", np.nan))
    c.emit("nan-in-scored-row", set_cell(noisy, scored, "pressure", np.nan))
    c.emit("text", set_cell(noisy, scored, "pressure", "high", object))
    c.common_invalid(noisy, "id")


def open_vaccine(writer, rng):
    """stanford-covid-vaccine: MCRMSE over kept rows (mask aligned by row label)"""
    seqs = hexid(rng, 3, 9)
    ids = [f"id_{s}_{p}" for s in seqs for p in range(12)]
    n = len(ids)
    ans = pd.DataFrame({"id_seqpos": ids})
    for k in ["reactivity", "deg_Mg_pH10", "deg_pH10", "deg_Mg_50C", "deg_50C"]:
        ans[k] = rng.rand(n).round(4)
    ans["keep"] = np.array([p < 8 for s in seqs for p in range(12)])
    c = writer.competition("stanford-covid-vaccine", "multi-class-log-loss", grade_vaccine, ans)
    cols = ["id_seqpos", "reactivity", "deg_Mg_pH10", "deg_pH10", "deg_Mg_50C", "deg_50C"]
    noisy = ans[cols].copy()
    for k in cols[1:]:
        noisy[k] = (noisy[k] + rng.randn(n) * 0.2).round(4)
    c.emit_basics(ans[["id_seqpos"]].assign(reactivity=0.0, deg_Mg_pH10=0.0, deg_pH10=0.0, deg_Mg_50C=0.0, deg_50C=0.0),
                  ans[cols], noisy, 146)
    c.emit("reversed", noisy.iloc[::-1])
    unkept = int(np.flatnonzero(~ans["keep"].values)[0])
    c.emit("nan-in-unkept-row", set_cell(noisy, unkept, "reactivity", np.nan))
    c.emit("nan-in-kept-row", set_cell(noisy, 0, "reactivity", np.nan))
    c.emit("no-deg_50C", noisy.drop(columns=["deg_50C"]))
    c.common_invalid(noisy, "id_seqpos")


def osic(writer, rng):
    """osic-pulmonary-fibrosis-progression: modified Laplace log likelihood, 3 latest weeks per patient"""
    rows = []
    for p in hexid(rng, 6, 8):
        pid = f"ID00{p}"
        weeks = sorted(rng.choice(np.arange(-12, 134), rng.randint(3, 8), replace=False))
        for w in weeks:
            rows.append((f"{pid}_{w}", pid, w, float(rng.randint(1500, 4000)) if rng.rand() > 0.1 else np.nan))
    ans = pd.DataFrame(rows, columns=["Patient_Week", "Patient", "Weeks", "FVC"])
    ans["Percent"] = (ans["FVC"] / 40).round(3)
    c = writer.competition("osic-pulmonary-fibrosis-progression", "modified-laplace-log-likelihood", grade_osic, ans)
    n = len(ans)
    noisy = ans[["Patient_Week"]].assign(FVC=(ans["FVC"].fillna(2500) + rng.randn(n) * 300).round(1),
                                         Confidence=(rng.rand(n) * 400 + 20).round(1))
    c.emit_basics(ans[["Patient_Week"]].assign(FVC=2000, Confidence=100),
                  ans[["Patient_Week"]].assign(FVC=ans["FVC"].fillna(2500), Confidence=70), noisy, 148)
    c.emit("huge-errors", noisy.assign(FVC=noisy["FVC"] + 5000))
    c.emit("nan-confidence", set_cell(noisy, 3, "Confidence", np.nan))
    c.emit("subset", noisy.iloc[::2])
    c.emit("unknown-week", pd.concat([noisy, pd.DataFrame({"Patient_Week": ["ID00x_5"], "FVC": [1.0], "Confidence": [1.0]})]))
    c.emit("text-fvc", set_cell(noisy, 0, "FVC", "big", object))
    c.emit("no-confidence", noisy[["Patient_Week", "FVC"]])
    c.emit("empty", raw=b"")


def google_quest(writer, rng):
    """google-quest-challenge"""
    n = 30
    ans = pd.DataFrame({"qa_id": rng.permutation(np.arange(1000, 1000 + 3 * n, 3))})
    for k in QUEST_CLASSES:
        ans[k] = np.round(rng.randint(0, 7, n) / 6, 6)
    c = writer.competition("google-quest-challenge", "column-wise-spearman", grade_quest, ans)
    sample = ans.assign(**{k: 0.00308 for k in QUEST_CLASSES})
    noisy = ans.copy()
    for k in QUEST_CLASSES:
        noisy[k] = np.round(ans[k] + rng.rand(n) * 0.5, 4)
    c.emit_basics(sample, ans, noisy, 412)
    c.emit("reordered-columns", noisy[QUEST_CLASSES[::-1] + ["qa_id"]])
    c.emit("other-ids", noisy.assign(qa_id=noisy["qa_id"] + 1))
    c.emit("one-constant-column", noisy.assign(answer_plausible=0.5))
    c.emit("nan-value", set_cell(noisy, 2, "answer_helpful", np.nan))
    c.emit("extra-column", noisy.assign(extra=1))
    c.emit("missing-class", noisy.drop(columns=["answer_helpful"]))
    c.emit("missing-rows", noisy.iloc[:-3])
    c.emit("no-id-column", noisy.drop(columns=["qa_id"]))
    c.emit("empty", raw=b"")


def champs(writer, rng):
    """champs-scalar-coupling"""
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
    c = writer.competition("champs-scalar-coupling", "log-mean-absolute-error", grade_champs, ans)
    sub = ans[["id"]].assign(scalar_coupling_constant=0)
    noisy = ans[["id"]].assign(scalar_coupling_constant=np.round(ans["scalar_coupling_constant"] + rng.randn(n) * 3, 4))
    c.emit_basics(sub, ans[["id", "scalar_coupling_constant"]], noisy, 442)
    one_type = ans["scalar_coupling_constant"].where(ans["type"] == "2JHH", noisy["scalar_coupling_constant"])
    c.emit("one-type-exact", ans[["id"]].assign(scalar_coupling_constant=one_type))
    c.emit("with-type-column", noisy.assign(type="1JHC"))
    c.emit("nan-value", set_cell(noisy, 2, "scalar_coupling_constant", np.nan))
    c.emit("text-value", set_cell(noisy, 2, "scalar_coupling_constant", "big", dtype=object))
    c.emit("extra-row", pd.concat([noisy, noisy.iloc[[2]]]))
    c.emit("extra-id", pd.concat([noisy, pd.DataFrame({"id": [99999], "scalar_coupling_constant": [1.0]})]))
    c.emit("missing-rows", noisy.iloc[:-3])
    c.emit("duplicate-id", set_cell(noisy, 0, "id", noisy["id"].iloc[1]))
    c.emit("no-id-column", noisy.drop(columns=["id"]))
    c.emit("no-target-column", noisy.rename(columns={"scalar_coupling_constant": "scc"}))
    c.emit("empty", raw=b"")


def icecube(writer, rng):
    """icecube-neutrinos-in-deep-ice"""
    n = 150
    ans = pd.DataFrame({
        "event_id": rng.permutation(np.arange(2000, 2000 + 11 * n, 11)),
        "azimuth": np.round(rng.rand(n) * 2 * np.pi, 6),
        "zenith": np.round(rng.rand(n) * np.pi, 6),
    })
    c = writer.competition("icecube-neutrinos-in-deep-ice", "mean-angular-error", grade_icecube, ans)
    noisy = ans.assign(azimuth=np.round(ans["azimuth"] + rng.randn(n) * 0.5, 4), zenith=np.round(ans["zenith"] + rng.randn(n) * 0.3, 4))
    c.emit_basics(ans[["event_id"]].assign(azimuth=1, zenith=1), ans[["event_id", "azimuth", "zenith"]], noisy,
                  542)
    c.emit("reordered-columns", noisy[["zenith", "azimuth", "event_id"]])
    c.emit("opposite", ans.assign(azimuth=ans["azimuth"] + np.pi, zenith=np.pi - ans["zenith"]))
    c.emit("nan-value", set_cell(noisy, 2, "azimuth", np.nan))
    c.emit("text-value", set_cell(noisy, 2, "zenith", "up", dtype=object))
    c.emit("bool-column", noisy.assign(zenith=True))
    c.emit("extra-column", noisy.assign(extra=1))
    c.emit("unknown-id", set_cell(noisy, 4, "event_id", 1))
    c.common_invalid(noisy, "event_id")


def smartphone(writer, rng):
    """smartphone-decimeter-2022"""
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
    c = writer.competition("smartphone-decimeter-2022", "average-haversine-distance", grade_smartphone, ans)
    cols = ["tripId", "UnixTimeMillis", "LatitudeDegrees", "LongitudeDegrees"]
    m = len(ans)
    noisy = ans[cols].assign(LatitudeDegrees=np.round(ans["LatitudeDegrees"] + rng.randn(m) * 3e-5, 9),
                             LongitudeDegrees=np.round(ans["LongitudeDegrees"] + rng.randn(m) * 3e-5, 9))
    c.emit_basics(ans[["tripId", "UnixTimeMillis"]].assign(LatitudeDegrees=37.904611315634504,
                                                           LongitudeDegrees=-86.48107806249548), ans[cols], noisy, 612)
    c.emit("trips-reordered", pd.concat([noisy[noisy["tripId"] == t] for t, _ in trips[::-1]]))
    c.emit("reordered-columns", noisy[cols[::-1]])
    c.emit("extra-column", noisy.assign(SpeedMps=1.0))
    c.emit("nan-value", set_cell(noisy, 5, "LatitudeDegrees", np.nan))
    c.emit("text-value", set_cell(noisy, 5, "LongitudeDegrees", "west", dtype=object))
    c.emit("int-coordinates", noisy.assign(LatitudeDegrees=37, LongitudeDegrees=-122))
    c.emit("moved-row", set_cell(noisy, 0, "tripId", trips[1][0]))
    c.emit("unknown-trip", set_cell(noisy, 0, "tripId", "nowhere/Phone"))
    c.emit("no-time-column", noisy.drop(columns=["UnixTimeMillis"]))
    c.common_invalid(noisy, "tripId", duplicate=False, no_id="no-trip-column")


def nyc_taxi(writer, rng):
    """new-york-city-taxi-fare-prediction: RMSE, both sides sorted by key, keys never compared"""
    n = 50
    stamps = pd.Timestamp("2013-01-01") + pd.to_timedelta(np.sort(rng.choice(10**5, n, replace=False) * 1000 + rng.randint(0, 1000, n)), unit="s")
    keys = [f"{t:%Y-%m-%d %H:%M:%S}.{rng.randint(1, 10**7):07d}" for t in stamps]
    ans = pd.DataFrame({"key": keys, "fare_amount": (rng.gamma(2.0, 6.0, n) + 2.5).round(2),
                        "pickup_datetime": [f"{t:%Y-%m-%d %H:%M:%S} UTC" for t in stamps],
                        "pickup_longitude": (-73.98 + rng.randn(n) * 0.02).round(6),
                        "pickup_latitude": (40.75 + rng.randn(n) * 0.02).round(6),
                        "passenger_count": rng.randint(1, 6, n)}).sample(frac=1, random_state=13)
    c = writer.competition("new-york-city-taxi-fare-prediction", "root-mean-squared-error", grade_nyc_taxi, ans)
    noisy = ans[["key"]].assign(fare_amount=(ans["fare_amount"] * (1 + rng.randn(n) * 0.1)).round(3))
    c.emit_basics(ans[["key"]].assign(fare_amount=11.35), ans[["key", "fare_amount"]], noisy, 14)
    c.emit("other-keys", noisy.assign(key=[f"k{v:03d}" for v in rng.permutation(n)]))
    c.emit("numeric-keys", noisy.assign(key=rng.permutation(n) * 7))
    bad = noisy.copy()
    bad.loc[bad.index[[1, 5]], "key"] = np.nan
    c.emit("missing-keys", bad)
    c.emit("nan-fare", set_cell(noisy, 2, "fare_amount", np.nan))
    c.emit("text-fare", set_cell(noisy, 2, "fare_amount", "$5", object))
    c.emit("no-fare-column", noisy[["key"]])
    c.common_invalid(noisy, "key", duplicate=False, no_id="no-key-column")


def volcano(writer, rng):
    """predict-volcanic-eruptions-ingv-oe: MAE over answers merged with the submission, rounded to int"""
    n = 40
    ans = pd.DataFrame({"segment_id": rng.choice(10**5, n, replace=False) * 20000 + rng.randint(0, 20000, n) + 10**6,
                        "time_to_eruption": rng.randint(6000, 49 * 10**6, n)})
    c = writer.competition("predict-volcanic-eruptions-ingv-oe", "mean-absolute-error", grade_volcano, ans)
    noisy = ans.assign(time_to_eruption=(ans["time_to_eruption"] + rng.randn(n) * 3e6).round(1))
    c.emit_basics(ans.assign(time_to_eruption=0), ans, noisy, 16)
    for off, name in [(0.5, "half-off"), (1.5, "one-and-a-half-off"), (2.5, "two-and-a-half-off")]:
        c.emit(name, ans.assign(time_to_eruption=ans["time_to_eruption"] + off))
    extra = noisy.iloc[[3]].assign(time_to_eruption=1e7)
    c.emit("repeated-id", pd.concat([noisy, extra]))
    c.emit("float-ids", noisy.assign(segment_id=noisy["segment_id"].astype(float)))
    c.emit("unknown-id", set_cell(noisy, 0, "segment_id", 12345))
    c.emit("missing-id", noisy.iloc[:-1])
    c.emit("nan-prediction", set_cell(noisy, 0, "time_to_eruption", np.nan))
    c.emit("text-prediction", set_cell(noisy, 0, "time_to_eruption", "soon", object))
    c.emit("no-id-column", noisy[["time_to_eruption"]])
    c.emit("empty", raw=b"")


def us_patent(writer, rng):
    """us-patent-phrase-to-phrase-matching: Pearson r of score by id"""
    n = 50
    ans = pd.DataFrame({"id": hexid(rng, n, 16), "anchor": [f"anchor {i % 7}" for i in range(n)],
                        "target": [f"target phrase {i}" for i in range(n)], "context": rng.choice(["A47", "B60", "H04"], n),
                        "score": rng.choice([0.0, 0.25, 0.5, 0.75, 1.0], n)})
    c = writer.competition("us-patent-phrase-to-phrase-matching", "pearson-correlation-coefficient", grade_us_patent, ans)
    noisy = ans[["id"]].assign(score=(ans["score"] + rng.randn(n) * 0.3).round(4))
    c.emit_basics(ans[["id"]].assign(score=0), ans[["id", "score"]], noisy, 18)
    c.emit("nan-score", set_cell(noisy, 1, "score", np.nan))
    c.emit("text-score", set_cell(noisy, 1, "score", "high", object))
    c.emit("no-score-column", noisy[["id"]])
    c.common_invalid(noisy, "id")


def write_cases(writer):
    """Every competition graded by RegressionGraders.swift, each drawing from a RandomState seeded here."""
    for competition, seed in ((denoising, 900), (petfinder, 141), (ventilator, 143), (open_vaccine, 145),
                              (osic, 147), (google_quest, 411), (champs, 441), (icecube, 541), (smartphone, 611),
                              (nyc_taxi, 12), (volcano, 15), (us_patent, 17)):
        competition(writer, np.random.RandomState(seed))
