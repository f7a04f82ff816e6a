import Dispatch
import Foundation
import MLEBasics

/// One parsed CSV file: its bytes, the boundaries of its records, and pandas' dtype decisions.
///
/// Cells are never materialised. A cell is found again by re-splitting its record (cheap), and
/// printed by the `EmitMode` of its column and chunk; whole chunks of a column whose raw bytes
/// already equal pandas' output are marked verbatim and simply copied.
final class CSVStorage: Sendable {
    let source: ByteSource
    /// Header names after pandas' renaming (`Unnamed: i`, `.1` suffixes).
    let headerNames: [String]
    /// Leading fields that pandas turned into an implicit index (the first data record had more
    /// fields than the header); they are never written by `to_csv(index=False)`.
    let leading: Int
    /// Fields per record, including the leading ones.
    let width: Int
    let rowStarts: [Int]
    let rowEnds: [Int]
    let rowFlags: [UInt8]
    let chunkRows: Int
    /// `EmitMode` raw value plus `EmitMode.verbatimBit`, at `chunk * width + column`.
    let emit: [UInt8]
    /// Per source column.
    let types: [CSVTable.ColumnType]
    /// With `capturesNumbers`: every cell's value as a float parser reads it, column-major
    /// (`numbers[column * rowCount + row]`), taken during the dtype pass so that grading reads
    /// each byte once; NaN for missing and textual cells.
    let numbers: [Double]?

    var rowCount: Int { rowStarts.count }
    var chunkCount: Int { emit.count / max(width, 1) }

    @inline(__always) func emitByte(row: Int, column: Int) -> UInt8 {
        emit[(row / chunkRows) * width + column]
    }

