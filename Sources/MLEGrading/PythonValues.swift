import Foundation
import MLEPyCompat
import MLETable

// Python's and pandas' view of a cell, as the graders' references see it: `str()`, `astype(str)`,
// `int()`, `float()`, `str.split()`, and the label checks scikit-learn makes.

/// Python's `str(value)` of a cell as pandas holds it (`astype(str)`): a missing cell is "nan".
func pythonStr(_ v: CSVTable.Value) -> String {
    switch v {
    case .missing: return "nan"
    case .double(let x): return x.isNaN ? "nan" : (x.isInfinite ? (x > 0 ? "inf" : "-inf") : PythonFloat.repr(x))
    default: return v.csvText
    }
}

/// `Series.astype(str)`: NaN and empty cells are "nan", numbers their Python repr.
func astypeStr(_ cells: [CSVTable.Value]) -> [String] {
    cells.map { cell in
        switch cell {
        case .missing: return "nan"
        case .double(let x) where x.isNaN: return "nan"
        default: return cell.csvText
        }
    }
}

/// Cells that must already be Python `str` (no empty cells, no numbers).
func strictText(_ cells: [CSVTable.Value], name: String) throws -> [String] {
    try cells.enumerated().map { row, cell in
        guard case .text(let s) = cell else {
            throw SubmissionError("column '\(name)' must hold text, found '\(cell.csvText)' at row \(row + 1)")
        }
        return s
    }
}

/// A cell that must be text or missing (pandas' NaN): nil when missing.
func optionalText(_ cell: CSVTable.Value, name: String, row: Int) throws -> String? {
    switch cell {
    case .text(let s): return s
    case .missing: return nil
    case .double(let x) where x.isNaN: return nil
    default: throw SubmissionError("column '\(name)' must hold text, found '\(cell.csvText)' at row \(row + 1)")
    }
}

/// Text cells after `fillna("")`: an empty cell is "", anything else must be text (the reference
/// calls string methods on every cell).
func textCells(_ cells: [CSVTable.Value], name: String) throws -> [String] {
    try cells.enumerated().map { row, cell -> String in
        switch cell {
        case .text(let s): return s
        case .missing: return ""
        case .double(let x) where x.isNaN: return ""
        default: throw SubmissionError("column '\(name)' must hold text, found the number \(cell.csvText) at row \(row + 1)")
        }
    }
}

/// A numeric cell as `check_array` converts it: numbers, booleans, or text that parses as a float.
func numericCell(_ cell: CSVTable.Value, name: String) throws -> Double {
    switch cell {
    case .int(let v): return Double(v)
    case .uint(let v): return Double(v)
    case .double(let v):
        guard v.isFinite else { throw SubmissionError("column '\(name)' has a NaN or infinite value") }
        return v
    case .bool(let b): return b ? 1 : 0
    case .missing: throw SubmissionError("column '\(name)' has an empty value")
    case .text(let s):
        guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw SubmissionError("column '\(name)' must be numeric, found '\(s.prefix(40))'")
        }
        return v
    }
}

/// Label cells as scikit-learn's `type_of_target` accepts numeric labels: integral and finite
/// (a fractional value makes a "continuous" target, NaN or an empty cell an error); text beside
/// numbers is a mix of label types. Booleans are 0 and 1.
func integralLabels(_ cells: [CSVTable.Value], name: String) throws -> [Double] {
    try cells.enumerated().map { row, cell -> Double in
        let v: Double
        switch cell {
        case .int(let x): v = Double(x)
        case .uint(let x): v = Double(x)
        case .double(let x): v = x
        case .bool(let b): v = b ? 1 : 0
        case .missing: throw SubmissionError("column '\(name)' has an empty value at row \(row + 1)")
        case .text(let s): throw SubmissionError("column '\(name)' mixes text ('\(s.prefix(40))') with numeric labels")
        }
        guard v.isFinite else { throw SubmissionError("column '\(name)' has \(v) at row \(row + 1)") }
        guard v == v.rounded() else {
            throw SubmissionError("column '\(name)' must hold class labels, found the continuous value \(v) at row \(row + 1)")
        }
        return v
    }
}

