import Foundation
@testable import MLECatalog
import MLETestSupport
import Testing

/// A large Submissions.csv (and Teams.csv) is read by two threads from a guessed middle; what
/// they find must be what one pass from the top finds, whether the guess was right or fell
/// inside a quoted field.
@Suite struct BoardBuilderTests {
    let dir: String
    init() throws { dir = try TestSupport.makeTemporaryDirectory("board") }

    func table(_ name: String, _ text: String) throws -> SnapshotTable {
        let path = "\(dir)/\(name).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return SnapshotTable(name: name, path: path, digest: "", size: Int64(text.utf8.count))
    }

    /// Teams 1…60, each selecting submission 40·k + 3 (every other one a benchmark or late).
    func teams() throws -> SnapshotTable {
        var t = "Id,CompetitionId,TeamName,PrivateLeaderboardSubmissionId,PrivateLeaderboardRank,Medal,IsBenchmark\n"
        for k in 1 ... 60 { t += "\(k),\(k % 3),\"team, \(k)\",\(40 * k + 3),\(k),\(k % 4),\(k % 10 == 0 ? "True" : "False")\n" }
        return try table("Teams", t)
    }

    /// 2,600 submissions; `quotedMiddle` puts a long quoted field with newlines where the
    /// middle of the file falls, so that the second thread starts inside it.
    func submissions(quotedMiddle: Bool, shortRowAt: Int? = nil) -> String {
        var s = "Id,SubmittedUserId,TeamId,SubmissionDate,IsAfterDeadline,PublicScoreLeaderboardDisplay,PrivateScoreFullPrecision\n"
        for id in 1 ... 2600 {
            if id == shortRowAt { s += "\(id),7,1\n"; continue }
            let display = quotedMiddle && id == 1300 ? "\"" + String(repeating: "line\n", count: 20000) + "\"" : (id % 11 == 0 ? "\"0,\(id)\"" : "")
            s += "\(id),7,\(id % 60 + 1),0\(id % 9 + 1)/1\(id % 9)/2019,\(id % 5 == 0 ? "True" : "False"),\(display),0.\(id)\(id % 7)\n"
        }
        return s
    }

    struct Found: Equatable {
        var found: [Bool], afterDeadline: [Bool], dates: [Int64], scores: [String], rows: Int64
    }

    func read(_ submissions: String, twoThreadSize: Int64) throws -> Found {
        var b = BoardBuilder()
        b.twoThreadSize = twoThreadSize
        _ = try b.readTeams(try teams(), progress: { _, _, _ in })
        try b.readSubmissions(try table("Submissions", submissions), progress: { _, _, _ in })
        let h = b.slots
        let scores = (0 ..< h.found.count).map { slot in
            let s = Int(h.scoreStart[slot])
            return String(decoding: h.scoreBytes[s ..< s + Int(h.scoreLength[slot])], as: UTF8.self)
        }
        return Found(found: h.found, afterDeadline: h.afterDeadline, dates: h.dates, scores: scores, rows: b.submissionsRead)
    }

    @Test(arguments: [false, true])
    func twoThreadsFindWhatOnePassFinds(quotedMiddle: Bool) throws {
        defer { TestSupport.remove(dir) }
        let text = submissions(quotedMiddle: quotedMiddle)
        if quotedMiddle {
            // The guess must really land inside the quoted field for this case to mean anything.
            let middle = TableStream.rowStart(path: try table("Submissions", text).path, after: Int64(text.utf8.count / 2))!
            let field = text.range(of: "\"line\n")!
            let offset = Int64(text.utf8.distance(from: text.startIndex, to: field.lowerBound))
            #expect(middle > offset && middle < offset + 100_000)
        }
        let one = try read(text, twoThreadSize: .max)
        let two = try read(text, twoThreadSize: 1)
        #expect(one == two)
        #expect(one.rows == 2600)
        #expect(one.found.filter { $0 }.count == 60)
        #expect(one.scores[0] == "0.431")  // submission 43 (team 1): "0." + "43" + 43 % 7
    }

    @Test func aShortRowInTheSecondHalfIsReportedAtItsLineInTheFile() throws {
        defer { TestSupport.remove(dir) }
        let text = submissions(quotedMiddle: false, shortRowAt: 2000)
        func message(_ size: Int64) -> String {
            do { _ = try read(text, twoThreadSize: size); return "no error" } catch { return "\(error)" }
        }
        #expect(message(.max) == message(1))
        #expect(message(1).contains("'Submissions.csv' at line 2001"), "\(message(1))")
    }

