import Foundation
import MLETable

/// Structural checks against the public sample submission: what an agent can verify
/// without the answers.
public enum SubmissionValidator {
    public static func check(_ submission: CSVTable, against sample: CSVTable, probabilities: Bool) throws {
        let expected = sample.columnNames
        let missing = expected.filter { submission.columnIndex(named: $0) == nil }
        if !missing.isEmpty {
            let hint = submission.columnCount == 1 && submission.columnNames[0].contains(";") ? " (is it separated by ';' instead of ','?)" : ""
            throw SubmissionError("missing columns: \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "")\(hint)")
        }
        let extra = submission.columnNames.filter { !expected.contains($0) }
        if !extra.isEmpty { throw SubmissionError("unexpected columns: \(extra.prefix(5).map(SubmissionError.shown).joined(separator: ", "))") }
        guard submission.rowCount == sample.rowCount else {
            throw SubmissionError("expected \(sample.rowCount) rows, got \(submission.rowCount)")
        }
        let idColumn = expected[0]
        let ids = submission.texts(try submission.requireColumn(idColumn))
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted { throw SubmissionError("duplicate id '\(id.prefix(40))' in column '\(idColumn)'") }
        let wanted = Set(sample.texts(try sample.requireColumn(idColumn, in: "sample submission")))
        if let unknown = ids.first(where: { !wanted.contains($0) }) {
            throw SubmissionError("unknown id '\(unknown.prefix(40))' in column '\(idColumn)' (not in the test set)")
        }
        var predictionColumns: [[Double]] = []
        for name in expected.dropFirst() {
            let c = try submission.requireColumn(name)
            let sc = try sample.requireColumn(name, in: "sample submission")
            let sampleNumeric = { () -> Bool in if case .text = sample.value(row: 0, column: sc) { return false }; return true }()
            if sampleNumeric && sample.rowCount > 0 {
                predictionColumns.append(try submission.doubles(c))
            } else {
                for row in 0..<submission.rowCount {
                    if case .missing = submission.value(row: row, column: c) {
                        throw SubmissionError("column '\(name)' has an empty value at row \(row + 1)")
                    }
                }
            }
        }
        if probabilities {
            for col in predictionColumns {
                if let bad = col.first(where: { $0 < 0 || $0 > 1 }) {
                    throw SubmissionError("probabilities must be in [0, 1], found \(bad)")
                }
            }
            if predictionColumns.count > 1 {
                for row in 0..<submission.rowCount {
                    let sum = predictionColumns.reduce(0) { $0 + $1[row] }
                    if abs(sum - 1) > 1e-6 + 1e-5 {
                        throw SubmissionError("each row's probabilities must sum to one; row \(row + 1) sums to \(sum)")
                    }
                }
            }
        }
    }
}
