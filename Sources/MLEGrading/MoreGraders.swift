import Foundation
import MLESplits

// Graders for the competitions whose MLE-bench grade.py can be expressed with `Metrics.*`.
//
// Each type names the competitions it reproduces; the checks (columns, row counts, id alignment,
// label types) follow that grade.py, and where the reference would fail with an exception (which
// MLE-bench's `Grader` turns into an invalid submission) these throw. Where the reference returns
// NaN (SciPy's `pearsonr` of a constant column, say) they return NaN too: MLE-bench reports such a
// submission valid, scored NaN, and winning nothing.

// MARK: - Classification

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
    public var predictsProbabilities: Bool { false }

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

/// tabular-playground-series-dec-2021: `prepare_for_accuracy_metric` then `accuracy_score`, with
/// scikit-learn's target checks (`_check_targets`).
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
    public var predictsProbabilities: Bool { false }

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
    public var predictsProbabilities: Bool { false }

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

/// dog-breed-identification, lmsys-chatbot-arena: one-hot answers, one probability column per
/// class, scored with `log_loss` after `one_hot_dfs_to_log_loss_inputs` (extra submission columns
/// are ignored, unlike ``OneHotLogLossGrader``).
///
/// The classes are `classes` or, when nil, every answers column but the id. Probabilities must lie
/// in [0, 1] and each row must sum to one: dog-breed by `np.isclose(sum, 1, atol=1e-6)`, lmsys by
/// `sum.round(6) == 1`.
public struct OneHotColumnsLogLossGrader: CompetitionGrader {
    public enum RowSum: Sendable {
        /// `np.isclose(s, 1, atol=1e-6)` (rtol 1e-5).
        case isClose
        /// `s.round(6) == 1`: numpy rounds `s * 1e6` half to even.
        case roundedToSixDecimals
    }

    public var idColumn: String
    public var classes: [String]?
    public var rowSum: RowSum
    public var predictsProbabilities: Bool { true }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let classes = self.classes ?? answers.columnNames.filter { $0 != idColumn }
        let missing = classes.filter { submission.columnIndex(named: $0) == nil }
        guard missing.isEmpty else {
            throw SubmissionError("missing columns: \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "")")
        }
        _ = try submission.requireColumn(idColumn)
        try requireSameRowCount(submission, answers)
        let predCols = try submission.doubles(columns: classes.map { try submission.requireColumn($0) })
        for row in 0..<submission.rowCount {
            var sum = 0.0
            for c in predCols.indices {
                let p = predCols[c][row]
                guard p >= 0 && p <= 1 else { throw SubmissionError("all probabilities must be in [0, 1], found \(p) at row \(row + 1)") }
                sum += p
            }
            let ok: Bool
            switch rowSum {
            case .isClose: ok = abs(sum - 1) <= 1e-6 + 1e-5
            case .roundedToSixDecimals: ok = (sum * 1e6).rounded(.toNearestOrEven) / 1e6 == 1
            }
            guard ok else { throw SubmissionError("each row's probabilities must sum to one; row \(row + 1) sums to \(sum)") }
        }
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let truthCols = try answers.doubles(columns: classes.map { try answers.requireColumn($0, in: "answers") })
        let labels = try ao.map { r -> String in
            guard let j = truthCols.indices.first(where: { truthCols[$0][r] == 1 }) else {
                throw MetricError("answers row \(r + 1) is not one-hot")
            }
            return classes[j]
        }
        return try Metrics.logLoss(yTrue: labels, yPred: predCols.map { col in so.map { col[$0] } }, classes: classes)
    }
}

