import Foundation
import GRDB

/// Final private leaderboards from Teams.csv and Submissions.csv, in bounded memory.
///
/// Teams are read first: every team with a `PrivateLeaderboardSubmissionId` becomes a slot
/// (about 40 bytes, names packed in one buffer). Submissions are then streamed; a bitmap over
/// submission ids rejects the rows no team selected with one bit test, and a binary search over
/// the selected ids finds the slot of the others. Memory grows with the number of teams, never
/// with the size of Submissions.csv.
struct BoardBuilder {
    var submissionIds: [Int64] = []
    var teamIds: [Int64] = []
    var competitionIds: [Int64] = []
    var ranks: [Int32] = []
    var medals: [Int8] = []
    var benchmark: [Bool] = []
    var names: [UInt8] = []
    var nameEnds: [Int32] = []
    /// Filled by the submissions pass.
    var found: [Bool] = []
    var afterDeadline: [Bool] = []
    var scoreBytes: [UInt8] = []
    var scoreStart: [Int32] = []
    var scoreLength: [UInt16] = []
    /// Submission dates as the digits of yyyyMMddHHmmss (0: none): strings would cost an allocation each.
    var dates: [Int64] = []
    var teamsPerCompetition: [Int64: Int64] = [:]
    var submissionsRead: Int64 = 0
    /// Slots sorted by submission id, and a bitmap of the ids.
    var order: [Int32] = []
    var sortedIds: [Int64] = []
    var bitmap: [UInt64] = []

    mutating func readTeams(_ table: SnapshotTable, progress: (String, Int64, Int64) -> Void) throws -> Int {
        let s = try TableStream(path: table.path)
        let id = try s.column("Id"), competition = try s.column("CompetitionId"), name = s.index("TeamName")
        let privateSub = try s.column("PrivateLeaderboardSubmissionId"), rank = s.index("PrivateLeaderboardRank")
        let medal = s.index("Medal"), bench = s.index("IsBenchmark")
        var n = 0
        try s.forEachRow { r in
            n += 1
            if n & 0xFFFF == 0 { progress(table.name, s.position, s.size) }
            guard let c = try r.int(competition), let team = try r.int(id) else { return }
            let isBench = try bench.flatMap { try r.bool($0) } ?? false
            if !isBench { teamsPerCompetition[c, default: 0] += 1 }
            guard let sub = try r.int(privateSub), sub >= 0 else { return }  // no private submission
            submissionIds.append(sub)
            teamIds.append(team)
            competitionIds.append(c)
            ranks.append(Int32(clamping: try rank.flatMap { try r.int($0) } ?? -1))
            let m = try medal.flatMap { try r.int($0) } ?? 0
            guard (0 ... 3).contains(m) else {
                throw CatalogError.malformed(file: s.name, line: r.line, column: "Medal", reason: "expected 1, 2, 3 or nothing, got '\(m)'")
            }
            medals.append(Int8(m))
            benchmark.append(isBench)
            if let name { names.append(contentsOf: r.text(name).utf8) }
            nameEnds.append(Int32(names.count))
        }
        progress(table.name, s.size, s.size)
        let count = submissionIds.count
        found = Array(repeating: false, count: count)
        afterDeadline = Array(repeating: false, count: count)
        scoreStart = Array(repeating: 0, count: count)
        scoreLength = Array(repeating: 0, count: count)
        dates = Array(repeating: 0, count: count)
        order = Array(0 ..< Int32(count))
        order.sort { submissionIds[Int($0)] < submissionIds[Int($1)] }
        sortedIds = order.map { submissionIds[Int($0)] }
        let maxId = sortedIds.last ?? 0
        bitmap = Array(repeating: 0, count: Int(maxId / 64) + 1)
        for i in sortedIds { bitmap[Int(i / 64)] |= 1 << UInt64(i % 64) }
        return n
    }

    mutating func readSubmissions(_ table: SnapshotTable, progress: (String, Int64, Int64) -> Void) throws {
        let s = try TableStream(path: table.path)
        let id = try s.column("Id"), score = try s.column("PrivateScoreFullPrecision")
        let after = s.index("IsAfterDeadline"), date = s.index("SubmissionDate")
        var n: Int64 = 0
        let words = bitmap.count
        try s.forEachRow { r in
            n += 1
            if n & 0xFFFF == 0 { progress(table.name, s.position, s.size) }
            guard let sub = try r.int(id), sub >= 0, Int(sub / 64) < words,
                  bitmap[Int(sub / 64)] & (1 << UInt64(sub % 64)) != 0 else { return }
            // The first slot with this id; several teams cannot share a submission, but be safe.
            var lo = 0, hi = sortedIds.count
            while lo < hi { let mid = (lo + hi) / 2; if sortedIds[mid] < sub { lo = mid + 1 } else { hi = mid } }
            while lo < sortedIds.count, sortedIds[lo] == sub {
                let slot = Int(order[lo])
                found[slot] = true
                afterDeadline[slot] = try after.flatMap { try r.bool($0) } ?? false
                let text = r.bytes(score)
                scoreStart[slot] = Int32(scoreBytes.count)
                scoreLength[slot] = UInt16(min(text.count, Int(UInt16.max)))
                scoreBytes.append(contentsOf: text.prefix(Int(UInt16.max)))
                if let date, !r.isEmpty(date) {
                    guard let d = KaggleVocabulary.dateDigits(r.bytes(date)) else {
                        throw CatalogError.malformed(file: s.name, line: r.line, column: "SubmissionDate", reason: "expected a date like 05/25/2010, got '\(r.text(date).prefix(40))'")
                    }
                    dates[slot] = d
                }
                lo += 1
            }
        }
        progress(table.name, s.size, s.size)
        submissionsRead = n
    }

    /// Writes one entry per team whose private submission was found; returns how many.
    func write(_ db: Database) throws -> Int {
        let insert = try db.makeStatement(sql: """
            INSERT INTO leaderboardEntry (competitionId, teamId, teamName, rank, score, scoreText, submissionDate, medal, isBenchmark, afterDeadline)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var written = 0
        for slot in 0 ..< submissionIds.count where found[slot] {
            let nameStart = slot == 0 ? 0 : Int(nameEnds[slot - 1])
            let name = String(decoding: names[nameStart ..< Int(nameEnds[slot])], as: UTF8.self)
            let s = Int(scoreStart[slot])
            let text = String(decoding: scoreBytes[s ..< s + Int(scoreLength[slot])], as: UTF8.self)
            let value = Double(text) ?? Double(text.trimmingCharacters(in: .whitespaces))
            let args: [(any DatabaseValueConvertible)?] = [
                competitionIds[slot], teamIds[slot], name, ranks[slot] < 0 ? nil : Int64(ranks[slot]), value, text,
                Self.isoDate(dates[slot]), medals[slot] == 0 ? nil : Int64(medals[slot]), benchmark[slot], afterDeadline[slot],
            ]
            try insert.execute(arguments: StatementArguments(args))
            written += 1
        }
        return written
    }

    static func isoDate(_ digits: Int64) -> String? {
        digits > 0 ? KaggleVocabulary.isoDate(digits: digits) : nil
    }
}
