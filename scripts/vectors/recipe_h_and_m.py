#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/HAndMRecipeVectors.swift: synthetic raw files for
h-and-m-personalized-fashion-recommendations's recipe in Kaggle's schema (transactions_train.csv
with t_dat, 64-hex customer_id, zero-padded article_id, float price and sales_channel_id; the
other CSVs and images/<prefix>/<article>.jpg copied as they are) with what MLE-bench's prepare.py
writes from them: the purchases of the last 7 days before the latest t_dat (both ends of the window
present: max - 7 days is in the test, max - 8 days in train) grouped into answers, the others as
the new train.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_h_and_m.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(12)
customers = [f"{int(rng.integers(0, 2**62)):016x}" * 4 for _ in range(7)]
articles = [f"0{int(rng.integers(108775015, 959461001)):09d}" for _ in range(9)]
dates = pd.date_range("2020-09-08", "2020-09-22").strftime("%Y-%m-%d").tolist()  # the 14th is max - 8 days
rows = []
for _ in range(60):
    rows.append(f"{dates[int(rng.integers(0, len(dates)))]},{customers[int(rng.integers(0, len(customers)))]},"
                f"{articles[int(rng.integers(0, len(articles)))]},{rng.integers(1, 60) / 590!r},{int(rng.integers(1, 3))}\n")
rows[7] = f"2020-09-14,{customers[0]},{articles[0]},0.0338813559322034,2\n"
rows[8] = f"2020-09-15,{customers[1]},{articles[1]},0.0169322033898305,1\n"
rows[9] = f"2020-09-22,{customers[1]},{articles[2]},0.0508305084745762,2\n"
raw = {"transactions_train.csv": "t_dat,customer_id,article_id,price,sales_channel_id\n" + "".join(rows),
       "sample_submission.csv": "customer_id,prediction\n" + "".join(f"{c},0706016001 0706016002\n" for c in customers),
       "articles.csv": "article_id,product_code,prod_name\n" + "".join(f"{a},{a[:7]},Strap top {i}\n" for i, a in enumerate(articles)),
       "customers.csv": "customer_id,FN,Active,age\n" + "".join(f"{c},,,{20 + i}\n" for i, c in enumerate(customers))}
for a in articles:
    raw[f"images/{a[:3]}/{a}.jpg"] = a

# MLE-bench's steps, over the same files.
old_train = pd.read_csv(io.StringIO(raw["transactions_train.csv"]), float_precision="round_trip")
old_train["t_dat_parsed"] = pd.to_datetime(old_train["t_dat"])
max_date = old_train["t_dat_parsed"].max()
old_train["in_last_7_days"] = old_train["t_dat_parsed"] >= (max_date - pd.Timedelta(days=7))
new_train = old_train[old_train["in_last_7_days"] == False].copy()  # noqa: E712
new_test = old_train[old_train["in_last_7_days"] == True].copy()  # noqa: E712
new_train = new_train.drop(columns=["t_dat_parsed", "in_last_7_days"])
answers = new_test.groupby("customer_id")["article_id"].apply(lambda x: " ".join(x.astype(str))).reset_index()
answers = answers.rename(columns={"article_id": "prediction"})
assert "2020-09-14" in set(new_train["t_dat"]) and "2020-09-15" in set(new_test["t_dat"])
out = {"private/answers.csv": answers.to_csv(index=False), "public/transactions_train.csv": new_train.to_csv(index=False)}
for name in ["sample_submission.csv", "articles.csv", "customers.csv"]:
    out[f"public/{name}"] = raw[name]
for path, text in raw.items():
    if path.startswith("images/"):
        out[f"public/{path}"] = text

write_enum("Tests/MLECommandsTests/HAndMRecipeVectors.swift", "recipe_h_and_m.py", "HAndMRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
