#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/VinbigdataChestXrayRecipeVectors.swift: synthetic raw files for
vinbigdata-chest-xray-abnormalities-detection's recipe in Kaggle's schema (train.csv of image_id,
class_name, class_id, rad_id and box corners, several radiologists per image: "No finding" rows of
class 14 with empty boxes, repeated (image_id, class_id) pairs with different boxes;
train/<image_id>.dicom as placeholder bytes) with what MLE-bench's prepare.py writes from them: the
split by unique image_id, the sample in train_test_split's order, answers as the first annotation per
(image_id, class_id) with fillna(0) and x_max = y_max = 1.0 for class 14, the gold prediction strings,
and the copied images. prepare.py's asserts of Kaggle's 13,500/1,500 image counts are left out.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    PYTHONPATH=.pydeps:scripts/vectors python3 scripts/vectors/recipe_vinbigdata_chest_xray.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

CLASSES = ["Aortic enlargement", "Atelectasis", "Calcification", "Cardiomegaly", "Consolidation", "ILD", "Infiltration",
           "Lung Opacity", "Nodule/Mass", "Other lesion", "Pleural effusion", "Pleural thickening", "Pneumothorax",
           "Pulmonary fibrosis", "No finding"]

rng = np.random.default_rng(14)
rows = []
images = [f"{int(rng.integers(0, 2**62)):016x}{int(rng.integers(0, 2**62)):016x}" for _ in range(21)]
for image in images:
    rads = [f"R{int(r)}" for r in rng.choice(np.arange(1, 18), 3, replace=False)]
    normal = rng.random() < 0.4
    for rad in rads:
        if normal or rng.random() < 0.2:
            rows.append({"image_id": image, "class_name": "No finding", "class_id": 14, "rad_id": rad,
                         "x_min": np.nan, "y_min": np.nan, "x_max": np.nan, "y_max": np.nan})
            continue
        for c in sorted({int(c) for c in rng.integers(0, 14, int(rng.integers(1, 3)))}):
            x, y = float(rng.integers(0, 2000)), float(rng.integers(0, 2000))
            rows.append({"image_id": image, "class_name": CLASSES[c], "class_id": c, "rad_id": rad, "x_min": x, "y_min": y,
                         "x_max": x + float(rng.integers(10, 800)), "y_max": y + round(float(rng.uniform(10, 800)), 1)})
raw = {"train.csv": pd.DataFrame(rows).sample(frac=1, random_state=1).to_csv(index=False)}
for image in images:
    raw[f"train/{image}.dicom"] = f"DICM {image}"

# MLE-bench's steps, over the same files (mlebench.utils.read_csv: float_precision="round_trip").
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
train_image_ids, test_image_ids = train_test_split(old_train["image_id"].unique(), test_size=0.1, random_state=0)
new_train = old_train[old_train["image_id"].isin(train_image_ids)]
answers = old_train[old_train["image_id"].isin(test_image_ids)]
sample_submission = pd.DataFrame({"image_id": test_image_ids, "PredictionString": "14 1 0 0 1 1"})
answers = answers.groupby(by=["image_id", "class_id"]).first().reset_index()
answers = answers.fillna(0)
answers.loc[answers["class_id"] == 14, ["x_max", "y_max"]] = 1.0
gold = answers[["image_id", "class_id", "x_min", "y_min", "x_max", "y_max"]].copy()
gold.loc[:, "PredictionString"] = gold.apply(
    lambda row: f"{row['class_id']} 1.0 {row['x_min']} {row['y_min']} {row['x_max']} {row['y_max']}", axis=1)
gold = gold.groupby("image_id")["PredictionString"].agg(" ".join).reset_index()
gold = gold.reset_index(drop=True)
assert len(test_image_ids) == 3 and len(answers) > len(test_image_ids)
out = {"public/train.csv": new_train.to_csv(index=False), "public/sample_submission.csv": sample_submission.to_csv(index=False),
       "private/answers.csv": answers.to_csv(index=False), "private/gold_submission.csv": gold.to_csv(index=False)}
for side, ids in [("train", train_image_ids), ("test", test_image_ids)]:
    for file_id in ids:
        out[f"public/{side}/{file_id}.dicom"] = raw[f"train/{file_id}.dicom"]

write_enum("Tests/MLECommandsTests/VinbigdataChestXrayRecipeVectors.swift", "recipe_vinbigdata_chest_xray.py", "VinbigdataChestXrayRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