/// Python's `int(y)` of a pandas cell.
func pythonIntLabel(_ cell: CSVTable.Value, name: String, row: Int) throws -> Int {
    switch cell {
    case .int(let v): return Int(v)
    case .uint(let v):
        guard let i = Int(exactly: v) else { throw SubmissionError("column '\(name)' has the label \(v), too large") }
        return i
    case .bool(let b): return b ? 1 : 0
    case .double(let x):
        guard x.isFinite else { throw SubmissionError("column '\(name)' has \(x.isNaN ? "an empty value" : "\(x)") at row \(row + 1)") }
        guard let i = Int(exactly: x.rounded(.towardZero)) else { throw SubmissionError("column '\(name)' has the label \(x), too large") }
        return i
    case .missing: throw SubmissionError("column '\(name)' has an empty value at row \(row + 1)")
    case .text(let s):
        guard let i = asciiIntLiteral(s) else {
            throw SubmissionError("column '\(name)' must hold integer labels, found '\(s.prefix(40))' at row \(row + 1)")
        }
        return i
    }
}

/// `int(s)` for a str: surrounding whitespace, an optional sign, ASCII digits with single
/// underscores between them; nil where Python raises (or the value overflows 64 bits).
func asciiIntLiteral(_ s: String) -> Int? {
    var scalars = Array(s.unicodeScalars)
    while let f = scalars.first, isPythonSpace(f.value) { scalars.removeFirst() }
    while let l = scalars.last, isPythonSpace(l.value) { scalars.removeLast() }
    var negative = false
    if let f = scalars.first, f == "+" || f == "-" { negative = f == "-"; scalars.removeFirst() }
    guard let first = scalars.first, let last = scalars.last, first != "_", last != "_" else { return nil }
    var value = 0, previousUnderscore = false
    for c in scalars {
        if c == "_" {
            if previousUnderscore { return nil }
            previousUnderscore = true
            continue
        }
        previousUnderscore = false
        guard c.value >= 48 && c.value <= 57 else { return nil }
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int(c.value - 48))
        if o1 || o2 { return nil }
        value = a
    }
    return negative ? -value : value
}

/// What Python's `int(str)` reads: the value, or nil for an integer beyond 64 bits (Python's
/// are unbounded).
struct PythonInt { var value: Int? }

/// Python's `int(text)`: surrounding whitespace, a sign, then decimal digits (of any script)
/// with single underscores between them. nil where Python raises.
func pythonInt(_ text: Substring) -> PythonInt? {
    var scalars = text.unicodeScalars[...]
    while let f = scalars.first, isPythonSpace(f.value) { scalars.removeFirst() }
    while let l = scalars.last, isPythonSpace(l.value) { scalars.removeLast() }
    var negative = false
    if let f = scalars.first, f == "+" || f == "-" { negative = f == "-"; scalars.removeFirst() }
    var value: Int? = 0, digits = 0, lastUnderscore = false
    for u in scalars {
        if u == "_" {
            guard digits > 0, !lastUnderscore else { return nil }
            lastUnderscore = true
            continue
        }
        let d: Int
        if u.value >= 48 && u.value <= 57 {
            d = Int(u.value - 48)
        } else if u.value >= 128, u.properties.numericType == .decimal, let v = u.properties.numericValue {
            d = Int(v)
        } else {
            return nil
        }
        if let v = value {
            let (times, o1) = v.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(negative ? -d : d)
            value = o1 || o2 ? nil : sum
        }
        digits += 1
        lastUnderscore = false
    }
    guard digits > 0, !lastUnderscore else { return nil }
    return PythonInt(value: value)
}

/// `list(map(int, s.split()))`; nil when a token is not a Python integer literal or is beyond
/// 64 bits.
func pythonIntTokens(_ s: String) -> [Int]? {
    var out = [Int]()
    for token in pythonSplit(s) {
        guard let v = pythonInt(token)?.value else { return nil }
        out.append(v)
    }
    return out
}

