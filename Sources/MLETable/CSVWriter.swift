import Dispatch
import Foundation
import MLEBasics
import MLEPyCompat

/// Prints and reads single cells of a ``CSVStorage`` by their column's `EmitMode`.
struct CellReader {
    let storage: CSVStorage

    /// Appends the cell's `to_csv` text (with minimal quoting) for raw field `[fs, fe)`;
    /// `present` is false for fields pandas padded in because the record was short.
    @inline(__always)
    static func emit(_ emitByte: UInt8, _ base: UnsafePointer<UInt8>, _ fs: Int, _ fe: Int, present: Bool,
                     out: OutputBuffer, scratch: inout [UInt8]) {
        guard present else { return }
        if emitByte & EmitMode.verbatimBit != 0 {
            out.append(base + fs, fe - fs)
            return
        }
        let mode = EmitMode(rawValue: emitByte & 0x7f)!
        if fe > fs && base[fs] == CSVTokenizer.quote {
            CSVTokenizer.unquote(base, fs, fe, into: &scratch)
            let n = scratch.count
            scratch.withUnsafeBufferPointer { buffer in
                emitContent(mode, buffer.baseAddress ?? base, n, out: out)
            }
        } else {
            emitContent(mode, base + fs, fe - fs, out: out)
        }
    }

    static func emitContent(_ mode: EmitMode, _ p: UnsafePointer<UInt8>, _ n: Int, out: OutputBuffer) {
        switch mode {
        case .intDecimal:
            if PandasScalars.isCanonicalInteger(p, n) { out.append(p, n); return }
            appendDecimal(PandasScalars.parseInt64(p, n).1, out: out)
        case .uintDecimal:
            if PandasScalars.isCanonicalInteger(p, n) { out.append(p, n); return }
            appendDecimal(PandasScalars.parseUInt64(p, n).1, out: out)
        case .float:
            if PandasScalars.isNA(p, n) { return }
            if PandasScalars.isCanonicalFloatFast(p, n) { out.append(p, n); return }
            appendFloat(PandasScalars.parseDouble(p, n), out: out)
        case .floatFromInt:
            appendFloat(Double(PandasScalars.parseInt64(p, n).1), out: out)
        case .floatFromIntWithNA:
            if PandasScalars.isNA(p, n) { return }
            let value = PandasScalars.parseInt64(p, n).1
            if value == Int64.min { return }
            appendFloat(Double(value), out: out)
        case .floatFromUInt:
            appendFloat(Double(PandasScalars.parseUInt64(p, n).1), out: out)
        case .boolWord:
            if PandasScalars.isNA(p, n) { return }
            if PandasScalars.boolValue(p, n) == true {
                out.append(UInt8(ascii: "T")); out.append(UInt8(ascii: "r")); out.append(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "e"))
            } else {
                out.append(UInt8(ascii: "F")); out.append(UInt8(ascii: "a")); out.append(UInt8(ascii: "l"))
                out.append(UInt8(ascii: "s")); out.append(UInt8(ascii: "e"))
            }
        case .boolAsInt:
            out.append(PandasScalars.boolValue(p, n) == true ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case .boolAsFloat:
            out.append(PandasScalars.boolValue(p, n) == true ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            out.append(UInt8(ascii: ".")); out.append(UInt8(ascii: "0"))
        case .textFiltered:
            if PandasScalars.isNA(p, n) { return }
            CSVTokenizer.appendQuotedIfNeeded(UnsafeBufferPointer(start: p, count: n), to: out)
        case .textUnfiltered:
            CSVTokenizer.appendQuotedIfNeeded(UnsafeBufferPointer(start: p, count: n), to: out)
        }
    }

    @inline(__always)
    static func appendFloat(_ value: Double, out: OutputBuffer) {
        let p = out.tail(reserving: 40)
        out.advance(PythonFloatLayout.write(value, into: p))
    }

    static func appendDecimal(_ value: Int64, out: OutputBuffer) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDecimal(value.magnitude, out: out)
        } else {
            appendDecimal(UInt64(value), out: out)
        }
    }

    static func appendDecimal(_ value: UInt64, out: OutputBuffer) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var v = value
            var i = 24
            repeat {
                i -= 1
                raw[i] = UInt8(48 + v % 10)
                v /= 10
            } while v > 0
            out.append(raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + i, 24 - i)
        }
    }

    /// The cell as a typed value.
    func value(row r: Int, column c: Int) -> CSVTable.Value {
        let base = storage.source.base
        let fields = FieldList(capacity: storage.width)
        CSVTokenizer.splitFields(base, start: storage.rowStarts[r], end: storage.rowEnds[r],
                                 quoted: storage.rowFlags[r] & CSVTokenizer.quoteFlag != 0, into: fields)
        let mode = EmitMode(rawValue: storage.emitByte(row: r, column: c) & 0x7f)!
        // A short record is padded with empty strings, which only the unfiltered object
        // fallback keeps as strings.
        guard c < fields.count else { return mode == .textUnfiltered ? .text("") : .missing }
        let fs = fields.starts[c], fe = fields.ends[c]
        var content: [UInt8]
        if fe > fs && base[fs] == CSVTokenizer.quote {
            content = []
            CSVTokenizer.unquote(base, fs, fe, into: &content)
        } else {
            content = Array(UnsafeBufferPointer(start: base + fs, count: fe - fs))
        }
        return content.withUnsafeBufferPointer { buffer -> CSVTable.Value in
            let n = buffer.count
            guard let p = buffer.baseAddress, n > 0 else {
                return mode == .textUnfiltered ? .text("") : .missing
            }
            switch mode {
            case .intDecimal: return .int(PandasScalars.parseInt64(p, n).1)
            case .uintDecimal: return .uint(PandasScalars.parseUInt64(p, n).1)
            case .float:
                return PandasScalars.isNA(p, n) ? .missing : .double(PandasScalars.parseDouble(p, n))
            case .floatFromInt:
                return .double(Double(PandasScalars.parseInt64(p, n).1))
            case .floatFromIntWithNA:
                if PandasScalars.isNA(p, n) { return .missing }
                let value = PandasScalars.parseInt64(p, n).1
                return value == Int64.min ? .missing : .double(Double(value))
            case .floatFromUInt:
                return .double(Double(PandasScalars.parseUInt64(p, n).1))
            case .boolWord:
                return PandasScalars.isNA(p, n) ? .missing : .bool(PandasScalars.boolValue(p, n) == true)
            case .boolAsInt: return .int(PandasScalars.boolValue(p, n) == true ? 1 : 0)
            case .boolAsFloat: return .double(PandasScalars.boolValue(p, n) == true ? 1 : 0)
            case .textFiltered:
                return PandasScalars.isNA(p, n) ? .missing : .text(String(decoding: buffer, as: UTF8.self))
            case .textUnfiltered: return .text(String(decoding: buffer, as: UTF8.self))
            }
        }
    }
}

