#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/PlantSeedlingsRecipeVectors.swift: synthetic raw files for
plant-seedlings-classification's recipe in Kaggle's schema (train/<species>/<file>.png under
Kaggle's twelve species folders, names with spaces among them, and one file that is not a .png;
test/ and sample_submission.csv, which prepare.py does not read) with what MLE-bench's prepare.py
writes from them: the listing of sorted(os.listdir) species folders and sorted file names ending
in .png (columns file, species), a 14% split (random_state 0), the sample submission the answers
with species "Sugar beet", train images copied to public/train/<species>/ and test images to
public/test/.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_plant_seedlings.py
"""
import os
import tempfile

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

SPECIES = ["Sugar beet", "Black-grass", "Common wheat", "Charlock", "Cleavers", "Common Chickweed", "Fat Hen",
           "Loose Silky-bent", "Maize", "Scentless Mayweed", "Shepherds Purse", "Small-flowered Cranesbill"]
rng = np.random.default_rng(4750)
raw = {}
for k in rng.integers(0, len(SPECIES), 47):
    raw[f"train/{SPECIES[int(k)]}/{int(rng.integers(0, 16**9)):09x}.png"] = f"png {int(k)}"
for s in SPECIES:  # every species folder holds at least one image
    raw[f"train/{s}/{int(rng.integers(0, 16**9)):09x}.png"] = f"png {s}"
raw["train/Charlock/notes.txt"] = "not an image"
raw["test/0021e90e4.png"] = "kaggle test png"
raw["sample_submission.csv"] = "file,species\n0021e90e4.png,Sugar beet\n"


def create_dataframe_from_directory(directory: str) -> pd.DataFrame:  # MLE-bench's, as it is
    data = []
    for label in sorted(os.listdir(directory)):  # Sort labels for determinism
        label_path = os.path.join(directory, label)
        if os.path.isdir(label_path):
            for file_name in sorted(os.listdir(label_path)):  # Sort files for determinism
                if file_name.endswith(".png"):
                    file_path = os.path.join(label_path, file_name)
                    data.append({"file": os.path.basename(file_path), "species": label})
    return pd.DataFrame(data)


# MLE-bench's prepare.py, over the same files written to a folder.
with tempfile.TemporaryDirectory() as tmp:
    for p, text in raw.items():
        os.makedirs(os.path.dirname(os.path.join(tmp, p)), exist_ok=True)
        with open(os.path.join(tmp, p), "w", encoding="utf-8") as f:
            f.write(text)
    old_train = create_dataframe_from_directory(os.path.join(tmp, "train"))
train_df, test_df = train_test_split(old_train, test_size=0.14, random_state=0)
submission_df = test_df.copy()
submission_df["species"] = "Sugar beet"
out = {"private/answers.csv": test_df.to_csv(index=False),
       "public/sample_submission.csv": submission_df.to_csv(index=False)}
for _, row in train_df.iterrows():
    out[f"public/train/{row['species']}/{row['file']}"] = raw[f"train/{row['species']}/{row['file']}"]
for _, row in test_df.iterrows():
    out[f"public/test/{row['file']}"] = raw[f"train/{row['species']}/{row['file']}"]
assert len(old_train) == 59 and len(test_df) == 9 and len(out) == 61

write_enum("Tests/MLECommandsTests/PlantSeedlingsRecipeVectors.swift", "recipe_plant_seedlings.py",
           "PlantSeedlingsRecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
