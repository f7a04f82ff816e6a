#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/ChaiiRecipeVectors.swift: a synthetic train.csv for
chaii-hindi-and-tamil-question-answering's recipe in Kaggle's schema (id as 9 hex digits, context,
question, answer_text, answer_start, language) with what MLE-bench's prepare.py writes from it:
the 10% split (random_state 0), the public test without answer_start and answer_text, the private
test of id and answer_text renamed PredictionString, and the sample submission predicting
"dummy text". Contexts and questions are Hindi and Tamil with commas, quotes and newlines, so the
CSV quoting is exercised; some ids are all digits (one with a leading zero), kept as text because
the column is not numeric as a whole.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_chaii.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(2021)
n = 53  # ceil(5.3) = 6 test rows
HINDI = ["भारत", "की", "राजधानी", "नई दिल्ली", "है", "गंगा", "नदी", "1947", "में", "स्वतंत्रता", "\"महात्मा\" गांधी", "हिमालय,"]
TAMIL = ["தமிழ்நாடு", "தலைநகர்", "சென்னை", "ஆகும்", "காவிரி", "ஆறு", "1956", "இல்", "\"திருக்குறள்\"", "வள்ளுவர்,", "மொழி"]
QUESTIONS = {"hindi": ["भारत की राजधानी क्या है?", "गंगा, कहाँ बहती है?", "\"स्वतंत्रता\" कब मिली?"],
             "tamil": ["தமிழ்நாட்டின் தலைநகர் எது?", "காவிரி, எங்கே ஓடுகிறது?", "\"திருக்குறள்\" யார் எழுதினார்?"]}

rows = []
for i in range(n):
    language = "hindi" if rng.random() < 0.65 else "tamil"
    words = HINDI if language == "hindi" else TAMIL
    parts = [words[int(rng.integers(0, len(words)))] for _ in range(int(rng.integers(4, 9)))]
    sep = "\n" if i % 4 == 0 else " "
    context = sep.join(parts)
    k = int(rng.integers(0, len(parts)))
    answer = parts[k]
    start = context.index(answer)
    rows.append({"id": f"{int(rng.integers(0, 16**9)):09x}", "context": context,
                 "question": QUESTIONS[language][int(rng.integers(0, 3))], "answer_text": answer,
                 "answer_start": start, "language": language})
train_rows, test_rows = train_test_split(np.arange(n), test_size=0.1, random_state=0)
DIGIT_IDS = (int(train_rows[0]), int(test_rows[0]), int(test_rows[-1]))
for j, i in enumerate(DIGIT_IDS):  # all digits: a number to per-cell inference, text to pandas
    rows[i]["id"] = f"0{int(rng.integers(10**7, 10**8))}" if j == 1 else f"{int(rng.integers(10**8, 10**9))}"
raw = {"train.csv": pd.DataFrame(rows).to_csv(index=False)}

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same file.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
new_test_without_labels = new_test.drop(columns=["answer_start", "answer_text"])
new_test = new_test[["id", "answer_text"]]
new_test.columns = ["id", "PredictionString"]
sample_submission = new_test.copy()
sample_submission["PredictionString"] = "dummy text"
assert len(sample_submission) == len(new_test) == 6
out = {"public/train.csv": new_train.to_csv(index=False), "public/test.csv": new_test_without_labels.to_csv(index=False),
       "private/test.csv": new_test.to_csv(index=False), "public/sample_submission.csv": sample_submission.to_csv(index=False)}
assert old_train["id"].dtype == object and '"' in out["public/test.csv"] and '"' in out["public/train.csv"]

write_enum("Tests/MLECommandsTests/ChaiiRecipeVectors.swift", "recipe_chaii.py", "ChaiiRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
