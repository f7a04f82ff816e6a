import Foundation
import GRDB
import MLEBasics

/// One table of a Meta Kaggle snapshot, at a path the caller chose (the store's copy).
public struct SnapshotTable: Sendable, Equatable {
    /// The table's name: `Competitions`, `Teams`, … (the file name without `.csv`).
    public var name: String
    public var path: String
    /// Its SHA-256, as the store computed it.
    public var digest: String
    public var size: Int64
    /// How messages name the table: the file the user gave, not its copy in the store.
    public var source: String

    public init(name: String, path: String, digest: String, size: Int64, source: String? = nil) {
        self.name = name
        self.path = path
        self.source = source ?? (path as NSString).lastPathComponent
        self.digest = digest
        self.size = size
    }
}

/// Loads a snapshot's tables into a ``Catalog``, replacing what it held, in one transaction:
/// any error leaves the previous catalog as it was.
///
/// Memory is bounded whatever Submissions.csv's size: the file is streamed once, and only the
/// submissions some team selected for the private leaderboard are kept (a bitmap over
/// submission ids rejects the others before any parsing of their scores).
public struct CatalogLoader: Sendable {
    /// Tables the catalog reads, when the snapshot has them. Only Competitions is required;
    /// old dumps need their lookup tables too.
    public static let tables = ["Competitions", "EvaluationAlgorithms", "CompetitionHostSegments", "Organizations",
                                "Tags", "CompetitionTags", "Teams", "Submissions"]

    public struct Summary: Sendable, Equatable {
        public var competitions: Int
        public var teams: Int
        public var leaderboardEntries: Int
        public var tables: [CatalogTable]
        public var asOf: String?
    }

    public enum Outcome: Sendable, Equatable {
        /// The catalog was built from these very bytes already.
        case upToDate([CatalogTable])
        case loaded(Summary)
    }

    /// Reports bytes read of a table (name, bytes, total).
    public var progress: @Sendable (String, Int64, Int64) -> Void

    public init(progress: @escaping @Sendable (String, Int64, Int64) -> Void = { _, _, _ in }) {
        self.progress = progress
    }

    /// Loads `tables` into `catalog` unless it was built from the same digests.
    ///
    /// - Parameters:
    ///   - directory: where the tables came from, for messages.
    ///   - asOf: the snapshot's date (ISO 8601); nil takes the latest EnabledDate.
    public func load(_ tables: [SnapshotTable], directory: String, asOf: String? = nil, into catalog: Catalog) throws -> Outcome {
        let byName = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        guard let competitions = byName["Competitions"] else { throw CatalogError.missingTable(directory: directory, table: "Competitions") }
        if (byName["Teams"] == nil) != (byName["Submissions"] == nil) {
            throw CatalogError.missingTable(directory: directory, table: byName["Teams"] == nil ? "Teams" : "Submissions")
        }
        let previous = try catalog.tables()
        let wanted = tables.map { ($0.name, $0.digest) }.sorted { $0.0 < $1.0 }
        if previous.map({ ($0.name, $0.digest) }).elementsEqual(wanted, by: ==), try catalog.asOf() == (asOf ?? catalog.info("as_of_latest")) {
            return .upToDate(previous)
        }
        do {
            return .loaded(try catalog.db.write { db in
                for t in ["snapshotTable", "snapshotInfo", "competition", "competitionTag", "leaderboard", "teamCount"] {
                    try db.execute(sql: "DELETE FROM \(t)")
                }
                var rows: [String: Int64] = [:]
                // Teams.csv is read on a thread of its own while the competitions are loaded
                // here (the database is used on this thread only).
                let progress = self.progress
                let teamsRead = byName["Teams"].map { table in
                    BackgroundWork { () throws -> (board: BoardBuilder, rows: Int) in
                        var board = BoardBuilder()
                        let rows = try board.readTeams(table, progress: progress)
                        return (board, rows)
                    }
                }
                defer { teamsRead?.wait() }  // an error before the teams are taken: the thread still ends first
                let lookups = try Lookups(byName, directory: directory, rows: &rows)
                let (count, latest) = try loadCompetitions(competitions, directory: directory, lookups: lookups, db: db, rows: &rows)
                if let tags = byName["CompetitionTags"] { rows["CompetitionTags"] = try loadTags(tags, names: lookups.tags, db: db) }
                var teams = 0, entries = 0
                if let s = byName["Submissions"], let read = try teamsRead?.take() {
                    (teams, entries, rows["Submissions"]) = try loadLeaderboards(read, submissions: s, db: db)
                    rows["Teams"] = Int64(teams)
                }
                var recorded: [CatalogTable] = []
                for t in tables.sorted(by: { $0.name < $1.name }) {
                    let record = CatalogTable(name: t.name, digest: t.digest, size: t.size, rows: rows[t.name] ?? 0)
                    try record.insert(db)
                    recorded.append(record)
                }
                let date = asOf ?? latest
                try db.execute(sql: "INSERT INTO snapshotInfo VALUES ('source', ?)", arguments: [directory])
                if let latest { try db.execute(sql: "INSERT INTO snapshotInfo VALUES ('as_of_latest', ?)", arguments: [latest]) }
                if let date { try db.execute(sql: "INSERT INTO snapshotInfo VALUES ('as_of', ?)", arguments: [date]) }
                return Summary(competitions: count, teams: teams, leaderboardEntries: entries, tables: recorded, asOf: date)
            })
        } catch let e as DatabaseError {
            throw CatalogError.database(path: catalog.path ?? ":memory:", reason: e.message ?? "\(e.resultCode)")
        }
    }

