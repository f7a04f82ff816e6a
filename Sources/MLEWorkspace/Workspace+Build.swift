import Foundation
import MLEArchive
import MLEBasics
import MLEBuild
import MLEModel
import MLERecipes
import MLESplits
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
    /// A lock's inputs per competition: used as the raw files when no raw directory is
    /// given and the store holds them all (pulled from a mirror, say).
    public var pinnedInputs: [String: TreeManifest] = [:]

    public init(rawDirectory: String? = nil, dataDirectory: String? = nil, jobs: Int = 1, checkMD5: Bool = true,
                metaKaggleCompetitions: String? = nil) {
        self.metaKaggleCompetitions = metaKaggleCompetitions
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
        try Registry.load(directory: configuration.registryDirectory, only: only)
    }

    /// Builds each recipe (in parallel with `options.jobs`); results keep the order given.
    public func build(_ recipes: [Recipe], registry: Registry, options: BuildOptions) -> [Result<BuildResult, any Error>] {
        Parallel.map(recipes, width: options.jobs) { recipe in
            Result { try self.build(recipe, source: registry.sources[recipe.id] ?? "", options: options) }
        }
    }

    public func build(_ recipe: Recipe, source: String, options: BuildOptions) throws -> BuildResult {
        if case .unsupported(let missing) = recipe.status {
            throw BuildError.unsupported(competition: recipe.id, missing: missing)
        }
        let raw = try pinnedRawFiles(recipe, options: options) ?? resolveRawFiles(recipe, rawDirectory: options.rawDirectory)
        let recipeDigest = Digests.sha256(Data(source.utf8))
        let inputs = raw.files.values.sorted { $0.path < $1.path }
        var keyText = "mlepkg-build \(Self.engineVersion)\nrecipe \(recipeDigest)\n"
        for e in inputs { keyText += "input \(e.object.hex) \(e.path)\n" }
        let metaKaggle = try options.metaKaggleCompetitions.map { try store.addFile(at: $0) }
        if let metaKaggle { keyText += "meta-kaggle \(metaKaggle.hex)\n" }
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
            delegate.working("build \(recipe.id)", done: 0, total: 0)
            var manifest = try RecipeRunner(store: store).run(recipe, raw: raw)
            if let metaKaggle {
                let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: store.path(for: metaKaggle)))
                guard let text = CompetitionDescription.markdown(slug: recipe.kaggleSlug, competitions: table) else {
                    throw BuildError.missingInput(competition: recipe.id, path: "Meta Kaggle row with Slug '\(recipe.kaggleSlug)'")
                }
                let data = Data(text.utf8)
                let id = try store.addData(data)
                manifest = TreeManifest(entries: manifest.entries.filter { $0.path != "public/description.md" }
                    + [TreeEntry(path: "public/description.md", mode: .file, size: Int64(data.count), object: id)])
            }
            prepared = try store.addTree(manifest)
            try store.setRef(refName, to: prepared, kind: "build")
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
        if options.checkMD5 && !recipe.steps.contains(where: { if case .split(_, _, _, _, _, let h) = $0 { return h != nil }; return false }) {
            let byPath = Dictionary(uniqueKeysWithValues: outputs.map { ($0.path, $0.md5) })
            for (path, expected) in recipe.outputs.md5.sorted(by: { $0.key < $1.key }) {
                let actual = byPath[path] ?? "missing"
                if actual != expected { mismatches.append((path, expected, actual)) }
            }
        }
        var materialized: String?
        if let dataDirectory = options.dataDirectory {
            let base = "\(dataDirectory)/\(recipe.id)/prepared"
            try store.export(publicTree, to: "\(base)/public")
            try store.export(privateTree, to: "\(base)/private")
            materialized = base
        }
        return BuildResult(id: recipe.id, key: key, recipeDigest: recipeDigest, built: built, prepared: prepared,
                           publicTree: publicTree, privateTree: privateTree,
                           inputs: inputs.map { BuiltFile(path: $0.path, size: $0.size, sha256: $0.object.hex, md5: "") },
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
