import Foundation
import GRDB

/// One Meta Kaggle competition, as the catalog holds it.
///
/// The columns the selection filters need are normalized (segment, ISO dates, mlepkg's metric
/// id); `fields` keeps the whole row, by column name, for what reads Kaggle's own text
/// (descriptions).
public struct CatalogCompetition: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "competition"
    public var id: Int64
    public var slug: String
    public var title: String
    public var subtitle: String?
    /// mlepkg's segment (``KaggleVocabulary/segment(_:)``).
    public var segment: String
    /// The segment as the dump names it (`InClass`, `Featured`, …).
    public var segmentTitle: String
    public var enabledDate: String?
    public var deadlineDate: String?
    /// Kaggle's evaluation algorithm abbreviation and name.
    public var kaggleMetric: String?
    public var kaggleMetricName: String?
    /// `EvaluationAlgorithmIsMax`.
    public var higherIsBetter: Bool?
    /// mlepkg's metric id, when one is known for Kaggle's.
    public var metric: String?
    public var totalTeams: Int64?
    public var dataSizeBytes: Int64?
    public var organization: String?
    /// Every column of the row, as a JSON object of strings.
    public var fields: String

    /// A column of the original row by name (nil when the dump has no such column or it is empty).
    public func field(_ name: String) -> String? {
        guard let data = fields.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: String],
              let value = object[name], !value.isEmpty else { return nil }
        return value
    }
}

/// A table a catalog was built from: its name, SHA-256 and row count.
public struct CatalogTable: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "snapshotTable"
    public var name: String
    public var digest: String
    public var size: Int64
    public var rows: Int64
}

/// One team's final private-leaderboard entry: Teams joined to its selected private submission.
public struct LeaderboardEntry: Codable, Sendable, Equatable {
    public var competitionId: Int64
    public var teamId: Int64
    public var teamName: String
    public var rank: Int64?
    /// `PrivateScoreFullPrecision`, as a number and as written.
    public var score: Double?
    public var scoreText: String
    public var submissionDate: String?
    /// Teams.Medal: 1 gold, 2 silver, 3 bronze.
    public var medal: Int64?
    public var isBenchmark: Bool
    public var afterDeadline: Bool
}

/// The Meta Kaggle catalog: an SQLite database (`MLEPKG_HOME/catalog.sqlite`) of competitions,
/// tags and final leaderboards, rebuilt from a snapshot's tables by ``CatalogLoader``.
///
/// ```swift
/// let catalog = try Catalog(path: "\(home)/catalog.sqlite")
/// let featured = try catalog.competitions().filter { $0.segment == "featured" }
/// ```
public final class Catalog: Sendable {
    public let path: String?
    let db: DatabaseQueue

