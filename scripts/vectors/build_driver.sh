#!/bin/sh
# Builds the small MLESplits command-line driver used by fuzz_compare.py and for timing, in a
# throwaway package under /tmp that links this checkout's Sources/MLESplits (nothing here changes).
# usage: scripts/vectors/build_driver.sh   -> prints the path of the release binary
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
pkg=${MLESPLITS_DRIVER_DIR:-/tmp/mlesplits-driver}
mkdir -p "$pkg/Sources/splitcli"
ln -sfn "$root/Sources/MLESplits" "$pkg/Sources/MLESplits"
cp "$root/scripts/vectors/driver_main.swift" "$pkg/Sources/splitcli/main.swift"
cat > "$pkg/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "mlesplits-driver",
    targets: [
        .target(name: "MLESplits", exclude: ["README.md"],
                swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .executableTarget(name: "splitcli", dependencies: ["MLESplits"]),
    ]
)
SWIFT
(cd "$pkg" && swift build -c release --product splitcli >&2)
echo "$pkg/.build/release/splitcli"
