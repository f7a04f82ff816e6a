#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/IWildCam2019RecipeVectors.swift: synthetic raw files for
iwildcam-2019-fgvc6's recipe in Kaggle's schema (train.csv with category_id, date_captured,
file_name, frame_num, id, location, rights_holder, seq_id, seq_num_frames, width, height; the images
<id>.jpg flat in train_images.zip, which the test packs) with what MLE-bench's prepare.py writes from
them: the unique locations (first-appearance order) split 10% (random_state 8), each side's rows in
file order; answers, gold answers (Id, Category), the public test without category_id, a sample
submission of Category 0 written with its index (the rows' positions in train.csv); the images of
each side copied and zipped by shutil.make_archive (members named relative to the folder), the
folders removed. Some rights_holder cells are empty (NaN, written back empty).

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_iwildcam_2019.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(2019)
n = 45


def uuid() -> str:
    h = f"{int(rng.integers(0, 2**63)):016x}{int(rng.integers(0, 2**63)):016x}"
    return f"{h[:8]}-{h[8:12]}-11e8-{h[16:20]}-{h[20:32]}"


ids = [uuid() for _ in range(n)]
location_pool = [int(x) for x in rng.choice(140, 21, replace=False)]
locations = [location_pool[int(k)] for k in rng.integers(0, len(location_pool), n)]
holders = ["Justin Brown", "Erin Boydston", ""]
train = pd.DataFrame({
    "category_id": [int(c) for c in rng.choice([0, 1, 3, 8, 10, 11, 13, 16, 19, 22], n)],
    "date_captured": [f"2012-0{int(rng.integers(1, 10))}-2{int(rng.integers(0, 9))} 0{int(rng.integers(0, 10))}:1{int(rng.integers(0, 10))}:3{int(rng.integers(0, 10))}" for _ in range(n)],
    "file_name": [f"{i}.jpg" for i in ids],
    "frame_num": [int(f) for f in rng.integers(1, 4, n)],
    "id": ids,
    "location": locations,
    "rights_holder": [holders[int(k)] for k in rng.integers(0, 3, n)],
    "seq_id": [uuid() for _ in range(n)],
    "seq_num_frames": [int(f) for f in rng.integers(1, 4, n)],
    "width": 1024,
    "height": 747,
})
raw = {"train.csv": train.to_csv(index=False)}
images = {f"{i}.jpg": f"image {i}" for i in ids}  # flat members of train_images.zip

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
assert old_train["rights_holder"].isna().any()
test_size = 0.1
locs = old_train["location"].unique()
train_locations, test_locations = train_test_split(locs, test_size=test_size, random_state=8)
old_train["split"] = old_train["location"].apply(lambda loc: "test" if loc in test_locations else "train")
new_train = old_train[old_train["split"] == "train"].drop(columns=["split"])
answers = old_train[old_train["split"] == "test"].drop(columns=["split"])
old_train = old_train.drop(columns=["split"])
new_test = answers.copy().drop(columns=["category_id"])
gold_submission = answers.copy()[["id", "category_id"]]
gold_submission.rename(columns={"id": "Id", "category_id": "Category"}, inplace=True)
submission_df = new_test.copy()[["id"]]
submission_df["category_id"] = 0
submission_df.rename(columns={"id": "Id", "category_id": "Category"}, inplace=True)
assert len(locs) == 19 and len(test_locations) == 2 and 0 < len(answers) < n

out = {"private/test.csv": answers.to_csv(index=False), "private/answers.csv": gold_submission.to_csv(index=False),
       "public/train.csv": new_train.to_csv(index=False), "public/test.csv": new_test.to_csv(index=False),
       "public/sample_submission.csv": submission_df.to_csv(index=True)}
# make_archive(public / "train_images", "zip", public / "train_images"): members named by their file names.
zipped = {}
for file_id in new_train["id"]:
    zipped[f"public/train_images.zip/{file_id}.jpg"] = images[f"{file_id}.jpg"]
for file_id in new_test["id"]:
    zipped[f"public/test_images.zip/{file_id}.jpg"] = images[f"{file_id}.jpg"]

write_enum("Tests/MLECommandsTests/IWildCam2019RecipeVectors.swift", "recipe_iwildcam_2019.py", "IWildCam2019RecipeVectors",
           [texts_by_path("Raw files by path (train.csv as it lies).", "rawFiles", raw),
            texts_by_path("The flat members of the nested train_images.zip, packed by the test.", "images", images),
            texts_by_path("Members of public/train_images.zip and public/test_images.zip: <zip>/<member> → bytes.", "zipped", zipped)],
           out)
