import Foundation
import MLERecipes
import MLEPyCompat
import MLETable

/// ``RecipeStep/Template``s evaluated per row of a table: `{column}` is the cell as `str()`
/// prints it, `{column[i]}` its i-th character. In `copy_by_id` paths `{id}` is the step's
/// `column` and `{new}` its renumbered value.
struct RowTemplates {
    enum Slot { case cell(Int), new }

    let table: CSVTable
    let templates: [[(literal: String, slot: Slot?, character: Int?, name: String)]]
    let fail: (String) -> BuildError

    init(_ sources: [String], table: CSVTable, idColumn: Int?, _ fail: @escaping (String) -> BuildError) throws {
        try self.init(sources.map { text in
            do { return try RecipeStep.Template(parsing: text) } catch { throw fail("template '\(text)': \(error)") }
        }, table: table, idColumn: idColumn, fail)
    }

    init(_ parsed: [RecipeStep.Template], table: CSVTable, idColumn: Int?, _ fail: @escaping (String) -> BuildError) throws {
        self.table = table
        self.fail = fail
        templates = try parsed.map { template in
            try template.parts.map { part in
                switch part {
                case .literal(let text): return (text, nil, nil, "")
                case .column(let name, let character):
                    if idColumn != nil, name == "new" { return ("", .new, character, name) }
                    if let idColumn, name == "id" { return ("", .cell(idColumn), character, name) }
                    guard let c = table.columnIndex(named: name) else { throw fail("template '\(template)': no column '\(name)'") }
                    return ("", .cell(c), character, name)
                }
            }
        }
    }

    /// Every template rendered for `row`; `new` fills `{new}`.
    func render(row: Int, new: String?) throws -> [String] {
        try templates.map { parts in
            var out = ""
            for part in parts {
                guard let slot = part.slot else { out += part.literal; continue }
                let text: String
                var isText = true
                switch slot {
                case .new:
                    guard let new else { throw fail("'{new}' needs a 'map'") }
                    text = new
                case .cell(let c):
                    let value = table.value(row: row, column: c)
                    switch value {
                    case .missing: throw fail("row \(row): '\(part.name)' is missing (NaN), which a template cannot print")
                    case .double(let d) where d.isNaN: throw fail("row \(row): '\(part.name)' is missing (NaN), which a template cannot print")
                    case .text: break
                    default: isText = false
                    }
                    text = value.csvText
                }
                if let i = part.character {
                    // Python's `value[i]`: only strings can be indexed.
                    guard isText else { throw fail("row \(row): '\(part.name)' = \(text) is not text, so it has no character \(i)") }
                    let scalars = Array(text.unicodeScalars)
                    guard i < scalars.count else { throw fail("row \(row): '\(part.name)' = '\(text)' has no character \(i)") }
                    out.unicodeScalars.append(scalars[i])
                } else {
                    out += text
                }
            }
            return out
        }
    }
}

/// The table computations behind `set … mean`, `renumber unique/format`, `filter value`,
/// `group_first` and `normalize`.
enum TableSteps {
    typealias Fail = (String) -> BuildError

    /// `other[column].mean()` of an integer or boolean column. numpy sums it in float64 and
    /// divides by the count; the sum is exact (hence order-free) while its magnitude stays
    /// below 2^53, which is required.
    static func mean(_ t: CSVTable, column: String, _ fail: Fail) throws -> Double {
        guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
        switch t.columnType(at: c) {
        case .int64, .uint64, .bool: break
        case let type: throw fail("the mean of column '\(column)' (\(type.rawValue)) is only supported for integer or boolean columns")
        }
        guard t.rowCount > 0 else { return .nan }
        var sum: Int64 = 0, bound: UInt64 = 0
        for row in 0 ..< t.rowCount {
            let v: Int64
            switch t.value(row: row, column: c) {
            case .int(let n): v = n
            case .bool(let b): v = b ? 1 : 0
            case .uint(let n) where n < 1 << 53: v = Int64(n)
            case let other: throw fail("the mean of column '\(column)' cannot be taken exactly ('\(other.csvText)')")
            }
            sum += v
            bound += v.magnitude
            guard bound < 1 << 53 else { throw fail("the sum of column '\(column)' exceeds 2^53, where numpy's float64 sum rounds") }
        }
        return Double(sum) / Double(t.rowCount)
    }

