"""One module per file of grader families in Sources/MLEGrading (classification.py for
ClassificationGraders.swift, and so on), each holding the transcriptions of its competitions'
MLE-bench grade.py and the cases that check them. scripts/vectors/grader_cases.py writes them.
"""