/// playground-series-s3e18: `roc_auc_score(Y, S, average="macro")` over binary target columns
/// after sorting both by id. Scores need not be probabilities (no range check); NaN is invalid.
public struct ColumnMeanAUCGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumns: [String]
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        _ = try answers.requireColumn(idColumn, in: "answers")
        let sc = try targetColumns.map { try submission.requireColumn($0) }
        let ac = try targetColumns.map { try answers.requireColumn($0, in: "answers") }
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let scores = try submission.doubles(columns: sc)
        let truth = try answers.doubles(columns: ac)
        let labels = try truth.map { col in
            try ao.map { r -> Int in
                guard col[r] == col[r].rounded(), abs(col[r]) < 1e15 else { throw MetricError("answers hold a non-integral label \(col[r])") }
                return Int(col[r])
            }
        }
        return try Metrics.rocAUCColumnMean(yTrue: labels, yScore: scores.map { col in so.map { col[$0] } })
    }
}

/// jigsaw-unintended-bias-in-toxicity-classification: Kaggle's bias-weighted AUC as MLE-bench
/// computes it. Predictions (`prediction`, or `toxicity` when the answers themselves are
/// submitted) and answers are binarized at 0.5 (NaN counts as 0), then
/// `w · AUC + Σ w · M_p(subgroup, BPSN, BNSP AUCs over the identities)` with `p = -5`, `w = 0.25`.
///
/// Any of the AUCs being undefined (one class only) makes the submission invalid, as in the
/// reference; an AUC of 0 makes its generalized mean 0 (numpy's `0.0 ** -5` is infinite).
public struct JigsawBiasAUCGrader: CompetitionGrader {
    public static let defaultIdentityColumns = [
        "male", "female", "homosexual_gay_or_lesbian", "christian", "jewish", "muslim", "black", "white",
        "psychiatric_or_mental_illness",
    ]
    public var idColumn: String = "id"
    public var identityColumns: [String] = JigsawBiasAUCGrader.defaultIdentityColumns
    public var power: Double = -5
    public var weight: Double = 0.25
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        let prediction = submission.columnIndex(named: "prediction"), toxicity = submission.columnIndex(named: "toxicity")
        guard let pc = prediction ?? toxicity else { throw SubmissionError("the submission has no 'prediction' column") }
        if prediction != nil && toxicity != nil {
            // The reference renames prediction to toxicity and then fails on the duplicate column.
            throw SubmissionError("the submission has both 'prediction' and 'toxicity' columns")
        }
        _ = try answers.requireColumn(idColumn, in: "answers")
        let tc = try answers.requireColumn("toxicity", in: "answers")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let identityIndices = try identityColumns.map { try answers.requireColumn($0, in: "answers") }
        let predCells = submission.columnValues([pc])[0]
        var preds = [Double]()
        preds.reserveCapacity(so.count)
        for s in so {
            switch predCells[s] {
            case .int(let v): preds.append(Double(v) >= 0.5 ? 1 : 0)
            case .uint(let v): preds.append(Double(v) >= 0.5 ? 1 : 0)
            case .double(let v): preds.append(v >= 0.5 ? 1 : 0)  // NaN >= 0.5 is false
            case .bool(let b): preds.append(b ? 1 : 0)
            case .missing: preds.append(0)
            case .text(let t): throw SubmissionError("column '\(submission.columnNames[pc])' must be numeric, found '\(t.prefix(40))'")
            }
        }
        func binarized(_ column: Int) throws -> [Int] {
            let values = try answers.doubles(column, allowMissing: true)
            return ao.map { values[$0] >= 0.5 ? 1 : 0 }
        }
        let truth = try binarized(tc)
        let overall = try Metrics.rocAUC(yTrue: truth, yScore: preds)
        var bias: [[Double]] = [[], [], []]
        for column in identityIndices {
            let identity = try binarized(column)
            func auc(_ keep: (Int) -> Bool) throws -> Double {
                let rows = truth.indices.filter(keep)
                return try Metrics.rocAUC(yTrue: rows.map { truth[$0] }, yScore: rows.map { preds[$0] })
            }
            bias[0].append(try auc { identity[$0] == 1 })
            bias[1].append(try auc { (truth[$0] == 0 && identity[$0] == 1) || (truth[$0] == 1 && identity[$0] != 1) })
            bias[2].append(try auc { (truth[$0] == 1 && identity[$0] == 1) || (truth[$0] == 0 && identity[$0] != 1) })
        }
        // (sum(s ** p) / len(identity_columns)) ** (1 / p), in Python's order.
        func generalizedMean(_ scores: [Double]) throws -> Double {
            var sum = 0.0
            for s in scores { sum += pow(s, power) }  // numpy float64: 0 ** -5 is inf, and inf ** -0.2 is 0
            return pow(sum / Double(identityColumns.count), 1 / power)
        }
        var means = 0.0
        for b in bias { means += weight * (try generalizedMean(b)) }
        return weight * overall + means
    }
}

