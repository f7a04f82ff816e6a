import Foundation

/// A value from a recipe file, with the line it was written on.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .bool: return "boolean"
        case .array: return "array"
        case .table: return "table"
        }
    }
}

/// A TOML table that remembers the line of each key, so that errors can name it; keys are
/// kept in the order written, beside their values and lines.
public struct TOMLTable: Sendable, Equatable {
    private var entries = OrderedEntries<TOMLValue>()
    /// The line of the table's header (`[name]`), or 0 for the root.
    public var line: Int = 0

    /// The keys in the order written.
    public var keys: [String] { entries.keys }

    /// Each key's line: `table.lines["path"]`.
    public struct Lines: Sendable {
        fileprivate let entries: OrderedEntries<TOMLValue>
        public subscript(key: String) -> Int? { entries.line(of: key) }
    }
    public var lines: Lines { Lines(entries: entries) }

    public subscript(key: String) -> TOMLValue? { entries[key] }

    init() {}

    fileprivate init(entries: OrderedEntries<TOMLValue>, line: Int) {
        self.entries = entries
        self.line = line
    }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) { entries.set(key, value, line: line) }
}

/// A table's entries in the order written, each with its line. Most tables have a few keys,
/// which a scan finds faster than a hash (a lock of 100,000 files is 100,000 three-key
/// tables); a table of many gets an index.
struct OrderedEntries<Value> {
    private(set) var keys: [String] = []
    private(set) var values: [Value] = []
    private var lines: [Int] = []
    private var index: [String: Int] = [:]
    private static var indexedAbove: Int { 12 }

    private func position(of key: String) -> Int? {
        keys.count > Self.indexedAbove ? index[key] : keys.firstIndex(of: key)
    }

    subscript(key: String) -> Value? { position(of: key).map { values[$0] } }

    func line(of key: String) -> Int? { position(of: key).map { lines[$0] } }

    /// Replaces the value and line of `key`, or adds it last.
    mutating func set(_ key: String, _ value: Value, line: Int) {
        if let p = position(of: key) {
            values[p] = value
            lines[p] = line
            return
        }
        keys.append(key)
        values.append(value)
        lines.append(line)
        if keys.count > Self.indexedAbove {
            if index.isEmpty {
                index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
            } else {
                index[key] = keys.count - 1
            }
        }
    }

    mutating func setLine(_ line: Int, of key: String) {
        if let p = position(of: key) { lines[p] = line }
    }

    /// The same keys and lines with each value transformed (no key is looked up again).
    func mapValues<T>(_ transform: (Value) -> T) -> OrderedEntries<T> {
        var out = OrderedEntries<T>()
        out.keys = keys
        out.values = values.map(transform)
        out.lines = lines
        out.index = index
        return out
    }
}

extension OrderedEntries: Sendable where Value: Sendable {}
extension OrderedEntries: Equatable where Value: Equatable {}

public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// A parser for the subset of TOML that recipes use: tables, arrays of tables, strings,
/// integers, floats, booleans, arrays and inline tables. Anything else is an error with
/// its line, never a guess.
public struct TOMLParser {
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    /// Arrays and inline tables open around the value being read.
    private var depth = 0

    /// How deep arrays and inline tables may nest, and how many names a table header may
    /// have. The parser recurses once per level: 40,000 levels overflow the stack, and no
    /// recipe or lockfile needs more than a handful.
    public static let maxDepth = 64

