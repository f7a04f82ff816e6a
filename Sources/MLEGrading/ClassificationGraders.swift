import Foundation
import MLETable

// Graders of predicted labels: accuracy, F1 over labels, Matthews correlation, Cohen's kappa.

/// spaceship-titanic, tabular-playground-series-dec-2021 and every other accuracy competition:
/// `prepare_for_accuracy_metric` then `accuracy_score`, with scikit-learn's target checks
/// (`_check_targets`): a missing prediction is an error there (NaN makes the target "unknown"
/// or fails the finiteness check), so the submission is invalid, not scored as a miss.
///
/// Each column must be a label column as `type_of_target` sees it: numbers that are integral and
/// finite (a fractional value is a "continuous" target, NaN an error), or text with no empty cell.
/// Text against numbers is an error only when both columns are binary (at most two distinct
/// values: scikit-learn then sorts their union); otherwise text never equals a number.
///
/// paddy-disease-classification first does `fillna("")` on the predictions
/// (`fillMissingWithEmpty`): an empty cell is the label "", and text beside numbers then makes
/// every cell a string (1.0 becomes "1.0"), as `.tolist()` and `np.asarray` do.
public struct ClassLabelAccuracyGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var fillMissingWithEmpty = false

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let at = try answers.requireColumn(targetColumn, in: "answers")
        try requireSameRowCount(submission, answers)
        let st = try submission.requireColumn(targetColumn)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let truthCells = answers.columnValues([at])[0]
        var predCells = submission.columnValues([st])[0]
        if fillMissingWithEmpty {
            predCells = predCells.map { cell in
                switch cell {
                case .missing: return .text("")
                case .double(let x) where x.isNaN: return .text("")
                default: return cell
                }
            }
            if predCells.contains(where: { if case .text = $0 { return true }; return false }) {
                predCells = predCells.map { .text(pythonStr($0)) }
            }
        }
        let truth = try LabelColumn(ao.map { truthCells[$0] }, name: "answers' \(targetColumn)")
        let preds = try LabelColumn(so.map { predCells[$0] }, name: targetColumn)
        if truth.isBinary && preds.isBinary && (truth.text != nil) != (preds.text != nil) {
            throw SubmissionError("'\(targetColumn)' mixes label types (text and numbers) with the answers")
        }
        var correct = 0
        for i in 0..<so.count {
            if let a = truth.text, let b = preds.text {
                if a[i] == b[i] { correct += 1 }
            } else if let a = truth.numbers, let b = preds.numbers, a[i] == b[i] {
                correct += 1
            }
        }
        return Double(correct) / Double(max(1, so.count))
    }

    /// A label column as `type_of_target` accepts it: all text, or all integral numbers.
    struct LabelColumn {
        var text: [CodePointString]?
        var numbers: [Double]?
        var isBinary: Bool

        init(_ cells: [CSVTable.Value], name: String) throws {
            if cells.contains(where: { if case .text = $0 { return true }; return false }) {
                let strings = try cells.enumerated().map { row, cell -> CodePointString in
                    guard case .text(let s) = cell else {
                        throw SubmissionError("column '\(name)' mixes text with \(cell.csvText.isEmpty ? "empty cells" : "numbers") (row \(row + 1))")
                    }
                    return CodePointString(s[...])
                }
                text = strings
                isBinary = Set(strings).count <= 2
            } else {
                let values = try integralLabels(cells, name: name)
                numbers = values
                isBinary = Set(values).count <= 2
            }
        }
    }
}

/// text-normalization-challenge-{english,russian}-language: `accuracy_score` after `astype(str)`
/// of both label columns (an empty cell is "nan", 1.0 is "1.0"), rows sorted by id.
public struct StringifiedAccuracyGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (preds, truth) = try alignedCells(submission, answers, id: idColumn, column: targetColumn,
                                              checking: [.answersTarget, .sameRowCount, .submissionTarget, .submissionID])
        return try Metrics.accuracy(yTrue: truth.map(pythonStr), yPred: preds.map(pythonStr))
    }
}