/// Writes a ``CSVTable`` as `to_csv(index=False)` does: header, then one line per row, `,`
/// between fields, `\n` after each line, minimal quoting.
///
/// Rows are formatted in parallel in blocks and handed to the sink strictly in order. Runs of
/// consecutive source columns whose chunk is verbatim are copied as one byte range (delimiters
/// included), and a row whose every column is verbatim is copied whole.
struct CSVWriter {
    enum Piece {
        case run(first: Int, last: Int)   // consecutive source columns
        case constant([UInt8])            // a preformatted field
    }

    let table: CSVTable
    let threads: Int

    func write(_ sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        let storage = table.storage
        let header = OutputBuffer(capacity: 4096)
        let names = table.columns.map(\.name)
        for (i, name) in names.enumerated() {
            if i > 0 { header.append(CSVTokenizer.comma) }
            let bytes = Array(name.utf8)
            bytes.withUnsafeBufferPointer { CSVTokenizer.appendQuotedIfNeeded($0, to: header) }
        }
        if names.count == 1 && names[0].isEmpty {
            header.append(CSVTokenizer.quote); header.append(CSVTokenizer.quote)
        }
        header.append(CSVTokenizer.lf)
        sink(header.bytes)

        let rowCount = table.rowCount
        guard rowCount > 0, !table.columns.isEmpty else {
            // pandas still writes one empty line per row when there are no columns.
            if rowCount > 0 {
                let line = OutputBuffer(capacity: 16)
                line.append(CSVTokenizer.lf)
                for _ in 0 ..< rowCount { sink(line.bytes) }
            }
            return
        }

        // The plan: source-column runs and constants.
        var pieces: [Piece] = []
        for column in table.columns {
            switch column.source {
            case .field(let c):
                if case .run(let first, let last)? = pieces.last, last + 1 == c {
                    pieces[pieces.count - 1] = .run(first: first, last: c)
                } else {
                    pieces.append(.run(first: c, last: c))
                }
            case .constant(let value):
                let buffer = OutputBuffer(capacity: 64)
                var text = Array(value.csvText.utf8)
                text.withUnsafeBufferPointer { CSVTokenizer.appendQuotedIfNeeded($0, to: buffer) }
                pieces.append(.constant(Array(buffer.bytes)))
                text.removeAll()
            }
        }
        let chunks = storage.chunkCount
        var runVerbatim = [Bool](repeating: false, count: chunks * pieces.count)
        for chunk in 0 ..< chunks {
            for (k, piece) in pieces.enumerated() {
                if case .run(let first, let last) = piece {
                    runVerbatim[chunk * pieces.count + k] = (first ... last).allSatisfy {
                        storage.emit[chunk * storage.width + $0] & EmitMode.verbatimBit != 0
                    }
                }
            }
        }
        let identity: Bool
        if pieces.count == 1, case .run(let first, let last) = pieces[0], first == 0, last == storage.width - 1 {
            identity = true
        } else {
            identity = false
        }
        let job = RowFormatter(storage: storage, pieces: pieces, runVerbatim: runVerbatim,
                               identity: identity, singleColumn: table.columns.count == 1)

        let blockRows = 4096
        let blocks = (rowCount + blockRows - 1) / blockRows
        let wave = max(1, threads) * 4
        // Two sets of block buffers: while one wave is handed to the sink, the next is formatted
        // into the other set.
        let bufferSets = UncheckedSendable((0 ..< 2).map { _ in (0 ..< min(wave, blocks)).map { _ in OutputBuffer(capacity: 1 << 20) } })
        let selection = table.selection
        // Rows of large files in permutation order are fetched with pread (see
        // ByteSource.copyBytes). Otherwise rows are read from the mapping, whose pages are
        // dropped after every wave: for small files a syscall per short row costs more than the
        // (bounded) resident pages it would save.
        let gather = selection != nil && storage.source.readsWithPread && storage.source.count > 64 << 20
        let formatWave: @Sendable (Int, Int) -> Void = { [job] waveStart, waveEnd in
            let buffers = bufferSets.value[(waveStart / wave) % 2]
            Parallel.forEach(waveEnd - waveStart, threads: threads) { k in
                let buffer = buffers[k]
                buffer.removeAll()
                let fields = FieldList(capacity: storage.width + 8)
                var scratch = [UInt8]()
                let lower = (waveStart + k) * blockRows
                let upper = min(rowCount, lower + blockRows)
                let base = storage.source.base
                if gather, let selection {
                    var capacity = 1 << 16
                    var rowBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                    defer { rowBuffer.deallocate() }
                    for i in lower ..< upper {
                        let r = selection[i]
                        let start = storage.rowStarts[r]
                        let length = storage.rowEnds[r] - start
                        if length > capacity {
                            rowBuffer.deallocate()
                            capacity = max(length, capacity * 2)
                            rowBuffer = .allocate(capacity: capacity)
                        }
                        storage.source.copyBytes(at: start, count: length, into: rowBuffer)
                        job.format(row: r, rowBase: UnsafePointer(rowBuffer), fields: fields, scratch: &scratch, out: buffer)
                    }
                } else {
                    for i in lower ..< upper {
                        let r = selection?[i] ?? i
                        job.format(row: r, rowBase: base + storage.rowStarts[r], fields: fields, scratch: &scratch, out: buffer)
                    }
                }
            }
            if !gather { storage.source.discardResidentPages() }
        }
        // Wave w is handed to the sink on this thread while wave w + 1 is formatted in the
        // background into the other buffer set.
        formatWave(0, min(blocks, wave))
        var waveStart = 0
        while waveStart < blocks {
            let waveEnd = min(blocks, waveStart + wave)
            let next = DispatchGroup()
            if waveEnd < blocks {
                DispatchQueue.global().async(group: next) { formatWave(waveEnd, min(blocks, waveEnd + wave)) }
            }
            for buffer in bufferSets.value[(waveStart / wave) % 2][0 ..< waveEnd - waveStart] { sink(buffer.bytes) }
            next.wait()
            waveStart = waveEnd
        }
    }
}

