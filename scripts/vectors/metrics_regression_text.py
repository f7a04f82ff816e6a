#!/usr/bin/env python3
"""Generates Tests/MLEGradingTests/Inputs/regression_text.json: reference vectors for
Sources/MLEGrading/RegressionTextMetrics.swift.

Run from the package root with the pinned references installed:
    python3 -m pip install scikit-learn==1.5.1 scipy numpy==1.26.4 pandas==2.2.2 Levenshtein
    python3 scripts/vectors/metrics_regression_text.py [SEED [OUT]]

Every expected value comes from the libraries themselves (scikit-learn, SciPy, NumPy, pandas,
Levenshtein) or, for MLE-bench's custom graders, from small oracles below that follow those graders
step by step with the same library calls (NumPy slicing for RLE masks, pandas for the KL divergence).

Output: {metric: [case, ...]}; a case holds its inputs and either "expected" (a number),
"expected_nan": true, or "error" (why the reference raises or returns NaN, which the Swift side
turns into a thrown MetricError).
"""
import json
import math
import random
import sys
import warnings
from pathlib import Path

import Levenshtein
import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import mean_absolute_error, root_mean_squared_error, root_mean_squared_log_error

from mlebench_reference import apk, dice_coefficient, rle_encode

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1", \
    (np.__version__, pd.__version__, sklearn.__version__)
warnings.simplefilter("ignore")

ROOT = Path(__file__).resolve().parents[2]
# Optional arguments, for wider differential runs: SEED [OUT]. The committed file uses the defaults.
SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 20250601
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "Tests/MLEGradingTests/Inputs/regression_text.json"
rng = random.Random(SEED)
nrng = np.random.default_rng(SEED)
vectors: dict[str, list] = {}


def record(metric: str, inputs: dict, fn):
    """Runs the reference; NaN results and exceptions become the expected outcome."""
    case = dict(inputs)
    try:
        value = fn()
        value = float(value)
        if math.isnan(value):
            case["expected_nan"] = True
        elif math.isinf(value):
            case["expected"] = repr(value)  # "inf" / "-inf": JSON has no infinities
        else:
            case["expected"] = value
    except Exception as e:  # the reference rejects these inputs
        case["error"] = f"{type(e).__name__}: {e}"[:120]
    vectors.setdefault(metric, []).append(case)


def nan_is_error(metric: str, inputs: dict, fn):
    """For metrics whose NaN result (constant input, ...) the Swift side reports as an error."""
    case = dict(inputs)
    try:
        value = float(fn())
        if math.isnan(value):
            case["error"] = "reference returns NaN"
        else:
            case["expected"] = value
    except Exception as e:
        case["error"] = f"{type(e).__name__}: {e}"[:120]
    vectors.setdefault(metric, []).append(case)


def floats(n, scale=1.0, lo=None):
    if lo is not None:
        return [float(v) for v in nrng.uniform(lo, scale, n)]
    return [float(v) for v in nrng.normal(0, scale, n)]


# ---------------------------------------------------------------- regression (1-D)

def reg_cases():
    cases = []
    for n in [1, 2, 3, 7, 8, 9, 16, 17, 100, 129, 300]:
        scale = 10.0 ** rng.randint(-3, 6)
        t = floats(n, scale)
        cases.append((t, [v + float(e) for v, e in zip(t, nrng.normal(0, scale / 3, n))]))
    cases.append(([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]))            # perfect
    cases.append(([5.0] * 6, [5.0] * 6))                         # all equal
    cases.append(([0.0, 0.0], [1e300, -1e300]))                  # overflow to inf in the square
    cases.append(([1.0, 2.0], [1.0]))                            # length mismatch
    cases.append(([], []))                                       # empty
    cases.append(([1.0, float("nan")], [1.0, 2.0]))              # NaN
    cases.append(([1.0, 2.0], [float("inf"), 2.0]))              # inf
    return cases


for t, p in reg_cases():
    inputs = {"y_true": t, "y_pred": p}
    if any(math.isinf(v) for v in t + p) or any(math.isnan(v) for v in t + p):
        # json cannot carry them; the Swift test builds these from markers
        inputs = {"y_true": [repr(v) if not math.isfinite(v) else v for v in t],
                  "y_pred": [repr(v) if not math.isfinite(v) else v for v in p]}
    record("rmse", inputs, lambda t=t, p=p: root_mean_squared_error(t, p))
    record("mae", inputs, lambda t=t, p=p: mean_absolute_error(t, p))


