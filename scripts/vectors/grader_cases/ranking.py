"""Reference cases for the graders of Sources/MLEGrading/RankingGraders.swift, which grade
ranked lists: MAP@k, Kendall tau.

Transcriptions of each competition's MLE-bench grade.py (and the helpers it uses), and the
synthesized answers and submissions they grade; `write_cases(writer)` writes them all. Run through
scripts/vectors/grader_cases.py, which says how and with which libraries.
"""
from bisect import bisect

import numpy as np
import pandas as pd

from mlebench_reference import (InvalidSubmissionError, expect_valid, hexid, mean_average_precision_at_k,
                                require_columns, require_rows, require_same_ids, set_cell, sort_by_id)


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
    require_rows(submission, answers)
    require_columns(submission, "id", "cell_order")
    require_same_ids(submission, answers, "id")
    submission["cell_order"] = submission["cell_order"].astype(str)
    answers["cell_order"] = answers["cell_order"].astype(str)
    submission, answers = sort_by_id(submission, answers, "id")
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
    require_columns(submission, id_col, target_col)
    assert id_col in answers.columns and target_col in answers.columns
    require_same_ids(submission, answers, id_col)
    require_rows(submission, answers)
    submission, answers = sort_by_id(submission, answers, id_col, reset_index=True)
    submission[target_col] = submission[target_col].astype(str).str.split(" ")
    answers[target_col] = answers[target_col].astype(str).str.split(" ").apply(set)
    return mean_average_precision_at_k(answers[target_col].tolist(), submission[target_col].tolist(), k=5)


def grade_whale(submission, answers):
    assert set(answers.columns) == {"Image", "Id"}
    if set(submission.columns) != {"Image", "Id"}:
        raise InvalidSubmissionError("columns")
    require_rows(submission, answers)
    require_same_ids(submission, answers, "Image")
    submission, answers = sort_by_id(submission, answers, "Image", reset_index=True)
    y_true = answers["Id"].astype(str).str.split(" ").apply(set).tolist()
    y_pred = submission["Id"].astype(str).str.split(" ").tolist()
    return mean_average_precision_at_k(actual=y_true, predicted=y_pred, k=5)


def grade_hm(submission, answers):
    assert set(answers.columns) == {"customer_id", "prediction"}
    if set(submission.columns) != {"customer_id", "prediction"}:
        raise InvalidSubmissionError("columns")
    if not (set(submission["customer_id"]) >= set(answers["customer_id"])):
        raise InvalidSubmissionError("superset")
    submission = submission[submission["customer_id"].isin(answers["customer_id"])]
    submission, answers = sort_by_id(submission, answers, "customer_id", reset_index=True)
    y_true = answers["prediction"].astype(str).str.split(" ").apply(set).tolist()
    y_pred = submission["prediction"].astype(str).str.split(" ").tolist()
    return mean_average_precision_at_k(actual=y_true, predicted=y_pred, k=12)


# ---------------------------------------------------------------------------------------------
# Cases


def ai4code(writer, rng):
    """AI4Code: Kendall tau on cell_order"""
    n = 30
    orders = []
    for i in range(n):
        m = rng.randint(1, 12)
        orders.append(hexid(rng, m, 8))
    ans = pd.DataFrame({"id": hexid(rng, n, 14), "cell_order": [" ".join(o) for o in orders]})
    c = writer.competition("AI4Code", "kendall-tau", grade_ai4code, ans)


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


    noisy = ans.assign(cell_order=permuted(0.3, 1))
    c.emit_basics(ans.assign(cell_order=[" ".join(sorted(o)) for o in orders]), ans, noisy, 10,
                  noisy_must_grade=True)
    c.emit("reversed", ans.assign(cell_order=[" ".join(o[::-1]) for o in orders]))
    c.emit("extra-cell", set_cell(noisy, 0, "cell_order", noisy["cell_order"].iloc[0] + " deadbeef"))
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


def hotel_id(writer, rng):
    """hotel-id-2021-fgvc8: MAP@5 on hotel_id by image"""
    n = 40
    hotels = rng.choice(np.arange(1000, 90000), 25, replace=False)
    ans = pd.DataFrame({"image": [f"{h}.jpg" for h in hexid(rng, n, 16)], "hotel_id": rng.choice(hotels, n)})
    c = writer.competition("hotel-id-2021-fgvc8", "map-at-5", grade_hotel_id, ans)
    top5 = [" ".join(str(x) for x in ([h] + list(rng.choice(hotels, 4)) if i % 3 else list(rng.choice(hotels, 5))))
            for i, h in enumerate(ans["hotel_id"])]
    noisy = ans.assign(hotel_id=top5)
    c.emit_basics(ans.assign(hotel_id=" ".join(str(h) for h in hotels[:5])), ans, noisy, 11, noisy_must_grade=True)
    second = ans.assign(hotel_id=[f"{hotels[0]} {h}" for h in ans["hotel_id"]])
    expect_valid(c.emit("second-place", second))
    dbl = ans.assign(hotel_id=[f"{h}  {h}" for h in ans["hotel_id"]])
    expect_valid(c.emit("double-spaces", dbl))
    expect_valid(c.emit("float-ids", ans.astype({"hotel_id": float})))
    expect_valid(c.emit("empty-prediction", set_cell(noisy, 0, "hotel_id", np.nan)))
    c.emit("no-target-column", ans[["image"]])
    c.common_invalid(noisy, "image")


def whale(writer, rng):
    """whale-categorization-playground: MAP@5 of space-separated whale ids"""
    n = 30
    whales = ["new_whale"] + [f"w_{h}" for h in hexid(rng, 15, 7)]
    ans = pd.DataFrame({"Image": [f"{h}.jpg" for h in hexid(rng, n, 8)], "Id": rng.choice(whales, n)})
    c = writer.competition("whale-categorization-playground", "MAP@5", grade_whale, ans)
    preds = []
    for w in ans["Id"]:
        guess = list(rng.choice(whales, 5, replace=False))
        r = rng.rand()
        if r < 0.5:
            guess[rng.randint(0, 5)] = w
        preds.append(" ".join(guess) if r < 0.8 else w + "  " + w + " new_whale")
    noisy = ans.assign(Id=preds)
    c.emit_basics(ans.assign(Id=" ".join(whales[:5])), ans, noisy, 152)
    c.emit("long-lists", ans.assign(Id=[" ".join(whales[:8][::-1]) for _ in range(n)]))
    c.emit("some-empty", set_cell(noisy, 0, "Id", np.nan))
    c.emit("extra-column", noisy.assign(score=1))
    c.common_invalid(noisy, "Image")


def h_and_m(writer, rng):
    """h-and-m-personalized-fashion-recommendations"""
    n = 30
    articles = ["0" + str(x) for x in rng.randint(100000000, 999999999, 40)]
    customers = hexid(rng, n + 10, 24)
    truth = []
    for i in range(n):
        m = 1 if i % 5 == 0 else rng.randint(2, 6)
        truth.append(" ".join(rng.choice(articles, m, replace=False)))
    ans = pd.DataFrame({"customer_id": customers[:n], "prediction": truth})
    c = writer.competition("h-and-m-personalized-fashion-recommendations", "MAP@12", grade_hm, ans)
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
    c.common_invalid(noisy, "customer_id")


def write_cases(writer):
    """Every competition graded by RankingGraders.swift, each drawing from a RandomState seeded here."""
    for competition, seed in ((ai4code, 1000), (hotel_id, 1100), (whale, 151), (h_and_m, 421)):
        competition(writer, np.random.RandomState(seed))
