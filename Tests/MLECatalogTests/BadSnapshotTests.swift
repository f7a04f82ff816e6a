import Foundation
@testable import MLECatalog
import MLETestSupport
import Testing

/// Damaged, incomplete and unknown snapshots: a one-line error naming the file and column, and
/// the catalog left exactly as it was.
@Suite struct BadSnapshotTests {
    static let competitions = """
        "Id","Slug","Title","HostSegmentTitle","EnabledDate","DeadlineDate","EvaluationAlgorithmAbbreviation","EvaluationAlgorithmIsMax"
        "1","one","One","Featured","01/01/2020 00:00:00","02/01/2020 00:00:00","AUC","True"
        "2","two","Two","InClass","01/01/2020 00:00:00","02/01/2020 00:00:00","RMSE","False"

        """
    static let teams = """
        Id,CompetitionId,TeamName,PrivateLeaderboardSubmissionId,IsBenchmark,Medal,PrivateLeaderboardRank
        1,1,a,10,False,1,1
        2,1,b,11,False,,2

        """
    static let submissions = """
        Id,TeamId,SubmissionDate,IsAfterDeadline,PrivateScoreFullPrecision
        10,1,01/20/2020,False,0.9
        11,2,01/21/2020,False,0.8

        """

    func snapshot(_ files: [String: String]) throws -> (String, [SnapshotTable]) {
        let dir = try TestSupport.makeTemporaryDirectory("bad")
        var tables: [SnapshotTable] = []
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let path = "\(dir)/\(name).csv"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            tables.append(SnapshotTable(name: name, path: path, digest: "\(name)-\(text.hashValue)", size: Int64(text.utf8.count)))
        }
        return (dir, tables)
    }

    /// Loads a good snapshot into a catalog on disk, then `bad`; returns the error's text after
    /// checking the catalog still holds the good one.
    func failure(_ bad: [String: String]) throws -> String {
        let (good, goodTables) = try snapshot(["Competitions": Self.competitions, "Teams": Self.teams, "Submissions": Self.submissions])
        defer { TestSupport.remove(good) }
        let catalog = try Catalog(path: "\(good)/catalog.sqlite")
        _ = try CatalogLoader().load(goodTables, directory: good, into: catalog)
        let before = (try catalog.tables(), try catalog.competitions(), try catalog.leaderboard(competition: 1))
        let (dir, tables) = try snapshot(bad)
        defer { TestSupport.remove(dir) }
        var message = ""
        do { _ = try CatalogLoader().load(tables, directory: dir, into: catalog) } catch { message = "\(error)" }
        #expect(!message.isEmpty)
        #expect(!message.contains("\n"))
        let reopened = try Catalog(path: "\(good)/catalog.sqlite")
        #expect(try reopened.tables() == before.0)
        #expect(try reopened.competitions() == before.1)
        #expect(try reopened.leaderboard(competition: 1) == before.2)
        return message
    }

    @Test func aTruncatedSubmissionsTableNamesTheFileAndColumn() throws {
        let cut = String(Self.submissions.prefix(Self.submissions.count - 12))  // "11,2,01/21/20"
        let m = try failure(["Competitions": Self.competitions, "Teams": Self.teams, "Submissions": cut])
        #expect(m.hasPrefix("malformed table 'Submissions.csv' at line 3, column 'IsAfterDeadline': the row ends after column 'SubmissionDate'"), "\(m)")
        #expect(m.contains("truncated"))
        let open = Self.competitions.replacingOccurrences(of: "\"Two\",\"InClass\"", with: "\"Two,\"InClass\"")
        let q = try failure(["Competitions": open])
        #expect(q.hasPrefix("malformed table 'Competitions.csv' at line 3, column"), "\(q)")
    }

    @Test func aCorruptCellNamesTheFileLineAndColumn() throws {
        let m = try failure(["Competitions": Self.competitions, "Teams": Self.teams.replacingOccurrences(of: "2,1,b", with: "2,x1,b"),
                             "Submissions": Self.submissions])
        #expect(m == "malformed table 'Teams.csv' at line 3, column 'CompetitionId': expected an integer, got 'x1'; the catalog was left as it was")
        let d = try failure(["Competitions": Self.competitions.replacingOccurrences(of: "02/01/2020 00:00:00\",\"RMSE", with: "soon\",\"RMSE")])
        #expect(d.hasPrefix("malformed table 'Competitions.csv' at line 3, column 'DeadlineDate': expected a date"), "\(d)")
    }

    @Test func aSnapshotMissingATableSaysWhichOne() throws {
        let m = try failure(["Competitions": Self.competitions, "Teams": Self.teams])
        #expect(m.contains("has no Submissions.csv"), "\(m)")
        let c = try failure(["Teams": Self.teams, "Submissions": Self.submissions])
        #expect(c.contains("has no Competitions.csv"), "\(c)")
    }

    @Test func anUnknownSchemaNamesTheMissingColumn() throws {
        let m = try failure(["Competitions": "\"Key\",\"Name\"\n\"1\",\"x\"\n"])
        #expect(m.hasPrefix("unknown Meta Kaggle schema in 'Competitions.csv', column 'Id': the column is missing"), "\(m)")
        let t = try failure(["Competitions": Self.competitions, "Teams": "Id,CompetitionId\n1,1\n", "Submissions": Self.submissions])
        #expect(t.hasPrefix("unknown Meta Kaggle schema in 'Teams.csv', column 'PrivateLeaderboardSubmissionId'"), "\(t)")
        let e = try failure(["Competitions": ""])
        #expect(e.contains("'Competitions.csv'") && e.contains("empty"), "\(e)")
    }
}
