#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/FacebookKeywordExtractionRecipeVectors.swift: a synthetic
Train.csv for facebook-recruiting-iii-keyword-extraction's recipe in Kaggle's schema (Id, Title,
Body, Tags, every field quoted as in Kaggle's file; bodies of HTML with commas, doubled quotes,
line breaks and code; tags space-separated, with c# and .net; one Title empty) with what MLE-bench's
prepare.py (@ 93ef3441) writes from it: read by mlebench.utils.read_csv with Id and Tags as str, a
10% split (random_state 0) of 53 rows (ceil(5.3) = 6 test rows), Tags dropped from the public test
and a sample submission with the constant Tags "javascript c# python php java". The test packs
Train.csv into Train.zip, which prepare.py extracts where it lies.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_facebook_keyword_extraction.py
"""
import csv
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

ROWS = 53
rng = np.random.default_rng(2013)
TAGS = ["c#", "java", "php", "javascript", "android", "jquery", ".net", "c++", "python", "iphone", "asp.net", "mysql"]
TITLES = ["How to check if an uploaded file is an image without mime type?", "Prevent firefox, from reloading",
          "Is \"this\" a bug?", "R error: invalid type (list) for variable", "Ünicode in titles", ""]
BODIES = ['<p>I\'d like to check if an uploaded file is an image file (e.g png, jpg, jpeg, gif, bmp).</p>\n\n<pre><code>if (x == "y") { return; }\n</code></pre>\n',
          "<p>Plain body, with commas, and more.</p>\n", "<p>One line</p>",
          '<p>He said "use ""double"" quotes"</p>\r\n<p>then CRLF</p>\n', "<p>  spaced  </p>\n"]
rows = []
for i in range(ROWS):
    tags = " ".join(TAGS[int(k)] for k in rng.choice(len(TAGS), int(rng.integers(1, 5)), replace=False))
    rows.append({"Id": str(i + 1), "Title": TITLES[i % len(TITLES)], "Body": BODIES[int(rng.integers(0, len(BODIES)))], "Tags": tags})
raw = {"Train.csv": pd.DataFrame(rows).to_csv(index=False, quoting=csv.QUOTE_ALL)}

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same file.
old_train = pd.read_csv(io.StringIO(raw["Train.csv"]), float_precision="round_trip", dtype={"Id": str, "Tags": str})
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
new_test_without_labels = new_test.drop(columns=["Tags"])
sample_submission = new_test_without_labels.copy()
sample_submission["Tags"] = "javascript c# python php java"
assert len(new_test_without_labels) == len(new_test) == 6 and len(old_train) == len(new_train) + len(new_test)
assert old_train["Title"].isna().sum() > 0
out = {"public/train.csv": new_train.to_csv(index=False), "public/test.csv": new_test_without_labels.to_csv(index=False),
       "public/sample_submission.csv": sample_submission.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False)}

write_enum("Tests/MLECommandsTests/FacebookKeywordExtractionRecipeVectors.swift", "recipe_facebook_keyword_extraction.py",
           "FacebookKeywordExtractionRecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
