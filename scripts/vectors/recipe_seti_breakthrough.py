#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/SetiBreakthroughRecipeVectors.swift: synthetic raw files for
seti-breakthrough-listen's recipe in Kaggle's schema (train_labels.csv with id and target; the arrays
train/<id[0]>/<id>.npy; old_leaky_data/ with files and a subfolder) with what MLE-bench's prepare.py
writes from them: a 10% split (random_state 0), old_leaky_data copied whole, each side's .npy files
under public/train or public/test keeping the <id[0]> folder, a sample submission of target 0.5.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_seti_breakthrough.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(1420)
ids = [f"{int(rng.integers(0, 2**62)):016x}"[1:] for _ in range(38)]
labels = pd.DataFrame({"id": ids, "target": rng.integers(0, 2, len(ids))})
raw = {"train_labels.csv": labels.to_csv(index=False)}
for i in ids:
    raw[f"train/{i[0]}/{i}.npy"] = f"array {i}"
raw["old_leaky_data/train_labels_old.csv"] = "id,target\n00034abb3629,0\n"
raw["old_leaky_data/train_old/0/00034abb3629.npy"] = "old array"
raw["old_leaky_data/test_old/f/f0f9a1e2c3d4.npy"] = "old test array"

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train_labels.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
out = {"public/train_labels.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False)}
for path, text in raw.items():  # shutil.copytree(raw / "old_leaky_data", public / "old_leaky_data")
    if path.startswith("old_leaky_data/"):
        out[f"public/{path}"] = text
for file_id in new_train["id"]:
    out[f"public/train/{file_id[0]}/{file_id}.npy"] = raw[f"train/{file_id[0]}/{file_id}.npy"]
for file_id in new_test["id"]:
    out[f"public/test/{file_id[0]}/{file_id}.npy"] = raw[f"train/{file_id[0]}/{file_id}.npy"]
sample_submission = new_test.copy()
sample_submission["target"] = 0.5
out["public/sample_submission.csv"] = sample_submission.to_csv(index=False)
assert len(new_test) == 4 and len({i[0] for i in ids}) > 8

write_enum("Tests/MLECommandsTests/SetiBreakthroughRecipeVectors.swift", "recipe_seti_breakthrough.py",
           "SetiBreakthroughRecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
