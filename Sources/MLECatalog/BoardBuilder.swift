import CMalloc
import Foundation
import GRDB
import MLEBasics

/// Final private leaderboards from Teams.csv and Submissions.csv, in bounded memory.
///
/// Teams are read first: every team with a `PrivateLeaderboardSubmissionId` becomes a slot
/// (about 40 bytes, names packed in one buffer). Submissions are then streamed; a bitmap over
/// submission ids rejects the rows no team selected with one bit test, and a binary search over
/// the selected ids finds the slot of the others. Memory grows with the number of teams, never
/// with the size of Submissions.csv.
struct BoardBuilder {
    /// The teams with a private submission, one slot each, in Teams.csv's order.
    var teams = TeamRows()
    /// Filled by the submissions pass.
    var slots = SlotHits()
    var submissionsRead: Int64 = 0
    /// Slots sorted by submission id, and a bitmap of the ids.
    var order: [Int32] = []
    var sortedIds: [Int64] = []
    var bitmap: [UInt64] = []

    var teamsPerCompetition: [Int64: Int64] { teams.perCompetition }

    /// The columns of Teams.csv a board needs.
    struct TeamColumns {
        let id: Int, competition: Int, name: Int?, privateSubmission: Int, rank: Int?, medal: Int?, benchmark: Int?
        init(_ s: TableStream) throws {
            id = try s.column("Id")
            competition = try s.column("CompetitionId")
            name = s.index("TeamName")
            privateSubmission = try s.column("PrivateLeaderboardSubmissionId")
            rank = s.index("PrivateLeaderboardRank")
            medal = s.index("Medal")
            benchmark = s.index("IsBenchmark")
        }
    }

    /// Teams as parallel arrays (about 40 bytes a team, names packed in one buffer).
    struct TeamRows {
        var submissionIds: [Int64] = []
        var teamIds: [Int64] = []
        var competitionIds: [Int64] = []
        var ranks: [Int32] = []
        var medals: [Int8] = []
        var benchmark: [Bool] = []
        var names: [UInt8] = []
        var nameEnds: [Int32] = []
        /// Non-benchmark teams of each competition, with or without a private submission.
        var perCompetition: [Int64: Int64] = [:]
        var rows = 0

        /// Reads the rows of `s` that start before `until`.
        mutating func read(_ s: TableStream, _ c: TeamColumns, until: Int64 = .max, report: (Int64) -> Void) throws {
            // Teams come mostly grouped by competition: the current one is counted here and
            // added to the dictionary when another begins (a hash per team cost a tenth of the read).
            var current: Int64 = 0, counted: Int64 = 0
            defer { if counted > 0 { perCompetition[current, default: 0] += counted } }
            try s.forEachRow(until: until) { r in
                rows += 1
                if rows & 0xFFFF == 0 { report(s.position) }
                guard let competition = try r.int(c.competition), let team = try r.int(c.id) else { return }
                let isBench = try c.benchmark.flatMap { try r.bool($0) } ?? false
                if !isBench {
                    if competition != current {
                        if counted > 0 { perCompetition[current, default: 0] += counted }
                        current = competition
                        counted = 0
                    }
                    counted += 1
                }
                guard let sub = try r.int(c.privateSubmission), sub >= 0 else { return }  // no private submission
                let m = try c.medal.flatMap { try r.int($0) } ?? 0
                guard (0 ... 3).contains(m) else {
                    throw CatalogError.malformed(file: s.name, line: r.line, column: "Medal", reason: "expected 1, 2, 3 or nothing, got '\(m)'")
                }
                submissionIds.append(sub)
                teamIds.append(team)
                competitionIds.append(competition)
                ranks.append(Int32(clamping: try c.rank.flatMap { try r.int($0) } ?? -1))
                medals.append(Int8(m))
                benchmark.append(isBench)
                if let name = c.name { r.appendText(name, to: &names) }
                nameEnds.append(Int32(names.count))
            }
        }

