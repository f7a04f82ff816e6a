import Foundation
import MLEArchive
import MLEBasics
import MLEBuild
import MLELockfile
import MLEModel
import MLERecipes
import MLETable
import MLEStore

/// What to build and where to put it.
public struct BuildOptions: Sendable {
    /// `DIR/<id>/` holds a competition's raw files, as Kaggle's archives or unpacked.
    public var rawDirectory: String?
    /// Materialize `DATA_DIR/<id>/prepared/{public,private}` (MLE-bench's layout).
    public var dataDirectory: String?
    public var jobs: Int
    /// Check outputs against MLE-bench's MD5s recorded in the recipe.
    public var checkMD5: Bool
    /// Meta Kaggle's `Competitions.csv`: writes `public/description.md` from Kaggle's own text.
    public var metaKaggleCompetitions: String?
    /// Hold every build to this lock: a difference refuses the build before anything is
    /// cached or materialized.
    public var locked: LockedBuild?
    /// A lock's inputs per competition: used as the raw files when no raw directory is
    /// given and the store holds them all (pulled from a mirror, say).
    public var pinnedInputs: [String: TreeManifest] = [:]

    public init(rawDirectory: String? = nil, dataDirectory: String? = nil, jobs: Int = 1, checkMD5: Bool = true,
                metaKaggleCompetitions: String? = nil, locked: LockedBuild? = nil) {
        self.metaKaggleCompetitions = metaKaggleCompetitions
        self.locked = locked
        self.rawDirectory = rawDirectory
        self.dataDirectory = dataDirectory
        self.jobs = jobs
        self.checkMD5 = checkMD5
    }
}

/// One output file, as lockfiles record it.
public struct BuiltFile: Sendable, Equatable, Codable {
    public var path: String
    public var size: Int64
    public var sha256: String
    public var md5: String
}

/// The result of building one competition.
public struct BuildResult: Sendable, Equatable {
    public var id: String
    public var key: String
    public var recipeDigest: String
    /// False when an earlier build with the same key was reused.
    public var built: Bool
    public var prepared: ObjectID
    public var publicTree: ObjectID
    public var privateTree: ObjectID
    public var inputs: [BuiltFile]
    public var outputs: [BuiltFile]
    public var md5Mismatches: [(path: String, expected: String, actual: String)]
    public var materialized: String?

    public static func == (a: BuildResult, b: BuildResult) -> Bool {
        a.id == b.id && a.key == b.key && a.prepared == b.prepared && a.built == b.built
    }
}

extension Workspace {
    /// The version of the build engine; part of every build key, bumped when outputs change.
    public static let engineVersion = 1

    /// The registry's recipes, or only those named in `only`.
    public func loadRegistry(only: [String]? = nil) throws -> Registry {
        guard FileIO.isDirectory(configuration.registryDirectory) else {
            throw WorkspaceError.noRegistry(searched: configuration.registrySearched.isEmpty
                                            ? [configuration.registryDirectory] : configuration.registrySearched)
        }
        return try Registry.load(directory: configuration.registryDirectory, only: only)
    }

    /// The data directory a command was given, or the configured one.
    public func dataDirectory(_ given: String?) throws -> String {
        guard let d = given ?? configuration.dataDirectory else { throw WorkspaceError.noDataDirectory }
        return d
    }

    /// Builds each recipe (in parallel with `options.jobs`); results keep the order given.
    /// `finished` is called as each build ends (from the thread that ran it), so callers can
    /// report results as they come rather than all at the end.
    public func build(_ recipes: [Recipe], registry: Registry, options: BuildOptions,
                      finished: @escaping @Sendable (Recipe, Result<BuildResult, any Error>) -> Void = { _, _ in }) -> [Result<BuildResult, any Error>] {
        let done = SharedCount()
        delegate.working("build", done: 0, total: recipes.count)
        return Parallel.map(recipes, width: options.jobs) { recipe in
            let result = Result { try self.build(recipe, source: registry.sources[recipe.id] ?? "", options: options) }
            finished(recipe, result)
            let n = done.add(1)
            self.delegate.working("build", done: n, total: recipes.count)
            return result
        }
    }

