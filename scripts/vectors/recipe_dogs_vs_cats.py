#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/DogsVsCatsRecipeVectors.swift: synthetic raw images for
dogs-vs-cats-redux-kernels-edition's recipe (train/<kind>.<n>.jpg, zipped as train.zip by the
test) with what MLE-bench's prepare.py writes from them: the answers, the sample submission and
which raw image each renamed public image is.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_dogs_vs_cats.py
"""
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(3)
names = sorted({f"{['cat', 'dog'][int(rng.integers(0, 2))]}.{int(rng.integers(0, 500))}.jpg" for _ in range(34)})
raw = names + ["notes.txt"]

all_train_images = sorted(PurePosixPath("train") / n for n in names)
train_images, test_images = train_test_split(all_train_images, test_size=0.1, random_state=0)
copied = {}
cat_ctr = dog_ctr = 0
for img in train_images:
    if "cat" in img.name:
        copied[f"public/train/cat.{cat_ctr}.jpg"] = img.name
        cat_ctr += 1
    else:
        copied[f"public/train/dog.{dog_ctr}.jpg"] = img.name
        dog_ctr += 1
for i, img in enumerate(test_images, start=1):
    copied[f"public/test/{i}.jpg"] = img.name
answers = pd.DataFrame({"id": [i for i in range(1, len(test_images) + 1)],
                        "label": [int("dog" in img.name) for img in test_images]})
sample = pd.DataFrame({"id": [i for i in range(1, len(test_images) + 1)],
                       "label": [0.5 for _ in range(1, len(test_images) + 1)]})
out = {"private/answers.csv": answers.to_csv(index=False), "public/sample_submission.csv": sample.to_csv(index=False)}


write_enum("Tests/MLECommandsTests/DogsVsCatsRecipeVectors.swift", "recipe_dogs_vs_cats.py", "DogsVsCatsRecipeVectors",
           [("Raw files under train/ (each image's bytes are its own name).", "rawFiles", "[String]", raw),
            texts_by_path("Public images: output path → the raw name below train/.", "copied", copied)],
           out)
