#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/RandomActsOfPizzaRecipeVectors.swift: synthetic train.json and
test.json for random-acts-of-pizza's recipe shaped as Kaggle's files (a list of request records,
keys sorted, four-space indent with ", " item separators as Python 2's json.dump wrote them,
non-ASCII as \\u escapes; train records with Kaggle's 32 fields, test records with its 17) with
what MLE-bench's prepare.py (@ 93ef3441) writes from them: the split of the train records with
test_size = len(test) / (len(train) + len(test)) (random_state 0), the new test keeping test.json's
fields in its first record's order, both written with json.dump(indent=4) and zipped alone, the
answers of request_id with int(requester_received_pizza) and the sample submission of 0s.
Values are of the kinds Kaggle's files hold: post_was_edited false, true or a float timestamp,
requester_user_flair null or text, subreddit lists (some empty), floats such as 0.0, 2.5e-05 and
1317852607.0, negative integers, texts with newlines, CRLF, tabs, quotes, backslashes, non-ASCII
letters and an emoji (a surrogate pair in the file), one "\\/" escape.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_random_acts_of_pizza.py
"""
import io
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

TEST_FIELDS = ["giver_username_if_known", "request_id", "request_text_edit_aware", "request_title",
               "requester_account_age_in_days_at_request", "requester_days_since_first_post_on_raop_at_request",
               "requester_number_of_comments_at_request", "requester_number_of_comments_in_raop_at_request",
               "requester_number_of_posts_at_request", "requester_number_of_posts_on_raop_at_request",
               "requester_number_of_subreddits_at_request", "requester_subreddits_at_request",
               "requester_upvotes_minus_downvotes_at_request", "requester_upvotes_plus_downvotes_at_request",
               "requester_username", "unix_timestamp_of_request", "unix_timestamp_of_request_utc"]
rng = np.random.default_rng(2014)
WORDS = ["pizza", "broke", "student", "hungry", "payday", "Friday", "kids", "café", "jalapeño", "\U0001F355", "thanks", "will pay it forward"]
SUBREDDITS = ["AskReddit", "pics", "funny", "Random_Acts_Of_Pizza", "gaming", "r4r", "Ölfreunde"]


def text(k):
    words = " ".join(WORDS[int(rng.integers(0, len(WORDS)))] for _ in range(int(rng.integers(2, 8))))
    return [words, f"{words}\n\n{words}", f"{words}\r\nEDIT: thanks", f'"{words}" \\o/', f"{words}\ttab", f"[Request] {words}", "", f"{words} http://imgur.com/x"][k % 8]


def age():
    return [0.0, 2.5e-05, float(rng.integers(1, 3000)) / 7, round(float(rng.random()) * 900, 10)][int(rng.integers(0, 4))]


def record(i):
    t = 1297000000.0 + float(rng.integers(0, 80000000))
    n_sub = int(rng.integers(0, 5))
    body = text(int(rng.integers(0, 8)))
    r = {"giver_username_if_known": ["N/A", f"giver{i}"][int(rng.integers(0, 5) == 0)],
         "number_of_downvotes_of_request_at_retrieval": int(rng.integers(0, 10)),
         "number_of_upvotes_of_request_at_retrieval": int(rng.integers(0, 30)),
         "post_was_edited": [False, True, t + 3600.0][int(rng.integers(0, 3))],
         "request_id": f"t3_{int(rng.integers(36**4, 36**5)):x}",
         "request_number_of_comments_at_retrieval": int(rng.integers(0, 20)),
         "request_text": body, "request_text_edit_aware": body.split("EDIT")[0],
         "request_title": f"[Request] {text(int(rng.integers(0, 6)))}"}
    a = age()
    for name in ["requester_account_age_in_days", "requester_days_since_first_post_on_raop"]:
        r[f"{name}_at_request"], r[f"{name}_at_retrieval"] = a, a + 500.123
    for name in ["requester_number_of_comments", "requester_number_of_comments_in_raop", "requester_number_of_posts",
                 "requester_number_of_posts_on_raop"]:
        v = int(rng.integers(0, 900))
        r[f"{name}_at_request"], r[f"{name}_at_retrieval"] = v, v + int(rng.integers(0, 50))
    r["requester_number_of_subreddits_at_request"] = n_sub
    r["requester_received_pizza"] = bool(rng.integers(0, 4) == 0)
    r["requester_subreddits_at_request"] = [SUBREDDITS[int(k)] for k in rng.choice(len(SUBREDDITS), n_sub, replace=False)]
    v = int(rng.integers(-40, 5000))
    r["requester_upvotes_minus_downvotes_at_request"], r["requester_upvotes_minus_downvotes_at_retrieval"] = v, v - 3
    v = abs(v) + int(rng.integers(0, 900))
    r["requester_upvotes_plus_downvotes_at_request"], r["requester_upvotes_plus_downvotes_at_retrieval"] = v, v + 7
    r["requester_user_flair"] = [None, None, "shroom", "PIF"][int(rng.integers(0, 4))]
    r["requester_username"] = f"user_{i}"
    r["unix_timestamp_of_request"], r["unix_timestamp_of_request_utc"] = t + 28800.0, t
    assert len(r) == 32
    return dict(sorted(r.items()))


def kaggle_json(records):  # Python 2's json.dump(indent=4, sort_keys=True): ", " at line ends
    return json.dumps(records, indent=4, sort_keys=True, separators=(", ", ": "))


n_train, n_test = 18, 6  # test_size 6/24: ceil(4.5) = 5 test records
train_records = [record(i) for i in range(n_train)]
test_records = [{k: r[k] for k in TEST_FIELDS} for r in (record(100 + i) for i in range(n_test))]
raw_train = kaggle_json(train_records)
raw_train = raw_train.replace("http://imgur.com/x", "http:\\/\\/imgur.com\\/x", 1)
assert "\\/" in raw_train and "\\ud83c\\udf55" in raw_train and "\\u00e9" in raw_train
raw = {"train.json": raw_train, "test.json": kaggle_json(test_records)}

# MLE-bench's steps, over the same files.
old_train = json.load(io.StringIO(raw["train.json"]))
old_test = json.load(io.StringIO(raw["test.json"]))
test_ratio = len(old_test) / (len(old_train) + len(old_test))
all_fields = list([key for key in old_train[0].keys()])
assert all(set(all_fields) == set([key for key in sample.keys()]) for sample in old_train)
test_fields = list([key for key in old_test[0].keys()])
assert all(set(test_fields) == set([key for key in sample.keys()]) for sample in old_test)
new_train, new_test = train_test_split(old_train, test_size=test_ratio, random_state=0)
new_test_without_labels = []
for sample in new_test:
    sample = {key: sample[key] for key in test_fields}
    new_test_without_labels.append(sample)
train_json, test_json = io.StringIO(), io.StringIO()
json.dump(new_train, train_json, indent=4)
json.dump(new_test_without_labels, test_json, indent=4)
answers_rows = []
for sample in new_test:
    answers_rows.append({"request_id": sample["request_id"],
                         "requester_received_pizza": int(sample["requester_received_pizza"])})
answers = pd.DataFrame(answers_rows)
sample_submission = answers.copy()
sample_submission["requester_received_pizza"] = 0
assert len(new_train) + len(new_test) == len(old_train) and len(new_test) == 5
assert set(answers["requester_received_pizza"]) == {0, 1}
assert any(isinstance(s["post_was_edited"], float) for s in new_train) and "/" in train_json.getvalue()
out = {"public/train.json": train_json.getvalue(), "public/test.json": test_json.getvalue(),
       "private/test.csv": answers.to_csv(index=False), "public/sampleSubmission.csv": sample_submission.to_csv(index=False)}

write_enum("Tests/MLECommandsTests/RandomActsOfPizzaRecipeVectors.swift", "recipe_random_acts_of_pizza.py",
           "RandomActsOfPizzaRecipeVectors", [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
