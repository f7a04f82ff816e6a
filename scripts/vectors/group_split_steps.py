#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/GroupSplitStepsVectors.swift: a small synthetic competition in
whale-categorization-playground's pattern (group_split: two rows of each multi-row group sampled
to train and test, one default_rng draw per one-row group, the rest by train_test_split; set …
where_not_in relabelling test-only ids), with the bytes MLE-bench's code writes from it.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/group_split_steps.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import json_let, text_let, texts_by_path, write_swift

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

gen = np.random.default_rng(11)
ids = ["new_whale"] * 9 + ["w_%07x" % i for i in range(40)]
rows = []
for i in range(140):
    # Many one-image ids, some with 2 … 7 images, and new_whale often.
    whale = ids[int(gen.integers(0, len(ids)))] if i % 3 else "w_%07x" % (1000 + i)
    rows.append(("%08x.jpg" % int(gen.integers(0, 2**32)), whale))
train_csv = "Image,Id\n" + "".join(f"{a},{b}\n" for a, b in rows)

old_train = pd.read_csv(io.StringIO(train_csv))
old_train["split"] = "undecided"
target_test_size = 0.1
np_rng = np.random.default_rng(0)
for whale_id in old_train["Id"].unique():
    whale_images = old_train[old_train["Id"] == whale_id]
    if len(whale_images) >= 2:
        selected = whale_images.sample(2, random_state=0)
        old_train.loc[selected.index[0], "split"] = "train"
        old_train.loc[selected.index[1], "split"] = "test"
    else:
        old_train.loc[whale_images.index[0], "split"] = np_rng.choice(
            ["train", "test"], replace=False, p=[1 - target_test_size, target_test_size])
remaining = old_train[old_train["split"] == "undecided"]
train, test = train_test_split(remaining, test_size=target_test_size, random_state=0)
old_train.loc[train.index, "split"] = "train"
old_train.loc[test.index, "split"] = "test"
new_train = old_train[old_train["split"] == "train"].drop(columns=["split"]).copy()
answers = old_train[old_train["split"] == "test"].drop(columns=["split"]).copy()
only_test = set(answers["Id"]) - set(new_train["Id"])
assert only_test, "the vectors should relabel some ids"
answers.loc[answers["Id"].isin(only_test), "Id"] = "new_whale"
sample = answers.copy()
sample["Id"] = "new_whale w_1287fbc w_98baff9 w_7554f44 w_1eafe46"

out = {
    "private/test.csv": answers.to_csv(index=False),
    "public/train.csv": new_train.to_csv(index=False),
    "public/sample_submission.csv": sample.to_csv(index=False),
}

write_swift("Tests/MLECommandsTests/GroupSplitStepsVectors.swift", "group_split_steps.py", "GroupSplitStepsVectors", [
    text_let("trainCSV", train_csv), "",
    "    /// The images copied to public/train and public/test, in row order.",
    json_let("trainImages", "[String]", list(new_train["Image"])),
    json_let("testImages", "[String]", list(answers["Image"])), "",
    texts_by_path("Expected outputs by path.", "expected", out),
])
