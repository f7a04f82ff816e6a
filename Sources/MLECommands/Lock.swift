import ArgumentParser
import Foundation
import MLEBasics
import MLEBuild
import MLELockfile
import MLEWorkspace

extension MLEPkg {
    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pin every input and output hash of competitions in a lockfile.",
            discussion: """
            Competitions that build here (from --raw-dir, the store or Kaggle) are pinned \
            fully; the others keep MLE-bench's expected MD5s and are marked not yet pinned. \
            The file is deterministic and diff-friendly; locked trees are kept through gc.

            Examples:
              mlepkg lock --filter tag=lite --raw-dir raw -o lockfiles/mle-bench-lite.lock
              mlepkg lock spaceship-titanic --raw-dir raw -o my.lock
              mlepkg lock spaceship-titanic --raw-dir raw -o my.lock --sign lab.key
            """
        )

        @OptionGroup var selection: SelectionOptions

        @Option(name: .shortAndLong, help: "The lockfile to write.")
        var output: String

        @Option(help: "Sign the lockfile with this Ed25519 private key (writes FILE.sig; see 'mlepkg key generate').")
        var sign: String?

        @Flag(name: .shortAndLong, help: "No progress output.")
        var quiet = false

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: quiet, json: json, registry: selection.registry)
            try state.run {
                let ws = state.workspace
                let registry = try ws.loadRegistry()
                let recipes = try selection.recipes(registry, in: ws)
                let results = ws.build(recipes, registry: registry,
                                       options: BuildOptions(rawDirectory: selection.rawDir, jobs: selection.jobs))
                var entries: [Lockfile.Entry] = []
                var unavailable: [(id: String, error: any Error)] = []
                var pinned = 0
                for (recipe, result) in zip(recipes, results) {
                    switch result {
                    case .success(let r) where r.md5Mismatches.isEmpty:
                        entries.append(ws.lockEntry(r, recipe: recipe))
                        try ws.store.setRef("lock/\((output as NSString).lastPathComponent)/\(r.id)", to: r.prepared, kind: "lock")
                        pinned += 1
                    case .success(let r):
                        entries.append(ws.unpinnedEntry(recipe, source: registry.sources[recipe.id] ?? "",
                                                        reason: "outputs differ from MLE-bench's MD5s (\(r.md5Mismatches.map(\.path).joined(separator: ", ")))"))
                    case .failure(BuildError.unsupported(_, let missing)):
                        entries.append(ws.unpinnedEntry(recipe, source: registry.sources[recipe.id] ?? "",
                                                        reason: "the recipe cannot be built yet (\(missing))"))
                    case .failure(let error):
                        unavailable.append((recipe.id, error))
                        entries.append(ws.unpinnedEntry(recipe, source: registry.sources[recipe.id] ?? "",
                                                        reason: "its raw files were not available when this lock was made"))
                    }
                }
                if !quiet { state.output.warnGrouped(unavailable) }
                let lock = Lockfile(mlepkgVersion: MLEPkgVersion.current, engineVersion: Workspace.engineVersion,
                                    platform: Workspace.buildPlatform, competitions: entries)
                try FileIO.writeAtomically(Data(LockfileFormat.encode(lock).utf8), to: output)
                if let sign { try ws.signLock(output, key: sign) }
                if json {
                    try state.output.printJSON(LockSummary(lockfile: output, competitions: entries.count, pinned: pinned,
                                                           notPinned: entries.filter { !$0.pinned }.map { .init(id: $0.id, note: $0.note ?? "") }))
                } else {
                    state.output.print("wrote \(output): \(Format.count(entries.count, "competition")), \(pinned) pinned, \(entries.count - pinned) not yet pinned")
                }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-check materialized data against a lockfile.",
            discussion: """
            Re-hashes DATA_DIR/<id>/prepared/… for every pinned competition (and the MD5 of \
            unpinned ones that are present); exits 3 naming each difference. With --signature, \
            checks FILE.sig against the trusted keys (--trusted-key, or trusted_keys in the config, \
            or MLEPKG_TRUSTED_KEYS) instead; exits 3 when the lock is unsigned or wrongly signed.

            Examples:
              mlepkg verify --lock lockfiles/mle-bench-lite.lock --data-dir ~/mle-data
              mlepkg verify --lock my.lock --signature --trusted-key lab.key.pub
            """
        )

        @Option(help: "The lockfile.")
        var lock: String

        @Option(help: "The data directory holding <id>/prepared/ (default: data_dir in config.json or MLEPKG_DATA_DIR).")
        var dataDir: String?

        @Flag(help: "Check the lock's signature (FILE.sig) instead of the data.")
        var signature = false

        @Option(help: "A trusted Ed25519 public key (repeatable).")
        var trustedKey: [String] = []

        @Argument(help: "Only these competitions.", completion: Completions.competitionIDs)
        var ids: [String] = []

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(json: json) { c in
                if !trustedKey.isEmpty { c.trustedKeys = trustedKey }
            }
            try state.run {
                if signature {
                    let key = try state.workspace.verifySignature(of: lock)
                    if json { return try state.output.printJSON(["lock": lock, "key_id": key]) }
                    return state.output.print("\(lock): good signature by key \(key)")
                }
                let lockfile = try LockfileFormat.read(path: lock)
                try state.workspace.checkCompatible(lockfile, lockfile: lock)
                let dataDir = try state.workspace.dataDirectory(self.dataDir)
                let results = try state.workspace.verify(lockfile, lockfile: lock, dataDirectory: dataDir, ids: ids)
                let count = { (s: VerifyResult.State) in results.filter { $0.state == s }.count }
                let summary = VerifySummary(lockfile: lock, dataDir: dataDir, verified: count(.verified), differs: count(.differs),
                                            notMaterialized: count(.notMaterialized), competitions: results.map(VerifyJSON.init))
                if json {
                    try state.output.printJSON(summary)
                } else {
                    for r in results where r.state != .verified {
                        if r.state == .notMaterialized {
                            state.output.print("not materialized \(r.competition) (no \(dataDir)/\(r.competition)/prepared; build it with --data-dir)")
                        } else {
                            state.output.print("differs \(r.competition): \(r.differences.count) of \(r.files) files")
                            for d in r.differences.prefix(20) { state.output.print("  \(d.description)") }
                            if r.differences.count > 20 { state.output.print("  … and \(r.differences.count - 20) more (--json lists all)") }
                        }
                    }
                    state.output.print("\(lock): \(summary.verified) verified, \(summary.differs) differ, \(summary.notMaterialized) not materialized, of \(Format.count(results.count, "competition"))")
                }
                // Differences are integrity failures; data that is not there is not corrupt,
                // but a verify that checked nothing has not succeeded either.
                if summary.differs > 0 { throw Exit.integrity }
                if summary.verified == 0 { throw Exit.failure }
            }
        }
    }
}

struct VerifySummary: Encodable {
    var lockfile: String
    var dataDir: String
    var verified: Int
    var differs: Int
    var notMaterialized: Int
    var competitions: [VerifyJSON]
}

struct VerifyJSON: Encodable {
    struct Difference: Encodable { var path: String; var field: String; var expected: String; var actual: String }
    var id: String
    var state: String
    var pinned: Bool
    var files: Int
    var differences: [Difference]
    init(_ r: VerifyResult) {
        id = r.competition
        state = r.state.rawValue
        pinned = r.pinned
        files = r.files
        differences = r.differences.map { .init(path: $0.path, field: $0.field, expected: $0.expected, actual: $0.actual) }
    }
}

struct LockSummary: Encodable {
    struct Unpinned: Encodable { var id: String; var note: String }
    var lockfile: String
    var competitions: Int
    var pinned: Int
    var notPinned: [Unpinned]
}
