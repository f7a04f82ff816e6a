#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/MergeStepsVectors.swift: a small synthetic competition for the
archive inputs (iwildcam-2019-fgvc6's nested train_images.zip), the replace step and the merge step
(hubmap-kidney-segmentation's str.replace and merge on id), and split keys, fillna, set where and
group_join (vinbigdata-chest-xray-abnormalities-detection's), with the outputs MLE-bench's code
produces from it.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/merge_steps.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from mlebench_prepare import iwildcam_split
from swift_vectors import json_let, text_let, texts_by_path, write_swift

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

# --- iwildcam-2019-fgvc6's pattern: a location split, an index=True sample submission ---
train_csv = "".join(
    ["category_id,id,location,frame\n"]
    + [f"{(i * 7) % 5},img{i:02d},{(i * 3) % 7 + 10},{i % 3}\n" for i in range(20)]
)
old_train = pd.read_csv(io.StringIO(train_csv))
new_train, answers, new_test, gold, sample = iwildcam_split(old_train, test_size=0.3)
out = {}
out["private/test.csv"] = answers.to_csv(index=False)
out["private/answers.csv"] = gold.to_csv(index=False)
out["public/train.csv"] = new_train.to_csv(index=False)
out["public/test.csv"] = new_test.to_csv(index=False)
out["public/sample_submission.csv"] = sample.to_csv(index=True)
train_images = sorted(f"{i}.jpg" for i in new_train["id"])
test_images = sorted(f"{i}.jpg" for i in new_test["id"])

# --- hubmap-kidney-segmentation's pattern: str.replace into an id column, isin, merges ---
info_csv = (
    "image_file,width_pixels,height_pixels,note\n"
    "img03.tiff,100,50,a\n"
    "img00.tiff,200,60,b\n"
    "x.tiff.tiff,1,2,c\n"
    "img05.tiff,300,70,d\n"
    ",9,9,e\n"
    "img03.tiff,101,51,f\n"
    "caf\u00e9.tiff,5,5,g\n"
    "img99.tiff,400,80,h\n"
)
info = pd.read_csv(io.StringIO(info_csv))
info["id"] = info["image_file"].str.replace(".tiff", "")
out["public/info.csv"] = info.to_csv(index=False)
kept = info[info["id"].isin(old_train["id"])]
sizes = kept[["id", "width_pixels", "height_pixels", "note"]]
out["private/inner.csv"] = answers.merge(sizes, on="id").to_csv(index=False)
out["private/inner_index.csv"] = answers.merge(sizes, on="id").to_csv(index=True)
# Duplicate keys on both sides, shared column names (suffixed), unmatched rows (int -> float64).
left = old_train.drop(columns=["split"])[["id", "frame", "location"]]
right = info[["id", "width_pixels", "note"]].rename(columns={"note": "frame"})
out["private/left.csv"] = left.merge(right, on="id", how="left").to_csv(index=False)
out["private/inner_dups.csv"] = pd.concat([left, left.iloc[:4]]).merge(right, on="id").to_csv(index=False)
out["public/renamed.csv"] = info.assign(image_file=info["image_file"].str.replace("img", "IMG-")).to_csv(index=False)

# --- vinbigdata-chest-xray-abnormalities-detection's pattern ---
boxes_rows = ["image_id,class_name,class_id,rad_id,x_min,y_min,x_max,y_max"]
for i in range(30):
    image = f"im{(i * 11) % 13:02d}"
    cls = [14, 3, 0, 14, 7, 3][i % 6]
    box = ",,," if cls == 14 else f"{i * 10.5},{i + 1e-05},{i * 100 + 0.1},{2 * i}"
    boxes_rows.append(f"{image},{'No finding' if cls == 14 else 'c' + str(cls)},{cls},R{i % 4},{box}")
boxes_csv = "\n".join(boxes_rows) + "\n"
old_boxes = pd.read_csv(io.StringIO(boxes_csv))
unique_image_ids = old_boxes["image_id"].unique()
train_image_ids, test_image_ids = train_test_split(unique_image_ids, test_size=0.25, random_state=2)
boxes_train = old_boxes[old_boxes["image_id"].isin(train_image_ids)]
boxes_answers = old_boxes[old_boxes["image_id"].isin(test_image_ids)]
vb_sample = pd.DataFrame({"image_id": test_image_ids, "PredictionString": "14 1 0 0 1 1"})
boxes_answers = boxes_answers.groupby(by=["image_id", "class_id"]).first().reset_index()
boxes_answers = boxes_answers.fillna(0)
boxes_answers.loc[boxes_answers["class_id"] == 14, ["x_max", "y_max"]] = 1.0
vb_gold = boxes_answers[["image_id", "class_id", "x_min", "y_min", "x_max", "y_max"]].copy()
vb_gold.loc[:, "PredictionString"] = vb_gold.apply(
    lambda row: f"{row['class_id']} 1.0 {row['x_min']} {row['y_min']} {row['x_max']} {row['y_max']}", axis=1)
vb_gold = vb_gold.groupby("image_id")["PredictionString"].agg(" ".join).reset_index()
vb_gold = vb_gold.reset_index(drop=True)
out["public/vb_train.csv"] = boxes_train.to_csv(index=False)
out["public/vb_sample.csv"] = vb_sample.to_csv(index=False)
out["private/vb_answers.csv"] = boxes_answers.to_csv(index=False)
out["private/vb_gold.csv"] = vb_gold.to_csv(index=False)
out["private/vb_train_keys.csv"] = pd.DataFrame({"image_id": train_image_ids}).to_csv(index=True)

write_swift("Tests/MLECommandsTests/MergeStepsVectors.swift", "merge_steps.py", "MergeStepsVectors", [
    text_let("trainCSV", train_csv), "",
    text_let("infoCSV", info_csv), "",
    text_let("boxesCSV", boxes_csv), "",
    json_let("boxImages", "[String]", sorted(unique_image_ids.tolist())), "",
    json_let("trainImages", "[String]", train_images), "",
    json_let("testImages", "[String]", test_images), "",
    texts_by_path("Expected outputs by path.", "expected", out),
])
