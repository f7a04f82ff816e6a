#!/usr/bin/env python3
"""Reference grades for every committed competition grader, on synthesized competitions: the cases
under Tests/MLEGradingTests/Inputs/graders, read by Tests/MLEGradingTests/GraderCases.swift.

Usage: grader_cases.py OUT_DIR [FAMILY ...]
FAMILY is one of the modules in grader_cases/, each named after the Swift file whose graders it
checks (classification: ClassificationGraders.swift, and so on); without one, all are written.
For each competition, writes OUT_DIR/<competition>/answers.csv (the columns of MLE-bench's prepared
private file; answers.jsonl for tensorflow2-question-answering, as pandas' `to_json(orient=
"records", lines=True)`) and submissions beside it (sample, perfect, noisy, shuffled, invalid, and
the careless variants of the sample), then grades every submission with a transcription of that
competition's MLE-bench grade.py, inside MLE-bench's `Grader.__call__` (any exception: invalid;
else the score rounded to 5 decimals), reading files as `mlebench.utils.read_csv` and
`load_answers` do. OUT_DIR/<competition>/cases.json lists the metric, the answers file and each case:
its submission, whether it is valid, its score (null when invalid or not finite), and whether
MLE-bench scores it NaN (`nan`) or -inf (`neg_inf`).

Deterministic: each competition draws from its own seeded numpy RandomState. Tested with Python 3.11,
pandas 2.2.2, numpy 1.26.4, scikit-learn 1.5.1, SciPy 1.17, Levenshtein 0.27, pycocotools 2.0
(vinbigdata's grader runs COCOeval itself), shapely 2 and pyquaternion 0.9 (the Lyft 3D mAP); install
the last three beside numpy 1.26 without letting pip upgrade numpy (`pip install --no-deps --target
DIR ...`, then PYTHONPATH=DIR).
"""
import os
import sys
import warnings

# This folder first, so that `grader_cases` is the package beside this script (a package wins over
# a module of the same name) and its modules find mlebench_reference.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlebench_reference import CaseWriter  # noqa: E402
from grader_cases import (classification, detection, probability, ranking, regression, segmentation,  # noqa: E402
                          sequence, text)

FAMILIES = {"classification": classification, "probability": probability, "regression": regression,
            "ranking": ranking, "sequence": sequence, "segmentation": segmentation, "detection": detection,
            "text": text}


def main(args):
    if not args or any(name not in FAMILIES for name in args[1:]):
        sys.exit(f"usage: grader_cases.py OUT_DIR [{' | '.join(FAMILIES)} ...]")
    warnings.simplefilter("ignore")
    writer = CaseWriter(args[0])
    for name in args[1:] or FAMILIES:
        FAMILIES[name].write_cases(writer)
    writer.write_manifest()


if __name__ == "__main__":
    main(sys.argv[1:])
