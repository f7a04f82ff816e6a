#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/SevenZipStepsVectors.swift: a small synthetic competition in
statoil-iceberg-classifier-challenge's pattern (raw JSON lists of records inside nested .7z
archives, split, compact json.dump of each side, answers and a sample submission as CSV), with
the bytes MLE-bench's code writes from it (the JSON files are the members of its .7z outputs).

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/sevenzip_steps.py
"""
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import text_let, texts_by_path, write_swift

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(7)
train = []
for i in range(11):
    band = lambda: [float(x) for x in np.round(rng.normal(-20, 5, 4), 6)] + [float(rng.normal(-20, 5))]
    angle = "na" if i % 4 == 1 else float(np.round(rng.uniform(30, 45), 4))
    train.append({"id": "%08x" % int(rng.integers(0, 2**32)), "band_1": band(), "band_2": band(),
                  "inc_angle": angle, "is_iceberg": int(rng.integers(0, 2))})
train[3]["band_1"][0] = 1e-05
train[4]["band_2"][1] = -0.0
test = [{"id": "%08x" % (1000 + i), "band_1": [1.5, -2.25], "band_2": [0.1], "inc_angle": 33.5} for i in range(3)]
# The raw files as Kaggle writes them: one line, no spaces.
train_json = json.dumps(train, separators=(",", ":"))
test_json = json.dumps(test, separators=(",", ":"))

old_train = json.loads(train_json)
old_test = json.loads(test_json)
test_fields = list(old_test[0].keys())
new_train, new_test = train_test_split(old_train, test_size=0.2, random_state=0)
new_test_without_labels = [{key: s[key] for key in test_fields} for s in new_test]
out = {}
out["public/train.json"] = json.dumps(new_train)
out["public/test.json"] = json.dumps(new_test_without_labels)
answers = pd.DataFrame([{"id": s["id"], "is_iceberg": int(s["is_iceberg"])} for s in new_test])
out["private/test.csv"] = answers.to_csv(index=False)
sample = answers.copy()
sample["is_iceberg"] = 0.5
out["private/sample_submission.csv"] = sample.to_csv(index=False)

write_swift("Tests/MLECommandsTests/SevenZipStepsVectors.swift", "sevenzip_steps.py", "SevenZipStepsVectors", [
    text_let("trainJSON", train_json), "",
    text_let("testJSON", test_json), "",
    texts_by_path("Expected outputs by path (the JSON ones are members of public/*.json.7z).", "expected", out),
])
