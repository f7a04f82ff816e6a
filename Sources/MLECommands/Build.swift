import ArgumentParser
import Foundation
import MLECatalog
import MLELockfile
import MLERecipes
import MLEWorkspace

/// Options shared by `build` and `lock`: which competitions, from where.
struct SelectionOptions: ParsableArguments {
    @Argument(help: "Competition ids (default: every recipe, or those --filter selects).", completion: Completions.competitionIDs)
    var ids: [String] = []

    @Option(help: "Select competitions, e.g. 'complexity=low,tag=lite' or 'segment != community and grading.local' (fields: 'mlepkg catalog ls --fields').")
    var filter: String?

    @Option(help: "A directory holding each competition's raw files in DIR/<id>/ (archives or unpacked).")
    var rawDir: String?

    @OptionGroup var registry: RegistryOption

    @Option(help: "Competitions to build at once.")
    var jobs: Int = 1

    func validate() throws {
        try validateFilter(filter)
        if jobs < 1 { throw ValidationError("Please pass a --jobs of at least 1.") }
    }

    /// The filter sees recipe fields and, once a catalog was synced, Meta Kaggle's.
    func recipes(_ registry: Registry, in workspace: Workspace) throws -> [Recipe] {
        try workspace.selectRecipes(registry, ids: ids, filter: filter)
    }
}

extension MLEPkg {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build competitions' public and private splits from their raw files.",
            discussion: """
            Raw files come from the store, the drop folders, Kaggle, or --raw-dir. Outputs are \
            stored as trees and, with --data-dir, materialized in MLE-bench's layout \
            DATA_DIR/<id>/prepared/{public,private}. An unchanged build is a no-op. Outputs are \
            checked against MLE-bench's MD5s recorded in the recipe (exit 3 on a difference).

            Examples:
              mlepkg build spaceship-titanic --raw-dir ~/kaggle-raw --data-dir ~/mle-data
              mlepkg build --filter complexity=low,tag=lite --jobs 4 --data-dir data
              mlepkg build --locked lockfiles/mle-bench-lite.lock --raw-dir raw
              mlepkg build --filter 'tag == split75' --executor slurm --jobs 16 --partition cpu --wait

            With --executor slurm, each competition is one task of an sbatch job array (--jobs \
            at once) running this same build on a node, and a job after them writes the summary \
            (DIR/summary.json, DIR printed on submission, under MLEPKG_HOME/slurm). The store \
            (MLEPKG_HOME) and the paths given must be on a file system every node reads.
            """
        )

        @OptionGroup var selection: SelectionOptions

        @Option(help: "Materialize outputs in DIR/<id>/prepared/{public,private}.")
        var dataDir: String?

        @Option(help: "Refuse any output that differs from this lockfile.")
        var locked: String?

        @Option(help: "Meta Kaggle's Competitions.csv: write public/description.md from Kaggle's own text (fetch it with 'mlepkg fetch kaggle://datasets/kaggle/meta-kaggle/Competitions.csv').")
        var metaKaggle: String?

        @Flag(help: "Ask Kaggle first whether the rules of every selected competition were accepted; build nothing if not.")
        var checkAccess = false

        @Flag(help: "Print JSON.")
        var json = false

        @Flag(name: .shortAndLong, help: "No progress output.")
        var quiet = false

        @OptionGroup var slurm: SlurmSubmitOptions

        func validate() throws {
            try slurm.validate()
            if selection.ids.isEmpty && selection.filter == nil && locked == nil {
                throw ValidationError("Please name competitions, or select them with --filter (e.g. 'tag=lite') or --locked FILE.")
            }
        }

        func run() throws {
            let state = try CommandState.make(quiet: quiet, json: json, registry: selection.registry)
            try state.run {
                let ws = state.workspace
                let registry = try ws.loadRegistry()
                let lock = try locked.map { path -> LockedBuild in
                    let lock = try LockfileFormat.read(path: path)
                    try ws.checkCompatible(lock, lockfile: path)
                    return LockedBuild(lockfile: lock, path: path)
                }
                var recipes = try selection.recipes(registry, in: ws)
                if let lock, selection.ids.isEmpty, selection.filter == nil {
                    // The lock says what to build: every entry must have a recipe here, and
                    // unpinned ones are said to be skipped, never silently dropped.
                    for e in lock.lockfile.competitions where registry.recipe(e.id) == nil {
                        throw RegistryError.unknownCompetition(e.id, directory: registry.directory)
                    }
                    let unpinned = lock.lockfile.competitions.filter { !$0.pinned }
                    for e in unpinned { state.output.warn("\(e.id): skipped, not pinned in \(lock.path) (\(e.note ?? "no note"))") }
                    let pinned = Set(lock.lockfile.competitions.filter(\.pinned).map(\.id))
                    guard !pinned.isEmpty else {
                        throw LockfileError(file: lock.path, line: 0, message: "no competition is pinned: nothing to build against")
                    }
                    recipes = recipes.filter { pinned.contains($0.id) }
                }
                if checkAccess { try Self.requireAccess(recipes, state: state) }
                if slurm.executor == "slurm" {
                    let s = try ws.submitBuildToSlurm(ids: recipes.map(\.id), jobs: selection.jobs,
                                                      slurm: slurm.options(command: taskCommand(registry: registry.directory)))
                    if json, slurm.wait, let data = FileManager.default.contents(atPath: "\(s.directory)/summary.json") {
                        FileHandle.standardOutput.write(data)
                    } else if json {
                        try state.output.printJSON(s)
                    } else {
                        state.output.print("submitted \(Format.count(s.attempts, "competition")) as job array \(s.arrayJob), summary by job \(s.aggregateJob): \(s.directory)")
                        if slurm.wait { state.output.print("built \(s.attempts) of \(s.attempts); summary: \(s.directory)/summary.json") }
                    }
                    return
                }
                var options = BuildOptions(rawDirectory: selection.rawDir, dataDirectory: dataDir, jobs: selection.jobs,
                                           metaKaggleCompetitions: metaKaggle, locked: lock)
                if let lock, selection.rawDir == nil {
                    // The lock's own inputs, pulled from the configured mirrors where missing.
                    let (inputs, warnings) = try ws.lockedInputs(lock.lockfile, lockfile: lock.path, ids: recipes.map(\.id))
                    options.pinnedInputs = inputs
                    for w in warnings { state.output.warn(w) }
                }
                let output = state.output, quietLines = json
                let results = ws.build(recipes, registry: registry, options: options) { _, result in
                    guard !quietLines, case .success(let r) = result else { return }
                    output.print("\(r.built ? "built" : "up to date") \(r.id)  public \(r.publicTree)  private \(r.privateTree)"
                                 + (r.materialized.map { "  -> \($0)" } ?? ""))
                }
                var reports: [BuildReport] = []
                var failures: [(id: String, error: any Error)] = []
                var mismatch = false
                for (recipe, result) in zip(recipes, results) {
                    switch result {
                    case .success(let r):
                        reports.append(BuildReport(r))
                        for m in r.md5Mismatches {
                            mismatch = true
                            state.output.warn("\(r.id): '\(m.path)' has MD5 \(m.actual), MLE-bench's is \(m.expected)")
                        }
                    case .failure(let error):
                        failures.append((recipe.id, error))
                        if let e = error as? LockMismatchError, e.differences.count > 1 {
                            for d in e.differences { state.output.warn(d.description) }
                        }
                    }
                }
                if json { try state.output.printJSON(BuildSummary(built: reports, failed: failures.map { .init(id: $0.id, error: "\($0.error)") })) }
                if failures.count == 1 && recipes.count == 1 { throw failures[0].error }
                if !failures.isEmpty {
                    state.output.warnGrouped(failures)
                    if !json { state.output.print("\(reports.count) of \(recipes.count) built, \(failures.count) failed") }
                    let codes = failures.map { TerminalOutput.exitCode(for: $0.error) }
                    throw codes.contains(Exit.integrity) ? Exit.integrity : codes.allSatisfy({ $0 == Exit.unavailable }) ? Exit.unavailable : Exit.failure
                }
                if mismatch { throw Exit.integrity }
            }
        }
    }
}

