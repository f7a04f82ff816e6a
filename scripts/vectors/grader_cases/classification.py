"""Reference cases for the graders of Sources/MLEGrading/ClassificationGraders.swift, which grade
predicted labels: accuracy, F1 (macro, micro, of label sets), Matthews correlation, quadratic weighted kappa.

Transcriptions of each competition's MLE-bench grade.py (and the helpers it uses), and the
synthesized answers and submissions they grade; `write_cases(writer)` writes them all. Run through
scripts/vectors/grader_cases.py, which says how and with which libraries.
"""
import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score, matthews_corrcoef
from sklearn.preprocessing import MultiLabelBinarizer

from mlebench_reference import (InvalidSubmissionError, expect_valid, hexid, prepare_for_accuracy_metric, require_columns,
                                require_rows, require_same_ids, set_cell, sort_and_match_ids, sort_by_id)


def accuracy_grader(idc, target):
    def grade(submission, answers):
        return accuracy_score(**prepare_for_accuracy_metric(submission, answers, target_column=target, id_column=idc))
    return grade


def grade_essay_scoring(submission, answers):
    id_column, target_column = "essay_id", "score"
    assert target_column in answers.columns
    assert id_column in answers.columns
    assert not answers.empty
    require_columns(submission, target_column, id_column)
    if submission.empty:
        raise InvalidSubmissionError("empty")
    submission_sorted, answers_sorted = sort_and_match_ids(submission, answers, id_column)
    y_pred = submission_sorted[target_column].values
    y_true = answers_sorted[target_column].values
    return cohen_kappa_score(y_pred, y_true, weights="quadratic")


def macro_f1_grader(idc, target, check_answers=True):
    """herbarium-2021-fgvc8 / herbarium-2022-fgvc9 and -2020-fgvc7 (no answers asserts) / iwildcam-2019-fgvc6."""
    def grade(submission, answers):
        require_rows(submission, answers)
        require_columns(submission, idc, target)
        if check_answers:
            assert idc in answers.columns and target in answers.columns
        submission, answers = sort_and_match_ids(submission, answers, idc)
        y_true = [int(y) for y in answers[target]]
        y_pred = [int(y) for y in submission[target]]
        return f1_score(y_true=y_true, y_pred=y_pred, average="macro")
    return grade


def grade_inaturalist(submission, answers):
    require_rows(submission, answers)
    require_columns(submission, "id", "predicted")
    assert "id" in answers.columns and "predicted" in answers.columns
    submission, answers = sort_and_match_ids(submission, answers, "id")
    y_true = [int(y) for y in answers["predicted"]]
    y_pred = [int(y) if isinstance(y, int) else int(y.split()[0]) for y in submission["predicted"]]
    return 1 - accuracy_score(y_true=y_true, y_pred=y_pred)


def grade_paddy(submission, answers):
    expected = set(["image_id", "label"])
    assert set(answers.columns).issuperset(expected)
    assert not answers.isnull().values.any()
    require_columns(submission, "image_id", "label")
    require_rows(submission, answers)
    s, a = sort_and_match_ids(submission, answers, "image_id", reset_index=True)
    return accuracy_score(y_true=a["label"], y_pred=s["label"].fillna("").tolist())


def grade_speech(submission, answers):
    return accuracy_score(**prepare_for_accuracy_metric(submission, answers, target_column="label", id_column="fname"))


def text_norm_grader(russian):
    def grade(submission, answers):
        # prepare_for_accuracy_metric's checks, on labels read as text
        target_column, id_column = "after", "id"
        assert target_column in answers.columns and id_column in answers.columns
        require_rows(submission, answers)
        require_columns(submission, target_column, id_column)
        submission, answers = sort_and_match_ids(submission, answers, id_column)
        submission[target_column] = submission[target_column].astype(str)
        answers[target_column] = answers[target_column].astype(str)
        if russian:
            y_pred = submission[target_column].to_numpy(dtype=str)
            y_true = answers[target_column].to_numpy(dtype=str)
        else:
            y_pred = submission[target_column].to_numpy()
            y_true = answers[target_column].to_numpy()
        return accuracy_score(y_pred=y_pred, y_true=y_true)
    return grade


