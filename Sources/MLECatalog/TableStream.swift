import Foundation

/// A CSV file read row by row in bounded memory.
///
/// Meta Kaggle's Submissions.csv is gigabytes; the catalog never holds more than one buffer of
/// it (8 MiB, grown only for a single row longer than that). Quoted fields may hold commas,
/// doubled quotes and newlines (descriptions do); CRLF and a UTF-8 BOM are accepted. Columns are
/// found by name in the header, since they move between dumps.
///
/// ```swift
/// let stream = try TableStream(path: "Teams.csv")
/// let id = try stream.column("Id")
/// try stream.forEachRow { row in print(try row.int(id)) }
/// ```
final class TableStream {
    let path: String
    /// The file's name, as errors show it.
    let name: String
    private(set) var header: [String]
    let size: Int64
    private let fd: Int32
    fileprivate var buffer: UnsafeMutableRawBufferPointer
    private var start = 0, end = 0, eof = false
    /// Bytes consumed before `buffer[0]`.
    private var consumed: Int64 = 0
    /// Physical line of the row being parsed (1 is the header).
    private(set) var line = 1
    private var starts: [Int] = [], ends: [Int] = [], escaped: [Bool] = []

    /// - Parameter chunk: the first buffer's size (tests make it tiny to cross every boundary).
    init(path: String, chunk: Int = 8 << 20) throws {
        self.path = path
        name = (path as NSString).lastPathComponent
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CatalogError.unreadable(file: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        fstat(fd, &st)
        size = Int64(st.st_size)
        buffer = .allocate(byteCount: max(4, chunk), alignment: 16)
        header = []
        posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        // A UTF-8 byte order mark is not part of the first column's name.
        if try refill(), end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        var names: [String] = []
        let got = try nextRow()
        guard got else { throw CatalogError.schema(file: name, column: "", reason: "the file is empty (no header)") }
        for i in 0 ..< starts.count { names.append(text(i)) }
        header = names
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// The index of a column, or nil.
    func index(_ column: String) -> Int? { header.firstIndex(of: column) }

    /// The index of a column the table must have.
    func column(_ column: String) throws -> Int {
        guard let i = index(column) else {
            throw CatalogError.schema(file: name, column: column, reason: "the column is missing (columns: \(header.prefix(16).joined(separator: ", "))\(header.count > 16 ? ", …" : ""))")
        }
        return i
    }

    /// Bytes read so far, for progress.
    var position: Int64 { consumed + Int64(start) }

    /// Calls `body` for every data row; a row with the wrong number of fields stops the read
    /// with the file, line and the column where it went wrong.
    func forEachRow(_ body: (Row) throws -> Void) throws {
        while try nextRow() {
            if starts.count == 1, ends[0] == starts[0], !escaped[0] { continue }  // blank line
            guard starts.count == header.count else {
                let n = starts.count
                let where_ = n < header.count ? "ends after column '\(header[max(0, n - 1)])'" : "has \(n - header.count) field(s) beyond the last column '\(header.last ?? "")'"
                throw CatalogError.malformed(file: name, line: line, column: n < header.count ? header[n] : header.last ?? "",
                                             reason: "the row \(where_) (expected \(header.count) fields, got \(n))\(eof && start >= end ? "; the file looks truncated" : "")")
            }
            try body(Row(stream: self))
        }
    }

    /// One data row; valid only inside `forEachRow`'s body.
    struct Row {
        fileprivate let stream: TableStream
        var line: Int { stream.line }
        func text(_ i: Int) -> String { stream.text(i) }
        func isEmpty(_ i: Int) -> Bool { stream.ends[i] == stream.starts[i] }
        /// The cell's bytes as in the file (quotes removed, doubled quotes not undone).
        func bytes(_ i: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: stream.buffer[stream.starts[i] ..< stream.ends[i]])
        }
        /// An integer cell (pandas writes integer ids of a column with blanks as `123.0`); nil when empty.
        func int(_ i: Int) throws -> Int64? {
            let s = stream.starts[i], e = stream.ends[i]
            if s == e { return nil }
            let p = stream.buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var v: Int64 = 0, k = s, negative = false
            if p[k] == UInt8(ascii: "-") { negative = true; k += 1 }
            let digits = k
            while k < e, p[k] >= 48, p[k] <= 57 { v = v &* 10 &+ Int64(p[k] - 48); k += 1 }
            if k < e, p[k] == UInt8(ascii: "."), k > digits {  // "123.0"
                var z = k + 1
                while z < e, p[z] == 48 { z += 1 }
                if z == e { k = e }
            }
            guard k == e, k > digits, k - digits <= 18 else {
                throw stream.cellError(i, expected: "an integer")
            }
            return negative ? -v : v
        }
        func double(_ i: Int) throws -> Double? {
            if isEmpty(i) { return nil }
            let t = text(i)
            guard let v = Double(t) ?? Double(t.trimmingCharacters(in: .whitespaces)) else { throw stream.cellError(i, expected: "a number") }
            return v
        }
        /// Meta Kaggle writes booleans as True/False (older dumps 1/0).
        func bool(_ i: Int) throws -> Bool? {
            if isEmpty(i) { return nil }
            switch text(i).lowercased() {
            case "true", "1", "1.0": return true
            case "false", "0", "0.0": return false
            default: throw stream.cellError(i, expected: "True or False")
            }
        }
    }

    func cellError(_ i: Int, expected: String) -> CatalogError {
        CatalogError.malformed(file: name, line: line, column: header[i], reason: "expected \(expected), got '\(text(i).prefix(40))'")
    }

    fileprivate func text(_ i: Int) -> String {
        let s = starts[i], e = ends[i]
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[s ..< e])
        let raw = String(decoding: bytes, as: UTF8.self)
        return escaped[i] ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    /// Refills the buffer keeping `buffer[start..<end]`; false at end of file with nothing new.
    private func refill() throws -> Bool {
        if eof { return false }
        if start > 0 {
            let keep = end - start
            if keep > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, keep) }
            consumed += Int64(start)
            end = keep
            start = 0
        }
        if end == buffer.count {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
            buffer.deallocate()
            buffer = bigger
        }
        while true {
            let n = read(fd, buffer.baseAddress! + end, buffer.count - end)
            if n < 0 {
                if errno == EINTR { continue }
                throw CatalogError.unreadable(file: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { eof = true; return false }
            end += n
            return true
        }
    }

    private var nextLine = 1

    /// Parses the next row into `starts`/`ends`; false at the end of the file.
    ///
    /// Positions are indices into `buffer`; a refill moves the unread bytes to the front, so
    /// every position held is shifted with them.
    private func nextRow() throws -> Bool {
        // The field arrays are worked on as locals: appending to a class's stored arrays costs an
        // exclusivity check and a uniqueness test per field.
        var starts: [Int] = [], ends: [Int] = [], escaped: [Bool] = []
        swap(&starts, &self.starts); swap(&ends, &self.ends); swap(&escaped, &self.escaped)
        defer { swap(&starts, &self.starts); swap(&ends, &self.ends); swap(&escaped, &self.escaped) }
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        escaped.removeAll(keepingCapacity: true)
        if start >= end, !(try refill()) { return false }
        var p = start, q = start
        var newlines = 0
        var base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var end = self.end
        func more() throws -> Bool {
            let before = start
            let ok = try refill()
            let shift = before - start
            p -= shift; q -= shift
            if shift != 0 { for k in 0 ..< starts.count { starts[k] -= shift; ends[k] -= shift } }
            base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            end = self.end
            return ok
        }
        func field(_ s: Int, _ e: Int, _ esc: Bool) { starts.append(s); ends.append(e); escaped.append(esc) }
        func currentColumn() -> String { starts.count < header.count ? header[starts.count] : header.last ?? "" }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        row: while true {
            if p >= end, !(try more()) { field(p, p, false); start = end; break row }  // a trailing comma
            if base[p] == quote {
                q = p + 1
                var esc = false
                while true {
                    if q >= end {
                        if try more() { continue }
                        throw CatalogError.malformed(file: name, line: nextLine + newlines, column: currentColumn(),
                                                     reason: "a quoted field is not closed before the end of the file; the file looks truncated")
                    }
                    let c = base[q]
                    if c == quote {
                        if q + 1 >= end, try more() { continue }
                        if q + 1 < end, base[q + 1] == quote { esc = true; q += 2; continue }
                        break
                    }
                    if c == 10 { newlines += 1 }
                    q += 1
                }
                field(p + 1, q, esc)
                p = q + 1
                if p >= end, !(try more()) { start = end; break row }
                let c = base[p]
                if c == comma { p += 1; continue row }
                if c == 10 { start = p + 1; break row }
                if c == 13 {
                    if p + 1 >= end, !(try more()) { start = end; break row }
                    if base[p + 1] == 10 { start = p + 2; break row }
                }
                throw CatalogError.malformed(file: name, line: nextLine + newlines, column: header.isEmpty ? "" : header[min(starts.count, header.count) - 1],
                                             reason: "unexpected '\(Character(Unicode.Scalar(c)))' after a closing quote")
            }
            q = p
            while true {
                if q >= end, !(try more()) {
                    field(p, q > p && base[q - 1] == 13 ? q - 1 : q, false)
                    start = end
                    break row
                }
                let c = base[q]
                if c == comma { field(p, q, false); p = q + 1; continue row }
                if c == 10 {
                    field(p, q > p && base[q - 1] == 13 ? q - 1 : q, false)
                    start = q + 1
                    break row
                }
                q += 1
            }
        }
        line = nextLine
        nextLine += 1 + newlines
        return true
    }
}
