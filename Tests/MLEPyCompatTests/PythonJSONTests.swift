import Testing
@testable import MLEPyCompat

@Suite("json.dump(obj, f, indent=4)")
struct PythonJSONTests {
    @Test("layout, escapes and floats match Python")
    func generated() {
        let values: [PythonJSON] = [
            .object([.init("a", .int(1)), .init("b", .array([.int(1), .float(2.0), .string("x")])), .init("c", .object([])),
                     .init("d", .array([])), .init("e", .null), .init("f", .bool(true)), .init("g", .bool(false))]),
            .object([.init("name", .string("caf\u{e9} \u{4e2d} \u{1F600}")),
                     .init("esc", .string("q\"b\\s\n\r\t\u{08}\u{0C}\u{01}\u{7f}")),
                     .init("float", .array([.float(1e-05), .float(1e16), .float(0.1), .float(-0.0), .float(100.0),
                                            .float(.nan), .float(.infinity), .float(-.infinity)]))]),
            .array([]),
            .object([]),
            .array([.array([]), .object([]), .array([.array([.int(1)])]), .object([.init("k", .object([.init("k2", .array([.null]))]))])]),
            .string("plain"),
            .int(12_345_678_901_234),
            .float(2.5),
        ]
        #expect(values.count == GeneratedVectors.json.count)
        for (value, expected) in zip(values, GeneratedVectors.json) {
            #expect(value.dumps() == expected)
            #expect(value.dumpBytes() == Array(expected.utf8))
        }
    }

    @Test("indent: nil is json.dumps(obj): one line, ', ' and ': ' (strings from Python 3)")
    func compact() {
        let cases: [(PythonJSON, String)] = [
            (.object([.init("a", .int(1)), .init("b", .array([.int(1), .float(2.0), .string("x")])), .init("c", .object([])),
                      .init("d", .array([])), .init("e", .null), .init("f", .bool(true)), .init("g", .bool(false))]),
             #"{"a": 1, "b": [1, 2.0, "x"], "c": {}, "d": [], "e": null, "f": true, "g": false}"#),
            (.object([.init("name", .string("caf\u{e9} \u{4e2d} \u{1F600}")),
                      .init("esc", .string("q\"b\\s\n\r\t\u{08}\u{0C}\u{01}\u{7f}")),
                      .init("float", .array([.float(1e-05), .float(1e16), .float(0.1), .float(-0.0), .float(100.0),
                                             .float(.nan), .float(.infinity), .float(-.infinity)]))]),
             #"{"name": "caf\u00e9 \u4e2d \ud83d\ude00", "esc": "q\"b\\s\n\r\t\b\f\u0001\u007f", "float": [1e-05, 1e+16, 0.1, -0.0, 100.0, NaN, Infinity, -Infinity]}"#),
            (.array([]), "[]"),
            (.object([]), "{}"),
            (.array([.array([]), .object([]), .array([.array([.int(1)])]), .object([.init("k", .object([.init("k2", .array([.null]))]))])]),
             #"[[], {}, [[1]], {"k": {"k2": [null]}}]"#),
            (.string("plain"), #""plain""#),
            (.int(12_345_678_901_234), "12345678901234"),
            (.float(2.5), "2.5"),
        ]
        for (value, expected) in cases {
            #expect(value.dumps(indent: nil) == expected)
            #expect(value.dumpBytes(indent: nil) == Array(expected.utf8))
        }
    }
}