def grade_seedlings(submission, answers):
    assert "file" in answers.columns and "species" in answers.columns
    require_columns(submission, "file", "species")
    require_rows(submission, answers)
    submission, answers = sort_and_match_ids(submission, answers, "file")
    return f1_score(y_true=answers["species"].tolist(), y_pred=submission["species"].tolist(), average="micro")


def grade_nfl(submission, answers):
    assert "contact_id" in answers.columns and "contact" in answers.columns
    require_columns(submission, "contact_id", "contact")
    require_same_ids(submission, answers, "contact_id")
    require_rows(submission, answers)
    submission, answers = sort_by_id(submission, answers, "contact_id")
    return matthews_corrcoef(answers["contact"], submission["contact"])


# facebook-recruiting-iii-keyword-extraction/grade.py

def grade_facebook(submission, answers):
    assert "Id" in answers.columns and "Tags" in answers.columns
    require_columns(submission, "Id", "Tags")
    require_rows(submission, answers)
    submission, answers = sort_and_match_ids(submission, answers, "Id", reset_index=True)
    labels = set()
    for tags in answers["Tags"]:
        if isinstance(tags, str):  # the reference logs and skips other cells
            labels.update(tags.split())
    binarizer = MultiLabelBinarizer(classes=sorted(labels), sparse_output=True)
    y_true = binarizer.fit_transform(answers["Tags"].fillna("").str.split())
    y_pred = binarizer.transform(submission["Tags"].fillna("").str.split())
    return f1_score(y_true=y_true, y_pred=y_pred, average="micro")


def grade_aptos(submission, answers):
    target_column = "diagnosis"
    require_columns(submission, target_column)
    assert target_column in answers.columns
    if submission.empty:
        raise InvalidSubmissionError("empty")
    assert not answers.empty
    require_same_ids(submission, answers, "id_code")
    submission_sorted, answers_sorted = sort_by_id(submission, answers, "id_code")
    y_pred = submission_sorted[target_column].values
    y_true = answers_sorted[target_column].values
    return cohen_kappa_score(y_pred, y_true, weights="quadratic")


def grade_multilabel_f1(submission, answers, idc, target, fillna_first):
    """imet-2020-fgvc7 (fillna before collecting classes) and plant-pathology-2021-fgvc8 (after)."""
    assert idc in answers.columns and target in answers.columns
    require_columns(submission, idc, target)
    require_rows(submission, answers)
    if fillna_first:
        submission, answers = sort_and_match_ids(submission, answers, idc, reset_index=True)
        submission[target] = submission[target].fillna("")
        answers[target] = answers[target].fillna("")
        classes = set(answers[target].str.split().explode().unique())
    else:
        submission, answers = sort_by_id(submission, answers, idc, reset_index=True)
        if not all(submission[idc] == answers[idc]):
            raise InvalidSubmissionError("ids")
        classes = set(answers[target].str.split().explode().unique())
        answers[target] = answers[target].fillna("")
        submission[target] = submission[target].fillna("")
    mlb = MultiLabelBinarizer(classes=sorted(classes), sparse_output=True)
    y_true = mlb.fit_transform(answers[target].str.split())
    y_pred = mlb.transform(submission[target].str.split())
    return f1_score(y_true=y_true, y_pred=y_pred, average="micro")


def grade_tps_dec(submission, answers):
    return accuracy_score(**prepare_for_accuracy_metric(submission, answers, target_column="Cover_Type", id_column="Id"))


# ---------------------------------------------------------------------------------------------
# Cases


