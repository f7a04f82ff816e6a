#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/TweetSentimentRecipeVectors.swift: a synthetic train.csv for
tweet-sentiment-extraction's recipe in Kaggle's schema (textID as 10 hex digits, text,
selected_text, sentiment of negative/neutral/positive) with what MLE-bench's prepare.py
(@ a0e3b23a) writes from it: the 10% split (random_state 0), the test without selected_text, and
the sample submission of textID with an empty selected_text. Tweets hold commas, quotes, newlines,
leading spaces and non-ASCII letters; one row has an empty text and selected_text (NaN to pandas,
as Kaggle's row fdb77c3752); some textIDs are all digits (one with a leading zero), kept as text
because the column is not numeric as a whole.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_tweet_sentiment.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(2020)
n = 123  # ceil(12.3) = 13 test rows
WORDS = ["sooo", "sad", "happy", "bday", "work", "tomorrow", "love", "it", "http://bit.ly/x", "café", "naïve", "lol"]
SENTIMENTS = ["negative", "neutral", "positive"]


def tweet(k):
    words = " ".join(WORDS[int(rng.integers(0, len(WORDS)))] for _ in range(int(rng.integers(2, 6))))
    return [words, f" {words}", f"{words}, really", f'"{words}" she said', f"{words}\nnext line", f"{words} I`m ok", f"{words}  !!"][k % 7]


ids = [f"{int(rng.integers(0, 2**40)):010x}" for _ in range(n)]
train_rows, test_rows = train_test_split(np.arange(n), test_size=0.1, random_state=0)
DIGIT_IDS = (int(train_rows[0]), int(test_rows[0]), int(test_rows[-1]))
for j, i in enumerate(DIGIT_IDS):  # all digits: a number to per-cell inference, text to pandas
    ids[i] = f"{'0' if j == 1 else '1'}{int(rng.integers(10**8, 10**9))}"
texts = [tweet(int(rng.integers(0, 7))) for _ in range(n)]
selected = []
for t in texts:
    words = t.split(" ")
    a = int(rng.integers(0, len(words)))
    selected.append(" ".join(words[a:a + int(rng.integers(1, 4))]))
EMPTY = (int(train_rows[3]), int(test_rows[2]))
for i in EMPTY:
    texts[i], selected[i] = "", ""
df = pd.DataFrame({"textID": ids, "text": texts, "selected_text": selected,
                   "sentiment": [SENTIMENTS[int(rng.integers(0, 3))] for _ in range(n)]})
raw = {"train.csv": df.to_csv(index=False)}

# MLE-bench's steps, over the same file (mlebench.utils.read_csv reads with float_precision="round_trip").
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
assert old_train["text"].isna().sum() == 2 and old_train["textID"].dtype == object
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
new_test_without_labels = new_test.drop(columns=["selected_text"])
submission_df = new_test.copy()[["textID", "selected_text"]]
submission_df["selected_text"] = ""
assert len(new_train) + len(new_test) == len(old_train) and len(submission_df) == len(new_test) == 13
out = {"public/train.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False),
       "public/test.csv": new_test_without_labels.to_csv(index=False),
       "public/sample_submission.csv": submission_df.to_csv(index=False)}
digit_ids = {ids[i] for i in DIGIT_IDS}
assert digit_ids & set(new_test["textID"]) and digit_ids & set(new_train["textID"]), "all-digit ids on both sides"

write_enum("Tests/MLECommandsTests/TweetSentimentRecipeVectors.swift", "recipe_tweet_sentiment.py", "TweetSentimentRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
