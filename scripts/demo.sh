#!/usr/bin/env bash
# The tour behind `make demo`: what mlepkg does today, on a private store under .demo/.
set -euo pipefail
MLEPKG=${1:?usage: demo.sh PATH-TO-MLEPKG}
root=$(cd "$(dirname "$0")/.." && pwd)
demo="$root/.demo"
chmod -R u+w "$demo" 2>/dev/null || true
rm -rf "$demo"
mkdir -p "$demo/data/images"
export MLEPKG_HOME="$demo/store" MLEPKG_CONFIG_DIR="$demo/config"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

# A small dataset, made here so the demo needs no network.
printf 'PassengerId,HomePlanet,Transported\n0001_01,Europa,False\n0002_01,Earth,True\n' > "$demo/data/train.csv"
printf 'PassengerId,Transported\n0001_01,False\n' > "$demo/data/sample_submission.csv"
head -c 4096 /dev/zero > "$demo/data/images/1.jpg"
tar -C "$demo/data" -czf "$demo/dataset.tar.gz" .
sha=$(sha256sum "$demo/dataset.tar.gz" | cut -d' ' -f1)

echo "mlepkg $("$MLEPKG" --version): a content-addressed store for benchmark data"
step "$MLEPKG" store add "$demo/data/train.csv"
step "$MLEPKG" store add "$demo/data" --ref demo-data
step "$MLEPKG" fetch "file://$demo/dataset.tar.gz" --sha256 "$sha" --unpack
tree=$("$MLEPKG" fetch "file://$demo/dataset.tar.gz" --sha256 "$sha" --unpack --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["tree"])')
echo
echo "# The unpacked archive has the same tree digest as the directory added above:"
step "$MLEPKG" store cat "$tree"
step "$MLEPKG" store export "$tree" "$demo/exported"
step ls -l "$demo/exported"
echo
echo "# A pinned fetch refuses bytes that hash differently, and stores nothing:"
other=$(printf 'some other bytes' | sha256sum | cut -d' ' -f1)
step "$MLEPKG" fetch "file://$demo/data/train.csv" --sha256 "$other" || echo "(exit code $?)"
echo
echo "# Offline, a pinned file is found by content in a drop folder:"
mkdir -p "$demo/drop" && cp "$demo/data/sample_submission.csv" "$demo/drop/renamed.csv"
sub=$(sha256sum "$demo/drop/renamed.csv" | cut -d' ' -f1)
step env MLEPKG_OFFLINE=1 "$MLEPKG" fetch https://www.kaggle.com/not/reachable.csv --sha256 "$sub" --distdir "$demo/drop"
step "$MLEPKG" store refs
step "$MLEPKG" store gc --dry-run
step "$MLEPKG" fsck
echo
echo "Store: $MLEPKG_HOME ('make demo' recreates it each run)."
