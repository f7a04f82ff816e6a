#!/usr/bin/env bash
# Mirrors: push and pull of a tree of many small files, to a folder and through `mlepkg serve`,
# against `cp -r` and `tar | tar` of the same tree in the same run (all from a warm page cache).
# MLEPKG_BENCH_MIRROR_FILES sets the number of files (default 100000).
set -euo pipefail
MLEPKG=$1; out=$2
n=${MLEPKG_BENCH_MIRROR_FILES:-100000}
dir="$out/mirror-bench"
chmod -R u+w "$dir" 2>/dev/null || true; rm -rf "$dir"; mkdir -p "$dir"
tree="$dir/tree"

# n files of 1-8 KiB, distinct contents, 1000 per folder.
python3 - "$tree" "$n" <<'EOF'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(0)
for i in range(n):
    d = os.path.join(root, "%03d" % (i // 1000))
    if i % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "%06d.bin" % i), "wb") as f:
        f.write(i.to_bytes(8, "little") + rng.randbytes(rng.randint(1024, 8192) - 8))
EOF
bytes=$(du -sb "$tree" | cut -f1)

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l; }

# Baselines.
find "$tree" -type f -exec cat {} + >/dev/null
s=$(now); cp -r "$tree" "$dir/cp-copy"; sync -f "$dir/cp-copy"; cp_s=$(elapsed "$s")
s=$(now); mkdir "$dir/tar-copy"; tar -C "$tree" -cf - . | tar -C "$dir/tar-copy" -xf -; sync -f "$dir/tar-copy"; tar_s=$(elapsed "$s")

# Lab A's store holds the tree; the lock pins it as a competition's public tree.
export MLEPKG_CONFIG_DIR="$dir/config"
export MLEPKG_HOME="$dir/a"
mkdir -p "$dir/empty"
public=$("$MLEPKG" store add "$tree" | awk '{print $1}')
private=$("$MLEPKG" store add "$dir/empty" | awk '{print $1}')
cat > "$dir/bench.lock" <<EOF
version = 1
mlepkg = "$("$MLEPKG" --version)"
engine = 1
platform = "linux-x86_64"

[[competition]]
id = "many-small-files"
recipe = "sha256:$(printf bench | sha256sum | cut -d' ' -f1)"
pinned = true
public = "$public"
private = "$private"
EOF
# A lock pins every output file, as `mlepkg lock` writes them.
python3 - "$tree" >> "$dir/bench.lock" <<'EOF'
import hashlib, os, sys
root = sys.argv[1]
for d in sorted(os.listdir(root)):
    for f in sorted(os.listdir(os.path.join(root, d))):
        b = open(os.path.join(root, d, f), "rb").read()
        print(f'\n[[competition.output]]\npath = "public/{d}/{f}"\nsize = {len(b)}\nsha256 = "{hashlib.sha256(b).hexdigest()}"')
EOF

summary() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["objects"], d["requests"])'; }
s=$(now); push=$("$MLEPKG" mirror push "$dir/mirror" --lock "$dir/bench.lock" --json | summary); push_s=$(elapsed "$s")
export MLEPKG_HOME="$dir/b"
s=$(now); pull=$("$MLEPKG" mirror pull "$dir/mirror" --lock "$dir/bench.lock" --json | summary); pull_s=$(elapsed "$s")
s=$(now); again=$("$MLEPKG" mirror pull "$dir/mirror" --lock "$dir/bench.lock" --json | summary); again_s=$(elapsed "$s")

# Through `mlepkg serve` over lab A's store.
mkdir -p "$dir/locks"; cp "$dir/bench.lock" "$dir/locks/"
MLEPKG_HOME="$dir/a" "$MLEPKG" serve --port 0 --locks "$dir/locks" > "$dir/serve.out" &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q "^serving" "$dir/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^serving .* on //p' "$dir/serve.out")
[ -n "$url" ] || { echo "mlepkg serve did not start within 60 s" >&2; exit 1; }
export MLEPKG_HOME="$dir/c"
s=$(now); spull=$("$MLEPKG" mirror pull "$url" --lock "$dir/bench.lock" --json | summary); spull_s=$(elapsed "$s")
s=$(now); sagain=$("$MLEPKG" mirror pull "$url" --lock "$dir/bench.lock" --json | summary); sagain_s=$(elapsed "$s")
kill $serve_pid; wait $serve_pid 2>/dev/null || true; trap - EXIT

echo "== mirror: $n files, $((bytes / 1048576)) MiB (baselines: cp -r and tar | tar of the same tree, same run)"
printf 'cp -r: %.2f s   tar | tar: %.2f s\n' "$cp_s" "$tar_s"
ratio() { echo "$1 / $cp_s" | bc -l; }
printf 'push to a folder:       %6.2f s  ratio to cp -r: %.2f  (objects, requests: %s)\n' "$push_s" "$(ratio "$push_s")" "$push"
printf 'pull from a folder:     %6.2f s  ratio to cp -r: %.2f  (objects, requests: %s)\n' "$pull_s" "$(ratio "$pull_s")" "$pull"
printf 'pull through serve:     %6.2f s  ratio to cp -r: %.2f  (objects, requests: %s)\n' "$spull_s" "$(ratio "$spull_s")" "$spull"
printf 'no-change pull, folder: %6.2f s  through serve: %.2f s  (goal: under 1 s; objects, requests: %s / %s)\n' \
  "$again_s" "$sagain_s" "$again" "$sagain"
[ -n "${MLEPKG_BENCH_KEEP:-}" ] || { chmod -R u+w "$dir" 2>/dev/null || true; rm -rf "$dir"; }
