#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/PlaygroundS3e18RecipeVectors.swift: a synthetic train.csv for
playground-series-s3e18's recipe in Kaggle's schema (id, the 31 descriptor columns, floats but for
the integer NumHeteroatoms, fr_COO and fr_COO2, then the 0/1 targets EC1 … EC6) with what
MLE-bench's prepare.py writes from it: a 10% split (random_state 0) of 33 rows, so ceil(3.3) = 4
test rows; the sample submission keeps id, EC1, EC2 of the test set with both targets 0.5; the
public test drops EC1 … EC6. The floats, read with float_precision="round_trip", include
0.30000000000000004, integer values (12.0), zeros, negatives and small ones written as 3.5e-05.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_playground_s3e18.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

ROWS = 33
FEATURES = ["BertzCT", "Chi1", "Chi1n", "Chi1v", "Chi2n", "Chi2v", "Chi3v", "Chi4n", "EState_VSA1", "EState_VSA2",
            "ExactMolWt", "FpDensityMorgan1", "FpDensityMorgan2", "FpDensityMorgan3", "HallKierAlpha",
            "HeavyAtomMolWt", "Kappa3", "MaxAbsEStateIndex", "MinEStateIndex", "NumHeteroatoms", "PEOE_VSA10",
            "PEOE_VSA14", "PEOE_VSA6", "PEOE_VSA7", "PEOE_VSA8", "SMR_VSA10", "SMR_VSA5", "SlogP_VSA3",
            "VSA_EState9", "fr_COO", "fr_COO2"]
INTEGERS = {"NumHeteroatoms", "fr_COO", "fr_COO2"}
TARGETS = [f"EC{k}" for k in range(1, 7)]
assert len(FEATURES) == 31

rng = np.random.default_rng(318)
columns = {"id": np.arange(ROWS)}
for j, name in enumerate(FEATURES):
    if name in INTEGERS:
        columns[name] = rng.integers(0, 12 if name == "NumHeteroatoms" else 3, ROWS)
    else:
        values = np.round(rng.uniform(-5 if name in ("HallKierAlpha", "MinEStateIndex") else 0, 10 ** (1 + j % 3), ROWS),
                          int(rng.integers(1, 7)))
        values[rng.random(ROWS) < 0.15] = 0.0
        columns[name] = values
columns["BertzCT"][:3] = [0.1 + 0.2, 12.0, 3.5e-05]
columns["Kappa3"][3:5] = [1e-07, 123456.789012345]
for name in TARGETS:
    columns[name] = (rng.random(ROWS) < 0.6).astype(int)
raw = {"train.csv": pd.DataFrame(columns).to_csv(index=False)}
assert "0.30000000000000004" in raw["train.csv"] and "3.5e-05" in raw["train.csv"]

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same file.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
sample_submission = new_test.copy()
sample_submission["EC1"] = 0.5
sample_submission["EC2"] = 0.5
sample_submission = sample_submission.drop(columns=sample_submission.columns.difference(["id", "EC1", "EC2"]))
out = {"public/sample_submission.csv": sample_submission.to_csv(index=False),
       "private/test.csv": new_test.to_csv(index=False), "public/train.csv": new_train.to_csv(index=False)}
new_test = new_test.drop(columns=TARGETS)
out["public/test.csv"] = new_test.to_csv(index=False)
assert new_test.shape[1] == 32 and new_train.shape[1] == 38 and len(new_train) + len(new_test) == len(old_train)
assert len(new_test) == 4 and list(sample_submission.columns) == ["id", "EC1", "EC2"]

write_enum("Tests/MLECommandsTests/PlaygroundS3e18RecipeVectors.swift", "recipe_playground_s3e18.py", "PlaygroundS3e18RecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
