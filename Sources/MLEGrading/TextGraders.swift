import Foundation
import MLEPyCompat
import MLETable

// Graders of predicted text: word Jaccard, question-answering F1.

/// tweet-sentiment-extraction: the competition's word-level `jaccard`, averaged over rows sorted by
/// id. Cells are `fillna("").astype(str)`: numbers count as their text; a row where both sides have
/// no words is invalid (the reference divides by zero).
public struct MeanWordJaccardGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (preds, truth) = try alignedCells(submission, answers, id: idColumn, column: targetColumn,
                                              checking: [.submissionID, .submissionTarget, .sameRowCount])
        return try Metrics.meanWordJaccard(predictions: preds.map(\.csvText), answers: truth.map(\.csvText))
    }
}

/// chaii-hindi-and-tamil-question-answering: `jaccard_score(average="samples")` over
/// `MultiLabelBinarizer` rows of `set(text.lower().split())`, sorted by id.
///
/// Per row that is the word Jaccard, except that a row where both sides have no words scores 0
/// (scikit-learn's zero_division default) rather than failing. Cells must be text (`.lower()` fails
/// on numbers); an empty cell is "". Fewer than two distinct words over the whole table is invalid,
/// as scikit-learn then sees a sparse single column and raises.
public struct SampleWordJaccardGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (st, at, so, ao) = try pairedTarget(submission, answers, id: idColumn, target: targetColumn,
                                                checking: [.sameRowCount, .submissionTarget, .submissionID, .answersTarget, .answersID])
        let predCells = try textCells(submission.columnValues([st])[0], name: targetColumn)
        let truthCells = try textCells(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        let preds = so.map { predCells[$0] }, truth = ao.map { truthCells[$0] }
        // At least two distinct lowercased words overall: two single words are the same word
        // exactly when their word Jaccard is 1.
        var first: Substring?, distinct = false
        search: for text in truth + preds {
            for word in pythonSplit(text) {
                guard let f = first else { first = word; continue }
                if try Metrics.wordJaccard(String(f), String(word)) < 1 { distinct = true; break search }
            }
        }
        guard distinct else { throw MetricError("fewer than two distinct words in the answers and the submission") }
        var scores = [Double]()
        scores.reserveCapacity(preds.count)
        for (p, t) in zip(preds, truth) {
            scores.append(pythonSplit(p).isEmpty && pythonSplit(t).isEmpty ? 0 : try Metrics.wordJaccard(t, p))
        }
        return numpyMean(scores)
    }
}

/// tensorflow2-question-answering: scikit-learn's micro-averaged F1 of one label per row, which
/// for these 0/1 labels is the fraction of rows where the prediction and the truth agree.
///
/// The answers are JSON lines (MLE-bench's `private/test.jsonl`): per example its `example_id`
/// and `annotations`, of which the first counts. Its `<id>_long` row accepts the long answer's
/// `START:END` (none when its start token is -1); its `<id>_short` row accepts each short
/// answer's `START:END` and the `yes_no_answer` unless it is `NONE`. A prediction given (y_pred
/// 1) is right when it is accepted; a blank one (y_pred 0) is right when the row accepts nothing.
///
/// As the reference: exactly two rows per example; `example_id` and `PredictionString` columns;
/// the ids, read as text (an empty cell as ""), are the answers' ids with `_long` and `_short`,
/// each once. A prediction, stripped of whitespace, is blank, `YES`, `NO`, or two Python
/// integers around one colon (`int()`: spaces, a sign, underscores between digits, other scripts'
/// decimal digits; an integer beyond 64 bits matches nothing); anything else is invalid.
public struct QuestionAnsweringF1Grader: JSONLinesGrader {
    public var answerMembers: Set<String>? { ["example_id", "annotations"] }

    /// A prediction or an accepted answer; `nil` integers are beyond 64 bits.
    enum Answer: Equatable {
        case span(Int?, Int?)
        case text([UInt8])
        /// An accepted value no prediction can equal (a `yes_no_answer` that is not text).
        case other

