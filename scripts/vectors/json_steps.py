#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/JSONStepsVectors.swift: a small synthetic competition for the
read_json / write_json / select columns_of / astype / split test_size_from / zip-one-file steps
(random-acts-of-pizza's pattern) and the read_csv dtype / split by / randint steps
(facebook-recruiting-iii, nfl-player-contact-detection, learning-agency-lab's patterns) and the
uniform step (petfinder-pawpularity-score's), with the outputs MLE-bench's code produces from it.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/json_steps.py
"""
import io
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import text_let, texts_by_path, write_swift

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

# --- JSON records (raw train.json / test.json, written by hand to exercise the parser) ---
train_json = """[
 {"request_id": "t3_a", "requester_received_pizza": true, "text": "caf\\u00e9 \\ud83d\\ude00 \\"quoted\\" \\/ \\\\ tab\\t", "n": 3, "ts": 1317852607.0, "subs": ["pizza", "AskReddit"], "extra": {"k": null, "e": 1e16}, "dup": 1, "dup": 2},
 {"request_id": "t3_b", "requester_received_pizza": false, "text": "plain", "n": -0, "ts": 2E3, "subs": [], "extra": {}, "dup": 0},
 {"request_id": "t3_c", "requester_received_pizza": false, "text": "né\\nline", "n": 9007199254740993, "ts": 1e-05, "subs": ["x"], "extra": {"a": [1, 2.5, -0.0]}, "dup": 5},
 {"request_id": "t3_d", "requester_received_pizza": true, "text": "", "n": 12, "ts": 0.1, "subs": ["a", "b"], "extra": {"z": true}, "dup": 6},
 {"request_id": "t3_e", "requester_received_pizza": false, "text": "e", "n": 0, "ts": 123456789.125, "subs": null, "extra": {"big": 1.7976931348623157e308}, "dup": 7},
 {"request_id": "007", "requester_received_pizza": true, "text": "numeric-looking id", "n": 1, "ts": 5.0, "subs": ["7"], "extra": {}, "dup": 8},
 {"request_id": "t3_g", "requester_received_pizza": true, "text": "g", "n": 2, "ts": 6.5, "subs": ["g"], "extra": {}, "dup": 9}
]
"""
test_json = """[{"text": "t", "request_id": "t3_x", "subs": [], "n": 1},
{"text": "u", "request_id": "t3_y", "subs": ["q"], "n": 2},
{"text": "v", "request_id": "t3_z", "subs": [], "n": 3}]"""

old_train = json.loads(train_json)
old_test = json.loads(test_json)
test_ratio = len(old_test) / (len(old_train) + len(old_test))
test_fields = list(old_test[0].keys())
new_train, new_test = train_test_split(old_train, test_size=test_ratio, random_state=0)
new_test_public = [{k: s[k] for k in test_fields} for s in new_test]
out = {}
out["public/train.json"] = json.dumps(new_train, indent=4)
out["public/test.json"] = json.dumps(new_test_public, indent=4)
answers = pd.DataFrame([{"request_id": s["request_id"], "requester_received_pizza": int(s["requester_received_pizza"])}
                        for s in new_test])
out["private/answers.csv"] = answers.to_csv(index=False)
sample = answers.copy()
sample["requester_received_pizza"] = 0
out["public/sample_submission.csv"] = sample.to_csv(index=False)
# pd.DataFrame of the scalar columns, as write_csv sees a record table.
out["private/records.csv"] = pd.DataFrame([{k: s[k] for k in ["request_id", "n", "ts", "text"]} for s in new_train]).to_csv(index=False)

# --- CSV with string-typed ids, groups to split by, random sample values ---
labels_csv = (
    "id,group,value,flag\n"
    "007,g1,1.50,True\n"
    "010,g2,2,False\n"
    "\"0042\",g1,3.25,True\n"
    "NA,g3,,False\n"
    "1e3,g4,4,True\n"
    "12,g2,5.0,False\n"
    " 9,g5,6,True\n"
    "0x1,g3,7,False\n"
    "-0,g6,8,True\n"
    "5,g1,9,False\n"
)
labels = pd.read_csv(io.StringIO(labels_csv), dtype={"id": str})
groups = labels["group"].unique()
train_groups, test_groups = train_test_split(groups, test_size=0.25, random_state=0)
out["public/labels_train.csv"] = labels[labels["group"].isin(train_groups)].to_csv(index=False)
labels_test = labels[labels["group"].isin(test_groups)]
out["private/labels_test.csv"] = labels_test.to_csv(index=False)
scores = labels_test[["id"]].copy()
scores["score"] = np.random.RandomState(42).randint(1, 7, size=len(scores))
out["public/labels_sample.csv"] = scores.to_csv(index=False)
flags = labels[["id", "flag"]].copy()
flags["flag"] = flags["flag"].astype(int)
out["public/flags.csv"] = flags.to_csv(index=False)
# np.random.default_rng(seed).uniform(low, high, n), rounded or not (petfinder-pawpularity-score's pattern).
pawpularity = labels_test[["id", "value"]].copy()
pawpularity["value"] = np.random.default_rng(0).uniform(1, 100, len(pawpularity)).round(2)
out["public/uniform_sample.csv"] = pawpularity.to_csv(index=False)
draws = labels[["id"]].copy()
draws["u"] = np.random.default_rng(12345).uniform(-5.5, 3.25, len(draws))
draws["whole"] = np.random.default_rng(2**40 + 7).uniform(0, 1000, len(draws)).round(0)
draws["tens"] = np.random.default_rng(42).uniform(-1e6, 1e6, len(draws)).round(-1)
out["public/uniform_draws.csv"] = draws.to_csv(index=False)

write_swift("Tests/MLECommandsTests/JSONStepsVectors.swift", "json_steps.py", "JSONStepsVectors", [
    text_let("trainJSON", train_json), "",
    text_let("testJSON", test_json), "",
    text_let("labelsCSV", labels_csv), "",
    texts_by_path("Expected outputs by path.", "expected", out),
])
