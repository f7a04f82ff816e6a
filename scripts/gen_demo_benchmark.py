"""Writes the demo benchmark: four competitions' Kaggle downloads and a Meta Kaggle snapshot.

Usage: gen_demo_benchmark.py OUT [--seed N] [--scale F]       (needs numpy, for the snapshot)

OUT/raw/<id>/<id>.zip   each competition's download as Kaggle serves it (train.csv with labels,
                        test.csv without, sample_submission.csv, and for demo-signals one file per
                        id under train/ and test/); the recipes in examples/demo-registry read them
OUT/meta-kaggle/        Competitions.csv, Teams.csv, Submissions.csv: the four demo competitions
                        (slugs equal to the recipes' `kaggle`) among a few hundred generated ones
                        of every host segment, so that `catalog funnel` has something to narrow
                        and the demo's leaderboards and medals come from the catalog

Everything follows from the seed: the same seed gives the same bytes (zips carry fixed
timestamps), so a lock of the demo pins the same SHA-256s on every machine. --scale shrinks or
grows every competition's row count (the test uses a small scale).

The raw data comes from Python's `random` (stable across Python versions); the snapshot from
numpy's PCG64 through gen_meta_kaggle.py.
"""
import argparse, io, math, os, random, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# The competitions: Kaggle slug → (rows in Kaggle's train.csv at scale 1, the catalog's
# segment, metric, EvaluationAlgorithmIsMax, year, teams, and the board's score range from the
# weakest to the strongest team). The ranges put the demo learner (examples/agents/learner)
# between the median and the medals, as a simple model does on a real board.
COMPETITIONS = {
    "demo-churn": (4000, "Playground", "AUC", "True", 2021, 420, (0.50, 0.905)),
    "demo-house-prices": (3000, "Getting Started", "RMSLE", "False", 2020, 900, (0.06, 0.20)),
    "demo-authors": (3000, "Featured", "MulticlassLoss", "False", 2019, 260, (0.05, 1.10)),
    "demo-signals": (1200, "Research", "CategorizationAccuracy", "True", 2022, 150, (0.50, 0.985)),
}

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def write_zip(path, members):
    """A deflated zip of (name, bytes) in the given order, with fixed timestamps."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def csv_text(header, rows):
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    for r in rows:
        out.write(",".join(str(v) for v in r) + "\n")
    return out.getvalue().encode()


def kaggle_split(rows, r):
    """Kaggle's train/test: the last fifth of a shuffled table is the hidden test set."""
    rows = rows[:]
    r.shuffle(rows)
    cut = len(rows) * 4 // 5
    return rows[:cut], rows[cut:]


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def churn(n, r):
    """Tabular binary classification (scored by AUC): which customers leave."""
    contracts = [("Month-to-month", 1.1), ("One year", -0.3), ("Two year", -1.2)]
    payments = [("Electronic check", 0.5), ("Mailed check", 0.0), ("Bank transfer", -0.2), ("Credit card", -0.25)]
    rows = []
    for i in range(n):
        tenure = int(r.expovariate(1 / 28)) % 72 + 1
        contract, ce = r.choices(contracts, weights=[5, 3, 2])[0]
        payment, pe = r.choice(payments)
        charges = round(r.uniform(18, 118), 2)
        calls = min(9, int(r.expovariate(0.7)))
        senior = int(r.random() < 0.16)
        logit = -1.4 + ce + pe - 0.035 * tenure + 0.018 * (charges - 65) + 0.35 * calls + 0.4 * senior + r.gauss(0, 0.6)
        churned = int(r.random() < sigmoid(logit))
        shown = "" if r.random() < 0.03 else charges  # some charges are missing, as real exports have
        rows.append([f"C{100000 + i}", tenure, contract, payment, shown, calls, senior, churned])
    train, test = kaggle_split(rows, r)
    header = ["customer_id", "tenure_months", "contract", "payment_method", "monthly_charges", "support_calls", "senior", "Churn"]
    return [("train.csv", csv_text(header, train)),
            ("test.csv", csv_text(header[:-1], [t[:-1] for t in test])),
            ("sample_submission.csv", csv_text(["customer_id", "Churn"], [[t[0], 0.5] for t in test]))]


