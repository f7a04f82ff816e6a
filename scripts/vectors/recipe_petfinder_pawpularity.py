#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/PetfinderPawpularityRecipeVectors.swift: synthetic raw files for
petfinder-pawpularity-score's recipe in Kaggle's schema (train.csv with a 32-hex Id, the twelve 0/1
photo-metadata columns, some named with a space as Kaggle's "Subject Focus", and an integer
Pawpularity 1-100; train/<Id>.jpg as placeholder bytes) with what MLE-bench's prepare.py writes from
them: a 10% split (random_state 0) of 43 rows, so ceil(4.3) = 5 test rows, a sample submission of
np.random.default_rng(0).uniform(1, 100, 5).round(2), and each image copied to public/train or
public/test by its Id. One image in train/ has no row and is not copied.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_petfinder_pawpularity.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

ROWS = 43
rng = np.random.default_rng(9912)
ids = [f"{int(rng.integers(0, 2**63)):016x}{int(rng.integers(0, 2**63)):016x}" for _ in range(ROWS + 1)]
columns = {"Id": ids[:ROWS]}
for name in ["Subject Focus", "Eyes", "Face", "Near", "Action", "Accessory", "Group", "Collage", "Human",
             "Occlusion", "Info", "Blur"]:
    columns[name] = (rng.random(ROWS) < 0.4).astype(int)
columns["Pawpularity"] = rng.integers(1, 101, ROWS)
raw = {"train.csv": pd.DataFrame(columns).to_csv(index=False)}
for i in ids:
    raw[f"train/{i}.jpg"] = f"jpeg {i}"

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
np_rng = np.random.default_rng(0)
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
new_test_without_labels = new_test.drop(columns=["Pawpularity"])
sample_submission = new_test[["Id", "Pawpularity"]].copy()
sample_submission["Pawpularity"] = np_rng.uniform(1, 100, len(sample_submission)).round(2)
assert len(new_train) + len(new_test) == len(old_train) and len(new_test) == 5
assert new_test_without_labels.columns.tolist() == new_train.columns.tolist()[:-1]
assert set(new_train["Id"]).isdisjoint(set(new_test["Id"]))
out = {"public/train.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False),
       "public/test.csv": new_test_without_labels.to_csv(index=False),
       "public/sample_submission.csv": sample_submission.to_csv(index=False)}
for i in new_train["Id"]:
    out[f"public/train/{i}.jpg"] = raw[f"train/{i}.jpg"]
for i in new_test_without_labels["Id"]:
    out[f"public/test/{i}.jpg"] = raw[f"train/{i}.jpg"]

write_enum("Tests/MLECommandsTests/PetfinderPawpularityRecipeVectors.swift", "recipe_petfinder_pawpularity.py", "PetfinderPawpularityRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
