#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/VentilatorPressureRecipeVectors.swift: a synthetic train.csv for
ventilator-pressure-prediction's recipe (breaths scattered through the file, floats with more than
ten significant digits, an empty u_in cell, a value needing an exponent) with what MLE-bench's
prepare.py writes from it: read_csv with explicit dtypes, train_test_split over the index lists of
groupby("breath_id"), ids renumbered from 1, and to_csv(float_format="%.10g").

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_ventilator_pressure.py
"""
import io
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(11)
breaths = [int(b) for b in rng.choice(np.arange(1, 500), size=24, replace=False)]
rows = []
for i in range(160):
    rows.append({"id": i + 1, "breath_id": breaths[int(rng.integers(0, len(breaths)))],
                 "R": int(rng.choice([5, 20, 50])), "C": int(rng.choice([10, 20, 50])),
                 "time_step": float(rng.uniform(0, 3)), "u_in": float(rng.uniform(0, 100)) * 10.0 ** int(rng.integers(-6, 12)),
                 "u_out": int(rng.integers(0, 2)), "pressure": float(rng.normal(10, 8))})
raw = pd.DataFrame(rows)
raw.loc[7, "u_in"] = np.nan
raw.loc[9, "pressure"] = 5.837491705069121
raw.loc[11, "time_step"] = 0.0
csv = raw.to_csv(index=False)

# MLE-bench's prepare.py (mlebench/competitions/ventilator-pressure-prediction/prepare.py)
dtypes = {"id": "int32", "breath_id": "int32", "R": "int8", "C": "int8", "time_step": "float64",
          "u_in": "float64", "u_out": "int8", "pressure": "float64"}
old_train = pd.read_csv(io.StringIO(csv), dtype=dtypes, float_precision="round_trip")
groups = [df.index.tolist() for _, df in old_train.groupby("breath_id")]
train_idx, test_idx = train_test_split(groups, test_size=0.1, random_state=0)
train_idx = [idx for sublist in train_idx for idx in sublist]
test_idx = [idx for sublist in test_idx for idx in sublist]
new_train = old_train.loc[train_idx]
new_test = old_train.loc[test_idx]
new_train["id"] = range(1, len(new_train) + 1)
new_test["id"] = range(1, len(new_test) + 1)
new_test_without_labels = new_test.drop(columns=["pressure"])
sample_submission = new_test_without_labels.copy()[["id"]]
sample_submission["pressure"] = 0
out = {
    "public/train.csv": new_train.to_csv(index=False, float_format="%.10g"),
    "public/test.csv": new_test_without_labels.to_csv(index=False, float_format="%.10g"),
    "public/sample_submission.csv": sample_submission.to_csv(index=False, float_format="%.10g"),
    "private/test.csv": new_test.to_csv(index=False, float_format="%.10g"),
}
assert "e+" in out["public/train.csv"] or "e+" in out["private/test.csv"]
assert out["public/train.csv"] != new_train.to_csv(index=False)

write_enum("Tests/MLECommandsTests/VentilatorPressureRecipeVectors.swift", "recipe_ventilator_pressure.py", "VentilatorPressureRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", {"train.csv": csv})], out)
