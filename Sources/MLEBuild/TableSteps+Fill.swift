import Foundation
import MLERecipes
import MLEPyCompat
import MLETable

/// The table computations behind `fillna`, `set … where` and `group_join`.
extension TableSteps {
    /// The text a constant takes in a column of `type` without changing its dtype, or nil when
    /// pandas would change the dtype (a number in a text column, text in a float column, …).
    static func cell(_ value: CSVTable.Value, in type: CSVTable.ColumnType) -> String? {
        switch (type, value) {
        case (.float64, .int(let n)): return PythonFloat.repr(Double(n))
        case (.float64, .double(let d)) where !d.isNaN: return PythonFloat.repr(d)
        case (.int64, .int(let n)): return String(n)
        case (.object, .text(let s)): return s
        default: return nil
        }
    }

    /// `df.fillna(value)` (or `df[cols] = df[cols].fillna(value)`): a float column's NaN cells take
    /// a number, a text column's a string; columns without NaN are left as they are. A fill that
    /// would change a column's dtype is refused.
    static func fillNA(_ t: CSVTable, value: CSVTable.Value, columns: [String]?, _ fail: Fail) throws -> CSVTable {
        var replacements: [DerivedTable.TypedColumn] = []
        for name in columns ?? t.columnNames {
            guard let c = t.columnIndex(named: name) else { throw fail("no column '\(name)'") }
            let values = t.columnValues([c])[0]
            guard values.contains(where: isMissing) else { continue }
            let type = t.columnType(at: c)
            guard let fill = cell(value, in: type) else {
                throw fail("column '\(name)' is \(type.rawValue) and has NaN; filling it with \(value.csvText) would change its dtype, which is not supported")
            }
            replacements.append((name, values.map { isMissing($0) ? fill : $0.csvText }, type))
        }
        return replacements.isEmpty ? t : try DerivedTable.replacingExactly(t, columns: replacements)
    }

    /// `df.loc[df[column] == equals, columns] = value`: the matching rows' cells (NaN equals
    /// nothing) take `value`, which must fit each column's dtype (a float or integer column takes a
    /// number, a text column a string); the columns must exist.
    static func setWhere(_ t: CSVTable, column: String, equals: CSVTable.Value, columns: [String],
                         value: CSVTable.Value, _ fail: Fail) throws -> CSVTable {
        guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
        return try setRows(t, Set(try rowsEqual(t, column: c, to: equals, negate: false, fail)), columns: columns, value: value, fail)
    }

    /// `df.loc[df[column].isin(other[column]), columns] = value` (`~…isin` with `negate`):
    /// numbers match by value, NaN matches NaN, as in `filter`.
    static func setWhereIn(_ t: CSVTable, column: String, other: CSVTable, negate: Bool, columns: [String],
                           value: CSVTable.Value, _ fail: Fail) throws -> CSVTable {
        guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
        guard let oc = other.columnIndex(named: column) else { throw fail("no column '\(column)' in the table matched against") }
        let rows = try rowsIn(t, column: c, other: other, otherColumn: oc, negate: negate, fail)
        return try setRows(t, Set(rows), columns: columns, value: value, fail)
    }

    /// `df.loc[df[column].str.contains(text, regex=False), columns] = value`: Python's `text in
    /// cell`, code point by code point; a cell that is not text (NaN, a number) is refused.
    static func setWhereContains(_ t: CSVTable, column: String, text: String, columns: [String],
                                 value: CSVTable.Value, _ fail: Fail) throws -> CSVTable {
        guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
        let needle = Array(text.utf8)
        var rows = Set<Int>()
        for row in 0 ..< t.rowCount {
            guard case .text(let s) = t.value(row: row, column: c) else {
                throw fail("row \(row): '\(column)' = \(t.csvText(row: row, column: c)) is not text")
            }
            let hay = Array(s.utf8)
            if hay.count >= needle.count, (0 ... hay.count - needle.count).contains(where: { hay[$0 ..< $0 + needle.count].elementsEqual(needle) }) {
                rows.insert(row)
            }
        }
        return try setRows(t, rows, columns: columns, value: value, fail)
    }

