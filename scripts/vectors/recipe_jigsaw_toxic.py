#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/JigsawToxicRecipeVectors.swift: synthetic raw files for
jigsaw-toxic-comment-classification-challenge's recipe in Kaggle's schema (train.csv of id as 16
hex digits, comment_text and the six 0/1 classes; test.csv of id and comment_text; test_labels.csv
of id and the six classes, -1 for the rows Kaggle did not score; sample_submission.csv of id and
the six classes), each inside its own zip as Kaggle ships them (train.csv.zip …), with what
MLE-bench's prepare.py (@ a0e3b23a) writes from them: the three tables as they are and the sample
submission with every class set to 0.5. The raw sample holds other values than Kaggle's 0.5 (0, 1,
0.25) so that the set is seen. Comments hold commas, quotes, newlines, leading spaces and
non-ASCII letters; one test comment is empty (NaN to pandas); some ids are all digits (one with a
leading zero), kept as text because the column is not numeric as a whole.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_jigsaw_toxic.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

CLASSES = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]  # mlebench's classes.py
rng = np.random.default_rng(1713)
WORDS = ["Explanation", "edits", "vandalism", "talk", "page", "ok", "fine", "stupid", "Wikipedia", "naïve", "Ä", "—"]


def comment(k):
    words = " ".join(WORDS[int(rng.integers(0, len(WORDS)))] for _ in range(int(rng.integers(2, 7))))
    return [words, f" {words}", f"{words}, thanks", f'"{words}" he wrote', f"{words}\n\nmore\n", f"== {words} ==\n{words}", f"{words}'s"][k % 7]


def ids(count):
    return [f"{int(rng.integers(0, 2**63)):016x}" for _ in range(count)]


n_train, n_test = 37, 19
train = pd.DataFrame({"id": ids(n_train), "comment_text": [comment(int(rng.integers(0, 7))) for _ in range(n_train)]})
for c in CLASSES:
    train[c] = rng.integers(0, 2, n_train)
train.loc[4, "id"] = "0123456789012345"  # all digits, a leading zero
test_ids = ids(n_test)
test_ids[3] = "9876543210987654"
test = pd.DataFrame({"id": test_ids, "comment_text": [comment(int(rng.integers(0, 7))) for _ in range(n_test)]})
test.loc[7, "comment_text"] = ""
labels = pd.DataFrame({"id": test_ids})
for c in CLASSES:
    labels[c] = rng.integers(0, 2, n_test)
labels.loc[rng.random(n_test) < 0.4, CLASSES] = -1
sample = pd.DataFrame({"id": test_ids})
for k, c in enumerate(CLASSES):
    sample[c] = [0.5, 0, 1, 0.25][k % 4]
raw = {"train.csv": train.to_csv(index=False), "test.csv": test.to_csv(index=False),
       "test_labels.csv": labels.to_csv(index=False), "sample_submission.csv": sample.to_csv(index=False)}

# MLE-bench's steps, over the same files (extracted from their zips; mlebench.utils.read_csv reads
# with float_precision="round_trip").
def read_csv(name):
    return pd.read_csv(io.StringIO(raw[name]), float_precision="round_trip")


train_with_labels = read_csv("train.csv")
test_without_labels = read_csv("test.csv")
answers = read_csv("test_labels.csv")
sample_submission = read_csv("sample_submission.csv")
sample_submission[CLASSES] = 0.5
assert test_without_labels["comment_text"].isna().sum() == 1 and train_with_labels["id"].dtype == object
assert len(answers) == len(sample_submission)
assert sorted(answers["id"]) == sorted(test_without_labels["id"]) == sorted(sample_submission["id"])
assert len(set(train_with_labels["id"]) & set(test_without_labels["id"])) == 0
out = {"public/train.csv": train_with_labels.to_csv(index=False), "public/test.csv": test_without_labels.to_csv(index=False),
       "public/sample_submission.csv": sample_submission.to_csv(index=False), "private/test.csv": answers.to_csv(index=False)}

write_enum("Tests/MLECommandsTests/JigsawToxicRecipeVectors.swift", "recipe_jigsaw_toxic.py", "JigsawToxicRecipeVectors",
           [texts_by_path("Raw files by path, each packed alone into <name>.zip.", "rawFiles", raw)], out)