    /// Renumbered cells and the old → new map: per row (`start + row`), or with `unique` per
    /// distinct value in first-appearance order; printed through `format` (`"Train_{n}"`).
    static func renumber(_ t: CSVTable, column c: Int, start: Int64, unique: Bool, format: String?,
                         _ fail: Fail) throws -> ([String: String], [String]) {
        let template = try format.map { try RecipeStep.Template(parsing: $0) }
        func text(_ n: Int64) -> String {
            guard let template else { return String(n) }
            return template.parts.map { if case .literal(let s) = $0 { s } else { String(n) } }.joined()
        }
        var numbers: [String: Int64] = [:]
        var cells: [String] = []
        cells.reserveCapacity(t.rowCount)
        for row in 0 ..< t.rowCount {
            let old = t.value(row: row, column: c)
            let key = old.csvText
            let new: Int64
            if unique {
                if case .missing = old { throw fail("row \(row) has no value to renumber (NaN)") }
                if case .double(let d) = old, d.isNaN { throw fail("row \(row) has no value to renumber (NaN)") }
                if let known = numbers[key] { new = known } else { new = start + Int64(numbers.count); numbers[key] = new }
            } else {
                new = start + Int64(row)
                numbers[key] = new
            }
            cells.append(text(new))
        }
        return (numbers.mapValues(text), cells)
    }

    /// Rows where `df[column] == value` (with `negate`, `!=`): numbers by value, text by its code
    /// points; NaN equals nothing.
    static func rowsEqual(_ t: CSVTable, column c: Int, to value: CSVTable.Value, negate: Bool, _ fail: Fail) throws -> [Int] {
        let wanted = try RecipeRunner.IsInKey(value, fail)
        var kept: [Int] = []
        for row in 0 ..< t.rowCount {
            let key = try RecipeRunner.IsInKey(t.value(row: row, column: c), fail)
            let equal = key != .missing && key == wanted
            if equal != negate { kept.append(row) }
        }
        return kept
    }

    /// Rows where `df[column].isin(other[otherColumn])` (with `negate`, `~…isin`): numbers by
    /// value, text by its code points, NaN matches NaN.
    static func rowsIn(_ t: CSVTable, column c: Int, other: CSVTable, otherColumn oc: Int, negate: Bool,
                       _ fail: Fail) throws -> [Int] {
        let wanted = Set(try other.columnValues([oc])[0].map { try RecipeRunner.IsInKey($0, fail) })
        var kept: [Int] = []
        for (row, v) in try t.columnValues([c])[0].enumerated() where wanted.contains(try RecipeRunner.IsInKey(v, fail)) != negate {
            kept.append(row)
        }
        return kept
    }

    /// `df.groupby(by).first().reset_index()`: groups in sorted key order (rows with a missing
    /// key dropped), the key columns first, then every other column's first non-missing value.
    static func groupFirst(_ t: CSVTable, by: [String], _ fail: Fail) throws -> CSVTable {
        let names = t.columnNames
        guard Set(names).count == names.count else { throw fail("group_first needs unique column names") }
        let keyColumns = try by.map { name -> Int in
            guard let c = t.columnIndex(named: name) else { throw fail("no column '\(name)'") }
            return c
        }
        let others = names.indices.filter { !keyColumns.contains($0) }
        let groups = try sortedGroups(t, keyColumns: keyColumns, fail)
        // Each cell's source row: the first row of the group where the column is not missing.
        var picks = [[Int]](repeating: [], count: names.count)
        var firstRows: [Int] = []
        for rows in groups {
            firstRows.append(rows[0])
            for c in keyColumns { picks[c].append(rows[0]) }
            for c in others {
                let row = rows.first { !Self.isMissing(t.value(row: $0, column: c)) } ?? rows[0]
                picks[c].append(row)
            }
        }
        let columnOrder = keyColumns + others
        let labels = Array(0 ..< groups.count)
        if columnOrder.allSatisfy({ picks[$0] == firstRows }) {
            return try t.rows(firstRows).selecting(columns: columnOrder.map { names[$0] }).labelled(labels)
        }
        return try DerivedTable.makeExact(columns: columnOrder.map { c in
            (names[c], picks[c].map { t.csvText(row: $0, column: c) }, t.columnType(at: c))
        }).labelled(labels)
    }

