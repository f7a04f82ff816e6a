#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/PlantPathology2020RecipeVectors.swift: synthetic raw files for
plant-pathology-2020-fgvc7's recipe in Kaggle's schema (train.csv with image_id = Train_<n> and the
one-hot healthy, multiple_diseases, rust, scab; images/Train_<n>.jpg and images/Test_<n>.jpg, the
latter not copied) with what MLE-bench's prepare.py writes from them: a 10% split (random_state 0),
image ids renumbered Train_0, … / Test_0, … in each side's order by Series.replace with one map
(whose keys Train_<n> overlap its values), every train.csv image copied to public/images/ under its
new id, and the sample submission with 0.25 for each class.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_plant_pathology_2020.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

CLASSES = ["healthy", "multiple_diseases", "rust", "scab"]
rng = np.random.default_rng(2020)
n = 34
hot = rng.integers(0, 4, n)
train = pd.DataFrame({"image_id": [f"Train_{i}" for i in range(n)], **{c: (hot == k).astype(int) for k, c in enumerate(CLASSES)}})
raw = {"train.csv": train.to_csv(index=False),
       "test.csv": pd.DataFrame({"image_id": [f"Test_{i}" for i in range(5)]}).to_csv(index=False)}
for i in range(n):
    raw[f"images/Train_{i}.jpg"] = f"train image {i}"
for i in range(5):
    raw[f"images/Test_{i}.jpg"] = f"kaggle test image {i}"

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, answers = train_test_split(old_train, test_size=0.1, random_state=0)
new_train_image_ids = new_train["image_id"].unique()
new_test_image_ids = answers["image_id"].unique()
to_new_image_id = {
    **{old_id: f"Train_{i}" for i, old_id in enumerate(new_train_image_ids)},
    **{old_id: f"Test_{i}" for i, old_id in enumerate(new_test_image_ids)},
}
new_train["image_id"] = new_train["image_id"].replace(to_new_image_id)
answers["image_id"] = answers["image_id"].replace(to_new_image_id)
new_test = answers[["image_id"]].copy()
sample_submission = answers[["image_id"]].copy()
sample_submission[["healthy", "multiple_diseases", "rust", "scab"]] = 0.25
out = {}
for old_image_id in old_train["image_id"]:
    assert old_image_id.startswith("Train_")
    new_image_id = to_new_image_id.get(old_image_id, old_image_id)
    out[f"public/images/{new_image_id}.jpg"] = raw[f"images/{old_image_id}.jpg"]
out["private/test.csv"] = answers.to_csv(index=False)
out["public/sample_submission.csv"] = sample_submission.to_csv(index=False)
out["public/test.csv"] = new_test.to_csv(index=False)
out["public/train.csv"] = new_train.to_csv(index=False)
assert len(answers) == 4 and len([p for p in out if p.startswith("public/images/")]) == n
assert any(to_new_image_id[k] != k and to_new_image_id[k] in to_new_image_id for k in new_train_image_ids), "no chained ids"

write_enum("Tests/MLECommandsTests/PlantPathology2020RecipeVectors.swift", "recipe_plant_pathology_2020.py", "PlantPathology2020RecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
