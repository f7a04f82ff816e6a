#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/TextNormalizationEnRecipeVectors.swift: a synthetic en_train.csv
for text-normalization-challenge-english-language's recipe in Kaggle's schema (sentence_id,
token_id, class, before, after; written like Kaggle's with csv.QUOTE_NONNUMERIC; the test zips it
as en_train.csv.zip) with what MLE-bench's prepare.py writes from it: a 10% split of the unique
sentence_ids (random_state 0), each side's sentence_id renumbered by first appearance, the
answers and sample submission with ids sentence_id_token_id, every CSV QUOTE_NONNUMERIC and the
public ones zipped alone. Tokens hold commas, quotes, a newline, numbers kept as text ("2016",
"1.5" in a text column are quoted) and an "NA" that pandas reads as missing (written "").

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_text_normalization_en.py
"""
import csv
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(20170921)
TOKENS = [("PLAIN", "Brillantaa", "Brillantaa"), ("PLAIN", "is", "is"), ("PLAIN", "a", "a"),
          ("PUNCT", ",", ","), ("PUNCT", ".", "."), ("PUNCT", '"', '"'), ("PUNCT", "'", "'"),
          ("DATE", "2016", "twenty sixteen"), ("DATE", "Jan. 5, 2010", "january fifth twenty ten"),
          ("CARDINAL", "1,234", "one thousand two hundred thirty four"), ("DECIMAL", "1.5", "one point five"),
          ("LETTERS", "NA", "n a"), ("LETTERS", "BBC", "b b c"), ("MEASURE", "5 km", "five kilometers"),
          ("MONEY", "$3", "three dollars"), ("VERBATIM", "&", "and"), ("ELECTRONIC", "http://a.b/c?d=\"e\"", "h t t p colon slash slash a dot b"),
          ("PLAIN", "naïve café", "naïve café"), ("PLAIN", "line\nbreak", "line\nbreak"), ("ORDINAL", "3rd", "third"),
          ("TELEPHONE", "0-800-555", "o sil eight o o sil five five five"), ("PLAIN", "it's", "it's")]
rows = []
for sentence in range(57):  # 6 test sentences (ceil(5.7))
    for token in range(int(rng.integers(1, 7))):
        cls, before, after = TOKENS[int(rng.integers(0, len(TOKENS)))]
        rows.append([sentence, token, cls, before, after])
buf = io.StringIO()
writer = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
writer.writerow(["sentence_id", "token_id", "class", "before", "after"])
writer.writerows(rows)
raw = buf.getvalue()

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same file.
old_train = pd.read_csv(io.StringIO(raw), float_precision="round_trip")
unique_sentence_ids = old_train["sentence_id"].unique()
train_sentence_ids, test_sentence_ids = train_test_split(unique_sentence_ids, test_size=0.1, random_state=0)
new_train = old_train[old_train["sentence_id"].isin(train_sentence_ids)]
answers = old_train[old_train["sentence_id"].isin(test_sentence_ids)]
assert set(new_train["sentence_id"]).isdisjoint(set(answers["sentence_id"]))
new_train_id_mapping = {old_id: new_id for new_id, old_id in enumerate(new_train["sentence_id"].unique())}
new_train.loc[:, "sentence_id"] = new_train["sentence_id"].map(new_train_id_mapping)
answers_id_mapping = {old_id: new_id for new_id, old_id in enumerate(answers["sentence_id"].unique())}
answers.loc[:, "sentence_id"] = answers["sentence_id"].map(answers_id_mapping)
new_test = answers.drop(["after", "class"], axis=1).copy()
answers = answers[["sentence_id", "token_id", "after"]].copy()
answers["id"] = answers["sentence_id"].astype(str) + "_" + answers["token_id"].astype(str)
answers = answers[["id", "after"]]
sample_submission = new_test[["sentence_id", "token_id", "before"]].copy()
sample_submission["id"] = sample_submission["sentence_id"].astype(str) + "_" + sample_submission["token_id"].astype(str)
sample_submission["after"] = sample_submission["before"]
sample_submission = sample_submission[["id", "after"]]
assert new_train.columns.tolist() == ["sentence_id", "token_id", "class", "before", "after"]
assert new_test.columns.tolist() == ["sentence_id", "token_id", "before"]
assert len(new_test) + len(new_train) == len(old_train)
q = dict(index=False, quotechar='"', quoting=csv.QUOTE_NONNUMERIC)
out = {"private/answers.csv": answers.to_csv(**q), "private/sample_submission.csv": sample_submission.to_csv(**q),
       "public/en_train.csv": new_train.to_csv(**q), "public/en_test_2.csv": new_test.to_csv(**q),
       "public/en_sample_submission_2.csv": sample_submission.to_csv(**q)}
assert old_train["before"].isna().any() or old_train["after"].isna().any(), "an NA token read as missing"
assert '""' in out["public/en_train.csv"] and "\n" in new_train["before"].dropna().str.cat(), "quoting and a newline"

write_enum("Tests/MLECommandsTests/TextNormalizationEnRecipeVectors.swift", "recipe_text_normalization_en.py",
           "TextNormalizationEnRecipeVectors", [("The raw en_train.csv (inside en_train.csv.zip).", "trainCSV", "String", raw)], out)
