import Foundation

/// The bytes of one competition's board in the catalog (`leaderboard.board`).
///
/// Entries follow one another in rank order, each: team id (8 bytes), rank (4, -1 for none),
/// medal (1), submission date as the digits yyyyMMddHHmmss (8, 0 for none), then the score
/// as Kaggle wrote it and the team name, each a 4-byte length and its UTF-8 bytes. Integers
/// are little-endian. The score is kept as text: it is what MLE-bench's `leaderboard.csv`
/// shows, and its number is parsed when the board is read.
enum BoardCoding {
    struct Encoder {
        // Bytes, not `Data`: Foundation's Data checks exclusive access on every append.
        private var bytes: [UInt8] = []
        var data: Data { Data(bytes) }

        mutating func reset() { bytes.removeAll(keepingCapacity: true) }

        mutating func append(team: Int64, rank: Int32, medal: Int8, date: Int64,
                             score: ArraySlice<UInt8>, name: ArraySlice<UInt8>) {
            put(team)
            put(rank)
            bytes.append(UInt8(bitPattern: medal))
            put(date)
            put(UInt32(score.count)); bytes.append(contentsOf: score)
            put(UInt32(name.count)); bytes.append(contentsOf: name)
        }

        private mutating func put<T: FixedWidthInteger>(_ v: T) {
            withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
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