/// Hands a value to another thread when the code guarantees it is not used concurrently.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Formats one storage row according to a write plan.
struct RowFormatter {
    let storage: CSVStorage
    let pieces: [CSVWriter.Piece]
    let runVerbatim: [Bool]
    let identity: Bool
    let singleColumn: Bool

    /// Formats storage row `r`, whose bytes (without the line terminator) start at `rowBase`.
    @inline(__always)
    func format(row r: Int, rowBase: UnsafePointer<UInt8>, fields: FieldList, scratch: inout [UInt8],
                out: OutputBuffer) {
        let base = rowBase
        let length = storage.rowEnds[r] - storage.rowStarts[r]
        let flags = storage.rowFlags[r]
        let chunk = r / storage.chunkRows
        let pieceCount = pieces.count
        if identity && !singleColumn && flags & CSVTokenizer.paddedFlag == 0 && runVerbatim[chunk * pieceCount] {
            out.append(base, length)
            out.append(CSVTokenizer.lf)
            return
        }
        CSVTokenizer.splitFields(base, start: 0, end: length, quoted: flags & CSVTokenizer.quoteFlag != 0, into: fields)
        let available = fields.count
        let before = out.count
        let emitRow = chunk * storage.width
        for k in 0 ..< pieceCount {
            if k > 0 { out.append(CSVTokenizer.comma) }
            switch pieces[k] {
            case .constant(let bytes):
                out.append(bytes)
            case .run(let first, let last):
                if !singleColumn && last < available && runVerbatim[chunk * pieceCount + k] {
                    let from = fields.starts[first]
                    out.append(base + from, fields.ends[last] - from)
                } else {
                    for c in first ... last {
                        if c > first { out.append(CSVTokenizer.comma) }
                        let present = c < available
                        CellReader.emit(storage.emit[emitRow + c], base,
                                        present ? fields.starts[c] : 0, present ? fields.ends[c] : 0,
                                        present: present, out: out, scratch: &scratch)
                    }
                }
            }
        }
        // Python's csv writer quotes a lone empty field so the line is not blank.
        if singleColumn && out.count == before {
            out.append(CSVTokenizer.quote)
            out.append(CSVTokenizer.quote)
        }
        out.append(CSVTokenizer.lf)
    }
}

