#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/RanzcrClipRecipeVectors.swift: synthetic raw files for
ranzcr-clip-catheter-line-classification's recipe in Kaggle's schema (train.csv with the 11 label
columns and PatientID, train_annotations.csv with several rows for some studies and none for others,
train/<StudyInstanceUID>.jpg) with what MLE-bench's prepare.py (@ 783b15af) writes from them: the
split, the annotations of the new train's studies, the images, and the sample submission of the 9
classes its classes.py lists.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_ranzcr_clip.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

KAGGLE_LABELS = ["ETT - Abnormal", "ETT - Borderline", "ETT - Normal", "NGT - Abnormal", "NGT - Borderline",
                 "NGT - Incompletely Imaged", "NGT - Normal", "CVC - Abnormal", "CVC - Borderline", "CVC - Normal",
                 "Swan Ganz Catheter Present"]
CLASSES = KAGGLE_LABELS[:9]  # MLE-bench's classes.py

rng = np.random.default_rng(14)
uids = [f"1.2.826.0.1.3680043.8.498.{int(rng.integers(10**17, 10**18))}" for _ in range(32)]
train = pd.DataFrame({"StudyInstanceUID": uids,
                      **{c: rng.integers(0, 2, len(uids)) for c in KAGGLE_LABELS},
                      "PatientID": [f"ec{int(rng.integers(10**8, 10**9)):x}" for _ in uids]})
annotated = [uids[int(rng.integers(0, len(uids)))] for _ in range(20)]
annotations = pd.DataFrame({"StudyInstanceUID": annotated,
                            "label": [["CVC - Normal", "ETT - Normal", "NGT - Normal"][int(rng.integers(0, 3))] for _ in annotated],
                            "data": [f"[[{int(rng.integers(0, 3000))}, {int(rng.integers(0, 3000))}]]" for _ in annotated]})
raw = {"train.csv": train.to_csv(index=False), "train_annotations.csv": annotations.to_csv(index=False)}
for u in uids:
    raw[f"train/{u}.jpg"] = u

# MLE-bench's steps, over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]))
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
old_annotations = pd.read_csv(io.StringIO(raw["train_annotations.csv"]))
new_annotations = old_annotations[old_annotations["StudyInstanceUID"].isin(new_train["StudyInstanceUID"])]
sample = new_test[["StudyInstanceUID"] + CLASSES]
sample[CLASSES] = 0
out = {"public/train.csv": new_train.to_csv(index=False),
       "public/train_annotations.csv": new_annotations.to_csv(index=False),
       "private/test.csv": new_test.to_csv(index=False),
       "public/sample_submission.csv": sample.to_csv(index=False)}
for folder, side in [("train", new_train), ("test", new_test)]:
    for u in side["StudyInstanceUID"]:
        out[f"public/{folder}/{u}.jpg"] = u

write_enum("Tests/MLECommandsTests/RanzcrClipRecipeVectors.swift", "recipe_ranzcr_clip.py", "RanzcrClipRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
