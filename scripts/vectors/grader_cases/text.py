"""Reference cases for the graders of Sources/MLEGrading/TextGraders.swift, which grade
text: word Jaccard, question-answering F1 over JSON-lines answers.

Transcriptions of each competition's MLE-bench grade.py (and the helpers it uses), and the
synthesized answers and submissions they grade; `write_cases(writer)` writes them all. Run through
scripts/vectors/grader_cases.py, which says how and with which libraries.
"""
import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, jaccard_score
from sklearn.preprocessing import MultiLabelBinarizer

from mlebench_reference import (InvalidSubmissionError, hexid, require_columns, require_rows, set_cell,
                                sort_and_match_ids)


# tensorflow2-question-answering/grade.py
#
# Each example has a `<id>_long` and a `<id>_short` row. A prediction is "", YES, NO or
# START:END (Python ints). Per row: y_pred is 1 when the prediction is not blank; y_true is 1
# when a given prediction is among the row's accepted answers, or when a blank one leaves an
# answer unclaimed. The score is scikit-learn's micro-averaged F1 of those labels.

def tf2_accepted(annotation, long_row):
    if long_row:
        span = annotation["long_answer"]
        if span["start_token"] != -1:
            return [(int(span["start_token"]), int(span["end_token"]))]
        return []
    accepted = [(int(s["start_token"]), int(s["end_token"])) for s in annotation["short_answers"]]
    if annotation["yes_no_answer"] != "NONE":
        accepted.append(annotation["yes_no_answer"])
    return accepted


def grade_tf2(submission, answers):
    if len(submission) != 2 * len(answers):
        raise InvalidSubmissionError("rows")
    submission = submission.fillna("").astype(str)
    wanted = [f"{a['example_id']}_{kind}" for a in answers for kind in ("long", "short")]
    require_columns(submission, "example_id", "PredictionString")
    ids = list(submission["example_id"])
    if set(ids) != set(wanted):
        raise InvalidSubmissionError("ids")
    if len(set(ids)) != len(ids):
        raise InvalidSubmissionError("repeated ids")
    preds = [p.strip() for p in submission["PredictionString"]]
    y_pred = [int(bool(p)) for p in preds]
    first_annotation = {a["example_id"]: a["annotations"][0] for a in answers}
    y_true = []
    for sample_id, pred in zip(ids, preds):
        if ":" in pred and len(pred.split(":")) == 2:
            start, end = pred.split(":")
            pred = (int(start), int(end))
        elif pred not in ("YES", "NO", ""):
            raise InvalidSubmissionError("format")
        if sample_id.endswith("_long"):
            accepted = tf2_accepted(first_annotation[sample_id.split("_long")[0]], True)
        elif sample_id.endswith("_short"):
            accepted = tf2_accepted(first_annotation[sample_id.split("_short")[0]], False)
        else:
            raise InvalidSubmissionError("suffix")
        y_true.append(int(pred in accepted) if pred else int(bool(accepted)))
    return f1_score(y_true=y_true, y_pred=y_pred, average="micro")


def grade_chaii(submission, answers):
    target_column = "PredictionString"

    def binarize_sentences(y_true, y_pred):
        all_words = list(set.union(*y_true, *y_pred))
        mlb = MultiLabelBinarizer(classes=all_words, sparse_output=True)
        return mlb.fit_transform(y_true), mlb.transform(y_pred)

    require_rows(submission, answers)
    require_columns(submission, target_column, "id")
    assert target_column in answers.columns
    assert "id" in answers.columns
    submission, answers = sort_and_match_ids(submission, answers, "id")
    submission[target_column] = submission[target_column].fillna("")
    answers[target_column] = answers[target_column].fillna("")
    y_pred = submission[target_column].tolist()
    y_true = answers[target_column].tolist()
    y_pred_sentence_sets = [set(sentence.lower().split()) for sentence in y_pred]
    y_true_sentence_sets = [set(sentence.lower().split()) for sentence in y_true]
    y_true_bin, y_pred_bin = binarize_sentences(y_true_sentence_sets, y_pred_sentence_sets)
    return jaccard_score(y_pred=y_pred_bin, y_true=y_true_bin, average="samples")


