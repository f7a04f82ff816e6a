#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/HistopathologicRecipeVectors.swift: synthetic raw files for
histopathologic-cancer-detection's recipe in Kaggle's schema (train_labels.csv with id and label,
train/<id>.tif, and a test/ folder whose .tif files only count) with what MLE-bench's prepare.py
writes from them. The test folder's size is not Kaggle's (57,458 files beside 220,025 rows), so
test_size = num_test / (len(train_labels) + num_test) must be derived from the files; test/ also holds
a file of another kind and a subfolder, which glob("*.tif") does not count.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_histopathologic.py
"""
import io
from pathlib import Path
import tempfile

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(57)
ids = [f"{int(rng.integers(0, 2**63)):016x}"[:12] + "a" * 28 for _ in range(30)]
labels = pd.DataFrame({"id": ids, "label": rng.integers(0, 2, len(ids))})
raw = {"train_labels.csv": labels.to_csv(index=False)}
for i in ids:
    raw[f"train/{i}.tif"] = i
for k in range(11):
    raw[f"test/t{k:03d}.tif"] = f"test {k}"
raw["test/readme.txt"] = "not an image"
raw["test/nested/t999.tif"] = "below test/, not counted"

with tempfile.TemporaryDirectory() as tmp:  # count the test images as prepare.py does, on real files
    for path, text in raw.items():
        (Path(tmp) / path).parent.mkdir(parents=True, exist_ok=True)
        (Path(tmp) / path).write_text(text)
    num_test = len(list((Path(tmp) / "test").glob("*.tif")))
assert num_test == 11

# MLE-bench's steps, over the same files.
old_train = pd.read_csv(io.StringIO(raw["train_labels.csv"]))
test_ratio = num_test / (len(old_train) + num_test)
new_train_ids, new_test_ids = train_test_split(old_train["id"], test_size=test_ratio, random_state=0)
new_train = old_train[old_train["id"].isin(new_train_ids)]
new_test = old_train[old_train["id"].isin(new_test_ids)]
sample = new_test.copy()
sample["label"] = 0
out = {"public/train_labels.csv": new_train.to_csv(index=False), "private/answers.csv": new_test.to_csv(index=False),
       "public/sample_submission.csv": sample.to_csv(index=False)}
for i in new_train_ids:
    out[f"public/train/{i}.tif"] = i
for i in new_test_ids:
    out[f"public/test/{i}.tif"] = i
assert len(new_test) != round(0.20706854113585338 * len(old_train)), "Kaggle's share would split these rows differently"

write_enum("Tests/MLECommandsTests/HistopathologicRecipeVectors.swift", "recipe_histopathologic.py", "HistopathologicRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
