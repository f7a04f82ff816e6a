#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/PlantPathology2021RecipeVectors.swift: synthetic raw files for
plant-pathology-2021-fgvc8's recipe in Kaggle's schema (train.csv with image and the
space-separated labels, train_images/<image>; sample_submission.csv and test_images/, which
prepare.py does not read) with what MLE-bench's prepare.py writes from them: a 20% split
(random_state 0), the sample submission the answers with labels "healthy", the images copied to
public/train_images or public/test_images, no public test.csv.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_plant_pathology_2021.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

LABELS = ["healthy", "scab", "frog_eye_leaf_spot", "complex", "rust", "powdery_mildew", "scab frog_eye_leaf_spot",
          "scab frog_eye_leaf_spot complex", "frog_eye_leaf_spot complex", "rust frog_eye_leaf_spot", "rust complex",
          "powdery_mildew complex"]
rng = np.random.default_rng(2021)
n = 38
images = [f"{int(rng.integers(0, 2**63)):016x}.jpg" for _ in range(n)]
train = pd.DataFrame({"image": images, "labels": [LABELS[int(k)] for k in rng.integers(0, len(LABELS), n)]})
raw = {"train.csv": train.to_csv(index=False),
       "sample_submission.csv": "image,labels\n85f8cb619c66b863.jpg,healthy\n"}
for i in images:
    raw[f"train_images/{i}"] = f"jpg {i}"
raw["test_images/85f8cb619c66b863.jpg"] = "kaggle test jpg"

# MLE-bench's prepare.py (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, answers = train_test_split(old_train, test_size=0.2, random_state=0)
submission_df = answers.copy()
submission_df["labels"] = "healthy"
out = {"private/answers.csv": answers.to_csv(index=False),
       "public/train.csv": new_train.to_csv(index=False),
       "public/sample_submission.csv": submission_df.to_csv(index=False)}
for file_id in new_train["image"]:
    out[f"public/train_images/{file_id}"] = raw[f"train_images/{file_id}"]
for file_id in answers["image"]:
    out[f"public/test_images/{file_id}"] = raw[f"train_images/{file_id}"]
assert len(answers) == 8 and len(new_train) + len(answers) == len(old_train)

write_enum("Tests/MLECommandsTests/PlantPathology2021RecipeVectors.swift", "recipe_plant_pathology_2021.py",
           "PlantPathology2021RecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
