#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/TransformStepsVectors.swift: a small synthetic competition for
the steps added after json_steps.py — templated copy_by_id paths ({col}, {col[i]}), folder copies,
filter by value, split train_size, format, set from/mean, renumber unique/format, group_first,
normalize, and write_csv index/quoting — with the bytes MLE-bench's code writes from it. Each
block follows one competition's prepare.py (named in its comment).

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/transform_steps.py
"""
import csv
import io
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from mlebench_prepare import iwildcam_split
from swift_vectors import texts_by_path, write_swift

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"


def read(text):
    return pd.read_csv(io.StringIO(text), float_precision="round_trip")


raw_csv = {
    # iwildcam-2019-fgvc6: locations split, sample submission written with its index.
    "cams.csv": "id,location,category_id,width\n"
    + "".join(f"c{i:02d},{[3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7][i % 14]},{i % 4},{1024 + i}\n" for i in range(30)),
    # hotel-id-2021-fgvc8 / paddy-disease-classification: a value filter, train_size, two-column paths.
    "hotels.csv": "image,chain,hotel_id\n"
    + "".join(f"{'dup.jpg' if i in (3, 7) else f'h{i}.jpg'},{i % 3},{100 + i}\n" for i in range(12)),
    # bms-molecular-translation / seti-breakthrough-listen: paths from an id's first characters.
    "mols.csv": "image_id,InChI\n" + "".join(f"{h}{i:03d},\"InChI=1S/C{i}H4\"\n" for i, h in enumerate(
        ["abc", "b0f", "0aa", "fff", "a1b", "9z9", "c2d", "e3e"])),
    # rsna-breast-cancer-detection: patients split, prediction_id, groupby first, the train mean.
    "mammo.csv": "site_id,patient_id,image_id,laterality,view,cancer\n" + "".join(
        f"{1 + i % 2},{[10006, 10011, 10025, 10038, 10042, 10048, 10049, 10130][i // 3]},{500 + i},{'LR'[(i // 2) % 2]},CC,{int(i in (4, 5, 13, 20))}\n"
        for i in range(24)),
    # hms-harmful-brain-activity-classification: votes made into probabilities (one row of zeros).
    "votes.csv": "eeg_id,spectrogram_id,patient_id,seizure_vote,lpd_vote,other_vote\n" + "".join(
        f"{9000 + i // 2},{700 + i // 3},{i % 5},{[0, 3, 1, 0, 2, 5, 0, 1, 7][i % 9]},{[0, 0, 2, 1, 2, 0, 0, 3, 7][i % 9]},{[0, 1, 0, 4, 2, 5, 0, 0, 1][i % 9]}\n"
        for i in range(18)),
    # text-normalization-challenge-*: sentences split and renumbered, ids built, QUOTE_NONNUMERIC.
    "tokens.csv": "sentence_id,token_id,class,before,after\n"
    + "5,0,PLAIN,Hello,Hello\n5,1,PUNCT,\",\",\",\"\n5,2,PLAIN,\"say \"\"hi\"\"\",\"say \"\"hi\"\"\"\n"
    + "8,0,CARDINAL,12,twelve\n8,1,PLAIN,NA,\n8,2,DATE,1.50,one point five\n"
    + "2,0,PLAIN,é,é\n2,1,PUNCT,.,.\n"
    + "9,0,PLAIN,multi\nline,multi line\n9,1,VERBATIM,  ,  \n"
    + "5,3,PLAIN,again,again\n3,0,LETTERS,abc,a b c\n7,0,PLAIN,x,x\n7,1,PLAIN,y,y\n",
    # plant-pathology-2020-fgvc7: ids renumbered to Train_i / Test_i, images copied under them.
    "leaves.csv": "image_id,healthy,rust\n" + "".join(f"Train_{i},{i % 2},{1 - i % 2}\n" for i in range(10)),
    # vinbigdata-chest-xray-abnormalities-detection: groupby two keys, first non-missing values.
    "boxes.csv": "image_id,class_id,rad_id,x_min,y_min\n"
    "img2,14,R1,,\nimg1,3,R2,10.5,20\nimg1,3,R3,11,21\nimg2,0,R1,5,\nimg1,0,R9,,\nimg2,0,R2,6,7.25\nimg1,14,R4,,\nimg3,14,R2,,\n",
}
raw_files = {}
for chain_image in [(i % 3, "dup.jpg" if i in (3, 7) else f"h{i}.jpg") for i in range(12)]:
    raw_files[f"train_images/{chain_image[0]}/{chain_image[1]}"] = ""
for i, h in enumerate(["abc", "b0f", "0aa", "fff", "a1b", "9z9", "c2d", "e3e"]):
    image_id = f"{h}{i:03d}"
    raw_files[f"train/{image_id[0]}/{image_id[1]}/{image_id[2]}/{image_id}.png"] = ""
for line in raw_csv["mammo.csv"].splitlines()[1:]:
    f = line.split(",")
    raw_files[f"mammo_images/{f[1]}/{f[2]}.dcm"] = ""
for i in range(10):
    raw_files[f"images/Train_{i}.jpg"] = ""
for path in ["figures/a.png", "figures/sub/b.png", "figures/sub/deeper/c.txt"]:
    raw_files[path] = ""
raw_files = {p: f"raw file {p}\n" for p in raw_files}

tmp = Path(tempfile.mkdtemp())
raw, public, private = tmp / "raw", tmp / "public", tmp / "private"
for d in (public, private):
    d.mkdir()
for p, text in {**raw_csv, **raw_files}.items():
    (raw / p).parent.mkdir(parents=True, exist_ok=True)
    (raw / p).write_text(text)

# --- iwildcam-2019-fgvc6 ---
old_train = read(raw_csv["cams.csv"])
new_train, answers, new_test, gold, submission_df = iwildcam_split(old_train, test_size=0.25)
gold.to_csv(private / "cams_answers.csv", index=False)
new_test.to_csv(public / "cams_test.csv", index=False)
submission_df.to_csv(public / "cams_sample.csv", index=True)
new_train.to_csv(public / "cams_train_indexed.csv", index=True, quoting=csv.QUOTE_NONNUMERIC)

# --- hotel-id-2021-fgvc8 + paddy-disease-classification ---
hotels = read(raw_csv["hotels.csv"])
hotels = hotels[hotels["image"] != "dup.jpg"]
h_train, h_test = train_test_split(hotels, train_size=0.75, random_state=0)
h_sample = h_test.copy()[["image", "hotel_id"]]
h_sample["hotel_id"] = "36363 53586 18807 64314 60181"
h_train.to_csv(public / "hotels_train.csv", index=False)
h_sample.to_csv(public / "hotels_sample.csv", index=False)
for image, chain in zip(h_train["image"], h_train["chain"]):
    (public / "train_images" / str(chain)).mkdir(parents=True, exist_ok=True)
    shutil.copy(raw / "train_images" / str(chain) / image, public / "train_images" / str(chain) / image)
for row in h_test.itertuples():
    (public / "test_images").mkdir(parents=True, exist_ok=True)
    shutil.copy(raw / "train_images" / str(row.chain) / row.image, public / "test_images" / f"{row.hotel_id}_{row.image}")
kept = read(raw_csv["hotels.csv"])
kept[kept["chain"] == 1].to_csv(private / "chain1.csv", index=False)

# --- bms-molecular-translation + seti-breakthrough-listen ---
mols = read(raw_csv["mols.csv"])
m_train, m_test = train_test_split(mols, test_size=0.25, random_state=0)
m_train.to_csv(public / "mols_train.csv", index=False)


def subpath(image_id):
    return Path(image_id[0]) / image_id[1] / image_id[2] / f"{image_id}.png"


for image_id in m_train["image_id"]:
    (public / "train" / subpath(image_id)).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(raw / "train" / subpath(image_id), public / "train" / subpath(image_id))
for image_id in m_test["image_id"]:
    (public / "test" / image_id[0]).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(raw / "train" / subpath(image_id), public / "test" / image_id[0] / f"{image_id}.png")
shutil.copytree(raw / "figures", public / "example_figures", dirs_exist_ok=True)

# --- rsna-breast-cancer-detection ---
mammo = read(raw_csv["mammo.csv"])
patient_ids = mammo["patient_id"].unique()
train_patients, test_patients = train_test_split(patient_ids, test_size=0.25, random_state=42)
train_patients, test_patients = set(train_patients), set(test_patients)
r_train = mammo[mammo["patient_id"].isin(train_patients)].copy()
r_answers = mammo[mammo["patient_id"].isin(test_patients)][["site_id", "patient_id", "image_id", "laterality", "view", "cancer"]].copy()
r_train.to_csv(public / "mammo_train.csv", index=False)
r_answers["prediction_id"] = r_answers["patient_id"].astype(str) + "_" + r_answers["laterality"]
r_answers.drop(columns=["cancer"]).to_csv(public / "mammo_test.csv", index=False)
r_answers = r_answers[["prediction_id", "cancer"]].copy()
r_answers = r_answers.groupby("prediction_id").first().reset_index()
r_answers.to_csv(private / "mammo_answers.csv", index=False)
r_sample = r_answers.copy()
r_sample["cancer"] = r_train.cancer.mean()
r_sample.to_csv(public / "mammo_sample.csv", index=False)
for patient_id in train_patients:
    (public / "mammo_images" / str(patient_id)).mkdir(parents=True, exist_ok=True)
    for image_id in r_train[r_train["patient_id"] == patient_id]["image_id"].to_list():
        shutil.copy(raw / "mammo_images" / str(patient_id) / f"{image_id}.dcm", public / "mammo_images" / str(patient_id))

# --- hms-harmful-brain-activity-classification ---
TARGET_COLS = ["seizure_vote", "lpd_vote", "other_vote"]
votes = read(raw_csv["votes.csv"])
train_specs, test_specs = train_test_split(votes["spectrogram_id"].unique(), test_size=0.34, random_state=0)
v_test = votes[votes["spectrogram_id"].isin(test_specs)]
v_gold = v_test.copy()[["eeg_id"] + TARGET_COLS]
v_gold[TARGET_COLS] = v_gold[TARGET_COLS].div(v_gold[TARGET_COLS].sum(axis=1), axis=0)
v_gold.to_csv(private / "votes_gold.csv", index=False)
v_sample = v_gold.copy()
v_sample[TARGET_COLS] = 1 / len(TARGET_COLS)
v_sample.to_csv(public / "votes_sample.csv", index=False)

# --- text-normalization-challenge-english-language ---
tokens = read(raw_csv["tokens.csv"])
train_ids, test_ids = train_test_split(tokens["sentence_id"].unique(), test_size=0.34, random_state=0)
t_train = tokens[tokens["sentence_id"].isin(train_ids)]
t_answers = tokens[tokens["sentence_id"].isin(test_ids)]
t_train.loc[:, "sentence_id"] = t_train["sentence_id"].map({o: n for n, o in enumerate(t_train["sentence_id"].unique())})
t_answers.loc[:, "sentence_id"] = t_answers["sentence_id"].map({o: n for n, o in enumerate(t_answers["sentence_id"].unique())})
t_test = t_answers.drop(["after", "class"], axis=1).copy()
t_answers = t_answers[["sentence_id", "token_id", "after"]].copy()
t_answers["id"] = t_answers["sentence_id"].astype(str) + "_" + t_answers["token_id"].astype(str)
t_answers = t_answers[["id", "after"]]
t_sample = t_test[["sentence_id", "token_id", "before"]].copy()
t_sample["id"] = t_sample["sentence_id"].astype(str) + "_" + t_sample["token_id"].astype(str)
t_sample["after"] = t_sample["before"]
t_sample = t_sample[["id", "after"]]
q = dict(index=False, quotechar='"', quoting=csv.QUOTE_NONNUMERIC)
t_answers.to_csv(private / "tokens_answers.csv", **q)
t_sample.to_csv(public / "tokens_sample.csv", **q)
t_train.to_csv(public / "tokens_train.csv", **q)
t_test.to_csv(public / "tokens_test.csv", **q)

# --- plant-pathology-2020-fgvc7 ---
leaves = read(raw_csv["leaves.csv"])
l_train, l_answers = train_test_split(leaves, test_size=0.2, random_state=0)
to_new = {**{o: f"Train_{i}" for i, o in enumerate(l_train["image_id"].unique())},
          **{o: f"Test_{i}" for i, o in enumerate(l_answers["image_id"].unique())}}
l_train["image_id"] = l_train["image_id"].replace(to_new)
l_answers["image_id"] = l_answers["image_id"].replace(to_new)
(public / "images").mkdir()
for old in leaves["image_id"]:
    shutil.copyfile(raw / "images" / f"{old}.jpg", public / "images" / f"{to_new.get(old, old)}.jpg")
l_answers.to_csv(private / "leaves_test.csv", index=False)
l_train.to_csv(public / "leaves_train.csv", index=False)

# --- vinbigdata-chest-xray-abnormalities-detection ---
boxes = read(raw_csv["boxes.csv"])
boxes.groupby(by=["image_id", "class_id"]).first().reset_index().to_csv(private / "boxes_first.csv", index=False)
boxes.groupby("class_id").first().reset_index().to_csv(private / "boxes_by_class.csv", index=False)

expected = {}
for root in (public, private):
    for f in sorted(root.rglob("*")):
        if f.is_file():
            expected[str(f.relative_to(tmp))] = f.read_text()
shutil.rmtree(tmp)

write_swift("Tests/MLECommandsTests/TransformStepsVectors.swift", "transform_steps.py", "TransformStepsVectors", [
    texts_by_path("Raw files by path (CSV tables, and files to copy whose content is their path).", "raw", {**raw_csv, **raw_files}),
    texts_by_path("Every prepared file, by path.", "expected", expected),
])
