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
        let bitmap = self.bitmap
        func selected(_ sub: Int64) -> Bool {
            sub >= 0 && Int(sub / 64) < words && bitmap[Int(sub / 64)] & (1 << UInt64(sub % 64)) != 0
        }
        var passedOver: Int64 = 0
        func row(_ r: TableStream.Row) throws {
            n += 1
            if n & 0xFFFF == 0 { progress(table.name, s.position, s.size) }
            guard let sub = try r.int(id), selected(sub) else { return }
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
        if id == 0 {
            // Most submissions were never selected for a private board: those rows are passed
            // over by their id without being split into fields.
            var asked: Int64 = 0
            passedOver = try s.forEachRow(wantedFirst: { sub in
                asked += 1
                if asked & 0xFFFFF == 0 { progress(table.name, s.position, s.size) }
                return selected(sub)
            }, row)
        } else {
            try s.forEachRow(row)
        }
        progress(table.name, s.size, s.size)
        submissionsRead = n + passedOver
    }

    /// Writes each competition's board as one row (``BoardCoding``): the entries that count,
    /// in rank order. Returns how many teams had their private submission found, benchmark
    /// and after-deadline ones included.
    ///
    /// One row per competition, not per team: a 2.5 GB Submissions.csv selects millions of
    /// entries, and SQLite spends microseconds on each row it inserts and indexes, more than
    /// the whole scan of the file costs. A board is only ever read whole.
    func write(_ db: Database) throws -> Int {
        var counting: [Int32] = []
        var written = 0
        for slot in 0 ..< submissionIds.count where found[slot] {
            written += 1
            if !benchmark[slot] && !afterDeadline[slot] { counting.append(Int32(slot)) }
        }
        // Rank order, unranked last, ties by team id (the order `Catalog.leaderboard` promises).
        counting.sort { a, b in
            let x = Int(a), y = Int(b)
            if competitionIds[x] != competitionIds[y] { return competitionIds[x] < competitionIds[y] }
            let rx = ranks[x] < 0 ? Int64.max : Int64(ranks[x]), ry = ranks[y] < 0 ? Int64.max : Int64(ranks[y])
            if rx != ry { return rx < ry }
            return teamIds[x] < teamIds[y]
        }
        let insert = try db.makeStatement(sql: "INSERT INTO leaderboard (competitionId, entries, board) VALUES (?, ?, ?)")
        var encoder = BoardCoding.Encoder()
        var i = 0
        while i < counting.count {
            let competition = competitionIds[Int(counting[i])]
            encoder.reset()
            var n = 0
            while i < counting.count, competitionIds[Int(counting[i])] == competition {
                let slot = Int(counting[i])
                let nameStart = slot == 0 ? 0 : Int(nameEnds[slot - 1])
                let score = Int(scoreStart[slot])
                encoder.append(team: teamIds[slot], rank: ranks[slot], medal: medals[slot], date: dates[slot],
                               score: scoreBytes[score ..< score + Int(scoreLength[slot])],
                               name: names[nameStart ..< Int(nameEnds[slot])])
                n += 1
                i += 1
            }
            try insert.execute(arguments: [competition, n, encoder.data])
        }
        return written
    }

    static func isoDate(_ digits: Int64) -> String? {
        digits > 0 ? KaggleVocabulary.isoDate(digits: digits) : nil
    }
}
