"""Transcriptions of MLE-bench prepare.py code that more than one vectors script replays."""
from sklearn.model_selection import train_test_split


def iwildcam_split(old_train, test_size):
    """iwildcam-2019-fgvc6's split by location (random_state 8) and its files' tables: (new_train,
    answers, new_test, gold, sample). Like prepare.py, it leaves a `split` column on old_train."""
    locations = old_train["location"].unique()
    train_locations, test_locations = train_test_split(locations, test_size=test_size, random_state=8)
    old_train["split"] = old_train["location"].apply(lambda loc: "test" if loc in test_locations else "train")
    new_train = old_train[old_train["split"] == "train"].drop(columns=["split"])
    answers = old_train[old_train["split"] == "test"].drop(columns=["split"])
    new_test = answers.copy().drop(columns=["category_id"])
    gold = answers.copy()[["id", "category_id"]]
    gold.rename(columns={"id": "Id", "category_id": "Category"}, inplace=True)
    sample = new_test.copy()[["id"]]
    sample["category_id"] = 0
    sample.rename(columns={"id": "Id", "category_id": "Category"}, inplace=True)
    return new_train, answers, new_test, gold, sample
