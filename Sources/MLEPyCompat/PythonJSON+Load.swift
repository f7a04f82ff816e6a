/// Why a JSON document could not be read as Python's `json.load` reads it.
public struct JSONLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line and column of the offending byte, as Python's `JSONDecodeError` reports them.
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(message): line \(line) column \(column)" }
}

extension PythonJSON {
    /// Parses `bytes` as `json.load(open(path))` does (UTF-8 text, strict mode): numbers with a
    /// fraction or exponent become floats (correctly rounded, as `float()`), others ints;
    /// `NaN`, `Infinity` and `-Infinity` are accepted; a key repeated in one object keeps its
    /// first position and its last value (a `dict` built item by item).
    ///
    /// ```swift
    /// let value = try PythonJSON.load(Array(#"[{"id": "a", "x": 1.50}]"#.utf8))
    /// value.dumps()  // "[\n    {\n        \"id\": \"a\",\n        \"x\": 1.5\n    }\n]"
    /// ```
    ///
    /// - Parameters:
    ///   - wideIntegers: what to do with integers outside 64 bits, which this model cannot hold.
    /// - Throws: ``JSONLoadError`` with Python's message for malformed input, and for values
    ///   this model cannot hold (integers outside 64 bits unless read `.asFloats`, lone
    ///   surrogates in strings).
    public static func load<Bytes: Collection>(_ bytes: Bytes, wideIntegers: WideIntegers = .refused) throws -> PythonJSON
    where Bytes.Element == UInt8 {
        var parser = JSONParser(Array(bytes))
        parser.wideIntegers = wideIntegers
        return try parser.document()
    }

    /// How ``load(_:wideIntegers:)`` reads integers outside 64 bits: refused, or as the nearest
    /// float, for readers that never use their digits (MLE-bench's question-answering answers
    /// carry unsigned 64-bit annotation ids beside the spans a grader reads).
    public enum WideIntegers: Sendable { case refused, asFloats }
}

