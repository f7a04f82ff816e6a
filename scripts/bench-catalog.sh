#!/usr/bin/env bash
# Catalog bench: a generated Meta Kaggle snapshot (Submissions.csv of about 2.5 GB, Meta Kaggle's
# columns) synced by `mlepkg catalog sync`, which rebuilds every competition's final leaderboard
# (Teams joined to each team's private submission, benchmark and after-deadline entries out, in
# rank order), against pandas doing the same read, filter, join and sort, in the same run.
# Wall time and peak memory (RSS, /usr/bin/time) of each, as ratios.
set -euo pipefail
MLEPKG=$1; out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${BENCH_CATALOG_SUBMISSIONS:-23500000}
export PYTHONPATH="${MLEPKG_PYDEPS:-$root/.pydeps}"
snap="$out/meta-kaggle-$rows"
if [ ! -f "$snap/Submissions.csv" ]; then
  echo "generating a Meta Kaggle snapshot with $rows submissions (once; kept in $snap)"
  python3 "$root/scripts/gen_meta_kaggle.py" "$snap.tmp" "$rows" && mv "$snap.tmp" "$snap"
fi
size=$(du -b "$snap/Submissions.csv" | cut -f1)
cat > "$out/catalog_pandas.py" <<'PY'
import sys, pandas as pd
snap = sys.argv[1]
t = pd.read_csv(f"{snap}/Teams.csv", usecols=["Id", "CompetitionId", "TeamName", "PrivateLeaderboardSubmissionId",
                                              "PrivateLeaderboardRank", "IsBenchmark", "Medal"])
s = pd.read_csv(f"{snap}/Submissions.csv", usecols=["Id", "SubmissionDate", "IsAfterDeadline", "PrivateScoreFullPrecision"])
t = t[~t["IsBenchmark"] & t["PrivateLeaderboardSubmissionId"].notna()]
b = t.merge(s, left_on="PrivateLeaderboardSubmissionId", right_on="Id", suffixes=("", "_submission"))
b = b[~b["IsAfterDeadline"]].sort_values(["CompetitionId", "PrivateLeaderboardRank", "Id"])
print(len(b), b["CompetitionId"].nunique())
PY
cat "$snap"/*.csv > /dev/null   # the page cache warm for both
measure() {  # prints "seconds peak-KiB" of a command
  local f; f=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$f" "$@" >/dev/null
  cat "$f"; rm -f "$f"
}
median3() {  # the median wall time (and its run's peak) of three runs after one run not counted,
  # each after a sync, so that one run's writes being flushed do not land in the next one's time
  # (on a VM the first run after other work is often slow, for either program)
  local runs=()
  [ -n "${BEFORE:-}" ] && eval "$BEFORE"
  sync; measure "$@" > /dev/null
  for _ in 1 2 3; do
    [ -n "${BEFORE:-}" ] && eval "$BEFORE"
    sync
    runs+=("$(measure "$@")")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}
echo "== catalog: 'mlepkg catalog sync' vs pandas read/filter/join/sort ($(echo "$size / 1000000000" | bc -l | xargs printf '%.2f') GB Submissions.csv, $rows rows; medians of 3 after a warm-up run)"
home="$out/catalog-home"
chmod -R u+w "$home" 2>/dev/null || true; rm -rf "$home"
read -r cold_s cold_kb < <(MLEPKG_HOME="$home" measure "$MLEPKG" catalog sync --snapshot "$snap" -q)
read -r warm_s warm_kb < <(BEFORE="rm -f '$home/catalog.sqlite'" MLEPKG_HOME="$home" median3 "$MLEPKG" catalog sync --snapshot "$snap" -q)
read -r noop_s _ < <(MLEPKG_HOME="$home" measure "$MLEPKG" catalog sync --snapshot "$snap" -q)
read -r pd_s pd_kb < <(median3 python3 "$out/catalog_pandas.py" "$snap")
entries=$(MLEPKG_HOME="$home" "$MLEPKG" catalog sync --snapshot "$snap" --json | python3 -c 'import json,sys; print(sum(t["rows"] for t in json.load(sys.stdin)["tables"] if t["name"]=="Teams"))')
printf 'pandas: %.1f s, %d MiB   mlepkg (tables already in the store): %.2f s, %d MiB   ratio (pandas/mlepkg): %.1fx faster, %.1fx less memory\n' \
  "$pd_s" $((pd_kb / 1024)) "$warm_s" $((warm_kb / 1024)) "$(echo "$pd_s / $warm_s" | bc -l)" "$(echo "$pd_kb / $warm_kb" | bc -l)"
printf 'mlepkg with the store add (hash + copy of every table): %.1f s, %d MiB (%.1fx faster than pandas)   same bytes again (no-op): %.2f s   teams: %s\n' \
  "$cold_s" $((cold_kb / 1024)) "$(echo "$pd_s / $cold_s" | bc -l)" "$noop_s" "$entries"
chmod -R u+w "$home" 2>/dev/null || true; rm -rf "$home"
