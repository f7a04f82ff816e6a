#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/HmsBrainActivityRecipeVectors.swift: synthetic raw files for
hms-harmful-brain-activity-classification's recipe in Kaggle's schema (train.csv with its 15 columns,
several eeg_ids per spectrogram_id and several rows per eeg_id, train_eegs/<eeg_id>.parquet,
train_spectrograms/<spectrogram_id>.parquet and example_figures/, all binary files as placeholder
bytes) with what MLE-bench's prepare.py writes from them: the split by unique spectrogram_id, the
public test columns, the gold submission of votes divided by their row sums, the 1/6 sample, and the
copied parquet files and figures.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    PYTHONPATH=.pydeps:scripts/vectors python3 scripts/vectors/recipe_hms_brain_activity.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

TARGET_COLS = ["seizure_vote", "lpd_vote", "gpd_vote", "lrda_vote", "grda_vote", "other_vote"]  # constants.py
CONSENSUS = ["Seizure", "LPD", "GPD", "LRDA", "GRDA", "Other"]

rng = np.random.default_rng(61)
rows = []
spectrograms = [int(rng.integers(10**6, 2 * 10**9)) for _ in range(14)]
for s in spectrograms:
    patient = int(rng.integers(10**4, 7 * 10**4))
    offset_s = 0.0
    for _ in range(int(rng.integers(1, 4))):
        eeg = int(rng.integers(10**6, 4 * 10**9))
        for sub in range(int(rng.integers(1, 4))):
            votes = [int(v) for v in rng.integers(0, 4, 6)]
            if sum(votes) == 0:
                votes[int(rng.integers(0, 6))] = int(rng.integers(1, 16))
            eeg_offset = float(2 * sub)
            rows.append({"eeg_id": eeg, "eeg_sub_id": sub, "eeg_label_offset_seconds": eeg_offset,
                         "spectrogram_id": s, "spectrogram_sub_id": len([r for r in rows if r["spectrogram_id"] == s]),
                         "spectrogram_label_offset_seconds": offset_s + eeg_offset,
                         "label_id": int(rng.integers(10**6, 4 * 10**9)), "patient_id": patient,
                         "expert_consensus": CONSENSUS[int(np.argmax(votes))], **dict(zip(TARGET_COLS, votes))})
        offset_s += float(rng.integers(10, 400))
raw = {"train.csv": pd.DataFrame(rows).to_csv(index=False)}
for r in rows:
    raw[f"train_eegs/{r['eeg_id']}.parquet"] = f"PAR1 eeg {r['eeg_id']}"
    raw[f"train_spectrograms/{r['spectrogram_id']}.parquet"] = f"PAR1 spectrogram {r['spectrogram_id']}"
raw["train_eegs/999.parquet"] = "PAR1 an EEG no row names"
raw["example_figures/Seizure.png"] = "PNG seizure"
raw["example_figures/LPD.png"] = "PNG lpd"
raw["example_figures/more/GRDA.png"] = "PNG grda, in a subfolder"

# MLE-bench's steps, over the same files (mlebench.utils.read_csv: float_precision="round_trip").
old_train = pd.read_csv(io.StringIO(raw["train.csv"]), float_precision="round_trip")
train_spectrograms, test_specrograms = train_test_split(old_train["spectrogram_id"].unique(), test_size=0.1, random_state=0)
new_train = old_train[old_train["spectrogram_id"].isin(train_spectrograms)]
new_test = old_train[old_train["spectrogram_id"].isin(test_specrograms)]
new_test_without_labels = new_test.copy()[["spectrogram_id", "eeg_id", "patient_id"]]
gold_submission = new_test.copy()[["eeg_id"] + TARGET_COLS]
gold_submission[TARGET_COLS] = gold_submission[TARGET_COLS].div(gold_submission[TARGET_COLS].sum(axis=1), axis=0)
sample_submission = gold_submission.copy()
sample_submission[TARGET_COLS] = 1 / len(TARGET_COLS)
assert len(new_train.columns) == 15 and len(new_test) >= 2 and set(new_train.eeg_id).isdisjoint(set(new_test.eeg_id))
out = {"public/train.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False),
       "public/test.csv": new_test_without_labels.to_csv(index=False),
       "private/gold_submission.csv": gold_submission.to_csv(index=False),
       "public/sample_submission.csv": sample_submission.to_csv(index=False)}
for p, text in raw.items():
    if p.startswith("example_figures/"):
        out[f"public/{p}"] = text
for side, table in [("train", new_train), ("test", new_test)]:
    for e in table["eeg_id"].unique():
        out[f"public/{side}_eegs/{e}.parquet"] = raw[f"train_eegs/{e}.parquet"]
    for s in table["spectrogram_id"].unique():
        out[f"public/{side}_spectrograms/{s}.parquet"] = raw[f"train_spectrograms/{s}.parquet"]

write_enum("Tests/MLECommandsTests/HmsBrainActivityRecipeVectors.swift", "recipe_hms_brain_activity.py", "HmsBrainActivityRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