def class_label_accuracy(writer):
    """cassava-leaf-disease-classification, cdiscount-image-classification-challenge, iwildcam-2020-fgvc7,
    ml2021spring-hw2, movie-review-sentiment-analysis-kernels-only: accuracy (prepare_for_accuracy_metric)"""
    ACCURACY = [
        ("cassava-leaf-disease-classification", "image_id", "label", "jpg", 5),
        ("cdiscount-image-classification-challenge", "_id", "category_id", "int", 40),
        ("iwildcam-2020-fgvc7", "Id", "Category", "hex", 12),
        ("ml2021spring-hw2", "Id", "ClassId", "int", 39),
        ("movie-review-sentiment-analysis-kernels-only", "PhraseId", "Sentiment", "int", 5),
    ]
    for k, (cid, idc, target, idkind, nclass) in enumerate(ACCURACY):
        rng = np.random.RandomState(100 + k)
        n = 50
        if idkind == "jpg":
            ids = [f"{v}.jpg" for v in rng.choice(10**9, n, replace=False)]
        elif idkind == "hex":
            ids = hexid(rng, n, 8)
        else:
            ids = list(rng.choice(10**7, n, replace=False))
        labels = rng.randint(0, nclass, n) if cid != "cdiscount-image-classification-challenge" \
            else rng.choice([1000010653, 1000010667, 1000004079, 1000018290], n)
        ans = pd.DataFrame({idc: ids, target: labels})
        c = writer.competition(cid, "accuracy", accuracy_grader(idc, target), ans)
        noisy = ans.copy()
        noisy.loc[noisy.index[::3], target] = labels[1]
        c.emit_basics(ans.assign(**{target: labels[0]}), ans, noisy, k, noisy_must_grade=True)
        c.emit("float-labels", noisy.astype({target: float}))
        c.emit("nan-label", set_cell(noisy, 3, target, np.nan, float))
        c.emit("text-label", set_cell(noisy, 3, target, "cat", object))
        c.emit("no-target-column", ans[[idc]])
        c.common_invalid(noisy, idc)


def essay_scoring(writer, rng):
    """learning-agency-lab-automated-essay-scoring-2: QWK on score by essay_id"""
    n = 60
    ans = pd.DataFrame({"essay_id": hexid(rng, n, 7), "score": rng.choice([1, 2, 3, 4, 5, 6], n, p=[.1, .25, .3, .2, .1, .05])})
    c = writer.competition("learning-agency-lab-automated-essay-scoring-2", "quadratic-weighted-kappa", grade_essay_scoring, ans)
    noisy = ans.assign(score=np.clip(ans["score"] + rng.choice([-1, 0, 0, 1], n), 1, 6))
    c.emit_basics(ans.assign(score=3), ans, noisy, 1, noisy_must_grade=True)
    c.emit("float-labels", noisy.astype({"score": float}))
    c.emit("fractional-label", set_cell(noisy, 4, "score", 2.5, float))
    c.emit("header-only", ans.iloc[:0])
    c.emit("no-target-column", ans[["essay_id"]])
    c.common_invalid(noisy, "essay_id")


def integer_label_macro_f1(writer):
    """herbarium-2020-fgvc7, herbarium-2021-fgvc8, herbarium-2022-fgvc9, iwildcam-2019-fgvc6: macro F1 on int(label)"""
    F1 = [
        ("herbarium-2021-fgvc8", "Id", "Predicted", True),
        ("herbarium-2022-fgvc9", "Id", "Predicted", False),
        ("iwildcam-2019-fgvc6", "Id", "Category", True),
        # herbarium-2020-fgvc7's grade.py is not in the index we read from; its prepare.py writes the same
        # Id/Predicted answers as 2021/2022, and MLE-bench's config names the same macro-F1 grader.
        ("herbarium-2020-fgvc7", "Id", "Predicted", False),
    ]
    for k, (cid, idc, target, check) in enumerate(F1):
        rng = np.random.RandomState(400 + k)
        n = 60
        ids = hexid(rng, n, 36) if cid == "iwildcam-2019-fgvc6" else list(rng.permutation(np.arange(n)))
        labels = rng.choice([0, 1, 2, 3, 5, 8, 10, 13, 22, 101], n)
        ans = pd.DataFrame({idc: ids, target: labels})
        c = writer.competition(cid, "macro-f1-score", macro_f1_grader(idc, target, check), ans)
        noisy = ans.copy()
        noisy.loc[noisy.index[::4], target] = 13
        noisy.loc[noisy.index[1::7], target] = 777
        c.emit_basics(ans.assign(**{target: 0}), ans, noisy, k, noisy_must_grade=True)
        c.emit("float-labels", noisy.astype({target: float}).assign(**{target: noisy[target] + 0.75}))
        c.emit("nan-label", set_cell(noisy, 2, target, np.nan, float))
        c.emit("text-label", set_cell(noisy, 2, target, "x", object))
        c.emit("int-literal-text", set_cell(noisy, 2, target, " 1_3 ", str))
        c.emit("bool-labels", noisy.assign(**{target: noisy[target] > 5}))
        c.emit("no-target-column", ans[[idc]])
        c.common_invalid(noisy, idc)


