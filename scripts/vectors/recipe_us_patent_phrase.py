#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/UsPatentPhraseRecipeVectors.swift: a synthetic train.csv for
us-patent-phrase-to-phrase-matching's recipe in Kaggle's schema (id as 16 hex digits, anchor,
target, context as a CPC class, score in steps of 0.25) with what MLE-bench's prepare.py
(@ a0e3b23a) writes from it: the 10% split (random_state 0), the test without score, and the
sample submission of id with an integer score of 0. Phrases hold commas, quotes and newlines, so
the CSV quoting is exercised; some ids are all digits (with a leading zero), kept as text because
the column is not numeric as a whole.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_us_patent_phrase.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(1729)
n = 117  # 12 test rows
WORDS = ["abatement", "pollution", "rotor", "blade", "wet", "coating", "optical", "fiber", "valve", "seat", "gear"]
CONTEXTS = ["A47", "B60", "C08", "F16", "G02", "H01", "H04"]


def phrase(k):
    words = " ".join(WORDS[int(rng.integers(0, len(WORDS)))] for _ in range(int(rng.integers(1, 4))))
    return [words, f"{words}, treated", f'"{words}" layer', f"{words}\nmulti-line", f"{words}'s part"][k % 5]


ids = [f"{int(rng.integers(0, 2**63)):016x}" for _ in range(n)]
train_rows, test_rows = train_test_split(np.arange(n), test_size=0.1, random_state=0)
DIGIT_IDS = (int(train_rows[0]), int(test_rows[0]), int(test_rows[-1]))
for i in DIGIT_IDS:  # all digits, a leading zero: a number to per-cell inference, text to pandas
    ids[i] = f"0{int(rng.integers(10**14, 10**15))}"
df = pd.DataFrame({"id": ids,
                   "anchor": [phrase(int(rng.integers(0, 5))) for _ in range(n)],
                   "target": [phrase(int(rng.integers(0, 5))) for _ in range(n)],
                   "context": [CONTEXTS[int(rng.integers(0, len(CONTEXTS)))] for _ in range(n)],
                   "score": [float(rng.integers(0, 5)) / 4 for _ in range(n)]})
raw = {"train.csv": df.to_csv(index=False)}

# MLE-bench's steps, over the same file (mlebench.utils.read_csv reads with float_precision="round_trip").
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
new_test_without_labels = new_test.drop(columns=["score"])
submission = new_test.copy()[["id", "score"]]
submission["score"] = 0
assert len(new_train) + len(new_test) == len(old_train) and len(submission) == len(new_test)
out = {"public/train.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False),
       "public/test.csv": new_test_without_labels.to_csv(index=False),
       "public/sample_submission.csv": submission.to_csv(index=False)}
digit_ids = {ids[i] for i in DIGIT_IDS}
assert digit_ids & set(new_test["id"]) and digit_ids & set(new_train["id"]), "all-digit ids on both sides"

write_enum("Tests/MLECommandsTests/UsPatentPhraseRecipeVectors.swift", "recipe_us_patent_phrase.py", "UsPatentPhraseRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
