import Foundation
import MLEMedals

/// A leaderboard from elsewhere — Kaggle's leaderboard download (`TeamId`, `Score`) or
/// MLE-bench's `leaderboard.csv` (`teamId`, `score`) — as teams in the file's order.
public struct ExternalBoard: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var teamId: Int64?
        /// nil for a team without a score.
        public var score: Double?
    }

    public var file: String
    public var rows: [Row]

    public init(file: String, rows: [Row]) {
        self.file = file
        self.rows = rows
    }

    /// Reads the board at `path`; `name` is how errors call the file.
    public static func read(path: String, name: String? = nil) throws -> ExternalBoard {
        let shown = name ?? path
        do {
            let s = try TableStream(path: path, name: shown)
            guard let score = s.index("Score") ?? s.index("score") else {
                throw CatalogError.board(file: shown, line: 1, reason: "no 'Score' or 'score' column (columns: \(s.header.prefix(12).joined(separator: ", ")))")
            }
            let team = s.index("TeamId") ?? s.index("teamId")
            var rows: [Row] = []
            try s.forEachRow { r in
                let text = r.text(score).trimmingCharacters(in: .whitespaces)
                let value: Double?
                if text.isEmpty || text.lowercased() == "nan" { value = nil } else {
                    guard let v = Double(text) else { throw CatalogError.board(file: shown, line: r.line, reason: "score '\(text.prefix(40))' is not a number") }
                    value = v
                }
                rows.append(Row(teamId: try team.flatMap { try r.int($0) }, score: value))
            }
            guard !rows.isEmpty else { throw CatalogError.board(file: shown, line: 2, reason: "no teams") }
            return ExternalBoard(file: shown, rows: rows)
        } catch let CatalogError.malformed(_, line, column, reason) {
            throw CatalogError.board(file: shown, line: line, reason: column.isEmpty ? reason : "column '\(column)': \(reason)")
        } catch let CatalogError.schema(_, _, reason) {
            throw CatalogError.board(file: shown, line: 1, reason: reason)
        }
    }

    public var leaderboard: Leaderboard { Leaderboard(scores: rows.map { $0.score ?? .nan }) }
}

/// The catalog's board of a competition beside another board of it (Kaggle's, say): which
/// teams each has, whose scores differ, and the medal cut-offs each gives.
public struct BoardComparison: Sendable, Equatable, Codable {
    public struct Cutoffs: Sendable, Equatable, Codable {
        public var teams: Int
        public var gold_threshold: Double?
        public var silver_threshold: Double?
        public var bronze_threshold: Double?
        public var median_threshold: Double?
    }

    public struct ScoreDifference: Sendable, Equatable, Codable {
        public var team_id: Int64
        public var catalog_score: Double?
        public var other_score: Double?
    }

    public var competition: String
    public var other: String
    public var catalog: Cutoffs
    public var other_board: Cutoffs
    public var teams_in_both: Int
    /// Team ids on one board only (the first 20 of each).
    public var only_in_catalog: [Int64]
    public var only_in_other: [Int64]
    public var only_in_catalog_count: Int
    public var only_in_other_count: Int
    /// Teams on both boards whose scores differ beyond the printed precision (the first 20).
    public var score_differences: [ScoreDifference]
    public var score_differences_count: Int
    /// The other board has no team ids (an old MLE-bench board): only the cut-offs compare.
    public var by_position_only: Bool

    /// Scores agree when they are within this relative distance: Kaggle's download rounds
    /// what Meta Kaggle keeps at full precision.
    public static let tolerance = 1e-6

    public static func compare(_ board: CatalogBoard, with other: ExternalBoard) throws -> BoardComparison {
        func cutoffs(_ lb: Leaderboard, _ n: Int) throws -> Cutoffs {
            guard n > 0 else { return Cutoffs(teams: 0) }
            let r = try Medals.rank(nil, on: lb, rules: .mlebench, direction: board.direction)
            func finite(_ d: Double) -> Double? { d.isNaN ? nil : d }
            return Cutoffs(teams: n, gold_threshold: finite(r.goldThreshold), silver_threshold: finite(r.silverThreshold),
                           bronze_threshold: finite(r.bronzeThreshold), median_threshold: finite(r.medianThreshold))
        }
        let mine = Dictionary(board.entries.map { ($0.teamId, $0.score) }, uniquingKeysWith: { a, _ in a })
        let ids = other.rows.compactMap(\.teamId)
        let byPosition = ids.count < other.rows.count
        var theirs: [Int64: Double?] = [:]
        for r in other.rows { if let t = r.teamId, theirs[t] == nil { theirs[t] = r.score } }
        let onlyMine = byPosition ? [] : board.entries.map(\.teamId).filter { theirs[$0] == nil }
        let onlyTheirs = byPosition ? [] : ids.filter { mine[$0] == nil }
        var differences: [ScoreDifference] = []
        if !byPosition {
            for e in board.entries {
                guard let t = theirs[e.teamId] else { continue }
                if !Self.agree(e.score, t) { differences.append(ScoreDifference(team_id: e.teamId, catalog_score: e.score, other_score: t)) }
            }
        }
        return BoardComparison(
            competition: board.competition.slug, other: other.file,
            catalog: try cutoffs(board.leaderboard, board.entries.count),
            other_board: try cutoffs(other.leaderboard, other.rows.count),
            teams_in_both: byPosition ? 0 : board.entries.count - onlyMine.count,
            only_in_catalog: Array(onlyMine.prefix(20)), only_in_other: Array(onlyTheirs.prefix(20)),
            only_in_catalog_count: onlyMine.count, only_in_other_count: onlyTheirs.count,
            score_differences: Array(differences.prefix(20)), score_differences_count: differences.count,
            by_position_only: byPosition)
    }

    static func agree(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return x == y || abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-12)
        default: return false
        }
    }

    /// The same teams with the same scores (within the tolerance), and the same cut-offs.
    public var agrees: Bool {
        sameCutoffs && score_differences_count == 0 && only_in_catalog_count == 0 && only_in_other_count == 0
    }

    /// Whether the two boards give the same medal cut-offs (within the tolerance).
    public var sameCutoffs: Bool {
        catalog.teams == other_board.teams
            && Self.agree(catalog.gold_threshold, other_board.gold_threshold)
            && Self.agree(catalog.silver_threshold, other_board.silver_threshold)
            && Self.agree(catalog.bronze_threshold, other_board.bronze_threshold)
            && Self.agree(catalog.median_threshold, other_board.median_threshold)
    }
}

extension BoardComparison.Cutoffs {
    init(teams: Int) { self.init(teams: teams, gold_threshold: nil, silver_threshold: nil, bronze_threshold: nil, median_threshold: nil) }
}