/// inaturalist-2019-fgvc6: `1 - accuracy_score` after sorting by id. Answers are `int(y)`; a
/// prediction is itself when an integer (or boolean) cell, else the first word of its text as `int`
/// (the top-1 of a space-separated list); a float or empty cell is invalid (`float.split` fails).
public struct TopOneErrorGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (st, at, so, ao) = try pairedTarget(submission, answers, id: idColumn, target: targetColumn,
                                                checking: [.sameRowCount, .submissionTarget, .submissionID, .answersTarget])
        let predCells = submission.columnValues([st])[0], truthCells = answers.columnValues([at])[0]
        let truth = try ao.map { try pythonIntLabel(truthCells[$0], name: "answers' \(targetColumn)", row: $0) }
        let preds = try so.map { row -> Int in
            switch predCells[row] {
            case .int, .uint, .bool: return try pythonIntLabel(predCells[row], name: targetColumn, row: row)
            case .text(let s):
                guard let first = pythonSplit(s).first else {
                    throw SubmissionError("column '\(targetColumn)' has no label at row \(row + 1)")
                }
                return try pythonIntLabel(.text(String(first)), name: targetColumn, row: row)
            case .double, .missing:
                throw SubmissionError("column '\(targetColumn)' must hold integer labels or text, found '\(predCells[row].csvText)' at row \(row + 1)")
            }
        }
        guard !truth.isEmpty else { throw SubmissionError("the submission has no rows") }
        let correct = zip(truth, preds).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return 1 - Double(correct) / Double(truth.count)
    }
}

/// plant-seedlings-classification: `f1_score(average="micro")` over labels sorted by file, passed
/// as lists. NumPy turns a list holding any text into strings (an empty cell becomes "nan", 1.5
/// "1.5"); a column without text is numeric against text answers, which scikit-learn rejects.
public struct TextLabelMicroF1Grader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (predCells, truthCells) = try alignedCells(submission, answers, id: idColumn, column: targetColumn,
                                                       checking: [.submissionID, .submissionTarget, .answersTarget, .sameRowCount])
        func text(_ cells: [CSVTable.Value], _ name: String) throws -> [String] {
            guard cells.contains(where: { if case .text = $0 { return true }; return false }) else {
                throw SubmissionError("column '\(name)' must hold text labels")
            }
            return cells.map(pythonStr)
        }
        let preds = try text(predCells, targetColumn)
        let truth = try text(truthCells, "answers' \(targetColumn)")
        return try Metrics.f1Micro(yTrue: truth, yPred: preds)
    }
}

/// herbarium-2020-fgvc7, herbarium-2021-fgvc8, herbarium-2022-fgvc9, iwildcam-2019-fgvc6: rows sorted by id, labels
/// converted with Python's `int(y)`, then `f1_score(average="macro")`.
///
/// `int()` truncates floats and fails on NaN or infinity; text must be an integer literal
/// (surrounding whitespace, a sign and single underscores between digits allowed; ASCII digits only).
public struct IntegerLabelMacroF1Grader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (st, at, so, ao) = try pairedTarget(submission, answers, id: idColumn, target: targetColumn,
                                                checking: [.sameRowCount, .submissionTarget, .submissionID, .answersTarget])
        let predCells = submission.columnValues([st])[0], truthCells = answers.columnValues([at])[0]
        let preds = try so.map { try pythonIntLabel(predCells[$0], name: targetColumn, row: $0) }
        let truth = try ao.map { try pythonIntLabel(truthCells[$0], name: "answers' \(targetColumn)", row: $0) }
        return try Metrics.f1Macro(yTrue: truth.map(labelSortKey), yPred: preds.map(labelSortKey))
    }
}