extension MLEPkg.Build {
    /// The build each Slurm task runs (its competition id appended): this one's inputs as
    /// absolute paths, since tasks start wherever the node puts them.
    func taskCommand(registry: String) -> [String] {
        func absolute(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
        var c = [MLEPkg.Run.executablePath, "build", "-q", "--registry", absolute(registry)]
        if let r = selection.rawDir { c += ["--raw-dir", absolute(r)] }
        if let d = dataDir { c += ["--data-dir", absolute(d)] }
        if let l = locked { c += ["--locked", absolute(l)] }
        if let m = metaKaggle { c += ["--meta-kaggle", absolute(m)] }
        return c
    }
}

struct BuildSummary: Encodable {
    struct Failure: Encodable { var id: String; var error: String }
    var built: [BuildReport]
    var failed: [Failure]
}

struct BuildReport: Encodable {
    var id: String
    var key: String
    var built: Bool
    var `public`: String
    var `private`: String
    var materialized: String?
    var outputs: [BuiltFile]
    var md5Mismatches: [String]

    init(_ r: BuildResult) {
        id = r.id
        key = r.key
        built = r.built
        `public` = r.publicTree.description
        `private` = r.privateTree.description
        materialized = r.materialized
        outputs = r.outputs
        md5Mismatches = r.md5Mismatches.map(\.path)
    }
}
