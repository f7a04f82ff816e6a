import Foundation
import MLESplits

// Graders for batch B's competitions, each checked against a transcription of its MLE-bench
// grade.py (scripts/vectors/grade_batch_b.py). Where the reference raises, these throw (MLE-bench's
// `Grader` turns any exception into an invalid submission); where it returns NaN, so do these
// (see MoreGraders.swift).

extension GraderRegistry {
    /// Graders for a batch of competitions (see MLEGrading/README.md); nil when none applies.
    static func competitionGraderB(metric: String, parameters: [String: String]) -> (any CompetitionGrader)? {
        guard let variant = parameters["variant"] else { return nil }
        let id = parameters["id_column"], target = parameters["target_column"]
        switch variant {
        // prepare_for_accuracy_metric + accuracy_score
        case "cassava-leaf-disease-classification", "cdiscount-image-classification-challenge", "iwildcam-2020-fgvc7",
             "ml2021spring-hw2", "movie-review-sentiment-analysis-kernels-only":
            guard let id, let target else { return nil }
            return ClassLabelAccuracyGrader(idColumn: id, targetColumn: target)
        // prepare_for_auroc_metric + roc_auc_score
        case "aerial-cactus-identification", "histopathologic-cancer-detection", "invasive-species-monitoring":
            guard let id, let target else { return nil }
            return BinaryAUCGrader(idColumn: id, targetColumn: target)
        case "learning-agency-lab-automated-essay-scoring-2":
            guard let id, let target else { return nil }
            return QuadraticWeightedKappaGrader(idColumn: id, targetColumn: target)
        case "herbarium-2020-fgvc7", "herbarium-2021-fgvc8", "herbarium-2022-fgvc9", "iwildcam-2019-fgvc6":
            guard let id, let target else { return nil }
            return IntegerLabelMacroF1Grader(idColumn: id, targetColumn: target)
        case "inaturalist-2019-fgvc6":
            guard let id, let target else { return nil }
            return TopOneErrorGrader(idColumn: id, targetColumn: target)
        case "billion-word-imputation":
            guard let id, let target else { return nil }
            return SortedIDLevenshteinGrader(idColumn: id, targetColumn: target, stringify: false)
        case "bms-molecular-translation":
            guard let id, let target else { return nil }
            return SortedIDLevenshteinGrader(idColumn: id, targetColumn: target, stringify: true)
        case "dogs-vs-cats-redux-kernels-edition":
            guard let id, let target else { return nil }
            return DogsVsCatsLogLossGrader(idColumn: id, targetColumn: target)
        case "denoising-dirty-documents":
            guard let id, let target else { return nil }
            return BoundedRMSEGrader(idColumn: id, targetColumn: target)
        case "hotel-id-2021-fgvc8":
            guard let id, let target else { return nil }
            return SpaceListMAPGrader(idColumn: id, targetColumn: target, k: 5)
        case "AI4Code":
            guard let id, let target else { return nil }
            return CellOrderKendallTauGrader(idColumn: id, targetColumn: target)
        default:
            return nil
        }
    }
}

// MARK: - Classification

/// herbarium-2020-fgvc7, herbarium-2021-fgvc8, herbarium-2022-fgvc9, iwildcam-2019-fgvc6: rows sorted by id, labels
/// converted with Python's `int(y)`, then `f1_score(average="macro")`.
///
/// `int()` truncates floats and fails on NaN or infinity; text must be an integer literal
/// (surrounding whitespace, a sign and single underscores between digits allowed; ASCII digits only).
public struct IntegerLabelMacroF1Grader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        let st = try submission.requireColumn(targetColumn)
        _ = try submission.requireColumn(idColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let predCells = submission.columnValues([st])[0], truthCells = answers.columnValues([at])[0]
        let preds = try so.map { try batchBInt(predCells[$0], name: targetColumn, row: $0) }
        let truth = try ao.map { try batchBInt(truthCells[$0], name: "answers' \(targetColumn)", row: $0) }
        return try Metrics.f1Macro(yTrue: truth.map(batchBOrderedKey), yPred: preds.map(batchBOrderedKey))
    }
}

