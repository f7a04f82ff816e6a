"""Reference cases for the graders of Sources/MLEGrading/RankingGraders.swift, which grade
ranked lists: MAP@k, Kendall tau.

Transcriptions of each competition's MLE-bench grade.py (and the helpers it uses), and the
synthesized answers and submissions they grade; `write_cases(writer)` writes them all. Run through
scripts/vectors/grader_cases.py, which says how and with which libraries.
"""
from bisect import bisect

import numpy as np
import pandas as pd

from mlebench_reference import InvalidSubmissionError, expect_valid, hexid, mean_average_precision_at_k, set_cell


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


# ---------------------------------------------------------------------------------------------
# Cases


def ai4code(writer):
    """AI4Code: Kendall tau on cell_order"""
    Competition = writer.competition
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


def hotel_id(writer):
    """hotel-id-2021-fgvc8: MAP@5 on hotel_id by image"""
    Competition = writer.competition
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


def whale(writer):
    """whale-categorization-playground: MAP@5 of space-separated whale ids"""
    Competition = writer.competition
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


def h_and_m(writer):
    """h-and-m-personalized-fashion-recommendations"""
    Competition = writer.competition
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


def write_cases(writer):
    """Every competition graded by RankingGraders.swift."""
    for competition in (ai4code, hotel_id, whale, h_and_m):
        competition(writer)
