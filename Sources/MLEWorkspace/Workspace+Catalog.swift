import Foundation
import MLEArchive
import MLEBasics
import MLECatalog
import MLEFetch
import MLEGrading
import MLEModel
import MLERecipes

/// The paper's funnel: how many competitions pass each selection stage, by segment and metric.
public struct CatalogFunnel: Sendable, Encodable {
    public struct Stage: Sendable, Encodable {
        public var name: String
        public var count: Int
        public var by_segment: [String: Int]
        public var by_metric: [String: Int]
    }
    public var as_of: String?
    public var stages: [Stage]
}

extension Workspace {
    /// `MLEPKG_HOME/catalog.sqlite`.
    public var catalogPath: String { "\(configuration.paths.home)/catalog.sqlite" }

    /// The catalog, or nil when none was synced yet (`mustExist` makes that an error).
    public func openCatalog(mustExist: Bool = true) throws -> Catalog? {
        guard FileIO.exists(catalogPath) else {
            if mustExist { throw CatalogError.noCatalog(path: catalogPath) }
            return nil
        }
        return try Catalog(path: catalogPath)
    }

    /// Brings a Meta Kaggle snapshot's tables into the store and loads them into the catalog.
    ///
    /// Tables come from `snapshot` (a folder of `<Table>.csv` files) or, with nil, from Kaggle's
    /// `kaggle/meta-kaggle` dataset through the usual fetch (store, drop folders, network; the
    /// tables the store already holds are not fetched again). The catalog keeps the digests it
    /// was built from: syncing the same bytes again changes nothing.
    public func syncCatalog(snapshot: String?, asOf: String? = nil) throws -> CatalogLoader.Outcome {
        var tables: [SnapshotTable] = []
        let directory = snapshot ?? "kaggle://datasets/kaggle/meta-kaggle"
        if let snapshot {
            guard FileIO.isDirectory(snapshot) else { throw WorkspaceError.pathNotFound(snapshot) }
            let files = (try? FileManager.default.contentsOfDirectory(atPath: snapshot)) ?? []
            for name in CatalogLoader.tables {
                guard let file = files.first(where: { $0.lowercased() == "\(name.lowercased()).csv" }) else { continue }
                let path = "\(snapshot)/\(file)"
                let id = try store.addFile(at: path)
                let size = FileIO.fileSize(path) ?? 0
                try store.recordSource(id, url: URL(fileURLWithPath: path).absoluteString, size: size)
                tables.append(SnapshotTable(name: name, path: store.path(for: id), digest: id.hex, size: size, source: path))
            }
        } else {
            for name in CatalogLoader.tables {
                let source = try SourceRef(parsing: "kaggle://datasets/kaggle/meta-kaggle/\(name).csv")
                do {
                    let r = try fetch(FetchRequest(source: source))
                    tables.append(SnapshotTable(name: name, path: store.path(for: r.object), digest: r.object.hex, size: r.size, source: source.description))
                } catch {
                    // Only Competitions is required; the loader names what is missing.
                    if name == "Competitions" { throw error }
                }
            }
        }
        guard tables.contains(where: { $0.name == "Competitions" }) else {
            throw CatalogError.missingTable(directory: directory, table: "Competitions")
        }
        // Refs keep the tables through `store gc` while the catalog uses them.
        for t in tables { try store.setRef("catalog/\(t.name)", to: ObjectID(trustedHex: t.digest), kind: "catalog") }
        try FileIO.makeDirectory(configuration.paths.home)
        let catalog = try Catalog(path: catalogPath)
        let delegate = self.delegate
        let loader = CatalogLoader(progress: { name, done, total in delegate.fetching("\(name).csv", bytes: done, total: total) })
        defer { for t in tables { delegate.didFetch("\(t.name).csv", result: FetchResult(source: t.name, object: ObjectID(trustedHex: t.digest), size: t.size, origin: .store)) } }
        return try loader.load(tables, directory: directory, asOf: asOf, into: catalog)
    }

    /// Whether mlepkg grades a recipe's competition, or (without a recipe) the catalog's metric.
    static func gradable(recipe: Recipe?, competition: CatalogCompetition?) -> Bool {
        if let r = recipe { return GraderRegistry.grader(metric: r.grader.metric, parameters: r.grader.parameters) != nil }
        guard let m = competition?.metric else { return false }
        return GraderRegistry.implemented.contains(m)
    }