    /// The rows of each `groupby(by)` group, groups in sorted key order (numbers by value, text by
    /// code points), rows in their order; rows with a missing key are dropped.
    static func sortedGroups(_ t: CSVTable, keyColumns: [Int], _ fail: Fail) throws -> [[Int]] {
        var groups: [[RecipeRunner.IsInKey]: [Int]] = [:]
        var order: [[RecipeRunner.IsInKey]] = []
        for row in 0 ..< t.rowCount {
            let key = try keyColumns.map { try RecipeRunner.IsInKey(t.value(row: row, column: $0), fail) }
            if key.contains(.missing) { continue }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        for (i, c) in keyColumns.enumerated() {
            var text = false, number = false
            for key in order { if case .text = key[i] { text = true } else { number = true } }
            if text && number { throw fail("column '\(t.columnNames[c])' mixes text and numbers, which groupby cannot sort") }
        }
        order.sort { a, b in
            for (x, y) in zip(a, b) where x != y { return Self.less(x, y) }
            return false
        }
        return order.map { groups[$0]! }
    }

    /// `df[cols] = df[cols].div(df[cols].sum(axis=1), axis=0)` for int64 columns: each row's
    /// sum in int64, then numpy's float64 division (0/0 is NaN, x/0 infinite).
    static func normalizeRows(_ t: CSVTable, columns: [String], _ fail: Fail) throws -> CSVTable {
        let indices = try columns.map { name -> Int in
            guard let c = t.columnIndex(named: name) else { throw fail("no column '\(name)'") }
            guard t.columnType(at: c) == .int64 else {
                throw fail("column '\(name)' is \(t.columnType(at: c).rawValue); normalize is only supported for integer columns")
            }
            return c
        }
        var cells = [[String]](repeating: [], count: indices.count)
        for row in 0 ..< t.rowCount {
            var values: [Int64] = []
            var sum: Int64 = 0
            for c in indices {
                guard case .int(let v) = t.value(row: row, column: c) else { throw fail("row \(row): expected integers") }
                let (s, overflow) = sum.addingReportingOverflow(v)
                guard !overflow else { throw fail("row \(row): the sum overflows int64") }
                sum = s
                values.append(v)
            }
            for (k, v) in values.enumerated() {
                let q = Double(v) / Double(sum)
                cells[k].append(q.isNaN ? "" : PythonFloat.repr(q))
            }
        }
        return try DerivedTable.replacingExactly(t, columns: zip(columns, cells).map { ($0, $1, .float64) })
    }

    static func isMissing(_ v: CSVTable.Value) -> Bool {
        switch v {
        case .missing: return true
        case .double(let d): return d.isNaN
        default: return false
        }
    }

    /// Sort order of group keys: numbers by value, text by code points (UTF-8 byte order).
    static func less(_ a: RecipeRunner.IsInKey, _ b: RecipeRunner.IsInKey) -> Bool {
        func number(_ k: RecipeRunner.IsInKey) -> (Double, Int64?)? {
            switch k {
            case .int(let n): return (Double(n), n)
            case .uint(let n): return (Double(n), nil)
            case .double(let d): return (d, nil)
            default: return nil
            }
        }
        if case .text(let x) = a, case .text(let y) = b { return x.lexicographicallyPrecedes(y) }
        guard let (x, xi) = number(a), let (y, yi) = number(b) else { return false }
        if let xi, let yi { return xi < yi }
        return x < y
    }
}
