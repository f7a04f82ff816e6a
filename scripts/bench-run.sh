#!/usr/bin/env bash
# Sandbox overhead per attempt: bubblewrap + cgroup (+ the listeners an attempt has) against a
# plain start of the same process, median of 50 each, measured inside one mlepkg process.
set -euo pipefail
MLEPKG=$1; out=$2
if ! command -v bwrap >/dev/null; then echo "== sandbox overhead: skipped (bwrap is not installed)"; exit 0; fi
echo "== sandbox start-and-teardown per attempt (baseline: plain posix_spawn of /bin/true, same run; goal: < 50 ms added)"
json=$("$MLEPKG" sandbox-bench --count 50 --scratch "$out/sandbox-bench" --json)
python3 - "$json" <<'PY'
import json, sys
m = json.loads(sys.argv[1])
p, s, a = m["plain"] * 1e3, m["sandbox"] * 1e3, m["attempt"] * 1e3
print(f"plain: {p:.2f} ms   sandbox: {s:.2f} ms (+{s - p:.2f} ms, ratio {s / p:.1f})   "
      f"attempt sandbox with listeners: {a:.2f} ms (+{a - p:.2f} ms, ratio {a / p:.1f})   limits: {m['enforcement']}, median of {m['count']}")
PY
