import CFieldScan
import Foundation

/// Record and field boundaries as pandas' C tokenizer draws them (delimiter `,`, quote `"`,
/// doubled quotes, no escape character, blank and whitespace-only lines skipped, `\n`, `\r\n`
/// and lone `\r` all ending a line).
///
/// Only boundaries are found here; no field is copied. A quote opens a quoted field only at the
/// start of a field; inside an unquoted field it is an ordinary character, and text after a
/// closing quote continues the same field (`"ab"cd` reads as `abcd`), as in pandas.
enum CSVTokenizer {
    static let lf: UInt8 = 0x0a
    static let cr: UInt8 = 0x0d
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2c
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    /// Row flag: the record contains a quote character somewhere.
    static let quoteFlag: UInt8 = 1
    /// Row flag: the record had fewer fields than expected and is padded with missing values.
    static let paddedFlag: UInt8 = 2

    /// Offset of the first byte after a UTF-8 byte order mark, which pandas drops.
    static func contentStart(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        if count >= 3 && base[0] == 0xef && base[1] == 0xbb && base[2] == 0xbf { return 3 }
        return 0
    }

    /// Walks every record of the file in order, calling `body(start, end, flags, line)` with the
    /// record's byte range (without its line terminator), its flags and its 1-based line number.
    /// `body` returns false to stop early. Throws when the file ends inside a quoted field.
    static func forEachRecord(_ base: UnsafePointer<UInt8>, _ count: Int,
                              _ body: (Int, Int, UInt8, Int) throws -> Bool) throws {
        var pos = contentStart(base, count)
        var line = 1
        // Whether the last line ended with a lone '\r' (see the `.unsupported` check below).
        var afterLoneCR = false
        while pos < count {
            let c = base[pos]
            if c == lf {
                pos += 1; line += 1; afterLoneCR = false; continue
            }
            if c == cr {
                afterLoneCR = !(pos + 1 < count && base[pos + 1] == lf)
                pos = afterSkippedCR(base, count, pos)
                line += 1
                continue
            }
            if c == space || c == tab {
                // A line of only spaces and tabs is skipped like a blank one.
                var q = pos
                while q < count && (base[q] == space || base[q] == tab) { q += 1 }
                if q == count { break }
                if base[q] == lf { pos = q + 1; line += 1; afterLoneCR = false; continue }
                if base[q] == cr {
                    afterLoneCR = !(q + 1 < count && base[q + 1] == lf)
                    pos = afterSkippedCR(base, count, q)
                    line += 1
                    continue
                }
                // pandas backtracks over such a line to the last '\n' or to wherever its
                // current tokenizing call began; after a lone '\r' that re-reads earlier lines,
                // with results that depend on its internal buffering. Refuse rather than guess.
                if afterLoneCR { throw CSVError.unsupported(line: line, reason: "a line starting with a space or tab after a line ending in a lone carriage return") }
            }
            let start = pos
            let remaining = count - pos
            let newline = memchr(base + pos, Int32(lf), remaining)
            let lineEnd = newline.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
            let length = lineEnd - pos
            if memchr(base + pos, Int32(quote), length) == nil && memchr(base + pos, Int32(cr), length) == nil {
                if try !body(start, lineEnd, 0, line) { return }
                pos = lineEnd + 1
                line += 1
                afterLoneCR = false
                continue
            }
            let (end, next, flags) = try scanComplexRecord(base, count, from: start, line: line)
            if try !body(start, end, flags, line) { return }
            afterLoneCR = end < count && base[end] == cr && next == end + 1
            pos = next
            line += 1
        }
    }