def rmsle_cases():
    cases = []
    for n in [1, 2, 5, 8, 33, 129, 400]:
        scale = 10.0 ** rng.randint(-2, 7)
        t = floats(n, scale, lo=0.0)
        cases.append((t, [abs(v * float(f)) for v, f in zip(t, nrng.lognormal(0, 0.3, n))]))
    cases.append(([0.0, 0.0, 1.0], [0.0, 1e-12, 1.0]))           # zeros and tiny values
    cases.append(([-0.0, 1.0], [0.0, 2.0]))                      # -0.0 is not negative
    cases.append(([1.0, -1e-9], [1.0, 1.0]))                     # negative truth
    cases.append(([1.0, 2.0], [1.0, -0.5]))                      # negative prediction
    cases.append(([3.0, 5.0, 2.5, 7.0], [2.5, 5.0, 4.0, 8.0]))  # sklearn's docstring example
    return cases


for t, p in rmsle_cases():
    record("rmsle", {"y_true": t, "y_pred": p}, lambda t=t, p=p: root_mean_squared_log_error(t, p))


# ---------------------------------------------------------------- column-wise

def col_cases(nonneg):
    cases = []
    for n, k in [(1, 1), (1, 3), (5, 2), (9, 6), (130, 2), (60, 4)]:
        scale = 10.0 ** rng.randint(-1, 4)
        t = [floats(n, scale, lo=0.0 if nonneg else None) for _ in range(k)]
        p = [[abs(v + float(e)) if nonneg else v + float(e) for v, e in zip(col, nrng.normal(0, scale / 4, n))]
             for col in t]
        cases.append((t, p))
    cases.append(([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 4.0]]))  # perfect
    cases.append(([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0]]))              # column-count mismatch
    cases.append(([[1.0, 2.0], [3.0]], [[1.0, 2.0], [3.0]]))            # ragged columns
    cases.append(([[1.0, -2.0]], [[1.0, 2.0]]))                         # negative (RMSLE only)
    return cases


def as_matrix(cols):
    if len({len(c) for c in cols}) != 1:
        raise ValueError("ragged columns")
    return np.column_stack([np.asarray(c, dtype=float) for c in cols])


for t, p in col_cases(False):
    record("mcrmse", {"y_true": t, "y_pred": p},
           lambda t=t, p=p: root_mean_squared_error(as_matrix(t), as_matrix(p)))
for t, p in col_cases(True):
    record("mcrmsle", {"y_true": t, "y_pred": p},
           lambda t=t, p=p: root_mean_squared_log_error(as_matrix(t), as_matrix(p)))


# ---------------------------------------------------------------- correlation

def corr_cases():
    cases = []
    for n in [2, 3, 5, 10, 50, 129, 260]:
        x = floats(n, 10.0 ** rng.randint(-3, 5))
        cases.append((x, [v * rng.uniform(-2, 2) + float(e) for v, e in zip(x, nrng.normal(0, 1, n))]))
    for n in [4, 20, 300]:  # many ties
        x = [float(rng.randint(0, 4)) for _ in range(n)]
        cases.append((x, [float(rng.randint(0, 3)) + 0.5 * v for v in x]))
    cases.append(([1.0, 2.0, 3.0, 4.0], [10.0, 20.0, 30.0, 40.0]))      # perfect
    cases.append(([1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0]))          # worst
    cases.append(([1.0, 2.0, 3.0], [1.0, 5.0, 2.0]))
    cases.append(([1e200, -1e200, 3e199, 5.0], [1.0, 2.0, 3.0, 4.0]))   # would overflow unscaled
    cases.append(([1e6 + v for v in floats(40)], floats(40)))           # offset data
    cases.append(([7.0, 7.0, 7.0], [1.0, 2.0, 3.0]))                    # constant x
    cases.append(([1.0, 2.0, 3.0], [2.0, 2.0, 2.0]))                    # constant y
    cases.append(([1.0], [2.0]))                                        # one point
    cases.append(([1.0, 2.0, 3.0], [1.0, 2.0]))                         # length mismatch
    return cases