def inaturalist(writer, rng):
    """inaturalist-2019-fgvc6: top-1 error"""
    n = 60
    ans = pd.DataFrame({"id": rng.permutation(np.arange(n)), "predicted": rng.randint(0, 1010, n)})
    c = writer.competition("inaturalist-2019-fgvc6", "top-1-classification-error", grade_inaturalist, ans)
    noisy = ans.copy()
    noisy.loc[noisy.index[::3], "predicted"] = 7
    c.emit_basics(ans.assign(predicted="0 1 2 3 4"), ans, noisy, 5, noisy_must_grade=True)
    top5 = noisy.assign(predicted=[f"{p} {(p + 1) % 1010} 3 4 5" for p in noisy["predicted"]])
    expect_valid(c.emit("top5-text", top5))
    c.emit("empty-cell", set_cell(top5, 2, "predicted", np.nan))
    c.emit("text-label", set_cell(top5, 2, "predicted", "cat 1 2"))
    c.emit("float-labels", noisy.astype({"predicted": float}))
    c.emit("bool-labels", noisy.assign(predicted=noisy["predicted"] > 500))
    c.emit("no-target-column", ans[["id"]])
    c.common_invalid(noisy, "id")


def paddy(writer, rng):
    """paddy-disease-classification: accuracy, fillna("") predictions"""
    n = 30
    diseases = ["normal", "blast", "hispa", "dead_heart", "tungro", "brown_spot", "downy_mildew", "bacterial_leaf_blight"]
    ans = pd.DataFrame({"image_id": [f"{v}.jpg" for v in rng.choice(10**6, n, replace=False)], "label": rng.choice(diseases, n)})
    c = writer.competition("paddy-disease-classification", "accuracy", grade_paddy, ans)
    noisy = ans.copy()
    noisy.loc[noisy.index[::3], "label"] = "blast"
    c.emit_basics(ans.assign(label="normal"), ans, noisy, 125)
    c.emit("some-empty", set_cell(noisy, 2, "label", np.nan))
    c.emit("all-empty", ans.assign(label=np.nan))
    c.emit("numeric-and-empty", set_cell(ans.assign(label=np.arange(n) % 3), 2, "label", np.nan, float))
    c.emit("numeric-labels", ans.assign(label=np.arange(n) % 3))
    c.emit("numeric-with-text", set_cell(ans.assign(label=np.arange(n) % 3), 0, "label", "blast", object))
    c.emit("two-numeric-labels", ans.assign(label=np.arange(n) % 2))
    c.emit("no-label-column", ans[["image_id"]])
    c.common_invalid(noisy, "image_id")


def speech_commands(writer, rng):
    """tensorflow-speech-recognition-challenge: accuracy (prepare_for_accuracy_metric)"""
    n = 30
    words = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go", "silence", "unknown"]
    ans = pd.DataFrame({"fname": [f"clip_{h}.wav" for h in hexid(rng, n, 9)], "label": rng.choice(words, n)})
    c = writer.competition("tensorflow-speech-recognition-challenge", "accuracy", grade_speech, ans)
    noisy = ans.copy()
    noisy.loc[noisy.index[::4], "label"] = "unknown"
    c.emit_basics(ans.assign(label="silence"), ans, noisy, 127)
    c.emit("some-empty", set_cell(noisy, 2, "label", np.nan))
    c.emit("numeric-labels", ans.assign(label=np.arange(n) % 3))
    c.emit("no-label-column", ans[["fname"]])
    c.common_invalid(noisy, "fname")


