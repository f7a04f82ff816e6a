#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/PredictVolcanicEruptionsRecipeVectors.swift: synthetic raw files
for predict-volcanic-eruptions-ingv-oe's recipe in Kaggle's schema (train.csv of integer
segment_id and time_to_eruption; train/{segment_id}.csv with sensor_1 … sensor_10 readings, some
empty, as placeholders) with what MLE-bench's prepare.py (@ 93ef3441) writes from them: a 10% split
(random_state 0) of 47 rows (ceil(4.7) = 5 answer rows) read by mlebench.utils.read_csv, a sample
submission with the integer 0 as time_to_eruption, each segment's file copied to public/train or
public/test; no public test.csv. The raw test/ folder (not read) holds one segment, not copied.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_predict_volcanic_eruptions.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

ROWS = 47
rng = np.random.default_rng(2020)
segments = rng.choice(2**31 - 1, ROWS, replace=False) + 1
train = pd.DataFrame({"segment_id": segments, "time_to_eruption": rng.integers(6250, 49046087, ROWS)})
raw = {"train.csv": train.to_csv(index=False)}
for k, s in enumerate(segments):
    lines = [",".join(f"sensor_{j}" for j in range(1, 11))]
    for r in range(3):
        lines.append(",".join("" if (j + r + k) % 7 == 0 else str(int(rng.integers(-3000, 3000))) for j in range(10)))
    raw[f"train/{s}.csv"] = "\n".join(lines) + "\n"
raw["test/1000213997.csv"] = "sensor_1\n1\n"

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, answers = train_test_split(old_train, test_size=0.1, random_state=0)
submission_df = answers.copy()
submission_df["time_to_eruption"] = 0
assert len(answers) == len(submission_df) == 5 and not any(new_train["segment_id"].isin(answers["segment_id"]))
assert list(new_train.columns) == list(submission_df.columns) == list(answers.columns) == ["segment_id", "time_to_eruption"]
out = {"private/test.csv": answers.to_csv(index=False), "public/train.csv": new_train.to_csv(index=False),
       "public/sample_submission.csv": submission_df.to_csv(index=False)}
for file_id in new_train["segment_id"]:
    out[f"public/train/{file_id}.csv"] = raw[f"train/{file_id}.csv"]
for file_id in answers["segment_id"]:
    out[f"public/test/{file_id}.csv"] = raw[f"train/{file_id}.csv"]

write_enum("Tests/MLECommandsTests/PredictVolcanicEruptionsRecipeVectors.swift", "recipe_predict_volcanic_eruptions.py",
           "PredictVolcanicEruptionsRecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
