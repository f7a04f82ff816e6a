"""Reference cases for the graders of Sources/MLEGrading/SegmentationGraders.swift, which grade
run-length masks: IoU, Dice, Hausdorff, F0.5.

Transcriptions of each competition's MLE-bench grade.py (and the helpers it uses), and the
synthesized answers and submissions they grade; `write_cases(writer)` writes them all. Run through
scripts/vectors/grader_cases.py, which says how and with which libraries.
"""
import numpy as np
import pandas as pd
from scipy.spatial.distance import directed_hausdorff
from sklearn.metrics import fbeta_score

from mlebench_reference import (InvalidSubmissionError, dice_coefficient, hexid, require_columns, require_rows,
                                require_same_ids, rle_decode, rle_encode, set_cell, sort_and_match_ids, sort_by_id)


def random_mask(rng, h, w, density):
    """A random mask of pixel pairs (runs of two and more along each row)."""
    m = rng.rand(h, w) < density
    return np.repeat(m[:, : (w + 1) // 2], 2, axis=1)[:, :w]


# Run-length strings that rle_decode rejects (its asserts, or int()), as (case name, value): each case
# sets one of them into one prediction cell.
MALFORMED_RUNS = [("unsorted-runs", "50 3 10 2"), ("overlapping-runs", "10 5 12 2"), ("zero-length", "10 0"),
                  ("not-numbers", "a b")]


def rle_encode_rows(mask):
    """Vesuvius RLE: row-major, 1-based starts."""
    return rle_encode(mask.T)


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
    require_rows(submission, answers)
    ts = submission.fillna("")
    ta = answers.fillna("")
    assert ta.applymap(lambda x: isinstance(x, str)).values.all()
    if not ts.applymap(lambda x: isinstance(x, str)).values.all():
        raise InvalidSubmissionError("strings")
    ss, sa = sort_and_match_ids(ts, ta, "id")
    try:
        y_preds = np.array([rle_decode(r, height=101, width=101) for r in ss["rle_mask"].values])
    except AssertionError:
        raise InvalidSubmissionError("rle")
    y_trues = np.array([rle_decode(r, height=101, width=101) for r in sa["rle_mask"].values])
    return np.mean([iou_metric(y_trues[i], y_preds[i]) for i in range(len(y_trues))])


def grade_hubmap(submission, answers):
    id_col = "id"
    require_columns(submission, id_col, "predicted")
    require_rows(submission, answers)
    require_same_ids(submission, answers, id_col)
    submission, answers = sort_by_id(submission, answers, id_col, reset_index=True)
    submission["predicted"] = submission["predicted"].fillna("")
    heights = answers["height_pixels"].tolist()
    widths = answers["width_pixels"].tolist()
    pred = [rle_decode(e, height=h, width=w) for e, h, w in zip(submission["predicted"].to_list(), heights, widths)]
    true = [rle_decode(e, height=h, width=w) for e, h, w in zip(answers["encoding"], heights, widths)]
    return np.mean([dice_coefficient(p, t, both_empty_value=1.0) for p, t in zip(pred, true)])


def grade_contrails(submission, answers):
    assert set(answers.columns) == {"record_id", "encoded_pixels", "height", "width"}
    require_columns(submission, "record_id", "encoded_pixels")
    require_rows(submission, answers)
    submission, answers = sort_and_match_ids(submission, answers, "record_id")
    submission["encoded_pixels"] = submission["encoded_pixels"].replace("-", "")
    answers["encoded_pixels"] = answers["encoded_pixels"].replace("-", "")
    y_preds_rle = submission["encoded_pixels"].values
    y_trues_rle, hs, ws = answers["encoded_pixels"].values, answers["height"].values, answers["width"].values
    y_preds = np.array([rle_decode(r, height=int(h), width=int(w)) for r, h, w in zip(y_trues_rle, hs, ws)])
    y_trues = np.array([rle_decode(r, height=int(h), width=int(w)) for r, h, w in zip(y_preds_rle, hs, ws)])
    return dice_coefficient(y_trues.ravel(), y_preds.ravel())


# Transcriptions of mlebench/competitions/<id>/grade.py

def vesuvius_grade_row(submission, answer):
    expected_submission_indices = ["Id", "Predicted"]
    expected_answer_indices = expected_submission_indices + ["width", "height"]
    assert set(answer.index) == set(expected_answer_indices)
    if len(submission) != len(expected_submission_indices):
        raise InvalidSubmissionError("indices")
    if not set(submission.index).issuperset(set(expected_submission_indices)):
        raise InvalidSubmissionError("columns")
    assert submission["Id"] == answer["Id"]
    submission_rle = submission["Predicted"]
    answer_rle = answer["Predicted"]
    if not isinstance(submission_rle, str):
        raise InvalidSubmissionError("string")
    assert isinstance(answer_rle, str)
    width = int(answer["width"])
    height = int(answer["height"])
    try:
        submission_matrix = rle_decode(submission_rle, height=width, width=height).T
    except AssertionError as e:
        raise InvalidSubmissionError(f"rle: {e}")
    answer_matrix = rle_decode(answer_rle, height=width, width=height).T
    assert submission_matrix.shape == (height, width)
    assert submission_matrix.shape == answer_matrix.shape
    y_pred = submission_matrix.flatten().astype(bool)
    y_true = answer_matrix.flatten().astype(bool)
    assert np.isclose(submission_matrix.sum().sum(), y_pred.sum())
    return fbeta_score(y_true=y_true, y_pred=y_pred, beta=0.5)


def grade_vesuvius(submission, answers):
    scores = []
    require_rows(submission, answers)
    for (_, actual), (_, expected) in zip(submission.iterrows(), answers.iterrows()):
        scores.append(vesuvius_grade_row(actual, expected))
    return np.mean(scores)


# uw-madison-gi-tract-image-segmentation/grade.py (with mlebench's rle_decode, rles_to_masks and
# dice_coefficient)

def uw_group_by_day(masks, ids):
    by_slice, slices = {}, []
    for mask, s in sorted(zip(masks, ids), key=lambda x: x[1]):
        if s not in by_slice:
            by_slice[s] = []
            slices.append(s)
        by_slice[s].append(mask)
    by_day, days = {}, []
    for s in slices:
        day = s.split("_slice_")[0]
        if day not in by_day:
            by_day[day] = []
            days.append(day)
        by_day[day].append(np.logical_or.reduce(by_slice[s]).astype(np.uint8))
    return [np.stack(by_day[d], axis=0) for d in days]


def uw_hausdorff(pred, true):
    if np.sum(pred) == 0 and np.sum(true) == 0:
        return np.nan
    elif np.array_equal(pred, true):
        return 0
    elif (np.sum(pred) == 0 and np.sum(true) > 0) or (np.sum(pred) > 0 and np.sum(true) == 0):
        return 1
    if pred.sum() > 10 * true.sum():
        return 1
    t = np.argwhere(true) / true.shape
    p = np.argwhere(pred) / true.shape
    d = max(directed_hausdorff(t, p)[0], directed_hausdorff(p, t)[0])
    return d / np.sqrt(3)


def grade_uw(submission, answers):
    assert "image_height" in answers.columns and "image_width" in answers.columns
    require_columns(submission, "id", "class", "predicted")
    submission["predicted"] = submission["predicted"].fillna("")
    answers["predicted"] = answers["predicted"].fillna("")
    heights = answers["image_height"].astype(int).tolist()
    widths = answers["image_width"].astype(int).tolist()
    sub_masks = [rle_decode(r, h, w) for r, h, w in zip(submission["predicted"].to_list(), heights, widths)]
    ans_masks = [rle_decode(r, h, w) for r, h, w in zip(answers["predicted"].to_list(), heights, widths)]
    sub_days = uw_group_by_day(sub_masks, submission["id"])
    ans_days = uw_group_by_day(ans_masks, answers["id"])
    d = np.nanmean([dice_coefficient(s, a, both_empty_value=np.nan) for s, a in zip(sub_masks, ans_masks)])
    h = np.nanmean([uw_hausdorff(s, a) for s, a in zip(sub_days, ans_days)])
    return 0.4 * d + 0.6 * (1 - h)


# ---------------------------------------------------------------------------------------------
# Cases


def salt(writer, rng):
    """tgs-salt-identification-challenge: IoU-threshold precision on 101x101 RLE masks"""
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
    ans = pd.DataFrame({"id": hexid(rng, n, 10), "rle_mask": [rle_encode(m) for m in masks]})
    c = writer.competition("tgs-salt-identification-challenge", "mean-precision-intersection-over-union-at-different-thresholds",
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
        noisy_rle.append(rle_encode(p))
    noisy = ans.assign(rle_mask=noisy_rle)
    c.emit("noisy", noisy)
    c.emit("shuffled", noisy.sample(frac=1, random_state=154))
    c.emit_edits(noisy, 1, "rle_mask", [("unsorted-rle", "50 3 10 2"), ("overlapping-rle", "10 5 12 3"),
                                        ("non-integer-rle", "10 x")])
    c.emit("numeric-column", ans.assign(rle_mask=5))
    c.emit("extra-column", noisy.assign(score=1))
    c.common_invalid(noisy, "id")


def hubmap(writer, rng):
    """hubmap-kidney-segmentation"""
    n = 8
    sizes = [(rng.randint(20, 40), rng.randint(20, 40)) for _ in range(n)]
    masks = [random_mask(rng, h, w, 0.3) for h, w in sizes]
    ans = pd.DataFrame({
        "id": [f"img{i:02d}{'abcdefgh'[i]}" for i in rng.permutation(n)],
        "encoding": [rle_encode(m) for m in masks],
        "width_pixels": [w for _, w in sizes],
        "height_pixels": [h for h, _ in sizes],
    })
    c = writer.competition("hubmap-kidney-segmentation", "dice-coefficient", grade_hubmap, ans)
    noisy_masks = [m ^ (rng.rand(*m.shape) < 0.1) for m in masks]
    noisy_masks[3][:] = False  # an empty prediction of a non-empty mask
    noisy = ans[["id"]].assign(predicted=[rle_encode(m) for m in noisy_masks])
    c.emit_basics(ans[["id"]].assign(predicted=""), ans[["id"]].assign(predicted=ans["encoding"]), noisy, 512)
    c.emit("one-empty", set_cell(noisy, 1, "predicted", np.nan))
    c.emit_edits(noisy, 2, "predicted", [("past-the-end", noisy["predicted"].iloc[2] + " 5000 100")] + MALFORMED_RUNS)
    c.emit("extra-column", noisy.assign(extra=1))
    c.emit("unknown-id", set_cell(noisy, 4, "id", "zzz"))
    c.emit("renamed-column", noisy.rename(columns={"predicted": "encoding"}))
    c.common_invalid(noisy, "id")


def contrails(writer, rng):
    """google-research-identify-contrails-reduce-global-warming"""
    n = 10
    masks = [random_mask(rng, 16, 16, 0.15) if i % 3 else np.zeros((16, 16), bool) for i in range(n)]
    ans = pd.DataFrame({
        "record_id": rng.permutation(np.arange(10**15, 10**15 + 97 * n, 97)),
        "encoded_pixels": [rle_encode(m) or "-" for m in masks],
        "height": 16,
        "width": 16,
    })
    c = writer.competition("google-research-identify-contrails-reduce-global-warming", "global-dice", grade_contrails, ans)
    noisy_masks = [m ^ (rng.rand(16, 16) < 0.05) for m in masks]
    noisy = ans[["record_id"]].assign(encoded_pixels=[rle_encode(m) or "-" for m in noisy_masks])
    c.emit_basics(ans[["record_id"]].assign(encoded_pixels="-"), ans[["record_id", "encoded_pixels"]], noisy,
                  522)
    c.emit("extra-column", noisy.assign(height=16))
    c.emit_edits(noisy, 1, "encoded_pixels", [("one-empty-cell", np.nan), ("dash-with-space", " - "),
                                              ("blank-mask", " ")])
    c.emit_edits(noisy, 2, "encoded_pixels", MALFORMED_RUNS[:2])
    c.emit("unknown-id", set_cell(noisy, 4, "record_id", 5))
    c.common_invalid(noisy, "record_id")


def vesuvius(writer, rng):
    """vesuvius-challenge-ink-detection"""
    n = 6
    sizes = [(rng.randint(10, 30), rng.randint(10, 30)) for _ in range(n)]
    masks = [(rng.rand(h, w) < 0.3) if i != 2 else np.zeros((h, w), bool) for i, (h, w) in enumerate(sizes)]
    ans = pd.DataFrame({
        "Id": list("abcdef"),
        "Predicted": [rle_encode_rows(m) or " " for m in masks],  # a blank cell is an empty mask
        "width": [w for _, w in sizes],
        "height": [h for h, _ in sizes],
    })
    c = writer.competition("vesuvius-challenge-ink-detection", "f0.5-score", grade_vesuvius, ans)
    c.emit("sample", ans[["Id"]].assign(Predicted="1 1 5 1"))
    c.emit("perfect", ans[["Id", "Predicted"]])
    noisy_masks = [m ^ (rng.rand(*m.shape) < 0.15) for m in masks]
    noisy_masks[4][:] = False  # an empty prediction of a non-empty mask
    noisy = ans[["Id"]].assign(Predicted=[rle_encode_rows(m) or " " for m in noisy_masks])
    c.emit("noisy", noisy)
    c.emit("reordered-columns", noisy[["Predicted", "Id"]])
    both_empty = set_cell(noisy, 2, "Predicted", " ")
    c.emit("both-empty", both_empty)
    c.emit("shuffled", noisy.sample(frac=1, random_state=602))
    c.emit("one-nan", set_cell(noisy, 1, "Predicted", np.nan))
    c.emit("past-the-end", set_cell(noisy, 0, "Predicted", noisy["Predicted"].iloc[0] + " 5000 100"))
    c.emit("odd-tokens", set_cell(noisy, 0, "Predicted", noisy["Predicted"].iloc[0] + " 5000"))
    c.emit_edits(noisy, 2, "Predicted", MALFORMED_RUNS)
    c.emit("extra-column", noisy.assign(extra=1))
    c.emit("unknown-id", set_cell(noisy, 4, "Id", "zzz"))
    c.emit("renamed-column", noisy.rename(columns={"Predicted": "rle"}))
    c.common_invalid(noisy, "Id", missing=2, duplicate=False)


def uw_madison(writer, rng):
    """uw-madison-gi-tract-image-segmentation"""
    organs = ["large_bowel", "small_bowel", "stomach"]
    day_shapes = {"case7_day0": (14, 12), "case7_day12": (14, 12), "case31_day3": (10, 16)}
    rows = []


    def blob(h, w, p):
        if rng.rand() > p:
            return np.zeros((h, w), dtype=bool)
        cy, cx = rng.randint(0, h), rng.randint(0, w)
        ry, rx = rng.randint(1, 4), rng.randint(1, 4)
        yy, xx = np.mgrid[0:h, 0:w]
        return ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1


    truth_masks = {}
    for day, (h, w) in day_shapes.items():
        for sl in range(1, 7):
            for organ in organs:
                m = blob(h, w, 0.55 if sl > 1 else 0.0)  # first slices empty, as in the real scans
                truth_masks[(f"{day}_slice_{sl:04d}", organ)] = m
                rows.append((f"{day}_slice_{sl:04d}", organ, rle_encode(m) if m.any() else np.nan, float(w), float(h)))
    ans = pd.DataFrame(rows, columns=["id", "class", "predicted", "image_width", "image_height"])
    c = writer.competition("uw-madison-gi-tract-image-segmentation", "dice-hausdorff-combo", grade_uw, ans)


    def uw_masks(fn):
        out_ = []
        for (sid, organ), m in truth_masks.items():
            p = fn(m)
            out_.append(rle_encode(p) if p.any() else np.nan)
        return out_


    def uw_noisy(m):
        p = m.copy()
        if m.any() and rng.rand() < 0.7:
            p = np.roll(p, rng.randint(-1, 2), axis=rng.randint(2))
        if rng.rand() < 0.15:
            p = p | blob(*m.shape, 1.0)
        if rng.rand() < 0.1:
            p[:] = False
        return p


    sub = ans[["id", "class"]]
    noisy = sub.assign(predicted=uw_masks(uw_noisy))
    c.emit("sample", sub.assign(predicted="1 1 5 2"))
    c.emit("perfect", ans[["id", "class", "predicted"]])
    c.emit("noisy", noisy)
    c.emit("grown", sub.assign(predicted=uw_masks(lambda m: m | np.roll(m, 1, 0) | np.roll(m, 1, 1))))
    c.emit("all-empty", sub.assign(predicted=np.nan))
    c.emit("everywhere", sub.assign(predicted=uw_masks(lambda m: np.ones_like(m))))
    c.emit("classes-swapped", noisy.assign(**{"class": noisy["class"].iloc[::-1].values}))
    c.emit("slices-reversed-in-day", noisy.iloc[list(range(17, -1, -1)) + list(range(18, len(noisy)))])
    c.emit("days-reordered", pd.concat([noisy.iloc[18:36], noisy.iloc[:18], noisy.iloc[36:]]))
    c.emit("first-rows-only", noisy.iloc[:40])
    c.emit("first-slice-only", sub.assign(predicted=np.nan).iloc[:3])  # no Dice term left: NaN
    c.emit("extra-rows", pd.concat([noisy, noisy.iloc[:5]]))
    c.emit("extra-column", noisy.assign(other=1))
    c.emit("whitespace-only", set_cell(noisy, 2, "predicted", "   "))
    c.emit("shuffled", noisy.sample(frac=1, random_state=842))
    c.emit("three-tokens", set_cell(noisy, 4, "predicted", "1 3 9"))  # NumPy broadcasts the one length
    c.emit("five-tokens", set_cell(noisy, 4, "predicted", "1 3 9 2 20"))
    c.emit_edits(noisy, 2, "predicted", [("unsorted-runs", "20 2 5 2"), ("overlapping-runs", "5 4 7 2"),
                                         ("zero-length", "5 0"), ("float-token", "5 2.0")])
    c.emit("numeric-column", sub.assign(predicted=5))
    c.emit("no-class-column", noisy.drop(columns=["class"]))
    c.emit("no-id-column", noisy.drop(columns=["id"]))
    c.emit("renamed-column", noisy.rename(columns={"predicted": "segmentation"}))
    c.emit("empty", raw=b"")


def write_cases(writer):
    """Every competition graded by SegmentationGraders.swift, each drawing from a RandomState seeded here."""
    for competition, seed in ((salt, 153), (hubmap, 511), (contrails, 521), (vesuvius, 601), (uw_madison, 841)):
        competition(writer, np.random.RandomState(seed))