    /// `df[column] = df.groupby(by).cumcount() + start` (without `by`, `start`, `start + 1`, …):
    /// groups by value as `group_first` does; a missing key is refused.
    /// With `width`, the counts are text zero-padded to `width` digits (`str(n).zfill(width)`).
    static func cumcount(_ t: CSVTable, column: String, by: [String], start: Int64, width: Int? = nil, _ fail: Fail) throws -> CSVTable {
        let keyColumns = try by.map { name -> Int in
            guard let c = t.columnIndex(named: name) else { throw fail("no column '\(name)'") }
            return c
        }
        let keys = try t.columnValues(keyColumns)
        var counts: [[RecipeRunner.IsInKey]: Int64] = [:]
        var cells: [String] = []
        cells.reserveCapacity(t.rowCount)
        for row in 0 ..< t.rowCount {
            let key = try keyColumns.indices.map { k -> RecipeRunner.IsInKey in
                let v = try RecipeRunner.IsInKey(keys[k][row], fail)
                if case .missing = v { throw fail("row \(row): '\(by[k])' is missing (groupby drops such rows, leaving NaN)") }
                return v
            }
            let n = counts[key, default: 0]
            counts[key] = n + 1
            let text = String(start + n)
            cells.append(width.map { String(repeating: "0", count: max(0, $0 - text.count)) + text } ?? text)
        }
        let kept = t.columnNames.enumerated().filter { $0.element != column }.map { index, name -> DerivedTable.TypedColumn in
            (name, (0 ..< t.rowCount).map { t.csvText(row: $0, column: index) }, t.columnType(at: index))
        }
        var columns = kept
        let typed: DerivedTable.TypedColumn = (column, cells, width == nil ? .int64 : .object)
        if let at = t.columnIndex(named: column) { columns.insert(typed, at: at) } else { columns.append(typed) }
        return try DerivedTable.makeExact(columns: columns).labelled(t.rowLabels)
    }

    /// `df.loc[rows, columns] = value` for existing columns whose dtype `value` fits.
    static func setRows(_ t: CSVTable, _ rows: Set<Int>, columns: [String], value: CSVTable.Value, _ fail: Fail) throws -> CSVTable {
        var replacements: [DerivedTable.TypedColumn] = []
        for name in columns {
            guard let target = t.columnIndex(named: name) else {
                throw fail("no column '\(name)' (pandas would add it with NaN elsewhere, which is not supported)")
            }
            let type = t.columnType(at: target)
            guard let fill = cell(value, in: type) else {
                throw fail("column '\(name)' is \(type.rawValue); setting it to \(value.csvText) would change its dtype, which is not supported")
            }
            replacements.append((name, (0 ..< t.rowCount).map { rows.contains($0) ? fill : t.csvText(row: $0, column: target) }, type))
        }
        return rows.isEmpty ? t : try DerivedTable.replacingExactly(t, columns: replacements)
    }

    /// `df.groupby(by)[column].agg(separator.join).reset_index()`: one row per key in sorted order
    /// (missing keys dropped), the key columns, then the group's texts joined in row order. Every
    /// cell joined must be text (`str.join` refuses NaN and numbers).
    static func groupJoin(_ t: CSVTable, by: [String], column: String, separator: String, _ fail: Fail) throws -> CSVTable {
        let keyColumns = try by.map { name -> Int in
            guard let c = t.columnIndex(named: name) else { throw fail("no column '\(name)'") }
            return c
        }
        guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
        guard !by.contains(column) else { throw fail("column '\(column)' is also a key") }
        let groups = try sortedGroups(t, keyColumns: keyColumns, fail)
        let joined = try groups.map { rows in
            try rows.map { row -> String in
                guard case .text(let s) = t.value(row: row, column: c) else {
                    throw fail("row \(row): '\(column)' = \(t.csvText(row: row, column: c)) is not text, which str.join refuses")
                }
                return s
            }.joined(separator: separator)
        }
        return try DerivedTable.makeExact(columns: keyColumns.map { k in
            (t.columnNames[k], groups.map { t.csvText(row: $0[0], column: k) }, t.columnType(at: k))
        } + [(column, joined, .object)])
    }
}
