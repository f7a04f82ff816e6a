#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/AerialCactusRecipeVectors.swift: synthetic raw files for
aerial-cactus-identification's recipe in Kaggle's schema (train.csv with id = "<hex>.jpg" and
has_cactus, and the images train/<id>, zipped as the nested train.zip by the test) with what
MLE-bench's prepare.py writes from them: a 19% split (random_state 0), the sample submission with
has_cactus = 0.5, and the images of each side, copied into public/train and public/test and
re-zipped by mlebench.utils.compress (members named relative to the folder) into public/train.zip
and public/test.zip, the folders then removed.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_aerial_cactus.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(41)
ids = [f"{int(rng.integers(0, 2**63)):016x}{int(rng.integers(0, 2**63)):016x}.jpg" for _ in range(37)]
train = pd.DataFrame({"id": ids, "has_cactus": rng.integers(0, 2, len(ids))})
raw_csv = {"train.csv": train.to_csv(index=False)}
images = {f"train/{i}": f"image {i}" for i in ids}

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw_csv["train.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, test_size=0.19, random_state=0)
sample_submission = new_test.copy()
sample_submission["has_cactus"] = 0.5
out = {"public/train.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False),
       "public/sample_submission.csv": sample_submission.to_csv(index=False)}
# The zips' members: compress(public / "train", public / "train.zip") names each by its path below the folder.
zipped = {}
for image_id in new_train["id"]:
    zipped[f"public/train.zip/{image_id}"] = images[f"train/{image_id}"]
for image_id in new_test["id"]:
    zipped[f"public/test.zip/{image_id}"] = images[f"train/{image_id}"]
assert len(new_test) == 8 and len(new_train) == 29

write_enum("Tests/MLECommandsTests/AerialCactusRecipeVectors.swift", "recipe_aerial_cactus.py", "AerialCactusRecipeVectors",
           [texts_by_path("Raw files by path (train.csv as it lies).", "rawFiles", raw_csv),
            texts_by_path("Raw images by path, packed into the nested train.zip by the test.", "images", images),
            texts_by_path("Members of public/train.zip and public/test.zip: <zip>/<member> → bytes.", "zipped", zipped)],
           out)