/// ``pythonFloat(_:)``, or the error `invalid` makes of "`what` has '`text`' where a number belongs".
func pythonNumber<S: StringProtocol>(_ text: S, in what: String, _ invalid: (String) -> any Error) throws -> Double {
    guard let v = pythonFloat(text) else { throw invalid("\(what) has '\(text.prefix(40))' where a number belongs") }
    return v
}

/// Python's `float(str)`: surrounding whitespace, a sign, then `inf`, `infinity` or `nan` in any
/// case, or a decimal number (digits with single underscores between them, at most one point, an
/// optional exponent). nil where Python raises. Only ASCII digits are read (Python also takes the
/// decimal digits of other scripts).
func pythonFloat<S: StringProtocol>(_ text: S) -> Double? {
    var c = text.unicodeScalars.map(\.value)[...]
    while let f = c.first, isPythonSpace(f) { c.removeFirst() }
    while let l = c.last, isPythonSpace(l) { c.removeLast() }
    var negative = false
    if let f = c.first, f == 43 || f == 45 { negative = f == 45; c.removeFirst() }
    let word = String(decoding: c.map { UInt8(truncatingIfNeeded: $0 | ($0 < 128 ? 0x20 : 0)) }, as: UTF8.self)
    if c.allSatisfy({ $0 < 128 }) {
        if word == "inf" || word == "infinity" { return negative ? -.infinity : .infinity }
        if word == "nan" { return .nan }
    }
    func isDigit(_ v: UInt32?) -> Bool { v.map { $0 >= 48 && $0 <= 57 } ?? false }
    var body: [UInt8] = negative ? [45] : []
    var digits = 0, point = false, exponent = false, exponentDigits = 0
    for i in c.indices {
        let v = c[i], previous = i > c.startIndex ? c[i - 1] : nil
        if isDigit(v) {
            if exponent { exponentDigits += 1 } else { digits += 1 }
        } else if v == 95 {  // '_' between two digits only
            guard isDigit(previous), isDigit(i + 1 < c.endIndex ? c[i + 1] : nil) else { return nil }
            continue
        } else if v == 46 {  // '.'
            guard !point, !exponent else { return nil }
            point = true
        } else if v == 101 || v == 69 {  // 'e', 'E'
            guard !exponent, digits > 0 else { return nil }
            exponent = true
        } else if v == 43 || v == 45 {
            guard previous == 101 || previous == 69 else { return nil }
        } else {
            return nil
        }
        body.append(UInt8(v))
    }
    guard digits > 0, !exponent || exponentDigits > 0 else { return nil }
    return Double(String(decoding: body, as: UTF8.self))
}

/// Python's `str.split()`: runs of Unicode whitespace separate words; no empty words.
func pythonSplit(_ s: String) -> [Substring] {
    s.unicodeScalars.split(whereSeparator: { isPythonSpace($0.value) }).map { Substring($0) }
}

/// Python's `str.isspace()` (the separators of `str.split()` and `str.strip()`).
@inline(__always)
func isPythonSpace(_ c: UInt32) -> Bool {
    if c < 128 { return (c >= 9 && c <= 13) || (c >= 28 && c <= 32) }
    switch c {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

/// A string compared and hashed by its code points, as Python compares `str`.
struct CodePointString: Hashable {
    let bytes: [UInt8]
    init(_ s: Substring) { bytes = Array(s.utf8) }
}

/// Python's `==` of two cells as pandas holds them (numbers by value, text by content).
func sameCell(_ a: CSVTable.Value, _ b: CSVTable.Value) -> Bool {
    func number(_ v: CSVTable.Value) -> Double? {
        switch v {
        case .int(let x): return Double(x)
        case .uint(let x): return Double(x)
        case .double(let x): return x
        case .bool(let x): return x ? 1 : 0
        default: return nil
        }
    }
    if case .text(let x) = a, case .text(let y) = b { return x == y }
    if let x = number(a), let y = number(b) { return x == y }
    return false
}
