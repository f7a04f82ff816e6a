#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/TgsSaltRecipeVectors.swift: synthetic raw files for
tgs-salt-identification-challenge's recipe in Kaggle's schema (depths.csv with id and z for train and
test ids; the nested competition_data.zip, which the test packs, holding competition_data/train.csv
with id and rle_mask, empty for some, and the pngs competition_data/train/{images,masks}/<id>.png and
competition_data/test/images/<id>.png) with what MLE-bench's prepare.py writes from them: a 25%
split (random_state 0) after fillna(""), each table sorted by id, train images and masks and test
images copied, a sample submission of rle_mask "1 1", depths.csv kept for the new train's ids.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_tgs_salt.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(101)
ids = [f"{int(rng.integers(0, 2**62)):016x}"[-10:] for _ in range(30)]
test_ids = [f"{int(rng.integers(0, 2**62)):016x}"[-10:] for _ in range(5)]


def rle() -> str:
    if rng.random() < 0.4:
        return ""
    starts = sorted(int(s) for s in rng.choice(10000, 3, replace=False))
    return " ".join(f"{s} {int(rng.integers(1, 90))}" for s in starts)


train = pd.DataFrame({"id": ids, "rle_mask": [rle() for _ in ids]})
all_depth_ids = ids + test_ids
depths = pd.DataFrame({"id": [all_depth_ids[i] for i in rng.permutation(len(all_depth_ids))],
                       "z": rng.integers(50, 960, len(all_depth_ids))})
raw = {"depths.csv": depths.to_csv(index=False)}
zipped = {"competition_data/train.csv": train.to_csv(index=False)}  # members of competition_data.zip
for i in ids:
    zipped[f"competition_data/train/images/{i}.png"] = f"image {i}"
    zipped[f"competition_data/train/masks/{i}.png"] = f"mask {i}"
for i in test_ids:
    zipped[f"competition_data/test/images/{i}.png"] = f"test image {i}"

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(zipped["competition_data/train.csv"]), float_precision="round_trip")
assert old_train["rle_mask"].isna().any()
old_train = old_train.fillna("")
new_train, new_test = train_test_split(old_train, test_size=0.25, random_state=0)
new_train_ids = set(new_train["id"])
new_test_ids = set(new_test["id"])
out = {"public/train.csv": new_train.sort_values(by="id").to_csv(index=False),
       "private/test.csv": new_test.sort_values(by="id").to_csv(index=False)}
old_train_imgs = [p for p in zipped if p.startswith("competition_data/train/images/")]
for p in old_train_imgs:
    stem = p.rsplit("/", 1)[1][: -len(".png")]
    name = p.rsplit("/", 1)[1]
    if stem in new_train_ids:
        out[f"public/train/images/{name}"] = zipped[p]
        out[f"public/train/masks/{name}"] = zipped[f"competition_data/train/masks/{name}"]
    if stem in new_test_ids:
        out[f"public/test/images/{name}"] = zipped[p]
sample_submission = new_test.drop(columns=["rle_mask"]).copy()
sample_submission["rle_mask"] = "1 1"
out["public/sample_submission.csv"] = sample_submission.sort_values(by="id").to_csv(index=False)
old_depths = pd.read_csv(io.StringIO(raw["depths.csv"]), float_precision="round_trip")
new_depths = old_depths[old_depths["id"].isin(new_train_ids)]
out["public/depths.csv"] = new_depths.sort_values(by="id").to_csv(index=False)
assert len(new_test) == 8

write_enum("Tests/MLECommandsTests/TgsSaltRecipeVectors.swift", "recipe_tgs_salt.py", "TgsSaltRecipeVectors",
           [texts_by_path("Raw files by path (depths.csv as it lies).", "rawFiles", raw),
            texts_by_path("The members of the nested competition_data.zip, packed by the test.", "zipped", zipped)],
           out)