for x, y in corr_cases():
    nan_is_error("pearson", {"x": x, "y": y}, lambda x=x, y=y: stats.pearsonr(x, y).statistic)
    nan_is_error("spearman", {"x": x, "y": y}, lambda x=x, y=y: stats.spearmanr(x, y).statistic)


# ---------------------------------------------------------------- AI4Code Kendall tau

def kendall_oracle(gt_rows, pred_rows):
    """MLE-bench AI4Code: ranks of predicted cells by first index in the truth; strict inversions."""
    if len(gt_rows) != len(pred_rows):
        raise ValueError("notebook count mismatch")
    inversions, total_2max = 0, 0
    for gt, pred in zip(gt_rows, pred_rows):
        if len(gt) != len(pred):
            raise ValueError("cell count mismatch")
        ranks = [gt.index(x) for x in pred]  # ValueError when a cell is missing
        inversions += sum(1 for i in range(len(ranks)) for j in range(i) if ranks[j] > ranks[i])
        total_2max += len(gt) * (len(gt) - 1)
    return 1 - 4 * inversions / total_2max


def cell_ids(n):
    return ["%08x" % rng.getrandbits(32) for _ in range(n)]


def kendall_cases():
    cases = []
    for notebooks, maxn in [(1, 5), (3, 10), (10, 30), (4, 80)]:
        gts, preds = [], []
        for _ in range(notebooks):
            gt = cell_ids(rng.randint(1, maxn))
            pred = gt[:]
            rng.shuffle(pred)
            if rng.random() < 0.5:  # partially sorted, as real predictions are
                pred = sorted(pred, key=lambda c: gt.index(c) + rng.uniform(-3, 3))
            gts.append(gt)
            preds.append(pred)
        cases.append((gts, preds))
    gt = cell_ids(12)
    cases.append(([gt], [gt[:]]))                                   # perfect: 1
    cases.append(([gt], [gt[::-1]]))                                # reversed: -1
    cases.append(([["a"], ["b", "c"]], [["a"], ["c", "b"]]))        # a one-cell notebook
    cases.append(([["a", "b", "a", "c"]], [["c", "a", "a", "b"]]))  # duplicate ids: first index
    cases.append(([["a", "b", "c"]], [["a", "a", "b"]]))            # repeated prediction, no error
    cases.append(([["é", "e\u0301"]], [["e\u0301", "é"]]))          # code points, not canonical
    cases.append(([["a", "b"]], [["a", "x"]]))                      # unknown cell
    cases.append(([["a", "b"]], [["a"]]))                           # cell count mismatch
    cases.append(([["a", "b"], ["c"]], [["a", "b"]]))               # notebook count mismatch
    cases.append(([["a"], ["b"]], [["a"], ["b"]]))                  # no pairs: division by zero
    return cases


for gt, pred in kendall_cases():
    record("ai4code_kendall_tau", {"ground_truth": gt, "predictions": pred},
           lambda gt=gt, pred=pred: kendall_oracle(gt, pred))


# ---------------------------------------------------------------- Levenshtein (bms-molecular-translation)

ALPHABETS = ["ab", "ACGT", "InChI=1S/C0123456789H()-,+/", "aé\u0301ßΣ😀中"]


def rand_str(n, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(n))


def mutate(s, edits, alphabet):
    s = list(s)
    for _ in range(edits):
        op = rng.randrange(3)
        i = rng.randrange(len(s) + 1)
        if op == 0:
            s.insert(i, rng.choice(alphabet))
        elif s and op == 1:
            del s[min(i, len(s) - 1)]
        elif s:
            s[min(i, len(s) - 1)] = rng.choice(alphabet)
    return "".join(s)


