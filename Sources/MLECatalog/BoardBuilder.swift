import Foundation
import GRDB
import MLEBasics
import Synchronization

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

    /// Below this size Submissions.csv is read by one thread (tests lower it).
    var twoThreadSize: Int64 = 64 << 20

    /// Finds the selected submissions. A large table is read in two halves at once, the second
    /// from the first row start after the middle: a guess, since that newline might sit inside
    /// a quoted field. The first half's reader ends where the second began when the guess was
    /// right; otherwise the second half's work is thrown away and read again from where the
    /// first half ended. Hits are applied in file order either way, so the board is the one a
    /// single pass gives.
    mutating func readSubmissions(_ table: SnapshotTable, progress: (String, Int64, Int64) -> Void) throws {
        let s = try TableStream(path: table.path)
        let c = try SubmissionColumns(s)
        let lookup = SubmissionLookup(bitmap: bitmap, sortedIds: sortedIds, order: order)
        let size = s.size
        var hits: [SubmissionHits]
        if c.id == 0, size >= twoThreadSize, let middle = TableStream.rowStart(path: table.path, after: size / 2) {
            let header = s.header
            var halves: [Result<SubmissionHits, any Error>?] = [nil, nil]
            var firstEnd: Int64 = 0, firstLines = 0
            let secondDone = Atomic<Int64>(0)
            halves.withUnsafeMutableBufferPointer { out in
                Parallel.forEach(2, threads: 2) { half in
                    out[half] = Result {
                        if half == 0 {
                            defer { firstEnd = s.position; firstLines = s.linesRead }
                            return try Self.scan(s, c, lookup, until: middle) {
                                progress(table.name, $0 + secondDone.load(ordering: .relaxed), size)
                            }
                        }
                        let second = try TableStream(path: table.path, from: middle, header: header)
                        return try Self.scan(second, c, lookup) { secondDone.store($0 - middle, ordering: .relaxed) }
                    }
                }
            }
            let first = try halves[0]!.get()
            let rest = firstEnd == middle ? halves[1]! : Result {
                try Self.scan(try TableStream(path: table.path, from: firstEnd, header: header), c, lookup) { _ in }
            }
            do { hits = [first, try rest.get()] } catch let CatalogError.malformed(file, line, column, reason) {
                throw CatalogError.malformed(file: file, line: line + firstLines, column: column, reason: reason)
            }
        } else {
            hits = [try Self.scan(s, c, lookup) { progress(table.name, $0, size) }]
        }
        for h in hits { apply(h) }
        submissionsRead = hits.reduce(0) { $0 + $1.rows }
        progress(table.name, size, size)
    }

    /// The columns of Submissions.csv a board needs.
    struct SubmissionColumns {
        let id: Int, score: Int, after: Int?, date: Int?
        init(_ s: TableStream) throws {
            id = try s.column("Id")
            score = try s.column("PrivateScoreFullPrecision")
            after = s.index("IsAfterDeadline")
            date = s.index("SubmissionDate")
        }
    }

    /// Which submission ids some team selected, and the slots of their teams.
    struct SubmissionLookup {
        let bitmap: [UInt64], sortedIds: [Int64], order: [Int32]
        func selected(_ sub: Int64) -> Bool {
            sub >= 0 && Int(sub / 64) < bitmap.count && bitmap[Int(sub / 64)] & (1 << UInt64(sub % 64)) != 0
        }
        /// The first index of `sub` in `sortedIds` (several teams cannot share a submission,
        /// but the caller takes every index with this id, to be safe).
        func first(_ sub: Int64) -> Int {
            var lo = 0, hi = sortedIds.count
            while lo < hi { let mid = (lo + hi) / 2; if sortedIds[mid] < sub { lo = mid + 1 } else { hi = mid } }
            return lo
        }
    }

    /// What a pass over Submissions.csv (or part of it) found, in file order.
    struct SubmissionHits {
        var slots: [Int32] = [], afterDeadline: [Bool] = [], dates: [Int64] = []
        var scores: [UInt8] = [], scoreEnds: [Int32] = []
        var rows: Int64 = 0
    }

    /// Reads the rows of `s` that start before `until`; `report` gets the position now and then.
    static func scan(_ s: TableStream, _ c: SubmissionColumns, _ lookup: SubmissionLookup, until: Int64 = .max,
                     report: (Int64) -> Void) throws -> SubmissionHits {
        var hits = SubmissionHits()
        var n: Int64 = 0
        func row(_ r: TableStream.Row) throws {
            n += 1
            if n & 0xFFFF == 0 { report(s.position) }
            guard let sub = try r.int(c.id), lookup.selected(sub) else { return }
            var k = lookup.first(sub)
            while k < lookup.sortedIds.count, lookup.sortedIds[k] == sub {
                hits.slots.append(lookup.order[k])
                hits.afterDeadline.append(try c.after.flatMap { try r.bool($0) } ?? false)
                hits.scores.append(contentsOf: r.bytes(c.score).prefix(Int(UInt16.max)))
                hits.scoreEnds.append(Int32(hits.scores.count))
                var digits: Int64 = -1  // no date given
                if let date = c.date, !r.isEmpty(date) {
                    guard let d = KaggleVocabulary.dateDigits(r.bytes(date)) else {
                        throw CatalogError.malformed(file: s.name, line: r.line, column: "SubmissionDate", reason: "expected a date like 05/25/2010, got '\(r.text(date).prefix(40))'")
                    }
                    digits = d
                }
                hits.dates.append(digits)
                k += 1
            }
        }
        var passedOver: Int64 = 0
        if c.id == 0 {
            // Most submissions were never selected for a private board: those rows are passed
            // over by their id without being split into fields.
            var asked: Int64 = 0
            passedOver = try s.forEachRow(wantedFirst: { sub in
                asked += 1
                if asked & 0xFFFFF == 0 { report(s.position) }
                return lookup.selected(sub)
            }, until: until, row)
        } else {
            try s.forEachRow(row)
        }
        hits.rows = n + passedOver
        return hits
    }

    /// Records a pass's hits in the slots (a later row of the same submission wins, as it would
    /// reading the file once from the top).
    mutating func apply(_ h: SubmissionHits) {
        var start = 0
        for i in h.slots.indices {
            let slot = Int(h.slots[i])
            let end = Int(h.scoreEnds[i])
            found[slot] = true
            afterDeadline[slot] = h.afterDeadline[i]
            scoreStart[slot] = Int32(scoreBytes.count)
            scoreLength[slot] = UInt16(end - start)
            scoreBytes.append(contentsOf: h.scores[start ..< end])
            if h.dates[i] >= 0 { dates[slot] = h.dates[i] }
            start = end
        }
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
