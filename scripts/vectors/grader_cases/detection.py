"""Reference cases for the graders of Sources/MLEGrading/DetectionGraders.swift, which grade
boxes and points: F1 of matches, mean average precision (COCO, 3D).

Transcriptions of each competition's MLE-bench grade.py (and the helpers it uses), and the
synthesized answers and submissions they grade; `write_cases(writer)` writes them all. Run through
scripts/vectors/grader_cases.py, which says how and with which libraries.
"""
import os
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score

from mlebench_reference import (InvalidSubmissionError, require_columns, require_rows, require_same_ids, set_cell,
                                sort_and_match_ids, sort_by_id)


class _Quiet:
    """pycocotools and the VinBigData helper print progress; keep the script's output short."""

    def __enter__(self):
        self.saved, sys.stdout = sys.stdout, open(os.devnull, "w")

    def __exit__(self, *exc):
        sys.stdout.close()
        sys.stdout = self.saved


# kuzushiji-recognition/grade.py and its kuzushiji_metric.py (pages scored one by one; the
# reference spreads them over a multiprocessing pool, which does not change the sums)

def kuzushiji_page(preds, truth):
    tp = fp = fn = 0
    if pd.isna(truth) and pd.isna(preds):
        return tp, fp, fn
    if pd.isna(truth):
        return tp, fp + len(preds.split(" ")) // 3, fn
    if pd.isna(preds):
        return tp, fp, fn + len(truth.split(" ")) // 5
    t = truth.split(" ")
    if len(t) % 5:
        raise ValueError("malformed solution")
    t_label = np.array(t[0::5])
    t_x0 = np.array(t[1::5]).astype(float)
    t_y0 = np.array(t[2::5]).astype(float)
    t_x1 = t_x0 + np.array(t[3::5]).astype(float)
    t_y1 = t_y0 + np.array(t[4::5]).astype(float)
    p = preds.split(" ")
    if len(p) % 3:
        raise ValueError("malformed prediction")
    p_label = np.array(p[0::3])
    p_x = np.array(p[1::3]).astype(float)
    p_y = np.array(p[2::3]).astype(float)
    unused = np.ones(len(p_label)).astype(bool)
    for x0, x1, y0, y1, label in zip(t_x0, t_x1, t_y0, t_y1, t_label):
        hit = (x0 < p_x) & (x1 > p_x) & (y0 < p_y) & (y1 > p_y) & (p_label == label) & unused
        if hit.sum() == 0:
            fn += 1
        else:
            tp += 1
            unused[np.argmax(hit)] = False
    return tp, fp + unused.sum(), fn


def grade_kuzushiji(submission, answers):
    require_rows(submission, answers)
    require_columns(submission, "image_id", "labels")
    submission, answers = sort_by_id(submission, answers, "image_id", reset_index=True)
    if not all(submission["image_id"] == answers["image_id"]):
        raise InvalidSubmissionError("ids")
    for pred in submission["labels"]:
        if pd.isna(pred):
            continue
        parts = pred.split(" ")
        if len(parts) % 3:
            raise InvalidSubmissionError("malformed")
        for i in range(len(parts)):
            if i % 3:
                float(parts[i])
    if not all(submission["image_id"].values == answers["image_id"].values):
        raise ValueError("ids")
    counts = [kuzushiji_page(p, t) for p, t in zip(submission["labels"].values, answers["labels"].values)]
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    if (tp + fp) == 0 or (tp + fn) == 0:
        return float(0)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    if precision > 0 and recall > 0:
        return float((2 * precision * recall) / (precision + recall))
    return float(0)


# siim-covid19-detection/grade.py

def siim_iou(a, b):
    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    w = max(0, min(ax1, bx1) - max(ax0, bx0))
    h = max(0, min(ay1, by1) - max(ay0, by0))
    inter = w * h
    union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter
    return inter / union if union > 0 else 0.0


