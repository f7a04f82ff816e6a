#!/usr/bin/env bash
# Split bench: a generated 4,000,000-row x 50-column numeric CSV split in mlebench mode
# (100,000 test rows, random_state 0) by `mlepkg split` and by pandas + scikit-learn doing
# read_csv(float_precision="round_trip"), train_test_split and three to_csv, in the same run.
set -euo pipefail
MLEPKG=$1; out=$2
rows=${BENCH_SPLIT_ROWS:-4000000}
py="${MLEPKG_PYDEPS:-$out/pydeps}"
if ! PYTHONPATH="$py" python3 -c 'import pandas, sklearn' 2>/dev/null; then
  echo "installing pandas 2.2.2, numpy 1.26.4, scikit-learn 1.5.1 into $py (bench only)"
  python3 -m pip install -q --target "$py" pandas==2.2.2 numpy==1.26.4 scikit-learn==1.5.1 >/dev/null
fi
export PYTHONPATH="$py"
csv="$out/split-$rows.csv"
if [ ! -f "$csv" ]; then
  echo "generating $csv ($rows rows x 50 columns)"
  python3 - "$csv" "$rows" <<'PY'
import sys, numpy as np, pandas as pd
path, n = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(0)
first = True
for start in range(0, n, 500_000):
    m = min(500_000, n - start)
    cols = {"id": np.arange(start, start + m)}
    for j in range(1, 25):
        cols[f"i{j}"] = rng.integers(-100000, 100000, m)
    for j in range(25, 49):
        cols[f"f{j}"] = np.round(rng.normal(0, 1000, m), 4)
    cols["target"] = rng.random(m)
    pd.DataFrame(cols).to_csv(path, index=False, header=first, mode="w" if first else "a")
    first = False
PY
fi
cat > "$out/split_pandas.py" <<'PY'
import sys, pandas as pd
from sklearn.model_selection import train_test_split
src, dst = sys.argv[1], sys.argv[2]
df = pd.read_csv(src, float_precision="round_trip")
train, test = train_test_split(df, test_size=100000, random_state=0)
train.to_csv(dst + "/train.csv", index=False)
test.drop(columns=["target"]).to_csv(dst + "/test.csv", index=False)
test[["id", "target"]].to_csv(dst + "/answers.csv", index=False)
PY
measure() {  # prints "seconds maxrss_kib"
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null
  cat "$out/time.txt"
}
mkdir -p "$out/split-pandas" "$out/split-mlepkg"
cat "$csv" > /dev/null
read -r pt pm < <(measure python3 "$out/split_pandas.py" "$csv" "$out/split-pandas")
read -r mt mm < <(measure "$MLEPKG" split "$csv" --test-size 100000 --random-state 0 --label target -o "$out/split-mlepkg")
same=yes
for f in train.csv test.csv answers.csv; do
  cmp -s "$out/split-pandas/$f" "$out/split-mlepkg/$f" || same=NO
done
echo "== split ($rows x 50 numeric CSV, 100,000 test rows): mlepkg vs baseline pandas 2.2.2 + scikit-learn 1.5.1"
printf 'pandas+sklearn: %.2f s, %d MiB peak   mlepkg: %.2f s, %d MiB peak\n' "$pt" $((pm / 1024)) "$mt" $((mm / 1024))
printf 'outputs byte-identical: %s   speed-up: %.1fx   memory ratio (mlepkg/pandas): %.2f\n' \
  "$same" "$(echo "$pt / $mt" | bc -l)" "$(echo "$mm / $pm" | bc -l)"
rm -rf "$out/split-pandas" "$out/split-mlepkg"