    init(source: ByteSource, threads: Int, parallelScanBytes: Int = 8 << 20, capturesNumbers: Bool = false) throws {
        self.source = source
        let base = source.base
        let count = source.count

        // Pass 1: record boundaries. Quotes make record starts context dependent, so in general
        // this is sequential; files without quotes and carriage returns are split at newlines
        // and scanned in parallel.
        var starts: [Int] = []
        var ends: [Int] = []
        var flags: [UInt8] = []
        var header: (start: Int, end: Int, flags: UInt8, line: Int)? = nil
        source.adviseSequential()
        if let simple = Self.scanPlainRecords(source, threads: threads, minimumBytes: parallelScanBytes) {
            if let first = simple.header {
                header = (first.start, first.end, 0, 0)
                starts = simple.starts
                ends = simple.ends
                flags = [UInt8](repeating: 0, count: starts.count)
            }
        } else {
            var discardedUpTo = 0
            let discardStep = 32 << 20
            try CSVTokenizer.forEachRecord(base, count) { start, end, recordFlags, line in
                if header == nil {
                    header = (start, end, recordFlags, line)
                    return true
                }
                starts.append(start)
                ends.append(end)
                flags.append(recordFlags)
                if start - discardedUpTo > discardStep {
                    source.discardResidentPages(discardedUpTo ..< start)
                    discardedUpTo = start
                }
                return true
            }
        }
        guard var header else { throw CSVError.noColumns }
        if header.line == 0 { header.line = CSVTokenizer.lineNumber(ofRecordAt: header.start, base, count) }

        // Header names.
        if let bad = CSVTokenizer.firstInvalidUTF8(base, header.start, header.end) {
            throw CSVError.invalidUTF8(line: header.line, byteOffset: bad)
        }
        let fields = FieldList(capacity: 64)
        CSVTokenizer.splitFields(base, start: header.start, end: header.end,
                                 quoted: header.flags & CSVTokenizer.quoteFlag != 0, into: fields)
        var rawNames: [String] = []
        var unnamed = Set<Int>()
        var scratch: [UInt8] = []
        for k in 0 ..< fields.count {
            let s = fields.starts[k], e = fields.ends[k]
            let name: String
            if e > s && base[s] == CSVTokenizer.quote {
                CSVTokenizer.unquote(base, s, e, into: &scratch)
                name = String(decoding: scratch, as: UTF8.self)
            } else {
                name = String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
            }
            if name.isEmpty { unnamed.insert(k) }
            rawNames.append(name.isEmpty ? "Unnamed: \(k)" : name)
        }
        let headerNames = Self.deduplicated(rawNames, unnamed: unnamed)
        let headerWidth = rawNames.count

        // Implicit index: pandas compares the first data record with the header.
        var firstWidth = headerWidth
        if !starts.isEmpty {
            CSVTokenizer.splitFields(base, start: starts[0], end: ends[0],
                                     quoted: flags[0] & CSVTokenizer.quoteFlag != 0, into: fields)
            firstWidth = fields.count
        }
        let leading = max(0, firstWidth - headerWidth)
        let width = max(headerWidth, firstWidth)
        let chunkRows = CSVInference.chunkRowCount(width: width)

        // Pass 2: per chunk, in parallel: field counts, UTF-8, and the dtype facts.
        let rows = starts.count
        let chunks = (rows + chunkRows - 1) / chunkRows
        // Captured numbers cost 8 bytes a cell (as pandas' float64 arrays would); past 8 GiB
        // they are refused and ``CSVTable/numbers(column:)`` answers nil.
        let capturesNumbers = capturesNumbers && width.multipliedReportingOverflow(by: rows).partialValue <= 1 << 30
        var summaries = [ColumnChunkSummary](repeating: capturesNumbers ? .forCapture : ColumnChunkSummary(),
                                             count: chunks * width)
        var chunkErrors = [ChunkError?](repeating: nil, count: chunks)
        // Not pre-filled: the pass writes every cell of every column that can be numeric (a
        // column that turns out to be text is never read back).
        var numbers = capturesNumbers ? [Double](unsafeUninitializedCapacity: width * rows) { $1 = width * rows } : []
        source.discardResidentPages()
        numbers.withUnsafeMutableBufferPointer { numbersBuffer in
            starts.withUnsafeBufferPointer { startsBuffer in
                ends.withUnsafeBufferPointer { endsBuffer in
                    flags.withUnsafeMutableBufferPointer { flagsBuffer in
                        summaries.withUnsafeMutableBufferPointer { summaryBuffer in
                            chunkErrors.withUnsafeMutableBufferPointer { errorBuffer in
                                let job = ChunkScan(base: base, starts: startsBuffer, ends: endsBuffer,
                                                    flags: flagsBuffer, width: width,
                                                    numbers: capturesNumbers ? numbersBuffer.baseAddress : nil)
                                Parallel.forEach(chunks, threads: threads) { chunk in
                                    let lower = chunk * chunkRows
                                    let upper = min(rows, lower + chunkRows)
                                    let slot = summaryBuffer.baseAddress! + chunk * width
                                    errorBuffer[chunk] = job.scan(rows: lower ..< upper, into: slot)
                                    source.discardResidentPages(startsBuffer[lower] ..< endsBuffer[upper - 1])
                                }
                            }
                        }
                    }
                }
            }
        }
        if let error = chunkErrors.lazy.compactMap({ $0 }).first {
            let line = CSVTokenizer.lineNumber(ofRecordAt: starts[error.row], base, count)
            switch error.kind {
            case .tooManyFields(let saw):
                throw CSVError.tooManyFields(expected: width, line: line, saw: saw)
            case .invalidUTF8(let offset):
                throw CSVError.invalidUTF8(line: line, byteOffset: offset)
            }
        }

        // Replay pandas' per-chunk dtype choice and the concatenation of the chunks.
        var emit = [UInt8](repeating: 0, count: chunks * width)
        var types: [CSVTable.ColumnType] = []
        for column in 0 ..< width {
            let kinds = (0 ..< chunks).map { summaries[$0 * width + column].kind }
            let resolution = ColumnResolution(kinds: kinds)
            types.append(resolution.type)
            for chunk in 0 ..< chunks {
                let mode = resolution.modes[chunk]
                let verbatim = summaries[chunk * width + column].isVerbatim(mode)
                emit[chunk * width + column] = mode.rawValue | (verbatim ? EmitMode.verbatimBit : 0)
                // Integer chunks hold "-0" as 0 (only float chunks keep the sign of zero).
                if capturesNumbers && mode != .float && summaries[chunk * width + column].sawNegativeZeroInteger {
                    let lower = column * rows + chunk * chunkRows
                    for k in lower ..< min(column * rows + rows, lower + chunkRows) where numbers[k] == 0 {
                        numbers[k] = 0
                    }
                }
            }
        }
        self.numbers = capturesNumbers ? numbers : nil
        self.headerNames = headerNames
        self.leading = leading
        self.width = width
        self.chunkRows = chunkRows
        self.emit = emit
        self.types = types
        rowStarts = starts
        rowEnds = ends
        rowFlags = flags
    }

    /// The same parsed file with some columns' dtype decisions replaced: `types[c]` and, for
    /// every chunk, `modes[c]` (without the verbatim bit, so those cells are always reformatted).
    init(_ other: CSVStorage, overriding modes: [Int: (CSVTable.ColumnType, EmitMode)]) {
        source = other.source
        headerNames = other.headerNames
        leading = other.leading
        width = other.width
        rowStarts = other.rowStarts
        rowEnds = other.rowEnds
        rowFlags = other.rowFlags
        chunkRows = other.chunkRows
        // Overridden columns become text (their numbers are then never asked for) or keep the
        // integers they already held.
        numbers = other.numbers
        var emit = other.emit
        var types = other.types
        for (c, (type, mode)) in modes {
            types[c] = type
            for chunk in 0 ..< other.chunkCount { emit[chunk * width + c] = mode.rawValue }
        }
        self.emit = emit
        self.types = types
    }

