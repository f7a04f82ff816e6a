#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/EssayScoring2RecipeVectors.swift: a synthetic train.csv for
learning-agency-lab-automated-essay-scoring-2's recipe in Kaggle's schema (essay_id as 7 hex
digits, full_text, an integer score from 1 to 6) with what MLE-bench's prepare.py (@ 93ef3441)
writes from it: the 10% split (random_state 0), the test without score, and the sample submission
of essay_id with np.random.RandomState(42).randint(1, 7, size=len(answers)). Essays hold paragraph
breaks, commas, quotes and non-ASCII letters, so the CSV quoting is exercised; some ids are all
digits (with a leading zero), kept as text because the column is not numeric as a whole.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_essay_scoring_2.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(2024)
n = 96  # 10 test rows
SENTENCES = ["Cars are useful, but they pollute.", 'My teacher said "think first".', "I don’t agree with the café idea.",
             "Venus is a planet; it is hot.", "Driverless cars, in my opinion, are risky.", "Students should join clubs."]


def essay():
    paragraphs = [" ".join(SENTENCES[int(rng.integers(0, len(SENTENCES)))] for _ in range(int(rng.integers(1, 3))))
                  for _ in range(int(rng.integers(1, 4)))]
    return "\n\n".join(paragraphs)


ids = [f"{int(rng.integers(0, 16**7)):07x}" for _ in range(n)]
train_rows, test_rows = train_test_split(np.arange(n), test_size=0.1, random_state=0)
DIGIT_IDS = (int(train_rows[0]), int(test_rows[0]), int(test_rows[-1]))
for i in DIGIT_IDS:  # all digits, a leading zero: a number to per-cell inference, text to pandas
    ids[i] = f"0{int(rng.integers(10**5, 10**6))}"
assert len(set(ids)) == n
df = pd.DataFrame({"essay_id": ids, "full_text": [essay() for _ in range(n)], "score": rng.integers(1, 7, n)})
raw = {"train.csv": df.to_csv(index=False)}

# MLE-bench's steps, over the same file (mlebench.utils.read_csv reads with float_precision="round_trip").
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, answers = train_test_split(old_train, test_size=0.1, random_state=0)
new_test = answers.drop(columns=["score"])
sample = answers[["essay_id"]].copy()
sample["score"] = np.random.RandomState(42).randint(1, 7, size=len(sample))
assert set(new_train["essay_id"]).isdisjoint(set(new_test["essay_id"]))
assert len(new_train) + len(new_test) == len(old_train) and len(new_test) == len(sample)
assert new_train.columns.tolist() == old_train.columns.tolist()
assert new_test.columns.tolist() == ["essay_id", "full_text"] and sample.columns.tolist() == ["essay_id", "score"]
out = {"private/answers.csv": answers.to_csv(index=False), "public/train.csv": new_train.to_csv(index=False),
       "public/test.csv": new_test.to_csv(index=False), "public/sample_submission.csv": sample.to_csv(index=False)}
digit_ids = {ids[i] for i in DIGIT_IDS}
assert digit_ids & set(new_test["essay_id"]) and digit_ids & set(new_train["essay_id"]), "all-digit ids on both sides"

write_enum("Tests/MLECommandsTests/EssayScoring2RecipeVectors.swift", "recipe_essay_scoring_2.py", "EssayScoring2RecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
