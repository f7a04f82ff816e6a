#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/DogBreedRecipeVectors.swift: synthetic raw files for
dog-breed-identification's recipe in Kaggle's schema (labels.csv with id and breed, train/<id>.jpg,
and a test/ folder that prepare.py does not read) with what MLE-bench's prepare.py writes from them:
a 10% split (random_state 0), the answers one-hot over dogs.py's 120 breeds (df_to_one_hot of
mlebench.competitions.utils), the sample submission with every breed 1/120 as float64, and the
images copied to public/train and public/test.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_dog_breed.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

# mlebench/competitions/dog-breed-identification/dogs.py
_dogs_str = """
affenpinscher afghan_hound african_hunting_dog airedale american_staffordshire_terrier appenzeller
australian_terrier basenji basset beagle bedlington_terrier bernese_mountain_dog black-and-tan_coonhound
blenheim_spaniel bloodhound bluetick border_collie border_terrier borzoi boston_bull bouvier_des_flandres
boxer brabancon_griffon briard brittany_spaniel bull_mastiff cairn cardigan chesapeake_bay_retriever
chihuahua chow clumber cocker_spaniel collie curly-coated_retriever dandie_dinmont dhole dingo doberman
english_foxhound english_setter english_springer entlebucher eskimo_dog flat-coated_retriever
french_bulldog german_shepherd german_short-haired_pointer giant_schnauzer golden_retriever gordon_setter
great_dane great_pyrenees greater_swiss_mountain_dog groenendael ibizan_hound irish_setter irish_terrier
irish_water_spaniel irish_wolfhound italian_greyhound japanese_spaniel keeshond kelpie kerry_blue_terrier
komondor kuvasz labrador_retriever lakeland_terrier leonberg lhasa malamute malinois maltese_dog
mexican_hairless miniature_pinscher miniature_poodle miniature_schnauzer newfoundland norfolk_terrier
norwegian_elkhound norwich_terrier old_english_sheepdog otterhound papillon pekinese pembroke pomeranian
pug redbone rhodesian_ridgeback rottweiler saint_bernard saluki samoyed schipperke scotch_terrier
scottish_deerhound sealyham_terrier shetland_sheepdog shih-tzu siberian_husky silky_terrier
soft-coated_wheaten_terrier staffordshire_bullterrier standard_poodle standard_schnauzer sussex_spaniel
tibetan_mastiff tibetan_terrier toy_poodle toy_terrier vizsla walker_hound weimaraner
welsh_springer_spaniel west_highland_white_terrier whippet wire-haired_fox_terrier yorkshire_terrier
"""
DOGS_LIST = _dogs_str.split()
assert len(DOGS_LIST) == 120 and DOGS_LIST == sorted(DOGS_LIST)


def df_to_one_hot(df, id_column, target_column, classes):  # mlebench.competitions.utils
    y_onehot = pd.DataFrame(0, index=df.index, columns=[id_column] + classes)
    y_onehot[id_column] = df[id_column]
    for i, row in df.iterrows():
        y_onehot.loc[i, row[target_column]] = 1
    return y_onehot


rng = np.random.default_rng(120)
ids = [f"{int(rng.integers(0, 2**63)):016x}{int(rng.integers(0, 2**63)):016x}" for _ in range(42)]
breeds = [DOGS_LIST[int(k)] for k in rng.integers(0, 120, len(ids))]
breeds[:3] = ["affenpinscher", "yorkshire_terrier", "black-and-tan_coonhound"]
labels = pd.DataFrame({"id": ids, "breed": breeds})
raw = {"labels.csv": labels.to_csv(index=False)}
for i in ids:
    raw[f"train/{i}.jpg"] = f"image {i}"
for k in range(3):
    raw[f"test/t{k:02d}.jpg"] = f"kaggle test image {k}"

# MLE-bench's steps (mlebench.utils.read_csv: float_precision="round_trip"), over the same files.
old_train = pd.read_csv(io.StringIO(raw["labels.csv"]), float_precision="round_trip")
new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
new_test = df_to_one_hot(new_test, id_column="id", target_column="breed", classes=DOGS_LIST)
out = {"public/labels.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False)}
for file_id in new_train["id"]:
    out[f"public/train/{file_id}.jpg"] = raw[f"train/{file_id}.jpg"]
for file_id in new_test["id"]:
    out[f"public/test/{file_id}.jpg"] = raw[f"train/{file_id}.jpg"]
submission_df = new_test.copy()
for col in submission_df.columns[1:]:
    submission_df[col] = submission_df[col].astype("float64")
submission_df.iloc[:, 1:] = 1 / 120
out["public/sample_submission.csv"] = submission_df.to_csv(index=False)
assert submission_df.shape == (len(new_test), 121) and len(new_test) == 5

write_enum("Tests/MLECommandsTests/DogBreedRecipeVectors.swift", "recipe_dog_breed.py", "DogBreedRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
