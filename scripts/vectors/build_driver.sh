#!/bin/sh
# Builds the small table/split command-line driver used by fuzz_compare.py and for timing, in a
# throwaway package under /tmp that links this checkout's Sources/{MLESplits,MLETable,MLEPyCompat}
# and what they build on (nothing here changes).
# usage: scripts/vectors/build_driver.sh   -> prints the path of the release binary
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
pkg=${MLESPLITS_DRIVER_DIR:-/tmp/mlesplits-driver}
mkdir -p "$pkg/Sources/splitcli"
for m in CCrypto CFieldScan MLEBasics MLEPyCompat MLETable MLESplits; do
  ln -sfn "$root/Sources/$m" "$pkg/Sources/$m"
done
cp "$root/scripts/vectors/driver_main.swift" "$pkg/Sources/splitcli/main.swift"
cat > "$pkg/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let settings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
let package = Package(
    name: "mlesplits-driver",
    targets: [
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto"),
        .systemLibrary(name: "CFieldScan"),
        .target(name: "MLEBasics", dependencies: ["CCrypto"], exclude: ["README.md"], swiftSettings: settings),
        .target(name: "MLEPyCompat", exclude: ["README.md"], swiftSettings: settings),
        .target(name: "MLETable", dependencies: ["MLEBasics", "MLEPyCompat", "CFieldScan"], exclude: ["README.md"], swiftSettings: settings),
        .target(name: "MLESplits", dependencies: ["MLEBasics", "MLEPyCompat", "MLETable"], exclude: ["README.md"], swiftSettings: settings),
        .executableTarget(name: "splitcli", dependencies: ["MLEPyCompat", "MLETable", "MLESplits"]),
    ]
)
SWIFT
(cd "$pkg" && swift build -c release --product splitcli >&2)
echo "$pkg/.build/release/splitcli"
