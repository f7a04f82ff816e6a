#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/Aptos2019RecipeVectors.swift: synthetic raw files for
aptos2019-blindness-detection's recipe in Kaggle's schema (train.csv with id_code and the integer
diagnosis 0-4, train_images/<id_code>.png; test.csv and test_images/, which prepare.py does not read)
with what MLE-bench's prepare.py writes from them: a 10% split (random_state 0), the public test
without diagnosis, the sample submission the labelled test with diagnosis 0, and the images copied
to public/train_images or public/test_images.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_aptos2019.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(2019)
ids = [f"{int(rng.integers(0, 16**12)):012x}" for _ in range(37)]
ids[0] = "000c1434d8d7"  # a leading zero that must stay text
train = pd.DataFrame({"id_code": ids, "diagnosis": rng.integers(0, 5, len(ids))})
raw = {"train.csv": train.to_csv(index=False),
       "test.csv": pd.DataFrame({"id_code": ["0005cfc8afb6", "003f0afdcd15"]}).to_csv(index=False)}
for i in ids:
    raw[f"train_images/{i}.png"] = f"png {i}"
raw["test_images/0005cfc8afb6.png"] = "kaggle test png 0"
raw["test_images/003f0afdcd15.png"] = "kaggle test png 1"

# MLE-bench's prepare.py (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
new_test_without_labels = new_test.drop(columns=["diagnosis"])
out = {}
for file_id in new_train["id_code"]:
    out[f"public/train_images/{file_id}.png"] = raw[f"train_images/{file_id}.png"]
for file_id in new_test_without_labels["id_code"]:
    out[f"public/test_images/{file_id}.png"] = raw[f"train_images/{file_id}.png"]
submission_df = new_test.copy()
submission_df["diagnosis"] = 0
out["public/train.csv"] = new_train.to_csv(index=False)
out["private/test.csv"] = new_test.to_csv(index=False)
out["public/test.csv"] = new_test_without_labels.to_csv(index=False)
out["public/sample_submission.csv"] = submission_df.to_csv(index=False)
assert len(new_test) == 4 and "000c1434d8d7" in out["public/train.csv"] + out["private/test.csv"]

write_enum("Tests/MLECommandsTests/Aptos2019RecipeVectors.swift", "recipe_aptos2019.py", "Aptos2019RecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