def grade_tweet(submission, answers):
    def jaccard(str1, str2):
        a = set(str1.lower().split())
        b = set(str2.lower().split())
        c = a.intersection(b)
        return float(len(c)) / (len(a) + len(b) - len(c))

    require_columns(submission, "textID", "selected_text")
    require_rows(submission, answers)
    assert "textID" in answers.columns
    assert "selected_text" in answers.columns
    submission, answers = sort_and_match_ids(submission, answers, "textID")
    preds = submission["selected_text"].fillna("").astype(str).tolist()
    truth = answers["selected_text"].fillna("").astype(str).tolist()
    return float(np.mean([jaccard(a, b) for a, b in zip(preds, truth)]))


# ---------------------------------------------------------------------------------------------
# Cases


def tensorflow2_qa(writer, rng):
    """tensorflow2-question-answering"""
    words = ["the", "river", "flows", "north", "<P>", "</P>", "<Table>", "</Table>", "in", "winter", "año",
             "king", "of", "France", "was", "crowned", "1804", "<Li>", "</Li>", "by", "a", "pope"]
    n = 60
    rows = []
    for i in range(n):
        length = rng.randint(40, 90)
        starts = sorted(rng.choice(np.arange(0, length - 8), rng.randint(1, 5), replace=False).tolist())
        candidates = [{"start_token": int(s), "top_level": bool(k % 2 == 0), "end_token": int(s + rng.randint(3, 8))}
                      for k, s in enumerate(starts)]
        kind = i % 6  # 0, 1: long and short; 2: long only; 3: yes/no; 4: nothing; 5: several short answers
        long_answer = {"start_token": -1, "candidate_index": -1, "end_token": -1}
        if kind != 4:
            c_ = rng.randint(len(candidates))
            long_answer = {"start_token": candidates[c_]["start_token"], "candidate_index": int(c_),
                           "end_token": candidates[c_]["end_token"]}
        shorts = []
        if kind in (0, 1, 5):
            for _ in range(1 if kind < 5 else rng.randint(2, 4)):
                s = rng.randint(long_answer["start_token"], long_answer["end_token"])
                shorts.append({"start_token": int(s), "end_token": int(s + rng.randint(1, 3))})
        yes_no = "NONE" if kind != 3 else ["YES", "NO"][rng.randint(2)]
        # Annotation ids span the unsigned 64-bit range (pandas writes those above 2**63 as they are).
        annotation_id = int(rng.randint(0, 2 ** 61)) * (8 if i % 3 else 1) + i
        rows.append({
            "document_text": " ".join(words[rng.randint(len(words))] for _ in range(length)),
            "long_answer_candidates": candidates,
            "question_text": f"who was question {i} about / «{words[i % len(words)]}»",
            "annotations": [{"yes_no_answer": yes_no, "long_answer": long_answer, "short_answers": shorts,
                             "annotation_id": annotation_id}],
            "document_url": f"https://en.wikipedia.org//w/index.php?title=Page_{i}&oldid={800000000 + i}",
            # Kaggle's ids are signed 64-bit integers; MLE-bench's prepare.py turns them into strings.
            "example_id": str(int(rng.randint(-2 ** 62, 2 ** 62)) * 2 + (i % 2)),
        })
    ans = pd.DataFrame(rows)
    c = writer.competition("tensorflow2-question-answering", "micro-f1-score", grade_tf2, ans, answers_name="answers.jsonl")


    def tf2_gold(row):
        """prepare.py's gold submission: the yes/no answer, else the first short answer; the long span."""
        a = row["annotations"][0]
        if a["yes_no_answer"] != "NONE":
            short = a["yes_no_answer"]
        elif a["short_answers"]:
            short = f"{a['short_answers'][0]['start_token']}:{a['short_answers'][0]['end_token']}"
        else:
            short = ""
        span = a["long_answer"]
        long_ = f"{span['start_token']}:{span['end_token']}" if span["start_token"] != -1 else ""
        return short, long_


    ids, preds, kinds = [], [], []
    for r in rows:
        short, long_ = tf2_gold(r)
        ids += [f"{r['example_id']}_short", f"{r['example_id']}_long"]
        preds += [short, long_]
        kinds += ["short", "long"]
    gold = pd.DataFrame({"example_id": ids, "PredictionString": preds})
    is_long = np.array([k == "long" for k in kinds])


    def with_preds(values, frame=gold):
        return frame.assign(PredictionString=values)


    def tf2_noisy(p, k):
        u = rng.rand()
        if u < 0.15:
            return ""
        if u < 0.3 and ":" in p:
            s, e = map(int, p.split(":"))
            return f"{s}:{e + rng.randint(1, 4)}"
        if u < 0.38:
            return ["YES", "NO"][rng.randint(2)]
        if u < 0.48 and not p:
            s = rng.randint(0, 50)
            return f"{s}:{s + rng.randint(1, 9)}"
        return p


    noisy = with_preds([tf2_noisy(p, k) for p, k in zip(preds, kinds)])
    c.emit("sample", with_preds(""))
    c.emit("gold", gold)
    c.emit("noisy", noisy)
    c.emit("shuffled", noisy.sample(frac=1, random_state=902))
    c.emit("long-only", with_preds([p if k == "long" else "" for p, k in zip(preds, kinds)]))
    c.emit("short-only", with_preds([p if k == "short" else "" for p, k in zip(preds, kinds)]))
    c.emit("all-yes", with_preds("YES"))
    c.emit("all-no-answers-claimed", with_preds("0:1"))


    def last_short(r):
        a = r["annotations"][0]
        return f"{a['short_answers'][-1]['start_token']}:{a['short_answers'][-1]['end_token']}" if a["short_answers"] else ""


    # Any accepted answer counts: the last short answer where there are several.
    c.emit("last-short-answer", with_preds([last_short(rows[i // 2]) if k == "short" else p
                                            for i, (p, k) in enumerate(zip(preds, kinds))]))
    c.emit("padded", with_preds([f" {p}\t" if i % 3 else f"\u3000{p}" for i, p in enumerate(preds)]))


    def odd_ints(i, p):
        """Other spellings Python's int() reads: a sign, leading zeros, spaces, an underscore between
        digits, Arabic-Indic digits."""
        if ":" not in p:
            return p
        s, e = p.split(":")
        forms = [f"+{s}:0{e}", f" {s} : {e} ", f"{s[0]}_{s[1:]}:{e}" if len(s) > 1 else f"0_{s}:{e}",
                 "".join(chr(0x660 + int(d)) for d in s) + ":" + e]
        return forms[i % len(forms)]


    c.emit("odd-integers", with_preds([odd_ints(i, p) for i, p in enumerate(preds)]))
    c.emit("huge-integers", set_cell(noisy, 2, "PredictionString", "123456789012345678901234567890:5"))
    c.emit("negative-spans", with_preds(["-1:-1" if not p else p for p in preds]))
    c.emit("na-strings", with_preds(["NA" if (i % 5 == 0) else p for i, p in enumerate(preds)]))
    c.emit("extra-column", noisy.assign(note="x"))
    c.emit("reordered-columns", noisy[["PredictionString", "example_id"]])
    # Invalid: predictions that are not START:END, YES, NO or blank.
    c.emit_edits(noisy, 3, "PredictionString", [("lowercase-yes", "yes"), ("three-parts", "1:2:3"),
                                                ("open-span", "12:"), ("words-span", "a:b"), ("float-span", "1.0:2"),
                                                ("none-word", "NONE"), ("number", "5")])
    c.emit("all-numbers", with_preds(7))
    c.emit("double-underscore", set_cell(noisy, 3, "PredictionString", "1__2:3"))
    # Invalid: ids.
    c.emit("unknown-id", set_cell(noisy, 4, "example_id", "123_long"))
    c.emit("wrong-suffix", noisy.assign(example_id=[i.replace("_long", "_Long") for i in noisy["example_id"]]))
    c.emit("bare-ids", noisy.assign(example_id=[i.rsplit("_", 1)[0] for i in noisy["example_id"]]))
    c.emit("renamed-column", noisy.rename(columns={"PredictionString": "predictionstring"}))
    c.emit("no-prediction-column", noisy.drop(columns=["PredictionString"]))
    c.emit("header-only", raw=b"example_id,PredictionString\n")
    c.common_invalid(noisy, "example_id")


def tweet_sentiment(writer, rng):
    """tweet-sentiment-extraction: mean word Jaccard of selected_text by textID"""
    n = 40
    vocab = ["I", "love", "this", "SO", "much", "!!", "not", "Happy", "sad", "day", "http://t.co/x", "ΟΔΟΣ", "İstanbul",
             "won't", "5", "great", "ugh", "work", "tomorrow", "Thanks"]
    texts, selected = [], []
    for i in range(n):
        words = list(rng.choice(vocab, rng.randint(3, 9)))
        a = rng.randint(0, len(words))
        b = rng.randint(a + 1, len(words) + 1)
        texts.append(" ".join(words))
        selected.append(" ".join(words[a:b]))
    selected[4] = "5"
    ans = pd.DataFrame({"textID": hexid(rng, n, 10), "text": texts, "selected_text": selected,
                        "sentiment": rng.choice(["positive", "neutral", "negative"], n)})
    c = writer.competition("tweet-sentiment-extraction", "jaccard-similarity", grade_tweet, ans)
    noisy_text = []
    for t, s in zip(texts, selected):
        r = rng.rand()
        noisy_text.append(t if r < 0.3 else s.upper() if r < 0.5 else s.lower() if r < 0.6 else "" if r < 0.7 else
                          " ".join(s.split()[1:]) + "  ok")
    noisy = ans[["textID"]].assign(selected_text=noisy_text)
    c.emit_basics(ans[["textID"]].assign(selected_text=""), ans[["textID", "selected_text"]], noisy, 20)
    c.emit("numeric-text", ans[["textID"]].assign(selected_text=np.where(np.arange(n) % 2 == 0, 5, 1.5)))
    c.emit("no-text-column", ans[["textID"]])
    c.common_invalid(noisy, "textID")


def chaii(writer, rng):
    """chaii-hindi-and-tamil-question-answering: samples-averaged word Jaccard of PredictionString by id"""
    n = 40
    words = ["भारत", "की", "राजधानी", "नई", "दिल्ली", "சென்னை", "தமிழ்", "நாடு", "1947", "गंगा", "नदी", "இந்தியா",
             "Mumbai", "DELHI"]
    answer_text = [" ".join(rng.choice(words, rng.randint(1, 4))) for _ in range(n)]
    answer_text[0] = "1947"
    ans = pd.DataFrame({"id": hexid(rng, n, 9), "PredictionString": answer_text})
    c = writer.competition("chaii-hindi-and-tamil-question-answering", "word-level-jaccard-score", grade_chaii, ans)
    noisy_text = []
    for t in answer_text:
        r = rng.rand()
        noisy_text.append(t if r < 0.3 else t.lower() if r < 0.45 else "" if r < 0.6 else
                          t + " " + rng.choice(words) if r < 0.8 else rng.choice(words))
    noisy = ans.assign(PredictionString=noisy_text)
    c.emit_basics(ans.assign(PredictionString="dummy text"), ans, noisy, 22)
    c.emit("all-empty", ans.assign(PredictionString=np.nan))
    c.emit("numeric-column", ans.assign(PredictionString=1947))
    c.emit("no-prediction-column", ans[["id"]])
    c.common_invalid(noisy, "id")


def write_cases(writer):
    """Every competition graded by TextGraders.swift, each drawing from a RandomState seeded here."""
    for competition, seed in ((tensorflow2_qa, 901), (tweet_sentiment, 19), (chaii, 21)):
        competition(writer, np.random.RandomState(seed))