def siim_map(sub_preds, ans_preds):
    aps = []
    for cls in sorted(set(p[0] for preds in ans_preds for p in preds)):
        pairs = []
        for img_preds, img_gts in zip(sub_preds, ans_preds):
            mine = []
            gts = [g[2:] for g in img_gts if g[0] == cls]
            img_preds.sort(key=lambda x: x[1], reverse=True)
            used = [False] * len(gts)
            for p in img_preds:
                if p[0] != cls:
                    continue
                best, best_i = 0, -1
                for i, g in enumerate(gts):
                    if used[i]:
                        continue
                    v = siim_iou(p[2:], g)
                    if v > best and v > 0.5:
                        best, best_i = v, i
                if best_i != -1:
                    mine.append((1, p[1]))
                    used[best_i] = True
                else:
                    mine.append((0, p[1]))
            mine.extend([(1, 0)] * used.count(False))
            if not mine:
                mine.append((0, 0))
            pairs.extend(mine)
        y_true = [a for a, _ in pairs]
        y_score = [b for _, b in pairs]
        assert not all(y == 1 for y in y_true)
        aps.append(average_precision_score(y_true, y_score))
    return np.mean(aps) if aps else 0.0


def siim_parse(s):
    toks = s.strip().split()
    try:
        return [(toks[i], float(toks[i + 1]), float(toks[i + 2]), float(toks[i + 3]),
                 float(toks[i + 4]), float(toks[i + 5])) for i in range(0, len(toks), 6)]
    except ValueError:
        raise InvalidSubmissionError("parse")


def grade_siim(submission, answers):
    require_rows(submission, answers)
    require_columns(submission, "id", "PredictionString")
    submission, answers = sort_and_match_ids(submission, answers, "id")
    sub_preds = submission["PredictionString"].apply(siim_parse)
    ans_preds = answers["PredictionString"].apply(siim_parse)
    return siim_map(sub_preds, ans_preds) if len(sub_preds) > 0 else 0.0


# vinbigdata-chest-xray-abnormalities-detection/grade.py: COCO structures with ids counted from
# 0, boxes passed as [x_min, y_min, x_max, y_max] where COCO reads [x, y, w, h], IoU 0.4.

def grade_vinbigdata(submission, answers):
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    for col in ["class_id", "x_min", "y_min", "x_max", "y_max", "image_id"]:
        assert col in answers.columns
    for col in ["x_min", "y_min", "x_max", "y_max"]:
        assert not answers[col].isnull().values.any()
    require_columns(submission, "PredictionString", "image_id")
    require_same_ids(submission, answers, "image_id")

    image_ids = answers["image_id"].unique()
    if "class_name" not in answers.columns:
        answers["class_name"] = answers["class_id"]
    cats = answers[["class_name", "class_id"]].drop_duplicates().sort_values(by="class_id").values
    categories = [{"id": c[1], "name": c[0], "supercategory": "none"} for c in cats]
    images = [{"id": i} for i in range(len(image_ids))]
    truth, k = [], 0
    for idx, image_id in enumerate(image_ids):
        for _, row in answers[answers["image_id"] == image_id].iterrows():
            truth.append({"id": k, "image_id": idx, "category_id": row["class_id"],
                          "bbox": np.array([row["x_min"], row["y_min"], row["x_max"], row["y_max"]]),
                          "segmentation": [], "ignore": 0, "iscrowd": 0,
                          "area": (row["x_max"] - row["x_min"]) * (row["y_max"] - row["y_min"])})
            k += 1
    preds, k = [], 0
    for _, row in submission.iterrows():
        data = np.array(list(map(float, row["PredictionString"].split(" ")))).reshape(-1, 6)
        for p in data:
            preds.append({"id": k, "image_id": int(np.where(image_ids == row["image_id"])[0]),
                          "category_id": int(p[0]), "bbox": np.array([p[2], p[3], p[4], p[5]]),
                          "segmentation": [], "ignore": 0, "iscrowd": 0,
                          "area": (p[4] - p[2]) * (p[5] - p[3]), "score": p[1]})
            k += 1
    with _Quiet():
        gt = COCO()
        gt.dataset = {"type": "instances", "images": images, "categories": categories, "annotations": truth}
        gt.createIndex()
        dt = COCO()
        dt.dataset = {"images": list(images), "categories": list(categories), "annotations": preds}
        dt.createIndex()
        ev = COCOeval(gt, dt, "bbox")
        ev.params.imgIds = sorted(gt.getImgIds())
        ev.params.useCats = True
        ev.params.iouType = "bbox"
        ev.params.iouThrs = np.array([0.4])
        ev.evaluate()
        ev.accumulate()
        ev.summarize()
    return ev.stats[0]


