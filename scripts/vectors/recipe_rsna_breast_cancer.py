#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/RsnaBreastCancerRecipeVectors.swift: synthetic raw files for
rsna-breast-cancer-detection's recipe in Kaggle's schema (train.csv with its 14 columns, several images
per patient and laterality, empty ages and BIRADS, density letters or empty, True/False
difficult_negative_case; train_images/<patient_id>/<image_id>.dcm as placeholder bytes) with what
MLE-bench's prepare.py writes from them: the split by unique patient_id (random_state 42), the public
test with prediction_id, the answers as groupby(prediction_id).first(), the sample of the new train's
mean cancer rate, and the images under each side's folder.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    PYTHONPATH=.pydeps:scripts/vectors python3 scripts/vectors/recipe_rsna_breast_cancer.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

test_columns = ["site_id", "patient_id", "image_id", "laterality", "view", "age", "implant", "machine_id", "prediction_id"]
submission_columns = ["prediction_id", "cancer"]

rng = np.random.default_rng(46)
rows = []
for _ in range(14):
    patient = int(10 ** rng.uniform(1, 4.8))
    age = float(rng.integers(38, 80)) if rng.random() < 0.85 else np.nan
    site, machine = int(rng.integers(1, 3)), int(rng.choice([21, 29, 48, 49, 93, 170, 190, 197, 210, 216]))
    for lat in ["L", "R"]:
        cancer = int(rng.random() < 0.25)
        for view in ["CC", "MLO"][: int(rng.integers(1, 3))] + (["MLO"] if rng.random() < 0.2 else []):
            rows.append({"site_id": site, "patient_id": patient, "image_id": int(rng.integers(10**5, 2**31)), "laterality": lat,
                         "view": view, "age": age, "cancer": cancer, "biopsy": cancer, "invasive": cancer if rng.random() < 0.5 else 0,
                         "BIRADS": float(rng.integers(0, 3)) if rng.random() < 0.6 else np.nan, "implant": int(rng.random() < 0.1),
                         "density": str(rng.choice(["A", "B", "C", "D"])) if rng.random() < 0.6 else np.nan, "machine_id": machine,
                         "difficult_negative_case": bool(rng.random() < 0.2)})
raw = {"train.csv": pd.DataFrame(rows).to_csv(index=False)}
for r in rows:
    raw[f"train_images/{r['patient_id']}/{r['image_id']}.dcm"] = f"DICM {r['patient_id']} {r['image_id']}"

# MLE-bench's steps, over the same files (mlebench.utils.read_csv: float_precision="round_trip").
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
train_patients, test_patients = train_test_split(old_train["patient_id"].unique(), test_size=0.1, random_state=42)
train_patients, test_patients = set(train_patients), set(test_patients)
new_train = old_train[old_train["patient_id"].isin(train_patients)].copy()
answers = old_train[old_train["patient_id"].isin(test_patients)][test_columns[:-1] + ["cancer"]].copy()
answers["prediction_id"] = answers["patient_id"].astype(str) + "_" + answers["laterality"]
new_test_without_labels = answers.drop(columns=["cancer"])
answers = answers[submission_columns].copy()
answers = answers.groupby("prediction_id").first().reset_index()
sample_submission = answers.copy()
sample_submission["cancer"] = new_train.cancer.mean()
assert len(answers) != len(new_test_without_labels) and new_test_without_labels.columns.tolist() == test_columns
out = {"public/train.csv": new_train.to_csv(index=False), "public/test.csv": new_test_without_labels.to_csv(index=False),
       "private/answers.csv": answers.to_csv(index=False), "public/sample_submission.csv": sample_submission.to_csv(index=False)}
for side, patients, table in [("train", train_patients, new_train), ("test", test_patients, new_test_without_labels)]:
    for patient_id in patients:
        for image_id in table[table["patient_id"] == patient_id]["image_id"].to_list():
            out[f"public/{side}_images/{patient_id}/{image_id}.dcm"] = raw[f"train_images/{patient_id}/{image_id}.dcm"]

write_enum("Tests/MLECommandsTests/RsnaBreastCancerRecipeVectors.swift", "recipe_rsna_breast_cancer.py", "RsnaBreastCancerRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
