import Foundation

extension CSVTable {
    /// How fields are quoted when writing (`to_csv(quoting=…)`).
    public enum Quoting: Sendable, Hashable {
        /// `csv.QUOTE_MINIMAL` (pandas' default): fields holding `,`, `"` or a line feed.
        case minimal
        /// `csv.QUOTE_NONNUMERIC`: every text field is quoted (header names, empty strings and the
        /// `""` written for NaN included); ints, floats and booleans are not.
        case nonnumeric
    }

    /// pandas' index label of each row: a table read from a file has a `RangeIndex`, and row
    /// selections (`iloc`, boolean masks, `sort_values`) keep the labels of the rows they pick.
    ///
    /// ```swift
    /// let t = try CSVTable(bytes: Array("id\na\nb\nc\n".utf8)).rows([2, 0])
    /// t.rowLabels  // [2, 0]
    /// ```
    public var rowLabels: [Int] {
        indexLabels ?? (0 ..< rowCount).map { selection?[$0] ?? $0 }
    }

    /// The same table with the given index labels (one per row).
    public func labelled(_ labels: [Int]) -> CSVTable {
        precondition(labels.count == rowCount, "one label per row")
        var copy = self
        copy.indexLabels = labels
        return copy
    }

    /// Whether pandas took the file's leading fields as the index (a first record wider than
    /// the header): its labels are then those fields, not row numbers.
    public var hasImplicitIndex: Bool { storage.leading > 0 }

    /// The bytes `df.to_csv(index=index, quoting=quoting)` would produce. With `index`, each row
    /// starts with its ``rowLabels`` value under an unnamed header field (callers refuse
    /// ``hasImplicitIndex`` tables, whose labels are the file's leading fields).
    public func csvData(index: Bool, quoting: Quoting) -> Data {
        if !index && quoting == .minimal { return csvData() }
        let out = OutputBuffer(capacity: 1 << 20)
        func field(_ text: String, numeric: Bool) {
            var bytes = Array(text.utf8)
            switch quoting {
            case .minimal:
                bytes.withUnsafeBufferPointer { CSVTokenizer.appendQuotedIfNeeded($0, to: out) }
            case .nonnumeric where numeric:
                bytes.withUnsafeBufferPointer { out.append($0) }
            case .nonnumeric:
                out.append(CSVTokenizer.quote)
                for c in bytes {
                    if c == CSVTokenizer.quote { out.append(c) }
                    out.append(c)
                }
                out.append(CSVTokenizer.quote)
            }
            bytes.removeAll()
        }
        func cell(_ value: Value) {
            switch value {
            case .missing: field("", numeric: false)
            case .double(let d) where d.isNaN: field("", numeric: false)
            case .text(let s): field(s, numeric: false)
            case .int, .uint, .double, .bool: field(value.csvText, numeric: true)
            }
        }
        let names = (index ? [""] : []) + columnNames
        for (i, name) in names.enumerated() {
            if i > 0 { out.append(CSVTokenizer.comma) }
            field(name, numeric: false)
        }
        // Python's csv module writes a lone empty field as "" so the line is not blank.
        if names == [""] && quoting == .minimal { out.append(CSVTokenizer.quote); out.append(CSVTokenizer.quote) }
        out.append(CSVTokenizer.lf)
        let labels = index ? rowLabels : []
        var data = Data()
        for row in 0 ..< rowCount {
            if index { field(String(labels[row]), numeric: true) }
            for c in 0 ..< columnCount {
                if c > 0 || index { out.append(CSVTokenizer.comma) }
                cell(value(row: row, column: c))
            }
            out.append(CSVTokenizer.lf)
            if out.count > 1 << 20 {
                data.append(out.bytes)
                out.removeAll()
            }
        }
        data.append(out.bytes)
        return data
    }
}
