#!/usr/bin/env bash
# Unpacking an archive of many small files (a dataset of images or per-id files):
# 'mlepkg fetch file://… --unpack' (hash, dedupe, store, index) against 'tar -xf' (write only).
set -euo pipefail
MLEPKG=$1; out=$2
archive="$out/many-small-files.tar"
if [ ! -f "$archive" ]; then
  python3 - "$archive" <<'PY'
import io, sys, tarfile
# 200,000 files of 0-2 KiB in 200 folders, a tenth of them empty (duplicates of one another).
with tarfile.open(sys.argv[1], "w", format=tarfile.GNU_FORMAT) as t:
    for i in range(200_000):
        data = b"" if i % 10 == 0 else (b"%d," % i) * (i % 400)
        info = tarfile.TarInfo(f"d{i // 1000:03d}/f{i:06d}.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
PY
fi
cat "$archive" > /dev/null
best=""; for _ in 1 2; do
  rm -rf "$out/untar"; mkdir -p "$out/untar"
  s=$(date +%s.%N); tar -xf "$archive" -C "$out/untar"; e=$(date +%s.%N)
  t=$(echo "$e - $s" | bc -l); if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
rm -rf "$out/untar"
ours=""; for _ in 1 2; do
  export MLEPKG_HOME="$out/unpack-store"; chmod -R u+w "$MLEPKG_HOME" 2>/dev/null || true; rm -rf "$MLEPKG_HOME"
  s=$(date +%s.%N); "$MLEPKG" fetch "file://$archive" --unpack -q >/dev/null; e=$(date +%s.%N)
  t=$(echo "$e - $s" | bc -l); if [ -z "$ours" ] || [ "$(echo "$t < $ours" | bc -l)" = 1 ]; then ours=$t; fi
done
chmod -R u+w "$out/unpack-store" 2>/dev/null || true; rm -rf "$out/unpack-store"
echo "== unpack 200,000 small files (baseline: GNU tar -xf, same archive)"
printf 'tar -xf: %.2f s   mlepkg fetch --unpack: %.2f s   ratio (mlepkg/tar): %.2f   (%.0f entries/s)\n' \
  "$best" "$ours" "$(echo "$ours / $best" | bc -l)" "$(echo "200000 / $ours" | bc -l)"
