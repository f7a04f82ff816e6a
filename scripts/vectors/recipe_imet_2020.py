#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/Imet2020RecipeVectors.swift: synthetic raw files for
imet-2020-fgvc7's recipe in Kaggle's schema (train.csv with id and the space-separated
attribute_ids, labels.csv with attribute_id and attribute_name, a quoted name among them,
train/<id>.png; sample_submission.csv and test/, which prepare.py does not read) with what
MLE-bench's prepare.py writes from them: a 15% split (random_state 0), the sample submission the
answers with attribute_ids "0 1 2", labels.csv copied as it is, the images copied to public/train
or public/test.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_imet_2020.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(3474)
n = 41
ids = [f"{int(rng.integers(0, 2**63)):016x}{int(rng.integers(0, 2**63)):016x}" for _ in range(n)]
attrs = [" ".join(str(a) for a in sorted(rng.choice(3474, int(rng.integers(1, 6)), replace=False))) for _ in range(n)]
train = pd.DataFrame({"id": ids, "attribute_ids": attrs})
raw = {"train.csv": train.to_csv(index=False),
       "labels.csv": 'attribute_id,attribute_name\n0,country::afghanistan\n1,country::alamania\n'
                     '2,"culture::american, new york"\n3,culture::french\n',
       "sample_submission.csv": "id,attribute_ids\n10023b2cc4ed5f68b8ba2db7c7ab6ce2,0 1 2\n"}
for i in ids:
    raw[f"train/{i}.png"] = f"png {i}"
raw["test/10023b2cc4ed5f68b8ba2db7c7ab6ce2.png"] = "kaggle test png"

# MLE-bench's prepare.py (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, answers = train_test_split(old_train, test_size=0.15, random_state=0)
sample_submission_df = answers.copy()
sample_submission_df["attribute_ids"] = "0 1 2"
out = {"private/answers.csv": answers.to_csv(index=False),
       "public/train.csv": new_train.to_csv(index=False),
       "public/sample_submission.csv": sample_submission_df.to_csv(index=False),
       "public/labels.csv": raw["labels.csv"]}
for file_id in new_train["id"]:
    out[f"public/train/{file_id}.png"] = raw[f"train/{file_id}.png"]
for file_id in answers["id"]:
    out[f"public/test/{file_id}.png"] = raw[f"train/{file_id}.png"]
assert len(answers) == 7 and any(" " not in a for a in answers["attribute_ids"].tolist() + new_train["attribute_ids"].tolist())

write_enum("Tests/MLECommandsTests/Imet2020RecipeVectors.swift", "recipe_imet_2020.py", "Imet2020RecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