        /// Appends the rows another reader found after these in the file, into arrays of
        /// exactly the size needed (appending leaves up to twice that, and the builder's memory
        /// peaks later with all of this still held).
        mutating func join(_ other: TeamRows) {
            func joined<T>(_ a: inout [T], _ b: [T]) {
                a = Array(unsafeUninitializedCapacity: a.count + b.count) { out, n in
                    let k = out.initialize(fromContentsOf: a)
                    _ = UnsafeMutableBufferPointer(rebasing: out[k...]).initialize(fromContentsOf: b)
                    n = a.count + b.count
                }
            }
            let shift = Int32(names.count)
            joined(&submissionIds, other.submissionIds); joined(&teamIds, other.teamIds)
            joined(&competitionIds, other.competitionIds); joined(&ranks, other.ranks)
            joined(&medals, other.medals); joined(&benchmark, other.benchmark)
            joined(&names, other.names); joined(&nameEnds, other.nameEnds.map { $0 + shift })
            perCompetition.merge(other.perCompetition, uniquingKeysWith: +)
            rows += other.rows
        }
    }

    /// Below this size Teams.csv is read by one thread (tests lower it).
    var twoThreadTeamsSize: Int64 = 32 << 20

    /// Reads Teams.csv, in two halves at once when it is large (as ``readSubmissions`` reads
    /// Submissions.csv), and prepares the submission lookup. Returns the rows read.
    mutating func readTeams(_ table: SnapshotTable, progress: (String, Int64, Int64) -> Void) throws -> Int {
        let s = try TableStream(path: table.path, name: table.source)
        let c = try TeamColumns(s)
        let size = s.size
        var first = TeamRows()
        let second = try TableStream.readInHalves(s, splitAbove: twoThreadTeamsSize, progress: { progress(table.name, $0, size) },
            first: { stream, until, report in try first.read(stream, c, until: until, report: report) },
            second: { stream, report in
                var rows = TeamRows()
                try rows.read(stream, c, report: report)
                return rows
            })
        first.join(second ?? TeamRows())
        progress(table.name, size, size)
        teams = first
        // mlepkg keeps freed memory in its heap (main.swift's mallopt, for grading's reuse);
        // the growth copies just freed are handed back, as memory peaks later.
        malloc_trim(0)
        let count = teams.submissionIds.count
        slots = SlotHits(count: count)
        // Sorted as (id, slot) pairs side by side: sorting slots through the id array costs a
        // cache miss per comparison.
        var pairs = (0 ..< count).map { (id: teams.submissionIds[$0], slot: Int32($0)) }
        pairs.sort { $0.id < $1.id }
        order = pairs.map(\.slot)
        sortedIds = pairs.map(\.id)
        pairs = []
        let maxId = sortedIds.last ?? 0
        bitmap = Array(repeating: 0, count: Int(maxId / 64) + 1)
        for i in sortedIds { bitmap[Int(i / 64)] |= 1 << UInt64(i % 64) }
        return teams.rows
    }

    /// Below this size Submissions.csv is read by one thread (tests lower it).
    var twoThreadSize: Int64 = 64 << 20

    /// Finds the selected submissions. A large table is read in two halves at once, the second
    /// from the first row start after the middle: a guess, since that newline might sit inside
    /// a quoted field. The first half's reader ends where the second began when the guess was
    /// right; otherwise the second half's work is thrown away and read again from where the
    /// first half ended. The first half records into the slots directly, the second into hits
    /// applied afterwards, so the board is the one a single pass from the top gives.
    mutating func readSubmissions(_ table: SnapshotTable, progress: (String, Int64, Int64) -> Void) throws {
        // Moved out of self while the pass runs, so that they stay uniquely referenced (no copy).
        var results = slots
        slots = SlotHits()
        var second = try Self.scan(table, SubmissionLookup(bitmap: bitmap, sortedIds: sortedIds, order: order),
                                   into: &results, twoThreadSize: twoThreadSize, progress: progress)
        // Memory peaks here: the lookup goes, and the second half's hits once applied.
        sortedIds = []
        order = []
        bitmap = []
        if let hits = second {
            second = nil
            results.apply(hits)
        }
        submissionsRead = results.rows
        slots = results
        malloc_trim(0)  // the lookup and the second half's hits, before the boards are written
    }