        func matches(_ accepted: Answer) -> Bool {
            switch (self, accepted) {
            case (.span(let a?, let b?), .span(let c?, let d?)): return a == c && b == d
            case (.text(let a), .text(let b)): return a == b
            default: return false
            }
        }
    }

    public func score(submission: CSVTable, answers: [PythonJSON]) throws -> Double {
        guard submission.rowCount == 2 * answers.count else {
            throw SubmissionError("expected \(2 * answers.count) rows (an _long and a _short row per example), got \(submission.rowCount)")
        }
        var expected = Set<[UInt8]>()
        for (line, sample) in answers.enumerated() {
            let id = try Self.pythonFormat(try Self.member("example_id", of: sample, line: line), line: line)
            expected.insert(id + Array("_long".utf8))
            expected.insert(id + Array("_short".utf8))
        }
        let idColumn = try submission.requireColumn("example_id")
        let predColumn = try submission.requireColumn("PredictionString")
        let cells = submission.columnValues([idColumn, predColumn])
        let ids = cells[0].map(Self.filledText), preds = cells[1].map { Self.pythonStrip(Self.filledText($0)) }
        let distinct = Set(ids)
        guard distinct == expected else {
            let unexpected = ids.first { !expected.contains($0) }
            throw SubmissionError(unexpected.map { "unexpected example_id '\(String(decoding: $0.prefix(60), as: UTF8.self))'" }
                ?? "the example_ids miss some of the answers' (each example needs an _long and a _short row)")
        }
        guard distinct.count == ids.count else { throw SubmissionError("the example_ids are not unique") }

        // `{example_id: annotations[0]}`: later examples replace earlier ones with the same id.
        var annotations = [[UInt8]: PythonJSON](minimumCapacity: answers.count)
        for (line, sample) in answers.enumerated() {
            let first = try Self.first(try Self.member("annotations", of: sample, line: line), line: line)
            if case .string(let id) = try Self.member("example_id", of: sample, line: line) {
                annotations[Array(id.utf8)] = first
            }
        }
        var correct = 0
        for (id, text) in zip(ids, preds) {
            let prediction = try Self.prediction(text)
            let accepted: [Answer]
            if hasSuffix(id, "_long") {
                accepted = try Self.acceptedLong(try Self.annotation(id, before: "_long", in: annotations))
            } else if hasSuffix(id, "_short") {
                accepted = try Self.acceptedShort(try Self.annotation(id, before: "_short", in: annotations))
            } else {
                throw SubmissionError("example_id '\(String(decoding: id.prefix(60), as: UTF8.self))' ends in neither _long nor _short")
            }
            let truth = prediction.map { p in accepted.contains { p.matches($0) } } ?? !accepted.isEmpty
            if truth == (prediction != nil) { correct += 1 }
        }
        // scikit-learn's F1 of nothing is 0 (its zero_division default).
        return ids.isEmpty ? 0 : Double(correct) / Double(ids.count)
    }

    /// A stripped prediction: nil when blank.
    static func prediction(_ text: [UInt8]) throws -> Answer? {
        if text.isEmpty { return nil }
        let parts = text.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        if parts.count == 2 {
            let numbers = parts.map { pythonInt(String(decoding: $0, as: UTF8.self)[...]) }
            if let start = numbers[0], let end = numbers[1] { return .span(start.value, end.value) }
        } else if text == Array("YES".utf8) || text == Array("NO".utf8) {
            return .text(text)
        }
        throw SubmissionError("PredictionString '\(String(decoding: text.prefix(60), as: UTF8.self))' is not START:END (integers), YES, NO or blank")
    }

    static func acceptedLong(_ annotation: PythonJSON) throws -> [Answer] {
        let span = try member("long_answer", of: annotation)
        let start = try member("start_token", of: span)
        switch start {
        case .int(-1), .float(-1): return []
        default: return [.span(try answerInt(start), try answerInt(try member("end_token", of: span)))]
        }
    }