# 3d-object-detection-for-autonomous-vehicles/grade.py with the vendored Lyft mAP_evaluation.py
# (pyquaternion and shapely, as the reference; samples scored in a loop instead of a pool)

def lyft_parse_row(token, text):
    from pyquaternion import Quaternion

    if text.strip() == "":
        return []
    fields = text.split(" ")
    if len(fields) % 9:
        raise InvalidSubmissionError("nine")
    out_ = []
    for i in range(len(fields) // 9):
        seg = fields[i * 9:(i + 1) * 9]
        out_.append({"sample_token": token, "translation": [float(x) for x in seg[1:4]],
                     "size": [float(x) for x in seg[4:7]],
                     "rotation": list(Quaternion(axis=[0, 0, 1], radians=float(seg[7]))),
                     "name": seg[8], "score": float(seg[0])})
    return out_


class LyftBox:
    def __init__(self, sample_token, translation, size, rotation, name, score=-1):
        from pyquaternion import Quaternion
        from shapely.geometry import Polygon

        if not isinstance(sample_token, str):
            raise TypeError("token")
        for v in (translation, size, rotation):
            if np.any(np.isnan(v)):
                raise ValueError("nan")
        self.volume = np.prod(size)
        self.score = score
        assert np.all([x > 0 for x in size])
        self.width, self.length, self.height = size
        cx, cy, cz = translation
        self.min_z, self.max_z = cz - self.height / 2, cz + self.height / 2
        r = Quaternion(rotation).rotation_matrix
        c, s_ = r[0, 0], r[1, 0]
        pts = [(cx + self.length / 2 * c + self.width / 2 * s_, cy + self.length / 2 * s_ - self.width / 2 * c),
               (cx + self.length / 2 * c - self.width / 2 * s_, cy + self.length / 2 * s_ + self.width / 2 * c),
               (cx - self.length / 2 * c - self.width / 2 * s_, cy - self.length / 2 * s_ + self.width / 2 * c),
               (cx - self.length / 2 * c + self.width / 2 * s_, cy - self.length / 2 * s_ - self.width / 2 * c)]

        def orthogonal(a, b, c_):
            return np.isclose((b[0] - a[0]) * (c_[0] - a[0]) + (b[1] - a[1]) * (c_[1] - a[1]), 0)

        assert orthogonal(pts[0], pts[1], pts[3]) and orthogonal(pts[1], pts[0], pts[2])
        assert orthogonal(pts[2], pts[1], pts[3]) and orthogonal(pts[3], pts[0], pts[2])
        self.ground = Polygon(pts + [pts[0]])

    def iou(self, other):
        h = max(0, min(other.max_z, self.max_z) - max(other.min_z, self.min_z))
        inter = h * self.ground.intersection(other.ground).area
        return np.clip(inter / (self.volume + other.volume - inter), 0, 1)


def lyft_ap(gt, preds, threshold):
    gt_boxes = [LyftBox(**g) for g in gt]
    checked = np.zeros(len(gt_boxes))
    preds = sorted(preds, key=lambda x: x["score"], reverse=True)
    tp, fp = np.zeros(len(preds)), np.zeros(len(preds))
    for k, p in enumerate(preds):
        box = LyftBox(**p)
        overlaps = [box.iou(g) for g in gt_boxes]
        best, j = np.max(overlaps), np.argmax(overlaps)
        if best > threshold and checked[j] == 0:
            tp[k] = 1.0
            checked[j] = 1
        else:
            fp[k] = 1.0
    fp, tp = np.cumsum(fp), np.cumsum(tp)
    recalls = tp / float(len(gt_boxes))
    precisions = tp / np.maximum(tp + fp, np.finfo(np.float64).eps)
    recalls = np.concatenate(([0.0], recalls, [1.0]))
    precisions = np.concatenate(([0.0], precisions, [0.0]))
    for i in range(precisions.size - 1, 0, -1):
        precisions[i - 1] = np.maximum(precisions[i - 1], precisions[i])
    i = np.where(recalls[1:] != recalls[:-1])[0]
    return np.sum((recalls[i + 1] - recalls[i]) * precisions[i + 1])


def grade_lyft(submission, answers):
    require_rows(submission, answers)
    require_columns(submission, "Id", "PredictionString")
    submission, answers = sort_and_match_ids(submission, answers, "Id")
    submission["PredictionString"] = submission["PredictionString"].fillna("")
    subs = [lyft_parse_row(r["Id"], r["PredictionString"]) for _, r in submission.iterrows()]
    anss = [lyft_parse_row(r["Id"], r["PredictionString"]) for _, r in answers.iterrows()]
    maps = []
    for gt, preds in zip(anss, subs):
        names = sorted(set(x["name"] for x in gt))
        for t in [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]:
            aps = np.zeros(len(names))
            for k, name in enumerate(names):
                mine = [p for p in preds if p["name"] == name]
                if mine:
                    aps[k] = lyft_ap([g for g in gt if g["name"] == name], mine, t)
            maps.append(np.mean(aps))
    return np.mean(maps)


# ---------------------------------------------------------------------------------------------
# Cases


def kuzushiji(writer, rng):
    """kuzushiji-recognition"""
    chars = [f"U+{code:04X}" for code in rng.choice(np.arange(0x3042, 0x3094), 25, replace=False)]
    n = 45
    pages = []
    for i in range(n):
        k = rng.randint(0, 16) if i % 9 else 0
        boxes = [(chars[rng.randint(len(chars))], rng.randint(0, 3000), rng.randint(0, 3000),
                  rng.randint(10, 200), rng.randint(10, 200)) for _ in range(k)]
        pages.append(boxes)
    page_ids = [f"{100241706 + 17 * i}_{i % 50:05d}" for i in range(n)]
    ans = pd.DataFrame({"image_id": page_ids,
                        "labels": [" ".join(f"{l} {x} {y} {w} {h}" for l, x, y, w, h in b) if b else np.nan
                                   for b in pages]})
    ans = ans.sample(frac=1, random_state=812).reset_index(drop=True)
    pages = [pages[page_ids.index(i)] for i in ans["image_id"]]
    c = writer.competition("kuzushiji-recognition", "f1-score", grade_kuzushiji, ans)


    def kz_labels(fn):
        out_ = []
        for b in pages:
            pts = [p for box in b for p in fn(box)]
            out_.append(" ".join(f"{l} {x} {y}" for l, x, y in pts) if pts else np.nan)
        return out_


    sub = ans[["image_id"]]
    c.emit("sample", sub.assign(labels="U+003F 1 1 U+FF2F 2 2"))
    c.emit("gold", sub.assign(labels=kz_labels(lambda b: [(b[0], b[1] + 1, b[2] + 1)])))
    c.emit("centres", sub.assign(labels=kz_labels(lambda b: [(b[0], b[1] + b[3] / 2, b[2] + b[4] / 2)])))


    def kz_noisy(b):
        if rng.rand() < 0.2:
            return []
        label = b[0] if rng.rand() > 0.15 else chars[rng.randint(len(chars))]
        pts = [(label, round(b[1] + rng.rand() * b[3] * 1.3, 1), round(b[2] + rng.rand() * b[4] * 1.3, 1))]
        if rng.rand() < 0.2:
            pts.append((b[0], rng.randint(0, 3000), rng.randint(0, 3000)))
        return pts


    noisy = sub.assign(labels=kz_labels(kz_noisy))
    c.emit("noisy", noisy)
    c.emit("on-the-edge", sub.assign(labels=kz_labels(lambda b: [(b[0], b[1], b[2] + 1), (b[0], b[1] + 1, b[2] + b[4])])))
    c.emit("twice-each", sub.assign(labels=kz_labels(lambda b: [(b[0], b[1] + 2, b[2] + 2), (b[0], b[1] + 3, b[2] + 3)])))
    c.emit("odd-numbers", sub.assign(labels=kz_labels(lambda b: [(b[0], f"{b[1] + 1}e0", "nan" if b[2] % 7 == 0 else f"+{b[2] + 1}.5")])))
    c.emit("infinite", sub.assign(labels=kz_labels(lambda b: [(b[0], "inf", b[2] + 1), (b[0], b[1] + 1, b[2] + 1)])))
    c.emit("all-empty", sub.assign(labels=np.nan))
    c.emit("shuffled", noisy.sample(frac=1, random_state=813))
    c.emit("extra-column", noisy.assign(other=1))
    c.emit_edits(noisy, 1, "labels", [("trailing-space", "U+3042 5 5 "), ("double-space", "U+3042  5 5"),
                                      ("two-fields", "U+3042 5 5 U+3044 6"), ("text-coordinate", "U+3042 five 5"),
                                      ("hex-coordinate", "U+3042 0x10 5")])
    c.emit("numeric-labels", sub.assign(labels=1.5))
    c.emit("unknown-id", set_cell(noisy, 4, "image_id", "nope"))
    c.emit("renamed-column", noisy.rename(columns={"labels": "label"}))
    c.common_invalid(noisy, "image_id")


def siim_covid(writer, rng):
    """siim-covid19-detection"""
    studies = [f"{rng.randint(16 ** 11, 16 ** 12):012x}" for _ in range(30)]
    rows = []
    for s in studies:
        rows.append((f"{s}_study", f"{['negative', 'typical', 'indeterminate', 'atypical'][rng.randint(4)]} 1 0 0 1 1"))
    image_boxes = {}
    for i in range(45):
        iid = f"{rng.randint(16 ** 11, 16 ** 12):012x}_image"
        k = rng.choice([0, 1, 2, 3], p=[0.35, 0.3, 0.25, 0.1])
        boxes = []
        for _ in range(k):
            x0, y0 = rng.uniform(0, 3000, 2).round(5)
            boxes.append((x0, y0, round(x0 + rng.uniform(100, 1200), 5), round(y0 + rng.uniform(100, 1800), 5)))
        image_boxes[iid] = boxes
        rows.append((iid, " ".join(f"opacity 1 {a} {b} {c_} {d}" for a, b, c_, d in boxes) if boxes else "none 1 0 0 1 1"))
    ans = pd.DataFrame(rows, columns=["id", "PredictionString"])
    c = writer.competition("siim-covid19-detection", "mean-average-precision", grade_siim, ans)
    sub = ans[["id"]]
    c.emit("sample", sub.assign(PredictionString=["negative 1 0 0 1 1" if i.endswith("_study") else "none 1 0 0 1 1"
                                                  for i in ans["id"]]))
    c.emit("gold", ans)


    def siim_noisy(i, s, jitter=0.08, shuffle=True):
        if i.endswith("_study"):
            label = s.split()[0] if rng.rand() < 0.6 else ["negative", "typical", "indeterminate", "atypical"][rng.randint(4)]
            others = [f"{c_} {rng.rand():.3f} 0 0 1 1" for c_ in ["negative", "typical"] if c_ != label and rng.rand() < 0.4]
            return " ".join([f"{label} {rng.uniform(0.3, 1):.3f} 0 0 1 1"] + others)
        parts = []
        for x0, y0, x1, y1 in image_boxes[i]:
            if rng.rand() < 0.8:
                w, h = x1 - x0, y1 - y0
                d = rng.uniform(-jitter, jitter, 4) * [w, h, w, h]
                parts.append(f"opacity {rng.rand():.2f} {x0 + d[0]:.1f} {y0 + d[1]:.1f} {x1 + d[2]:.1f} {y1 + d[3]:.1f}")
        if rng.rand() < 0.3:
            x0, y0 = rng.uniform(0, 2500, 2)
            parts.append(f"opacity {rng.rand():.2f} {x0:.1f} {y0:.1f} {x0 + 400:.1f} {y0 + 500:.1f}")
        if shuffle:
            rng.shuffle(parts)
        parts.append(f"none {rng.rand():.2f} 0 0 1 1")
        return " ".join(parts)


    noisy = sub.assign(PredictionString=[siim_noisy(i, s) for i, s in zip(ans["id"], ans["PredictionString"])])
    c.emit("noisy", noisy)
    c.emit("loose-boxes", sub.assign(PredictionString=[siim_noisy(i, s, jitter=0.3) for i, s in zip(ans["id"], ans["PredictionString"])]))
    c.emit("tied-confidences", sub.assign(PredictionString=[
        " ".join(t if k % 6 != 1 else "0.5" for k, t in enumerate(s.split())) for s in noisy["PredictionString"]]))
    c.emit("unknown-classes", noisy.assign(PredictionString=noisy["PredictionString"] + " Opacity 0.9 0 0 10 10"))
    c.emit("nan-unscored-class", noisy.assign(PredictionString=noisy["PredictionString"] + " other nan 0 0 10 10"))
    c.emit("odd-whitespace", noisy.assign(PredictionString=["  " + s.replace(" ", "\t ") + "  " for s in noisy["PredictionString"]]))
    c.emit("shuffled", noisy.sample(frac=1, random_state=822))
    c.emit("extra-column", noisy.assign(other=1))
    c.emit_edits(noisy, 3, "PredictionString", [("empty-prediction", np.nan),
                                                ("six-and-one-tokens", "negative 1 0 0 1 1 typical"),
                                                ("text-confidence", "negative high 0 0 1 1"),
                                                ("infinite-confidence", "negative inf 0 0 1 1"),
                                                ("nan-confidence", "negative nan 0 0 1 1")])
    c.emit("unknown-id", set_cell(noisy, 4, "id", "nope_image"))
    c.emit("renamed-column", noisy.rename(columns={"PredictionString": "prediction"}))
    c.common_invalid(noisy, "id")


def vinbigdata(writer, rng):
    """vinbigdata-chest-xray-abnormalities-detection"""
    names = ["Aortic enlargement", "Atelectasis", "Calcification", "Cardiomegaly", "Consolidation", "ILD",
             "Infiltration", "Lung Opacity", "Nodule/Mass", "Other lesion", "Pleural effusion",
             "Pleural thickening", "Pneumothorax", "Pulmonary fibrosis", "No finding"]
    vb_images = ["".join(f"{v:08x}" for v in rng.randint(0, 2 ** 31, 4)) for _ in range(30)]
    rows = []
    for img in vb_images:
        if rng.rand() < 0.3:
            rows.append((img, 14, 0.0, 0.0, 1.0, 1.0))
            continue
        for cls in sorted(rng.choice([0, 3, 5, 7, 8, 10, 11, 13], rng.randint(1, 4), replace=False)):
            for _ in range(1 if rng.rand() < 0.8 else 2):
                x0, y0 = rng.uniform(0, 2000, 2).round(1)
                rows.append((img, int(cls), x0, y0, round(x0 + rng.uniform(30, 900), 1), round(y0 + rng.uniform(30, 900), 1)))
    frame = pd.DataFrame(rows, columns=["image_id", "class_id", "x_min", "y_min", "x_max", "y_max"])
    frame["class_name"] = [names[k] for k in frame["class_id"]]
    frame["rad_id"] = [f"R{rng.randint(1, 18)}" for _ in range(len(frame))]
    ans = frame[["image_id", "class_id", "class_name", "rad_id", "x_min", "y_min", "x_max", "y_max"]]
    ans = ans.sort_values(["image_id", "class_id"], kind="stable").reset_index(drop=True)
    c = writer.competition("vinbigdata-chest-xray-abnormalities-detection", "mAP-at-IoU>0.4", grade_vinbigdata, ans)
    sub = pd.DataFrame({"image_id": vb_images})


    def vb_strings(fn):
        out_ = []
        for img in vb_images:
            boxes = ans[ans["image_id"] == img]
            parts = [p for _, r in boxes.iterrows() for p in fn(r)]
            out_.append(" ".join(f"{k} {s} {a} {b} {c_} {d}" for k, s, a, b, c_, d in parts) if parts else "14 1 0 0 1 1")
        return out_


    def vb_noisy(r, jitter=0.1):
        if rng.rand() < 0.15:
            return []
        w, h = r["x_max"] - r["x_min"], r["y_max"] - r["y_min"]
        d = rng.uniform(-jitter, jitter, 4) * [w, h, w, h] if r["class_id"] != 14 else np.zeros(4)
        k = r["class_id"] if rng.rand() > 0.1 else rng.choice([0, 3, 5, 14])
        out_ = [(k, round(rng.rand(), 2), round(r["x_min"] + d[0], 1), round(r["y_min"] + d[1], 1),
                 round(r["x_max"] + d[2], 1), round(r["y_max"] + d[3], 1))]
        if rng.rand() < 0.3:
            x0, y0 = rng.uniform(0, 2000, 2).round(1)
            out_.append((rng.choice([0, 3, 7]), round(rng.rand(), 2), x0, y0, x0 + 300, y0 + 200))
        return out_


    c.emit("sample", sub.assign(PredictionString="14 1 0 0 1 1"))
    c.emit("gold", sub.assign(PredictionString=vb_strings(lambda r: [(r["class_id"], 1.0, r["x_min"], r["y_min"], r["x_max"], r["y_max"])])))
    noisy = sub.assign(PredictionString=vb_strings(vb_noisy))
    c.emit("noisy", noisy)
    c.emit("loose-boxes", sub.assign(PredictionString=vb_strings(lambda r: vb_noisy(r, jitter=0.4))))
    c.emit("tied-scores", sub.assign(PredictionString=vb_strings(lambda r: [(k, 0.5, a, b, c_, d) for k, _, a, b, c_, d in vb_noisy(r)])))
    c.emit("float-classes", sub.assign(PredictionString=vb_strings(lambda r: [(f"{r['class_id']}.7", 0.9, r["x_min"], r["y_min"], r["x_max"], r["y_max"])])))
    many = [" ".join(f"{rng.choice([0, 3, 7])} {rng.rand():.3f} {x:.0f} {y:.0f} {x + 400:.0f} {y + 300:.0f}"
                     for x, y in rng.uniform(0, 2000, (130, 2))) if i < 3 else "" for i in range(len(vb_images))]
    c.emit("over-100-boxes", sub.assign(PredictionString=[(m + " " + s).strip() for m, s in zip(many, noisy["PredictionString"])]))
    c.emit("negative-areas", sub.assign(PredictionString=vb_strings(lambda r: [(r["class_id"], 0.8, r["x_max"], r["y_max"], r["x_min"], r["y_min"]), (r["class_id"], 0.7, r["x_min"], r["y_min"], r["x_max"], r["y_max"])])))
    c.emit("nan-score", set_cell(noisy, 2, "PredictionString", "14 nan 0 0 1 1 0 0.4 10 10 500 500"))
    c.emit("infinite-score", set_cell(noisy, 2, "PredictionString", "14 inf 0 0 1 1 0 -inf 10 10 500 500"))
    c.emit("unknown-class", noisy.assign(PredictionString=noisy["PredictionString"] + " 21 0.9 0 0 100 100"))
    c.emit("repeated-image", pd.concat([noisy, noisy.iloc[[0, 5]]]))
    c.emit("shuffled", noisy.sample(frac=1, random_state=832))
    c.emit("extra-column", noisy.assign(other=1))
    c.emit("missing-image", noisy.iloc[:-1])
    c.emit("unknown-image", set_cell(noisy, 3, "image_id", "nope"))
    c.emit_edits(noisy, 3, "PredictionString", [("empty-prediction", np.nan), ("five-numbers", "14 1 0 0 1"),
                                                ("double-space", "14 1 0 0  1 1"), ("nan-class", "nan 1 0 0 1 1"),
                                                ("text-score", "14 sure 0 0 1 1")])
    c.emit("no-id-column", noisy.drop(columns=["image_id"]))
    c.emit("renamed-column", noisy.rename(columns={"PredictionString": "prediction"}))
    c.emit("empty", raw=b"")


def lyft(writer, rng):
    """3d-object-detection-for-autonomous-vehicles"""
    kinds = {"car": (1.9, 4.6, 1.7), "pedestrian": (0.7, 0.8, 1.8), "truck": (2.8, 9.5, 3.4),
             "bicycle": (0.6, 1.8, 1.4), "other_vehicle": (2.6, 7.5, 2.9), "bus": (2.9, 12.0, 3.3)}
    names_ = list(kinds)
    tokens = ["".join(f"{v:08x}" for v in rng.randint(0, 2 ** 31, 8)) for _ in range(16)]
    scenes = {}
    for t in tokens:
        objs = []
        for _ in range(rng.randint(1, 7)):
            name = names_[min(rng.geometric(0.45) - 1, len(names_) - 1)]
            w, l, h = (round(v * rng.uniform(0.85, 1.15), 3) for v in kinds[name])
            objs.append([round(v, 6) for v in (rng.uniform(600, 2800), rng.uniform(600, 2800), rng.uniform(-30, -15))]
                        + [w, l, h, round(rng.uniform(-np.pi, np.pi), 6), name])
        scenes[t] = objs


    def lyft_string(objs, conf=None):
        return " ".join(" ".join(str(v) for v in [conf(o) if conf else 1.0] + list(o)) for o in objs)


    ans = pd.DataFrame({"Id": tokens, "PredictionString": [lyft_string(scenes[t]) for t in tokens]})
    c = writer.competition("3d-object-detection-for-autonomous-vehicles", "mean-average-precision", grade_lyft, ans)
    sub = ans[["Id"]]


    def lyft_jitter(o, scale):
        x, y, z, w, l, h, yaw, name = o
        d = rng.normal(0, scale, 3)
        return [round(x + d[0], 4), round(y + d[1], 4), round(z + d[2] / 2, 4), round(w * rng.uniform(1 - scale / 4, 1 + scale / 4), 3),
                round(l * rng.uniform(1 - scale / 4, 1 + scale / 4), 3), h, round(yaw + rng.normal(0, scale / 3), 5), name]


    def lyft_noisy(objs, scale=0.25):
        out_ = [lyft_jitter(o, scale) for o in objs if rng.rand() > 0.15]
        if rng.rand() < 0.4:
            o = objs[rng.randint(len(objs))]
            out_.append(lyft_jitter(o[:7] + [names_[rng.randint(len(names_))]], 1.0))
        return lyft_string(out_, conf=lambda o: round(rng.rand(), 3)) if out_ else np.nan


    noisy = sub.assign(PredictionString=[lyft_noisy(scenes[t]) for t in tokens])
    c.emit("sample", sub.assign(PredictionString=np.nan))
    c.emit("gold", ans)
    c.emit("noisy", noisy)
    c.emit("tight", sub.assign(PredictionString=[lyft_noisy(scenes[t], 0.05) for t in tokens]))
    c.emit("loose", sub.assign(PredictionString=[lyft_noisy(scenes[t], 0.8) for t in tokens]))
    c.emit("tied-confidences", sub.assign(PredictionString=[lyft_string([lyft_jitter(o, 0.2) for o in scenes[t]] * 2, conf=lambda o: 0.5) for t in tokens]))
    c.emit("rotated-half-turn", sub.assign(PredictionString=[lyft_string([o[:6] + [o[6] + np.pi] + o[7:] for o in scenes[t]]) for t in tokens]))
    c.emit("unscored-class-nan", noisy.assign(PredictionString=[(p if isinstance(p, str) else "0.5 1 1 1 1 1 1 0 car") + " 0.9 nan 1 1 1 1 1 0 ufo" for p in noisy["PredictionString"]]))
    c.emit("nan-confidence", noisy.assign(PredictionString=[lyft_string([lyft_jitter(o, 0.2) for o in scenes[t]], conf=lambda o: "nan" if rng.rand() < 0.3 else 0.7) for t in tokens]))
    c.emit("whitespace-only", set_cell(noisy, 2, "PredictionString", "   "))
    c.emit("shuffled", noisy.sample(frac=1, random_state=852))
    c.emit("extra-column", noisy.assign(other=1))
    objs = scenes[tokens[2]]  # the scene of the row edited
    c.emit_edits(noisy, 2, "PredictionString", [("zero-size", lyft_string([o[:3] + [0.0] + o[4:] for o in objs])),
                                                ("nan-centre", lyft_string([["nan"] + o[1:] for o in objs])),
                                                ("infinite-yaw", lyft_string([o[:6] + ["inf"] + o[7:] for o in objs])),
                                                ("ten-fields", "1.0 1 2 3 4 5 6 0.5 car extra"),
                                                ("text-number", "1.0 one 2 3 4 5 6 0.5 car"),
                                                ("trailing-space", lyft_string(objs) + " ")])
    c.emit("unknown-id", set_cell(noisy, 4, "Id", "nope"))
    c.emit("renamed-column", noisy.rename(columns={"PredictionString": "prediction"}))
    c.common_invalid(noisy, "Id")


def write_cases(writer):
    """Every competition graded by DetectionGraders.swift, each drawing from a RandomState seeded here."""
    for competition, seed in ((kuzushiji, 811), (siim_covid, 821), (vinbigdata, 831), (lyft, 851)):
        competition(writer, np.random.RandomState(seed))
