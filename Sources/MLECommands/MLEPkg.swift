import ArgumentParser
import Foundation

/// The root command. Subcommands live one per file.
public struct MLEPkg: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mlepkg",
        abstract: "Build, pin, share and run ML-engineering benchmarks.",
        discussion: """
        mlepkg keeps every input and output in a content-addressed store (SHA-256), \
        so that builds are reproducible byte for byte and work offline.

        Environment:
          MLEPKG_HOME        store location (default: $XDG_DATA_HOME/mlepkg)
          MLEPKG_OFFLINE=1   never use the network; serve from the store and drop folders
          MLEPKG_DISTDIR     drop folders (colon-separated) searched by content hash
          KAGGLE_USERNAME, KAGGLE_KEY, KAGGLE_CONFIG_DIR   Kaggle credentials

        Exit codes: 0 success, 1 failure, 3 integrity failure \
        (hash mismatch, corrupt object), 4 source unavailable (network, offline, Kaggle), \
        64 usage error.
        """,
        version: MLEPkgVersion.current,
        subcommands: [Fetch.self, Store.self, Fsck.self, Recipes.self, Build.self, Lock.self, Verify.self, Split.self, Medal.self, Report.self, Grade.self, Validate.self, Run.self, SandboxBench.self]
    )

    public init() {}
}

public enum MLEPkgVersion {
    public static let current = "0.1.0"
}