    /// Record boundaries of a file made only of plain lines (no quote character, no carriage
    /// return), found by scanning newline-aligned segments in parallel; nil when the file is small,
    /// single-threaded, or any segment meets a quote or `\r` (the sequential tokenizer then runs).
    /// Blank and whitespace-only lines are skipped as pandas does. The first record (the header)
    /// comes apart from the data rows.
    static func scanPlainRecords(_ source: ByteSource, threads: Int, minimumBytes: Int)
        -> (header: (start: Int, end: Int)?, starts: [Int], ends: [Int])? {
        let base = source.base
        let count = source.count
        guard threads > 1, count >= minimumBytes else { return nil }
        let first = CSVTokenizer.contentStart(base, count)
        let segmentCount = threads * 4
        var bounds = [first]
        for k in 1 ..< segmentCount {
            let guess = max(bounds[bounds.count - 1], first + (count - first) / segmentCount * k)
            guard let newline = memchr(base + guess, Int32(CSVTokenizer.lf), count - guess) else { break }
            bounds.append(UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - base + 1)
        }
        bounds.append(count)
        let segments = bounds.count - 1
        var results = [(starts: [Int], ends: [Int], plain: Bool)](repeating: ([], [], true), count: segments)
        results.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(segments, threads: threads) { k in
                var starts: [Int] = []
                var ends: [Int] = []
                var pos = bounds[k]
                let stop = bounds[k + 1]
                var discardedUpTo = pos
                var checkedUpTo = pos
                while pos < stop {
                    let newline = memchr(base + pos, Int32(CSVTokenizer.lf), stop - pos)
                    let lineEnd = newline.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? stop
                    if lineEnd >= checkedUpTo {
                        // Quotes and carriage returns are looked for a window (1 MiB) at a time:
                        // cheaper than two searches per line, and the window's pages are the
                        // ones about to be read anyway (a whole-segment search would make all
                        // of it resident at once).
                        let end = min(stop, max(lineEnd + 1, checkedUpTo + (1 << 20)))
                        if memchr(base + checkedUpTo, Int32(CSVTokenizer.quote), end - checkedUpTo) != nil
                            || memchr(base + checkedUpTo, Int32(CSVTokenizer.cr), end - checkedUpTo) != nil {
                            out[k].plain = false
                            return
                        }
                        checkedUpTo = end
                    }
                    var q = pos
                    while q < lineEnd && (base[q] == CSVTokenizer.space || base[q] == CSVTokenizer.tab) { q += 1 }
                    if q < lineEnd {
                        starts.append(pos)
                        ends.append(lineEnd)
                    }
                    pos = lineEnd + 1
                    if pos - discardedUpTo > 16 << 20 {
                        source.discardResidentPages(discardedUpTo ..< pos)
                        discardedUpTo = pos
                    }
                }
                source.discardResidentPages(discardedUpTo ..< stop)
                out[k].starts = starts
                out[k].ends = ends
            }
        }
        guard results.allSatisfy(\.plain) else { return nil }
        // The first record is the header: kept apart, so the row arrays are built only once.
        var header: (start: Int, end: Int)? = nil
        var starts: [Int] = []
        var ends: [Int] = []
        starts.reserveCapacity(max(0, results.reduce(0) { $0 + $1.starts.count } - 1))
        ends.reserveCapacity(starts.capacity)
        for result in results {
            var skip = 0
            if header == nil, let first = result.starts.first {
                header = (first, result.ends[0])
                skip = 1
            }
            starts.append(contentsOf: result.starts.dropFirst(skip))
            ends.append(contentsOf: result.ends.dropFirst(skip))
        }
        return (header, starts, ends)
    }

    /// pandas' header de-duplication (`TextReader._get_header`): named columns are visited
    /// first, then the generated `Unnamed: i` ones, and a repeated name gets `.1`, `.2`, ...,
    /// skipping suffixed names that are already in the (progressively renamed) header.
    static func deduplicated(_ names: [String], unnamed: Set<Int>) -> [String] {
        var header = names
        var present: [String: Int] = [:]
        for name in header { present[name, default: 0] += 1 }
        let order = header.indices.filter { !unnamed.contains($0) } + header.indices.filter { unnamed.contains($0) }
        var counts: [String: Int] = [:]
        for i in order {
            let original = header[i]
            var column = original
            var current = counts[column, default: 0]
            if current > 0 {
                while current > 0 {
                    counts[original] = current + 1
                    column = "\(original).\(current)"
                    if present[column, default: 0] > 0 {
                        current += 1
                    } else {
                        current = counts[column, default: 0]
                    }
                }
                present[original, default: 0] -= 1
                present[column, default: 0] += 1
                header[i] = column
            }
            counts[column] = current + 1
        }
        return header
    }
}

