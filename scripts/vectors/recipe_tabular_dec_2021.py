#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/TabularDec2021RecipeVectors.swift: a synthetic train.csv for
tabular-playground-series-dec-2021's recipe in Kaggle's schema (Id, ten integer terrain columns,
some negative as in Kaggle's synthetic data, Wilderness_Area1-4 and Soil_Type1-40 flags,
Cover_Type 1-7) with what MLE-bench's prepare.py writes from it: a 10% split (random_state 0) of
47 rows, so ceil(4.7) = 5 test rows, and a sample submission of the test Ids with a constant
integer Cover_Type of 2.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_tabular_dec_2021.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

ROWS = 47
rng = np.random.default_rng(2021)
terrain = {"Elevation": (1800, 4000), "Aspect": (-30, 400), "Slope": (-3, 60),
           "Horizontal_Distance_To_Hydrology": (-80, 1500), "Vertical_Distance_To_Hydrology": (-200, 600),
           "Horizontal_Distance_To_Roadways": (-300, 7000), "Hillshade_9am": (-5, 270),
           "Hillshade_Noon": (40, 270), "Hillshade_3pm": (-10, 270), "Horizontal_Distance_To_Fire_Points": (-100, 7000)}
columns = {"Id": np.arange(ROWS)}
for name, (lo, hi) in terrain.items():
    columns[name] = rng.integers(lo, hi, ROWS)
for k in range(1, 5):
    columns[f"Wilderness_Area{k}"] = (rng.random(ROWS) < 0.3).astype(int)
for k in range(1, 41):
    columns[f"Soil_Type{k}"] = (rng.random(ROWS) < 0.05).astype(int)
columns["Cover_Type"] = rng.integers(1, 8, ROWS)
raw = {"train.csv": pd.DataFrame(columns).to_csv(index=False)}

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same file.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
new_test_without_labels = new_test.drop(columns=["Cover_Type"])
submission = pd.DataFrame({"Id": new_test["Id"].values, "Cover_Type": 2})
assert len(new_train) + len(new_test) == len(old_train) and len(new_test) == 5
assert set(new_train["Id"]).isdisjoint(set(new_test["Id"]))
assert len(new_test_without_labels) == len(new_test)
out = {"public/train.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False),
       "public/test.csv": new_test_without_labels.to_csv(index=False),
       "public/sample_submission.csv": submission.to_csv(index=False)}

write_enum("Tests/MLECommandsTests/TabularDec2021RecipeVectors.swift", "recipe_tabular_dec_2021.py", "TabularDec2021RecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
