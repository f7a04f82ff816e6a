#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/InvasiveSpeciesRecipeVectors.swift: synthetic raw files for
invasive-species-monitoring's recipe (train_labels.csv, zipped as train_labels.csv.zip by the test,
and one image per name) with the bytes MLE-bench's prepare.py writes from them.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_invasive_species.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import json_let, text_let, texts_by_path, write_swift

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(5)
names = list(range(1, 24))
labels_csv = "name,invasive\n" + "".join(f"{n},{int(rng.integers(0, 2))}\n" for n in names)

old_train = pd.read_csv(io.StringIO(labels_csv))
new_train, answers = train_test_split(old_train, test_size=0.2, random_state=0)
sample_submission = answers.copy()
sample_submission["invasive"] = 0.5
out = {
    "private/answers.csv": answers.to_csv(index=False),
    "public/train_labels.csv": new_train.to_csv(index=False),
    "private/sample_submission.csv": sample_submission.to_csv(index=False),
}
train_images = [f"{n}.jpg" for n in new_train["name"]]
test_images = [f"{n}.jpg" for n in answers["name"]]

write_swift("Tests/MLECommandsTests/InvasiveSpeciesRecipeVectors.swift", "recipe_invasive_species.py", "InvasiveSpeciesRecipeVectors", [
    text_let("trainLabels", labels_csv), "",
    json_let("names", "[Int]", names),
    json_let("trainImages", "[String]", sorted(train_images)),
    json_let("testImages", "[String]", sorted(test_images)),
    "",
    texts_by_path("Expected CSV outputs by path (public/train_labels.csv is the member of its zip).", "expected", out),
])
