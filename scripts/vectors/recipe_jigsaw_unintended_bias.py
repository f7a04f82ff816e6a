#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/JigsawUnintendedBiasRecipeVectors.swift: synthetic train.csv and
test_private_expanded.csv for jigsaw-unintended-bias-in-toxicity-classification's recipe in Kaggle's
schema (test_private_expanded.csv with its 45 columns: id, comment_text, toxicity, the subtype
scores, the 24 identity columns, some empty, metadata and annotator counts) with what MLE-bench's
prepare.py (@ 93ef3441) writes from them: no split; both raw files copied unchanged (the answers
and the public train); the public test of id and comment_text as read by
mlebench.utils.read_csv (float_precision="round_trip") and rewritten by to_csv; the sample
submission of the ids with prediction 0.0. Comments hold commas, quotes, line breaks (LF and CRLF),
leading and trailing spaces, non-ASCII letters, and one is empty (NaN, written empty).

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_jigsaw_unintended_bias.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

IDENTITIES = ["asian", "atheist", "bisexual", "black", "buddhist", "christian", "female", "heterosexual", "hindu",
              "homosexual_gay_or_lesbian", "intellectual_or_learning_disability", "jewish", "latino", "male", "muslim",
              "other_disability", "other_gender", "other_race_or_ethnicity", "other_religion", "other_sexual_orientation",
              "physical_disability", "psychiatric_or_mental_illness", "transgender", "white"]
SUBTYPES = ["severe_toxicity", "obscene", "identity_attack", "insult", "threat", "sexual_explicit"]
META = ["created_date", "publication_id", "parent_id", "article_id", "rating", "funny", "wow", "sad", "likes", "disagree"]
rng = np.random.default_rng(2019)
WORDS = ["This", "is", "nonsense", "great, really", "\"quoted\"", "O'Reilly", "café", "naïve", "idiot", "thanks"]


def comment(k):
    w = " ".join(WORDS[int(rng.integers(0, len(WORDS)))] for _ in range(int(rng.integers(1, 9))))
    return [w, f"{w}\n\n{w}", f"{w}\r\nsecond line", f"  {w}  ", f'He said "{w}", then left.', w + ",", "", f"{w}\ttab"][k % 8]


def table(n, first_id, expanded):
    rows = []
    for i in range(n):
        r = {"id": first_id + i, "comment_text": comment(i)}
        if not expanded:
            r["target"] = round(float(rng.random()), 6)
        for s in SUBTYPES:
            r[s] = [0.0, round(float(rng.random()), 6), 0.1666666666666667][int(rng.integers(0, 3))]
        for name in IDENTITIES:
            r[name] = np.nan if i % 3 else [0.0, 0.25, 1.0][int(rng.integers(0, 3))]
        r["created_date"] = f"2017-0{1 + i % 9}-1{i % 10} 0{i % 10}:5{i % 10}:1{i % 7}.{int(rng.integers(0, 999999)):06d}+00"
        r["publication_id"] = int(rng.integers(2, 120))
        r["parent_id"] = np.nan if i % 2 else float(int(rng.integers(10000, 6000000)))
        r["article_id"] = int(rng.integers(2000, 400000))
        r["rating"] = ["approved", "rejected"][i % 5 == 0]
        for name in ["funny", "wow", "sad", "likes", "disagree"]:
            r[name] = int(rng.integers(0, 5))
        if expanded:
            r["toxicity"] = round(float(rng.random()), 6)
        r["identity_annotator_count"] = int(rng.integers(0, 10))
        r["toxicity_annotator_count"] = int(rng.integers(4, 80))
        rows.append(r)
    return pd.DataFrame(rows)


test = table(37, 7000000, True)
order = ["id", "comment_text", "created_date", "publication_id", "parent_id", "article_id", "rating", "funny", "wow",
         "sad", "likes", "disagree", "toxicity"] + SUBTYPES + IDENTITIES + ["identity_annotator_count", "toxicity_annotator_count"]
test = test[order]
assert test.shape[1] == 45
train = table(23, 59848, False)
raw = {"train.csv": train.to_csv(index=False), "test_private_expanded.csv": test.to_csv(index=False)}

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
test = pd.read_csv(io.StringIO(raw["test_private_expanded.csv"]), float_precision="round_trip")
test_without_labels = test[["id", "comment_text"]]
submission_df = test_without_labels.copy()
submission_df = submission_df.drop(columns=["comment_text"])
submission_df["prediction"] = 0.0
assert test.shape == (len(test), 45) and test_without_labels.shape == (len(test), 2) and submission_df.shape == (len(test), 2)
assert test["comment_text"].isna().sum() > 0
out = {"private/test.csv": raw["test_private_expanded.csv"], "public/train.csv": raw["train.csv"],
       "public/test.csv": test_without_labels.to_csv(index=False),
       "public/sample_submission.csv": submission_df.to_csv(index=False)}

write_enum("Tests/MLECommandsTests/JigsawUnintendedBiasRecipeVectors.swift", "recipe_jigsaw_unintended_bias.py",
           "JigsawUnintendedBiasRecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
