#!/usr/bin/env bash
# No-op rebuild: every buildable recipe, built once, then built again (nothing changed).
set -euo pipefail
MLEPKG=$1; out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
raw="$root/../shared/data/kaggle-raw"
if [ ! -d "$raw" ]; then echo "== no-op rebuild: skipped (../shared/data/kaggle-raw is absent)"; exit 0; fi
export MLEPKG_HOME="$out/noop-store"
chmod -R u+w "$MLEPKG_HOME" 2>/dev/null || true; rm -rf "$MLEPKG_HOME"
args=(build --filter status=supported --raw-dir "$raw" --registry "$root/registry" -q)
s=$(date +%s.%N); "$MLEPKG" "${args[@]}" >/dev/null; e=$(date +%s.%N); first=$(echo "$e - $s" | bc -l)
s=$(date +%s.%N); "$MLEPKG" "${args[@]}" >/dev/null; e=$(date +%s.%N); again=$(echo "$e - $s" | bc -l)
s=$(date +%s.%N); "$MLEPKG" recipes --check --registry "$root/registry" >/dev/null; e=$(date +%s.%N); parse=$(echo "$e - $s" | bc -l)
echo "== no-op rebuild of every buildable recipe (baseline: the first build, same run)"
printf 'first build: %.2f s   no-op rebuild: %.2f s   ratio: %.3f   (parsing all 82 recipes: %.3f s)\n' \
  "$first" "$again" "$(echo "$again / $first" | bc -l)" "$parse"
