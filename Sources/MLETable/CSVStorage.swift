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
    /// With a key column (``CSVTable/Options/keyColumn``) in a file of long rows: each row's
    /// join key for that field, made while the row was read (see ``CSVTable/joinKeys(column:threads:)``);
    /// nil when an id does not fit a ``CSVJoinKeys/ShortKey``.
    let rowKeys: (field: Int, keys: CSVJoinKeys.KeyStore<CSVJoinKeys.ShortKey>)?

    var rowCount: Int { rowStarts.count }
    var chunkCount: Int { emit.count / max(width, 1) }

    @inline(__always) func emitByte(row: Int, column: Int) -> UInt8 {
        emit[(row / chunkRows) * width + column]
    }

    init(source: ByteSource, threads: Int, parallelScanBytes: Int = 8 << 20, capturesNumbers: Bool = false,
         keyColumn: String? = nil) throws {
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
        // Types are inferred per chunk of rows, as pandas does, and a wide table has one-row
        // chunks: a header of many commas over many short lines (a few MB) would otherwise ask
        // for terabytes of per-chunk column summaries and abort.
        let (cells, overflow) = chunks.multipliedReportingOverflow(by: width)
        let (summaryBytes, overflow2) = cells.multipliedReportingOverflow(by: MemoryLayout<ColumnChunkSummary>.stride)
        if overflow || overflow2 || summaryBytes > ByteSource.inMemoryLimit {
            throw CSVError.tooLarge(reason: "\(width) columns over \(rows) rows in \(chunks) chunks of \(chunkRows) rows: "
                                    + "typing them as pandas does needs more than half this machine's memory")
        }
        var summaries = [ColumnChunkSummary](repeating: capturesNumbers ? .forCapture : ColumnChunkSummary(),
                                             count: chunks * width)
        var chunkErrors = [ChunkError?](repeating: nil, count: chunks)
        var longKeys = [Bool](repeating: false, count: chunks)
        // Not pre-filled: the pass writes every cell of every column that can be numeric (a
        // column that turns out to be text is never read back).
        var numbers = capturesNumbers ? [Double](unsafeUninitializedCapacity: width * rows) { $1 = width * rows } : []
        // Join keys are made in this pass only where making them later would cost a cache miss
        // per row (rows longer than 64 bytes on average); shorter rows are re-read in order.
        let rowKeys = keyColumn.flatMap { name in headerNames.firstIndex(of: name) }
            .flatMap { capturesNumbers && count > 64 * rows ? (leading + $0, CSVJoinKeys.KeyStore<CSVJoinKeys.ShortKey>(capacity: rows)) : nil }
        source.discardResidentPages()
        numbers.withUnsafeMutableBufferPointer { numbersBuffer in
            starts.withUnsafeBufferPointer { startsBuffer in
                ends.withUnsafeBufferPointer { endsBuffer in
                    flags.withUnsafeMutableBufferPointer { flagsBuffer in
                        summaries.withUnsafeMutableBufferPointer { summaryBuffer in
                            chunkErrors.withUnsafeMutableBufferPointer { errorBuffer in
                              longKeys.withUnsafeMutableBufferPointer { longKeyBuffer in
                                let job = ChunkScan(base: base, starts: startsBuffer, ends: endsBuffer,
                                                    flags: flagsBuffer, width: width,
                                                    numbers: capturesNumbers ? numbersBuffer.baseAddress : nil,
                                                    keyField: rowKeys?.0 ?? -1, keys: rowKeys?.1.base, size: count)
                                Parallel.forEach(chunks, threads: threads) { chunk in
                                    let lower = chunk * chunkRows
                                    let upper = min(rows, lower + chunkRows)
                                    let slot = summaryBuffer.baseAddress! + chunk * width
                                    errorBuffer[chunk] = job.scan(rows: lower ..< upper, into: slot,
                                                                  longKey: longKeyBuffer.baseAddress! + chunk)
                                    source.discardResidentPages(startsBuffer[lower] ..< endsBuffer[upper - 1])
                                }
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
        // Keys of a column that turned out numeric are never used (numbers pair by value).
        self.rowKeys = rowKeys.flatMap { types[$0.0] == .object && !longKeys.contains(true) ? (field: $0.0, keys: $0.1) : nil }
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
        rowKeys = nil
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
            let newline = Self.lineEnd(base, guess, count)
            guard newline < count else { break }
            bounds.append(newline + 1)
        }
        bounds.append(count)
        let segments = bounds.count - 1

        // The row arrays are made at their final size (growing them, then joining the
        // segments' arrays, touched three times the memory, and fresh pages are much of the
        // cost of reading). For short lines, where those arrays weigh as much as the file,
        // each segment's lines are counted first; for long lines a sample's average gives
        // room to spare, and a segment that still runs out is counted after all.
        func countLines(_ k: Int) -> Int {
            var q = bounds[k], lines = 0, discardedUpTo = q
            while q < bounds[k + 1] {
                q = Self.lineEnd(base, q, bounds[k + 1]) + 1
                lines += 1
                if q - discardedUpTo > 16 << 20 {   // a huge file is not made resident by counting
                    source.discardResidentPages(discardedUpTo ..< min(q, bounds[k + 1]))
                    discardedUpTo = q
                }
            }
            source.discardResidentPages(discardedUpTo ..< bounds[k + 1])
            return lines
        }
        var sampleLines = 0, q = first
        let sampleEnd = min(count, first + (1 << 16))
        while q < sampleEnd {
            q = Self.lineEnd(base, q, sampleEnd) + 1
            sampleLines += 1
        }
        let averageLine = max(1, (sampleEnd - first) / max(1, sampleLines))
        var capacities = [Int](repeating: 0, count: segments)
        capacities.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(segments, threads: threads) { k in
                out[k] = averageLine < 64 ? countLines(k) : (bounds[k + 1] - bounds[k]) / averageLine * 3 / 2 + 64
            }
        }
        switch fillPlainRecords(source, bounds: bounds, capacities: capacities, threads: threads) {
        case .records(let header, let starts, let ends):
            return (header, starts, ends)
        case .notPlain:
            return nil
        case .overflowed(let segments):
            for k in segments { capacities[k] = countLines(k) }
            guard case .records(let header, let starts, let ends) = fillPlainRecords(source, bounds: bounds, capacities: capacities,
                                                                                    threads: threads) else { return nil }
            return (header, starts, ends)
        }
    }

    /// The offset of the first `\n` in `base[pos ..< stop]`, or `stop`.
    @inline(__always)
    static func lineEnd(_ base: UnsafePointer<UInt8>, _ pos: Int, _ stop: Int) -> Int {
        memchr(base + pos, Int32(CSVTokenizer.lf), stop - pos)
            .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? stop
    }

    enum PlainRecords {
        case records(header: (start: Int, end: Int)?, starts: [Int], ends: [Int])
        /// A quote or a carriage return was met.
        case notPlain
        /// These segments had more lines than their capacity.
        case overflowed([Int])
    }

    /// The pass of ``scanPlainRecords``: each newline-aligned segment `k` (from `bounds[k]` to
    /// `bounds[k + 1]`) writes its records (lines that are not blank) at its own offset, room
    /// for `capacities[k]`, and looks for quotes and carriage returns a window (1 MiB) at a time
    /// (the pages about to be read anyway); then the first record becomes the header and the
    /// segments are closed up, in place.
    static func fillPlainRecords(_ source: ByteSource, bounds: [Int], capacities: [Int], threads: Int) -> PlainRecords {
        let base = source.base
        let segments = capacities.count
        // The first segment's first record is the header, kept apart: its room is one less, so
        // that records need moving only past blank lines or spare room.
        var offsets = [0]
        for (k, c) in capacities.enumerated() { offsets.append(offsets[k] + (k == 0 ? max(0, c - 1) : c)) }
        var written = [Int](repeating: 0, count: segments)   // -1: not plain; -2: out of room
        var header: (start: Int, end: Int)? = nil   // the first segment's first record, when it has one
        var ends: [Int] = []
        let starts = [Int](unsafeUninitializedCapacity: offsets[segments]) { startsOut, startsCount in
            ends = [Int](unsafeUninitializedCapacity: offsets[segments]) { endsOut, endsCount in
                written.withUnsafeMutableBufferPointer { written in
                    Parallel.forEach(segments, threads: threads) { k in
                        var pos = bounds[k], slot = offsets[k]
                        let stop = bounds[k + 1]
                        var discardedUpTo = pos, checkedUpTo = pos
                        while pos < stop {
                            let end = Self.lineEnd(base, pos, stop)
                            if end >= checkedUpTo {
                                let windowEnd = min(stop, max(end + 1, checkedUpTo + (1 << 20)))
                                if memchr(base + checkedUpTo, Int32(CSVTokenizer.quote), windowEnd - checkedUpTo) != nil
                                    || memchr(base + checkedUpTo, Int32(CSVTokenizer.cr), windowEnd - checkedUpTo) != nil {
                                    written[k] = -1
                                    return
                                }
                                checkedUpTo = windowEnd
                            }
                            var q = pos
                            while q < end && (base[q] == CSVTokenizer.space || base[q] == CSVTokenizer.tab) { q += 1 }
                            if q < end {
                                if k == 0 && header == nil {
                                    header = (pos, end)
                                } else {
                                    guard slot < offsets[k + 1] else { written[k] = -2; return }
                                    startsOut[slot] = pos
                                    endsOut[slot] = end
                                    slot += 1
                                }
                            }
                            pos = end + 1
                            if pos - discardedUpTo > 16 << 20 {
                                source.discardResidentPages(discardedUpTo ..< pos)
                                discardedUpTo = pos
                            }
                        }
                        source.discardResidentPages(discardedUpTo ..< stop)
                        written[k] = slot - offsets[k]
                    }
                }
                guard !written.contains(where: { $0 < 0 }) else { return }
                var next = 0
                for k in 0 ..< segments {
                    var from = offsets[k]
                    let upTo = offsets[k] + written[k]
                    if header == nil && from < upTo {   // a first segment of blank lines only
                        header = (startsOut[from], endsOut[from])
                        from += 1
                    }
                    if next != from && upTo > from {
                        memmove(startsOut.baseAddress! + next, startsOut.baseAddress! + from, (upTo - from) * MemoryLayout<Int>.stride)
                        memmove(endsOut.baseAddress! + next, endsOut.baseAddress! + from, (upTo - from) * MemoryLayout<Int>.stride)
                    }
                    next += upTo - from
                }
                endsCount = next
            }
            startsCount = ends.count
        }
        if written.contains(-1) { return .notPlain }
        if written.contains(-2) { return .overflowed(written.indices.filter { written[$0] == -2 }) }
        return .records(header: header, starts: starts, ends: ends)
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
    /// The field whose join keys are made here (-1: none), written to `keys[row]`; `size` is
    /// the file's length (a key reads up to eight bytes of it).
    let keyField: Int
    let keys: UnsafeMutablePointer<CSVJoinKeys.ShortKey>?
    let size: Int

    /// Folds rows `rows` into the chunk's summaries; `longKey` is set when an id is too long
    /// for a ``CSVJoinKeys/ShortKey`` (the keys made here are then not used).
    func scan(rows: Range<Int>, into shared: UnsafeMutablePointer<ColumnChunkSummary>,
              longKey: UnsafeMutablePointer<Bool>) -> ChunkError? {
        // The summaries are folded in a copy of this thread's own and written back at the end:
        // neighbouring chunks' summaries share cache lines, and updating them in place from
        // two threads cost more than the parsing (a line moving between cores on every cell).
        let summaries = UnsafeMutablePointer<ColumnChunkSummary>.allocate(capacity: width)
        summaries.initialize(from: shared, count: width)
        defer {
            shared.update(from: summaries, count: width)
            summaries.deinitialize(count: width)
            summaries.deallocate()
        }
        let fields = FieldList(capacity: width + 8)
        var scratch = [UInt8]()
        scratch.reserveCapacity(256)
        var failure: ChunkError? = nil
        var lastRow = rows.upperBound
        for r in rows {
            let s = starts[r], e = ends[r]
            let quotedRow = flags[r] & CSVTokenizer.quoteFlag != 0
            let mayHoldNonASCII = CSVTokenizer.splitFields(base, start: s, end: e, quoted: quotedRow, into: fields)
            let nf = fields.count
            if nf > width {
                failure = ChunkError(row: r, kind: .tooManyFields(nf))
                lastRow = r
                break
            }
            if mayHoldNonASCII && Self.hasHighBit(base + s, e - s), let bad = CSVTokenizer.firstInvalidUTF8(base, s, e) {
                failure = ChunkError(row: r, kind: .invalidUTF8(bad))
                lastRow = r
                break
            }
            if nf < width { flags[r] |= CSVTokenizer.paddedFlag }
            if let keys {
                // As CSVTable.joinKeys makes them; a quoted record's key is never used.
                var key = CSVJoinKeys.ShortKey.missing(row: r)
                if keyField < nf && !quotedRow {
                    let fs = fields.starts[keyField], length = fields.ends[keyField] - fs
                    if !PandasScalars.isNA(base + fs, length) {
                        if let text = CSVJoinKeys.ShortKey.text(base, size: size, fs, length, row: r) {
                            key = text
                        } else {
                            longKey.pointee = true
                        }
                    }
                }
                (keys + r).initialize(to: key)
            }
            // The row's number slots, one per column, `rowCount` apart.
            let rowNumbers = numbers.map { $0 + r }
            let rowCount = starts.count
            if !quotedRow {
                // Plain fields: each is its own content, verbatim (the common case, kept tight).
                let fieldStarts = fields.starts, fieldEnds = fields.ends
                if let rowNumbers {   // two loops, so that each one's `number` is known to be there or not
                    for column in 0 ..< nf {
                        let fs = fieldStarts[column]
                        summaries[column].observe(base + fs, fieldEnds[column] &- fs, quoted: false, textVerbatim: true,
                                                  number: rowNumbers + column &* rowCount)
                    }
                } else {
                    for column in 0 ..< nf {
                        let fs = fieldStarts[column]
                        summaries[column].observe(base + fs, fieldEnds[column] &- fs, quoted: false, textVerbatim: true)
                    }
                }
            } else {
                for column in 0 ..< nf {
                    let fs = fields.starts[column], fe = fields.ends[column]
                    let slot = rowNumbers.map { $0 + column &* rowCount }
                    if fe > fs && base[fs] == CSVTokenizer.quote {
                        CSVTokenizer.unquote(base, fs, fe, into: &scratch)
                        let verbatim = CSVTokenizer.isMinimallyQuoted(base, fs, fe)
                        let n = scratch.count
                        scratch.withUnsafeBufferPointer { buffer in
                            summaries[column].observe(buffer.baseAddress ?? base, n, quoted: true, textVerbatim: verbatim,
                                                      number: slot)
                        }
                    } else {
                        let verbatim = memchr(base + fs, Int32(CSVTokenizer.quote), fe - fs) == nil
                        summaries[column].observe(base + fs, fe - fs, quoted: false, textVerbatim: verbatim, number: slot)
                    }
                }
            }
            if nf < width {
                for column in nf ..< width {
                    summaries[column].observe(base, 0, quoted: false, textVerbatim: true,
                                              number: rowNumbers.map { $0 + column &* rowCount })
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