    /// Every competition the catalog or the registry knows, as the filter sees it: catalog rows
    /// joined to recipes by Kaggle slug, then recipes the catalog lacks.
    public func selectionSubjects(registry: Registry, catalog: Catalog?) throws -> [(subject: SelectionSubject, recipe: Recipe?, competition: CatalogCompetition?)] {
        var bySlug: [String: Recipe] = [:]
        for r in registry.recipes { bySlug[r.kaggleSlug.lowercased()] = r }
        var out: [(subject: SelectionSubject, recipe: Recipe?, competition: CatalogCompetition?)] = []
        var used = Set<String>()
        if let catalog {
            let asOf = try catalog.asOf()
            let tags = try catalog.tags()
            let counts = try catalog.leaderboardSizes()
            let teams = try catalog.teamCounts()
            for c in try catalog.competitions() {
                let r = bySlug[c.slug.lowercased()]
                if let r { used.insert(r.id) }
                let n = counts[c.id] ?? teams[c.id].map(Int.init)
                let s = SelectionSubject.make(recipe: r, competition: c, gradable: Self.gradable(recipe: r, competition: c),
                                              asOf: asOf, tags: tags[c.id] ?? [], teams: n)
                out.append((s, r, c))
            }
        }
        for r in registry.recipes where !used.contains(r.id) {
            out.append((SelectionSubject.make(recipe: r, competition: nil, gradable: Self.gradable(recipe: r, competition: nil), asOf: nil), r, nil))
        }
        return out
    }

    /// The recipes `build`, `lock` and `recipes` work on: those named, or every recipe, narrowed
    /// by a filter over recipe and (when a catalog was synced) catalog fields.
    public func selectRecipes(_ registry: Registry, ids: [String], filter: String?) throws -> [Recipe] {
        let chosen = try registry.select(ids: ids)
        guard let filter else { return chosen }
        let expression = try SelectionFilter(parsing: filter)
        let wanted = Set(chosen.map(\.id))
        let subjects = try selectionSubjects(registry: registry, catalog: openCatalog(mustExist: false))
        let matching = Set(subjects.filter { $0.recipe.map { wanted.contains($0.id) } ?? false && expression.matches($0.subject) }.compactMap { $0.recipe?.id })
        let selected = chosen.filter { matching.contains($0.id) }
        if selected.isEmpty { throw CatalogError.noMatch(filter: filter) }
        return selected
    }

    /// The paper's funnel over the catalog: all → completed → non-community → locally gradable →
    /// with a recipe → selected (by `filter`, default: split.same_distribution and submission.csv).
    public func catalogFunnel(registry: Registry, filter: String?) throws -> CatalogFunnel {
        let catalog = try openCatalog()!
        let selected = try SelectionFilter(parsing: filter ?? "split.same_distribution and submission.csv")
        var rows = try selectionSubjects(registry: registry, catalog: catalog).filter { $0.competition != nil }
        var stages: [CatalogFunnel.Stage] = []
        func record(_ name: String) {
            var seg: [String: Int] = [:], met: [String: Int] = [:]
            for r in rows {
                seg[r.competition?.segment ?? "unknown", default: 0] += 1
                met[r.competition?.kaggleMetric ?? "none", default: 0] += 1
            }
            stages.append(.init(name: name, count: rows.count, by_segment: seg, by_metric: met))
        }
        func keep(_ name: String, _ test: String) throws {
            let f = try SelectionFilter(parsing: test)
            rows = rows.filter { f.matches($0.subject) }
            record(name)
        }
        record("all")
        try keep("completed", "completed")
        try keep("non-community", "not community")
        try keep("locally gradable", "grading.local")
        try keep("with a recipe", "recipe")
        rows = rows.filter { selected.matches($0.subject) }
        record("selected")
        return CatalogFunnel(as_of: try catalog.asOf(), stages: stages)
    }

    /// The catalog's row for a recipe's competition, when a synced catalog holds one with Kaggle's text.
    func catalogDescriptionRow(for recipe: Recipe) throws -> CatalogCompetition? {
        guard let catalog = try openCatalog(mustExist: false), let c = try catalog.competition(recipe.kaggleSlug) else { return nil }
        return c
    }

    /// The catalog's board for a recipe's competition, or nil when no catalog holds one.
    func catalogLeaderboard(for recipe: Recipe) throws -> CatalogBoard? {
        guard let catalog = try openCatalog(mustExist: false), try catalog.hasLeaderboards(),
              let c = try catalog.competition(recipe.kaggleSlug) else { return nil }
        let board = CatalogBoard(competition: c, entries: try catalog.leaderboard(competition: c.id))
        return board.entries.isEmpty ? nil : board
    }

