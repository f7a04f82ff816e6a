#!/usr/bin/env bash
# `make bench`: mlepkg against named baselines in the same run, printed as ratios.
set -euo pipefail
MLEPKG=${1:?usage: bench.sh PATH-TO-MLEPKG}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench-out"
mkdir -p "$out"
export MLEPKG_HOME="$out/store" MLEPKG_CONFIG_DIR="$out/config"

best_of() {  # best wall time in seconds of N runs of a command
  local n=$1; shift; local best=""
  for _ in $(seq "$n"); do
    local s e t
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

echo "== store ingest: 'mlepkg store add' vs baseline 'openssl dgst -sha256' (1 GiB file)"
big="$out/1gib.bin"
[ -f "$big" ] || head -c $((1 << 30)) /dev/urandom > "$big"
cat "$big" > /dev/null   # warm the page cache for both
base=$(best_of 3 openssl dgst -sha256 "$big")
ours=""
for _ in 1 2 3; do  # a fresh store each time, removed outside the timing
  chmod -R u+w "$MLEPKG_HOME" 2>/dev/null || true; rm -rf "$MLEPKG_HOME"; "$MLEPKG" fsck >/dev/null
  t=$(best_of 1 "$MLEPKG" store add "$big")
  if [ -z "$ours" ] || [ "$(echo "$t < $ours" | bc -l)" = 1 ]; then ours=$t; fi
done
printf 'openssl dgst -sha256: %.3f s   mlepkg store add: %.3f s   ratio (mlepkg/openssl): %.2f\n' \
  "$base" "$ours" "$(echo "$ours / $base" | bc -l)"
rm -f "$big"
for extra in "$root"/scripts/bench-split.sh "$root"/scripts/bench-grade.sh "$root"/scripts/bench-noop.sh "$root"/scripts/bench-unpack.sh "$root"/scripts/bench-catalog.sh "$root"/scripts/bench-mirror.sh "$root"/scripts/bench-run.sh; do
  [ -e "$extra" ] && bash "$extra" "$MLEPKG" "$out"
done
exit 0
