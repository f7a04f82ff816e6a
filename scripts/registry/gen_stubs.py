#!/usr/bin/env python3
"""Writes registry/<id>/recipe.toml stubs for MLE-bench competitions that have no recipe yet.

A maintainer's tool, run by hand with ../shared present (never by the build or the tests). It
records facts only: id, name, Kaggle slug, complexity, split tags, the MD5 of Kaggle's zip and of
each prepared csv/json file, the grader's metric and the answers/sample-submission paths. The
stub's status is "unsupported" until its preparation steps are written.

    python3 scripts/registry/gen_stubs.py ../shared/data/mle-bench registry
"""
import csv
import os
import sys

src, out = sys.argv[1], sys.argv[2]
splits = {}
for name in ["low", "medium", "high", "dev", "split75", "systemcard"]:
    with open(os.path.join(src, "splits", name + ".txt")) as f:
        for line in f:
            if line.strip():
                splits.setdefault(line.strip(), []).append(name)
tag_names = {"low": "lite", "split75": "split75", "systemcard": "systemcard", "dev": "dev"}

def checksums(cid):
    result, section = {"zip": None, "files": {}}, None
    path = os.path.join(src, "checksums", cid + ".yaml")
    if not os.path.exists(path):
        return result
    for line in open(path):
        if line.startswith("zip:"):
            result["zip"] = line.split(":", 1)[1].strip()
        elif not line.startswith(" ") and line.rstrip().endswith(":"):
            section = line.strip()[:-1]
        elif line.startswith("  ") and ":" in line and section in ("public", "private"):
            k, v = line.strip().split(":", 1)
            result["files"][section + "/" + k.strip()] = v.strip()
    return result

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

with open(os.path.join(src, "competitions.tsv")) as f:
    rows = list(csv.DictReader(f, delimiter="\t"))
written = 0
for row in rows:
    cid = row["id"]
    path = os.path.join(out, cid, "recipe.toml")
    if os.path.exists(path):
        continue
    tags = sorted({tag_names[s] for s in splits.get(cid, []) if s in tag_names})
    complexity = row["complexity"] if row["complexity"] in ("low", "medium", "high") else "dev"
    sums = checksums(cid)
    prefix = cid + "/prepared/"
    answers = row["answers"][len(prefix):] if row["answers"].startswith(prefix) else row["answers"]
    sample = row["sample_submission"][len(prefix):] if row["sample_submission"].startswith(prefix) else row["sample_submission"]
    lines = [
        "# %s: %s" % (cid, row["name"]),
        "format = 1",
        "id = %s" % q(cid),
        "name = %s" % q(row["name"]),
        "kaggle = %s" % q(cid),
        "complexity = %s" % q(complexity),
        "tags = [%s]" % ", ".join(q(t) for t in tags),
        'status = "unsupported"',
        'missing = "preparation steps not yet written (see MLE-bench\'s prepare.py for this competition)"',
        "",
        "[source]",
        "url = %s" % q("kaggle://competitions/" + cid),
    ]
    if sums["zip"]:
        lines.append("md5 = %s  # MLE-bench's MD5 of Kaggle's zip" % q(sums["zip"]))
    lines += ["", "[outputs]"]
    if answers and answers != "NA":
        lines.append("answers = %s" % q(answers))
    if sample and sample != "NA":
        lines.append("sample_submission = %s" % q(sample))
    lines += ["", "[outputs.md5]  # MLE-bench's MD5s of the prepared files"]
    for k in sorted(sums["files"]):
        lines.append("%s = %s" % (q(k), q(sums["files"][k])))
    lines += ["", "[grader]", "metric = %s" % q(row["grader_name"]), ""]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines))
    written += 1
print("wrote %d stubs" % written)