    // MARK: Competitions

    /// The old layout's lookup tables, Organizations and Tags, by id.
    struct Lookups {
        var algorithms: [Int64: (abbreviation: String, name: String, isMax: Bool?)] = [:]
        var segments: [Int64: String] = [:]
        var organizations: [Int64: String] = [:]
        var tags: [Int64: String] = [:]
        var hasAlgorithms = false, hasSegments = false

        init(_ tables: [String: SnapshotTable], directory: String, rows: inout [String: Int64]) throws {
            if let t = tables["EvaluationAlgorithms"] {
                hasAlgorithms = true
                let s = try TableStream(path: t.path, name: t.source)
                let id = try s.column("Id"), ab = try s.column("Abbreviation"), name = s.index("Name"), max = s.index("IsMax")
                var algorithms: [Int64: (abbreviation: String, name: String, isMax: Bool?)] = [:]
                try s.forEachRow { r in
                    guard let i = try r.int(id) else { return }
                    algorithms[i] = (r.text(ab), name.map(r.text) ?? "", try max.flatMap { try r.bool($0) })
                }
                self.algorithms = algorithms
                rows["EvaluationAlgorithms"] = Int64(algorithms.count)
            }
            if let t = tables["CompetitionHostSegments"] {
                hasSegments = true
                segments = try Self.names(t, key: "Name", rows: &rows)
            }
            if let t = tables["Organizations"] { organizations = try Self.names(t, key: "Name", rows: &rows) }
            if let t = tables["Tags"] {
                let s = try TableStream(path: t.path, name: t.source)
                tags = try Self.names(t, key: s.index("Slug") != nil ? "Slug" : "Name", rows: &rows)
            }
        }

        static func names(_ t: SnapshotTable, key: String, rows: inout [String: Int64]) throws -> [Int64: String] {
            let s = try TableStream(path: t.path, name: t.source)
            let id = try s.column("Id"), name = try s.column(key)
            var out: [Int64: String] = [:]
            try s.forEachRow { r in if let i = try r.int(id) { out[i] = r.text(name) } }
            rows[t.name] = Int64(out.count)
            return out
        }
    }