def house_prices(n, r):
    """Regression (scored by RMSLE): a house's sale price from its size, quality and place."""
    hoods = {"Brookside": 0.05, "Crawford": 0.18, "Edwards": -0.15, "Gilbert": 0.02, "Mitchell": -0.05,
             "NoRidge": 0.35, "OldTown": -0.2, "Somerset": 0.22, "Timber": 0.12}
    rows = []
    for i in range(n):
        area = int(r.lognormvariate(math.log(1500), 0.32))
        qual = max(1, min(10, int(r.gauss(6, 1.4))))
        built = int(r.uniform(1900, 2010))
        hood = r.choice(sorted(hoods))
        garage = r.choices([0, 1, 2, 3], weights=[1, 3, 5, 1])[0]
        lot = int(r.lognormvariate(math.log(9000), 0.4))
        log_price = (11.0 + 0.55 * math.log(area / 1500) + 0.11 * (qual - 6) + 0.003 * (built - 1970)
                     + hoods[hood] + 0.05 * garage + 0.08 * math.log(lot / 9000) + r.gauss(0, 0.11))
        rows.append([i + 1, lot, qual, built, area, hood, garage, int(math.exp(log_price))])
    train, test = kaggle_split(rows, r)
    header = ["Id", "LotArea", "OverallQual", "YearBuilt", "GrLivArea", "Neighborhood", "GarageCars", "SalePrice"]
    return [("train.csv", csv_text(header, train)),
            ("test.csv", csv_text(header[:-1], [t[:-1] for t in test])),
            ("sample_submission.csv", csv_text(["Id", "SalePrice"], [[t[0], 180000] for t in test]))]


def authors(n, r):
    """Multi-class text (scored by log loss): which of three authors wrote a sentence."""
    syllables = ["ka", "lo", "mi", "ner", "tha", "vel", "dor", "sil", "qua", "ren", "bo", "fi", "gar", "hul", "jes", "wyn"]
    vocabulary = sorted({"".join(r.choice(syllables) for _ in range(r.randint(1, 3))) for _ in range(900)})
    common = ["the", "of", "and", "a", "to", "in", "was", "that", "it", "his", "her", "with", "upon", "which"]
    names = ["ADA", "BEN", "CLO"]
    # Each author favours words of their own: Zipf-like base weights times a per-author factor.
    base = [1 / (k + 5) for k in range(len(vocabulary))]
    r.shuffle(base)
    weights = {a: [b * r.lognormvariate(0, 1.0) for b in base] for a in names}
    rows = []
    for i in range(n):
        author = r.choices(names, weights=[4, 3, 3])[0]
        words = []
        for _ in range(r.randint(6, 26)):
            words.append(r.choice(common) if r.random() < 0.45 else r.choices(vocabulary, weights=weights[author])[0])
        text = " ".join(words).capitalize() + r.choice([".", ".", ".", "?", "!"])
        rows.append([f"id{10000 + i}", f'"{text}"', author])
    train, test = kaggle_split(rows, r)
    return [("train.csv", csv_text(["id", "text", "author"], train)),
            ("test.csv", csv_text(["id", "text"], [t[:-1] for t in test])),
            ("sample_submission.csv", csv_text(["id"] + names, [[t[0], 0.4, 0.3, 0.3] for t in test]))]


