import Foundation
import Testing
@testable import MLETable

/// The reading mode graders use (``CSVTable/Options/capturesNumbers``) must see exactly what
/// the general cell path sees: the same number for every numeric cell, and the same id pairs.
@Suite("Reading for grading: captured numbers and join keys")
struct GradingReadTests {
    /// A cell's value as a number, the way graders convert `Value`s (NaN for missing).
    static func number(_ v: CSVTable.Value) -> Double? {
        switch v {
        case .int(let x): return Double(x)
        case .uint(let x): return Double(x)
        case .double(let x): return x
        case .bool(let b): return b ? 1 : 0
        case .missing: return .nan
        case .text: return nil
        }
    }

    static func read(_ text: String, captures: Bool, threads: Int = 2, keyColumn: String? = nil) throws -> CSVTable {
        var options = CSVTable.Options(threads: threads, capturesNumbers: captures, keyColumn: keyColumn)
        options.parallelScanBytes = 64   // take the parallel record scan even on small inputs
        return try CSVTable(bytes: Array(text.utf8), options: options)
    }

    @Test("captured numbers equal the cells' values, bit for bit, in every numeric column")
    func capturedNumbersEqualTheCells() throws {
        let cells = [
            "1.5", "-0", "-0.0", "0.000000000000000000000123", "12345678901234567.25", "1e3", " 2", "inf", "-Infinity",
            "NA", "", "0.1", "3", "007", "9007199254740993", "18446744073709551615", "-9223372036854775808",
            "0.30000000000000004", "123456789.123456789", "5.", "1.7976931348623157e308", "4.9e-324", "nan",
        ]
        var rng = SystemRandomNumberGenerator()
        for trial in 0 ..< 40 {
            var lines = ["id,a,b,flag,name"]
            let rows = 1 + trial * 7
            for r in 0 ..< rows {
                let a = cells.randomElement(using: &rng)!
                let b = trial % 3 == 0 ? String(r) : cells.randomElement(using: &rng)!
                let flag = trial % 4 == 0 ? (r % 3 == 0 ? "True" : "False") : "x\(r)"
                // Now and then a short record, which pandas pads with missing cells.
                lines.append(r % 11 == 5 ? "r\(r),\(a)" : "r\(r),\(a),\(b),\(flag),n\(r % 5)")
            }
            let text = lines.joined(separator: "\n") + "\n"
            let captured = try Self.read(text, captures: true)
            let plain = try Self.read(text, captures: false)
            for column in 0 ..< plain.columnCount {
                let values = plain.columnValues([column])[0]
                let expected = values.map(Self.number)
                guard let numbers = captured.numbers(column: column) else {
                    // Only text columns, and integer chunks upcast around missing cells (where
                    // pandas' int64 NA sentinel blurs one value), go without captured numbers.
                    #expect(expected.contains { $0 == nil } || values.contains(.missing),
                            "column \(column) of trial \(trial) has numbers but none were captured")
                    continue
                }
                #expect(captured.columnType(at: column) == plain.columnType(at: column))
                for (row, (got, want)) in zip(numbers, expected).enumerated() {
                    let same = want.map { got.bitPattern == $0.bitPattern || (got.isNaN && $0.isNaN) } ?? false
                    #expect(same, "trial \(trial) row \(row) column \(column): captured \(got), cell \(values[row])")
                }
            }
        }
    }

    @Test("captured numbers follow row selections")
    func numbersFollowSelections() throws {
        let table = try Self.read("id,x\na,1\nb,2.5\nc,\nd,4\n", captures: true).rows([3, 0, 2])
        let numbers = try #require(table.numbers(column: 1))
        #expect(numbers[0] == 4 && numbers[1] == 1 && numbers[2].isNaN)
        #expect(table.numbers(column: 0) == nil)   // text
    }

    @Test("join keys pair a shuffled copy back to its rows, for text and numeric ids")
    func joinKeysPairShuffledRows() throws {
        let idSets: [(String, [String])] = [
            ("short text", (0 ..< 40_000).map { "r\($0)" }),   // several stripes of rows
            ("medium text", (0 ..< 3000).map { "identifier-\($0)" }),   // 9 to 16 bytes: whole keys, compared inline
            ("long text", (0 ..< 3000).map { "a-rather-long-identifier-\($0)-with-more-than-16-bytes" }),
            ("integers", (0 ..< 3000).map { String($0 * 7919) }),
            ("floats", (0 ..< 3000).map { "\(Double($0) / 4)" }),
        ]
        for (name, ids) in idSets {
            let order = Array(ids.indices).shuffled()
            let answers = try Self.read("id,y\n" + ids.enumerated().map { "\($1),\($0)" }.joined(separator: "\n") + "\n", captures: true)
            let submission = try Self.read("id,p\n" + order.map { "\(ids[$0]),0.5" }.joined(separator: "\n") + "\n", captures: true)
            let a = try #require(answers.joinKeys(column: 0), "\(name)")
            let s = try #require(submission.joinKeys(column: 0), "\(name)")
            let pairs = try #require(s.pairing(with: a), "\(name)")
            #expect(pairs == order, "\(name)")
            // Long rows, and several stripes of rows (each writing its own runs of every group).
            let filler = String(repeating: "x", count: 100)
            let wide = try Self.read("id,p,note\n" + order.map { "\(ids[$0]),0.5,\(filler)" }.joined(separator: "\n") + "\n",
                                     captures: true)
            #expect(try #require(wide.joinKeys(column: 0)).pairing(with: a) == order, "\(name), long rows")
            // The same, with the keys made while the long rows are read.
            let keyed = try Self.read("id,p,note\n" + order.map { "\(ids[$0]),0.5,\(filler)" }.joined(separator: "\n") + "\n",
                                      captures: true, keyColumn: "id")
            // Made for ids of at most eight bytes (numbers pair by value, longer texts read again).
            #expect((keyed.storage.rowKeys != nil) == (name == "short text"), "\(name)")
            #expect(try #require(keyed.joinKeys(column: 0)).pairing(with: a) == order, "\(name), keys made while reading")
        }
    }

    @Test("keys crowding one group are grouped in two passes instead, and still paired exactly")
    func crowdedGroupsFallBackToTwoPasses() throws {
        let storage = try Self.read("id\na\n", captures: true).storage
        let n = 20_000   // eight groups of room for 2,758 keys each
        func keys(_ order: [Int]) -> CSVJoinKeys {
            CSVJoinKeys(storage: storage, count: n, threads: 2, shortKeyAt: { _ in nil }) { row in
                // Every hash in the same group (top bits), spread within it (low bits).
                let id = UInt64(order[row])
                // Sixteen bytes long: kept as whole keys, with these hashes.
                return CSVJoinKeys.Key(hash: 0x2a << 56 | (id &* 0x9e37_79b9_7f4a_7c15) >> 8, payload: id, tail: 0,
                                       length: 16, row: Int32(row))
            }
        }
        let answers = keys(Array(0 ..< n))
        #expect(answers.bits == 3)
        guard case .long(let groups) = answers.grouped else { Issue.record("not whole keys"); return }
        #expect(groups.runStarts[1] == groups.runCounts[0])   // runs laid end to end: the two-pass grouping
        let order = (0 ..< n).map { ($0 * 7 + 5) % n }
        #expect(keys(order).pairing(with: answers) == order)
        #expect(keys(order.map { $0 == 17 ? 18 : $0 }).pairing(with: answers) == nil)   // 18 twice, 17 missing
    }

    @Test("ids compare as pandas compares them: integers by value, text by characters")
    func idsCompareByValue() throws {
        let answers = try Self.read("id,y\n7,1\n8,0\n10,1\n", captures: true)
        let padded = try Self.read("id,p\n010,0.1\n007,0.2\n8,0.3\n", captures: true)
        let a = try #require(answers.joinKeys(column: 0))
        let p = try #require(padded.joinKeys(column: 0))
        #expect(p.pairing(with: a) == [2, 0, 1])
        // Text "x" is not a number: no pairing (the column is text, the answers' numbers).
        let textual = try #require(try Self.read("id,p\n7,0.1\n8,0.2\nx,0.3\n", captures: true).joinKeys(column: 0))
        #expect(textual.pairing(with: a) == nil)
    }

    @Test("repeated, unknown or missing ids give no pairing; quoted files take the general path")
    func badIdsGiveNoPairing() throws {
        let answers = try Self.read("id,y\na,1\nb,0\nc,1\n", captures: true)
        let a = try #require(answers.joinKeys(column: 0))
        // (The last: ids of up to eight bytes on one side, a longer one on the other.)
        for body in ["a\nb\nb\n", "a\nb\nz\n", "a\nb\n\n", "a\nb\n", "a\nb\nc-but-longer\n"] {
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let text = "id,p\n" + lines.map { "\($0),0.5" }.joined(separator: "\n") + "\n"
            let submission = try Self.read(text, captures: true)
            #expect(try #require(submission.joinKeys(column: 0)).pairing(with: a) == nil, "\(body)")
        }
        let repeated = try Self.read("id,y\na,1\na,0\nc,1\n", captures: true)
        let s = try #require(try Self.read("id,p\na,1\nc,0\na,1\n", captures: true).joinKeys(column: 0))
        let r = try #require(repeated.joinKeys(column: 0))
        #expect(s.pairing(with: r) == nil)
        #expect(try Self.read("id,p\n\"a\",1\nb,2\n", captures: true).joinKeys(column: 0) == nil)
    }
}