    /// Opens (or creates) the catalog at `path`; nil opens an in-memory one.
    public init(path: String?) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // Boards are blobs of up to megabytes: large pages take them in fewer page writes
            // (it applies when the file is created).
            try db.execute(sql: "PRAGMA page_size = 65536")
        }
        do {
            db = try path.map { try DatabaseQueue(path: $0, configuration: config) } ?? DatabaseQueue(configuration: config)
            try Self.migrator.migrate(db)
        } catch let e as DatabaseError {
            throw CatalogError.database(path: path ?? ":memory:", reason: e.message ?? "\(e.resultCode)")
        }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "snapshotTable") { t in
                t.primaryKey("name", .text)
                t.column("digest", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("rows", .integer).notNull()
            }
            try db.create(table: "snapshotInfo") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "competition") { t in
                t.primaryKey("id", .integer)
                t.column("slug", .text).notNull().indexed()
                t.column("title", .text).notNull()
                t.column("subtitle", .text)
                t.column("segment", .text).notNull()
                t.column("segmentTitle", .text).notNull()
                t.column("enabledDate", .text)
                t.column("deadlineDate", .text)
                t.column("kaggleMetric", .text)
                t.column("kaggleMetricName", .text)
                t.column("higherIsBetter", .boolean)
                t.column("metric", .text)
                t.column("totalTeams", .integer)
                t.column("dataSizeBytes", .integer)
                t.column("organization", .text)
                t.column("fields", .text).notNull()
            }
            try db.create(table: "competitionTag") { t in
                t.column("competitionId", .integer).notNull().indexed()
                t.column("tag", .text).notNull()
            }
            try db.create(table: "leaderboardEntry") { t in
                t.column("competitionId", .integer).notNull()
                t.column("teamId", .integer).notNull()
                t.column("teamName", .text).notNull()
                t.column("rank", .integer)
                t.column("score", .double)
                t.column("scoreText", .text).notNull()
                t.column("submissionDate", .text)
                t.column("medal", .integer)
                t.column("isBenchmark", .boolean).notNull()
                t.column("afterDeadline", .boolean).notNull()
            }
            try db.create(index: "leaderboardEntryByCompetition", on: "leaderboardEntry", columns: ["competitionId", "rank"])
            try db.create(table: "teamCount") { t in
                t.primaryKey("competitionId", .integer)
                t.column("teams", .integer).notNull()
            }
        }
        // Boards became one row per competition (``BoardCoding``). A catalog of v1 loses its
        // boards here, and forgetting its tables' digests makes the next sync rebuild it.
        m.registerMigration("v2") { db in
            try db.drop(table: "leaderboardEntry")
            try db.create(table: "leaderboard") { t in
                t.primaryKey("competitionId", .integer)
                t.column("entries", .integer).notNull()
                t.column("board", .blob).notNull()
            }
            try db.execute(sql: "DELETE FROM snapshotTable")
        }
        return m
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.read(body) } catch let e as DatabaseError {
            throw CatalogError.database(path: path ?? ":memory:", reason: e.message ?? "\(e.resultCode)")
        }
    }

    /// The tables the catalog was last built from (empty for a new catalog).
    public func tables() throws -> [CatalogTable] {
        try read { try CatalogTable.order(Column("name")).fetchAll($0) }
    }

    /// The snapshot's date: the deadline a competition must be before to count as completed.
    public func asOf() throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT value FROM snapshotInfo WHERE key = 'as_of'") }
    }

    public func info(_ key: String) throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT value FROM snapshotInfo WHERE key = ?", arguments: [key]) }
    }

    public func competitions() throws -> [CatalogCompetition] {
        try read { try CatalogCompetition.order(Column("id")).fetchAll($0) }
    }

    /// A competition by numeric id or slug (case-insensitive, as Kaggle's URLs are).
    public func competition(_ key: String) throws -> CatalogCompetition? {
        try read { db in
            if let id = Int64(key), let c = try CatalogCompetition.fetchOne(db, key: id) { return c }
            return try CatalogCompetition.fetchOne(db, sql: "SELECT * FROM competition WHERE slug = ? COLLATE NOCASE ORDER BY id DESC LIMIT 1", arguments: [key])
        }
    }

    /// Tags of every competition, by competition id.
    public func tags() throws -> [Int64: [String]] {
        try read { db in
            var out: [Int64: [String]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT competitionId, tag FROM competitionTag ORDER BY competitionId, tag")
            while let r = try rows.next() { out[r[0], default: []].append(r[1]) }
            return out
        }
    }

    /// Teams per competition counted from Teams.csv (TotalTeams is 0 for code competitions).
    public func teamCounts() throws -> [Int64: Int64] {
        try read { db in
            var out: [Int64: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT competitionId, teams FROM teamCount")
            while let r = try rows.next() { out[r[0]] = r[1] }
            return out
        }
    }

    /// Whether the catalog holds leaderboards at all (a snapshot with Teams and Submissions).
    public func hasLeaderboards() throws -> Bool {
        try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM snapshotTable WHERE name IN ('Teams', 'Submissions')") == 2 }
    }

    /// Every entry of a competition's final private leaderboard that counts: benchmark teams
    /// and after-deadline submissions left out, in PrivateLeaderboardRank order (ties by team id).
    public func leaderboard(competition id: Int64) throws -> [LeaderboardEntry] {
        guard let data = try read({ try Data.fetchOne($0, sql: "SELECT board FROM leaderboard WHERE competitionId = ?", arguments: [id]) })
        else { return [] }
        return try BoardCoding.decode(data, competition: id, catalog: path ?? ":memory:")
    }

    /// Leaderboard sizes by competition.
    public func leaderboardSizes() throws -> [Int64: Int] {
        try read { db in
            var out: [Int64: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT competitionId, entries FROM leaderboard")
            while let r = try rows.next() { out[r[0]] = r[1] }
            return out
        }
    }
}