def text_normalization(writer):
    """text-normalization-challenge-{english,russian}-language: accuracy of astype(str) labels"""
    for cid, russian, seed in [("text-normalization-challenge-english-language", False, 128),
                               ("text-normalization-challenge-russian-language", True, 129)]:
        rng = np.random.RandomState(seed)
        n = 50
        vocab = (["двадцать", "пять", "года", "Москва", "sil", ".", ","] if russian else
                 ["twenty", "five", "years", "London", "sil", ".", ",", "the"]) + ["5", "1.5", "NA", "é", "e\u0301"]
        ids = [f"{s}_{t}" for s, t in zip(rng.randint(0, 30, n), rng.randint(0, 9, n))]
        ids = list(dict.fromkeys(ids))
        n = len(ids)
        ans = pd.DataFrame({"id": ids, "after": rng.choice(vocab, n)})
        c = writer.competition(cid, "accuracy", text_norm_grader(russian), ans)
        noisy = ans.copy()
        noisy.loc[noisy.index[::3], "after"] = rng.choice(vocab, len(noisy.index[::3]))
        c.emit_basics(ans.assign(after="sil"), ans, noisy, seed)
        c.emit("some-empty", set_cell(noisy, 2, "after", np.nan))
        c.emit("numeric", ans.assign(after=5))
        c.emit("floats", ans.assign(after=1.5))
        c.emit("no-after-column", ans[["id"]])
        c.common_invalid(noisy, "id")


def plant_seedlings(writer, rng):
    """plant-seedlings-classification: micro F1 of text labels"""
    n = 30
    species = ["Black-grass", "Charlock", "Cleavers", "Common Chickweed", "Common wheat", "Fat Hen", "Loose Silky-bent",
               "Maize", "Scentless Mayweed", "Shepherds Purse", "Small-flowered Cranesbill", "Sugar beet"]
    ans = pd.DataFrame({"file": [f"{h}.png" for h in hexid(rng, n, 9)], "species": rng.choice(species, n)})
    c = writer.competition("plant-seedlings-classification", "micro-f1-score", grade_seedlings, ans)
    noisy = ans.copy()
    noisy.loc[noisy.index[::3], "species"] = "Maize"
    c.emit_basics(ans.assign(species="Loose Silky-bent"), ans, noisy, 131)
    c.emit("unknown-species", set_cell(noisy, 1, "species", "Dandelion"))
    c.emit("some-empty", set_cell(noisy, 2, "species", np.nan))
    c.emit("numeric", ans.assign(species=np.arange(n) % 3))
    c.emit("first-empty", set_cell(noisy.sort_values("file"), 0, "species", np.nan))
    c.emit("all-empty", ans.assign(species=np.nan))
    c.emit("numbers-among-text", set_cell(set_cell(noisy, 3, "species", 1.5, object), 4, "species", 7))
    c.emit("no-species-column", ans[["file"]])
    c.common_invalid(noisy, "file")


def nfl_contacts(writer, rng):
    """nfl-player-contact-detection: MCC of contact"""
    n = 40
    ans = pd.DataFrame({"contact_id": [f"58168_{rng.randint(0, 10**6):06d}_{i}_{rng.randint(10**4, 10**5)}_G" for i in range(n)],
                        "contact": (rng.rand(n) < 0.3).astype(int)})
    c = writer.competition("nfl-player-contact-detection", "matthews-correlation-coefficient", grade_nfl, ans)
    noisy = ans.copy()
    flip = rng.rand(n) < 0.2
    noisy["contact"] = np.where(flip, 1 - ans["contact"], ans["contact"])
    c.emit_basics(ans.assign(contact=0), ans, noisy, 133)
    c.emit("bool-labels", noisy.assign(contact=noisy["contact"] == 1))
    c.emit("float-labels", noisy.astype({"contact": float}))
    c.emit("fractional", set_cell(noisy, 0, "contact", 0.5, float))
    c.emit("nan-label", set_cell(noisy, 0, "contact", np.nan, float))
    c.emit("three-labels", set_cell(noisy, 0, "contact", 2))
    c.emit("text-label", set_cell(noisy, 0, "contact", "yes", object))
    c.common_invalid(noisy, "contact_id")


