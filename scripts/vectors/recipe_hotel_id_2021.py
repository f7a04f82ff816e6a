#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/HotelId2021RecipeVectors.swift: synthetic raw files for
hotel-id-2021-fgvc8's recipe in Kaggle's schema (train.csv with image, chain, hotel_id, timestamp;
the images train_images/<chain>/<image>) with what MLE-bench's prepare.py writes from them: the
image ce27d36c9147cc19.jpg (listed twice, under two chains) dropped, a 10% split (random_state 0),
a sample submission of image and the fixed five hotel ids, train images copied under their chain,
test images flat into public/test_images.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_hotel_id_2021.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(2021)
n = 34
images = [f"{int(rng.integers(0, 2**63)):016x}.jpg" for _ in range(n)]
chains = [int(c) for c in rng.integers(0, 5, n)]
hotel_ids = [int(h) for h in rng.integers(0, 90000, n)]
stamps = [f"2018-0{int(rng.integers(1, 10))}-1{int(rng.integers(0, 10))} 1{int(rng.integers(0, 10))}:2{int(rng.integers(0, 10))}:0{int(rng.integers(0, 10))}" for _ in range(n)]
# The duplicated image of Kaggle's file, twice, under two chains.
images[5], chains[5] = "ce27d36c9147cc19.jpg", 1
images[20], chains[20] = "ce27d36c9147cc19.jpg", 3
train = pd.DataFrame({"image": images, "chain": chains, "hotel_id": hotel_ids, "timestamp": stamps})
raw = {"train.csv": train.to_csv(index=False)}
for image, chain in zip(images, chains):
    raw[f"train_images/{chain}/{image}"] = f"image {chain}/{image}"

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
old_train = old_train[old_train["image"] != "ce27d36c9147cc19.jpg"]
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
sample_submission = new_test.copy()[["image", "hotel_id"]]
sample_submission["hotel_id"] = "36363 53586 18807 64314 60181"
out = {"public/train.csv": new_train.to_csv(index=False),
       "public/sample_submission.csv": sample_submission.to_csv(index=False),
       "private/test.csv": new_test.to_csv(index=False)}
for image, chain in zip(new_train["image"], new_train["chain"]):
    chain = str(chain)
    out[f"public/train_images/{chain}/{image}"] = raw[f"train_images/{chain}/{image}"]
for image, chain in zip(new_test["image"], new_test["chain"]):
    chain = str(chain)
    out[f"public/test_images/{image}"] = raw[f"train_images/{chain}/{image}"]
assert len(old_train) == n - 2 and len(new_test) == 4

write_enum("Tests/MLECommandsTests/HotelId2021RecipeVectors.swift", "recipe_hotel_id_2021.py", "HotelId2021RecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
