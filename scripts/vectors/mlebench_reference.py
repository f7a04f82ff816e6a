"""Transcriptions of MLE-bench's shared grading helpers (mlebench/utils.py, mlebench/metrics.py and
mlebench/competitions/utils.py), and of a competition's helper that more than one script uses
(pfbeta), used by the reference scripts beside this file. Facts carried over, written anew; the
scripts use them to grade synthesized submissions as MLE-bench would.
"""
import csv
import io
import json
import math
import os

import numpy as np
import pandas as pd


class InvalidSubmissionError(Exception):
    pass


def read_csv(path):
    """mlebench.utils.read_csv"""
    try:
        return pd.read_csv(path, float_precision="round_trip")
    except pd.errors.EmptyDataError:
        return pd.DataFrame()


def read_jsonl(path):
    """mlebench.utils.read_jsonl: one json.loads per line of the file read as text (universal
    newlines), blank lines included."""
    with open(path, "r") as f:
        return [json.loads(line) for line in f]


def load_answers(path):
    """mlebench.utils.load_answers: the reader follows the answers file's suffix."""
    return read_jsonl(path) if str(path).endswith(".jsonl") else read_csv(path)


def prepare_for_accuracy_metric(submission, answers, target_column, id_column):
    assert target_column in answers.columns
    assert id_column in answers.columns
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    if target_column not in submission.columns:
        raise InvalidSubmissionError("target")
    if id_column not in submission.columns:
        raise InvalidSubmissionError("id")
    submission = submission.sort_values(id_column)
    answers = answers.sort_values(id_column)
    if (submission[id_column].values != answers[id_column].values).any():
        raise InvalidSubmissionError("ids")
    return {"y_true": answers[target_column].to_numpy(), "y_pred": submission[target_column].to_numpy()}


def prepare_for_auroc_metric(submission, answers, id_col, target_col):
    assert id_col in answers.columns
    assert target_col in answers.columns
    if id_col not in submission.columns:
        raise InvalidSubmissionError("id")
    if target_col not in submission.columns:
        raise InvalidSubmissionError("target")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("length")
    try:
        pd.to_numeric(submission[target_col])
    except ValueError:
        raise InvalidSubmissionError("numeric")
    if submission[target_col].min() < 0 or submission[target_col].max() > 1:
        raise InvalidSubmissionError("range")
    submission = submission.sort_values(id_col)
    answers = answers.sort_values(id_col)
    if (submission[id_col].values != answers[id_col].values).any():
        raise InvalidSubmissionError("ids")
    return {"y_true": answers[target_col].to_numpy(), "y_score": submission[target_col].to_numpy()}


def apk(actual, predicted, k=10):
    """mlebench.metrics.apk"""
    if len(predicted) > k:
        predicted = predicted[:k]
    score = 0.0
    num_hits = 0.0
    for i, p in enumerate(predicted):
        if p in actual and p not in predicted[:i]:
            num_hits += 1.0
            score += num_hits / (i + 1.0)
    if not actual:
        return 0.0
    return score / min(len(actual), k)


def mean_average_precision_at_k(actual, predicted, k=10):
    """mlebench.metrics.mean_average_precision_at_k"""
    assert len(actual) == len(predicted)
    return np.mean([apk(a, p, k) for a, p in zip(actual, predicted)])


def pfbeta(labels, predictions, beta):
    """MLE-bench rsna-breast-cancer-detection/grade.py (adapted from Kaggle's probabilistic F-score)."""
    y_true_count = 0
    ctp = 0
    cfp = 0
    for idx in range(len(labels)):
        prediction = min(max(predictions[idx], 0), 1)
        if labels[idx]:
            y_true_count += 1
            ctp += prediction
        else:
            cfp += prediction
    beta_squared = beta * beta
    c_precision = ctp / (ctp + cfp)
    c_recall = ctp / y_true_count
    if c_precision > 0 and c_recall > 0:
        return (1 + beta_squared) * (c_precision * c_recall) / (beta_squared * c_precision + c_recall)
    else:
        return 0


def dice_coefficient(predicted_mask, true_mask, both_empty_value=np.nan):
    """mlebench.metrics.dice_coefficient"""
    if np.sum(predicted_mask) == 0 and np.sum(true_mask) == 0:
        return both_empty_value
    return 2 * np.sum(predicted_mask * true_mask) / (np.sum(predicted_mask) + np.sum(true_mask))


def rle_decode(rle_string, height, width):
    """mlebench.competitions.utils.rle_decode"""
    assert isinstance(rle_string, str)
    assert isinstance(height, int)
    assert isinstance(width, int)
    if not rle_string.strip():
        return np.zeros((height, width), dtype=bool)
    s = list(map(int, rle_string.split()))
    starts, lengths = s[0::2], s[1::2]
    assert starts == sorted(starts)
    assert all(x > 0 for x in starts)
    assert all(x > 0 for x in lengths)
    starts = np.array(starts) - 1
    ends = starts + lengths
    img = np.zeros(height * width, dtype=bool)
    for lo, hi in zip(starts, ends):
        assert not img[lo:hi].any()
        img[lo:hi] = True
    return img.reshape((width, height)).T