// MARK: - Regression

/// new-york-city-taxi-fare-prediction: `root_mean_squared_error` of the target after sorting the
/// submission and the answers by the id column *independently*. The reference never compares the
/// ids, so rows pair by position in sorted order; only the row counts must agree.
///
/// Sorting follows pandas' `sort_values`: numbers by value, text by code point, missing ids last.
/// (pandas' default quicksort is not stable, so the order among repeated submission ids may differ.)
public struct SortedPositionRMSEGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let ac = try answers.requireColumn(idColumn, in: "answers")
        let st = try submission.requireColumn(targetColumn)
        let sc = try submission.requireColumn(idColumn)
        let so = try pandasSortOrder(submission, sc)
        let ao = try pandasSortOrder(answers, ac)
        try requireSameRowCount(submission, answers)
        let preds = try submission.doubles(st), truth = try answers.doubles(at)
        return try Metrics.rootMeanSquaredError(yTrue: ao.map { truth[$0] }, yPred: so.map { preds[$0] })
    }
}

/// predict-volcanic-eruptions-ingv-oe: the id sets must be equal; the answers are inner-merged
/// with the submission on the id (a repeated submission id adds rows) and scored with
/// `mean_absolute_error`, rounded to an integer (`int(round(score))`, half to even) when
/// `roundToInteger`.
public struct MergedMAEGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var roundToInteger: Bool
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let ac = try answers.requireColumn(idColumn, in: "answers")
        let st = try submission.requireColumn(targetColumn)
        let sc = try submission.requireColumn(idColumn)
        let aKeys = answers.idKeys(ac), sKeys = submission.idKeys(sc)
        var subRows = [String: [Int]]()
        for (row, key) in sKeys.enumerated() { subRows[key, default: []].append(row) }
        let answerKeys = Set(aKeys)
        if let stray = subRows.keys.first(where: { !answerKeys.contains($0) || $0.hasPrefix("n:nan") || $0 == "m:" }) {
            throw SubmissionError("the submission's '\(idColumn)' values do not match the answers' (unexpected '\(stray.dropFirst(2).prefix(40))')")
        }
        if let absent = aKeys.first(where: { subRows[$0] == nil }) {
            throw SubmissionError("the submission is missing '\(idColumn)' \(absent.dropFirst(2).prefix(40))")
        }
        let preds = try submission.doubles(st), truth = try answers.doubles(at)
        var yTrue = [Double](), yPred = [Double]()
        yTrue.reserveCapacity(sKeys.count)
        yPred.reserveCapacity(sKeys.count)
        for (row, key) in aKeys.enumerated() {
            for s in subRows[key]! { yTrue.append(truth[row]); yPred.append(preds[s]) }
        }
        let mae = try Metrics.meanAbsoluteError(yTrue: yTrue, yPred: yPred)
        return roundToInteger ? mae.rounded(.toNearestOrEven) : mae
    }
}

/// us-patent-phrase-to-phrase-matching: `scipy.stats.pearsonr(y_true, y_pred)` after sorting by id.
///
/// A constant prediction column or an empty prediction makes SciPy return NaN, which MLE-bench
/// reports as a valid submission scored NaN; so does this grader.
public struct PearsonGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        // An empty prediction is NaN, which makes SciPy's r NaN.
        let preds = try submission.doubles(st, allowMissing: true), truth = try answers.doubles(at)
        return try Metrics.pearsonCorrelation(ao.map { truth[$0] }, so.map { preds[$0] }, undefinedAsNaN: true)
    }
}