def lev_cases():
    cases = []
    for lengths in [[0, 1, 2, 5], [10, 40, 63, 64, 65], [100, 127, 128, 129, 200], [250, 300]]:
        for alphabet in ALPHABETS:
            t, p = [], []
            for n in lengths:
                a = rand_str(n, alphabet)
                b = mutate(a, rng.randint(0, max(1, n // 3)), alphabet) if rng.random() < 0.7 \
                    else rand_str(rng.randint(0, n + 5), alphabet)
                t.append(a)
                p.append(b)
            cases.append((t, p))
    cases.append((["kitten", "", "abc", "same"], ["sitting", "", "", "same"]))
    cases.append((["é"], ["e\u0301"]))  # code points: distance 2
    cases.append((["a", "b"], ["a"]))   # length mismatch
    cases.append(([], []))              # empty
    return cases


def lev_oracle(t, p):
    if len(t) != len(p):
        raise ValueError("length mismatch")
    if not t:
        raise ValueError("no rows")  # np.mean([]) is NaN
    return np.mean([Levenshtein.distance(a, b) for a, b in zip(t, p)])


for t, p in lev_cases():
    record("levenshtein", {"y_true": t, "y_pred": p}, lambda t=t, p=p: lev_oracle(t, p))


# ---------------------------------------------------------------- word Jaccard (tweet-sentiment-extraction)

def jaccard_oracle(preds, answers):
    if len(preds) != len(answers):
        raise ValueError("length mismatch")
    if not preds:
        raise ValueError("no rows")
    scores = []
    for x, y in zip(preds, answers):
        a, b = set(x.lower().split()), set(y.lower().split())
        shared = len(a & b)
        scores.append(float(shared) / (len(a) + len(b) - shared))  # ZeroDivisionError when both empty
    return float(np.mean(scores))


WORDS = ["good", "Good", "GOOD", "bad", "day", "is", "a", "the", "I", "i", "don't", "care!", "so", "sad", ":)",
         "ΟΔΟΣ", "οδος", "οδοσ", "İstanbul", "i̇stanbul", "STRASSE", "straße", "Ǆ", "ǆ", "é", "e\u0301", "ﬁne"]
SPACES = [" ", "  ", "\t", "\n", "\u3000", "\xa0", "\x1c", "\u2028", "\u200b", "\x85"]


def rand_text(n):
    return "".join(rng.choice(WORDS) + rng.choice(SPACES) for _ in range(n)).strip(" ") if n else ""


def jaccard_cases():
    cases = []
    for rows in [1, 5, 20, 40]:
        preds, answers = [], []
        for _ in range(rows):
            a = rand_text(rng.randint(1, 12))
            b = a if rng.random() < 0.2 else rand_text(rng.randint(0, 12))
            preds.append(b)
            answers.append(a)
        cases.append((preds, answers))
    cases.append((["very good", "I don't care", "bad"], ["very good", "don't care", "it was, yes"]))
    cases.append((["ΣΑΣ ΣΑΣ.", "Σ", "aΣ'", "aΣ'b"], ["σας", "σ", "aς'", "aσ'b"]))  # final sigma rules
    cases.append((["\u200bword", "x\u200by"], ["word", "x y"]))  # U+200B is not whitespace in Python
    # Every code point that Python 3.11 lowercases, against its lowercase (expected 1.0) ...
    upper = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and chr(c).lower() != chr(c)
             and c != 0x3A3]
    cases.append(([" ".join(upper)], [" ".join(u.lower() for u in upper)]))
    # ... and letters that Unicode 15/16 gave a lowercase, which Python 3.11 does not know (0.0).
    cases.append((["\u1c89 \ua7cb \U00010d50 \U00016ea0"], ["\u1c8a \u0264 \U00010d70 \U00016ebb"]))
    # Final sigma next to case-ignorable and cased characters whose properties changed after Unicode 14.
    pool = ["Σ", "Σ", "a", "A", "'", "\u0345", "\u0295", "\U0001171e", "\u0301", "1", "ς", "σ", "\u02bc", "\u00ad", " "]
    sig_p, sig_a = [], []
    for _ in range(30):
        word = "".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        other = word.lower() if rng.random() < 0.5 else "".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        sig_p.append(word + " x")
        sig_a.append(other + " x")
    cases.append((sig_p, sig_a))
    cases.append((["", "a"], ["b", ""]))                            # one side empty: 0
    cases.append(([" \t"], ["\u3000"]))                             # both empty: division by zero
    cases.append((["a"], ["a", "b"]))                               # length mismatch
    return cases


for p, a in jaccard_cases():
    record("jaccard", {"predictions": p, "answers": a}, lambda p=p, a=a: jaccard_oracle(p, a))


# ---------------------------------------------------------------- MAP@k

def mapk_oracle(actual, predicted, k):
    if len(actual) != len(predicted):
        raise ValueError("row count mismatch")
    if not actual:
        raise ValueError("no rows")
    if k < 1:
        raise ValueError("k < 1")  # k == 0 divides by zero for any non-empty actual
    # AP@k per row: mlebench_reference.apk (mlebench.metrics.apk, benhamner's ml_metrics)
    return np.mean([apk(set(a), p, k) for a, p in zip(actual, predicted)])


def mapk_cases():
    cases = []
    for rows, k, universe in [(1, 1, 3), (5, 3, 6), (20, 5, 10), (50, 12, 30), (10, 100, 40)]:
        actual, predicted = [], []
        for _ in range(rows):
            actual.append([rng.randrange(universe) for _ in range(rng.randint(0, 6))])
            predicted.append([rng.randrange(universe) for _ in range(rng.randint(0, k + 3))])
        cases.append((actual, predicted, k))
    cases.append(([[1, 2, 3]], [[1, 2, 3]], 3))        # perfect
    cases.append(([[1, 2, 3]], [[4, 5, 6]], 3))        # nothing relevant
    cases.append(([[1]], [[1, 1, 1]], 3))              # repeats do not score twice
    cases.append(([[1, 1, 2]], [[2, 1]], 5))           # actual is a set
    cases.append(([[], [1]], [[1], [1]], 2))           # empty actual scores 0
    cases.append(([[1]], [[1]], 0))                    # k = 0
    cases.append(([[1]], [[1], [2]], 2))               # row count mismatch
    return cases


for actual, predicted, k in mapk_cases():
    record("map_at_k_int", {"actual": actual, "predicted": predicted, "k": k},
           lambda a=actual, p=predicted, k=k: mapk_oracle(a, p, k))
    sa = [["item%d" % v for v in row] for row in actual]
    sp = [["item%d" % v for v in row] for row in predicted]
    record("map_at_k", {"actual": sa, "predicted": sp, "k": k},
           lambda a=sa, p=sp, k=k: mapk_oracle(a, p, k))
record("map_at_k", {"actual": [["é", "x"]], "predicted": [["e\u0301", "x"]], "k": 2},
       lambda: mapk_oracle([["é", "x"]], [["e\u0301", "x"]], 2))


# ---------------------------------------------------------------- Dice over RLE masks

def rle_decode_oracle(rle: str, height: int, width: int) -> np.ndarray:
    """mlebench.competitions.utils.rle_decode semantics: 1-based starts, column-major, NumPy slice clipping."""
    if not rle.strip():
        return np.zeros((height, width), dtype=bool)
    s = [int(tok) for tok in rle.split()]
    starts, lengths = s[0::2], s[1::2]
    if starts != sorted(starts) or not all(x > 0 for x in starts) or not all(x > 0 for x in lengths):
        raise AssertionError("bad RLE pairs")
    img = np.zeros(height * width, dtype=bool)
    # As MLE-bench: the ends come from NumPy arrays, so an odd token count broadcasts (a lone
    # length serves both starts) or raises, rather than dropping the last start.
    lows = np.array(starts, dtype=np.int64) - 1
    for lo, hi in zip(lows, lows + np.array(lengths, dtype=np.int64)):
        if img[lo:hi].any():
            raise AssertionError("overlapping RLE pairs")
        img[lo:hi] = True
    return img.reshape((width, height)).T


def dice_global(preds, truths, hs, ws):
    if not (len(preds) == len(truths) == len(hs) == len(ws)) or not preds:
        raise ValueError("shape mismatch")
    p = np.concatenate([rle_decode_oracle(r, h, w).ravel() for r, h, w in zip(preds, hs, ws)])
    t = np.concatenate([rle_decode_oracle(r, h, w).ravel() for r, h, w in zip(truths, hs, ws)])
    return dice_coefficient(p, t, np.nan)


def dice_mean(preds, truths, hs, ws):
    if not (len(preds) == len(truths) == len(hs) == len(ws)) or not preds:
        raise ValueError("shape mismatch")
    return np.mean([dice_coefficient(rle_decode_oracle(p, h, w), rle_decode_oracle(t, h, w), 1.0)
                    for p, t, h, w in zip(preds, truths, hs, ws)])


def random_mask(h, w, density):
    m = nrng.random((h, w)) < density
    if rng.random() < 0.5:  # blobs: runs longer than one pixel
        m = np.repeat(m[:, : (w + 1) // 2], 2, axis=1)[:, :w]
    return m


def dice_cases():
    cases = []
    for images, (h, w) in [(1, (4, 5)), (3, (8, 8)), (6, (16, 12)), (4, (30, 20))]:
        preds, truths = [], []
        for _ in range(images):
            t = random_mask(h, w, rng.choice([0.0, 0.1, 0.4]))
            p = t.copy() if rng.random() < 0.2 else random_mask(h, w, rng.choice([0.0, 0.1, 0.4]))
            if rng.random() < 0.5:
                p = p | t & (nrng.random((h, w)) < 0.7)
            preds.append(rle_encode(p))
            truths.append(rle_encode(t))
        cases.append((preds, truths, [h] * images, [w] * images))
    cases.append((["1 3", "2 2"], ["2 3", ""], [3, 2], [2, 2]))            # mixed sizes
    cases.append(([" ", ""], ["\t", ""], [2, 2], [2, 2]))                  # all empty: NaN / 1.0
    cases.append((["5 100"], ["1 6"], [3], [3]))                          # run past the end is cut
    cases.append((["20 5 30 2"], ["1 9"], [3], [3]))                      # starts past the end ignored
    cases.append((["1 2 7"], ["1 3"], [3], [3]))                          # one length, two starts
    cases.append((["+1 0_2 0007 1"], ["1 2"], [3], [3]))                  # Python int() forms
    cases.append((["１ ２"], ["1 2"], [2], [2]))                          # Unicode digits
    cases.append((["1\u30002\xa05\x1c1"], ["1 6"], [3], [3]))             # Unicode whitespace
    cases.append((["4 2 1 2"], ["1 2"], [3], [3]))                        # unsorted starts
    cases.append((["1 3 2 2"], ["1 2"], [3], [3]))                        # overlap
    cases.append((["12 2 12 1"], ["1 2"], [3], [3]))                      # equal starts past the end: fine
    cases.append((["1 0"], ["1 2"], [3], [3]))                            # zero length
    cases.append((["0 2"], ["1 2"], [3], [3]))                            # zero start
    cases.append((["1 2_"], ["1 2"], [3], [3]))                           # bad underscore
    cases.append((["1 x"], ["1 2"], [3], [3]))                            # not a number
    cases.append((["1 2", "1 1"], ["1 2"], [3, 3], [3, 3]))               # count mismatch
    return cases


for p, t, h, w in dice_cases():
    inputs = {"predicted": p, "truth": t, "heights": h, "widths": w}
    record("dice_global", inputs, lambda p=p, t=t, h=h, w=w: dice_global(p, t, h, w))
    record("dice_mean", inputs, lambda p=p, t=t, h=h, w=w: dice_mean(p, t, h, w))


# ---------------------------------------------------------------- KL divergence (hms)

def kl_oracle(votes_cols, pred_cols):
    """hms grade.py + Kaggle's kullback_leibler_divergence.score (micro average, epsilon 1e-15)."""
    k = len(votes_cols)
    if len(pred_cols) != k or len({len(c) for c in votes_cols + pred_cols}) != 1:
        raise ValueError("Submission and answers must have the same length")
    cols = [f"class{j}" for j in range(k)]
    answers = pd.DataFrame({c: np.asarray(v, dtype=float) for c, v in zip(cols, votes_cols)})
    submission = pd.DataFrame({c: np.asarray(v, dtype=float) for c, v in zip(cols, pred_cols)})
    if not submission[cols].sum(axis=1).apply(lambda x: round(x, 5) == 1).all():
        raise ValueError("Submission probabilities must add to 1 for each row")
    solution = answers[cols].div(answers[cols].sum(axis=1), axis=0)
    for name, df in (("solution", solution), ("submission", submission)):
        if df.min().min() < 0 or df.max().max() > 1 or not np.allclose(df.sum(axis=1), 1):
            raise ValueError(f"invalid probabilities in {name}")
    eps = 10 ** -15
    for c in cols:
        submission[c] = np.clip(submission[c], eps, 1 - eps)
        nz = solution[c] != 0
        solution.loc[nz, c] = solution.loc[nz, c] * np.log(solution.loc[nz, c] / submission.loc[nz, c])
        solution.loc[~nz, c] = 0
    return np.average(solution.sum(axis=1))


def softmax_rows(n, k, temp):
    z = nrng.normal(0, temp, (n, k))
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def kl_cases():
    cases = []
    for n, k in [(1, 2), (4, 3), (10, 6), (40, 6), (140, 6)]:
        votes = nrng.integers(0, 6, (n, k)).astype(float)
        votes[votes.sum(axis=1) == 0, 0] = 1.0
        preds = softmax_rows(n, k, rng.choice([0.5, 3.0, 20.0]))
        cases.append(([list(map(float, votes[:, j])) for j in range(k)],
                      [list(map(float, preds[:, j])) for j in range(k)]))
    cases.append(([[0, 1, 1, 0], [1, 0, 0, 1]], [[.1, .9, .8, .35], [.9, .1, .2, .65]]))  # Kaggle's example
    cases.append(([[0, 0.5, 0.5], [0.1, 0.5, 0.5], [0.9, 0, 0]],
                  [[0.2, 0.3, 0.5], [0.1, 0.5, 0.5], [0.7, 0.2, 0]]))
    cases.append(([[3.0, 0.0], [0.0, 7.0]], [[1.0, 0.0], [0.0, 1.0]]))          # perfect, p at 0 and 1
    cases.append(([[3.0, 0.0], [0.0, 7.0]], [[0.0, 1.0], [1.0, 0.0]]))          # worst: clipped at 1e-15
    cases.append(([[1.0], [1.0]], [[0.999996], [0.0]]))                         # sums round to 1
    cases.append(([[1.0], [1.0]], [[0.9999951], [0.0]]))
    cases.append(([[1.0], [1.0]], [[0.999995], [0.0]]))                         # rounds to 0.99999 (error)
    cases.append(([[1.0], [1.0]], [[1.0], [0.000004]]))
    cases.append(([[1.0], [1.0]], [[1.0], [0.000005]]))                         # 1.000005 (error)
    cases.append(([[1.0], [1.0]], [[1.1], [-0.1]]))                             # out of [0, 1]
    cases.append(([[0.0], [0.0]], [[0.5], [0.5]]))                              # no votes in a row
    cases.append(([[-1.0], [2.0]], [[0.5], [0.5]]))                             # negative votes
    # Sums exactly at the doubles either side of round(x, 5) == 1's bounds.
    for total in [0.999995, 0.9999950000000001, 1.0000049999999998, 1.000005]:
        cases.append(([[1.0], [1.0]], [[0.5], [total - 0.5]]))
    # Nine classes whose sums sit on a bound, where left-to-right and pairwise (8 accumulators) sums
    # round to different sides: pandas sums a one-row frame pairwise, a longer one left to right.
    found = []
    for _ in range(200000):
        row = nrng.dirichlet(np.ones(9))
        bound = rng.choice([0.999995, 1.000005])
        row = row * bound
        row[8] += bound - math.fsum(row)
        for _ in range(3):
            row[8] = np.nextafter(row[8], rng.choice([0.0, 1.0]))
            seq = 0.0
            for v in row.tolist():  # Python floats: round() on them is Python's, as in the grader's apply
                seq += v
            if (round(seq, 5) == 1) != (round(float(pd.Series(row).sum()), 5) == 1) and row.min() >= 0:
                found.append(row.copy())
                break
        if len(found) == 4:
            break
    other = softmax_rows(1, 9, 1.0)[0]
    for row in found:
        votes = [[float(rng.randint(1, 3))] for _ in range(9)]
        cases.append((votes, [[float(v)] for v in row]))
        cases.append(([v + [1.0] for v in votes], [[float(v), float(o)] for v, o in zip(row, other)]))
    cases.append(([[1.0, 2.0]], [[1.0]]))                                       # ragged
    return cases


for v, p in kl_cases():
    record("kl_divergence", {"votes": v, "predictions": p}, lambda v=v, p=p: kl_oracle(v, p))


# ---------------------------------------------------------------- write

text = json.dumps({"_generator": f"scripts/vectors/metrics_regression_text.py (scikit-learn {sklearn.__version__}, "
                                 f"scipy {scipy.__version__}, numpy {np.__version__}, pandas {pd.__version__}, "
                                 f"Levenshtein {Levenshtein.__version__})", **vectors},
                  ensure_ascii=False, separators=(",", ":"))
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(text + "\n", encoding="utf-8")
counts = {k: len(v) for k, v in vectors.items()}
print(f"wrote {OUT} ({len(text)} bytes): {counts}, total {sum(counts.values())}")
