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
        csvData(index: index, quoting: quoting, floatPrecision: nil)
    }

    /// The bytes `df.to_csv(index=index, quoting=quoting, float_format="%.pg")` would produce:
    /// with a `floatPrecision` p, each non-NaN cell of a float64 column is written as Python's
    /// `"%.pg" % x` (``percentG(_:precision:)``); other columns and NaN cells are unchanged.
    public func csvData(index: Bool, quoting: Quoting, floatPrecision: Int?) -> Data {
        if !index && quoting == .minimal && floatPrecision == nil { return csvData() }
        let formatted: [Bool] = (0 ..< columnCount).map { floatPrecision != nil && columnType(at: $0) == .float64 }
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
                if formatted[c], let p = floatPrecision, case .double(let d) = value(row: row, column: c), !d.isNaN {
                    field(Self.percentG(d, precision: p), numeric: true)
                    continue
                }
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

extension CSVTable {
    /// Python's `"%.pg" % x` (and C's `printf("%.pg", x)`): `x` correctly rounded to `precision`
    /// significant digits, in fixed notation when the decimal exponent lies in -4 ..< precision,
    /// otherwise `d.ddde±XX`; trailing zeros (and a trailing point) removed; `inf`, `-inf`, `nan`.
    ///
    /// ```swift
    /// CSVTable.percentG(0.1 + 0.2, precision: 10)  // "0.3"
    /// CSVTable.percentG(1e10, precision: 10)       // "1e+10"
    /// ```
    public static func percentG(_ x: Double, precision: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        // glibc's %g is correctly rounded, as Python's (dtoa) is; only NaN's sign differs ("-nan").
        return String(cString: formatted(x, spec: "%.\(max(precision, 1))g"))
    }

    private static func formatted(_ x: Double, spec: String) -> [CChar] {
        var buffer = [CChar](repeating: 0, count: 512)
        _ = withVaList([x]) { args in vsnprintf(&buffer, buffer.count, spec, args) }
        return buffer
    }
}