def facebook_keywords(writer, rng):
    """facebook-recruiting-iii-keyword-extraction"""
    vocab = ["javascript", "c#", "python", "php", "java", "android", "jquery", "c++", ".net", "ios",
             "html", "css", "mysql", "sql", "iphone", "ruby-on-rails", "asp.net", "objective-c", "linux",
             "windows", "r", "regex", "xml", "json", "django", "git", "bash", "c", "arrays", "string"]
    n = 150
    ids = rng.choice(np.arange(100000, 999999), n, replace=False)
    weights = np.linspace(3, 0.3, len(vocab))
    weights = weights / weights.sum()
    tags = [" ".join(rng.choice(vocab, rng.randint(1, 6), replace=False, p=weights)) for _ in range(n)]
    tags[17] = np.nan  # a question without tags: the reference skips it when collecting labels
    ans = pd.DataFrame({"Id": ids, "Title": [f"How do I do thing {i}?" for i in range(n)],
                        "Body": [f"<p>Question body {i}, with a comma.</p>" for i in range(n)], "Tags": tags})
    c = writer.competition("facebook-recruiting-iii-keyword-extraction", "micro-f1-score", grade_facebook, ans)
    sub = ans[["Id", "Tags"]]


    def perturb_tags(t):
        words = [] if not isinstance(t, str) else t.split()
        words = [w for w in words if rng.rand() > 0.3]
        if rng.rand() < 0.5:
            words.append(vocab[rng.randint(len(vocab))])
        return " ".join(words)


    noisy = sub.assign(Tags=[perturb_tags(t) for t in sub["Tags"]])
    c.emit("sample", sub[["Id"]].assign(Tags="javascript c# python php java"))
    c.emit("perfect", sub)
    c.emit("noisy", noisy)
    c.emit("first-tag-only", sub.assign(Tags=[t.split()[0] if isinstance(t, str) else "" for t in tags]))
    c.emit("unknown-tags", noisy.assign(Tags=[t + " not-a-tag Python" for t in noisy["Tags"]]))
    c.emit("repeated-tags", sub.assign(Tags=[(t + " " + t) if isinstance(t, str) else "java" for t in tags]))
    c.emit("odd-whitespace", noisy.assign(Tags=["  " + t.replace(" ", " \t ") + " " for t in noisy["Tags"]]))
    c.emit("all-empty", sub.assign(Tags=np.nan))
    c.emit("some-empty", set_cell(set_cell(noisy, 3, "Tags", np.nan), 9, "Tags", np.nan))
    c.emit("numeric-tag", set_cell(noisy, 5, "Tags", "123"))
    c.emit("all-numeric", sub.assign(Tags=7))
    c.emit("shuffled", noisy.sample(frac=1, random_state=802))
    c.emit("reordered-columns", noisy[["Tags", "Id"]])
    c.emit("extra-column", noisy.assign(Title="x"))
    c.emit("unknown-id", set_cell(noisy, 4, "Id", 1))
    c.emit("renamed-column", noisy.rename(columns={"Tags": "tags"}))
    c.emit("no-tags-column", noisy.drop(columns=["Tags"]))
    c.common_invalid(noisy, "Id")


def aptos(writer, rng):
    """aptos2019-blindness-detection: quadratic weighted kappa on diagnosis by id_code"""
    n = 60
    ans = pd.DataFrame({"id_code": hexid(rng, n, 12), "diagnosis": rng.choice(5, n, p=[0.45, 0.1, 0.25, 0.1, 0.1])})
    c = writer.competition("aptos2019-blindness-detection", "quadratic-weighted-kappa", grade_aptos, ans)
    noisy = ans.assign(diagnosis=np.clip(ans["diagnosis"] + rng.choice([-1, 0, 0, 1], n), 0, 4))
    c.emit_basics(ans.assign(diagnosis=0), ans, noisy, 2)
    c.emit("float-labels", noisy.assign(diagnosis=noisy["diagnosis"].astype(float)))
    c.emit("binary-labels", noisy.assign(diagnosis=(noisy["diagnosis"] > 1).astype(int)))
    c.emit("unseen-labels", noisy.assign(diagnosis=noisy["diagnosis"].replace({4: 7})))
    c.emit("fractional-label", set_cell(noisy, 5, "diagnosis", 2.5, float))
    c.emit("nan-label", set_cell(noisy, 5, "diagnosis", np.nan, float))
    c.emit("text-label", set_cell(noisy, 5, "diagnosis", "mild", object))
    c.emit("header-only", ans.iloc[:0])
    c.emit("no-target-column", ans[["id_code"]])
    c.common_invalid(noisy, "id_code")


