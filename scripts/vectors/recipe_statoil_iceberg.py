#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/StatoilIcebergRecipeVectors.swift: synthetic
data/processed/train.json and data/processed/test.json for statoil-iceberg-classifier-challenge's
recipe in Kaggle's schema (a list of records: id, band_1 and band_2 as lists of dB floats,
inc_angle a float or "na" in train, is_iceberg 0 or 1; test records without is_iceberg), short
bands instead of 75 x 75, with what MLE-bench's prepare.py (@ 93ef3441) writes from them: json.load,
a 20% split (random_state 0) of 27 records (ceil(5.4) = 6 test records), the new test keeping
test.json's fields in its first record's order, both sides written with json.dump (no indent, ", "
and ": " separators) and packed alone into public/train.json.7z and public/test.json.7z, answers of
id and int(is_iceberg), the sample submission of 0.5 kept in private/ and packed into
public/sample_submission.csv.7z. Floats are of the kinds json.dump's repr writes: -27.878360999999998,
-0.0, 1e-05, 30.0, 43.9239. The test packs each JSON under data/processed/ into train.json.7z and
test.json.7z, which prepare.py extracts where they lie.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_statoil_iceberg.py
"""
import io
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(2017)
SPECIAL = [-27.878360999999998, -0.0, 1e-05, 30.0, -45.594448, 0.1 + 0.2]


def band(k):
    values = [round(float(rng.uniform(-45, 5)), 6) for _ in range(6)]
    values[k % 6] = SPECIAL[k % len(SPECIAL)]
    return values


def record(i, labelled):
    r = {"id": f"{int(rng.integers(0, 16**8)):08x}", "band_1": band(i), "band_2": band(i + 3),
         "inc_angle": "na" if labelled and i % 5 == 2 else [43.9239, 38.1562, round(float(rng.uniform(30, 46)), 4)][i % 3]}
    if labelled:
        r["is_iceberg"] = int(rng.integers(0, 2))
    return r


train_records = [record(i, True) for i in range(27)]
test_records = [record(100 + i, False) for i in range(8)]
raw = {"data/processed/train.json": json.dumps(train_records, separators=(",", ":")),
       "data/processed/test.json": json.dumps(test_records, separators=(",", ":"))}

# MLE-bench's steps, over the same files.
old_train = json.load(io.StringIO(raw["data/processed/train.json"]))
old_test = json.load(io.StringIO(raw["data/processed/test.json"]))
all_fields = list([key for key in old_train[0].keys()])
assert all(set(all_fields) == set([key for key in sample.keys()]) for sample in old_train)
test_fields = list([key for key in old_test[0].keys()])
assert all(set(test_fields) == set([key for key in sample.keys()]) for sample in old_test)
new_train, new_test = train_test_split(old_train, test_size=0.2, random_state=0)
new_test_without_labels = []
for sample in new_test:
    sample = {key: sample[key] for key in test_fields}
    new_test_without_labels.append(sample)
train_json, test_json = io.StringIO(), io.StringIO()
json.dump(new_train, train_json)
json.dump(new_test_without_labels, test_json)
answer_rows = []
for sample in new_test:
    answer_rows.append({"id": sample["id"], "is_iceberg": int(sample["is_iceberg"])})
answers = pd.DataFrame(answer_rows)
sample_submission = answers.copy()
sample_submission["is_iceberg"] = 0.5
assert len(new_train) + len(new_test) == len(old_train) and len(new_test) == 6
assert set(answers["is_iceberg"]) == {0, 1} and any(s["inc_angle"] == "na" for s in new_train)
out = {"public/train.json": train_json.getvalue(), "public/test.json": test_json.getvalue(),
       "private/test.csv": answers.to_csv(index=False), "private/sample_submission.csv": sample_submission.to_csv(index=False)}

write_enum("Tests/MLECommandsTests/StatoilIcebergRecipeVectors.swift", "recipe_statoil_iceberg.py",
           "StatoilIcebergRecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