    /// The state machine for a record that contains quotes or carriage returns.
    /// Returns the record's end (before its terminator), where the next record may begin, and
    /// the record's flags.
    static func scanComplexRecord(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int,
                                  line: Int) throws -> (end: Int, next: Int, flags: UInt8) {
        enum State { case startField, inField, quoted, quoteInQuoted }
        var state = State.startField
        var flags: UInt8 = 0
        var i = start
        while i < count {
            let c = base[i]
            switch state {
            case .startField:
                if c == quote { state = .quoted; flags |= quoteFlag }
                else if c == comma { state = .startField }
                else if c == lf { return (i, i + 1, flags) }
                else if c == cr { return (i, afterCR(base, count, i), flags) }
                else { state = .inField }
            case .inField:
                if c == comma { state = .startField }
                else if c == lf { return (i, i + 1, flags) }
                else if c == cr { return (i, afterCR(base, count, i), flags) }
                else if c == quote { flags |= quoteFlag }
            case .quoted:
                if c == quote { state = .quoteInQuoted }
            case .quoteInQuoted:
                if c == quote { state = .quoted }
                else if c == comma { state = .startField }
                else if c == lf { return (i, i + 1, flags) }
                else if c == cr { return (i, afterCR(base, count, i), flags) }
                else { state = .inField }
            }
            i += 1
        }
        if state == .quoted { throw CSVError.unterminatedQuote(line: line) }
        return (count, count, flags)
    }

    /// Where parsing resumes after the `\r` at `i` that ends a skipped (blank) line. pandas'
    /// `EAT_CRNL_NOP` state swallows the next byte when it is `\n` (a CRLF) and also when it is
    /// the delimiter, so a record right after a blank `\r`-terminated line loses a leading comma.
    @inline(__always)
    private static func afterSkippedCR(_ base: UnsafePointer<UInt8>, _ count: Int, _ i: Int) -> Int {
        if i + 1 < count && (base[i + 1] == lf || base[i + 1] == comma) { return i + 2 }
        return i + 1
    }

    @inline(__always)
    private static func afterCR(_ base: UnsafePointer<UInt8>, _ count: Int, _ i: Int) -> Int {
        (i + 1 < count && base[i + 1] == lf) ? i + 2 : i + 1
    }

    /// The 1-based line number of the record that starts at `offset`.
    static func lineNumber(ofRecordAt offset: Int, _ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var found = 1
        try? forEachRecord(base, count) { start, _, _, line in
            found = line
            return start < offset
        }
        return found
    }

