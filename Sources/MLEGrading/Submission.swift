import Foundation
import MLETable

/// Why a submission cannot be graded: one line, for the report and the agent.
public struct SubmissionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// A reason is one line whatever it quotes: a line break inside a quoted field is shown as `\n`.
    public init(_ reason: String) {
        self.reason = reason.contains(where: \.isNewline)
            ? reason.replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\n")
            : reason
    }
    public var description: String { "invalid submission: \(reason)" }

    /// A name or cell from the submission as a reason shows it: at most 40 characters (a
    /// header line of megabytes still makes a one-line reason).
    static func shown(_ text: String) -> String { text.count > 40 ? text.prefix(40) + "…" : text }
}

/// Reads a submission or answers CSV as pandas would, refusing what pandas cannot read.
///
/// Whatever the file holds — nothing, binary data, a semicolon-separated table, a BOM,
/// CRLF line ends, gigabytes — the result is a table or a `SubmissionError`, never a crash.
public enum SubmissionReader {
    /// Graders want `.forGrading` (numbers kept from the parse); validation reads cells only.
    public static func read(path: String, maxBytes: Int64, options: CSVTable.Options = .forGrading) throws -> CSVTable {
        var st = stat()
        guard stat(path, &st) == 0 else { throw SubmissionError("'\(path)' does not exist") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw SubmissionError("'\(path)' is not a regular file") }
        guard path.lowercased().hasSuffix(".csv") else { throw SubmissionError("'\(path)' is not a .csv file") }
        guard Int64(st.st_size) > 0 else { throw SubmissionError("'\(path)' is empty") }
        guard Int64(st.st_size) <= maxBytes else {
            throw SubmissionError("'\(path)' is \(st.st_size) bytes, far larger than the answers (limit \(maxBytes))")
        }
        do {
            return try CSVTable.read(contentsOf: URL(fileURLWithPath: path), options: options)
        } catch {
            throw SubmissionError("'\(path)' is not a readable CSV: \(error)")
        }
    }
}

extension CSVTable.Options {
    /// How submissions and answers are read: numbers captured in the reading pass, so that
    /// numeric columns and ids never go through `CSVTable.Value`.
    public static var forGrading: CSVTable.Options { forGrading(joiningOn: nil) }

    /// ``forGrading``, for a grader that pairs rows by the `id` column.
    public static func forGrading(joiningOn id: String?) -> CSVTable.Options {
        CSVTable.Options(capturesNumbers: true, keyColumn: id)
    }
}

/// Typed access to columns, with the conversions MLE-bench's graders rely on.
extension CSVTable {
    func requireColumn(_ name: String, in what: String = "submission") throws -> Int {
        guard let c = columnIndex(named: name) else {
            throw SubmissionError("the \(what) has no '\(name)' column (columns: \(columnNames.prefix(8).map(SubmissionError.shown).joined(separator: ", "))\(columnCount > 8 ? ", …" : ""))")
        }
        return c
    }

    /// A numeric column as doubles (bools as 0/1, like numpy); text or missing cells are invalid.
    func doubles(_ column: Int, allowMissing: Bool = false) throws -> [Double] {
        try doubles(columns: [column], allowMissing: allowMissing)[0]
    }

    /// Several numeric columns at once (each row is split once).
    func doubles(columns: [Int], allowMissing: Bool = false) throws -> [[Double]] {
        // Captured numbers first; a column with text or (when refused) missing cells takes the
        // general path, which names the offending cell.
        let captured = columns.map { column in
            numbers(column: column).flatMap { values in allowMissing || !values.contains(where: \.isNaN) ? values : nil }
        }
        let general = columns.indices.filter { captured[$0] == nil }
        var result = captured.map { $0 ?? [] }
        if !general.isEmpty {
            let picked = general.map { columns[$0] }
            for (k, cells) in zip(general, columnValues(picked)) {
                result[k] = try Self.numbers(cells, name: columnNames[columns[k]], allowMissing: allowMissing)
            }
        }
        return result
    }

    static func numbers(_ cells: [Value], name: String, allowMissing: Bool) throws -> [Double] {
        var out = [Double]()
        out.reserveCapacity(cells.count)
        for (row, cell) in cells.enumerated() {
            switch cell {
            case .int(let v): out.append(Double(v))
            case .uint(let v): out.append(Double(v))
            case .double(let v):
                if v.isNaN && !allowMissing { throw SubmissionError("column '\(name)' has an empty or NaN value at row \(row + 1)") }
                out.append(v)
            case .bool(let b): out.append(b ? 1 : 0)
            case .missing:
                if !allowMissing { throw SubmissionError("column '\(name)' has an empty value at row \(row + 1)") }
                out.append(.nan)
            case .text(let s):
                throw SubmissionError("column '\(name)' must be numeric, found '\(s.prefix(40))' at row \(row + 1)")
            }
        }
        return out
    }

    /// Cells as pandas would print them: the key for ids and labels.
    func texts(_ column: Int) -> [String] {
        columnValues([column])[0].map(\.csvText)
    }

    /// The row order that sorts a column like pandas' `sort_values` (numbers numerically,
    /// text by code point; mixed types cannot be sorted).
    func sortOrder(_ column: Int) throws -> [Int] {
        let values = columnValues([column])[0]
        let numeric = values.allSatisfy { if case .text = $0 { return false }; return true }
        let textual = values.allSatisfy { if case .text = $0 { return true }; if case .missing = $0 { return true }; return false }
        if numeric {
            let keys = try doubles(column, allowMissing: true)
            return (0..<rowCount).sorted { a, b in
                let x = keys[a], y = keys[b]
                if x.isNaN || y.isNaN { return !x.isNaN && y.isNaN ? true : (x.isNaN == y.isNaN ? a < b : false) }
                return x < y || (x == y && a < b)
            }
        }
        guard textual else { throw SubmissionError("column '\(columnNames[column])' mixes numbers and text, so it cannot be sorted") }
        let keys = values.map { v -> [UInt8] in if case .text(let s) = v { return Array(s.utf8) }; return [] }
        return (0..<rowCount).sorted { a, b in
            keys[a].lexicographicallyPrecedes(keys[b]) || (keys[a] == keys[b] && a < b)
        }
    }
}

/// MLE-bench's most common check: as many submission rows as answers.
func requireSameRowCount(_ submission: CSVTable, _ answers: CSVTable) throws {
    guard submission.rowCount == answers.rowCount else {
        throw SubmissionError("expected \(answers.rowCount) rows, got \(submission.rowCount)")
    }
}

/// Python's `round(x, 5)`: the correctly rounded decimal (glibc's printf rounds the exact
/// binary value half-to-even, as CPython's dtoa does).
public func pythonRound5(_ x: Double) -> Double {
    guard x.isFinite else { return x }
    return Double(String(format: "%.5f", x)) ?? x
}
