#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/PaddyDiseaseRecipeVectors.swift: synthetic raw files for
paddy-disease-classification's recipe in Kaggle's schema (train.csv with image_id, label, variety
and the integer age; train_images/<label>/<image_id>; sample_submission.csv and test_images/, read
by prepare.py only for a column check or not at all) with what MLE-bench's prepare.py writes from
them: a split with train_size 0.75 (random_state 0), the sample submission image_id and an empty
label, train images copied to public/train_images/<label>/ and test images, flat, to
public/test_images/.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_paddy_disease.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

LABELS = ["bacterial_leaf_blight", "bacterial_leaf_streak", "bacterial_panicle_blight", "blast", "brown_spot",
          "dead_heart", "downy_mildew", "hispa", "normal", "tungro"]
VARIETIES = ["ADT45", "AndraPonni", "AtchayaPonni", "IR20", "KarnatakaPonni", "Onthanel", "Ponni", "RR", "Surya", "Zonal"]
rng = np.random.default_rng(10407)
n = 42
image_ids = [f"{100000 + int(k)}.jpg" for k in rng.choice(10407, n, replace=False)]
train = pd.DataFrame({"image_id": image_ids,
                      "label": [LABELS[int(k)] for k in rng.integers(0, len(LABELS), n)],
                      "variety": [VARIETIES[int(k)] for k in rng.integers(0, len(VARIETIES), n)],
                      "age": rng.integers(45, 83, n)})
raw = {"train.csv": train.to_csv(index=False),
       "sample_submission.csv": pd.DataFrame({"image_id": ["200001.jpg", "200002.jpg"], "label": ["", ""]}).to_csv(index=False)}
for row in train.itertuples():
    raw[f"train_images/{row.label}/{row.image_id}"] = f"jpg {row.label} {row.image_id}"
raw["test_images/200001.jpg"] = "kaggle test jpg 1"
raw["test_images/200002.jpg"] = "kaggle test jpg 2"

# MLE-bench's prepare.py (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
old_sample_submission = pd.read_csv(io.StringIO(raw["sample_submission.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, train_size=0.75, random_state=0)
new_sample_submission = new_test[["image_id", "label"]].copy()
new_sample_submission["label"] = ""
out = {"public/train.csv": new_train.to_csv(index=False),
       "public/sample_submission.csv": new_sample_submission.to_csv(index=False),
       "private/test.csv": new_test.to_csv(index=False)}
for row in new_train.itertuples():
    out[f"public/train_images/{row.label}/{row.image_id}"] = raw[f"train_images/{row.label}/{row.image_id}"]
for row in new_test.itertuples():
    out[f"public/test_images/{row.image_id}"] = raw[f"train_images/{row.label}/{row.image_id}"]
assert len(new_train) + len(new_test) == len(old_train) and len(new_test) == 11
assert set(new_sample_submission.columns) == set(old_sample_submission.columns)

write_enum("Tests/MLECommandsTests/PaddyDiseaseRecipeVectors.swift", "recipe_paddy_disease.py", "PaddyDiseaseRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
