#!/usr/bin/env python3
"""Reference grades for the graders of CompetitionGradersI.swift, on synthesized competitions.

Usage: grade_batch_i.py OUT_DIR
As scripts/vectors/grade_batch_h.py, except that tensorflow2-question-answering's answers are JSON
lines: OUT_DIR/<competition>/answers.jsonl holds the rows of MLE-bench's prepared
`private/test.jsonl` (every member of simplified-nq-train.jsonl, written by pandas' `to_json(
orient="records", lines=True)`), read back by `mlebench.utils.load_answers`. Submissions beside it
are graded by a transcription of the competition's grade.py inside `Grader.__call__` (exception:
invalid; else round(score, 5)); OUT_DIR/<competition>/cases.json lists the cases.

Deterministic (seeded numpy RandomState). Tested with Python 3, pandas 2.2.2, numpy 1.26.4 and
scikit-learn 1.5.1.
"""
import os
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlebench_reference import InvalidSubmissionError, CaseWriter, set_cell  # noqa: E402

warnings.simplefilter("ignore")
out = sys.argv[1]


# ---------------------------------------------------------------------------------------------
# tensorflow2-question-answering/grade.py
#
# Each example has a `<id>_long` and a `<id>_short` row. A prediction is "", YES, NO or
# START:END (Python ints). Per row: y_pred is 1 when the prediction is not blank; y_true is 1
# when a given prediction is among the row's accepted answers, or when a blank one leaves an
# answer unclaimed. The score is scikit-learn's micro-averaged F1 of those labels.

def tf2_accepted(annotation, long_row):
    if long_row:
        span = annotation["long_answer"]
        if span["start_token"] != -1:
            return [(int(span["start_token"]), int(span["end_token"]))]
        return []
    accepted = [(int(s["start_token"]), int(s["end_token"])) for s in annotation["short_answers"]]
    if annotation["yes_no_answer"] != "NONE":
        accepted.append(annotation["yes_no_answer"])
    return accepted


def grade_tf2(submission, answers):
    if len(submission) != 2 * len(answers):
        raise InvalidSubmissionError("rows")
    submission = submission.fillna("").astype(str)
    wanted = [f"{a['example_id']}_{kind}" for a in answers for kind in ("long", "short")]
    if "example_id" not in submission.columns or "PredictionString" not in submission.columns:
        raise InvalidSubmissionError("columns")
    ids = list(submission["example_id"])
    if set(ids) != set(wanted):
        raise InvalidSubmissionError("ids")
    if len(set(ids)) != len(ids):
        raise InvalidSubmissionError("repeated ids")
    preds = [p.strip() for p in submission["PredictionString"]]
    y_pred = [int(bool(p)) for p in preds]
    first_annotation = {a["example_id"]: a["annotations"][0] for a in answers}
    y_true = []
    for sample_id, pred in zip(ids, preds):
        if ":" in pred and len(pred.split(":")) == 2:
            start, end = pred.split(":")
            pred = (int(start), int(end))
        elif pred not in ("YES", "NO", ""):
            raise InvalidSubmissionError("format")
        if sample_id.endswith("_long"):
            accepted = tf2_accepted(first_annotation[sample_id.split("_long")[0]], True)
        elif sample_id.endswith("_short"):
            accepted = tf2_accepted(first_annotation[sample_id.split("_short")[0]], False)
        else:
            raise InvalidSubmissionError("suffix")
        y_true.append(int(pred in accepted) if pred else int(bool(accepted)))
    return f1_score(y_true=y_true, y_pred=y_pred, average="micro")


# ---------------------------------------------------------------------------------------------
# Cases

writer = CaseWriter(out)
Competition = writer.competition

# tensorflow2-question-answering ------------------------------------------------------------------
rng = np.random.RandomState(901)
words = ["the", "river", "flows", "north", "<P>", "</P>", "<Table>", "</Table>", "in", "winter", "año",
         "king", "of", "France", "was", "crowned", "1804", "<Li>", "</Li>", "by", "a", "pope"]
n = 60
rows = []
for i in range(n):
    length = rng.randint(40, 90)
    starts = sorted(rng.choice(np.arange(0, length - 8), rng.randint(1, 5), replace=False).tolist())
    candidates = [{"start_token": int(s), "top_level": bool(k % 2 == 0), "end_token": int(s + rng.randint(3, 8))}
                  for k, s in enumerate(starts)]
    kind = i % 6  # 0, 1: long and short; 2: long only; 3: yes/no; 4: nothing; 5: several short answers
    long_answer = {"start_token": -1, "candidate_index": -1, "end_token": -1}
    if kind != 4:
        c_ = rng.randint(len(candidates))
        long_answer = {"start_token": candidates[c_]["start_token"], "candidate_index": int(c_),
                       "end_token": candidates[c_]["end_token"]}
    shorts = []
    if kind in (0, 1, 5):
        for _ in range(1 if kind < 5 else rng.randint(2, 4)):
            s = rng.randint(long_answer["start_token"], long_answer["end_token"])
            shorts.append({"start_token": int(s), "end_token": int(s + rng.randint(1, 3))})
    yes_no = "NONE" if kind != 3 else ["YES", "NO"][rng.randint(2)]
    # Annotation ids span the unsigned 64-bit range (pandas writes those above 2**63 as they are).
    annotation_id = int(rng.randint(0, 2 ** 61)) * (8 if i % 3 else 1) + i
    rows.append({
        "document_text": " ".join(words[rng.randint(len(words))] for _ in range(length)),
        "long_answer_candidates": candidates,
        "question_text": f"who was question {i} about / «{words[i % len(words)]}»",
        "annotations": [{"yes_no_answer": yes_no, "long_answer": long_answer, "short_answers": shorts,
                         "annotation_id": annotation_id}],
        "document_url": f"https://en.wikipedia.org//w/index.php?title=Page_{i}&oldid={800000000 + i}",
        # Kaggle's ids are signed 64-bit integers; MLE-bench's prepare.py turns them into strings.
        "example_id": str(int(rng.randint(-2 ** 62, 2 ** 62)) * 2 + (i % 2)),
    })
