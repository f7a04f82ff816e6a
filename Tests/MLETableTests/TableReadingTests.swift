import Foundation
import MLEPyCompat
import MLETable
import Testing

/// `json.load`, `read_csv(dtype=str)` and `RandomState.randint`, against values printed by
/// Python 3, pandas 2.2.2 and numpy 1.26.4.
struct TableReadingTests {
    @Test(arguments: [
        (#"{"b": 1, "a": [1.0, -0, 1E400, -1e-400, 0.30000000000000004, true, null], "b": "\ud83d\ude00\u00e9\/"}"#,
         "{\n    \"b\": \"\\ud83d\\ude00\\u00e9/\",\n    \"a\": [\n        1.0,\n        0,\n        Infinity,\n        -0.0,\n        0.30000000000000004,\n        true,\n        null\n    ]\n}"),
        (" [NaN, -Infinity, 1e16, 12345678901234567]  ", "[\n    NaN,\n    -Infinity,\n    1e+16,\n    12345678901234567\n]"),
    ])
    func loadingThenDumpingMatchesPython(_ text: String, _ expected: String) throws {
        #expect(try PythonJSON.load(Array(text.utf8)).dumps() == expected)
    }

    @Test(arguments: [
        ("[1, 2] x", "Extra data: line 1 column 8"),
        ("[1, 2,]", "Expecting value: line 1 column 7"),
        ("{\"a\": 1,}", "Expecting property name enclosed in double quotes: line 1 column 9"),
        ("{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6"),
        ("[\"a\n\"]", "Invalid control character at: line 1 column 4"),
        ("[01]", "Expecting ',' delimiter: line 1 column 3"),
        ("\n[\"\\ud800\"]", "lone surrogate \\ud800, which mlepkg's JSON model cannot hold: line 2 column 3"),
        ("[123456789012345678901234567890]", "does not fit 64 bits"),
        ("", "Expecting value: line 1 column 1"),
    ])
    func malformedJSONIsRefusedWithPythonsMessage(_ text: String, _ expected: String) {
        #expect(throws: (any Error).self) { try PythonJSON.load(Array(text.utf8)) }
        do { _ = try PythonJSON.load(Array(text.utf8)) } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func stringColumnsKeepTheFilesText() throws {
        let csv = "id,x,y\n007,1.50,a\n\"0042\",2,b\nNA,3,\n1e3,4,\"c,d\"\n"
        let table = try CSVTable(bytes: Array(csv.utf8)).keepingText(columns: ["id", "x"])
        #expect(String(decoding: table.csvData(), as: UTF8.self) == "id,x,y\n007,1.50,a\n0042,2,b\n,3,\n1e3,4,\"c,d\"\n")
        #expect(table.columnType(named: "id") == .object && table.columnType(named: "x") == .object)
        #expect(table.value(row: 0, column: 0) == .text("007") && table.value(row: 2, column: 0) == .missing)
        // Row selections made before are kept.
        let picked = try CSVTable(bytes: Array(csv.utf8)).rows([3, 0]).keepingText(columns: ["id"])
        #expect(String(decoding: picked.csvData(), as: UTF8.self) == "id,x,y\n1e3,4.0,\"c,d\"\n007,1.5,a\n")
        #expect(throws: CSVError.columnNotFound("nope")) { try CSVTable(bytes: Array(csv.utf8)).keepingText(columns: ["nope"]) }
    }

    @Test func randintDrawsLikeLegacyRandomState() {
        var a = MT19937(seed: 42)
        #expect(a.randint(low: 1, high: 7, count: 12) == [4, 5, 3, 5, 5, 2, 3, 3, 3, 5, 4, 3])
        var b = MT19937(seed: 0)
        #expect(b.randint(low: -5, high: 1_000_000, count: 5) == [985767, 305706, 435824, 117947, 963390])
        var c = MT19937(seed: 3)
        #expect(c.randint(low: 0, high: 1 << 40, count: 3) == [455570294424, 1073054410371, 790795084744])
    }
}
