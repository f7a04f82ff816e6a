#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/TabularMay2022RecipeVectors.swift: for
tabular-playground-series-may-2022's recipe, the MD5s of what MLE-bench's prepare.py writes from a
generated train.csv in Kaggle's schema (id, float and integer features, the text feature f_27,
target) with 100,037 rows: a split of 100,000 test rows leaves 37 in train, so the test ids must
start at len(new_train) = 37, not at Kaggle's 800,000. The raw file is too large to store; the test
writes the same rows from the same formula (row i below).

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_tabular_may_2022.py
"""
import hashlib
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

ROWS = 100_037


def row(i):
    # id, f_00 (a float), f_07 (an integer), f_27 (text), target: the formula the test repeats.
    k = (i * 7919) % 1000
    return f"{i},{k}.25,{(i * 31) % 17},{'ABCDEFGHIJ'[k % 10]}{'ABCDEFGHIJ'[(k // 10) % 10]}B,{(i * 13) % 2}\n"


raw = "id,f_00,f_07,f_27,target\n" + "".join(row(i) for i in range(ROWS))

# MLE-bench's steps, over the same file.
old_train = pd.read_csv(io.StringIO(raw))
new_train, new_test = train_test_split(old_train, test_size=100_000, random_state=0)
new_train.id = np.arange(len(new_train))
new_test.id = np.arange(len(new_train), len(new_train) + len(new_test))
new_test_without_labels = new_test.drop(columns=["target"]).copy()
gold = new_test[["id", "target"]].copy()
sample = gold.copy()
sample.target = 0.5
out = {"public/train.csv": new_train, "private/test.csv": new_test, "public/test.csv": new_test_without_labels,
       "private/gold_submission.csv": gold, "public/sample_submission.csv": sample}
md5 = {path: hashlib.md5(df.to_csv(index=False).encode()).hexdigest() for path, df in out.items()}
heads = {path: "".join(df.to_csv(index=False).splitlines(keepends=True)[:3]) for path, df in out.items()}

write_enum("Tests/MLECommandsTests/TabularMay2022RecipeVectors.swift", "recipe_tabular_may_2022.py", "TabularMay2022RecipeVectors",
           [("Rows of the generated train.csv.", "rows", "Int", ROWS),
            ("MD5 of each prepared file.", "md5", "[String: String]", md5)], heads)