ans = pd.DataFrame(rows)
c = Competition("tensorflow2-question-answering", "micro-f1-score", grade_tf2, ans, answers_name="answers.jsonl")


def tf2_gold(row):
    """prepare.py's gold submission: the yes/no answer, else the first short answer; the long span."""
    a = row["annotations"][0]
    if a["yes_no_answer"] != "NONE":
        short = a["yes_no_answer"]
    elif a["short_answers"]:
        short = f"{a['short_answers'][0]['start_token']}:{a['short_answers'][0]['end_token']}"
    else:
        short = ""
    span = a["long_answer"]
    long_ = f"{span['start_token']}:{span['end_token']}" if span["start_token"] != -1 else ""
    return short, long_


ids, preds, kinds = [], [], []
for r in rows:
    short, long_ = tf2_gold(r)
    ids += [f"{r['example_id']}_short", f"{r['example_id']}_long"]
    preds += [short, long_]
    kinds += ["short", "long"]
gold = pd.DataFrame({"example_id": ids, "PredictionString": preds})
is_long = np.array([k == "long" for k in kinds])


def with_preds(values, frame=gold):
    return frame.assign(PredictionString=values)


def tf2_noisy(p, k):
    u = rng.rand()
    if u < 0.15:
        return ""
    if u < 0.3 and ":" in p:
        s, e = map(int, p.split(":"))
        return f"{s}:{e + rng.randint(1, 4)}"
    if u < 0.38:
        return ["YES", "NO"][rng.randint(2)]
    if u < 0.48 and not p:
        s = rng.randint(0, 50)
        return f"{s}:{s + rng.randint(1, 9)}"
    return p


noisy = with_preds([tf2_noisy(p, k) for p, k in zip(preds, kinds)])
c.emit("sample", with_preds(""))
c.emit("gold", gold)
c.emit("noisy", noisy)
c.emit("shuffled", noisy.sample(frac=1, random_state=902))
c.emit("long-only", with_preds([p if k == "long" else "" for p, k in zip(preds, kinds)]))
c.emit("short-only", with_preds([p if k == "short" else "" for p, k in zip(preds, kinds)]))
c.emit("all-yes", with_preds("YES"))
c.emit("all-no-answers-claimed", with_preds("0:1"))


def last_short(r):
    a = r["annotations"][0]
    return f"{a['short_answers'][-1]['start_token']}:{a['short_answers'][-1]['end_token']}" if a["short_answers"] else ""


# Any accepted answer counts: the last short answer where there are several.
c.emit("last-short-answer", with_preds([last_short(rows[i // 2]) if k == "short" else p
                                        for i, (p, k) in enumerate(zip(preds, kinds))]))
c.emit("padded", with_preds([f" {p}\t" if i % 3 else f"\u3000{p}" for i, p in enumerate(preds)]))


def odd_ints(i, p):
    """Other spellings Python's int() reads: a sign, leading zeros, spaces, an underscore between
    digits, Arabic-Indic digits."""
    if ":" not in p:
        return p
    s, e = p.split(":")
    forms = [f"+{s}:0{e}", f" {s} : {e} ", f"{s[0]}_{s[1:]}:{e}" if len(s) > 1 else f"0_{s}:{e}",
             "".join(chr(0x660 + int(d)) for d in s) + ":" + e]
    return forms[i % len(forms)]


c.emit("odd-integers", with_preds([odd_ints(i, p) for i, p in enumerate(preds)]))
c.emit("huge-integers", set_cell(noisy, 2, "PredictionString", "123456789012345678901234567890:5"))
c.emit("negative-spans", with_preds(["-1:-1" if not p else p for p in preds]))
c.emit("na-strings", with_preds(["NA" if (i % 5 == 0) else p for i, p in enumerate(preds)]))
c.emit("extra-column", noisy.assign(note="x"))
c.emit("reordered-columns", noisy[["PredictionString", "example_id"]])
# Invalid: predictions that are not START:END, YES, NO or blank.
c.emit("lowercase-yes", set_cell(noisy, 3, "PredictionString", "yes"))
c.emit("three-parts", set_cell(noisy, 3, "PredictionString", "1:2:3"))
c.emit("open-span", set_cell(noisy, 3, "PredictionString", "12:"))
c.emit("words-span", set_cell(noisy, 3, "PredictionString", "a:b"))
c.emit("float-span", set_cell(noisy, 3, "PredictionString", "1.0:2"))
c.emit("none-word", set_cell(noisy, 3, "PredictionString", "NONE"))
c.emit("number", set_cell(noisy, 3, "PredictionString", "5"))
c.emit("all-numbers", with_preds(7))
c.emit("double-underscore", set_cell(noisy, 3, "PredictionString", "1__2:3"))
# Invalid: ids.
c.emit("unknown-id", set_cell(noisy, 4, "example_id", "123_long"))
c.emit("wrong-suffix", noisy.assign(example_id=[i.replace("_long", "_Long") for i in noisy["example_id"]]))
c.emit("bare-ids", noisy.assign(example_id=[i.rsplit("_", 1)[0] for i in noisy["example_id"]]))
c.emit("renamed-column", noisy.rename(columns={"PredictionString": "predictionstring"}))
c.emit("no-prediction-column", noisy.drop(columns=["PredictionString"]))
c.emit("header-only", raw=b"example_id,PredictionString\n")
c.common_invalid(noisy, "example_id")

writer.write_manifest()