    static func acceptedShort(_ annotation: PythonJSON) throws -> [Answer] {
        var accepted: [Answer] = []
        switch try member("short_answers", of: annotation) {
        case .array(let spans):
            for span in spans {
                accepted.append(.span(try answerInt(try member("start_token", of: span)),
                                      try answerInt(try member("end_token", of: span))))
            }
        case .object([]), .string(""):
            break
        case let other:
            throw MetricError("an answer's short_answers is \(describe(other)), expected a list")
        }
        switch try member("yes_no_answer", of: annotation) {
        case .string("NONE"): break
        case .string(let s): accepted.append(.text(Array(s.utf8)))
        default: accepted.append(.other)
        }
        return accepted
    }

    /// The first annotation of the example whose id is the submission id's part before the first
    /// `suffix` (Python's `id.split(suffix)[0]`).
    static func annotation(_ id: [UInt8], before suffix: String, in annotations: [[UInt8]: PythonJSON]) throws -> PythonJSON {
        let s = Array(suffix.utf8)
        let cut = (0 ... id.count - s.count).first { id[$0 ..< $0 + s.count].elementsEqual(s) } ?? id.count
        guard let annotation = annotations[Array(id[..<cut])] else {
            throw MetricError("the answers have no example '\(String(decoding: id[..<cut].prefix(60), as: UTF8.self))'")
        }
        return annotation
    }

    // MARK: Reading the answers' values

    static func member(_ key: String, of value: PythonJSON, line: Int? = nil) throws -> PythonJSON {
        let at = line.map { " on answers line \($0 + 1)" } ?? ""
        guard case .object(let members) = value else { throw MetricError("expected an object with '\(key)'\(at), got \(describe(value))") }
        guard let m = members.first(where: { $0.key == key }) else { throw MetricError("an answer has no '\(key)'\(at)") }
        return m.value
    }

    static func first(_ value: PythonJSON, line: Int) throws -> PythonJSON {
        guard case .array(let items) = value, let first = items.first else {
            throw MetricError("expected a non-empty list of annotations on answers line \(line + 1), got \(describe(value))")
        }
        return first
    }

    /// Python's `int()` of a token position; nil beyond 64 bits.
    static func answerInt(_ value: PythonJSON) throws -> Int? {
        switch value {
        case .int(let v): return v
        case .bool(let b): return b ? 1 : 0
        case .float(let d) where d.isFinite: return Int(exactly: d.rounded(.towardZero))
        case .string(let s): if let n = pythonInt(s[...]) { return n.value }
        default: break
        }
        throw MetricError("an answer's token position is \(describe(value)), expected an integer")
    }

    /// `f"{value}"` of an example id.
    static func pythonFormat(_ value: PythonJSON, line: Int) throws -> [UInt8] {
        switch value {
        case .string(let s): return Array(s.utf8)
        case .int(let v): return Array(String(v).utf8)
        case .float(let d): return Array(pythonStr(.double(d)).utf8)
        case .bool(let b): return Array((b ? "True" : "False").utf8)
        case .null: return Array("None".utf8)
        default: throw MetricError("answers line \(line + 1) has an example_id that is \(describe(value)), expected text")
        }
    }

    static func describe(_ value: PythonJSON) -> String {
        let text = value.dumps(indent: 0).split(separator: "\n").joined()
        return "'\(SubmissionError.shown(text))'"
    }

    // MARK: Reading the submission's cells

    /// A cell after `fillna("").astype(str)`, as UTF-8 (compared by code point, as Python does).
    static func filledText(_ cell: CSVTable.Value) -> [UInt8] {
        switch cell {
        case .missing: return []
        case .double(let x) where x.isNaN: return []
        default: return Array(pythonStr(cell).utf8)
        }
    }

    /// Python's `str.strip()`.
    static func pythonStrip(_ bytes: [UInt8]) -> [UInt8] {
        let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isPythonSpace($0.value) }),
              let last = scalars.lastIndex(where: { !isPythonSpace($0.value) }) else { return [] }
        return Array(String(scalars[first ... last]).utf8)
    }
}

private func hasSuffix(_ bytes: [UInt8], _ suffix: String) -> Bool {
    bytes.count >= suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
}