    /// Splits the record `[start, end)` into raw field ranges, appending to `fields` as pairs of
    /// offsets (start, end). Quoted fields keep their quotes; see ``unquote``. Returns whether
    /// the record may hold a non-ASCII byte: exactly, for an unquoted record (its words are
    /// read anyway); always true for a quoted one.
    @inline(__always) @discardableResult
    static func splitFields(_ base: UnsafePointer<UInt8>, start: Int, end: Int, quoted: Bool,
                            into fields: FieldList) -> Bool {
        fields.removeAll()
        if !quoted { return fields.fillPlain(base, start: start, end: end) }
        var i = start
        var fieldStart = start
        while true {
            // At the start of a field.
            if i < end && base[i] == quote {
                i += 1
                // Inside quotes until a quote that is not doubled.
                while i < end {
                    if base[i] == quote {
                        if i + 1 < end && base[i + 1] == quote { i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
            }
            // Unquoted remainder of the field.
            while i < end && base[i] != comma { i += 1 }
            fields.append(fieldStart, i)
            if i >= end { return true }
            i += 1
            fieldStart = i
        }
    }

    /// The content of a raw field: unchanged when it does not start with a quote, otherwise the
    /// quoted part with doubled quotes undone, followed by whatever came after the closing quote.
    static func unquote(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var i = start + 1
        while i < end {
            let c = base[i]
            if c == quote {
                if i + 1 < end && base[i + 1] == quote { out.append(quote); i += 2; continue }
                i += 1
                break
            }
            out.append(c)
            i += 1
        }
        while i < end { out.append(base[i]); i += 1 }
    }

    /// Whether the raw field is exactly what Python's csv writer (QUOTE_MINIMAL, `\n` line
    /// terminator) would emit for its content, so it can be copied unchanged.
    static func isMinimallyQuoted(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        if start == end || base[start] != quote {
            // Unquoted: content is the raw bytes; it cannot hold `,` or a line break, so it
            // needs quotes only if it contains a quote character.
            return memchr(base + start, Int32(quote), end - start) == nil
        }
        // Quoted: must be one fully quoted run with nothing after the closing quote, and the
        // content must need quoting (a comma, quote or newline).
        var needsQuotes = false
        var i = start + 1
        while i < end {
            let c = base[i]
            if c == quote {
                if i + 1 < end && base[i + 1] == quote { needsQuotes = true; i += 2; continue }
                return i + 1 == end && needsQuotes
            }
            if c == comma || c == lf { needsQuotes = true }
            i += 1
        }
        return false
    }

    /// Appends `content` as Python's csv writer would: quoted (with doubled quotes) only when it
    /// contains a comma, a quote or `\n` (the line terminator; a lone `\r` is not quoted).
    static func appendQuotedIfNeeded(_ content: UnsafeBufferPointer<UInt8>, to out: OutputBuffer) {
        var needs = false
        for c in content where c == comma || c == quote || c == lf { needs = true; break }
        if !needs {
            out.append(content)
            return
        }
        out.append(quote)
        for c in content {
            if c == quote { out.append(quote) }
            out.append(c)
        }
        out.append(quote)
    }

    /// Strict UTF-8 validation as Python's decoder does it (no overlongs, no surrogates,
    /// nothing above U+10FFFF). Returns the offset of the first bad byte, or nil.
    static func firstInvalidUTF8(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end {
            let c = base[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var lower: UInt8 = 0x80, upper: UInt8 = 0xbf
            switch c {
            case 0xc2 ... 0xdf: need = 1
            case 0xe0: need = 2; lower = 0xa0
            case 0xe1 ... 0xec, 0xee ... 0xef: need = 2
            case 0xed: need = 2; upper = 0x9f
            case 0xf0: need = 3; lower = 0x90
            case 0xf1 ... 0xf3: need = 3
            case 0xf4: need = 3; upper = 0x8f
            default: return i
            }
            if i + need >= end { return i }
            let second = base[i + 1]
            if second < lower || second > upper { return i }
            var k = 2
            while k <= need {
                let b = base[i + k]
                if b < 0x80 || b > 0xbf { return i }
                k += 1
            }
            i += need + 1
        }
        return nil
    }
}

/// A reusable list of field boundaries (pairs of offsets), refilled for every record.
///
/// A class over raw storage rather than two arrays: `Array.append` re-checks uniqueness on every
/// call, which showed up at hundreds of millions of fields. Each instance is used by one thread.
final class FieldList {
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var ends: UnsafeMutablePointer<Int>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        starts = .allocate(capacity: self.capacity)
        ends = .allocate(capacity: self.capacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
    }

    @inline(__always) func removeAll() { count = 0 }

    /// Fills the list with the fields of the unquoted record `[start, end)` and returns whether
    /// it holds a non-ASCII byte: the commas found by `CFieldScan_commas` (sixteen bytes at a
    /// time) become the fields' ends, and each next field starts after one.
    @inline(__always)
    func fillPlain(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Bool {
        var nonASCII: Int32 = 0
        var commas = CFieldScan_commas(base, start, end, ends, capacity - 1, &nonASCII)
        if commas > capacity - 1 {
            count = 0
            while capacity - 1 < commas { grow() }
            commas = CFieldScan_commas(base, start, end, ends, capacity - 1, &nonASCII)
        }
        let s = starts, e = ends
        s[0] = start
        var k = 1
        while k <= commas {
            s[k] = e[k &- 1] &+ 1
            k &+= 1
        }
        e[commas] = end
        count = commas &+ 1
        return nonASCII != 0
    }

    @inline(__always) func append(_ start: Int, _ end: Int) {
        if count == capacity { grow() }
        starts[count] = start
        ends[count] = end
        count += 1
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        newStarts.update(from: starts, count: count)
        newEnds.update(from: ends, count: count)
        starts.deallocate()
        ends.deallocate()
        starts = newStarts
        ends = newEnds
        capacity = newCapacity
    }
}
