import Foundation
import MLERecipes
import MLEPyCompat
import MLETable

/// The table computations behind `replace` and `merge`.
extension TableSteps {
    /// `df[into] = df[column].str.replace(old, new)`: pandas 2's literal (`regex=False`) replace of
    /// every occurrence, left to right, over code points; NaN stays NaN. The column must hold text
    /// (`.str` refuses other dtypes; in a mixed object column pandas would give NaN, which is refused).
    static func replace(_ t: CSVTable, column: String, old: String, new: String, into: String, _ fail: Fail) throws -> CSVTable {
        guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
        guard t.columnType(at: c) == .object else {
            throw fail("column '\(column)' is \(t.columnType(at: c).rawValue); replace (.str.replace) needs a text column")
        }
        let pattern = Array(old.unicodeScalars)
        var cells: [String] = []
        cells.reserveCapacity(t.rowCount)
        for row in 0 ..< t.rowCount {
            switch t.value(row: row, column: c) {
            case .missing: cells.append("")
            case .text(let s): cells.append(Self.replacing(pattern, with: new, in: s))
            case let other: throw fail("row \(row): '\(column)' = \(other.csvText) is not text (pandas' .str.replace would give NaN)")
            }
        }
        return try DerivedTable.replacingExactly(t, column: into, with: cells, type: .object)
    }

    /// Python's `str.replace(old, new)` over code points: non-overlapping, left to right.
    static func replacing(_ pattern: [Unicode.Scalar], with new: String, in text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= pattern.count else { return text }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if i + pattern.count <= scalars.count, scalars[i ..< i + pattern.count].elementsEqual(pattern) {
                out.append(contentsOf: new.unicodeScalars)
                i += pattern.count
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// `left.merge(right, on=on, how=how)` as pandas 2.2 orders it: each left row in order with
    /// its matching right rows in theirs (`left` keeps an unmatched row once, NaN on the right);
    /// the left columns, then the right's non-key columns, names both sides share (besides the
    /// keys) suffixed `_x`/`_y`; a fresh 0, 1, … index. Keys match by value (as `isin` does, NaN
    /// with NaN) and must have the same dtype on both sides. A right integer column gains NaN,
    /// and so becomes float64, when a left row has no match.
    static func merge(_ left: CSVTable, _ right: CSVTable, on: [String], how: RecipeStep.JoinKind, _ fail: Fail) throws -> CSVTable {
        for (t, side) in [(left, "left"), (right, "right")] where Set(t.columnNames).count != t.columnNames.count {
            throw fail("the \(side) table has duplicate column names")
        }
        var leftKeys: [Int] = [], rightKeys: [Int] = []
        for name in on {
            guard let l = left.columnIndex(named: name) else { throw fail("no key column '\(name)' in the left table") }
            guard let r = right.columnIndex(named: name) else { throw fail("no key column '\(name)' in the right table") }
            guard left.columnType(at: l) == right.columnType(at: r) else {
                throw fail("key column '\(name)' is \(left.columnType(at: l).rawValue) on the left and \(right.columnType(at: r).rawValue) on the right; only keys of one dtype are supported")
            }
            leftKeys.append(l)
            rightKeys.append(r)
        }
        let leftOthers = left.columnNames.indices.filter { !leftKeys.contains($0) }
        let rightOthers = right.columnNames.indices.filter { !rightKeys.contains($0) }
        let shared = Set(leftOthers.map { left.columnNames[$0] }).intersection(rightOthers.map { right.columnNames[$0] })
        var names = left.columnNames.enumerated().map { shared.contains($1) ? $1 + "_x" : $1 }
        names += rightOthers.map { shared.contains(right.columnNames[$0]) ? right.columnNames[$0] + "_y" : right.columnNames[$0] }
        guard Set(names).count == names.count else {
            throw fail("the merged columns would repeat a name (\(names.joined(separator: ", "))), which pandas refuses")
        }

        var matches: [[RecipeRunner.IsInKey]: [Int]] = [:]
        for row in 0 ..< right.rowCount {
            matches[try rightKeys.map { try RecipeRunner.IsInKey(right.value(row: row, column: $0), fail) }, default: []].append(row)
        }
        // (left row, right row or nil) in pandas' order.
        var pairs: [(Int, Int?)] = []
        for row in 0 ..< left.rowCount {
            let key = try leftKeys.map { try RecipeRunner.IsInKey(left.value(row: row, column: $0), fail) }
            if let rows = matches[key] {
                for r in rows { pairs.append((row, r)) }
            } else if how == .left {
                pairs.append((row, nil))
            }
        }
        let unmatched = pairs.contains { $0.1 == nil }
        var columns: [DerivedTable.TypedColumn] = []
        for c in left.columnNames.indices {
            columns.append((names[c], pairs.map { left.csvText(row: $0.0, column: c) }, left.columnType(at: c)))
        }
        for (k, c) in rightOthers.enumerated() {
            var type = right.columnType(at: c)
            if unmatched {
                switch type {
                case .int64, .uint64: type = .float64
                case .bool: throw fail("column '\(right.columnNames[c])' is boolean and a left row has no match: pandas would make it an object column of True, False and NaN, which is not supported")
                case .float64, .object: break
                }
            }
            let cells = pairs.map { pair -> String in
                guard let r = pair.1 else { return "" }
                let v = right.value(row: r, column: c)
                switch (type, v) {
                case (.float64, .int(let n)): return PythonFloat.repr(Double(n))
                case (.float64, .uint(let n)): return PythonFloat.repr(Double(n))
                default: return v.csvText
                }
            }
            columns.append((names[left.columnCount + k], cells, type))
        }
        return try DerivedTable.makeExact(columns: columns)
    }
}
