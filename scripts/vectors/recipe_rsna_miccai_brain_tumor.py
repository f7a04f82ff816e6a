#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/RsnaMiccaiBrainTumorRecipeVectors.swift: synthetic raw files for
rsna-miccai-brain-tumor-radiogenomic-classification's recipe in Kaggle's schema (train_labels.csv with
zero-padded BraTS21ID and MGMT_value; train/<BraTS21ID>/<FLAIR|T1w|T1wCE|T2w>/Image-<n>.dcm as
placeholder bytes) with what MLE-bench's prepare.py writes from them: a 10% row split (random_state 0)
with the ids kept as text, each case's folder copied whole, and a sample of MGMT_value 0.5.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    PYTHONPATH=.pydeps:scripts/vectors python3 scripts/vectors/recipe_rsna_miccai_brain_tumor.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(21)
ids = sorted({f"{int(rng.integers(0, 1011)):05d}" for _ in range(30)})
labels = pd.DataFrame({"BraTS21ID": ids, "MGMT_value": rng.integers(0, 2, len(ids))})
raw = {"train_labels.csv": labels.to_csv(index=False)}
for i in ids:
    for scan in ["FLAIR", "T1w", "T1wCE", "T2w"]:
        for n in range(1, int(rng.integers(2, 4))):
            raw[f"train/{i}/{scan}/Image-{n}.dcm"] = f"DICM {i} {scan} {n}"

# MLE-bench's steps, over the same files (mlebench.utils.read_csv: float_precision="round_trip").
old_train = pd.read_csv(io.StringIO(raw["train_labels.csv"]), float_precision="round_trip", dtype={"BraTS21ID": str, "MGMT_value": int})
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
submission_df = new_test.copy()
submission_df["MGMT_value"] = 0.5
out = {"public/train_labels.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False),
       "public/sample_submission.csv": submission_df.to_csv(index=False)}
for side, table in [("train", new_train), ("test", new_test)]:
    for file_id in table["BraTS21ID"]:
        for p, text in raw.items():
            if p.startswith(f"train/{file_id}/"):
                out[f"public/{side}/" + p[len("train/"):]] = text
assert out["private/test.csv"].splitlines()[1][:1] == "0"

write_enum("Tests/MLECommandsTests/RsnaMiccaiBrainTumorRecipeVectors.swift", "recipe_rsna_miccai_brain_tumor.py", "RsnaMiccaiBrainTumorRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
