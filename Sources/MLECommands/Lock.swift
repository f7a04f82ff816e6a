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

        func run() throws {
            let state = try CommandState.make(quiet: quiet) { c in
                if let r = selection.registry { c.registryDirectory = r }
            }
            try state.run {
                let ws = state.workspace
                let registry = try ws.loadRegistry()
                let recipes = try selection.recipes(registry)
                let results = ws.build(recipes, registry: registry,
                                       options: BuildOptions(rawDirectory: selection.rawDir, jobs: selection.jobs))
                var entries: [Lockfile.Entry] = []
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
                        if !quiet { state.output.warn("\(recipe.id): \(error)") }
                        entries.append(ws.unpinnedEntry(recipe, source: registry.sources[recipe.id] ?? "",
                                                        reason: "its raw files were not available when this lock was made"))
                    }
                }
                let lock = Lockfile(mlepkgVersion: MLEPkgVersion.current, engineVersion: Workspace.engineVersion,
                                    platform: Workspace.buildPlatform, competitions: entries)
                try FileIO.writeAtomically(Data(LockfileFormat.encode(lock).utf8), to: output)
                if let sign { try ws.signLock(output, key: sign) }
                state.output.print("wrote \(output): \(entries.count) competitions, \(pinned) pinned, \(entries.count - pinned) not yet pinned")
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

        @Option(help: "The data directory holding <id>/prepared/.")
        var dataDir: String?

        @Flag(help: "Check the lock's signature (FILE.sig) instead of the data.")
        var signature = false

        @Option(help: "A trusted Ed25519 public key (repeatable).")
        var trustedKey: [String] = []

        func validate() throws {
            if !signature && dataDir == nil { throw ValidationError("Please pass --data-dir, or --signature to check the lock's signature.") }
        }

        @Argument(help: "Only these competitions.")
        var ids: [String] = []

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: json) { c in
                if !trustedKey.isEmpty { c.trustedKeys = trustedKey }
            }
            try state.run {
                if signature {
                    let key = try state.workspace.verifySignature(of: lock)
                    if json { return try state.output.printJSON(["lock": lock, "key_id": key]) }
                    return state.output.print("\(lock): good signature by key \(key)")
                }
                guard let dataDir else { return }
                let lockfile = try LockfileFormat.read(path: lock)
                let diffs = state.workspace.verify(lockfile, lockfile: lock, dataDirectory: dataDir, ids: ids)
                if json {
                    try state.output.printJSON(diffs.map { ["competition": $0.competition, "path": $0.path, "expected": $0.expected, "actual": $0.actual] })
                } else {
                    for d in diffs { state.output.print(d.description) }
                    let n = lockfile.competitions.filter { ids.isEmpty || ids.contains($0.id) }.count
                    state.output.print(diffs.isEmpty ? "verified \(n) competitions against \(lock)" : "\(diffs.count) differences")
                }
                if !diffs.isEmpty { throw Exit.integrity }
            }
        }
    }
}
