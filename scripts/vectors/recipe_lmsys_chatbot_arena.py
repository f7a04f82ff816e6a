#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/LmsysChatbotArenaRecipeVectors.swift: a synthetic train.csv for
lmsys-chatbot-arena's recipe in Kaggle's schema (id, model_a, model_b, prompt, response_a,
response_b as JSON lists of strings with commas, quotes, newlines, CRLFs, unicode and nulls, and
the one-hot winner_model_a, winner_model_b, winner_tie) with what MLE-bench's prepare.py writes
from it: a 10% split (random_state 0) of 57 rows, so ceil(5.7) = 6 answer rows, a public test of
id, prompt, response_a, response_b, and a sample submission giving each outcome 0.3333333333333333.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_lmsys_chatbot_arena.py
"""
import io
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

ROWS = 57
rng = np.random.default_rng(2024)
models = ["gpt-4-1106-preview", "claude-2.1", "llama-2-70b-chat", "mixtral-8x7b-instruct-v0.1", "gemini-pro"]
phrases = ["Hello, how are you?", 'Write a poem about "the sea".', "Line one\nLine two", "Tabs\tand, commas",
           "Windows\r\nline", "Café – naïve 日本語", "What is 2+2?", "Sure! Here's a list:\n1. a\n2. b",
           "I'm sorry, but I can't help with that.", "He said \"no\", then left."]


def as_json(parts):
    text = json.dumps(parts, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.4:  # real line breaks inside the field, not only JSON's escapes
        text = text.replace("\\r\\n", "\r\n").replace("\\n", "\n")
    return text


def turns(n):
    parts = [phrases[int(k)] for k in rng.integers(0, len(phrases), n)]
    if rng.random() < 0.15:
        parts[-1] = None  # Kaggle's responses hold JSON nulls
    return as_json(parts)


rows = []
for i in range(ROWS):
    n = int(rng.integers(1, 4))
    a, b = rng.choice(len(models), 2, replace=False)
    winner = int(rng.integers(0, 3))
    rows.append({"id": int(rng.integers(30192, 4294947996)), "model_a": models[a], "model_b": models[b],
                 "prompt": as_json([phrases[int(k)] for k in rng.integers(0, len(phrases), n)]),
                 "response_a": turns(n), "response_b": turns(n),
                 "winner_model_a": int(winner == 0), "winner_model_b": int(winner == 1), "winner_tie": int(winner == 2)})
raw = {"train.csv": pd.DataFrame(rows).to_csv(index=False)}
assert '"' in raw["train.csv"] and "\r\n" in raw["train.csv"] and "null" in raw["train.csv"]

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same file.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
assert len(old_train) == ROWS
new_train, answers = train_test_split(old_train, test_size=0.1, random_state=0)
new_test = answers[["id", "prompt", "response_a", "response_b"]].copy()
sample_submission = answers[["id"]].copy()
sample_submission["winner_model_a"] = 0.3333333333333333
sample_submission["winner_model_b"] = 0.3333333333333333
sample_submission["winner_tie"] = 0.3333333333333333
assert len(new_train) + len(new_test) == len(old_train) and len(new_test) == 6
assert set(new_train["id"]).isdisjoint(set(new_test["id"]))
assert new_train.columns.tolist() == old_train.columns.tolist()
out = {"private/answers.csv": answers.to_csv(index=False), "public/train.csv": new_train.to_csv(index=False),
       "public/test.csv": new_test.to_csv(index=False),
       "public/sample_submission.csv": sample_submission.to_csv(index=False)}

write_enum("Tests/MLECommandsTests/LmsysChatbotArenaRecipeVectors.swift", "recipe_lmsys_chatbot_arena.py", "LmsysChatbotArenaRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