/// inaturalist-2019-fgvc6: `1 - accuracy_score` after sorting by id. Answers are `int(y)`; a
/// prediction is itself when an integer (or boolean) cell, else the first word of its text as `int`
/// (the top-1 of a space-separated list); a float or empty cell is invalid (`float.split` fails).
public struct TopOneErrorGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        let st = try submission.requireColumn(targetColumn)
        _ = try submission.requireColumn(idColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let predCells = submission.columnValues([st])[0], truthCells = answers.columnValues([at])[0]
        let truth = try ao.map { try batchBInt(truthCells[$0], name: "answers' \(targetColumn)", row: $0) }
        let preds = try so.map { row -> Int in
            switch predCells[row] {
            case .int, .uint, .bool: return try batchBInt(predCells[row], name: targetColumn, row: row)
            case .text(let s):
                guard let first = batchBSplit(s).first else {
                    throw SubmissionError("column '\(targetColumn)' has no label at row \(row + 1)")
                }
                return try batchBInt(.text(String(first)), name: targetColumn, row: row)
            case .double, .missing:
                throw SubmissionError("column '\(targetColumn)' must hold integer labels or text, found '\(predCells[row].csvText)' at row \(row + 1)")
            }
        }
        guard !truth.isEmpty else { throw SubmissionError("the submission has no rows") }
        let correct = zip(truth, preds).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return 1 - Double(correct) / Double(truth.count)
    }
}

/// dogs-vs-cats-redux-kernels-edition: binary `log_loss(y_true, p)` after sorting by id; the id
/// sets must be equal, the row counts too, and every probability in [0, 1].
public struct DogsVsCatsLogLossGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { true }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        try requireSameRowCount(submission, answers)
        let preds = try submission.doubles(st, allowMissing: true)
        if let bad = preds.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw SubmissionError("'\(targetColumn)' must hold probabilities in [0, 1], found \(bad)")
        }
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let truth = try integralLabels(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        return try Metrics.logLoss(yTrue: ao.map { Int(truth[$0]) }, yPred: so.map { preds[$0] })
    }
}

// MARK: - Regression

// MARK: - Text and ranking

/// billion-word-imputation (cells must be text: `Levenshtein.distance` fails on numbers and NaN) and
/// bms-molecular-translation (`astype(str)` first: NaN is "nan", numbers their repr): the mean
/// Levenshtein distance after sorting both by id and requiring equal id sequences.
public struct SortedIDLevenshteinGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var stringify: Bool
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let preds: [String], truth: [String]
        if stringify {
            preds = batchBStr(submission.columnValues([st])[0])
            truth = batchBStr(answers.columnValues([at])[0])
        } else {
            preds = try batchBStrictText(submission.columnValues([st])[0], name: targetColumn)
            truth = try batchBStrictText(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        }
        return try Metrics.meanLevenshteinDistance(yTrue: ao.map { truth[$0] }, yPred: so.map { preds[$0] })
    }
}

/// AI4Code: the competition's Kendall tau over `cell_order` (`astype(str)`, space-separated cell
/// ids) after sorting by id. The id sets and row counts must be equal, and each notebook's two
/// orders the same length. As in the reference, the *submission's* order serves as the ground
/// truth and the answers' as the prediction (Kendall tau is symmetric for permutations).
public struct CellOrderKendallTauGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let preds = batchBStr(submission.columnValues([st])[0]), truth = batchBStr(answers.columnValues([at])[0])
        var gt = [[String]](), pred = [[String]]()
        gt.reserveCapacity(so.count)
        pred.reserveCapacity(so.count)
        for (s, a) in zip(so, ao) {
            let g = batchBSplit(preds[s]).map(String.init), p = batchBSplit(truth[a]).map(String.init)
            guard g.count == p.count else {
                throw SubmissionError("row \(s + 1) orders \(g.count) cells; the notebook has \(p.count)")
            }
            gt.append(g)
            pred.append(p)
        }
        return try Metrics.ai4codeKendallTau(groundTruth: gt, predictions: pred)
    }
}

