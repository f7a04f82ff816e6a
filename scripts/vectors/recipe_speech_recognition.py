#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/SpeechRecognitionRecipeVectors.swift: synthetic raw clips for
tensorflow-speech-recognition-challenge's recipe (train/audio/<label>/<name>.wav, packed as
train.7z by the test) with what MLE-bench's prepare.py writes from them: test.csv, the sample
submission and which raw clip each public clip is.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_speech_recognition.py
"""
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(9)
# "_background_noise_" sorts before letters by code point; "yes_no" makes f"{label}_{name}" keys
# whose order differs from (label, name) order.
labels = ["yes", "no", "yes_no", "_background_noise_", "Up", "off"]
raw = set()
for label in labels:
    for _ in range(int(rng.integers(3, 7))):
        raw.add(f"{label}/{int(rng.integers(0, 16**8)):08x}_nohash_{int(rng.integers(0, 3))}.wav")
raw |= {"yes/a.wav", "no/yes_a.wav", "_background_noise_/README.md"}
raw = sorted(raw)


@dataclass(frozen=True)
class AudioFile:
    label: str
    path: PurePosixPath


audio_files = sorted([AudioFile(PurePosixPath(p).parent.name, PurePosixPath(p)) for p in raw if p.endswith(".wav")],
                     key=lambda x: f"{x.label}_{x.path.name}")
train_files, test_files = train_test_split(audio_files, test_size=0.1, random_state=0)
copied = {f"public/train/audio/{f.label}/{f.path.name}": str(f.path) for f in train_files}
test_records = []
for idx, file in enumerate(test_files):
    new_name = f"clip_{str(idx).zfill(8)}.wav"
    test_records.append({"fname": new_name, "label": file.label})
    copied[f"public/test/audio/{new_name}"] = str(file.path)
test = pd.DataFrame.from_records(test_records)
sample_submission = test.drop(columns=["label"]).copy()
sample_submission["label"] = "silence"
out = {"private/test.csv": test.to_csv(index=False), "public/sample_submission.csv": sample_submission.to_csv(index=False)}


write_enum("Tests/MLECommandsTests/SpeechRecognitionRecipeVectors.swift", "recipe_speech_recognition.py", "SpeechRecognitionRecipeVectors",
           [("Raw files under train/audio/ (each file's bytes are its own relative path).", "rawFiles", "[String]", raw),
            texts_by_path("Public clips: output path → the raw path below train/audio/.", "copied", copied)],
           out)