    func loadCompetitions(_ table: SnapshotTable, directory: String, lookups: Lookups, db: Database, rows: inout [String: Int64]) throws -> (Int, String?) {
        let s = try TableStream(path: table.path, name: table.source)
        let file = s.name
        // Columns by name: the 2018+ layout first, the old one's names after.
        func any(_ names: String...) -> Int? { names.lazy.compactMap(s.index).first }
        func required(_ names: String...) throws -> Int {
            guard let i = names.lazy.compactMap(s.index).first else { _ = try s.column(names[0]); return 0 }
            return i
        }
        let id = try s.column("Id")
        let slug = try required("Slug", "CompetitionName")
        let title = try s.column("Title")
        let subtitle = any("Subtitle", "BriefDescription")
        let enabled = any("EnabledDate", "DateEnabled")
        let deadline = try required("DeadlineDate", "Deadline")
        let teams = any("TotalTeams")
        let dataSize = any("DataSizeBytes")
        let organization = any("OrganizationId")
        // The segment: a title column, or an id into CompetitionHostSegments.
        let segmentTitle = any("HostSegmentTitle")
        let segmentId = segmentTitle == nil ? any("CompetitionHostSegmentId") : nil
        if segmentTitle == nil {
            guard segmentId != nil else { _ = try s.column("HostSegmentTitle"); return (0, nil) }
            guard lookups.hasSegments else { throw CatalogError.missingTable(directory: directory, table: "CompetitionHostSegments") }
        }
        // The metric: named columns, or an id into EvaluationAlgorithms.
        let abbreviation = any("EvaluationAlgorithmAbbreviation")
        let metricName = any("EvaluationAlgorithmName")
        let isMax = any("EvaluationAlgorithmIsMax")
        let algorithmId = abbreviation == nil ? any("EvaluationAlgorithmId") : nil
        if algorithmId != nil, !lookups.hasAlgorithms {
            throw CatalogError.missingTable(directory: directory, table: "EvaluationAlgorithms")
        }
        let insert = try db.makeStatement(sql: """
            INSERT INTO competition (id, slug, title, subtitle, segment, segmentTitle, enabledDate, deadlineDate, kaggleMetric,
              kaggleMetricName, higherIsBetter, metric, totalTeams, dataSizeBytes, organization, fields)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
            """)
        var count = 0
        var latest: String?
        func date(_ r: TableStream.Row, _ c: Int?) throws -> String? {
            guard let c, !r.isEmpty(c) else { return nil }
            guard let d = KaggleVocabulary.isoDate(r.text(c)) else {
                throw CatalogError.malformed(file: file, line: r.line, column: s.header[c], reason: "expected a date like 05/25/2010 18:00:00, got '\(r.text(c).prefix(40))'")
            }
            return d
        }
        let header = s.header
        let keys = header.map { Array(Self.jsonString($0).utf8) }
        var json: [UInt8] = []
        try s.forEachRow { r in
            guard let cid = try r.int(id) else {
                throw CatalogError.malformed(file: file, line: r.line, column: "Id", reason: "the competition has no Id")
            }
            let segTitle: String
            if let segmentTitle { segTitle = r.text(segmentTitle) } else {
                let sid = try r.int(segmentId!)
                segTitle = sid.flatMap { lookups.segments[$0] } ?? ""
            }
            var ab: String?, name: String?, max: Bool?
            if let algorithmId {
                if let a = try r.int(algorithmId).flatMap({ lookups.algorithms[$0] }) { (ab, name, max) = (a.abbreviation, a.name, a.isMax) }
            } else {
                ab = abbreviation.map(r.text).flatMap { $0.isEmpty ? nil : $0 }
                name = metricName.map(r.text).flatMap { $0.isEmpty ? nil : $0 }
                max = try isMax.flatMap { try r.bool($0) }
            }
            let enabledDate = try date(r, enabled)
            if let enabledDate, enabledDate > (latest ?? "") { latest = enabledDate }
            // The whole row as a JSON object, in the file's column order (Foundation's sorted
            // serialization costs seconds over a dump).
            json.removeAll(keepingCapacity: true)
            json.append(UInt8(ascii: "{"))
            for k in header.indices {
                if k > 0 { json.append(UInt8(ascii: ",")) }
                json.append(contentsOf: keys[k])
                json.append(UInt8(ascii: ":"))
                Self.appendJSONString(r, k, to: &json)
            }
            json.append(UInt8(ascii: "}"))
            let org = try organization.flatMap { try r.int($0) }.flatMap { lookups.organizations[$0] }
            let args: [(any DatabaseValueConvertible)?] = [
                cid, r.text(slug), r.text(title), subtitle.map(r.text), KaggleVocabulary.segment(segTitle), segTitle,
                enabledDate, try date(r, deadline), ab, name, max, ab.flatMap(KaggleVocabulary.metric(abbreviation:)),
                try teams.flatMap { try r.int($0) }, try dataSize.flatMap { try r.int($0) }, org, String(decoding: json, as: UTF8.self),
            ]
            try insert.execute(arguments: StatementArguments(args))
            count += 1
            if count % 1024 == 0 { progress(table.name, s.position, s.size) }
        }
        rows["Competitions"] = Int64(count)
        return (count, latest)
    }

    /// Appends cell `k` as a JSON string, as ``jsonString(_:)`` writes it: byte by byte for an
    /// ASCII cell without doubled quotes (nearly all of them), through a String otherwise.
    static func appendJSONString(_ r: TableStream.Row, _ k: Int, to out: inout [UInt8]) {
        let bytes = r.bytes(k)
        guard !r.hasDoubledQuotes(k), !bytes.contains(where: { $0 >= 0x80 }) else {
            out.append(contentsOf: jsonString(r.text(k)).utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0 ..< 0x20: out.append(contentsOf: String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    func loadTags(_ table: SnapshotTable, names: [Int64: String], db: Database) throws -> Int64 {
        let s = try TableStream(path: table.path, name: table.source)
        let competition = try s.column("CompetitionId"), tag = try s.column("TagId")
        let insert = try db.makeStatement(sql: "INSERT INTO competitionTag (competitionId, tag) VALUES (?, ?)")
        var n: Int64 = 0
        try s.forEachRow { r in
            guard let c = try r.int(competition), let t = try r.int(tag) else { return }
            try insert.execute(arguments: [c, names[t] ?? "\(t)"])
            n += 1
        }
        return n
    }

    // MARK: Leaderboards

    /// Submissions streamed once over the teams read; returns (teams, entries written, submissions read).
    func loadLeaderboards(_ teams: (board: BoardBuilder, rows: Int), submissions: SnapshotTable, db: Database) throws -> (Int, Int, Int64) {
        var board = teams.board
        let teamCount = teams.rows
        try board.readSubmissions(submissions, progress: progress)
        let counts = try db.makeStatement(sql: "INSERT INTO teamCount (competitionId, teams) VALUES (?, ?)")
        for (c, n) in board.teamsPerCompetition { try counts.execute(arguments: [c, n]) }
        let entries = try board.write(db)
        return (teamCount, entries, board.submissionsRead)
    }
}
