#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/WhaleCategorizationRecipeVectors.swift: synthetic raw files for
whale-categorization-playground's recipe in Kaggle's schema (train.csv with Image and Id, new_whale
among the Ids; the images train/<Image>) with what MLE-bench's prepare.py writes from them: per Id
(first-appearance order) two images of a larger group drawn by sample(2, random_state=0), the
first to train and the second to test; a single image to train or test by default_rng(0).choice
with p = [0.9, 0.1]; the undecided rest by a 10% split (random_state 0); test Ids absent from train
renamed new_whale; a fixed five-Id sample submission; images copied by name. The Ids' groups are
interleaved in the file and some singletons land in the test.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_whale_categorization.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(77)
whales = [f"w_{int(rng.integers(0, 2**31)):07x}"[:9] for _ in range(30)]
# Group sizes: new_whale 9 images, a few Ids with 2 to 5 images, the rest singletons.
sizes = {"new_whale": 9, whales[0]: 5, whales[1]: 4, whales[2]: 3, whales[3]: 2, whales[4]: 2}
ids = []
for w, k in sizes.items():
    ids += [w] * k
ids += whales[5:]
ids = [ids[i] for i in rng.permutation(len(ids))]
images = [f"{int(rng.integers(0, 2**31)):08x}.jpg" for _ in ids]
train = pd.DataFrame({"Image": images, "Id": ids})
raw = {"train.csv": train.to_csv(index=False)}
for image in images:
    raw[f"train/{image}"] = f"image {image}"

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
old_train["split"] = "undecided"
target_test_size = 0.1
np_rng = np.random.default_rng(0)
for whale_id in old_train["Id"].unique():
    whale_images = old_train[old_train["Id"] == whale_id]
    if len(whale_images) >= 2:
        selected = whale_images.sample(2, random_state=0)
        old_train.loc[selected.index[0], "split"] = "train"
        old_train.loc[selected.index[1], "split"] = "test"
    else:
        old_train.loc[whale_images.index[0], "split"] = np_rng.choice(
            ["train", "test"], replace=False, p=[1 - target_test_size, target_test_size]
        )
remaining_data = old_train[old_train["split"] == "undecided"]
tr, te = train_test_split(remaining_data, test_size=target_test_size, random_state=0)
old_train.loc[tr.index, "split"] = "train"
old_train.loc[te.index, "split"] = "test"
new_train = old_train[old_train["split"] == "train"].drop(columns=["split"]).copy()
answers = old_train[old_train["split"] == "test"].drop(columns=["split"]).copy()
ids_in_test_but_not_train = set(answers["Id"]) - set(new_train["Id"])
answers.loc[answers["Id"].isin(ids_in_test_but_not_train), "Id"] = "new_whale"
sample_submission = answers.copy()
sample_submission["Id"] = "new_whale w_1287fbc w_98baff9 w_7554f44 w_1eafe46"
assert "new_whale" in answers["Id"].values
assert len(ids_in_test_but_not_train) >= 2, "some singletons go to the test and become new_whale"
assert len(te) >= 1

out = {"private/test.csv": answers.to_csv(index=False), "public/train.csv": new_train.to_csv(index=False),
       "public/sample_submission.csv": sample_submission.to_csv(index=False)}
for file_id in new_train["Image"]:
    out[f"public/train/{file_id}"] = raw[f"train/{file_id}"]
for file_id in answers["Image"]:
    out[f"public/test/{file_id}"] = raw[f"train/{file_id}"]

write_enum("Tests/MLECommandsTests/WhaleCategorizationRecipeVectors.swift", "recipe_whale_categorization.py",
           "WhaleCategorizationRecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