    /// `public/description.md` replaced by (or added as) `text`.
    func withDescription(_ text: String, _ manifest: TreeManifest) throws -> TreeManifest {
        let data = Data(text.utf8)
        let id = try store.addData(data)
        return TreeManifest(entries: manifest.entries.filter { $0.path != "public/description.md" }
            + [TreeEntry(path: "public/description.md", mode: .file, size: Int64(data.count), object: id)])
    }

    public func build(_ recipe: Recipe, source: String, options: BuildOptions) throws -> BuildResult {
        if case .unsupported(let missing) = recipe.status {
            throw BuildError.unsupported(competition: recipe.id, missing: missing)
        }
        let recipeDigest = Digests.sha256(Data(source.utf8))
        let lockEntry = try options.locked.map { try lockedEntry(recipe, recipeDigest: recipeDigest, locked: $0) }
        let raw = try pinnedRawFiles(recipe, options: options) ?? resolveRawFiles(recipe, rawDirectory: options.rawDirectory)
        let inputs = raw.files.values.sorted { $0.path < $1.path }
        let inputFiles = inputs.map { BuiltFile(path: $0.path, size: $0.size, sha256: $0.object.hex, md5: "") }
        if let lockEntry, let locked = options.locked {
            let diffs = compare(lockEntry.inputs, inputFiles, competition: recipe.id, lockfile: locked.path, md5: false)
            if !diffs.isEmpty { throw LockMismatchError(differences: diffs) }
        }
        var keyText = "mlepkg-build \(Self.engineVersion)\nrecipe \(recipeDigest)\n"
        for e in inputs { keyText += "input \(e.object.hex) \(e.path)\n" }
        let metaKaggle = try options.metaKaggleCompetitions.map { try store.addFile(at: $0) }
        if let metaKaggle { keyText += "meta-kaggle \(metaKaggle.hex)\n" }
        // A locked build takes the description its lock pins when the store has those bytes
        // (pulled from a mirror, or built before): Kaggle's text came from a catalog row that
        // this store may not have synced, or from another snapshot.
        let lockedDescription = lockEntry?.outputs.first { $0.path == "public/description.md" }
            .flatMap { $0.sha256 }.map { ObjectID(trustedHex: $0) }.flatMap { store.contains($0) ? $0 : nil }
        if let lockedDescription { keyText += "description \(lockedDescription.hex)\n" }
        // Without --meta-kaggle, the synced catalog's row of the competition gives the description.
        let catalogRow = metaKaggle == nil && lockedDescription == nil ? try catalogDescriptionRow(for: recipe) : nil
        if let catalogRow { keyText += "meta-kaggle-row \(Digests.sha256(Data(catalogRow.fields.utf8)))\n" }
        let key = Digests.sha256(Data(keyText.utf8))
        let refName = "build/\(recipe.id)/\(key.prefix(16))"

        // One builder per key across processes; later ones find the ref and reuse it.
        try FileIO.makeDirectory("\(configuration.paths.home)/locks")
        let lock = try FileLock(path: "\(configuration.paths.home)/locks/build-\(key.prefix(16)).lock")
        defer { lock.unlock() }
        var built = false
        let prepared: ObjectID
        if let ref = try store.refs().first(where: { $0.name == refName }), store.contains(ObjectID(trustedHex: ref.digest)) {
            prepared = ObjectID(trustedHex: ref.digest)
        } else {
            var manifest = try RecipeRunner(store: store).run(recipe, raw: raw)
            // The description agents read first: Kaggle's own text (a --meta-kaggle file, or the
            // synced catalog's row), else mlepkg's summary of the task from the recipe.
            if let lockedDescription {
                manifest = try withDescription(String(decoding: try store.data(of: lockedDescription), as: UTF8.self), manifest)
            } else if let metaKaggle {
                let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: store.path(for: metaKaggle)))
                guard let t = CompetitionDescription.markdown(slug: recipe.kaggleSlug, competitions: table) else {
                    throw BuildError.missingInput(competition: recipe.id, path: "Meta Kaggle row with Slug '\(recipe.kaggleSlug)'")
                }
                manifest = try withDescription(t, manifest)
            } else if let catalogRow {
                manifest = try withDescription(CompetitionDescription.markdown(slug: recipe.kaggleSlug, column: catalogRow.field), manifest)
            } else if !manifest.entries.contains(where: { $0.path == "public/description.md" }) {
                let pub = manifest.entries.filter { $0.path.hasPrefix("public/") }
                let sample = pub.first { $0.path == (recipe.outputs.sampleSubmission ?? "public/sample_submission.csv") }
                let header = try sample.flatMap { e -> String? in
                    let head = try store.data(of: e.object).prefix(4096)
                    return String(decoding: head, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
                }
                manifest = try withDescription(CompetitionDescription.summary(
                    name: recipe.name, slug: recipe.kaggleSlug, metric: recipe.grader.metric, lowerIsBetter: recipe.grader.lowerIsBetter,
                    publicFiles: pub.map { (String($0.path.dropFirst(7)), $0.size) }, submissionHeader: header), manifest)
            }
            prepared = try store.addTree(manifest)
            built = true
        }
        let manifest = try store.manifest(of: prepared)
        func subtree(_ prefix: String) throws -> ObjectID {
            try store.addTree(TreeManifest(entries: manifest.entries.filter { $0.path.hasPrefix(prefix) }.map {
                var e = $0
                e.path = String(e.path.dropFirst(prefix.count))
                return e
            }))
        }
        let publicTree = try subtree("public/")
        let privateTree = try subtree("private/")
        let outputs = try manifest.entries.map { e in
            BuiltFile(path: e.path, size: e.size, sha256: e.object.hex,
                      md5: try store.md5(of: e.object))
        }
        var mismatches: [(String, String, String)] = []
        if options.checkMD5 && !recipe.steps.contains(where: { if case .split(let split) = $0 { return split.hash != nil }; return false }) {
            let byPath = Dictionary(uniqueKeysWithValues: outputs.map { ($0.path, $0.md5) })
            for (path, expected) in recipe.outputs.md5.sorted(by: { $0.key < $1.key }) {
                let actual = byPath[path] ?? "missing"
                if actual != expected { mismatches.append((path, expected, actual)) }
            }
        }
        if let lockEntry, let locked = options.locked {
            var diffs = compare(lockEntry.outputs, outputs, competition: recipe.id, lockfile: locked.path, md5: true)
            for (field, lockedTree, tree) in [("public", lockEntry.publicTree, publicTree), ("private", lockEntry.privateTree, privateTree)]
            where lockedTree != tree.description {
                diffs.append(.init(competition: recipe.id, path: "*", field: field, expected: lockedTree ?? "none",
                                   actual: tree.description, lockfile: locked.path))
            }
            // Refused: no ref is set and nothing is exported, so the store's refs and the data
            // folder stay as they were (the objects written are collected by `store gc`).
            if !diffs.isEmpty { throw LockMismatchError(differences: diffs) }
        }
        if built { try store.setRef(refName, to: prepared, kind: "build") }
        var materialized: String?
        if let dataDirectory = options.dataDirectory {
            let base = "\(dataDirectory)/\(recipe.id)/prepared"
            try store.export(publicTree, to: "\(base)/public")
            try store.export(privateTree, to: "\(base)/private")
            materialized = base
        }
        return BuildResult(id: recipe.id, key: key, recipeDigest: recipeDigest, built: built, prepared: prepared,
                           publicTree: publicTree, privateTree: privateTree,
                           inputs: inputFiles,
                           outputs: outputs, md5Mismatches: mismatches, materialized: materialized)
    }

    /// Finds a competition's raw files: in `rawDirectory/<id>/` (archives are unpacked where
    /// they lie, nested ones too), or by fetching the competition's source.
    ///
    /// Inputs pinned by sha256 are matched by content, whatever their name or archive.
    public func resolveRawFiles(_ recipe: Recipe, rawDirectory: String?) throws -> RawFiles {
        var files: [String: TreeEntry] = [:]
        func addTree(_ tree: ObjectID, at prefix: String) throws {
            for e in try store.manifest(of: tree).entries {
                var entry = e
                entry.path = prefix + e.path
                files[entry.path] = files[entry.path] ?? entry
                if Self.isArchive(e.path) {
                    let parent = (entry.path as NSString).deletingLastPathComponent
                    let (nested, _) = try unpack(e.object)
                    try addTree(nested, at: parent.isEmpty ? "" : parent + "/")
                }
            }
        }
        if let rawDirectory {
            let dir = "\(rawDirectory)/\(recipe.id)"
            guard FileIO.isDirectory(dir) else {
                throw BuildError.missingRawDirectory(competition: recipe.id, path: dir)
            }
            let (tree, _) = try store.addDirectory(at: dir)
            try addTree(tree, at: "")
        } else {
            let sha = try recipe.source.sha256.map { try ObjectID(parsing: $0) }
            let fetched = try fetch(FetchRequest(source: try SourceRef(parsing: recipe.source.url), sha256: sha,
                                                 size: recipe.source.size, unpack: true))
            try addTree(fetched.tree!, at: "")
        }
        // Bind pinned inputs by content, and keep only what the recipe reads.
        var bound: [String: TreeEntry] = [:]
        /// The raw file at `path`, or (pinned) the one with that content wherever it lies.
        func file(_ path: String, pin: String?) throws -> TreeEntry {
            guard let pin else {
                guard let e = files[path] else { throw BuildError.missingInput(competition: recipe.id, path: path) }
                return e
            }
            if let e = files[path], e.object.hex == pin { return e }
            if var e = files.values.first(where: { $0.object.hex == pin }) {
                e.path = path
                return e
            }
            if let e = files[path] {
                throw BuildError.inputMismatch(competition: recipe.id, path: path, expected: pin, actual: e.object.hex)
            }
            throw BuildError.missingInput(competition: recipe.id, path: path)
        }
        for input in recipe.inputs {
            if let archive = input.archive {
                // `extract(raw / archive, raw / path)`: the archive's members under `path/`; raw
                // files already unpacked there (and no archive) serve as well.
                let prefix = input.path + "/"
                if files[archive] == nil, input.sha256 == nil {
                    let inside = files.filter { $0.key.hasPrefix(prefix) }
                    guard !inside.isEmpty else { throw BuildError.missingInput(competition: recipe.id, path: archive) }
                    bound.merge(inside) { a, _ in a }
                    continue
                }
                let members = try unpack(try file(archive, pin: input.sha256).object).1.entries
                guard !members.isEmpty else { throw BuildError.missingInput(competition: recipe.id, path: prefix) }
                for e in members {
                    var entry = e
                    entry.path = prefix + e.path
                    bound[entry.path] = bound[entry.path] ?? entry
                }
                continue
            }
            if input.isDirectory {
                let prefix = input.path + "/"
                let inside = files.filter { $0.key.hasPrefix(prefix) }
                guard !inside.isEmpty else { throw BuildError.missingInput(competition: recipe.id, path: input.path + "/") }
                bound.merge(inside) { a, _ in a }
                continue
            }
            bound[input.path] = try file(input.path, pin: input.sha256)
        }
        return RawFiles(files: bound)
    }

    static func isArchive(_ path: String) -> Bool {
        let p = path.lowercased()
        return [".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.zst", ".tar.bz2", ".7z"].contains { p.hasSuffix($0) }
    }
}

/// What this store holds of a recipe's builds: the latest one, and how many there are (one per
/// recipe text, input set and description the recipe was built with).
public struct BuildState: Sendable, Equatable {
    public var builds: Int
    public var latestTree: String?
    public var latestAt: Date?
}

extension Workspace {
    /// The builds of `recipe` this store has refs for (`build/<id>/<key>`), whose trees it still holds.
    public func buildState(of recipeID: String) throws -> BuildState {
        let refs = try store.refs().filter { $0.kind == "build" && $0.name.hasPrefix("build/\(recipeID)/")
            && store.contains(ObjectID(trustedHex: $0.digest)) }
        let latest = refs.max { $0.createdAt < $1.createdAt }
        return BuildState(builds: refs.count, latestTree: latest?.digest, latestAt: latest?.createdAt)
    }
}