def signals(n, r):
    """One file per id (scored by accuracy): does a recording hold a periodic burst?"""
    rows, files = [], []
    for i in range(n):
        sid = f"s{10000 + i}"
        label = int(r.random() < 0.5)
        length, start, width = 200, r.randint(0, 120), r.randint(50, 80)
        period = r.uniform(9, 11)
        amplitude = r.uniform(0.35, 1.0)
        values = []
        for t in range(length):
            v = r.gauss(0, 1) + 0.002 * t
            if label and start <= t < start + width:
                v += amplitude * 1.4 * math.sin(2 * math.pi * t / period)
            values.append(f"{v:.4f}")
        rows.append([sid, label])
        files.append((sid, ("value\n" + "\n".join(values) + "\n").encode()))
    order = list(range(n))
    r.shuffle(order)
    cut = n * 4 // 5
    train = [rows[k] for k in order[:cut]]
    test = [rows[k] for k in order[cut:]]
    members = [("train.csv", csv_text(["id", "label"], train)),
               ("sample_submission.csv", csv_text(["id", "label"], [[t[0], 0] for t in test]))]
    members += [(f"train/{files[k][0]}.csv", files[k][1]) for k in sorted(order[:cut])]
    members += [(f"test/{files[k][0]}.csv", files[k][1]) for k in sorted(order[cut:])]
    return members


MAKERS = {"demo-churn": churn, "demo-house-prices": house_prices, "demo-authors": authors, "demo-signals": signals}

# The other competitions of the snapshot: every host segment, metrics mlepkg grades and some it
# does not, a tenth of them still running at the snapshot's date.
SEGMENTS = ["Featured", "Featured", "Research", "Playground", "Playground", "Getting Started", "Recruitment",
            "InClass", "InClass", "Community"]
METRICS = [("AUC", "True"), ("RMSE", "False"), ("CategorizationAccuracy", "True"), ("LogLoss", "False"),
           ("MAE", "False"), ("MulticlassLoss", "False"), ("QuadraticWeightedKappa", "True"), ("MAP@{K}", "True"),
           ("Dice", "True"), ("RMSLE", "False"), ("MeanFScore", "True"), ("SMAPE", "False")]


def meta_kaggle(out, seed, others):
    import numpy as np
    from gen_meta_kaggle import Snapshot
    rng = np.random.default_rng(seed)
    snapshot = Snapshot(out, rng, pool=1 << 14)
    demo = iter(sorted(COMPETITIONS))
    # The demo competitions are spread among the others, as a real dump's ids would be.
    spread = set(int(x) for x in np.linspace(3, others - 3, len(COMPETITIONS)))
    for c in range(others):
        if c in spread:
            slug = next(demo)
            _, segment, metric, is_max, year, teams, scores = COMPETITIONS[slug]
            title = slug.replace("-", " ").title()
            snapshot.competition(slug, title, segment, metric, is_max, year, teams, scores)
        n = int(max(2, min(3000, np.exp(rng.normal(3.6, 1.2)))))
        metric, is_max = METRICS[int(rng.integers(len(METRICS)))]
        # The snapshot's date is the latest EnabledDate (2024): competitions of 2024 are running.
        year = 2012 + int(rng.integers(13))
        snapshot.competition(f"generated-{c + 1}", f"Generated Competition {c + 1}", SEGMENTS[c % len(SEGMENTS)],
                             metric, is_max, year, n)
    snapshot.close()
    return snapshot


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--competitions", type=int, default=300, help="generated competitions besides the demo's")
    a = p.parse_args()
    for slug, make in MAKERS.items():
        rows = max(50, int(COMPETITIONS[slug][0] * a.scale))
        r = random.Random(f"{a.seed}/{slug}")
        members = make(rows, r)
        write_zip(os.path.join(a.out, "raw", slug, f"{slug}.zip"), members)
        print(f"  {slug}: {rows} rows, {len(members)} files")
    s = meta_kaggle(os.path.join(a.out, "meta-kaggle"), a.seed, a.competitions)
    print(f"  meta-kaggle: {s.competitions} competitions, {s.team_id - 1} teams, {s.sub_id - 1} submissions")


if __name__ == "__main__":
    main()
