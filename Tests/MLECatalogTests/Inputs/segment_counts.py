"""Counts a Meta Kaggle snapshot's competitions per host segment, with Python's csv module.

An independent reader for the catalog's tests: prints {"rows": N, "segments": {title: count}},
the segment title read from HostSegmentTitle, or (old dumps) CompetitionHostSegmentId looked up
in CompetitionHostSegments.csv's Name.
"""
import csv, json, os, sys
from collections import Counter

csv.field_size_limit(1 << 30)
folder = sys.argv[1]
with open(os.path.join(folder, "Competitions.csv"), newline="", encoding="utf-8-sig") as f:
    rows = list(csv.DictReader(f))
if rows and "HostSegmentTitle" in rows[0]:
    titles = [r["HostSegmentTitle"] for r in rows]
else:
    with open(os.path.join(folder, "CompetitionHostSegments.csv"), newline="", encoding="utf-8-sig") as f:
        names = {r["Id"]: r["Name"] for r in csv.DictReader(f)}
    titles = [names.get(r["CompetitionHostSegmentId"], "") for r in rows]
print(json.dumps({"rows": len({r["Id"] for r in rows}), "segments": Counter(titles)}))