    /// A competition's board from the catalog, by recipe id, Kaggle slug or numeric id.
    public func catalogBoard(_ key: String, registry: Registry?) throws -> CatalogBoard {
        let catalog = try openCatalog()!
        let slug = registry?.recipe(key)?.kaggleSlug ?? key
        guard let c = try catalog.competition(slug) else { throw CatalogError.unknownCompetition(key) }
        guard try catalog.hasLeaderboards() else { throw CatalogError.noLeaderboard(competition: key) }
        return CatalogBoard(competition: c, entries: try catalog.leaderboard(competition: c.id))
    }
}

extension Workspace {
    /// The catalog's board of a competition compared with another board of it. `other` is
    /// `kaggle` (Kaggle's leaderboard download, `kaggle://competitions/<slug>/leaderboard`,
    /// fetched through the store and pinned like any input, so offline once fetched), a
    /// leaderboard CSV, or a zip holding one.
    public func compareBoard(_ key: String, with other: String, registry: Registry?) throws -> BoardComparison {
        let board = try catalogBoard(key, registry: registry)
        let external: ExternalBoard
        if other == "kaggle" || other.hasPrefix("kaggle://") {
            let source = other == "kaggle" ? SourceRef.kaggleLeaderboard(slug: board.competition.slug) : try SourceRef(parsing: other)
            external = try boardInArchive(try fetch(FetchRequest(source: source, unpack: true)), name: source.description)
        } else if ZipDirectory.isZip(other) {
            external = try boardInArchive(try fetch(FetchRequest(source: .file(URL(fileURLWithPath: other)), unpack: true)), name: other)
        } else {
            external = try ExternalBoard.read(path: other)
        }
        return try BoardComparison.compare(board, with: external)
    }

    /// The one CSV of an unpacked leaderboard download.
    func boardInArchive(_ fetched: FetchResult, name: String) throws -> ExternalBoard {
        guard let tree = fetched.tree else { throw CatalogError.boardArchive(file: name, reason: "not an archive") }
        let csvs = try store.manifest(of: tree).entries.filter { $0.path.lowercased().hasSuffix(".csv") }
        guard csvs.count == 1, let csv = csvs.first else {
            throw CatalogError.boardArchive(file: name, reason: "expected one CSV file in the archive, found \(csvs.count)")
        }
        return try ExternalBoard.read(path: store.path(for: csv.object), name: "\(name)/\(csv.path)")
    }
}

/// A competition whose rules the Kaggle account has not accepted (so its download would fail).
public struct AccessProblem: Sendable, Encodable, Equatable {
    public var competition: String
    public var rules_url: String
}

/// Collects a small API answer in memory.
final class MemorySink: DownloadSink {
    var data = Data()
    var bytesWritten: Int64 { Int64(data.count) }
    func write(_ buffer: UnsafeRawBufferPointer) throws {
        if data.count < 1 << 20 { data.append(contentsOf: buffer) }
    }
    func truncate() throws { data.removeAll() }
}

extension Workspace {
    /// Asks Kaggle, before any download, whether the account has accepted each competition's
    /// rules: `competitions/data/list/<slug>` answers 403 until they are. Returns the
    /// competitions not accepted, with their rules pages.
    ///
    /// - Throws: ``FetchError/offline(_:)`` offline; missing or refused credentials as the fetches do.
    public func checkAccess(_ recipes: [Recipe]) throws -> [AccessProblem] {
        if configuration.offline {
            throw FetchError.offline("--check-access asks Kaggle whether each competition's rules were accepted, which needs the network")
        }
        let auth = try KaggleSource.credentials(environment: configuration.environment)
        var policy = configuration.retry
        policy.attempts = min(policy.attempts, 2)
        let downloader = Downloader(policy: policy)
        let kaggle = configuration.kaggle
        let results = Parallel.map(recipes, width: configuration.jobs) { recipe -> Result<AccessProblem?, any Error> in
            Result {
                let slug = recipe.kaggleSlug
                let url = "\(kaggle.apiBase)/competitions/data/list/\(slug)"
                do {
                    try downloader.download(url, into: MemorySink(), auth: auth)
                    return nil
                } catch FetchError.http(_, 403, _) {
                    return AccessProblem(competition: recipe.id, rules_url: "https://www.kaggle.com/competitions/\(slug)/rules")
                } catch let e as FetchError {
                    throw kaggle.explain(e, for: .kaggleCompetition(slug: slug, file: nil), user: auth.user)
                }
            }
        }
        return try results.compactMap { try $0.get() }
    }
}
