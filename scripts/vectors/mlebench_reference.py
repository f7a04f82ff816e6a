"""Transcriptions of MLE-bench's shared grading helpers (mlebench/utils.py, mlebench/metrics.py and
mlebench/competitions/utils.py), and of a competition's helper that more than one script uses
(pfbeta), used by the reference scripts beside this file. Facts carried over, written anew; the
scripts use them to grade synthesized submissions as MLE-bench would.

Also the checks that many competitions' grade.py repeat (require_columns, require_rows,
require_same_ids, sort_by_id, sort_and_match_ids), written once so that each transcription reads as
its grade.py's sequence of checks, and CaseWriter, which writes and grades the cases of
scripts/vectors/grader_cases/.
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


# The checks grade.py scripts repeat. Each raises InvalidSubmissionError as the inline check does;
# the message names the check only (Grader.__call__ treats every exception alike).

def require_columns(submission, *columns):
    """`if col not in submission.columns: raise InvalidSubmissionError`, for each column in turn (a
    grade.py's single check of several columns, `a not in ... or b not in ...` or a subset test,
    fails on the same submissions)."""
    for col in columns:
        if col not in submission.columns:
            raise InvalidSubmissionError(f"column {col}")


def require_rows(submission, answers):
    """`if len(submission) != len(answers): raise InvalidSubmissionError`"""
    if len(submission) != len(answers):
        raise InvalidSubmissionError("row count")


def require_same_ids(submission, answers, id_col):
    """`if set(submission[id_col]) != set(answers[id_col]): raise InvalidSubmissionError`"""
    if set(submission[id_col]) != set(answers[id_col]):
        raise InvalidSubmissionError("ids")


def sort_by_id(submission, answers, id_col, reset_index=False):
    """`submission.sort_values(id_col)` and the same for the answers, each `.reset_index(drop=True)`
    where the grade.py does that."""
    submission = submission.sort_values(by=id_col)
    answers = answers.sort_values(by=id_col)
    if reset_index:
        submission = submission.reset_index(drop=True)
        answers = answers.reset_index(drop=True)
    return submission, answers


def sort_and_match_ids(submission, answers, id_col, reset_index=False):
    """sort_by_id, then `if (submission[id_col].values != answers[id_col].values).any(): raise
    InvalidSubmissionError`: the sorted ids must agree row by row."""
    submission, answers = sort_by_id(submission, answers, id_col, reset_index)
    if (submission[id_col].values != answers[id_col].values).any():
        raise InvalidSubmissionError("ids")
    return submission, answers


def prepare_for_accuracy_metric(submission, answers, target_column, id_column):
    assert target_column in answers.columns
    assert id_column in answers.columns
    require_rows(submission, answers)
    require_columns(submission, target_column, id_column)
    submission, answers = sort_and_match_ids(submission, answers, id_column)
    return {"y_true": answers[target_column].to_numpy(), "y_pred": submission[target_column].to_numpy()}


def prepare_for_auroc_metric(submission, answers, id_col, target_col):
    assert id_col in answers.columns
    assert target_col in answers.columns
    require_columns(submission, id_col, target_col)
    require_rows(submission, answers)
    try:
        pd.to_numeric(submission[target_col])
    except ValueError:
        raise InvalidSubmissionError("numeric")
    if submission[target_col].min() < 0 or submission[target_col].max() > 1:
        raise InvalidSubmissionError("range")
    submission, answers = sort_and_match_ids(submission, answers, id_col)
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

    def emit_basics(self, sample, perfect, noisy, shuffle_seed, noisy_must_grade=False):
        """The cases most competitions open with, in this order: the sample submission, a perfect
        one (the answers' values), a noisy one (with `noisy_must_grade`, one that must get a score)
        and the noisy one with its rows shuffled by `shuffle_seed`."""
        self.emit("sample", sample)
        self.emit("perfect", perfect)
        score = self.emit("noisy", noisy)
        if noisy_must_grade:
            expect_valid(score)
        self.emit("shuffled", noisy.sample(frac=1, random_state=shuffle_seed))

    def emit_edits(self, frame, row, col, edits):
        """One case per (name, value) in `edits`, in order: `frame` with the cell at (`row`, `col`)
        set to the value (set_cell), one unusual or malformed prediction among valid ones."""
        for name, value in edits:
            self.emit(name, set_cell(frame, row, col, value))

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

    def common_invalid(self, sub, idc, missing=3, duplicate=True, no_id="no-id-column"):
        """Row and id problems graders reject: the last `missing` rows left out, one id repeated in
        place of another (left out where not `duplicate`), a row repeated, the id column left out
        (the case `no_id`), an empty file."""
        self.emit("missing-rows", sub.iloc[:-missing])
        if duplicate:
            self.emit("duplicate-id", set_cell(sub, 0, idc, sub[idc].iloc[1]))
        self.emit("extra-row", pd.concat([sub, sub.iloc[[2]]]))
        self.emit(no_id, sub.drop(columns=[idc]))
        self.emit("empty", raw=b"")
