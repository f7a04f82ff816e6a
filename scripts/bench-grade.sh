#!/usr/bin/env bash
# Grading bench: a 1,000,000-row submission scored for binary AUC and for 10-class log loss by
# `mlepkg grade` and by pandas + scikit-learn computing the same metrics as MLE-bench's graders,
# in the same run, each the best of three runs.
set -euo pipefail
MLEPKG=$1; out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${BENCH_GRADE_ROWS:-1000000}
export PYTHONPATH="${MLEPKG_PYDEPS:-$root/.pydeps}"
data="$out/grade-data"
if [ ! -f "$data/bench-logloss/sub-$rows.csv" ]; then
  echo "generating $rows-row answers and submissions"
  python3 - "$data" "$rows" <<'PY'
import os, sys, numpy as np, pandas as pd
data, n = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(0)
for c in ["bench-auc", "bench-logloss"]:
    os.makedirs(f"{data}/{c}/prepared/private", exist_ok=True)
    os.makedirs(f"{data}/{c}/prepared/public", exist_ok=True)
ids = [f"r{i:07d}" for i in range(n)]
order = rng.permutation(n)
y = rng.integers(0, 2, n)
pd.DataFrame({"id": ids, "target": y}).to_csv(f"{data}/bench-auc/prepared/private/test.csv", index=False)
score = np.clip(y * 0.3 + rng.random(n) * 0.7, 0, 1).round(6)
pd.DataFrame({"id": ids, "target": score}).iloc[order].to_csv(f"{data}/bench-auc/sub-{n}.csv", index=False)
k = 10
classes = [f"c{j}" for j in range(k)]
labels = rng.integers(0, k, n)
onehot = np.eye(k, dtype=np.int64)[labels]
ans = pd.DataFrame(onehot, columns=classes); ans.insert(0, "id", ids)
ans.to_csv(f"{data}/bench-logloss/prepared/private/test.csv", index=False)
p = rng.random((n, k)) + onehot * 2
p = p / p.sum(axis=1, keepdims=True)
sub = pd.DataFrame(p, columns=classes); sub.insert(0, "id", ids)
sub.iloc[order].to_csv(f"{data}/bench-logloss/sub-{n}.csv", index=False)
PY
fi
cat > "$out/grade_pandas.py" <<'PY'
import sys, numpy as np, pandas as pd
from sklearn.metrics import roc_auc_score, log_loss
kind, answers, submission = sys.argv[1:4]
ans = pd.read_csv(answers, float_precision="round_trip")
sub = pd.read_csv(submission, float_precision="round_trip")
if kind == "auc":
    pd.to_numeric(sub["target"])
    assert sub["target"].min() >= 0 and sub["target"].max() <= 1
    sub, ans = sub.sort_values("id"), ans.sort_values("id")
    assert (sub["id"].values == ans["id"].values).all()
    score = roc_auc_score(ans["target"].to_numpy(), sub["target"].to_numpy())
else:
    classes = [c for c in ans.columns if c != "id"]
    assert np.all(np.isclose(sub[classes].sum(axis=1), 1, atol=1e-6))
    assert ((sub[classes] >= 0) & (sub[classes] <= 1)).all().all()
    s = sub[list(ans.columns)].sort_values(by="id").reset_index(drop=True)
    a = ans.sort_values(by="id").reset_index(drop=True)
    assert s["id"].tolist() == a["id"].tolist()
    score = log_loss(a.drop(columns=["id"]).to_numpy(), s.drop(columns=["id"]).to_numpy())
print(round(score, 5))
PY
measure() {  # best of 3 runs: prints "seconds maxrss_kib"; leaves the command's stdout in $out/stdout.txt
  # Wall time from the clock to the millisecond (time's %e has only two decimals, a tenth of a
  # 0.1 s run); peak memory from time.
  local best="" rss=""
  for _ in 1 2 3; do
    local s e t m
    s=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$out/time.txt" "$@" > "$out/stdout.txt"
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l); read -r m < "$out/time.txt"
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; rss=$m; fi
  done
  echo "$best $rss"
}
for pair in "auc bench-auc" "logloss bench-logloss"; do
  set -- $pair
  cat "$data/$2/sub-$rows.csv" "$data/$2/prepared/private/test.csv" > /dev/null
  read -r pt pm < <(measure python3 "$out/grade_pandas.py" "$1" "$data/$2/prepared/private/test.csv" "$data/$2/sub-$rows.csv")
  ps=$(cat "$out/stdout.txt")
  read -r mt mm < <(measure "$MLEPKG" grade "$2" "$data/$2/sub-$rows.csv" --data-dir "$data" --registry "$root/scripts/bench-registry" --json)
  ms=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["score"])' "$out/stdout.txt")
  echo "== grade ($rows rows, $1): mlepkg vs baseline pandas 2.2.2 + scikit-learn 1.5.1"
  printf 'pandas+sklearn: %s in %.3f s, %d MiB peak   mlepkg: %s in %.3f s, %d MiB peak\n' "$ps" "$pt" $((pm / 1024)) "$ms" "$mt" $((mm / 1024))
  printf 'identical scores: %s   speed-up: %.1fx   memory ratio (mlepkg/pandas): %.2f\n' \
    "$([ "$ps" = "$ms" ] && echo yes || echo NO)" "$(echo "$pt / $mt" | bc -l)" "$(echo "$mm / $pm" | bc -l)"
done