def rle_encode(mask):
    """mlebench.competitions.utils.rle_encode, joined: column-major runs with 1-based starts."""
    dots = np.where(mask.T.flatten())[0]
    runs, prev = [], -2
    for b in dots:
        if b > prev + 1:
            runs.extend((b + 1, 0))
        runs[-1] += 1
        prev = b
    return " ".join(map(str, runs))


def hexid(rng, n, width):
    """n distinct random hex strings, in the order drawn (no set iteration: str hashes are salted)."""
    ids = {}
    while len(ids) < n:
        ids["".join(rng.choice(list("0123456789abcdef"), width))] = None
    return list(ids)


def expect_valid(score):
    """A case that must grade: a synthesized submission the reference refuses is a broken case."""
    assert score is not None and not math.isnan(score), score


def set_cell(frame, row, col, value, dtype=None):
    """A copy of `frame` with one cell replaced (the column first cast to `dtype` if given)."""
    f = frame.astype({col: dtype}) if dtype else frame.copy()
    f.loc[f.index[row], col] = value
    return f


def grader_call(fn, submission, answers):
    """mlebench.grade_helpers.Grader.__call__: any exception makes the submission invalid."""
    try:
        score = fn(submission, answers)
    except Exception:
        return None
    return round(score, 5)


class CaseWriter:
    """Writes synthesized answers and submissions under `out`, grades each submission with a
    reference grader, and records the cases the Swift tests read (Tests/MLEGradingTests/
    GraderCases.swift): per case its path, validity, score, and whether MLE-bench's score is
    NaN or -inf."""

    def __init__(self, out):
        self.out, self.competitions, self.cases = out, {}, []
        os.makedirs(out, exist_ok=True)

    def competition(self, cid, metric, grade, answers, answers_name="answers.csv"):
        """`answers_name` ending in .jsonl writes the frame as pandas' JSON lines (`to_json(
        orient="records", lines=True)`, as MLE-bench's prepare scripts write them)."""
        return _Competition(self, cid, metric, grade, answers, answers_name)

    def write_manifest(self):
        """One `<competition>/cases.json` per competition: its metric, answers file and cases,
        paths relative to the competition's folder."""
        for cid, entry in self.competitions.items():
            cases = [dict(c, submission=c["submission"][len(cid) + 1:])
                     for c in self.cases if c["submission"].startswith(cid + "/")]
            with open(os.path.join(self.out, cid, "cases.json"), "w") as f:
                json.dump({"metric": entry["metric"], "answers": entry["answers"][len(cid) + 1:], "cases": cases},
                          f, indent=0, sort_keys=True)
        print(f"{len(self.competitions)} competitions, {len(self.cases)} cases")


class _Competition:
    def __init__(self, writer, cid, metric, grade, answers, answers_name):
        self.writer, self.cid, self.metric, self.grade = writer, cid, metric, grade
        os.makedirs(os.path.join(writer.out, cid), exist_ok=True)
        self.answers_rel = f"{cid}/{answers_name}"
        writer.competitions[cid] = {"metric": metric, "answers": self.answers_rel}
        if answers_name.endswith(".jsonl"):
            answers.to_json(os.path.join(writer.out, self.answers_rel), orient="records", lines=True)
        else:
            answers.to_csv(os.path.join(writer.out, self.answers_rel), index=False)

    def emit(self, name, frame=None, raw=None):
        rel = f"{self.cid}/{name}.csv"
        path = os.path.join(self.writer.out, rel)
        if frame is not None:
            frame.to_csv(path, index=False)
        else:
            with open(path, "wb") as f:
                f.write(raw)
        score = grader_call(self.grade, read_csv(path), load_answers(os.path.join(self.writer.out, self.answers_rel)))
        nan = bool(score is not None and math.isnan(score))
        neg_inf = bool(score is not None and score == -math.inf)
        finite = score is not None and not nan and not neg_inf
        self.writer.cases.append({"submission": rel, "valid": score is not None,
                                  "score": float(score) if finite else None, "nan": nan, "neg_inf": neg_inf})
        if name == "sample":
            self.careless_variants(path)
        return score

    def careless_variants(self, sample_path):
        """What a careless agent writes, derived from the sample submission cell by cell (the
        other cells keep their bytes): one prediction left empty, a prediction column left
        empty, an extra column. Whatever the grade.py makes of each is the verdict to match."""
        with open(sample_path, newline="") as f:
            rows = list(csv.reader(f))
        if len(rows) < 3 or len(rows[0]) < 2:
            return
        def write(name, table):
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(table)
            self.emit(name, raw=buf.getvalue().encode())
        write("one-prediction-missing", [rows[0], rows[1][:-1] + [""]] + rows[2:])
        write("prediction-column-empty", [rows[0]] + [r[:-1] + [""] for r in rows[1:]])
        write("one-column-too-many", [rows[0] + ["extra"]] + [r + ["1"] for r in rows[1:]])

    def common_invalid(self, sub, idc):
        """Row and id problems every grader rejects."""
        self.emit("missing-rows", sub.iloc[:-3])
        dup = sub.copy()
        dup.loc[dup.index[0], idc] = dup[idc].iloc[1]
        self.emit("duplicate-id", dup)
        self.emit("extra-row", pd.concat([sub, sub.iloc[[2]]]))
        self.emit("no-id-column", sub.drop(columns=[idc]))
        self.emit("empty", raw=b"")