/// A recursive-descent reader following CPython's `json.scanner` and `json.decoder`.
struct JSONParser {
    let bytes: [UInt8]
    var i = 0
    var depth = 0
    var wideIntegers = PythonJSON.WideIntegers.refused

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ message: String, at position: Int? = nil) -> JSONLoadError {
        let p = min(position ?? i, bytes.count)
        var line = 1, lineStart = 0
        for k in 0 ..< p where bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
        // Python counts characters, not bytes, in the column.
        let column = String(decoding: bytes[lineStart ..< p], as: UTF8.self).unicodeScalars.count + 1
        return JSONLoadError(line: line, column: column, message: message)
    }

    mutating func document() throws -> PythonJSON {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { throw fail("Unexpected UTF-8 BOM (decode using utf-8-sig)") }
        skipSpace()
        let value = try self.value()
        skipSpace()
        if i < bytes.count { throw fail("Extra data") }
        return value
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    mutating func literal(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard bytes.count - i >= w.count, bytes[i ..< i + w.count].elementsEqual(w) else { return false }
        i += w.count
        return true
    }

    mutating func value() throws -> PythonJSON {
        guard i < bytes.count else { throw fail("Expecting value") }
        switch bytes[i] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "n") where literal("null"): return .null
        case UInt8(ascii: "t") where literal("true"): return .bool(true)
        case UInt8(ascii: "f") where literal("false"): return .bool(false)
        case UInt8(ascii: "N") where literal("NaN"): return .float(.nan)
        case UInt8(ascii: "I") where literal("Infinity"): return .float(.infinity)
        case UInt8(ascii: "-") where literal("-Infinity"): return .float(-.infinity)
        default:
            if let n = try number() { return n }
            throw fail("Expecting value")
        }
    }

    /// Python's `NUMBER_RE`: `(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?`.
    mutating func number() throws -> PythonJSON? {
        let start = i
        var k = i
        func digits(_ k: inout Int) -> Int {
            let s = k
            while k < bytes.count, bytes[k] >= 0x30, bytes[k] <= 0x39 { k += 1 }
            return k - s
        }
        if k < bytes.count, bytes[k] == UInt8(ascii: "-") { k += 1 }
        guard k < bytes.count, bytes[k] >= 0x30, bytes[k] <= 0x39 else { return nil }
        if bytes[k] == 0x30 { k += 1 } else { _ = digits(&k) }
        var isFloat = false
        if k + 1 < bytes.count, bytes[k] == UInt8(ascii: "."), bytes[k + 1] >= 0x30, bytes[k + 1] <= 0x39 {
            k += 1
            _ = digits(&k)
            isFloat = true
        }
        if k < bytes.count, bytes[k] == UInt8(ascii: "e") || bytes[k] == UInt8(ascii: "E") {
            var e = k + 1
            if e < bytes.count, bytes[e] == UInt8(ascii: "+") || bytes[e] == UInt8(ascii: "-") { e += 1 }
            if digits(&e) > 0 { k = e; isFloat = true }
        }
        let text = String(decoding: bytes[start ..< k], as: UTF8.self)
        i = k
        if isFloat {
            guard let d = Double(text) else { throw fail("invalid number '\(text)'", at: start) }
            return .float(d)
        }
        guard let n = Int(text) else {
            if wideIntegers == .asFloats, let d = Double(text) { return .float(d) }
            throw fail("integer \(text) does not fit 64 bits, which mlepkg's JSON model cannot hold", at: start)
        }
        return .int(n)
    }

    mutating func string() throws -> String {
        let open = i
        i += 1
        var out = [UInt8]()
        while true {
            guard i < bytes.count else { throw fail("Unterminated string starting at", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("Invalid control character at") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            let escapeAt = i
            i += 1
            guard i < bytes.count else { throw fail("Unterminated string starting at", at: open) }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(escapeAt)
                if (0xD800 ..< 0xDC00).contains(scalar), i + 1 < bytes.count,
                   bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    let save = i
                    i += 2
                    let low = try hex4(save)
                    if (0xDC00 ..< 0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        i = save
                    }
                }
                guard let u = Unicode.Scalar(scalar) else {
                    throw fail("lone surrogate \\u\(String(scalar, radix: 16)), which mlepkg's JSON model cannot hold", at: escapeAt)
                }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw fail("Invalid \\escape", at: escapeAt)
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw fail("'utf-8' codec can't decode the string starting at", at: open)
        }
        return s
    }

    mutating func hex4(_ escapeAt: Int) throws -> UInt32 {
        guard bytes.count - i >= 4 else { throw fail("Invalid \\uXXXX escape", at: escapeAt) }
        var v: UInt32 = 0
        for k in i ..< i + 4 {
            let b = bytes[k]
            let d: UInt32
            switch b {
            case 0x30 ... 0x39: d = UInt32(b - 0x30)
            case 0x41 ... 0x46: d = UInt32(b - 0x41 + 10)
            case 0x61 ... 0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("Invalid \\uXXXX escape", at: escapeAt)
            }
            v = v * 16 + d
        }
        i += 4
        return v
    }

    mutating func nest() throws {
        depth += 1
        // CPython raises RecursionError far earlier than this would overflow our stack.
        if depth > 900 { throw fail("maximum nesting depth exceeded") }
    }

    mutating func array() throws -> PythonJSON {
        try nest()
        defer { depth -= 1 }
        i += 1
        skipSpace()
        var items: [PythonJSON] = []
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail("Expecting ',' delimiter") }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            guard bytes[i] == UInt8(ascii: ",") else { throw fail("Expecting ',' delimiter") }
            i += 1
            skipSpace()
        }
    }

    mutating func object() throws -> PythonJSON {
        try nest()
        defer { depth -= 1 }
        i += 1
        skipSpace()
        var members: [PythonJSON.Member] = []
        var position: [String: Int] = [:]
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw fail("Expecting property name enclosed in double quotes")
            }
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("Expecting ':' delimiter") }
            i += 1
            skipSpace()
            let v = try value()
            if let p = position[key] { members[p].value = v } else {
                position[key] = members.count
                members.append(PythonJSON.Member(key, v))
            }
            skipSpace()
            guard i < bytes.count else { throw fail("Expecting ',' delimiter") }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            guard bytes[i] == UInt8(ascii: ",") else { throw fail("Expecting ',' delimiter") }
            i += 1
            skipSpace()
        }
    }
}
