import ArgumentParser
import Foundation
import MLELockfile
import MLERecipes
import MLEWorkspace

/// Options shared by `build` and `lock`: which competitions, from where.
struct SelectionOptions: ParsableArguments {
    @Argument(help: "Competition ids (default: every recipe, or those --filter selects).")
    var ids: [String] = []

    @Option(help: "Select recipes, e.g. 'complexity=low,tag=lite' (fields: id, complexity, tag, status, metric).")
    var filter: String?

    @Option(help: "A directory holding each competition's raw files in DIR/<id>/ (archives or unpacked).")
    var rawDir: String?

    @Option(help: "The registry directory (default: MLEPKG_REGISTRY, ./registry, or the installed one).")
    var registry: String?

    @Option(help: "Competitions to build at once.")
    var jobs: Int = 1

    func validate() throws {
        if let filter { do { _ = try RecipeFilter(parsing: filter) } catch { throw ValidationError("\(error)") } }
        if jobs < 1 { throw ValidationError("Please pass a --jobs of at least 1.") }
    }

    func recipes(_ registry: Registry) throws -> [Recipe] {
        try registry.select(ids: ids, filter: filter.map { try RecipeFilter(parsing: $0) })
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
            """
        )

        @OptionGroup var selection: SelectionOptions

        @Option(help: "Materialize outputs in DIR/<id>/prepared/{public,private}.")
        var dataDir: String?

        @Option(help: "Refuse any output that differs from this lockfile.")
        var locked: String?

        @Option(help: "Meta Kaggle's Competitions.csv: write public/description.md from Kaggle's own text (fetch it with 'mlepkg fetch kaggle://datasets/kaggle/meta-kaggle/Competitions.csv').")
        var metaKaggle: String?

        @Flag(help: "Print JSON.")
        var json = false

        @Flag(name: .shortAndLong, help: "No progress output.")
        var quiet = false

        func run() throws {
            let state = try CommandState.make(quiet: quiet || json) { c in
                if let r = selection.registry { c.registryDirectory = r }
            }
            try state.run {
                let ws = state.workspace
                let registry = try ws.loadRegistry()
                let lock = try locked.map { try LockfileFormat.read(path: $0) }
                var recipes = try selection.recipes(registry)
                if let lock, selection.ids.isEmpty, selection.filter == nil {
                    recipes = recipes.filter { r in lock.entry(r.id)?.pinned == true }
                }
                var options = BuildOptions(rawDirectory: selection.rawDir, dataDirectory: dataDir, jobs: selection.jobs,
                                           metaKaggleCompetitions: metaKaggle)
                if let lock, let path = locked, selection.rawDir == nil {
                    // The lock's own inputs, pulled from the configured mirrors where missing.
                    let (inputs, warnings) = try ws.lockedInputs(lock, lockfile: path, ids: recipes.map(\.id))
                    options.pinnedInputs = inputs
                    for w in warnings { state.output.warn(w) }
                }
                let results = ws.build(recipes, registry: registry, options: options)
                var reports: [BuildReport] = []
                var failure: (any Error)?
                var mismatch = false
                for (recipe, result) in zip(recipes, results) {
                    switch result {
                    case .success(let r):
                        if let lock, let path = locked {
                            guard let entry = lock.entry(r.id) else {
                                throw LockMismatchError(differences: [.init(competition: r.id, path: "*", expected: "an entry", actual: "none", lockfile: path)])
                            }
                            try ws.check(r, against: entry, lockfile: path)
                        }
                        reports.append(BuildReport(r))
                        if !json {
                            state.output.print("\(r.built ? "built" : "up to date") \(r.id)  public \(r.publicTree)  private \(r.privateTree)"
                                               + (r.materialized.map { "  -> \($0)" } ?? ""))
                        }
                        for m in r.md5Mismatches {
                            mismatch = true
                            state.output.warn("\(r.id): '\(m.path)' has MD5 \(m.actual), MLE-bench's is \(m.expected)")
                        }
                    case .failure(let error):
                        if recipes.count > 1 { state.output.warn("\(recipe.id): \(error)") }
                        failure = failure ?? error
                    }
                }
                if json { try state.output.printJSON(reports) }
                if let failure { throw failure }
                if mismatch { throw Exit.integrity }
            }
        }
    }
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
