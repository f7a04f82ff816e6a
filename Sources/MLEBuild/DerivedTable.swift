import Foundation
import MLESplits

/// Tables whose cells are computed (renumbered ids, one-hot columns).
///
/// They are made by writing the cells as `to_csv` would and reading that text back, so
/// the new table has exactly the dtypes pandas infers for it. This matches pandas as long
/// as no text column holds only numeric-looking strings; MLE-bench's renumbered and
/// one-hot tables hold ids, numbers and 0/1 flags.
enum DerivedTable {
    static func make(columns: [(name: String, cells: [String])]) throws -> CSVTable {
        var out = [UInt8]()
        func field(_ s: String) {
            let special: Set<UInt8> = [0x2C, 0x22, 0x0A, 0x0D]  // , " LF CR
            let needsQuotes = s.utf8.contains { special.contains($0) }
            if needsQuotes {
                out.append(0x22)
                for b in s.utf8 { if b == 0x22 { out.append(0x22) }; out.append(b) }
                out.append(0x22)
            } else {
                out.append(contentsOf: s.utf8)
            }
        }
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

    /// Every column of `table` as text, with `column` replaced.
    static func replacing(_ table: CSVTable, column: String, with cells: [String]) throws -> CSVTable {
        try make(columns: table.columnNames.enumerated().map { index, name in
            (name, name == column ? cells : (0..<table.rowCount).map { table.csvText(row: $0, column: index) })
        })
    }
}
