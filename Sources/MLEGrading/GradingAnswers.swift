import Foundation
import MLEPyCompat
import MLETable

/// A grader whose answers are JSON lines rather than a CSV table.
///
/// MLE-bench's `load_answers` picks the reader from the answers file's suffix: a `.csv` file
/// becomes a DataFrame, a `.jsonl` file a list of `json.loads(line)` values (one per line).
/// Only tensorflow2-question-answering's prepared answers are JSON lines.
///
/// ```swift
/// let answers = try GradingAnswers.read(path: "private/test.jsonl", for: grader)
/// let score = try grader.score(submission: table, answers: answers)
/// ```
public protocol JSONLinesGrader: CompetitionGrader {
    /// The members of each answers object the grader reads; the reader drops the others line by
    /// line (MLE-bench's answers can carry whole documents). nil keeps every member.
    var answerMembers: Set<String>? { get }

    /// Scores the submission against the answers' values, one per line of the file.
    func score(submission: CSVTable, answers: [PythonJSON]) throws -> Double
}

extension JSONLinesGrader {
    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        throw MetricError("this competition's answers are JSON lines (a .jsonl file), not a CSV table")
    }
}

/// A competition's answers as MLE-bench's `load_answers` reads them.
public enum GradingAnswers: Sendable {
    case table(CSVTable)
    /// One value per line of a `.jsonl` file.
    case lines([PythonJSON])

    /// Reads the answers at `path`: JSON lines when it ends in `.jsonl` (members the grader does
    /// not read are dropped as each line is read), else a CSV table read for grading (pairing
    /// rows by the `id` column, when given).
    ///
    /// - Throws: ``MetricError`` for JSON lines that cannot be read or a grader that does not
    ///   read them; the CSV reader's errors for a table.
    public static func read(path: String, for grader: any CompetitionGrader, joiningOn id: String? = nil) throws -> GradingAnswers {
        let url = URL(fileURLWithPath: path)
        guard path.hasSuffix(".jsonl") else {
            return .table(try CSVTable.read(contentsOf: url, options: .forGrading(joiningOn: id)))
        }
        guard let linesGrader = grader as? any JSONLinesGrader else {
            throw MetricError("the answers '\(url.lastPathComponent)' are JSON lines, which this competition's grader does not read")
        }
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw MetricError("cannot read the answers '\(path)': \(error.localizedDescription)")
        }
        return .lines(try data.withUnsafeBytes { try jsonLines($0, keeping: linesGrader.answerMembers) })
    }

    /// `[json.loads(line) for line in open(path)]`: lines end at `\n`, `\r\n` or `\r` (Python's
    /// universal newlines), and every line, a blank one too, must hold one JSON value.
    static func jsonLines(_ bytes: UnsafeRawBufferPointer, keeping members: Set<String>?) throws -> [PythonJSON] {
        var values: [PythonJSON] = []
        var start = 0, number = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            number += 1
            let value: PythonJSON
            do {
                value = try PythonJSON.load(bytes[start ..< end], wideIntegers: .asFloats)
            } catch {
                throw MetricError("answers line \(number) is not JSON: \(error)")
            }
            if let members, case .object(let all) = value {
                values.append(.object(all.filter { members.contains($0.key) }))
            } else {
                values.append(value)
            }
            start = end + (end + 1 < bytes.count && bytes[end] == 0x0D && bytes[end + 1] == 0x0A ? 2 : 1)
        }
        return values
    }
}

extension CompetitionGrader {
    /// Scores the submission against answers read by ``GradingAnswers/read(path:for:)``.
    public func score(submission: CSVTable, answers: GradingAnswers) throws -> Double {
        switch answers {
        case .table(let table):
            return try score(submission: submission, answers: table)
        case .lines(let lines):
            guard let grader = self as? any JSONLinesGrader else {
                throw MetricError("this competition's grader reads a CSV table, not JSON lines")
            }
            return try grader.score(submission: submission, answers: lines)
        }
    }
}