def forest_cover(writer, rng):
    """tabular-playground-series-dec-2021: accuracy on Cover_Type by Id"""
    n = 60
    ans = pd.DataFrame({"Id": rng.permutation(np.arange(4000000, 4000000 + 5 * n, 5)),
                        "Elevation": rng.randint(1800, 3800, n), "Aspect": rng.randint(0, 360, n),
                        "Cover_Type": rng.choice([1, 2, 3, 4, 6, 7], n, p=[0.35, 0.45, 0.1, 0.02, 0.03, 0.05])})
    c = writer.competition("tabular-playground-series-dec-2021", "multi-class-classification-accuracy", grade_tps_dec, ans)
    noisy = ans[["Id", "Cover_Type"]].copy()
    noisy.loc[noisy.index[::4], "Cover_Type"] = 2
    c.emit_basics(ans[["Id"]].assign(Cover_Type=2), ans[["Id", "Cover_Type"]], noisy, 4)
    c.emit("float-labels", noisy.astype({"Cover_Type": float}))
    c.emit("fractional-label", set_cell(noisy, 3, "Cover_Type", 1.5, float))
    c.emit("nan-label", set_cell(noisy, 3, "Cover_Type", np.nan, float))
    c.emit("text-label", set_cell(noisy, 3, "Cover_Type", "Spruce", object))
    text = noisy.astype({"Cover_Type": object})
    text["Cover_Type"] = np.where(noisy["Cover_Type"] == 2, "Lodgepole", "Spruce")
    c.emit("two-text-labels", text)
    text.loc[text.index[3], "Cover_Type"] = np.nan
    c.emit("text-and-empty-labels", text)
    c.emit("bool-labels", noisy.assign(Cover_Type=noisy["Cover_Type"] == 1))
    c.emit("no-target-column", ans[["Id"]])
    c.common_invalid(noisy, "Id")


def space_separated_labels(writer):
    """imet-2020-fgvc7 and plant-pathology-2021-fgvc8: micro F1 of space-separated label sets"""
    for cid, idc, target, fillna_first, seed in [("imet-2020-fgvc7", "id", "attribute_ids", True, 23),
                                                  ("plant-pathology-2021-fgvc8", "image", "labels", False, 24)]:
        rng = np.random.RandomState(seed)
        n = 50
        if cid == "imet-2020-fgvc7":
            pool = [str(v) for v in rng.choice(3474, 40, replace=False)]
            ids = hexid(rng, n, 32)
            sample_value, unknown = "0 1 2", "99999"
        else:
            pool = ["healthy", "scab", "frog_eye_leaf_spot", "rust", "complex", "powdery_mildew"]
            ids = [f"{h}.jpg" for h in hexid(rng, n, 16)]
            sample_value, unknown = "healthy", "leaf_curl"
        labels = [" ".join(rng.choice(pool, rng.randint(1, 4), replace=False)) for _ in range(n)]
        ans = pd.DataFrame({idc: ids, target: labels})
        c = writer.competition(cid, "micro-f1-score", (lambda i, t, f: (lambda s, a: grade_multilabel_f1(s, a, i, t, f)))(
            idc, target, fillna_first), ans)
        noisy_labels = []
        for l in labels:
            ws = l.split()
            r = rng.rand()
            noisy_labels.append(l if r < 0.3 else " ".join(ws[1:]) if r < 0.5 else l + " " + rng.choice(pool) if r < 0.7
                                else l + " " + unknown if r < 0.8 else l + " " + ws[0] if r < 0.9 else rng.choice(pool))
        noisy = ans.assign(**{target: noisy_labels})
        c.emit_basics(ans.assign(**{target: sample_value}), ans, noisy, 25)
        some = noisy.copy()
        some.loc[some.index[::5], target] = np.nan
        c.emit("some-empty", some)
        c.emit("all-empty", ans.assign(**{target: np.nan}))
        c.emit("numeric-column", ans.assign(**{target: 7}))
        c.emit("no-label-column", ans[[idc]])
        c.common_invalid(noisy, idc)


def write_cases(writer):
    """Every competition graded by ClassificationGraders.swift: first the groups of competitions that share one
    grader, each seeding a RandomState per competition, then the others, each drawing from a RandomState
    seeded here."""
    for group in (class_label_accuracy, integer_label_macro_f1, text_normalization, space_separated_labels):
        group(writer)
    for competition, seed in ((essay_scoring, 300), (inaturalist, 500), (paddy, 124), (speech_commands, 126),
                              (plant_seedlings, 130), (nfl_contacts, 132), (facebook_keywords, 801), (aptos, 1),
                              (forest_cover, 3)):
        competition(writer, np.random.RandomState(seed))
