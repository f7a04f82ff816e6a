#!/usr/bin/env bash
# The tour behind `make demo`: mlepkg's whole job on a small demo benchmark, offline, with no
# Kaggle account. Four competitions' Kaggle downloads and a Meta Kaggle dump are generated from
# a seed (scripts/gen_demo_benchmark.py; recipes in examples/demo-registry), then: catalog sync →
# funnel → build → lock → verify → mirror push, and pull into a second store that rebuilds the
# same bytes → two example agents (examples/agents) in the sandbox → grades and medals on the
# catalog's leaderboards → report, as a table and an HTML page.
#
# Everything lives under .demo/ (recreated each run), with its own store and config. Knobs, for
# the test that runs this smaller: MLEPKG_DEMO_DIR, MLEPKG_DEMO_SCALE (rows, 1 = full),
# MLEPKG_DEMO_SEEDS (attempts per competition and agent), MLEPKG_PYDEPS (numpy for the generator).
set -euo pipefail
MLEPKG=${1:?usage: demo.sh PATH-TO-MLEPKG}
root=$(cd "$(dirname "$0")/.." && pwd)
demo=${MLEPKG_DEMO_DIR:-$root/.demo}
scale=${MLEPKG_DEMO_SCALE:-1}
seeds=${MLEPKG_DEMO_SEEDS:-2}
chmod -R u+w "$demo" 2>/dev/null || true
rm -rf "$demo"
mkdir -p "$demo/splits"
export PYTHONPATH="${MLEPKG_PYDEPS:-$root/.pydeps}${PYTHONPATH:+:$PYTHONPATH}"
# A private store and config; no Kaggle credentials and no network are used or needed.
export MLEPKG_HOME="$demo/store" MLEPKG_CONFIG_DIR="$demo/config" MLEPKG_OFFLINE=1 KAGGLE_CONFIG_DIR="$demo/no-kaggle"
unset KAGGLE_USERNAME KAGGLE_KEY MLEPKG_MIRRORS MLEPKG_REGISTRY MLEPKG_DISTDIR 2>/dev/null || true
python3 -c 'import numpy' 2> /dev/null || {
  echo "error: the demo's generator needs numpy for its Meta Kaggle snapshot: run 'make pydeps' (or set MLEPKG_PYDEPS)" >&2; exit 1; }
reg=(--registry "$root/examples/demo-registry")
filter='tag == demo and completed'
started=$SECONDS
total=12 n=0
# One step: its number, what it is for, and the time so far.
step() { n=$((n + 1)); printf '\n\033[1m[%d/%d] %s\033[0m  \033[2m(%ds)\033[0m\n' "$n" "$total" "$*" "$((SECONDS - started))"; }
show() {
  local line="" a
  for a in "$@"; do case $a in *" "*) line+="'$a' " ;; *) line+="$a " ;; esac; done
  printf '\033[36m$ %s\033[0m\n' "$(short <<< "${line% }")"
  "$@"
}
short() { sed -e "s|$MLEPKG|mlepkg|g" -e "s|$demo|.demo|g" -e "s|$root/||g"; }
mle() { show "$MLEPKG" "$@"; }

echo "mlepkg $("$MLEPKG" --version): build, pin, share, run and grade a benchmark — here a small generated one"

step "Generate the demo benchmark: four competitions' Kaggle downloads and a Meta Kaggle dump, from seed 0"
show python3 "$root/scripts/gen_demo_benchmark.py" "$demo/gen" --scale "$scale" | short

step "Load the Meta Kaggle dump into the catalog: every competition, its final private leaderboard and medals"
mle catalog sync --snapshot "$demo/gen/meta-kaggle" -q 2>&1 | short

step "The selection funnel: which competitions are finished, not community, gradable here, with a recipe"
mle catalog funnel "${reg[@]}"