/// imet-2020-fgvc7, plant-pathology-2021-fgvc8: space-separated label sets, scored with
/// `f1_score(average="micro")` over a `MultiLabelBinarizer` fitted on the answers' labels.
///
/// Predicted labels the answers never use are ignored (the binarizer drops unknown classes) and a
/// label repeated in a row counts once. Micro F1 over an indicator matrix is binary F1 over its
/// cells, and cells that are 0 in both do not count, so only the (row, label) pairs present in
/// either are scored. The label column must hold text (`.str.split()` fails on numbers); an empty
/// cell is no label. Fewer than two classes in the answers is invalid, as scikit-learn then sees a
/// sparse single column and raises.
///
/// `answersMayBeEmpty`: facebook-recruiting-iii-keyword-extraction collects the classes only from
/// answers that are text, so an answer without labels is simply a row with none (imet's and
/// plant-pathology's graders explode it to NaN, which cannot be sorted with the labels).
public struct SpaceSeparatedLabelsF1Grader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var answersMayBeEmpty = false

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try answers.requireColumn(idColumn, in: "answers")
        let at = try answers.requireColumn(targetColumn, in: "answers")
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let truth = try textCells(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        let preds = try textCells(submission.columnValues([st])[0], name: targetColumn)
        var classes = Set<CodePointString>()
        for (row, t) in truth.enumerated() {
            let words = pythonSplit(t)
            // An answer without labels explodes to NaN among the classes, which cannot be sorted.
            guard !words.isEmpty || answersMayBeEmpty else { throw MetricError("answers row \(row + 1) has no labels") }
            for w in words { classes.insert(CodePointString(w)) }
        }
        guard classes.count >= 2 else {
            throw MetricError("the answers use \(classes.count) label(s); the multilabel F1 needs at least two")
        }
        var yTrue = [Int](), yPred = [Int]()
        for (s, a) in zip(so, ao) {
            let t = Set(pythonSplit(truth[a]).map(CodePointString.init))
            let p = Set(pythonSplit(preds[s]).map(CodePointString.init)).intersection(classes)
            for label in t.union(p) {
                yTrue.append(t.contains(label) ? 1 : 0)
                yPred.append(p.contains(label) ? 1 : 0)
            }
        }
        return try Metrics.fBeta(yTrue: yTrue, yPred: yPred, beta: 1, posLabel: 1)
    }
}

/// nfl-player-contact-detection: `matthews_corrcoef` of integral labels after sorting by id.
public struct MatthewsGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let st = try submission.requireColumn(targetColumn)
        _ = try submission.requireColumn(idColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let preds = try integralLabels(submission.columnValues([st])[0], name: targetColumn)
        let truth = try integralLabels(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        guard preds.allSatisfy({ abs($0) < 1e15 }) else { throw SubmissionError("'\(targetColumn)' holds a label out of range") }
        return try Metrics.matthewsCorrelation(yTrue: ao.map { Int(truth[$0]) }, yPred: so.map { Int(preds[$0]) })
    }
}

/// aptos2019-blindness-detection (and learning-agency-lab-automated-essay-scoring-2):
/// `cohen_kappa_score(y_pred, y_true, weights="quadratic")` after sorting both by id.
///
/// aptos checks that the id sets are equal; with unique answer ids that and `cohen_kappa_score`'s
/// length check amount to a permutation, which is what ``alignByID`` checks. Predictions must be
/// labels as scikit-learn's `type_of_target` sees them: integral numbers (a fractional value is a
/// "continuous" target, a NaN an error); text against numeric answers is a mix of label types.
public struct QuadraticWeightedKappaGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let st = try submission.requireColumn(targetColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        _ = try submission.requireColumn(idColumn)
        guard submission.rowCount > 0 else { throw SubmissionError("the submission has no rows") }
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let preds = try integralLabels(submission.columnValues([st])[0], name: targetColumn)
        let truth = try integralLabels(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        // Only the order of the labels matters to the weights: code them 0..<k over the union.
        let union = Array(Set(preds).union(truth)).sorted()
        var code = [Double: Int](minimumCapacity: union.count)
        for (i, v) in union.enumerated() { code[v] = i }
        // Argument order as cohen_kappa_score(y_pred, y_true): the submission is y1.
        return try Metrics.quadraticWeightedKappa(yTrue: so.map { code[preds[$0]]! }, yPred: ao.map { code[truth[$0]]! })
    }
}

/// Text keys that sort as the integers do, so per-label sums run in scikit-learn's label order.
private func labelSortKey(_ v: Int) -> String {
    String(format: "%020llu", UInt64(bitPattern: Int64(v)) ^ (1 << 63))
}