/// hotel-id-2021-fgvc8: `mean_average_precision_at_k(k=5)` after sorting by id; the id sets and
/// row counts must be equal. Both columns are `astype(str).str.split(" ")` (single spaces: "a  b"
/// holds an empty item); the answers' items form a set.
public struct SpaceListMAPGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var k: Int
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let preds = batchBStr(submission.columnValues([st])[0]), truth = batchBStr(answers.columnValues([at])[0])
        func items(_ s: String) -> [String] { s.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
        return try Metrics.meanAveragePrecisionAtK(actual: ao.map { items(truth[$0]) }, predicted: so.map { items(preds[$0]) }, k: k)
    }
}

// MARK: - Helpers

/// Python's `int(y)` of a pandas cell.
private func batchBInt(_ cell: CSVTable.Value, name: String, row: Int) throws -> Int {
    switch cell {
    case .int(let v): return Int(v)
    case .uint(let v):
        guard let i = Int(exactly: v) else { throw SubmissionError("column '\(name)' has the label \(v), too large") }
        return i
    case .bool(let b): return b ? 1 : 0
    case .double(let x):
        guard x.isFinite else { throw SubmissionError("column '\(name)' has \(x.isNaN ? "an empty value" : "\(x)") at row \(row + 1)") }
        guard let i = Int(exactly: x.rounded(.towardZero)) else { throw SubmissionError("column '\(name)' has the label \(x), too large") }
        return i
    case .missing: throw SubmissionError("column '\(name)' has an empty value at row \(row + 1)")
    case .text(let s):
        guard let i = batchBIntLiteral(s) else {
            throw SubmissionError("column '\(name)' must hold integer labels, found '\(s.prefix(40))' at row \(row + 1)")
        }
        return i
    }
}

/// `int(s)` for a str: surrounding whitespace, an optional sign, ASCII digits with single
/// underscores between them; nil where Python raises (or the value overflows 64 bits).
private func batchBIntLiteral(_ s: String) -> Int? {
    var scalars = Array(s.unicodeScalars)
    while let f = scalars.first, batchBIsSpace(f.value) { scalars.removeFirst() }
    while let l = scalars.last, batchBIsSpace(l.value) { scalars.removeLast() }
    var negative = false
    if let f = scalars.first, f == "+" || f == "-" { negative = f == "-"; scalars.removeFirst() }
    guard let first = scalars.first, let last = scalars.last, first != "_", last != "_" else { return nil }
    var value = 0, previousUnderscore = false
    for c in scalars {
        if c == "_" {
            if previousUnderscore { return nil }
            previousUnderscore = true
            continue
        }
        previousUnderscore = false
        guard c.value >= 48 && c.value <= 57 else { return nil }
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int(c.value - 48))
        if o1 || o2 { return nil }
        value = a
    }
    return negative ? -value : value
}

/// Text keys that sort as the integers do, so per-label sums run in scikit-learn's label order.
private func batchBOrderedKey(_ v: Int) -> String {
    String(format: "%020llu", UInt64(bitPattern: Int64(v)) ^ (1 << 63))
}

/// `Series.astype(str)`: NaN and empty cells are "nan", numbers their Python repr.
private func batchBStr(_ cells: [CSVTable.Value]) -> [String] {
    cells.map { cell in
        switch cell {
        case .missing: return "nan"
        case .double(let x) where x.isNaN: return "nan"
        default: return cell.csvText
        }
    }
}

/// Cells that must already be Python `str` (no empty cells, no numbers).
private func batchBStrictText(_ cells: [CSVTable.Value], name: String) throws -> [String] {
    try cells.enumerated().map { row, cell in
        guard case .text(let s) = cell else {
            throw SubmissionError("column '\(name)' must hold text, found '\(cell.csvText)' at row \(row + 1)")
        }
        return s
    }
}

/// Python's `str.split()`.
private func batchBSplit(_ s: String) -> [Substring] {
    s.unicodeScalars.split(whereSeparator: { batchBIsSpace($0.value) }).map { Substring($0) }
}

/// Python's `str.isspace()`.
private func batchBIsSpace(_ c: UInt32) -> Bool {
    if c < 128 { return (c >= 9 && c <= 13) || (c >= 28 && c <= 32) }
    switch c {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}
