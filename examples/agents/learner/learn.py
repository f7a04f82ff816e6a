"""A small learner for MLE-bench-shaped data, in Python's standard library only.

Usage: learn.py DATA_DIR SUBMISSION_CSV

It reads the task from the files, not from the competition's name: the sample submission's
columns say what to predict (one column: a label or a number; several: one probability per
class), train.csv holds the labels, the features come from test.csv's columns or, when the
public data has train/ and test/ folders, from one file of numbers per id. Then:

- text (a column of long strings) with classes: naive Bayes over words, its confidence tempered
  on a held-out fifth so that log loss does not punish overconfidence;
- binary labels: logistic regression (Newton's method, L2), probabilities when the sample
  submission holds probabilities, else 0/1 labels;
- several classes without text: one logistic regression per class, normalized;
- numbers: ridge regression, on log(1 + y) when every y is positive (RMSLE's scale).

Numeric columns are standardized (missing cells: the mean, plus a missing-indicator column;
positive ones also as logarithms), columns of few distinct strings are one-hot. Each seed
(MLEPKG_SEED) fits on its own 90% of the training rows, so seeds differ as real attempts do.
"""
import csv, math, os, random, re, sys


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def number(text):
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def solve(a, b):
    """x with a·x = b, Gaussian elimination with partial pivoting (a is small and square)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        pivot = m[c][c] or 1e-12
        for r in range(c + 1, n):
            f = m[r][c] / pivot
            if f:
                row, top = m[r], m[c]
                for k in range(c, n + 1):
                    row[k] -= f * top[k]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        x[c] = (m[c][n] - sum(m[c][k] * x[k] for k in range(c + 1, n))) / (m[c][c] or 1e-12)
    return x


def gram(xs, weights=None):
    """Xᵀ·diag(w)·X, the upper triangle mirrored."""
    d = len(xs[0])
    g = [[0.0] * d for _ in range(d)]
    for n, x in enumerate(xs):
        w = 1.0 if weights is None else weights[n]
        for i in range(d):
            wi = w * x[i]
            if wi:
                gi = g[i]
                for j in range(i, d):
                    gi[j] += wi * x[j]
    for i in range(d):
        for j in range(i):
            g[i][j] = g[j][i]
    return g


def sigmoid(z):
    return 1 / (1 + math.exp(-z)) if z > -700 else 0.0


def logistic(xs, ys, l2=1.0, iterations=15):
    """Weights of an L2 logistic regression (the first feature is the unpenalized bias)."""
    d = len(xs[0])
    w = [0.0] * d
    for _ in range(iterations):
        ps = [sigmoid(sum(a * b for a, b in zip(w, x))) for x in xs]
        grad = [l2 * w[i] if i else 0.0 for i in range(d)]
        for x, p, y in zip(xs, ps, ys):
            e = p - y
            for i in range(d):
                grad[i] += e * x[i]
        h = gram(xs, [max(p * (1 - p), 1e-6) for p in ps])
        for i in range(1, d):
            h[i][i] += l2
        step = solve(h, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def ridge(xs, ys, l2=1.0):
    g = gram(xs)
    for i in range(1, len(g)):
        g[i][i] += l2
    xty = [sum(x[i] * y for x, y in zip(xs, ys)) for i in range(len(xs[0]))]
    return solve(g, xty)


def dot(w, x):
    return sum(a * b for a, b in zip(w, x))


class TableFeatures:
    """Numbers from a table's columns, fitted on the training rows."""

    def __init__(self, header, rows, skip):
        self.plan = []
        for c, name in enumerate(header):
            if name in skip:
                continue
            cells = [r[c] for r in rows]
            values = [number(v) for v in cells if v != ""]
            if values and all(v is not None for v in values):
                mean = sum(values) / len(values)
                sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) or 1.0
                missing = len(values) < len(cells)
                self.plan.append(("number", c, mean, sd, missing))
                if min(values) > 0:
                    logs = [math.log(v) for v in values]
                    lm = sum(logs) / len(logs)
                    ls = math.sqrt(sum((v - lm) ** 2 for v in logs) / len(logs)) or 1.0
                    self.plan.append(("log", c, lm, ls))
            else:
                levels = sorted(set(cells))
                if len(levels) <= 30:
                    self.plan.append(("onehot", c, levels))

    def row(self, r):
        out = [1.0]
        for p in self.plan:
            if p[0] == "number":
                v = number(r[p[1]]) if r[p[1]] != "" else None
                out.append(((v if v is not None else p[2]) - p[2]) / p[3])
                if p[4]:
                    out.append(1.0 if v is None else 0.0)
            elif p[0] == "log":
                v = number(r[p[1]]) if r[p[1]] != "" else None
                out.append(((math.log(v) if v and v > 0 else p[2]) - p[2]) / p[3])
            else:
                out.extend(1.0 if r[p[1]] == level else 0.0 for level in p[2][1:])
        return out