    /// One pass over the table into `results`, or two halves read at once: the first into
    /// `results`, the second into the hits returned (nil when there was one pass).
    static func scan(_ table: SnapshotTable, _ lookup: SubmissionLookup, into results: inout SlotHits, twoThreadSize: Int64,
                     progress: (String, Int64, Int64) -> Void) throws -> SubmissionHits? {
        let s = try TableStream(path: table.path, name: table.source)
        let c = try SubmissionColumns(s)
        let size = s.size
        defer { progress(table.name, size, size) }
        // Rows are passed over by their first field, the id: only then can a row's end be found
        // without splitting it, as a reader starting at a guessed row start must.
        return try TableStream.readInHalves(s, splitAbove: c.id == 0 ? twoThreadSize : .max, progress: { progress(table.name, $0, size) },
            first: { stream, until, report in try Self.scan(stream, c, lookup, into: &results, until: until, report: report) },
            second: { stream, report in
                var hits = SubmissionHits()
                try Self.scan(stream, c, lookup, into: &hits, report: report)
                return hits
            })
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
        /// For each word of the bitmap, how many of `sortedIds` come before its first id; nil
        /// when an id repeats (then the index is searched for).
        let wordStart: [Int32]?

        init(bitmap: [UInt64], sortedIds: [Int64], order: [Int32]) {
            self.bitmap = bitmap
            self.sortedIds = sortedIds
            self.order = order
            var unique = true
            for i in sortedIds.indices.dropFirst() where sortedIds[i] == sortedIds[i - 1] { unique = false; break }
            guard unique else { wordStart = nil; return }
            var starts = [Int32](repeating: 0, count: bitmap.count + 1)
            for w in bitmap.indices { starts[w + 1] = starts[w] + Int32(bitmap[w].nonzeroBitCount) }
            wordStart = starts
        }

        func selected(_ sub: Int64) -> Bool {
            sub >= 0 && Int(sub / 64) < bitmap.count && bitmap[Int(sub / 64)] & (1 << UInt64(sub % 64)) != 0
        }
        /// The first index of `sub` (a selected id) in `sortedIds`: its rank among the bitmap's
        /// ids, or a binary search where several teams share a submission (they cannot, but the
        /// caller takes every index with this id, to be safe).
        func first(_ sub: Int64) -> Int {
            if let wordStart {
                let w = Int(sub / 64)
                return Int(wordStart[w]) + (bitmap[w] & ((1 << UInt64(sub % 64)) - 1)).nonzeroBitCount
            }
            var lo = 0, hi = sortedIds.count
            while lo < hi { let mid = (lo + hi) / 2; if sortedIds[mid] < sub { lo = mid + 1 } else { hi = mid } }
            return lo
        }
    }

    /// Where a pass records the selected submissions it finds.
    protocol HitSink {
        mutating func record(slot: Int32, afterDeadline: Bool, score: UnsafeRawBufferPointer, date: Int64)
        var rows: Int64 { get set }
    }

    /// What a pass over part of Submissions.csv found, in file order.
    struct SubmissionHits: HitSink {
        var slots: [Int32] = [], afterDeadline: [Bool] = [], dates: [Int64] = []
        var scores: [UInt8] = [], scoreEnds: [Int32] = []
        var rows: Int64 = 0
        mutating func record(slot: Int32, afterDeadline after: Bool, score: UnsafeRawBufferPointer, date: Int64) {
            slots.append(slot)
            afterDeadline.append(after)
            scores.append(contentsOf: score)
            scoreEnds.append(Int32(scores.count))
            dates.append(date)
        }
    }

    /// Each team's private submission, by slot: a later row of the same submission wins, as it
    /// would reading the file once from the top.
    struct SlotHits: HitSink {
        var found: [Bool] = [], afterDeadline: [Bool] = []
        var scoreBytes: [UInt8] = [], scoreStart: [Int32] = [], scoreLength: [UInt16] = []
        /// Submission dates as the digits of yyyyMMddHHmmss (0: none): strings would cost an allocation each.
        var dates: [Int64] = []
        var rows: Int64 = 0

        init() {}
        init(count: Int) {
            found = Array(repeating: false, count: count)
            afterDeadline = Array(repeating: false, count: count)
            scoreStart = Array(repeating: 0, count: count)
            scoreLength = Array(repeating: 0, count: count)
            dates = Array(repeating: 0, count: count)
        }

