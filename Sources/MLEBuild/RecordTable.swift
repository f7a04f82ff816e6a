import Foundation
import MLEPyCompat
import MLETable

/// A list of records as `json.load` returns it: each a dict whose keys keep file order and
/// whose values are whatever Python holds (nested lists and dicts included), so that writing
/// it back with `json.dump(indent=4)` gives exactly MLE-bench's bytes.
///
/// Steps that need a DataFrame (write_csv, set, filter, …) see it through ``dataFrame()``,
/// `pd.DataFrame(records)`.
struct RecordTable: Sendable {
    var records: [[PythonJSON.Member]]

    var rowCount: Int { records.count }

    /// `json.load` of a file holding a list of objects.
    init(jsonBytes: some Collection<UInt8>) throws {
        guard case .array(let items) = try PythonJSON.load(jsonBytes) else {
            throw RecordError("expected a JSON list of records at the top level")
        }
        records = try items.enumerated().map { n, item in
            guard case .object(let members) = item else { throw RecordError("item \(n) of the list is not an object") }
            return members
        }
    }

    init(records: [[PythonJSON.Member]]) { self.records = records }

    /// The keys of the first record (`list(records[0].keys())`).
    var firstKeys: [String] { records.first?.map(\.key) ?? [] }

    func rows(_ indices: [Int]) -> RecordTable { RecordTable(records: indices.map { records[$0] }) }

    /// `{key: record[key] for key in keys}` for every record; a missing key is Python's KeyError.
    func selecting(_ keys: [String]) throws -> RecordTable {
        try RecordTable(records: records.enumerated().map { n, record in
            try keys.map { key in
                guard let m = record.first(where: { $0.key == key }) else { throw RecordError("record \(n) has no key '\(key)'") }
                return m
            }
        })
    }

    /// `int(value)` for each record's `key`: booleans become 0/1, floats are truncated.
    func castingToInt(_ key: String) throws -> RecordTable {
        var copy = self
        for n in copy.records.indices {
            guard let i = copy.records[n].firstIndex(where: { $0.key == key }) else { throw RecordError("record \(n) has no key '\(key)'") }
            switch copy.records[n][i].value {
            case .int: break
            case .bool(let b): copy.records[n][i].value = .int(b ? 1 : 0)
            case .float(let d) where d.isFinite && abs(d) < 9.2e18: copy.records[n][i].value = .int(Int(d.rounded(.towardZero)))
            case let other: throw RecordError("record \(n): cannot convert \(other.dumps(indent: 0)) of '\(key)' to int")
            }
        }
        return copy
    }

    /// `json.dump(records, f, indent=4)`; `indent: nil` is `json.dump(records, f)`.
    func jsonBytes(indent: Int? = 4) -> [UInt8] { PythonJSON.array(records.map { .object($0) }).dumpBytes(indent: indent) }

    /// `pd.DataFrame(records)`: columns in first-appearance order of the keys, a key missing from
    /// a record is NaN. Columns hold scalars only; each column's dtype follows pandas' inference
    /// (ints → int64, ints with floats or gaps → float64, bools → bool, anything else object).
    func dataFrame() throws -> CSVTable {
        var names: [String] = []
        var index: [String: Int] = [:]
        for record in records {
            for m in record where index[m.key] == nil {
                index[m.key] = names.count
                names.append(m.key)
            }
        }
        var columns = [[PythonJSON?]](repeating: [PythonJSON?](repeating: nil, count: records.count), count: names.count)
        for (n, record) in records.enumerated() {
            for m in record { columns[index[m.key]!][n] = m.value }
        }
        return try DerivedTable.makeExact(columns: try zip(names, columns).map { name, cells in
            let (text, type) = try Self.cells(cells, column: name)
            return (name, text, type)
        })
    }

    /// A column's cells as `to_csv` writes them, and the dtype pandas gives the column.
    static func cells(_ values: [PythonJSON?], column: String) throws -> ([String], CSVTable.ColumnType) {
        var ints = 0, floats = 0, bools = 0, gaps = 0, others = 0
        for v in values {
            switch v {
            case nil, .null?: gaps += 1
            case .int?: ints += 1
            case .float?: floats += 1
            case .bool?: bools += 1
            case .string?: others += 1
            case .array?, .object?:
                throw RecordError("column '\(column)' holds lists or objects, which a CSV table cannot hold")
            }
        }
        let numeric = others == 0 && bools == 0 && ints + floats > 0
        let asFloat = numeric && (floats > 0 || gaps > 0)
        let type: CSVTable.ColumnType = asFloat ? .float64 : numeric ? .int64
            : (bools > 0 && bools == values.count) ? .bool : .object
        let text = values.map { v -> String in
            switch v {
            case nil, .null?: return ""
            case .int(let i)?: return asFloat ? PythonFloat.repr(Double(i)) : String(i)
            case .float(let d)?: return d.isNaN ? "" : PythonFloat.repr(d)
            case .bool(let b)?: return b ? "True" : "False"
            case .string(let s)?: return s
            case .array?, .object?: return ""
            }
        }
        return (text, type)
    }
}

struct RecordError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
