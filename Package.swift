// swift-tools-version:6.0
//
// mlepkg: build, pin, share and run ML-engineering benchmarks.
//
// Modules form a bottom-up chain: each depends only on modules declared above it.
// C shims first, then basics and models, then one module per capability, then the
// workspace that orchestrates them, the commands that parse and print, and `main`.

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "mlepkg",
    products: [
        .executable(name: "mlepkg", targets: ["mlepkg"]),
        .library(name: "MLEWorkspace", targets: ["MLEWorkspace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.70.0"),
    ],
    targets: [
        // MARK: C libraries

        /** libcurl, with typed shims for its variadic calls. Imported by MLEFetch only. */
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        /** libarchive. Imported by MLEArchive only. */
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive",
                       providers: [.apt(["libarchive-dev"])]),
        /** OpenSSL's libcrypto (EVP digests). Imported by MLEBasics only. */
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        /** glibc's <malloc.h> (mallopt). Imported by the mlepkg executable only. */
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CFieldScan"),
        /** glibc's GNU spawn, setns and prlimit calls. Imported by MLERunner and the tests' MLETestSupport only. */
        .systemLibrary(name: "CSpawn"),

        // MARK: Foundations

        /** Paths, streaming digests, file locks, atomic files, process-wide errors. */
        .target(name: "MLEBasics", dependencies: ["CCrypto"], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Pure value types: object ids, tree manifests, source references. No I/O. */
        .target(name: "MLEModel", dependencies: ["MLEBasics"], exclude: ["README.md"], swiftSettings: swiftSettings),

        // MARK: Capabilities

        /** HTTP(S) and file:// downloads over libcurl: retries, resume, mirrors, Kaggle auth. */
        .target(name: "MLEFetch", dependencies: ["CCurl", "MLEBasics", "MLEModel"],
                exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Safe, streaming unpacking of zip/tar/7z archives over libarchive. */
        .target(name: "MLEArchive", dependencies: ["CArchive", "MLEBasics", "MLEModel"],
                exclude: ["README.md"], swiftSettings: swiftSettings),
        /** The content-addressed object store and its SQLite index. */
        .target(name: "MLEStore", dependencies: [
            "MLEBasics", "MLEModel", .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Competition recipes: parsing, validation and the registry. Runs nothing. */
        .target(name: "MLERecipes", dependencies: ["MLEBasics", "MLEModel"], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** numpy's and Python's exact behaviour: MT19937 and PCG64 draws, float repr, JSON. */
        .target(name: "MLEPyCompat", dependencies: [], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** pandas-exact CSV tables: read_csv's tokenizer and typing, to_csv, join keys for grading. */
        .target(name: "MLETable", dependencies: ["MLEBasics", "MLEPyCompat", "CFieldScan"], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Bit-exact MLE-bench splits (train_test_split) and mlepkg's hash split, over MLETable. */
        .target(name: "MLESplits", dependencies: ["MLEBasics", "MLEPyCompat", "MLETable"], exclude: ["README.md"], swiftSettings: swiftSettings),

        /** Lockfiles: the pinned model and its versioned on-disk format. Resolves nothing. */
        .target(name: "MLELockfile", dependencies: ["MLEBasics"], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Metrics as pure functions, submission validation and competition graders. */
        .target(name: "MLEGrading", dependencies: ["MLEBasics", "MLEPyCompat", "MLETable"], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Leaderboard thresholds and medals: MLE-bench's ranking and Kaggle's rules. Reads no files. */
        .target(name: "MLEMedals", dependencies: [], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Meta Kaggle catalog: competitions, metrics, deadlines, leaderboards, loaded from given file paths. Fetches nothing, grades nothing. */
        .target(name: "MLECatalog", dependencies: [
            "MLERecipes", "MLEMedals", "CFieldScan", "CMalloc", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Aggregates grading reports: seeds, mean ± SEM, pass@k, the HTML page. No I/O. */
        .target(name: "MLEReport", dependencies: [], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Mirrors: the remote layout, folder/HTTP/S3 remotes, verified push and pull of a lock's objects, `serve`. */
        .target(name: "MLEMirror", dependencies: [
            "MLEBasics", "MLEModel", "MLEFetch", "MLEStore", "MLELockfile",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ],
                exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Runs recipe steps over raw files and stores the outputs. */
        .target(name: "MLEBuild", dependencies: ["MLEBasics", "MLEModel", "MLEArchive", "MLERecipes", "MLEPyCompat", "MLETable", "MLESplits", "MLEStore"],
                exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Sandboxed subprocesses: bubblewrap namespaces, cgroup limits, staged teardown, the proxy. */
        .target(name: "MLERunner", dependencies: ["CSpawn", "MLEBasics"], exclude: ["README.md"], swiftSettings: swiftSettings),

        // MARK: Orchestration and interface

        /** Ties fetch, unpack and store together; reports progress to a delegate. Never prints. */
        .target(name: "MLEWorkspace", dependencies: [
            "MLEBasics", "MLEModel", "MLEFetch", "MLEArchive", "MLEStore", "MLETable", "MLESplits", "MLERecipes", "MLEBuild", "MLELockfile", "MLEGrading", "MLEMedals", "MLEReport", "MLECatalog", "MLEMirror", "MLERunner",
        ], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** Argument parsing, one subcommand per file, and all terminal output. */
        .target(name: "MLECommands", dependencies: [
            "MLEWorkspace", "MLEBasics", "MLEModel", "MLEStore", "MLEFetch", "MLERecipes", "MLELockfile", "MLEBuild", "MLEMedals", "MLEGrading", "MLEReport", "MLECatalog", "MLEMirror", "MLERunner",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["README.md"], swiftSettings: swiftSettings),
        /** The `mlepkg` executable: `@main` only. */
        .executableTarget(name: "mlepkg", dependencies: ["MLECommands", "CMalloc"], swiftSettings: swiftSettings),

        /** libFuzzer harnesses for the parsers of untrusted bytes (`make fuzz`); a replay tool otherwise. */
        .executableTarget(name: "mlepkg-fuzz", dependencies: ["MLEBasics", "MLEModel", "MLEArchive", "MLETable"],
                          path: "Fuzz/Harness", swiftSettings: swiftSettings),

        // MARK: Tests

        /** Test helpers: temporary directories, the fault-injecting HTTP server, the built binary. */
        .target(name: "MLETestSupport", dependencies: ["CSpawn"], path: "Tests/MLETestSupport", exclude: ["fault_server.py", "make_archives.py", "s3_server.py"]),
        .testTarget(name: "MLEBasicsTests", dependencies: ["MLEBasics", "MLETestSupport"]),
        .testTarget(name: "MLEStoreTests", dependencies: ["MLEStore", "MLEBasics", "MLEModel", "MLETestSupport"]),
        .testTarget(name: "MLEFetchTests", dependencies: ["MLEFetch", "MLEBasics", "MLEModel", "MLETestSupport"]),
        .testTarget(name: "MLEArchiveTests", dependencies: ["MLEArchive", "MLEBasics", "MLETestSupport"]),
        .testTarget(name: "MLEWorkspaceTests", dependencies: [
            "MLEWorkspace", "MLEStore", "MLEFetch", "MLEArchive", "MLEBasics", "MLEModel", "MLETestSupport",
        ]),
        .testTarget(name: "MLEPyCompatTests", dependencies: ["MLEPyCompat"]),
        .testTarget(name: "MLETableTests", dependencies: ["MLETable", "MLEPyCompat", "MLESplits"]),
        .testTarget(name: "MLESplitsTests", dependencies: ["MLESplits", "MLETable", "MLEBasics"]),
        .testTarget(name: "MLEMedalsTests", dependencies: ["MLEMedals", "MLETestSupport"]),
        .testTarget(name: "MLEReportTests", dependencies: ["MLEReport"]),
        .testTarget(name: "MLERunnerTests", dependencies: ["MLERunner", "MLETestSupport"]),
        .testTarget(name: "MLECatalogTests", dependencies: ["MLECatalog", "MLERecipes", "MLETestSupport", "CFieldScan"], exclude: ["Inputs"]),
        .testTarget(name: "MLEGradingTests", dependencies: ["MLEGrading", "MLETable", "MLEPyCompat", "MLERecipes"], exclude: ["Inputs"]),
        .testTarget(name: "MLERecipesTests", dependencies: ["MLERecipes", "MLELockfile", "MLEBasics", "MLETestSupport"]),
        .testTarget(name: "MLECommandsTests", dependencies: ["mlepkg", "MLEBasics", "MLETestSupport"]),
    ]
)
