import Foundation
import GRDB
import GRDBSQLite

/// The bytes of one competition's board in the catalog (`leaderboard.board`).
///
/// Entries follow one another in rank order, each: team id (8 bytes), rank (4, -1 for none),
/// medal (1), submission date as the digits yyyyMMddHHmmss (8, 0 for none), then the score
/// as Kaggle wrote it and the team name, each a 4-byte length and its UTF-8 bytes. Integers
/// are little-endian. The score is kept as text: it is what MLE-bench's `leaderboard.csv`
/// shows, and its number is parsed when the board is read.
enum BoardCoding {
    /// The bytes one entry takes.
    static func entrySize(score: Int, name: Int) -> Int { 8 + 4 + 1 + 8 + 4 + score + 4 + name }

    /// Writes entries into a buffer sized with ``entrySize(score:name:)``: one board holds
    /// thousands of entries, and appending to an array field by field checks its capacity and
    /// uniqueness at each of them.
    struct Writer {
        private let base: UnsafeMutableRawPointer
        private var offset = 0

        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { base = UnsafeMutableRawPointer(buffer.baseAddress!) }

        mutating func entry(team: Int64, rank: Int32, medal: Int8, date: Int64,
                            score: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>) {
            put(team)
            put(rank)
            put(medal)
            put(date)
            put(bytes: score)
            put(bytes: name)
        }

        private mutating func put<T: FixedWidthInteger>(_ v: T) {
            base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: T.self)
            offset += MemoryLayout<T>.size
        }

        private mutating func put(bytes: UnsafeBufferPointer<UInt8>) {
            put(UInt32(bytes.count))
            if let p = bytes.baseAddress { (base + offset).copyMemory(from: p, byteCount: bytes.count) }
            offset += bytes.count
        }
    }

    /// Runs `INSERT … (competitionId, entries, board) VALUES (?, ?, ?)` with `board`, bound
    /// where it lies: the boards of a large snapshot are a hundred megabytes, and binding them
    /// through `Data` copies each twice more.
    static func insert(_ board: [UInt8], competition: Int64, entries: Int, with statement: Statement) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        var rc = sqlite3_bind_int64(s, 1, competition)
        if rc == SQLITE_OK { rc = sqlite3_bind_int64(s, 2, Int64(entries)) }
        if rc == SQLITE_OK {
            rc = board.withUnsafeBytes { b in
                // SQLITE_STATIC (nil): the bytes outlive the step, which reads them.
                var rc = sqlite3_bind_blob64(s, 3, b.baseAddress, sqlite3_uint64(b.count), nil)
                if rc == SQLITE_OK { rc = sqlite3_step(s) }
                sqlite3_clear_bindings(s)
                return rc
            }
        }
        guard rc == SQLITE_OK || rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(s))))
        }
    }

    /// The entries of `data`; a board that does not decode (a damaged catalog file) is an error
    /// naming the competition, never a partial board.
    static func decode(_ data: Data, competition: Int64, catalog: String) throws -> [LeaderboardEntry] {
        var out: [LeaderboardEntry] = []
        var k = 0
        let bytes = [UInt8](data)
        func damaged() -> CatalogError {
            .database(path: catalog, reason: "the leaderboard of competition \(competition) is damaged at byte \(k); run 'mlepkg catalog sync' again")
        }
        func int<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let n = MemoryLayout<T>.size
            guard k + n <= bytes.count else { throw damaged() }
            var v: T = 0
            for i in 0 ..< n { v |= T(truncatingIfNeeded: bytes[k + i]) << (8 * i) }
            k += n
            return v
        }
        func text() throws -> String {
            let n = Int(try int(UInt32.self))
            guard n <= bytes.count - k else { throw damaged() }
            defer { k += n }
            return String(decoding: bytes[k ..< k + n], as: UTF8.self)
        }
        while k < bytes.count {
            let team = try int(Int64.self)
            let rank = try int(Int32.self)
            let medal = try int(Int8.self)
            let date = try int(Int64.self)
            let score = try text()
            let name = try text()
            out.append(LeaderboardEntry(
                competitionId: competition, teamId: team, teamName: name, rank: rank < 0 ? nil : Int64(rank),
                score: Double(score) ?? Double(score.trimmingCharacters(in: .whitespaces)), scoreText: score,
                submissionDate: BoardBuilder.isoDate(date), medal: medal == 0 ? nil : Int64(medal),
                isBenchmark: false, afterDeadline: false))
        }
        return out
    }
}