    public static func parse(_ text: String) throws -> TOMLTable {
        var p = TOMLParser(bytes: Array(text.utf8))
        return try p.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var atEnd: Bool { i >= bytes.count }
    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private func fail(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

    private mutating func skipSpaces() {
        while let c = peek, c == 0x20 || c == 0x09 { i += 1 }
    }

    /// Spaces, comments and newlines (inside arrays).
    private mutating func skipBlank() {
        while let c = peek {
            if c == 0x20 || c == 0x09 || c == 0x0D { i += 1 } else if c == 0x0A { i += 1; line += 1 } else if c == 0x23 {
                while let d = peek, d != 0x0A { i += 1 }
            } else { break }
        }
    }

    private mutating func endOfLine() throws {
        skipSpaces()
        if peek == 0x23 { while let d = peek, d != 0x0A { i += 1 } }
        if peek == 0x0D { i += 1 }
        guard atEnd || peek == 0x0A else { throw fail("expected the end of the line") }
    }

    private mutating func document() throws -> TOMLTable {
        let root = TableNode(line: 0)
        // The table being filled: a plain table or the last element of an array of tables.
        var current = root
        while true {
            skipBlank()
            guard let c = peek else { break }
            if c == UInt8(ascii: "[") {
                let headerLine = line
                let isArray = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "[")
                i += isArray ? 2 : 1
                skipSpaces()
                var names = [try key()]
                skipSpaces()
                while peek == UInt8(ascii: ".") {
                    i += 1
                    skipSpaces()
                    names.append(try key())
                    skipSpaces()
                    if names.count > Self.maxDepth {
                        throw fail("table name has more than \(Self.maxDepth) parts")
                    }
                }
                guard peek == UInt8(ascii: "]") else { throw fail("expected ']' after the table name") }
                i += 1
                if isArray {
                    guard peek == UInt8(ascii: "]") else { throw fail("expected ']]' after the table name") }
                    i += 1
                }
                try endOfLine()
                current = try root.open(names, isArray: isArray, line: headerLine)
            } else {
                let keyLine = line
                let k = try key()
                skipSpaces()
                guard peek == UInt8(ascii: "=") else { throw fail("expected '=' after key '\(k)'") }
                i += 1
                skipSpaces()
                let v = try value()
                try endOfLine()
                if current[k] != nil { throw TOMLError(line: keyLine, message: "key '\(k)' is defined twice") }
                current.add(k, .value(v), line: keyLine)
            }
        }
        return root.frozen()
    }

    /// A table while the document is read. Tables are filled through references: with values
    /// nested in values, each key added to the last of 100,000 `[[competition.output]]` tables
    /// copied the whole array again (a lockfile of one image competition took seconds).
    private final class TableNode {
        enum Entry {
            case value(TOMLValue), table(TableNode), tables(TableList)
            var typeName: String {
                switch self {
                case .value(let v): return v.typeName
                case .table: return "table"
                case .tables: return "array"
                }
            }
        }
        /// An array of tables, appended to in place (an array in an enum payload is copied on
        /// each append, however it is taken out).
        final class TableList {
            var items: [TableNode]
            init(_ items: [TableNode]) { self.items = items }
        }
        var entries = OrderedEntries<Entry>()
        let line: Int
        init(line: Int) { self.line = line }

        subscript(key: String) -> Entry? { entries[key] }

        /// Adds a key that is not in the table yet.
        func add(_ key: String, _ entry: Entry, line: Int) { entries.set(key, entry, line: line) }

        /// The table a header `[a.b.c]` or `[[a.b.c]]` names, made (and, for an array,
        /// appended) here; `a` and `b` are found or made as plain tables, or are the last
        /// element of an array of tables.
        func open(_ names: [String], isArray: Bool, line: Int) throws -> TableNode {
            var t = self
            for name in names.dropLast() {
                switch t[name] {
                case nil:
                    let inner = TableNode(line: line)
                    t.add(name, .table(inner), line: line)
                    t = inner
                case .table(let inner)?: t = inner
                case .tables(let list)?: t = list.items[list.items.count - 1]
                case .value(let v)?:
                    throw TOMLError(line: line, message: "'\(name)' is a \(v.typeName) written as a value, not a table a header can extend")
                }
            }
            let last = names[names.count - 1]
            let fresh = TableNode(line: line)
            if isArray {
                switch t[last] {
                case nil: t.add(last, .tables(TableList([fresh])), line: line)
                case .tables(let list)?:
                    list.items.append(fresh)
                    t.entries.setLine(line, of: last)
                case let other?: throw TOMLError(line: line, message: "'\(last)' is already defined (\(other.typeName)), not as an array of tables")
                }
            } else {
                if let existing = t[last] {
                    throw TOMLError(line: line, message: "table '\(last)' is defined twice (first as a \(existing.typeName))")
                }
                t.add(last, .table(fresh), line: line)
            }
            return fresh
        }

        func frozen() -> TOMLTable {
            TOMLTable(entries: entries.mapValues { entry in
                switch entry {
                case .value(let x): return x
                case .table(let n): return .table(n.frozen())
                case .tables(let ns): return .array(ns.items.map { .table($0.frozen()) })
                }
            }, line: line)
        }
    }

    private mutating func key() throws -> String {
        if peek == UInt8(ascii: "\"") { return try basicString() }
        let start = i
        while let c = peek, (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D {
            i += 1
        }
        guard i > start else { throw fail("expected a key") }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func value() throws -> TOMLValue {
        guard let c = peek else { throw fail("expected a value") }
        if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
            depth += 1
            if depth > Self.maxDepth {
                throw fail("arrays or inline tables nested more than \(Self.maxDepth) levels deep")
            }
        }
        defer { if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { depth -= 1 } }
        switch c {
        case UInt8(ascii: "\""): return .string(try basicString())
        case UInt8(ascii: "'"):
            i += 1
            let start = i
            while let d = peek, d != UInt8(ascii: "'") {
                if d == 0x0A { throw fail("unterminated string") }
                i += 1
            }
            guard peek != nil else { throw fail("unterminated string") }
            defer { i += 1 }
            return .string(String(decoding: bytes[start..<i], as: UTF8.self))
        case UInt8(ascii: "["):
            let opened = line
            i += 1
            var items: [TOMLValue] = []
            while true {
                skipBlank()
                if peek == UInt8(ascii: "]") { i += 1; break }
                items.append(try value())
                skipBlank()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                skipBlank()
                // Name the line the array opened on: an unclosed one runs into later lines.
                guard peek == UInt8(ascii: "]") else { throw TOMLError(line: opened, message: "expected ',' or ']' in array") }
                i += 1
                break
            }
            return .array(items)
        case UInt8(ascii: "{"):
            i += 1
            var t = TOMLTable()
            t.line = line
            skipSpaces()
            if peek == UInt8(ascii: "}") { i += 1; return .table(t) }
            while true {
                skipSpaces()
                let k = try key()
                skipSpaces()
                guard peek == UInt8(ascii: "=") else { throw fail("expected '=' after key '\(k)'") }
                i += 1
                skipSpaces()
                if t[k] != nil { throw fail("key '\(k)' is defined twice") }
                t.set(k, try value(), line: line)
                skipSpaces()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                guard peek == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in inline table") }
                i += 1
                return .table(t)
            }
        default:
            let start = i
            while let d = peek, !(d == 0x20 || d == 0x09 || d == 0x0A || d == 0x0D || d == 0x2C || d == 0x5D || d == 0x7D || d == 0x23) {
                i += 1
            }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            if word == "true" { return .bool(true) }
            if word == "false" { return .bool(false) }
            let digits = word.utf8.contains(UInt8(ascii: "_")) ? String(word.filter { $0 != "_" }) : word
            if let n = Int64(digits) { return .integer(n) }
            if word == "nan" { return .float(.nan) }
            if word == "inf" || word == "+inf" { return .float(.infinity) }
            if word == "-inf" { return .float(-.infinity) }
            if let d = Double(digits), digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .float(d) }
            throw fail(word.isEmpty ? "expected a value" : "unexpected value '\(word)' (strings need quotes)")
        }
    }

    private mutating func basicString() throws -> String {
        i += 1
        var out = [UInt8]()
        while true {
            guard let c = peek, c != 0x0A else { throw fail("unterminated string") }
            i += 1
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") {
                guard let e = peek else { throw fail("unterminated string") }
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(v) else { throw fail("invalid \\u escape") }
                    i += 4
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
                }
            } else {
                out.append(c)
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("string is not valid UTF-8") }
        return s
    }
}
