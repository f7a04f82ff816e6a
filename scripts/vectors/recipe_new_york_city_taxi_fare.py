#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/NewYorkCityTaxiFareRecipeVectors.swift: for
new-york-city-taxi-fare-prediction's recipe, what MLE-bench's prepare.py writes from a generated
train.csv in Kaggle's schema (key, fare_amount, pickup_datetime, the four coordinates,
passenger_count) and GCP-Coupons-Instructions.rtf. Its integer test_size of 9914 needs more rows
than that, so train.csv has 9937 rows (23 stay in labels.csv) and is too large to store: the enum
holds the Swift formula that writes the same rows (row i below) and the raw file's MD5; labels.csv
and the copied .rtf are compared byte for byte, the 9914-row files by MD5 and their first lines.
Fares and coordinates are written with trailing zeros ("4.50", "-73.950000"), some coordinates as
"0", a few negative fares and missing dropoffs, so pandas' float re-rendering is exercised.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_new_york_city_taxi_fare.py
"""
import hashlib
import io
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_swift

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

ROWS = 9937
HEADER = "key,fare_amount,pickup_datetime,pickup_longitude,pickup_latitude,dropoff_longitude,dropoff_latitude,passenger_count\n"


def row(i):  # the formula SWIFT below repeats
    sec = (i * 7919) % 86400
    dt = f"{2009 + i % 7}-{i % 12 + 1:02d}-{i % 28 + 1:02d} {sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}"
    sign = "-" if i % 97 == 0 else ""
    fare = f"{sign}{(i * 37) % 60}.{(i * 13) % 100:02d}"
    if i % 53 == 0:
        pickup = ["0", "0"]
    else:
        pickup = [f"-73.{(i * 104729) % 1000000:06d}", f"40.{(i * 7907) % 1000000:06d}"]
    if i % 401 == 0:
        dropoff = ["", ""]
    else:
        dropoff = [f"-74.{(i * 3571) % 1000000:06d}", f"40.{(i * 6133) % 1000000:06d}"]
    return ",".join([f"{dt}.{i + 1:07d}", fare, f"{dt} UTC", *pickup, *dropoff, str((i * 3) % 7)]) + "\n"


SWIFT = r'''    /// The generated train.csv, row i by the formula of the script's row(i): too large to store.
    static let trainCSV: String = {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text = "key,fare_amount,pickup_datetime,pickup_longitude,pickup_latitude,dropoff_longitude,dropoff_latitude,passenger_count\n"
        for i in 0..<rows {
            let sec = (i * 7919) % 86400
            let dt = "\(2009 + i % 7)-\(pad(i % 12 + 1, 2))-\(pad(i % 28 + 1, 2)) \(pad(sec / 3600, 2)):\(pad(sec / 60 % 60, 2)):\(pad(sec % 60, 2))"
            let fare = (i % 97 == 0 ? "-" : "") + "\((i * 37) % 60).\(pad((i * 13) % 100, 2))"
            let pickup = i % 53 == 0 ? "0,0" : "-73.\(pad((i * 104729) % 1000000, 6)),40.\(pad((i * 7907) % 1000000, 6))"
            let dropoff = i % 401 == 0 ? "," : "-74.\(pad((i * 3571) % 1000000, 6)),40.\(pad((i * 6133) % 1000000, 6))"
            text += "\(dt).\(pad(i + 1, 7)),\(fare),\(dt) UTC,\(pickup),\(dropoff),\((i * 3) % 7)\n"
        }
        return text
    }()'''

train_csv = HEADER + "".join(row(i) for i in range(ROWS))
rtf = "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Helvetica;}}\n\\f0 Redeem your GCP coupon, then \\b follow\\b0  the steps.\\par\n}\n"

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(train_csv), float_precision="round_trip")
assert len(old_train) == ROWS and old_train["key"].is_unique
new_train, new_test = train_test_split(old_train, test_size=9914, random_state=0)
new_test_without_labels = new_test.drop(columns=["fare_amount"])
submission_df = new_test.copy()[["key"]]
submission_df["fare_amount"] = 11.35
assert set(new_train["key"]).isdisjoint(set(new_test["key"]))
assert new_test.shape[1] == 8 and new_test_without_labels.shape[1] == 7 and new_train.shape[1] == 8
assert submission_df.shape == (new_test.shape[0], 2) and len(new_train) == 23
csvs = {"public/labels.csv": new_train.to_csv(index=False), "public/test.csv": new_test_without_labels.to_csv(index=False),
        "public/sample_submission.csv": submission_df.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False)}
joined = csvs["private/test.csv"]
assert ",0.0,0.0," in joined and ",,,"  in joined and ",-" in joined.replace(",-7", "")  # "0" read as 0.0, missing dropoffs, negative fares
assert "0000," not in joined.split("\n", 1)[1].replace(" UTC", "")  # trailing zeros dropped by the float re-rendering
md5 = {path: hashlib.md5(text.encode()).hexdigest() for path, text in csvs.items()}
heads = {path: "".join(text.splitlines(keepends=True)[:4]) for path, text in csvs.items() if path != "public/labels.csv"}
exact = {"public/labels.csv": csvs["public/labels.csv"], "public/GCP-Coupons-Instructions.rtf": rtf}

body = [f"    /// Rows of the generated train.csv.", f"    static let rows: Int = {ROWS}", "",
        f"    /// MD5 of the generated train.csv.", f"    static let trainMD5: String = {json.dumps(hashlib.md5(train_csv.encode()).hexdigest())}", "",
        SWIFT, "", texts_by_path("Raw files by path, besides train.csv.", "rawFiles", {"GCP-Coupons-Instructions.rtf": rtf}), "",
        "    /// MD5 of each prepared CSV.", "    static let md5: [String: String] = ["]
body += [f"        {json.dumps(k)}: {json.dumps(md5[k])}," for k in sorted(md5)] + ["    ]", ""]
body += [texts_by_path("The first lines of each 9914-row prepared file.", "heads", heads), "",
         texts_by_path("Expected outputs by path, byte for byte.", "expected", exact)]
write_swift("Tests/MLECommandsTests/NewYorkCityTaxiFareRecipeVectors.swift", "recipe_new_york_city_taxi_fare.py",
            "NewYorkCityTaxiFareRecipeVectors", body)
