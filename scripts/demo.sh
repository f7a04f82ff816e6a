#!/usr/bin/env bash
# The tour behind `make demo`: mlepkg's main job — build a competition's public/private
# splits reproducibly, pin them in a lockfile, verify them — on a private store under .demo/.
# It needs no network: the demo competition's "Kaggle zip" is generated here. With ../shared
# present, it also rebuilds five real MLE-bench competitions and checks MLE-bench's MD5s.
set -euo pipefail
MLEPKG=${1:?usage: demo.sh PATH-TO-MLEPKG}
root=$(cd "$(dirname "$0")/.." && pwd)
demo="$root/.demo"
chmod -R u+w "$demo" 2>/dev/null || true
rm -rf "$demo"
mkdir -p "$demo/raw/demo-titanic" "$demo/stage"
export MLEPKG_HOME="$demo/store" MLEPKG_CONFIG_DIR="$demo/config"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
short() { sed -e "s|$demo|.demo|g"; }

# A Kaggle-style competition zip (train.csv inside), generated deterministically.
python3 - "$demo/stage/train.csv" <<'PY'
import random, sys
r = random.Random(0)
with open(sys.argv[1], "w") as f:
    f.write("PassengerId,HomePlanet,Age,VIP,RoomService,Transported\n")
    for i in range(2000):
        planet = r.choice(["Earth", "Europa", "Mars", ""])
        age = "" if r.random() < 0.02 else str(r.randint(0, 79))
        f.write(f"{i // 3 + 1:04d}_{i % 3 + 1:02d},{planet},{age},{r.random() < 0.05},{round(r.expovariate(0.01), 1)},{r.random() < 0.5}\n")
PY
(cd "$demo/stage" && python3 -c 'import zipfile; z = zipfile.ZipFile("../raw/demo-titanic/demo-titanic.zip", "w", zipfile.ZIP_DEFLATED); z.write("train.csv"); z.close()')
reg=(--registry "$root/scripts/demo-registry")

echo "mlepkg $("$MLEPKG" --version): build, pin and verify benchmark data"
step "$MLEPKG" recipes "${reg[@]}"
step "$MLEPKG" build demo-titanic "${reg[@]}" --raw-dir "$demo/raw" --data-dir "$demo/data" 2>&1 | short
step find "$demo/data" -type f | short
step head -3 "$demo/data/demo-titanic/prepared/public/sample_submission.csv"
echo
echo "# Building again is a no-op; the lockfile pins every input and output:"
step "$MLEPKG" build demo-titanic "${reg[@]}" --raw-dir "$demo/raw" 2>&1 | short
step "$MLEPKG" lock demo-titanic "${reg[@]}" --raw-dir "$demo/raw" -o "$demo/demo.lock" -q | short
step sed -n '1,24p' "$demo/demo.lock"
step "$MLEPKG" verify --lock "$demo/demo.lock" --data-dir "$demo/data" | short
echo
echo "# A changed file is caught by verify (exit 3):"
f="$demo/data/demo-titanic/prepared/public/test.csv"
cp "$f" "$f.tmp"; rm -f "$f"; sed 's/Europa/Mars/' "$f.tmp" > "$f"; rm "$f.tmp"
step "$MLEPKG" verify --lock "$demo/demo.lock" --data-dir "$demo/data" | short || echo "(exit code $?)"
echo
echo "# Grading: the sample submission, scored and placed on a (made-up) private leaderboard:"
printf 'score\n0.81\n0.79\n0.74\n0.70\n0.62\n0.55\n0.51\n0.50\n0.45\n0.30\n' > "$demo/data/demo-titanic/leaderboard.csv"
cp "$demo/data/demo-titanic/prepared/public/sample_submission.csv" "$demo/submission.csv"
step "$MLEPKG" validate demo-titanic "$demo/submission.csv" "${reg[@]}" --data-dir "$demo/data"
step "$MLEPKG" grade demo-titanic "$demo/submission.csv" "${reg[@]}" --data-dir "$demo/data" | short
"$MLEPKG" grade demo-titanic "$demo/submission.csv" "${reg[@]}" --data-dir "$demo/data" --json > "$demo/report.json"
echo demo-titanic > "$demo/split.txt"
step "$MLEPKG" report "$demo/report.json" --split "$demo/split.txt" --html "$demo/report.html" | short
echo
echo "# The same split of any CSV, byte-identical to pandas + scikit-learn:"
step "$MLEPKG" split "$demo/stage/train.csv" --test-size 0.1 --random-state 0 --label Transported -o "$demo/split" | short
step "$MLEPKG" store refs | short
step "$MLEPKG" fsck

shared="$root/../shared/data/kaggle-raw"
if [ -d "$shared" ]; then
  echo
  echo "# ../shared holds real Kaggle raw files: rebuilding five MLE-bench competitions byte for byte."
  echo "# Any output whose MD5 differs from MLE-bench's would be named here, with exit code 3:"
  step "$MLEPKG" build --filter status=supported --raw-dir "$shared" --data-dir "$demo/mle-bench" --registry "$root/registry" 2>&1 | cut -c1-110 | short
fi
echo
echo "Store: $MLEPKG_HOME ('make demo' recreates it each run). Try: $MLEPKG --help"