struct ChunkError {
    enum Kind { case tooManyFields(Int), invalidUTF8(Int) }
    var row: Int
    var kind: Kind
}

/// The per-chunk work of pass 2; reads shared buffers, writes only its own slots.
struct ChunkScan {
    let base: UnsafePointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let ends: UnsafeBufferPointer<Int>
    let flags: UnsafeMutableBufferPointer<UInt8>
    let width: Int
    /// Column-major cell values (see ``CSVStorage/numbers``), or nil when not captured.
    let numbers: UnsafeMutablePointer<Double>?

    func scan(rows: Range<Int>, into summaries: UnsafeMutablePointer<ColumnChunkSummary>) -> ChunkError? {
        let fields = FieldList(capacity: width + 8)
        var scratch = [UInt8]()
        scratch.reserveCapacity(256)
        var failure: ChunkError? = nil
        var lastRow = rows.upperBound
        for r in rows {
            let s = starts[r], e = ends[r]
            let quotedRow = flags[r] & CSVTokenizer.quoteFlag != 0
            CSVTokenizer.splitFields(base, start: s, end: e, quoted: quotedRow, into: fields)
            let nf = fields.count
            if nf > width {
                failure = ChunkError(row: r, kind: .tooManyFields(nf))
                lastRow = r
                break
            }
            if Self.hasHighBit(base + s, e - s), let bad = CSVTokenizer.firstInvalidUTF8(base, s, e) {
                failure = ChunkError(row: r, kind: .invalidUTF8(bad))
                lastRow = r
                break
            }
            if nf < width { flags[r] |= CSVTokenizer.paddedFlag }
            for column in 0 ..< nf {
                let fs = fields.starts[column], fe = fields.ends[column]
                if quotedRow && fe > fs && base[fs] == CSVTokenizer.quote {
                    CSVTokenizer.unquote(base, fs, fe, into: &scratch)
                    let verbatim = CSVTokenizer.isMinimallyQuoted(base, fs, fe)
                    let n = scratch.count
                    let slot = numbers.map { $0 + column * starts.count + r }
                    scratch.withUnsafeBufferPointer { buffer in
                        summaries[column].observe(buffer.baseAddress ?? base, n, quoted: true, textVerbatim: verbatim,
                                                  number: slot)
                    }
                } else {
                    let verbatim = !quotedRow || memchr(base + fs, Int32(CSVTokenizer.quote), fe - fs) == nil
                    summaries[column].observe(base + fs, fe - fs, quoted: false, textVerbatim: verbatim,
                                              number: numbers.map { $0 + column * starts.count + r })
                }
            }
            if nf < width {
                for column in nf ..< width {
                    summaries[column].observe(base, 0, quoted: false, textVerbatim: true,
                                              number: numbers.map { $0 + column * starts.count + r })
                }
            }
        }
        // pandas retries int64 overflow as uint64; replay that only where it happened.
        for column in 0 ..< width where summaries[column].int64Failure == .overflow {
            var uint = UIntSummary()
            for r in rows.lowerBound ..< lastRow {
                let quotedRow = flags[r] & CSVTokenizer.quoteFlag != 0
                CSVTokenizer.splitFields(base, start: starts[r], end: ends[r], quoted: quotedRow, into: fields)
                if column >= fields.count {
                    uint.observe(base, 0)
                    continue
                }
                let fs = fields.starts[column], fe = fields.ends[column]
                if quotedRow && fe > fs && base[fs] == CSVTokenizer.quote {
                    CSVTokenizer.unquote(base, fs, fe, into: &scratch)
                    let n = scratch.count
                    scratch.withUnsafeBufferPointer { uint.observe($0.baseAddress ?? base, n) }
                } else {
                    uint.observe(base + fs, fe - fs)
                }
            }
            summaries[column].uint = uint
        }
        return failure
    }

    /// Whether any byte in `p[0..<n]` is non-ASCII (eight bytes at a time).
    @inline(__always)
    static func hasHighBit(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        let raw = UnsafeRawPointer(p)
        var acc: UInt64 = 0
        while i + 8 <= n {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n { acc |= UInt64(p[i]); i += 1 }
        return acc & 0x8080_8080_8080_8080 != 0
    }
}
