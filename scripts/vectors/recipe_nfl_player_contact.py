#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/NflPlayerContactRecipeVectors.swift: synthetic raw files for
nfl-player-contact-detection's recipe in Kaggle's schema (train_labels.csv with contact_id, game_play,
datetime, step, nfl_player_id_1, nfl_player_id_2 of player ids or "G" for the ground, contact;
train_baseline_helmets.csv, train_player_tracking.csv, train_video_metadata.csv keyed by game_play,
some game plays without rows in some tables and one table row of a game play without labels;
train/<game_play>_{All29,Endzone,Sideline}.mp4 as placeholder bytes) with what MLE-bench's
prepare.py writes from them: the split by unique game_play, each table kept by isin on its side's
game plays, the videos, and a sample submission of contact 0.

MLE-bench reads these tables with plain pd.read_csv (not mlebench.utils.read_csv); the transcription
does the same.

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    PYTHONPATH=.pydeps:scripts/vectors python3 scripts/vectors/recipe_nfl_player_contact.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(29)
plays = [(int(rng.integers(58000, 59000)), int(rng.integers(100, 4000))) for _ in range(13)]
game_plays = [f"{g}_{p:06d}" for g, p in plays]
labels, helmets, tracking, videos = [], [], [], []
for (game, play), gp in zip(plays, game_plays):
    players = [int(rng.integers(35000, 55000)) for _ in range(3)]
    for step in range(2):
        when = f"2021-09-{10 + game % 7:02d}T00:{int(rng.integers(10, 59)):02d}:{int(rng.integers(10, 59)):02d}.{step}00Z"
        for i, p1 in enumerate(players):
            for p2 in ["G"] + players[i + 1:]:
                if rng.random() < 0.4:
                    continue
                labels.append({"contact_id": f"{gp}_{step}_{p1}_{p2}", "game_play": gp, "datetime": when, "step": step,
                               "nfl_player_id_1": p1, "nfl_player_id_2": p2, "contact": int(rng.random() < 0.3)})
            tracking.append({"game_play": gp, "game_key": game, "play_id": play, "nfl_player_id": p1, "step": step,
                             "team": ["home", "away"][i % 2], "position": ["WR", "CB", "TE"][i], "jersey_number": int(rng.integers(1, 99)),
                             "datetime": when, "x_position": round(float(rng.uniform(0, 120)), 2), "y_position": round(float(rng.uniform(0, 53.3)), 2),
                             "speed": round(float(rng.uniform(0, 9)), 2), "distance": round(float(rng.uniform(0, 1)), 2),
                             "direction": round(float(rng.uniform(0, 360)), 2), "orientation": round(float(rng.uniform(0, 360)), 2),
                             "acceleration": round(float(rng.uniform(0, 5)), 2), "sa": round(float(rng.uniform(-5, 5)), 2)})
    if rng.random() < 0.85:
        for view in ["Endzone", "Sideline"]:
            for p in players[:2]:
                helmets.append({"game_play": gp, "game_key": game, "play_id": play, "view": view, "video": f"{gp}_{view}.mp4",
                                "frame": int(rng.integers(0, 500)), "nfl_player_id": p, "player_label": f"H{int(rng.integers(1, 99))}",
                                "left": int(rng.integers(0, 1280)), "width": int(rng.integers(10, 40)), "top": int(rng.integers(0, 720)),
                                "height": int(rng.integers(10, 40))})
    for view in ["Endzone", "Sideline"]:
        videos.append({"game_play": gp, "game_key": game, "play_id": play, "view": view,
                       "start_time": "2021-09-10 00:44:01.000", "end_time": "2021-09-10 00:44:33.000", "snap_time": "2021-09-10 00:44:11.000"})
videos.append({"game_play": "57000_000001", "game_key": 57000, "play_id": 1, "view": "Endzone",
               "start_time": "2021-09-10 00:44:01.000", "end_time": "2021-09-10 00:44:33.000", "snap_time": "2021-09-10 00:44:11.000"})
raw = {"train_labels.csv": pd.DataFrame(labels).to_csv(index=False),
       "train_baseline_helmets.csv": pd.DataFrame(helmets).to_csv(index=False),
       "train_player_tracking.csv": pd.DataFrame(tracking).to_csv(index=False),
       "train_video_metadata.csv": pd.DataFrame(videos).to_csv(index=False)}
for gp in game_plays:
    for kind in ["All29", "Endzone", "Sideline"]:
        raw[f"train/{gp}_{kind}.mp4"] = f"mp4 {gp} {kind}"

# MLE-bench's steps, over the same files.
old_train = pd.read_csv(io.StringIO(raw["train_labels.csv"]))
assert old_train["nfl_player_id_2"].dtype == object
new_train_game_play, new_test_game_play = train_test_split(old_train["game_play"].unique(), test_size=0.1, random_state=0)
new_train = old_train[old_train["game_play"].isin(new_train_game_play)]
new_test = old_train[old_train["game_play"].isin(new_test_game_play)]
out = {"public/train_labels.csv": new_train.to_csv(index=False), "private/test.csv": new_test.to_csv(index=False)}
for name in ["train_baseline_helmets", "train_player_tracking", "train_video_metadata"]:
    old = pd.read_csv(io.StringIO(raw[f"{name}.csv"]))
    out[f"public/{name}.csv"] = old[old["game_play"].isin(new_train_game_play)].to_csv(index=False)
    out[f"public/{name.replace('train_', 'test_')}.csv"] = old[old["game_play"].isin(new_test_game_play)].to_csv(index=False)
for kind in ["All29", "Endzone", "Sideline"]:
    for side, table in [("train", new_train), ("test", new_test)]:
        for gp in table["game_play"].unique():
            out[f"public/{side}/{gp}_{kind}.mp4"] = raw[f"train/{gp}_{kind}.mp4"]
out["public/sample_submission.csv"] = pd.DataFrame({"contact_id": new_test["contact_id"], "contact": 0}).to_csv(index=False)
assert len(new_test_game_play) == 2

write_enum("Tests/MLECommandsTests/NflPlayerContactRecipeVectors.swift", "recipe_nfl_player_contact.py", "NflPlayerContactRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
