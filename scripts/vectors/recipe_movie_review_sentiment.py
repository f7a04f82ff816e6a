#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/MovieReviewSentimentRecipeVectors.swift: a synthetic train.tsv
for movie-review-sentiment-analysis-kernels-only's recipe in Kaggle's schema (PhraseId, SentenceId,
Phrase, Sentiment; tab-separated, phrases with commas, quotes inside them and a tab-free text; the
test zips it as train.tsv.zip) with what MLE-bench's prepare.py writes from it: answers.csv and
sampleSubmission.csv, and train.tsv / test.tsv written with sep="\\t" and zipped.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_movie_review_sentiment.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(66293)
words = ["a", "series", "of", "escapades", "good", "for", "the", "goose", ",", "'s", "``", "''", "-LRB-", "-RRB-",
         "it", "is", 'so"called', "well-made", "...", "n't", "é", "1.50", "007"]
rows, phrase_id = [], 1
for sentence in range(1, 9):
    for _ in range(int(rng.integers(2, 6))):
        n = int(rng.integers(1, 7))
        phrase = " ".join(words[int(rng.integers(0, len(words)))] for _ in range(n))
        if phrase.startswith('"'):
            phrase = "x " + phrase
        rows.append(f"{phrase_id}\t{sentence}\t{phrase}\t{int(rng.integers(0, 5))}\n")
        phrase_id += 1
raw = "PhraseId\tSentenceId\tPhrase\tSentiment\n" + "".join(rows)

# MLE-bench's steps, over the same file.
old_train = pd.read_csv(io.StringIO(raw), sep="\t")
new_train, answers = train_test_split(old_train, test_size=0.3, random_state=0)
new_test = answers.copy().drop("Sentiment", axis="columns")
sample = answers[["PhraseId", "Sentiment"]].copy()
sample["Sentiment"] = 2
out = {"private/answers.csv": answers.to_csv(index=False),
       "public/sampleSubmission.csv": sample.to_csv(index=False),
       "public/train.tsv": new_train.to_csv(index=False, sep="\t"),
       "public/test.tsv": new_test.to_csv(index=False, sep="\t")}
assert '"' in out["private/answers.csv"] and '"' in out["public/train.tsv"], "the vectors must exercise quoting on both sides"

write_enum("Tests/MLECommandsTests/MovieReviewSentimentRecipeVectors.swift", "recipe_movie_review_sentiment.py",
           "MovieReviewSentimentRecipeVectors", [("The raw train.tsv.", "trainTSV", "String", raw)], out)
