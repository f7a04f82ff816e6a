#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/ListFilesStepsVectors.swift: a small synthetic competition in
plant-seedlings-classification's pattern (a table made from a listing of train/<species>/*.png,
split, a constant sample submission, images copied by row), with the bytes MLE-bench's code writes
from it, plus the same folder listed as sorted(glob(...)) with a `{stem}.png` column.

Folder and file names are chosen so that code point order differs from locale order and from
whole-path order ("a" < "a b" per folder, "a b/…" < "a/…" as paths; "B" < "a"; "z" < "é").

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/list_files_steps.py
"""
import glob
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

species = ["Sugar beet", "Black-grass", "a", "a b", "Common Chickweed", "Zed", "élan", "Charlock"]
rng = np.random.default_rng(11)
files = []
for s in species:
    for k in range(int(rng.integers(2, 5))):
        files.append(f"{s}/{int(rng.integers(0, 16**6)):06x}.png")
# Names whose order depends on the comparison, and files the listing must skip.
files += ["a/B.png", "a/a.png", "a b/z.png", "a b/é.png", "Zed/10.png", "Zed/9.png", "Zed/007.png"]
skipped = ["Charlock/readme.txt", "Charlock/x.PNG", "top.png", "Zed/deeper/q.png"]
raw_paths = sorted(files + skipped)


def create_dataframe_from_directory(directory):
    # MLE-bench's plant-seedlings-classification prepare.py
    data = []
    for label in sorted(os.listdir(directory)):
        label_path = os.path.join(directory, label)
        if os.path.isdir(label_path):
            for file_name in sorted(os.listdir(label_path)):
                if file_name.endswith(".png"):
                    data.append({"file": os.path.basename(file_name), "species": label})
    return pd.DataFrame(data)


out = {}
with tempfile.TemporaryDirectory() as tmp:
    train_dir = Path(tmp) / "train"
    for p in raw_paths:
        (train_dir / p).parent.mkdir(parents=True, exist_ok=True)
        (train_dir / p).write_text(p)
    old_train = create_dataframe_from_directory(train_dir)
    train_df, test_df = train_test_split(old_train, test_size=0.14, random_state=0)
    submission_df = test_df.copy()
    submission_df["species"] = "Sugar beet"
    out["private/answers.csv"] = test_df.to_csv(index=False)
    out["public/sample_submission.csv"] = submission_df.to_csv(index=False)
    copied = {}
    for _, row in train_df.iterrows():
        copied[f"public/train/{row['species']}/{row['file']}"] = f"{row['species']}/{row['file']}"
    for _, row in test_df.iterrows():
        copied[f"public/test/{row['file']}"] = f"{row['species']}/{row['file']}"
    # sorted(glob) of whole paths, with the stem parsed from the name.
    rows = []
    for p in sorted(glob.glob(str(train_dir / "*" / "*.png"))):
        rel = os.path.relpath(p, train_dir).split(os.sep)
        rows.append({"species": rel[0], "stem": rel[1][: -len(".png")]})
    by_path = pd.DataFrame(rows)
    # A running count per species (cumcount), replacing nothing: appended.
    by_path["k"] = by_path.groupby("species").cumcount() + 1
    out["private/by_path.csv"] = by_path.to_csv(index=False)


write_enum("Tests/MLECommandsTests/ListFilesStepsVectors.swift", "list_files_steps.py", "ListFilesStepsVectors",
           [("Raw files under train/ (each file's bytes are its own relative path).", "rawFiles", "[String]", raw_paths),
            texts_by_path("Copied images: output path → the raw path below train/.", "copied", copied)],
           out)