def sequence_features(path):
    """Summary statistics of a file of numbers: level, spread, and how periodic it is, over the
    whole file and at its most periodic stretch (a pattern may fill only part of it)."""
    with open(path) as f:
        values = [v for v in (number(t) for t in re.split(r"[,\s]+", f.read())) if v is not None]
    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / n) or 1.0
    z = [(v - mean) / sd for v in values]
    out = [mean, sd]
    window = max(8, n // 3)
    starts = range(0, max(1, n - window + 1), max(1, window // 2))
    for lag in range(2, 13):
        whole = sum(z[i] * z[i + lag] for i in range(n - lag)) / max(1, n - lag)
        best = max(sum(z[i] * z[i + lag] for i in range(s, min(n, s + window) - lag)) / max(1, window - lag) for s in starts)
        worst = min(sum(z[i] * z[i + lag] for i in range(s, min(n, s + window) - lag)) / max(1, window - lag) for s in starts)
        out += [whole, best, worst]
    return out


class Standardized:
    """Columns scaled to mean 0 and spread 1 on the training rows, with a bias in front."""

    def __init__(self, rows):
        d = len(rows[0])
        self.mean = [sum(r[i] for r in rows) / len(rows) for i in range(d)]
        self.sd = [math.sqrt(sum((r[i] - self.mean[i]) ** 2 for r in rows) / len(rows)) or 1.0 for i in range(d)]

    def row(self, r):
        return [1.0] + [(v - m) / s for v, m, s in zip(r, self.mean, self.sd)]


def words(text):
    return re.findall(r"[a-z0-9']+", text.lower())


def naive_bayes(texts, labels, classes, alpha=0.5):
    counts = {c: {} for c in classes}
    totals = {c: 0 for c in classes}
    docs = {c: 0 for c in classes}
    vocabulary = set()
    for t, c in zip(texts, labels):
        docs[c] += 1
        for w in words(t):
            counts[c][w] = counts[c].get(w, 0) + 1
            totals[c] += 1
            vocabulary.add(w)
    v = len(vocabulary) + 1

    def scores(text):
        out = []
        for c in classes:
            s = math.log((docs[c] + 1) / (len(texts) + len(classes)))
            for w in words(text):
                s += math.log((counts[c].get(w, 0) + alpha) / (totals[c] + alpha * v))
            out.append(s)
        return out
    return scores


def softmax(scores, temperature=1.0):
    top = max(scores)
    e = [math.exp((s - top) / temperature) for s in scores]
    total = sum(e)
    return [min(1 - 1e-6, max(1e-6, x / total)) for x in e]


def log_loss(probabilities, truth):
    return -sum(math.log(p[t]) for p, t in zip(probabilities, truth)) / len(truth)


def main():
    data, out = sys.argv[1], sys.argv[2]
    rng = random.Random(int(os.environ.get("MLEPKG_SEED", "0")))
    sample_header, sample = read_csv(f"{data}/sample_submission.csv")
    id_column, targets = sample_header[0], sample_header[1:]
    train_header, train = read_csv(f"{data}/train.csv")
    train_ids = [r[train_header.index(id_column)] for r in train]
    test_ids = [r[0] for r in sample]

    if len(targets) > 1:
        label_column = next(c for c, name in enumerate(train_header)
                            if name != id_column and {r[c] for r in train} <= set(targets))
    else:
        label_column = train_header.index(targets[0])
    keep = sorted(rng.sample(range(len(train)), max(2, len(train) * 9 // 10)))
    train = [train[k] for k in keep]
    train_ids = [train_ids[k] for k in keep]
    labels = [r[label_column] for r in train]

    # Features: per-id files, else the tables' columns.
    per_id = os.path.isdir(f"{data}/train") and os.path.isdir(f"{data}/test")
    text_column = None
    if per_id:
        listing = {folder: {n.rsplit(".", 1)[0]: n for n in os.listdir(f"{data}/{folder}")} for folder in ("train", "test")}
        raw_train = [sequence_features(f"{data}/train/{listing['train'][i]}") for i in train_ids]
        raw_test = [sequence_features(f"{data}/test/{listing['test'][i]}") for i in test_ids]
        scale = Standardized(raw_train)
        x_train = [scale.row(r) for r in raw_train]
        x_test = [scale.row(r) for r in raw_test]
    else:
        test_header, test_rows = read_csv(f"{data}/test.csv")
        by_id = {r[test_header.index(id_column)]: r for r in test_rows}
        ordered = [by_id[i] for i in test_ids]
        lengths = {c: sum(len(r[c]) for r in train) / len(train) for c in range(len(train_header))}
        text_like = [c for c in range(len(train_header)) if c != label_column and train_header[c] != id_column
                     and lengths[c] > 20 and number(train[0][c]) is None]
        if text_like:
            text_column = max(text_like, key=lengths.get)
            test_text_column = test_header.index(train_header[text_column])
        else:
            columns = [c for c, name in enumerate(train_header) if c != label_column]
            features = TableFeatures([train_header[c] for c in columns], [[r[c] for c in columns] for r in train], {id_column})
            x_train = [features.row([r[c] for c in columns]) for r in train]
            x_test = [features.row([r[test_header.index(train_header[c])] for c in columns]) for r in ordered]

    rows = []
    if len(targets) > 1:
        classes = targets
        truth = [classes.index(v) for v in labels]
        if text_column is not None:
            texts = [r[text_column] for r in train]
            cut = len(texts) * 4 // 5
            held_out = naive_bayes(texts[:cut], labels[:cut], classes)
            temperature = min([1, 1.5, 2, 3, 4, 6, 8], key=lambda t: log_loss([softmax(held_out(x), t) for x in texts[cut:]], truth[cut:]))
            model = naive_bayes(texts, labels, classes)
            probabilities = [softmax(model(r[test_text_column]), temperature) for r in ordered]
        else:
            weights = [logistic(x_train, [1.0 if t == k else 0.0 for t in truth]) for k in range(len(classes))]
            raw = [[sigmoid(dot(w, x)) for w in weights] for x in x_test]
            probabilities = [[p / sum(ps) for p in ps] for ps in raw]
        for i, ps in zip(test_ids, probabilities):
            rows.append([i] + [f"{p:.6f}" for p in ps])
    else:
        kinds = {v.strip().lower() for v in labels}
        if kinds <= {"0", "1", "true", "false", "0.0", "1.0"}:
            ys = [1.0 if v.strip().lower() in ("1", "true", "1.0") else 0.0 for v in labels]
            w = logistic(x_train, ys)
            ps = [sigmoid(dot(w, x)) for x in x_test]
            example = sample[0][1].strip()
            if example.lower() in ("true", "false"):
                cells = ["True" if p >= 0.5 else "False" for p in ps]
            elif number(example) is not None and number(example) not in (0.0, 1.0):
                cells = [f"{p:.6f}" for p in ps]
            else:
                cells = ["1" if p >= 0.5 else "0" for p in ps]
        else:
            ys = [float(v) for v in labels]
            logged = min(ys) > 0
            w = ridge(x_train, [math.log1p(y) for y in ys] if logged else ys)
            preds = [dot(w, x) for x in x_test]
            cells = [f"{(math.expm1(p) if logged else p):.4f}" for p in preds]
        rows = [[i, c] for i, c in zip(test_ids, cells)]

    with open(out, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(sample_header)
        writer.writerows(rows)
    print(f"wrote {len(rows)} predictions for {', '.join(targets)} from {len(train)} training rows")


if __name__ == "__main__":
    main()
