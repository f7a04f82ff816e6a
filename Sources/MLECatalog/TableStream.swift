import CFieldScan
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
    // The stream is read by one caller at a time, row by row; Swift's run-time exclusivity
    // checks on these class properties cost more than the parsing they guard (a third of a
    // sync's time in a profile), so they are off for the fields every row touches.
    @exclusivity(unchecked) fileprivate var buffer: UnsafeMutableRawBufferPointer
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    private var eof = false
    /// The buffer is the whole file, mapped; `released` is where its pages are still held from.
    private var mapped = false
    @exclusivity(unchecked) private var released = 0
    /// Bytes consumed before `buffer[0]`.
    private var consumed: Int64 = 0
    /// Physical line of the row being parsed (1 is the header).
    @exclusivity(unchecked) private(set) var line = 1
    /// The fields of the current row: the first `fields` entries of these arrays, which keep
    /// their size from row to row. `escaped` is consulted only when `anyEscaped`.
    @exclusivity(unchecked) private var starts: [Int] = []
    @exclusivity(unchecked) private var ends: [Int] = []
    @exclusivity(unchecked) private var escaped: [Bool] = []
    @exclusivity(unchecked) private var fields = 0
    @exclusivity(unchecked) private var anyEscaped = false

    /// - Parameters:
    ///   - chunk: the first buffer's size (tests make it tiny to cross every boundary).
    ///   - mapAbove: a file at least this large is mapped instead (tests lower it).
    ///   - name: how errors call the file (default: its name in `path`).
    convenience init(path: String, name: String? = nil, chunk: Int = 8 << 20, mapAbove: Int64 = TableStream.mapAbove) throws {
        try self.init(path: path, name: name, chunk: chunk, offset: 0, header: [], mapAbove: mapAbove)
        // A UTF-8 byte order mark is not part of the first column's name.
        if try refill() || end > start, end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        var names: [String] = []
        let got = try nextRow()
        guard got else { throw CatalogError.schema(file: self.name, column: "", reason: "the file is empty (no header)") }
        for i in 0 ..< fields { names.append(text(i)) }
        header = names
    }

    /// The rows from byte `offset` on (the start of a row), of a table whose header is known:
    /// the second half of a table read by two threads. Lines count from 1 at `offset`.
    convenience init(path: String, name: String? = nil, from offset: Int64, header: [String], chunk: Int = 8 << 20,
                     mapAbove: Int64 = TableStream.mapAbove) throws {
        try self.init(path: path, name: name, chunk: chunk, offset: offset, header: header, mapAbove: mapAbove)
        nextLine = 1
    }

    /// Files this large are mapped rather than read into a buffer: the kernel's copy of every
    /// byte was a tenth of a sync's time.
    static let mapAbove: Int64 = 64 << 20

    private init(path: String, name: String?, chunk: Int, offset: Int64, header: [String], mapAbove: Int64) throws {
        self.path = path
        self.name = name ?? (path as NSString).lastPathComponent
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CatalogError.unreadable(file: self.name, reason: String(cString: strerror(errno))) }
        var st = stat()
        fstat(fd, &st)
        size = Int64(st.st_size)
        self.header = header
        if size >= mapAbove, size > 0, (st.st_mode & S_IFMT) == S_IFREG,
           let map = mmap(nil, Int(size), PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED {
            // The whole file is the buffer; pages behind the reader are let go (`release`) so
            // that the mapping does not count in memory beyond what is being read.
            madvise(map, Int(size), MADV_SEQUENTIAL)
            buffer = UnsafeMutableRawBufferPointer(start: map, count: Int(size))
            mapped = true
            start = Int(offset)
            released = Int(offset) & ~0xFFFF
            end = Int(size)
            eof = true
            return
        }
        buffer = .allocate(byteCount: max(4, chunk), alignment: 16)
        posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        if offset > 0 {
            guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else {
                throw CatalogError.unreadable(file: path, reason: String(cString: strerror(errno)))
            }
            consumed = offset
        }
    }

    /// The start of the first row that begins at or after `offset`, when a newline comes within
    /// a MiB (a guess: the newline may be inside a quoted field, which the reader of the first
    /// part finds out). Nil when there is none.
    static func rowStart(path: String, after offset: Int64) -> Int64? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var window = [UInt8](repeating: 0, count: 1 << 20)
        let n = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(offset)) }
        guard n > 0, let i = window[..<n].firstIndex(of: 10) else { return nil }
        return offset + Int64(i) + 1
    }

    /// Physical lines read so far (the header included, for a stream from the file's start).
    var linesRead: Int { nextLine - 1 }

    deinit {
        close(fd)
        if mapped { munmap(buffer.baseAddress, buffer.count) } else { buffer.deallocate() }
    }

    /// Lets go of the mapped pages behind the reader, 32 MiB at a time.
    @inline(__always) private func release() {
        guard mapped, start - released >= 32 << 20 else { return }
        let upTo = start & ~0xFFFF
        madvise(buffer.baseAddress! + released, upTo - released, MADV_DONTNEED)
        released = upTo
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
    func forEachRow(until: Int64 = .max, _ body: (Row) throws -> Void) throws {
        while position < until, try nextRow() {
            release()
            if try !check() { continue }
            try body(Row(stream: self))
        }
    }

    /// False for a blank line; throws for a row with the wrong number of fields.
    private func check() throws -> Bool {
        if fields == 1, ends[0] == starts[0], !(anyEscaped && escaped[0]) { return false }
        guard fields == header.count else {
            let n = fields
            let where_ = n < header.count ? "ends after column '\(header[max(0, n - 1)])'" : "has \(n - header.count) field(s) beyond the last column '\(header.last ?? "")'"
            throw CatalogError.malformed(file: name, line: line, column: n < header.count ? header[n] : header.last ?? "",
                                         reason: "the row \(where_) (expected \(header.count) fields, got \(n))\(eof && start >= end ? "; the file looks truncated" : "")")
        }
        return true
    }

    /// Like ``forEachRow(_:)``, for a table read for a few of its rows: a row whose first
    /// column is an integer that `wanted` refuses is passed over after counting its fields
    /// (a row with the wrong count still stops the read). `body` may still see rows `wanted`
    /// refuses (quoted ones, the last one of a buffer) and must test them itself.
    /// Rows that start at or after byte `until` are left unread. Returns how many rows were
    /// passed over.
    @discardableResult
    func forEachRow(wantedFirst wanted: (Int64) -> Bool, until: Int64 = .max, _ body: (Row) throws -> Void) throws -> Int64 {
        let separators = header.count - 1
        var passedOver: Int64 = 0
        while position < until {
            release()
            if start >= end, !(try refill()) { return passedOver }
            let p = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var k = start, v: Int64 = 0
            while k < end, k - start < 18, p[k] >= 48, p[k] <= 57 { v = v &* 10 &+ Int64(p[k] - 48); k += 1 }
            if k > start, k < end, p[k] == UInt8(ascii: ","), !wanted(v) {
                var next = 0
                if CFieldScan_skip(p, start, end, &next) == separators {
                    passedOver += 1
                    start = next
                    line = nextLine
                    nextLine += 1
                    continue
                }
            }
            guard try nextRow() else { return passedOver }
            if try !check() { continue }
            try body(Row(stream: self))
        }
        return passedOver
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
        /// Whether the cell holds doubled quotes, which `bytes` leaves as they are.
        func hasDoubledQuotes(_ i: Int) -> Bool { stream.anyEscaped && stream.escaped[i] }
        /// Appends the cell's text as UTF-8 (doubled quotes undone), without making a String of it.
        func appendText(_ i: Int, to out: inout [UInt8]) {
            if hasDoubledQuotes(i) { out.append(contentsOf: text(i).utf8) } else { out.append(contentsOf: bytes(i)) }
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
            // Compared as bytes, case-insensitively: a String per cell costs more than the rest of a row.
            let b = bytes(i)
            func `is`(_ word: StaticString) -> Bool {
                guard b.count == word.utf8CodeUnitCount else { return false }
                for k in 0 ..< b.count {
                    let c = b[k] >= 65 && b[k] <= 90 ? b[k] + 32 : b[k]
                    if c != word.utf8Start[k] { return false }
                }
                return true
            }
            if `is`("true") || `is`("1") || `is`("1.0") { return true }
            if `is`("false") || `is`("0") || `is`("0.0") { return false }
            throw stream.cellError(i, expected: "True or False")
        }
    }

    func cellError(_ i: Int, expected: String) -> CatalogError {
        CatalogError.malformed(file: name, line: line, column: header[i], reason: "expected \(expected), got '\(text(i).prefix(40))'")
    }

    fileprivate func text(_ i: Int) -> String {
        let s = starts[i], e = ends[i]
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[s ..< e])
        let raw = String(decoding: bytes, as: UTF8.self)
        return anyEscaped && escaped[i] ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
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

    @exclusivity(unchecked) private var nextLine = 1

    /// Parses the next row into `starts`/`ends`; false at the end of the file.
    ///
    /// Positions are indices into `buffer`; a refill moves the unread bytes to the front, so
    /// every position held is shifted with them. A row without quotes inside the buffer is
    /// split by ``CFieldScan_record``; any other row (quotes, the buffer's end, a wrong field
    /// count) is read byte by byte below, which also words the errors.
    private func nextRow() throws -> Bool {
        if start >= end, !(try refill()) { return false }
        if !header.isEmpty {
            let room = header.count + 1
            if starts.count < room {
                starts += Array(repeating: 0, count: room - starts.count)
                ends += Array(repeating: 0, count: room - ends.count)
            }
            var next = 0
            let n = starts.withUnsafeMutableBufferPointer { s in
                ends.withUnsafeMutableBufferPointer { e in
                    CFieldScan_record(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), start, end,
                                      s.baseAddress!, e.baseAddress!, room, &next)
                }
            }
            if n == header.count || n == 1 {
                fields = n
                anyEscaped = false
                start = next
                line = nextLine
                nextLine += 1
                return true
            }
        }
        return try nextRowByBytes()
    }

    private func nextRowByBytes() throws -> Bool {
        // The field arrays are worked on as locals: appending to a class's stored arrays costs an
        // exclusivity check and a uniqueness test per field.
        var starts: [Int] = [], ends: [Int] = [], escaped: [Bool] = []
        swap(&starts, &self.starts); swap(&ends, &self.ends); swap(&escaped, &self.escaped)
        var count = 0, anyEscaped = false
        defer {
            swap(&starts, &self.starts); swap(&ends, &self.ends); swap(&escaped, &self.escaped)
            fields = count
            self.anyEscaped = anyEscaped
        }
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
            if shift != 0 { for k in 0 ..< count { starts[k] -= shift; ends[k] -= shift } }
            base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            end = self.end
            return ok
        }
        func field(_ s: Int, _ e: Int, _ esc: Bool) {
            if count == starts.count { starts.append(s); ends.append(e) } else { starts[count] = s; ends[count] = e }
            if count >= escaped.count { escaped.append(esc) } else { escaped[count] = esc }
            anyEscaped = anyEscaped || esc
            count += 1
        }
        func currentColumn() -> String { count < header.count ? header[count] : header.last ?? "" }
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
                throw CatalogError.malformed(file: name, line: nextLine + newlines, column: header.isEmpty ? "" : header[min(count, header.count) - 1],
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