// MARK: - Text

/// tweet-sentiment-extraction: the competition's word-level `jaccard`, averaged over rows sorted by
/// id. Cells are `fillna("").astype(str)`: numbers count as their text; a row where both sides have
/// no words is invalid (the reference divides by zero).
public struct MeanWordJaccardGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        _ = try submission.requireColumn(targetColumn)
        try requireSameRowCount(submission, answers)
        let (preds, truth) = try alignedCells(submission, answers, id: idColumn, column: targetColumn)
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
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        let st = try submission.requireColumn(targetColumn)
        _ = try submission.requireColumn(idColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        _ = try answers.requireColumn(idColumn, in: "answers")
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
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

// MARK: - Helpers

/// Label cells as scikit-learn's `type_of_target` accepts numeric labels: integral and finite
/// (a fractional value makes a "continuous" target, NaN or an empty cell an error); text beside
/// numbers is a mix of label types. Booleans are 0 and 1.
func integralLabels(_ cells: [CSVTable.Value], name: String) throws -> [Double] {
    try cells.enumerated().map { row, cell -> Double in
        let v: Double
        switch cell {
        case .int(let x): v = Double(x)
        case .uint(let x): v = Double(x)
        case .double(let x): v = x
        case .bool(let b): v = b ? 1 : 0
        case .missing: throw SubmissionError("column '\(name)' has an empty value at row \(row + 1)")
        case .text(let s): throw SubmissionError("column '\(name)' mixes text ('\(s.prefix(40))') with numeric labels")
        }
        guard v.isFinite else { throw SubmissionError("column '\(name)' has \(v) at row \(row + 1)") }
        guard v == v.rounded() else {
            throw SubmissionError("column '\(name)' must hold class labels, found the continuous value \(v) at row \(row + 1)")
        }
        return v
    }
}

/// Text cells after `fillna("")`: an empty cell is "", anything else must be text (the reference
/// calls string methods on every cell).
private func textCells(_ cells: [CSVTable.Value], name: String) throws -> [String] {
    try cells.enumerated().map { row, cell -> String in
        switch cell {
        case .text(let s): return s
        case .missing: return ""
        case .double(let x) where x.isNaN: return ""
        default: throw SubmissionError("column '\(name)' must hold text, found the number \(cell.csvText) at row \(row + 1)")
        }
    }
}

/// Python's `str.split()`: runs of Unicode whitespace separate words; no empty words.
func pythonSplit(_ s: String) -> [Substring] {
    s.unicodeScalars.split(whereSeparator: { isPythonSpace($0.value) }).map { Substring($0) }
}

/// Python's `str.isspace()` (the separators of `str.split()` and `str.strip()`).
@inline(__always)
func isPythonSpace(_ c: UInt32) -> Bool {
    if c < 128 { return (c >= 9 && c <= 13) || (c >= 28 && c <= 32) }
    switch c {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

/// A string compared and hashed by its code points, as Python compares `str`.
struct CodePointString: Hashable {
    let bytes: [UInt8]
    init(_ s: Substring) { bytes = Array(s.utf8) }
}

/// pandas' `sort_values` order: ``CSVTable/sortOrder(_:)`` with missing cells moved last, in file
/// order (pandas sorts the present values and appends the missing ones).
private func pandasSortOrder(_ table: CSVTable, _ column: Int) throws -> [Int] {
    let order = try table.sortOrder(column)
    let values = table.columnValues([column])[0]
    func missing(_ v: CSVTable.Value) -> Bool {
        switch v {
        case .missing: return true
        case .double(let x): return x.isNaN
        default: return false
        }
    }
    let present = order.filter { !missing(values[$0]) }
    let absent = (0..<values.count).filter { missing(values[$0]) }
    return present + absent
}