    /// Two teams naming the same private submission (Kaggle never does, but a damaged dump
    /// might): both find it, through the search that replaces the bitmap's rank then.
    @Test func teamsSharingASubmissionBothFindIt() throws {
        defer { TestSupport.remove(dir) }
        var t = "Id,CompetitionId,TeamName,PrivateLeaderboardSubmissionId,PrivateLeaderboardRank,Medal,IsBenchmark\n"
        t += "1,1,a,43,1,,False\n2,1,b,83,2,,False\n3,1,c,43,3,,False\n"
        var b = BoardBuilder()
        _ = try b.readTeams(try table("Teams", t), progress: { _, _, _ in })
        try b.readSubmissions(try table("Submissions", submissions(quotedMiddle: false)), progress: { _, _, _ in })
        #expect(b.slots.found == [true, true, true])
        func score(_ slot: Int) -> String {
            let s = Int(b.slots.scoreStart[slot])
            return String(decoding: b.slots.scoreBytes[s ..< s + Int(b.slots.scoreLength[slot])], as: UTF8.self)
        }
        #expect([score(0), score(1), score(2)] == ["0.431", "0.836", "0.431"])
    }

    /// 3,000 teams; `quotedMiddle` gives the team at the middle a name of quoted lines, so that
    /// the second thread starts inside it; `badMedalAt` a medal of 7.
    func manyTeams(quotedMiddle: Bool, badMedalAt: Int? = nil) throws -> SnapshotTable {
        var t = "Id,CompetitionId,TeamName,PrivateLeaderboardSubmissionId,PrivateLeaderboardRank,Medal,IsBenchmark\n"
        for k in 1 ... 3000 {
            let name = quotedMiddle && k == 1500 ? "\"" + String(repeating: "a \"\"quoted\"\" line\n", count: 4000) + "\"" : "\"team, \(k)\""
            let medal = k == badMedalAt ? 7 : k % 4
            t += "\(k),\(k % 7),\(name),\(k % 13 == 0 ? "" : String(10 * k)),\(k),\(medal),\(k % 10 == 0 ? "True" : "False")\n"
        }
        return try table("Teams", t)
    }

    func readTeams(_ table: SnapshotTable, twoThreadSize: Int64) throws -> [String] {
        var b = BoardBuilder()
        b.twoThreadTeamsSize = twoThreadSize
        let rows = try b.readTeams(table, progress: { _, _, _ in })
        let t = b.teams
        return ["\(rows) \(t.rows)", "\(t.submissionIds)", "\(t.teamIds)", "\(t.competitionIds)", "\(t.ranks)", "\(t.medals)",
                "\(t.benchmark)", "\(t.nameEnds)", String(decoding: t.names, as: UTF8.self), "\(t.perCompetition.sorted { $0.key < $1.key })",
                "\(b.sortedIds)", "\(b.order)"]
    }

    @Test(arguments: [false, true])
    func teamsReadByTwoThreadsAreTheTeamsOfOnePass(quotedMiddle: Bool) throws {
        defer { TestSupport.remove(dir) }
        let table = try manyTeams(quotedMiddle: quotedMiddle)
        let one = try readTeams(table, twoThreadSize: .max)
        let two = try readTeams(table, twoThreadSize: 1)
        #expect(one == two)
        #expect(one[0] == "3000 3000")
        #expect(one[2].hasPrefix("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14,"))  // team 13 has no private submission
        #expect(String(one[8].prefix(16)) == "team, 1team, 2te")
        if quotedMiddle { #expect(one[8].contains("a \"quoted\" line\na \"quoted\"")) }
    }

    @Test func aBadMedalInTheSecondHalfOfTeamsIsReportedAtItsLine() throws {
        defer { TestSupport.remove(dir) }
        let table = try manyTeams(quotedMiddle: false, badMedalAt: 2500)
        func message(_ size: Int64) -> String {
            do { _ = try readTeams(table, twoThreadSize: size); return "no error" } catch { return "\(error)" }
        }
        #expect(message(.max) == message(1))
        #expect(message(1).contains("'Teams.csv' at line 2501, column 'Medal'"), "\(message(1))")
    }
}
