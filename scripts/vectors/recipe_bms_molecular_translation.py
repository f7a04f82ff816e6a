#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/BmsMolecularTranslationRecipeVectors.swift: synthetic raw files
for bms-molecular-translation's recipe in Kaggle's schema (train_labels.csv with image_id, 12 hex
digits, and InChI strings, quoted where they hold commas; train/{c0}/{c1}/{c2}/{image_id}.png as
placeholder bytes; extra_approved_InChIs.csv) with what MLE-bench's prepare.py (@ 93ef3441) writes
from them: a 20% split (random_state 0) of 41 rows (ceil(8.2) = 9 test rows), read by pd.read_csv;
the images copied under the same three-level folders to public/train and public/test; the sample
submission of the test ids with the constant InChI "InChI=1S/H2O/h1H2"; extra_approved_InChIs.csv
copied unchanged. One id is all digits with a leading zero (kept as text, the column holding hex
letters elsewhere).

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_bms_molecular_translation.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

ROWS = 41
rng = np.random.default_rng(1)
INCHIS = ["InChI=1S/C13H20OS/c1-9(2)8-15-13-6-5-10(3)7-12(13)11(4)14/h5-7,9,11,14H,8H2,1-4H3",
          "InChI=1S/C21H30O4/c1-12(22)25-14-6-8-20(2)13(10-14)5-7-16-17(20)9-11-21(3)18(16)15(23)4-19(21)24/h13-14,16-18H,4-11H2,1-3H3/t13-,14+,16+,17-,18+,20+,21-/m1/s1",
          "InChI=1S/C24H23N5O4/c1-14-13-15(7-8-17(14)28-12-10-20(30)26-24(28)32)27-11-9-19(29)25-23(27)31/h7-13H,1-6H3,(H,25,29,31)",
          "InChI=1S/CH4/h1H4", "InChI=1S/C2H6O/c1-2-3/h3H,2H2,1H3"]
ids = [f"{int(rng.integers(0, 16**12)):012x}" for _ in range(ROWS)]
ids[5] = "012345678901"
labels = pd.DataFrame({"image_id": ids, "InChI": [INCHIS[int(rng.integers(0, len(INCHIS)))] for _ in ids]})
extra = pd.DataFrame({"InChI": INCHIS + ["InChI=1S/C6H6/c1-2-4-6-5-3-1/h1-6H"]})
raw = {"train_labels.csv": labels.to_csv(index=False), "extra_approved_InChIs.csv": extra.to_csv(index=False)}


def subpath(image_id):
    return f"{image_id[0]}/{image_id[1]}/{image_id[2]}/{image_id}.png"


for i in ids:
    raw[f"train/{subpath(i)}"] = f"png {i}"
raw["train/f/f/f/fffnotlisted0.png"] = "an image without a label, not copied"

# MLE-bench's steps, over the same files.
old_train = pd.read_csv(io.StringIO(raw["train_labels.csv"]))
new_train, new_test = train_test_split(old_train, test_size=0.2, random_state=0)
out = {"public/train_labels.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False)}
for _, row in new_train.iterrows():
    out[f"public/train/{subpath(row['image_id'])}"] = raw[f"train/{subpath(row['image_id'])}"]
for _, row in new_test.iterrows():
    out[f"public/test/{subpath(row['image_id'])}"] = raw[f"train/{subpath(row['image_id'])}"]
sample_submission = new_test.copy()
sample_submission["InChI"] = "InChI=1S/H2O/h1H2"
out["public/sample_submission.csv"] = sample_submission.to_csv(index=False)
out["public/extra_approved_InChIs.csv"] = raw["extra_approved_InChIs.csv"]
assert len(new_train) + len(new_test) == len(old_train) and len(new_test) == 9
assert "012345678901" in set(old_train["image_id"])

write_enum("Tests/MLECommandsTests/BmsMolecularTranslationRecipeVectors.swift", "recipe_bms_molecular_translation.py",
           "BmsMolecularTranslationRecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
