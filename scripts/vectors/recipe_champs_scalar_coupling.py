#!/usr/bin/env python3
"""Generates Tests/MLECommandsTests/ChampsScalarCouplingRecipeVectors.swift: synthetic raw files for
champs-scalar-coupling's recipe (train.csv with molecules in no particular order, the auxiliary
CSVs, structures/<molecule>.xyz) with what MLE-bench's prepare.py writes from them: train and test
as the groups of groupby("molecule_name") split by train_test_split and concatenated in its order,
structures.csv and the auxiliary CSVs filtered with isin on the new train's molecules, and the
structure files of the new train's molecules (MLE-bench @ 783b15af, whose checksums.yaml it is).

Run from the package root with numpy 1.26.4, pandas 2.2.2, scikit-learn 1.5.1:
    python3 scripts/vectors/recipe_champs_scalar_coupling.py
"""
import io

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from swift_vectors import texts_by_path, write_enum

assert np.__version__ == "1.26.4" and pd.__version__ == "2.2.2" and sklearn.__version__ == "1.5.1"

rng = np.random.default_rng(6)
molecules = [f"dsgdb9nsd_{i:06d}" for i in rng.choice(np.arange(1, 400), size=23, replace=False)]
rows = []
for _ in range(90):  # rows of a molecule are scattered, so concatenated groups differ from row order
    m = molecules[int(rng.integers(0, len(molecules)))]
    rows.append({"id": len(rows), "molecule_name": m, "atom_index_0": int(rng.integers(0, 20)),
                 "atom_index_1": int(rng.integers(0, 20)), "type": ["1JHC", "2JHH", "3JHN"][int(rng.integers(0, 3))],
                 "scalar_coupling_constant": round(float(rng.normal(10, 30)), 5)})
train = pd.DataFrame(rows)
used = sorted(set(train["molecule_name"]))
extra = [f"dsgdb9nsd_{i:06d}" for i in (400, 401)]  # in the auxiliary files but not in train.csv


def aux(columns, per_molecule):
    out = []
    for m in list(rng.permutation(used + extra)):
        for k in range(per_molecule):
            out.append({"molecule_name": m, **{c: (k if c == "atom_index" else round(float(rng.normal()), 6)) for c in columns}})
    return pd.DataFrame(out).to_csv(index=False)


raw = {
    "train.csv": train.to_csv(index=False),
    "structures.csv": aux(["atom_index", "x", "y", "z"], 2),
    "dipole_moments.csv": aux(["X", "Y", "Z"], 1),
    "magnetic_shielding_tensors.csv": aux(["atom_index", "XX", "YX"], 2),
    "mulliken_charges.csv": aux(["atom_index", "mulliken_charge"], 2),
    "potential_energy.csv": aux(["potential_energy"], 1),
    "scalar_coupling_contributions.csv": aux(["atom_index", "fc", "sd"], 1),
}
for m in used + extra:
    raw[f"structures/{m}.xyz"] = m

# MLE-bench's steps, over the same files.
old_train = pd.read_csv(io.StringIO(raw["train.csv"]))
train_groups, test_groups = train_test_split(list(old_train.groupby("molecule_name")), test_size=0.1, random_state=0)
new_train = pd.concat([g for _, g in train_groups])
answers = pd.concat([g for _, g in test_groups])
new_test = answers.drop(columns=["scalar_coupling_constant"])
sample = new_test[["id"]].copy()
sample["scalar_coupling_constant"] = 0
assert list(new_train.index) != sorted(new_train.index), "the vectors must tell concatenation from row order"
out = {"private/answers.csv": answers.to_csv(index=False), "public/train.csv": new_train.to_csv(index=False),
       "public/test.csv": new_test.to_csv(index=False), "public/sample_submission.csv": sample.to_csv(index=False)}
for name in ["structures", "dipole_moments", "magnetic_shielding_tensors", "mulliken_charges", "potential_energy", "scalar_coupling_contributions"]:
    df = pd.read_csv(io.StringIO(raw[f"{name}.csv"]))
    out[f"public/{name}.csv"] = df[df["molecule_name"].isin(new_train["molecule_name"])].to_csv(index=False)
for m in new_train["molecule_name"].unique():
    out[f"public/structures/{m}.xyz"] = m

write_enum("Tests/MLECommandsTests/ChampsScalarCouplingRecipeVectors.swift", "recipe_champs_scalar_coupling.py", "ChampsScalarCouplingRecipeVectors",
           [texts_by_path("Raw files by path.", "rawFiles", raw)], out)
