#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/GoogleQuestRecipeVectors.swift: a synthetic train.csv for
google-quest-challenge's recipe in Kaggle's schema (qa_id, the ten text columns, the 30 target
columns of MLE-bench's classes.py as fractions; question_type_spelling almost always 0) with what
MLE-bench's prepare.py writes from it: the 10% split, the first test row exchanged with the first
train row whose question_type_spelling is not 0 when the test's is constant, and the sample
submission's np.linspace(0, 1, n) columns.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_google_quest.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

CLASSES = ["question_asker_intent_understanding", "question_body_critical", "question_conversational",
           "question_expect_short_answer", "question_fact_seeking", "question_has_commonly_accepted_answer",
           "question_interestingness_others", "question_interestingness_self", "question_multi_intent",
           "question_not_really_a_question", "question_opinion_seeking", "question_type_choice", "question_type_compare",
           "question_type_consequence", "question_type_definition", "question_type_entity", "question_type_instructions",
           "question_type_procedure", "question_type_reason_explanation", "question_type_spelling", "question_well_written",
           "answer_helpful", "answer_level_of_information", "answer_plausible", "answer_relevance", "answer_satisfaction",
           "answer_type_instructions", "answer_type_procedure", "answer_type_reason_explanation", "answer_well_written"]
TEXT = ["question_title", "question_body", "question_user_name", "question_user_page", "answer", "answer_user_name",
        "answer_user_page", "url", "category", "host"]

rng = np.random.default_rng(6079)
n = 67  # 7 test rows: np.linspace(0, 1, 7) has steps of 1/6
fractions = [0.0, 0.333333333333333, 0.5, 0.666666666666667, 0.777777777777778, 1.0]
df = pd.DataFrame({"qa_id": rng.choice(np.arange(1, 9000), n, replace=False)})
for c in TEXT:
    df[c] = [f"{c} {int(rng.integers(0, 99))}, \"quoted\"\nline" if c in ("question_body", "answer") else f"{c}-{int(rng.integers(0, 99))}"
             for _ in range(n)]
for c in CLASSES:
    df[c] = [fractions[int(rng.integers(0, len(fractions)))] for _ in range(n)]
df["question_type_spelling"] = 0.0
train_order, _ = train_test_split(np.arange(n), test_size=0.1, random_state=0)
# Non-zero on three train rows: the one third in the train side's order is found first by
# new_train[...].index[0], though another comes earlier in the file.
for i in (train_order[2], min(train_order[3:]), train_order[-1]):
    df.loc[i, "question_type_spelling"] = 0.333333333333333
raw = df.to_csv(index=False)

# MLE-bench's steps, over the same file.
old_train = pd.read_csv(io.StringIO(raw), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
assert new_test["question_type_spelling"].nunique() == 1, "the vectors must exercise the swap"
if new_test["question_type_spelling"].nunique() == 1:
    suitable_train_row_index = new_train[new_train["question_type_spelling"] != 0].index[0]
    temp = new_test.iloc[0].copy()
    new_test.iloc[0] = new_train.loc[suitable_train_row_index].copy()
    new_train.loc[suitable_train_row_index] = temp
new_test_without_labels = new_test.drop(CLASSES, axis=1, inplace=False)
new_test = new_test[["qa_id"] + CLASSES]
sample = new_test.copy()
sample[CLASSES] = np.tile(np.linspace(0, 1, len(sample))[:, None], (1, len(CLASSES)))
out = {"private/test.csv": new_test.to_csv(index=False), "public/train.csv": new_train.to_csv(index=False),
       "public/test.csv": new_test_without_labels.to_csv(index=False), "public/sample_submission.csv": sample.to_csv(index=False)}

write_enum("Tests/MLECommandsTests/GoogleQuestRecipeVectors.swift", "recipe_google_quest.py", "GoogleQuestRecipeVectors",
           [("The raw train.csv.", "trainCSV", "String", raw)], out)