        mutating func record(slot: Int32, afterDeadline after: Bool, score: UnsafeRawBufferPointer, date: Int64) {
            let i = Int(slot)
            found[i] = true
            afterDeadline[i] = after
            scoreStart[i] = Int32(scoreBytes.count)
            scoreLength[i] = UInt16(score.count)
            scoreBytes.append(contentsOf: score)
            if date >= 0 { dates[i] = date }
        }

        /// Records another pass's hits, which come after this pass's rows in the file.
        mutating func apply(_ h: SubmissionHits) {
            scoreBytes.reserveCapacity(scoreBytes.count + h.scores.count)
            var start = 0
            h.scores.withUnsafeBytes { scores in
                for i in h.slots.indices {
                    let end = Int(h.scoreEnds[i])
                    record(slot: h.slots[i], afterDeadline: h.afterDeadline[i], score: UnsafeRawBufferPointer(rebasing: scores[start ..< end]), date: h.dates[i])
                    start = end
                }
            }
            rows += h.rows
        }
    }

    /// Reads the rows of `s` that start before `until` into `sink`; `report` gets the position now and then.
    static func scan<Sink: HitSink>(_ s: TableStream, _ c: SubmissionColumns, _ lookup: SubmissionLookup, into sink: inout Sink,
                                    until: Int64 = .max, report: (Int64) -> Void) throws {
        var n: Int64 = 0
        func row(_ r: TableStream.Row) throws {
            n += 1
            if n & 0xFFFF == 0 { report(s.position) }
            guard let sub = try r.int(c.id), lookup.selected(sub) else { return }
            var k = lookup.first(sub)
            while k < lookup.sortedIds.count, lookup.sortedIds[k] == sub {
                var digits: Int64 = -1  // no date given
                if let date = c.date, !r.isEmpty(date) {
                    guard let d = KaggleVocabulary.dateDigits(r.bytes(date)) else {
                        throw CatalogError.malformed(file: s.name, line: r.line, column: "SubmissionDate", reason: "expected a date like 05/25/2010, got '\(r.text(date).prefix(40))'")
                    }
                    digits = d
                }
                let score = r.bytes(c.score)
                sink.record(slot: lookup.order[k], afterDeadline: try c.after.flatMap { try r.bool($0) } ?? false,
                            score: UnsafeRawBufferPointer(rebasing: score.prefix(Int(UInt16.max))), date: digits)
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
        sink.rows += n + passedOver
    }

    /// Writes each competition's board as one row (``BoardCoding``): the entries that count,
    /// in rank order. Returns how many teams had their private submission found, benchmark
    /// and after-deadline ones included.
    ///
    /// One row per competition, not per team: a 2.5 GB Submissions.csv selects millions of
    /// entries, and SQLite spends microseconds on each row it inserts and indexes, more than
    /// the whole scan of the file costs. A board is only ever read whole.
    func write(_ db: Database) throws -> Int {
        // Rank order, unranked last, ties by team id (the order `Catalog.leaderboard` promises).
        // Entries are first gathered by competition (a counting sort); each competition's few
        // thousand are sorted by rank as its board is encoded: one comparison sort over millions
        // of entries, and through three arrays at that, costs a cache miss per look.
        let competitions = teamsPerCompetition.keys.sorted()
        let position = Dictionary(uniqueKeysWithValues: competitions.enumerated().map { ($0.element, Int32($0.offset)) })
        var starts = [Int](repeating: 0, count: competitions.count + 1)
        var competitionOf: [Int32] = []
        competitionOf.reserveCapacity(slots.found.count)
        var written = 0
        for slot in 0 ..< slots.found.count {
            var p: Int32 = -1
            if slots.found[slot] {
                written += 1
                if !teams.benchmark[slot] && !slots.afterDeadline[slot] { p = position[teams.competitionIds[slot]] ?? -1 }
            }
            competitionOf.append(p)
            if p >= 0 { starts[Int(p) + 1] += 1 }
        }
        for i in 0 ..< competitions.count { starts[i + 1] += starts[i] }
        var keys = [Key](repeating: Key(rank: 0, slot: 0, team: 0), count: starts[competitions.count])
        var next = starts
        for slot in 0 ..< competitionOf.count where competitionOf[slot] >= 0 {
            let p = Int(competitionOf[slot])
            keys[next[p]] = Key(rank: teams.ranks[slot] < 0 ? UInt32.max : UInt32(teams.ranks[slot]), slot: Int32(slot), team: teams.teamIds[slot])
            next[p] += 1
        }
        competitionOf = []
        let insert = try db.makeStatement(sql: "INSERT INTO leaderboard (competitionId, entries, board) VALUES (?, ?, ?)")
        // Boards are encoded on a thread of their own while this one (the database's) inserts
        // the ones already encoded: each half takes about as long as the other.
        let queue = BoardQueue(capacity: 8)
        let (builder, groups) = (self, starts)
        let encoding = BackgroundWork { [keys] in
            builder.encodeBoards(keys, groups: groups, into: queue)
            queue.finish()
        }
        keys = []
        defer { encoding.wait() }
        do {
            while let board = queue.take() {
                try BoardCoding.insert(board.bytes, competition: board.competition, entries: board.entries, with: insert)
            }
        } catch {
            queue.cancel()
            throw error
        }
        return written
    }

    /// A board entry as sorted: its rank (unranked last), its team for ties, and its slot.
    struct Key { var rank: UInt32, slot: Int32, team: Int64 }

    /// Encodes the board of each competition — `keys[groups[p] ..< groups[p + 1]]`, sorted here
    /// into rank order — and hands it to `queue`, until the queue is cancelled.
    func encodeBoards(_ keys: [Key], groups: [Int], into queue: BoardQueue) {
        let ends = teams.nameEnds, scoreStart = slots.scoreStart, scoreLength = slots.scoreLength
        teams.names.withUnsafeBufferPointer { names in
            slots.scoreBytes.withUnsafeBufferPointer { scores in
                for p in 0 ..< groups.count - 1 where groups[p + 1] > groups[p] {
                    let entries = keys[groups[p] ..< groups[p + 1]].sorted { a, b in a.rank != b.rank ? a.rank < b.rank : a.team < b.team }
                    let size = entries.reduce(0) { total, key in
                        let slot = Int(key.slot)
                        return total + BoardCoding.entrySize(score: Int(scoreLength[slot]), name: Int(ends[slot]) - (slot == 0 ? 0 : Int(ends[slot - 1])))
                    }
                    // Each board is written in place into a buffer of its exact size.
                    let board = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                        var writer = BoardCoding.Writer(buffer)
                        for key in entries {
                            let slot = Int(key.slot)
                            let nameStart = slot == 0 ? 0 : Int(ends[slot - 1])
                            let score = Int(scoreStart[slot])
                            writer.entry(team: teams.teamIds[slot], rank: teams.ranks[slot], medal: teams.medals[slot], date: slots.dates[slot],
                                         score: UnsafeBufferPointer(rebasing: scores[score ..< score + Int(scoreLength[slot])]),
                                         name: UnsafeBufferPointer(rebasing: names[nameStart ..< Int(ends[slot])]))
                        }
                        count = size
                    }
                    let competition = teams.competitionIds[Int(entries[0].slot)]
                    guard queue.put(.init(competition: competition, entries: entries.count, bytes: board)) else { return }
                }
            }
        }
    }

    static func isoDate(_ digits: Int64) -> String? {
        digits > 0 ? KaggleVocabulary.isoDate(digits: digits) : nil
    }
}

/// Encoded boards on their way from the encoding thread to the database's, a few at a time.
final class BoardQueue: @unchecked Sendable {
    struct Board { var competition: Int64, entries: Int, bytes: [UInt8] }
    private let condition = NSCondition()
    private var boards: [Board] = []
    private var head = 0
    private var finished = false, cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room; false once the queue was cancelled (the boards are not wanted any more).
    func put(_ board: Board) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while boards.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        boards.append(board)
        condition.broadcast()
        return true
    }

    /// The next board, or nil once every board was taken and the encoder finished.
    func take() -> Board? {
        condition.lock()
        defer { condition.unlock() }
        while head == boards.count && !finished { condition.wait() }
        guard head < boards.count else { return nil }
        let board = boards[head]
        head += 1
        if head == boards.count { boards.removeAll(keepingCapacity: true); head = 0 }
        condition.broadcast()
        return board
    }

    func finish() { condition.lock(); finished = true; condition.broadcast(); condition.unlock() }
    func cancel() { condition.lock(); cancelled = true; condition.broadcast(); condition.unlock() }
}
