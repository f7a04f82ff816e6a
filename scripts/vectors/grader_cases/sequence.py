"""Reference cases for the graders of Sources/MLEGrading/SequenceGraders.swift, which grade
sequences: Levenshtein distances.

Transcriptions of each competition's MLE-bench grade.py (and the helpers it uses), and the
synthesized answers and submissions they grade; `write_cases(writer)` writes them all. Run through
scripts/vectors/grader_cases.py, which says how and with which libraries.
"""
import numpy as np
import pandas as pd
from Levenshtein import distance

from mlebench_reference import (InvalidSubmissionError, expect_valid, hexid, require_columns, require_rows, set_cell,
                                sort_and_match_ids)


def grade_billion_word(submission, answers):
    id_col, target_col = "id", "sentence"
    assert id_col in answers.columns and target_col in answers.columns
    require_columns(submission, id_col, target_col)
    require_rows(submission, answers)
    submission, answers = sort_and_match_ids(submission, answers, id_col, reset_index=True)
    y_pred, y_true = submission[target_col], answers[target_col]
    return np.mean([distance(a, b) for a, b in zip(y_true, y_pred)])


def grade_bms(submission, answers):
    require_rows(submission, answers)
    require_columns(submission, "image_id", "InChI")
    assert "image_id" in answers.columns and "InChI" in answers.columns
    submission, answers = sort_and_match_ids(submission, answers, "image_id")
    submission["InChI"] = submission["InChI"].astype(str)
    answers["InChI"] = answers["InChI"].astype(str)
    return np.mean([distance(a, b) for a, b in zip(answers["InChI"], submission["InChI"])])


def grade_gesture(submission, answers):
    require_rows(submission, answers)
    require_columns(submission, "Id", "Sequence")
    submission, answers = sort_and_match_ids(submission, answers, "Id")
    submission["Sequence"] = submission["Sequence"].astype(str)
    answers["Sequence"] = answers["Sequence"].astype(str)
    y_true = [list(map(int, x.split())) for x in answers["Sequence"]]
    try:
        y_pred = [list(map(int, x.split())) for x in submission["Sequence"]]
    except ValueError:
        raise InvalidSubmissionError("ints")
    return np.sum([distance(a, b) for a, b in zip(y_true, y_pred)]) / sum(len(x) for x in y_true)


# ---------------------------------------------------------------------------------------------
# Cases


def billion_word(writer, rng):
    """billion-word-imputation: mean Levenshtein on sentence"""
    n = 40
    words = ["the", "cat", "sat", "on", "a", "mat", "\"quoted\"", "naïve", "über", "dog", ",", "ran", "fast"]
    sentences = [" ".join(rng.choice(words, rng.randint(3, 12))) for _ in range(n)]
    ans = pd.DataFrame({"id": rng.permutation(np.arange(n)), "sentence": sentences})
    c = writer.competition("billion-word-imputation", "levenshtein-distance", grade_billion_word, ans)
    noisy = ans.assign(sentence=[s.replace("cat", "ct", 1).replace(" a ", " ", 1) for s in ans["sentence"]])
    c.emit_basics(ans.assign(sentence="the cat"), ans, noisy, 6, noisy_must_grade=True)
    c.emit("empty-sentence", set_cell(noisy, 3, "sentence", np.nan))
    c.emit("numeric-sentences", noisy.assign(sentence=np.arange(n)))
    c.emit("no-target-column", ans[["id"]])
    c.common_invalid(noisy, "id")


def bms(writer, rng):
    """bms-molecular-translation: mean Levenshtein on InChI (astype(str))"""
    n = 40
    inchi = [f"InChI=1S/C{rng.randint(5, 30)}H{rng.randint(5, 40)}N{rng.randint(0, 5)}O{rng.randint(0, 6)}/c1-{rng.randint(1, 9)}-2-{rng.randint(3, 20)}/h{rng.randint(1, 9)}H" for _ in range(n)]
    ans = pd.DataFrame({"image_id": hexid(rng, n, 12), "InChI": inchi})
    c = writer.competition("bms-molecular-translation", "levenshtein-distance", grade_bms, ans)
    noisy = ans.assign(InChI=[s[: len(s) - (i % 5)] + ("C" if i % 3 == 0 else "") for i, s in enumerate(ans["InChI"])])
    c.emit_basics(ans.assign(InChI="InChI=1S/H2O/h1H2"), ans, noisy, 7, noisy_must_grade=True)
    expect_valid(c.emit("empty-inchi", set_cell(noisy, 3, "InChI", np.nan)))
    expect_valid(c.emit("numeric-inchi", noisy.assign(InChI=(np.arange(n) * 1.5))))
    c.emit("no-target-column", ans[["image_id"]])
    c.common_invalid(noisy, "image_id")


def gesture(writer, rng):
    """multi-modal-gesture-recognition: Levenshtein over gesture sequences / total gestures"""
    n = 30
    seq = [" ".join(str(v) for v in rng.randint(1, 21, rng.randint(1, 10))) for _ in range(n)]
    seq[0] = "7"
    ans = pd.DataFrame({"Id": rng.permutation(np.arange(300, 300 + n)), "Sequence": seq})
    c = writer.competition("multi-modal-gesture-recognition", "levenhstein-distance", grade_gesture, ans)
    noisy_seq = []
    for s in seq:
        toks = s.split()
        r = rng.rand()
        noisy_seq.append(s if r < 0.3 or len(toks) < 2 else " ".join(toks[1:]) if r < 0.5 else s + " " + str(rng.randint(1, 21)) if r < 0.7
                         else " ".join(reversed(toks)) if r < 0.9 else "05  +3")
    noisy = ans.assign(Sequence=noisy_seq)
    c.emit_basics(ans.assign(Sequence="1 2 3"), ans, noisy, 150)
    c.emit("single-numbers", ans.assign(Sequence=np.arange(n) % 20 + 1))
    c.emit("float-numbers", ans.assign(Sequence=1.0))
    c.emit("empty-sequence", set_cell(noisy, 2, "Sequence", np.nan))
    c.emit("bad-token", set_cell(noisy, 2, "Sequence", "1 two 3"))
    c.common_invalid(noisy, "Id")


def write_cases(writer):
    """Every competition graded by SequenceGraders.swift, each drawing from a RandomState seeded here."""
    for competition, seed in ((billion_word, 600), (bms, 700), (gesture, 149)):
        competition(writer, np.random.RandomState(seed))