step "Build the selected competitions' public/private splits from the raw downloads (MLE-bench's layout)"
mle build --filter "$filter" "${reg[@]}" --raw-dir "$demo/gen/raw" --data-dir "$demo/data" --jobs 2 -q 2>&1 | short
for d in "$demo"/data/*/prepared; do  # what an agent sees (public) and what grading keeps (private)
  list() { local f out=""; for f in "$d/$1"/*; do
    if [ -d "$f" ]; then out+="${f##*/}/ ($(find "$f" -type f | wc -l) files), "; else out+="${f##*/}, "; fi; done; echo "${out%, }"; }
  printf '  %-18s public: %s; private: %s\n' "$(basename "$(dirname "$d")")" "$(list public)" "$(list private)"
done

step "Pin every raw input and prepared file by SHA-256 in a lockfile"
mle lock --filter "$filter" "${reg[@]}" --raw-dir "$demo/gen/raw" -o "$demo/demo.lock" -q 2>&1 | short
sed -n '7,29p' "$demo/demo.lock" | sed 's/^/  /'
echo "  … ($(grep -c '^\[\[competition\]\]' "$demo/demo.lock") competitions, $(grep -c '^\[\[competition.input\]\]' "$demo/demo.lock") inputs, $(grep -c '^\[\[competition.output\]\]' "$demo/demo.lock") outputs)"

step "Verify the prepared data against the lock (every run does this before it starts)"
mle verify --lock "$demo/demo.lock" --data-dir "$demo/data" 2>&1 | short

step "Publish the pinned bytes to a mirror (a folder here; HTTP, 'mlepkg serve' and S3 work alike)"
mle mirror push "$demo/mirror" --lock "$demo/demo.lock" -q 2>&1 | short
echo "  mirror: $(find "$demo/mirror" -type f | wc -l) files, $(du -sh "$demo/mirror" | cut -f1)"

step "A second lab: an empty store pulls the pinned bytes and rebuilds them from the lock — no raw files, no Kaggle"
(
  export MLEPKG_HOME="$demo/store2" MLEPKG_CONFIG_DIR="$demo/config2"
  # No catalog here: each description.md (Kaggle's text, from the first lab's catalog) comes
  # pinned by the lock and pulled with the rest.
  mle mirror pull "$demo/mirror" --lock "$demo/demo.lock" -q 2>&1 | short
  mle build --locked "$demo/demo.lock" "${reg[@]}" --data-dir "$demo/data2" -q 2>&1 | short
  mle verify --lock "$demo/demo.lock" --data-dir "$demo/data2" 2>&1 | short
)
if diff -r "$demo/data" "$demo/data2" > /dev/null; then echo "  the second lab's data is byte-identical to the first's"; else
  echo "error: the rebuilt data differs" >&2; diff -rq "$demo/data" "$demo/data2" >&2; exit 1; fi

command -v bwrap > /dev/null || { echo "error: the agents run under bubblewrap: install it ('make deps' does)" >&2; exit 1; }
# An attempt's own network namespace (loopback only, the validation server inside) needs root;
# without it the sandbox keeps the host's network, and limits are rlimits instead of cgroups.
network=()
if [ "$(id -u)" != 0 ]; then
  network=(--network host)
  echo "note: not root, so the agents share the host's network and get rlimits instead of cgroups"
fi
run_agent() {
  mle run --agent "$root/examples/agents/$1" --filter tag=demo "${reg[@]}" --seeds "$seeds" --lock "$demo/demo.lock" \
    --data-dir "$demo/data" --run-dir "$demo/runs" --group "$1" --time-limit 5m --memory 2G --jobs 2 ${network[@]+"${network[@]}"} 2>&1 | short
}
step "Run the baseline agent (submits the sample submission) in the sandbox, $seeds seed(s) per competition"
run_agent baseline
step "Run the learner agent (a small model in plain Python) in the sandbox, $seeds seed(s) per competition"
run_agent learner

step "Grades and medals: every attempt on the catalog's private leaderboard"
python3 - "$demo/runs" <<'PY'
import json, os, sys
runs = sys.argv[1]
print(f"  {'competition':<19}{'agent':<10}{'seed':>4}  {'score':>9}  {'gold':>9}{'silver':>9}{'bronze':>9}{'median':>9}  medal")
for agent in ("baseline", "learner"):
    for attempt in sorted(os.listdir(f"{runs}/{agent}")):
        path = f"{runs}/{agent}/{attempt}/grading_report.json"
        if not os.path.isfile(path):
            continue
        r = json.load(open(path))
        medal = "gold" if r["gold_medal"] else "silver" if r["silver_medal"] else "bronze" if r["bronze_medal"] else \
            "above median" if r["above_median"] else "—"
        f = lambda v: "—" if v is None else f"{v:.5g}"
        competition, seed = attempt.rsplit("_", 1)
        print(f"  {competition:<19}{agent:<10}{seed:>4}  {f(r['score']):>9}  {f(r['gold_threshold']):>9}{f(r['silver_threshold']):>9}{f(r['bronze_threshold']):>9}{f(r['median_threshold']):>9}  {medal}")
PY
echo "  The baseline's score is the sample submission's, graded directly:"
mle grade demo-authors "$demo/data/demo-authors/prepared/public/sample_submission.csv" "${reg[@]}" --data-dir "$demo/data" 2>&1 | short | sed 's/^/  /'
learned=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["score"])' "$demo/runs/learner/demo-churn_0/grading_report.json")
echo "  The same board, asked directly (where would $learned rank on demo-churn?):"
mle medal --competition demo-churn --score "$learned" 2>&1 | sed 's/^/  /'

step "Report: medal rates per split with intervals, pass@k; an HTML page with the scores against the cut-offs"
printf 'demo-churn\ndemo-house-prices\ndemo-signals\n' > "$demo/splits/tabular.txt"
printf 'demo-authors\n' > "$demo/splits/text.txt"
mle report "$demo/runs/baseline/grading_report.json" --split low "${reg[@]}" 2>&1 | short
mle report "$demo/runs/learner/grading_report.json" --split low --split "$demo/splits/tabular.txt" --split "$demo/splits/text.txt" \
  "${reg[@]}" --html "$demo/report.html" 2>&1 | short

echo
echo "Done in $((SECONDS - started)) s. Report: $demo/report.html"
echo "Store: $MLEPKG_HOME, runs: $demo/runs ('make demo' recreates .demo each run). Try: mlepkg --help"
