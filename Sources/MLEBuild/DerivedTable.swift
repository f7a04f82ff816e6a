import Foundation
import MLETable

/// Tables whose cells are computed (renumbered ids, one-hot columns).
///
/// They are made by writing the cells as `to_csv` would and reading that text back, so
/// the new table has exactly the dtypes pandas infers for it. This matches pandas as long
/// as no text column holds only numeric-looking strings; MLE-bench's renumbered and
/// one-hot tables hold ids, numbers and 0/1 flags.
enum DerivedTable {
    static func make(columns: [(name: String, cells: [String])]) throws -> CSVTable {
        var out = [UInt8]()
        func field(_ s: String) { appendField(s, to: &out) }
        for (i, c) in columns.enumerated() {
            if i > 0 { out.append(0x2C) }
            field(c.name)
        }
        out.append(0x0A)
        let rows = columns.first?.cells.count ?? 0
        for r in 0..<rows {
            for (i, c) in columns.enumerated() {
                if i > 0 { out.append(0x2C) }
                field(c.cells[r])
            }
            out.append(0x0A)
        }
        return try CSVTable(bytes: out)
    }

    /// Appends one CSV field, quoted when it holds `,`, `"`, LF or CR.
    static func appendField(_ s: String, to out: inout [UInt8]) {
        let needsQuotes = s.utf8.contains { (b: UInt8) -> Bool in
            switch b {
            case 0x2C, 0x22, 0x0A, 0x0D: return true   // , " LF CR
            default: return false
            }
        }
        if needsQuotes {
            out.append(0x22)
            for b in s.utf8 { if b == 0x22 { out.append(0x22) }; out.append(b) }
            out.append(0x22)
        } else {
            out.append(contentsOf: s.utf8)
        }
    }

}

extension DerivedTable {
    typealias TypedColumn = (name: String, cells: [String], type: CSVTable.ColumnType)

    /// A table whose columns get the given dtypes whatever their text looks like (`"007"` stays
    /// text in an object column), and whose cells print exactly as given; anything else (a text
    /// cell pandas reads as NaN, say `"NA"`) is refused.
    ///
    /// pandas types each column per reading chunk, so every chunk of the generated text opens
    /// with a sentinel row that pins the dtype (`x` for object, `0` for numbers, `True` for
    /// bool); the sentinels are then dropped with ``CSVTable/rows(_:)``.
    static func makeExact(columns: [TypedColumn]) throws -> CSVTable {
        let rowCount = columns.first?.cells.count ?? 0
        // A sentinel every `chunk` rows (pandas' reading chunk) lands in every chunk.
        let chunk = CSVTable.readingChunkRows(width: columns.count)
        let sentinels = columns.map { c -> String in
            switch c.type {
            case .int64, .uint64: return "0"
            case .float64: return "0.0"
            case .bool: return "True"
            case .object: return "x"
            }
        }
        var out = [UInt8]()
        func field(_ s: String) {
            // `""` (NaN, as an empty cell) keeps a one-column row from being a skipped blank line.
            if s.isEmpty { out.append(0x22); out.append(0x22) } else { appendField(s, to: &out) }
        }
        func line(_ cells: [String]) {
            for (i, cell) in cells.enumerated() {
                if i > 0 { out.append(0x2C) }
                field(cell)
            }
            out.append(0x0A)
        }
        line(columns.map(\.name))
        var kept: [Int] = []
        var position = 0
        for row in 0 ..< rowCount {
            if position % chunk == 0 { line(sentinels); position += 1 }
            kept.append(position)
            line(columns.map { $0.cells[row] })
            position += 1
        }
        // A new frame has a RangeIndex (callers that replace columns keep their source's labels).
        let table = try CSVTable(bytes: out).rows(kept).labelled(Array(0 ..< rowCount))
        let values = table.columnValues(Array(0 ..< table.columnCount))
        for (c, column) in columns.enumerated() {
            for (row, cell) in column.cells.enumerated() where values[c][row].csvText != cell {
                throw RecordError("column '\(column.name)' row \(row): '\(cell)' would be read back as '\(values[c][row].csvText)'; such a table cannot be derived exactly")
            }
        }
        return table
    }

    /// Every column of `table` with its dtype, with `column` replaced by `cells` of `type`
    /// (or appended when new), through ``makeExact(columns:)``.
    static func replacingExactly(_ table: CSVTable, column: String, with cells: [String],
                                 type: CSVTable.ColumnType) throws -> CSVTable {
        try replacingExactly(table, columns: [(column, cells, type)])
    }

    /// ``replacingExactly(_:column:with:type:)`` for several columns at once; the row labels
    /// are the source table's (`df[col] = …` keeps the index).
    static func replacingExactly(_ table: CSVTable, columns replacements: [TypedColumn]) throws -> CSVTable {
        let values = table.columnValues(Array(0 ..< table.columnCount))
        let replaced = Dictionary(replacements.map { ($0.name, $0) }, uniquingKeysWith: { _, b in b })
        var columns: [TypedColumn] = table.columnNames.enumerated().map { index, name in
            replaced[name] ?? (name, values[index].map(\.csvText), table.columnType(at: index))
        }
        for r in replacements where !table.columnNames.contains(r.name) { columns.append(r) }
        return try makeExact(columns: columns).labelled(table.rowLabels)
    }
}
