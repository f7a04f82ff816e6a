import Foundation

/// Everything that can go wrong reading Meta Kaggle's tables or the catalog database.
///
/// Messages name the file and, where there is one, the column, so that a drifted or damaged dump
/// can be fixed (or reported) without opening it.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    /// A table whose layout the catalog does not know (a required column missing, say).
    case schema(file: String, column: String, reason: String)
    /// A row or cell that cannot be read.
    case malformed(file: String, line: Int, column: String, reason: String)
    /// A snapshot without a table the catalog needs.
    case missingTable(directory: String, table: String)
    case noCatalog(path: String)
    case unknownCompetition(String)
    case noLeaderboard(competition: String)
    case invalidFilter(expression: String, column: Int, reason: String)
    case database(path: String, reason: String)
    case noMatch(filter: String)
    /// A leaderboard file from elsewhere (Kaggle's download) that cannot be read.
    case board(file: String, line: Int, reason: String)
    /// An archive said to hold a leaderboard that does not hold exactly one.
    case boardArchive(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let f, let r): return "cannot read '\(f)': \(r)"
        case .schema(let f, let c, let r):
            return c.isEmpty ? "unknown Meta Kaggle schema in '\(f)': \(r)" : "unknown Meta Kaggle schema in '\(f)', column '\(c)': \(r)"
        case .malformed(let f, let l, let c, let r):
            return "malformed table '\(f)' at line \(l)\(c.isEmpty ? "" : ", column '\(c)'"): \(r); the catalog was left as it was"
        case .missingTable(let d, let t):
            return "the snapshot '\(d)' has no \(t).csv (the catalog needs it); the catalog was left as it was"
        case .noCatalog(let p): return "no catalog at '\(p)'; run 'mlepkg catalog sync --snapshot DIR' first"
        case .unknownCompetition(let id): return "the catalog has no competition '\(id)' (an id or a slug)"
        case .noLeaderboard(let id):
            return "the catalog has no leaderboard for '\(id)': sync a snapshot with Teams.csv and Submissions.csv"
        case .invalidFilter(let e, let c, let r):
            return "invalid filter '\(e)' at column \(c): \(r)"
        case .database(let p, let r): return "catalog database '\(p)': \(r)"
        case .noMatch(let f): return "the filter '\(f)' matches no competition"
        case .board(let f, let l, let r): return "invalid leaderboard '\(f)' at line \(l): \(r)"
        case .boardArchive(let f, let r): return "invalid leaderboard archive '\(f)': \(r)"
        }
    }
}