extension CellReader {
    /// The cells of several columns for the given storage rows, splitting each row once and
    /// reusing one field list and one scratch buffer (graders read millions of cells).
    func values(rows: [Int], columns: [Int]) -> [[CSVTable.Value]] {
        var out = columns.map { _ in [CSVTable.Value]() }
        for k in out.indices { out[k].reserveCapacity(rows.count) }
        let base = storage.source.base
        let fields = FieldList(capacity: storage.width)
        var scratch = [UInt8]()
        for r in rows {
            CSVTokenizer.splitFields(base, start: storage.rowStarts[r], end: storage.rowEnds[r],
                                     quoted: storage.rowFlags[r] & CSVTokenizer.quoteFlag != 0, into: fields)
            for (k, c) in columns.enumerated() {
                let mode = EmitMode(rawValue: storage.emitByte(row: r, column: c) & 0x7f)!
                guard c < fields.count else {
                    out[k].append(mode == .textUnfiltered ? .text("") : .missing)
                    continue
                }
                let fs = fields.starts[c], fe = fields.ends[c]
                if fe > fs && base[fs] == CSVTokenizer.quote {
                    CSVTokenizer.unquote(base, fs, fe, into: &scratch)
                    out[k].append(scratch.withUnsafeBufferPointer { Self.decode(mode, $0) })
                } else {
                    out[k].append(Self.decode(mode, UnsafeBufferPointer(start: base + fs, count: fe - fs)))
                }
            }
        }
        return out
    }

    @inline(__always)
    static func decode(_ mode: EmitMode, _ buffer: UnsafeBufferPointer<UInt8>) -> CSVTable.Value {
        let n = buffer.count
        guard let p = buffer.baseAddress, n > 0 else { return mode == .textUnfiltered ? .text("") : .missing }
        switch mode {
        case .intDecimal: return .int(PandasScalars.parseInt64(p, n).1)
        case .uintDecimal: return .uint(PandasScalars.parseUInt64(p, n).1)
        case .float: return PandasScalars.isNA(p, n) ? .missing : .double(PandasScalars.parseDouble(p, n))
        case .floatFromInt: return .double(Double(PandasScalars.parseInt64(p, n).1))
        case .floatFromIntWithNA:
            if PandasScalars.isNA(p, n) { return .missing }
            let value = PandasScalars.parseInt64(p, n).1
            return value == Int64.min ? .missing : .double(Double(value))
        case .floatFromUInt: return .double(Double(PandasScalars.parseUInt64(p, n).1))
        case .boolWord: return PandasScalars.isNA(p, n) ? .missing : .bool(PandasScalars.boolValue(p, n) == true)
        case .boolAsInt: return .int(PandasScalars.boolValue(p, n) == true ? 1 : 0)
        case .boolAsFloat: return .double(PandasScalars.boolValue(p, n) == true ? 1 : 0)
        case .textFiltered: return PandasScalars.isNA(p, n) ? .missing : .text(String(decoding: buffer, as: UTF8.self))
        case .textUnfiltered: return .text(String(decoding: buffer, as: UTF8.self))
        }
    }
}

extension CSVTable {
    /// Whole columns as pandas holds them, in row order: far cheaper than `value(row:column:)`
    /// cell by cell, since each row is split once for all the columns asked for.
    public func columnValues(_ indices: [Int]) -> [[Value]] {
        let fieldColumns = indices.compactMap { i -> Int? in if case .field(let c) = columns[i].source { return c }; return nil }
        let rows = selection ?? Array(0..<storage.rowCount)
        let read = fieldColumns.isEmpty ? [] : CellReader(storage: storage).values(rows: rows, columns: fieldColumns)
        var next = 0
        return indices.map { i in
            switch columns[i].source {
            case .constant(let v): return Array(repeating: v, count: rowCount)
            case .field:
                defer { next += 1 }
                return read[next]
            }
        }
    }
}
