#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/HubmapKidneyRecipeVectors.swift: synthetic raw files for
hubmap-kidney-segmentation's recipe in Kaggle's schema (train.csv of Kaggle's 15 images, id and an
RLE encoding; HuBMAP-20-dataset_information.csv of 20 images, the 15 and 5 test images, with its 16
columns; train/<id>.tiff, <id>.json and <id>-anatomical-structure.json as placeholder bytes) with what
MLE-bench's prepare.py writes from them: the 12/3 split, the dataset information of train.csv's ids,
the test rows merged with width and height, the empty sample (also in public/test/), the gold
encodings, and the copied files.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    PYTHONPATH=.pydeps:scripts/vectors python3 scripts/vectors/recipe_hubmap_kidney.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(15)
ids = [f"{int(rng.integers(0, 16**9)):09x}" for _ in range(20)]
train_ids = ids[:15]
train = pd.DataFrame({"id": train_ids,
                      "encoding": [" ".join(str(int(v)) for v in np.cumsum(rng.integers(1, 10**6, 2 * int(rng.integers(1, 5)))))
                                   for _ in train_ids]})
order = list(rng.permutation(20))  # the information lists train and test images mixed
info = pd.DataFrame({"image_file": [f"{ids[k]}.tiff" for k in order],
                     "width_pixels": [int(rng.integers(20000, 50000)) for _ in order],
                     "height_pixels": [int(rng.integers(15000, 40000)) for _ in order],
                     "anatomical_structures_segmention_file": [f"{ids[k]}-anatomical-structure.json" for k in order],
                     "glomerulus_segmentation_file": [f"{ids[k]}.json" for k in order],
                     "patient_number": [int(rng.integers(60000, 70000)) for _ in order],
                     "race": [str(rng.choice(["White", "Black or African American"])) for _ in order],
                     "ethnicity": [str(rng.choice(["Not Hispanic or Latino", "Hispanic or Latino"])) for _ in order],
                     "sex": [str(rng.choice(["Male", "Female"])) for _ in order],
                     "age": [int(rng.integers(30, 80)) for _ in order],
                     "weight_kilograms": [round(float(rng.uniform(50, 120)), 1) for _ in order],
                     "height_centimeters": [round(float(rng.uniform(150, 195)), 1) for _ in order],
                     "bmi_kg/m^2": [round(float(rng.uniform(18, 40)), 1) for _ in order],
                     "laterality": [str(rng.choice(["Left", "Right"])) for _ in order],
                     "percent_cortex": [int(rng.integers(50, 100)) for _ in order],
                     "percent_medulla": [int(rng.integers(0, 50)) for _ in order]})
raw = {"train.csv": train.to_csv(index=False), "HuBMAP-20-dataset_information.csv": info.to_csv(index=False)}
for i in train_ids:
    raw[f"train/{i}.tiff"] = f"TIFF {i}"
    raw[f"train/{i}.json"] = f'[{{"type": "Feature", "id": "{i}"}}]'
    raw[f"train/{i}-anatomical-structure.json"] = f'[{{"type": "Feature", "structure": "{i}"}}]'

# MLE-bench's steps, over the same files (mlebench.utils.read_csv: float_precision="round_trip").
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
old_dataset_info = pd.read_csv(io.StringIO(raw["HuBMAP-20-dataset_information.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, train_size=12, test_size=3, random_state=0)
old_dataset_info["id"] = old_dataset_info["image_file"].str.replace(".tiff", "")
dataset_info = old_dataset_info[old_dataset_info["id"].isin(old_train["id"])]
new_test = new_test.merge(dataset_info[["id", "width_pixels", "height_pixels"]], on="id")
dataset_info = dataset_info.drop(columns=["id"], inplace=False)
sample_submission = new_test[["id"]].copy()
sample_submission["predicted"] = ""
gold_submission = sample_submission.copy()
gold_submission["predicted"] = new_test["encoding"]
assert gold_submission["predicted"].equals(new_test["encoding"]) and len(dataset_info) == 15
out = {"public/HuBMAP-20-dataset_information.csv": dataset_info.to_csv(index=False),
       "public/train.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False),
       "public/sample_submission.csv": sample_submission.to_csv(index=False),
       "private/gold_submission.csv": gold_submission.to_csv(index=False)}
for side, table in [("train", new_train), ("test", new_test)]:
    for image_id in table["id"]:
        for suffix in [".tiff", ".json", "-anatomical-structure.json"]:
            out[f"public/{side}/{image_id}{suffix}"] = raw[f"train/{image_id}{suffix}"]
out["public/test/sample_submission.csv"] = out["public/sample_submission.csv"]

write_enum("Tests/MLECommandsTests/HubmapKidneyRecipeVectors.swift", "recipe_hubmap_kidney.py", "HubmapKidneyRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
