#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/RightWhaleReduxRecipeVectors.swift: synthetic raw clips for
the-icml-2013-whale-challenge-right-whale-redux's recipe (train2/<date>_<time>_TRAIN<n>_<label>.aif,
zipped as train2.zip by the test) with what MLE-bench's prepare.py writes from them: test.csv,
the sample submission and which raw clip each renamed public clip is (inside the zips).

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_right_whale_redux.py
"""
import re
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
import sklearn
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(13)
dates = ["20090330", "20090328", "20090331", "20090329"]
raw = []
n = 0
for date in dates:
    for _ in range(int(rng.integers(3, 6))):
        t = int(rng.integers(0, 86400))
        raw.append(f"{date}_{t // 3600:02d}{t % 3600 // 60:02d}{t % 60:02d}_{int(rng.integers(0, 900)):03d}s{int(rng.integers(0, 10))}ms_TRAIN{n}_{int(rng.integers(0, 2))}.aif")
        n += 1
# Indices that sort as text, not as numbers, within one second.
raw += ["20090329_000000_000s0ms_TRAIN100_1.aif", "20090329_000000_000s0ms_TRAIN99_0.aif"]
rng.shuffle(raw)  # iterdir order does not matter: every side is sorted

samples_by_date = {}
for name in raw:
    sample = PurePosixPath("train2") / name
    samples_by_date.setdefault(sample.name.split("_")[0], []).append(sample)
assert len(samples_by_date) == 4
ds = sorted(samples_by_date)
new_train = sorted(samples_by_date[ds[0]] + samples_by_date[ds[1]])
new_test = sorted(samples_by_date[ds[2]] + samples_by_date[ds[3]])
copied = {}
for idx, sample in enumerate(new_train):
    copied["public/train2/" + re.sub(r"TRAIN\d+", f"TRAIN{idx}", sample.name)] = sample.name
answer_rows = []
for idx, sample in enumerate(new_test):
    new_name = sample.name.split("TRAIN")[0] + f"Test{idx}.aif"
    copied["public/test2/" + new_name] = sample.name
    answer_rows.append({"clip": new_name, "probability": 1 if sample.stem.endswith("_1") else 0})
answers_df = pd.DataFrame(answer_rows)
sample_submission = answers_df.copy()
sample_submission["probability"] = 0
out = {"private/test.csv": answers_df.to_csv(index=False), "public/sampleSubmission.csv": sample_submission.to_csv(index=False)}

write_enum("Tests/MLECommandsTests/RightWhaleReduxRecipeVectors.swift", "recipe_right_whale_redux.py", "RightWhaleReduxRecipeVectors",
           [("Raw files under train2/ (each clip's bytes are its own name).", "rawFiles", "[String]", sorted(raw)),
            texts_by_path("Public clips: path (zip name and member) → the raw name below train2/.", "copied", copied)],
           out)
