import Foundation
import MLEBasics
import MLETable

// Graders of predicted probabilities: ROC AUC in its variants, log losses, KL divergence,
// probabilistic F1 and label-ranking precision.

/// detecting-insults and other binary AUC competitions (`prepare_for_auroc_metric`).
public struct BinaryAUCGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { true }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let st = try submission.requireColumn(targetColumn)
        _ = try submission.requireColumn(idColumn)
        try requireSameRowCount(submission, answers)
        // A million rows: the captured numbers are read in place. Anything unusual (a score out
        // of range or missing, answers that are not 0/1 with both present) goes the general
        // way below, which reports it as the reference does.
        if let at = answers.columnIndex(named: targetColumn),
           let inPlace = try submission.withNumberBuffers(columns: [st], { scores in
               try answers.withNumberBuffers(columns: [at]) { truth in try scoreInPlace(scores[0], truth[0], submission, answers) }
           }), let score = inPlace ?? nil {
            return score
        }
        let scores = try submission.doubles(st, allowMissing: true)
        if let bad = scores.first(where: { $0 < 0 || $0 > 1 }) {
            throw SubmissionError("'\(targetColumn)' must hold probabilities in [0, 1], found \(bad)")
        }
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let truth = try answers.doubles(try answers.requireColumn(targetColumn, in: "answers"))
        return try Metrics.rocAUC(yTrue: ao.map { Int(truth[$0]) }, yScore: so.map { scores[$0] })
    }

    /// The AUC from the captured columns: the answers' labels packed into bytes, then each
    /// submission row's score sent to the positive or the negative side, both passes split
    /// among threads; nil when the general path must decide.
    private func scoreInPlace(_ scores: UnsafeBufferPointer<Double>, _ truth: UnsafeBufferPointer<Double>,
                              _ submission: CSVTable, _ answers: CSVTable) throws -> Double? {
        let threads = Parallel.defaultThreads, block = 1 << 16
        // Labels, one byte each (a table that stays in the cache for the random look-ups below):
        // 1 positive, 0 negative, 2 anything else.
        var positiveCounts = [Int](repeating: 0, count: (truth.count + block - 1) / block)
        let labels = [UInt8](unsafeUninitializedCapacity: truth.count) { out, initialized in
            positiveCounts.withUnsafeMutableBufferPointer { counts in
                Parallel.forEachBlock(of: truth.count, size: block, threads: threads) { b, rows in
                    var positives = 0
                    for row in rows {
                        let t = truth[row]
                        out[row] = t == 1 ? 1 : t == 0 ? 0 : 2
                        positives += t == 1 ? 1 : 0
                    }
                    counts[b] = positives
                }
            }
            initialized = truth.count
        }
        let inRange = Parallel.allBlocks(of: scores.count, size: block, threads: threads) { rows in
            rows.allSatisfy { scores[$0] >= 0 && scores[$0] <= 1 }
        }
        let positives = positiveCounts.reduce(0, +)
        guard inRange, positives > 0, positives < truth.count, !labels.contains(2) else { return nil }
        let (so, ao) = try alignByIDKeepingOrder(submission, answers, id: idColumn)
        // Each block of submission rows counts its positives, then writes its scores from its
        // own offsets on each side.
        let n = ao.count
        var blockPositives = [Int](repeating: 0, count: (n + block - 1) / block)
        blockPositives.withUnsafeMutableBufferPointer { counts in
            Parallel.forEachBlock(of: n, size: block, threads: threads) { b, rows in
                counts[b] = rows.reduce(0) { $0 + Int(labels[ao[$1]]) }
            }
        }
        var negativeScores = [Double]()
        var positiveScores = [Double](unsafeUninitializedCapacity: positives) { pos, initializedPositives in
            negativeScores = [Double](unsafeUninitializedCapacity: n - positives) { neg, initializedNegatives in
                Parallel.forEachBlock(of: n, size: block, threads: threads) { b, rows in
                    let before = blockPositives[..<b].reduce(0, +)
                    var p = before, q = rows.lowerBound - before
                    for i in rows {
                        let score = scores[so?[i] ?? i]
                        if labels[ao[i]] == 1 { pos[p] = score; p += 1 } else { neg[q] = score; q += 1 }
                    }
                }
                initializedNegatives = n - positives
            }
            initializedPositives = positives
        }
        return Metrics.rocAUC(positiveScores: &positiveScores, negativeScores: &negativeScores)
    }
}

/// ranzcr-clip-catheter-line-classification (`prepare_for_auroc_metric` per class: scores in
/// [0, 1], then the mean AUC) and plant-pathology-2020-fgvc7 (the submission's columns must be
/// exactly the id and the classes; any scores; the mean of per-class AUCs).
public struct PerColumnAUCGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumns: [String]
    /// plant-pathology-2020: the submission's column set must equal {id} ∪ classes.
    public var exactColumns: Bool
    /// ranzcr: each class column must be numeric with values in [0, 1] (NaN passes, then fails the AUC).
    public var probabilities: Bool
    public var predictsProbabilities: Bool { probabilities }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        if exactColumns {
            guard Set(submission.columnNames) == Set([idColumn] + targetColumns) else {
                throw SubmissionError("expected exactly the columns \(([idColumn] + targetColumns).joined(separator: ", "))")
            }
        }
        let sc = try targetColumns.map { try submission.requireColumn($0) }
        let ac = try targetColumns.map { try answers.requireColumn($0, in: "answers") }
        _ = try submission.requireColumn(idColumn)
        try requireSameRowCount(submission, answers)
        let scores = try submission.doubles(columns: sc, allowMissing: true)
        if probabilities {
            for (c, col) in scores.enumerated() {
                if let bad = col.first(where: { $0 < 0 || $0 > 1 }) {
                    throw SubmissionError("'\(targetColumns[c])' must hold probabilities in [0, 1], found \(bad)")
                }
            }
        }
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
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

/// MLE-bench's classes.py (@ 783b15af, the commit of its checksums): 9 of Kaggle's 11 label columns
/// ("CVC - Normal" and "Swan Ganz Catheter Present" are neither in its sample submission nor graded).
enum RanzcrClasses {
    static let all = [
        "ETT - Abnormal", "ETT - Borderline", "ETT - Normal", "NGT - Abnormal", "NGT - Borderline",
        "NGT - Incompletely Imaged", "NGT - Normal", "CVC - Abnormal", "CVC - Borderline",
    ]
}

/// playground-series-s3e18: `roc_auc_score(Y, S, average="macro")` over binary target columns
/// after sorting both by id. Scores need not be probabilities (no range check); NaN is invalid.
public struct ColumnMeanAUCGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumns: [String]

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

/// jigsaw-toxic-comment-classification-challenge: `roc_auc_score(average="macro")` after
/// `set_index("id").sort_index()` on both, dropping the rows whose answers are marked -1.
///
/// As the reference, columns pair by position: every non-id submission column is a score column,
/// matched to the answers' non-id column at the same place (more score columns than answer columns
/// is the reference's IndexError). Rows pair by id; the submission's ids must be a permutation of
/// the answers' (the reference's boolean indexer fails on ids it does not know).
public struct JigsawToxicAUCGrader: CompetitionGrader {
    public static let classes = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let id = "id"
        _ = try submission.requireColumn(id)
        let missing = Self.classes.filter { submission.columnIndex(named: $0) == nil }
        guard missing.isEmpty else { throw SubmissionError("missing columns: \(missing.joined(separator: ", "))") }
        let aid = try answers.requireColumn(id, in: "answers")
        let classCols = try Self.classes.map { try answers.requireColumn($0, in: "answers") }
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: id)
        // keep_mask: the row sum of the class columns (NaN skipped) is not negative.
        let classValues = try answers.doubles(columns: classCols, allowMissing: true)
        let keep = (0..<answers.rowCount).map { r in classValues.reduce(0.0) { $0 + ($1[r].isNaN ? 0 : $1[r]) } >= 0 }
        let pairs = zip(so, ao).filter { keep[$0.1] }
        let scoreCols = (0..<submission.columnCount).filter { submission.columnNames[$0] != id }
        let truthCols = (0..<answers.columnCount).filter { $0 != aid }
        guard scoreCols.count <= truthCols.count else {
            throw SubmissionError("the submission has \(scoreCols.count) score columns; the answers have \(truthCols.count)")
        }
        // Only the kept rows reach check_array, so only they must be finite numbers.
        let scores = try zip(scoreCols, submission.columnValues(scoreCols)).map { c, cells -> [Double] in
            // An object column (text in a dropped row) holds its numbers as text, which check_array parses.
            let kept = try CSVTable.numbers(pairs.map { cell -> CSVTable.Value in
                if case .text(let t) = cells[cell.0], let v = Double(t.trimmingCharacters(in: .whitespaces)) { return .double(v) }
                return cells[cell.0]
            }, name: submission.columnNames[c], allowMissing: true)
            guard kept.allSatisfy(\.isFinite) else {
                throw SubmissionError("column '\(submission.columnNames[c])' has an empty, NaN or infinite value")
            }
            return kept
        }
        let truth = try answers.doubles(columns: truthCols)
        for col in truth {
            for (_, a) in pairs where col[a] != 0 && col[a] != 1 {
                throw MetricError("the answers' labels must be 0 or 1, found \(col[a])")
            }
        }
        return try Metrics.rocAUCColumnMean(
            yTrue: scores.indices.map { c in pairs.map { Int(truth[c][$0.1]) } },
            yScore: scores)
    }
}

/// alaska2-image-steganalysis: the competition's weighted AUC. scikit-learn 1.5.1's `roc_curve`
/// (ties grouped, `drop_intermediate=True`), the TPR thresholds 0 and 0.4 and 1 inserted into the
/// curve with linearly interpolated FPR, then per horizontal band (TPR in [0, 0.4] weighted 2,
/// [0.4, 1] weighted 1) `sklearn.metrics.auc` of the band's points closed by (1, top), shifted
/// down to start at 0; the weighted sum divided by 0.4·2 + 0.6·1.
///
/// As the reference: as many rows as the answers; `Id` and `Label` columns; rows paired by sorting
/// on `Id` (the ids must match); labels numeric, none empty or NaN; and, as `roc_curve` asserts,
/// none infinite. Answers of one class: all negative scores 0 (the NaN TPR matches no band), all
/// positive gives NaN.
public struct Alaska2WeightedAUCGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (sl, ac, so, ao) = try pairedTarget(submission, answers, id: idColumn, target: targetColumn,
                                                checking: [.sameRowCount, .submissionID, .submissionTarget, .answersTarget])
        let pred = try submission.doubles(sl)
        let truth = try answers.doubles(ac)
        let yScore = so.map { pred[$0] }
        let yTrue = ao.map { truth[$0] }
        guard yScore.allSatisfy(\.isFinite) else { throw SubmissionError("'\(targetColumn)' must be finite (sklearn's roc_curve rejects infinity)") }
        guard yTrue.allSatisfy(\.isFinite) else { throw MetricError("answers' '\(targetColumn)' must be finite") }
        let result = try alaska2WeightedAUC(yTrue: yTrue, yScore: yScore)
        return result   // NaN when the answers hold one class only, as in the reference
    }
}

/// `sklearn.metrics.roc_curve(y_true, y_score, pos_label=1)` (1.5.1, `drop_intermediate=True`):
/// FPR and TPR (NaN when there are no negatives, respectively positives).
func alaska2ROCCurve(yTrue: [Double], yScore: [Double]) -> (fpr: [Double], tpr: [Double]) {
    var (tps, fps) = binaryClfCurve(isPositive: yTrue.map { $0 == 1 }, yScore: yScore)
    if fps.count > 2 {
        var keepF = [Double](), keepT = [Double]()
        for i in 0..<fps.count {
            var keep = i == 0 || i == fps.count - 1
            if !keep {
                let d2f = (fps[i + 1] - fps[i]) - (fps[i] - fps[i - 1])
                let d2t = (tps[i + 1] - tps[i]) - (tps[i] - tps[i - 1])
                keep = d2f != 0 || d2t != 0
            }
            if keep { keepF.append(fps[i]); keepT.append(tps[i]) }
        }
        fps = keepF; tps = keepT
    }
    fps.insert(0, at: 0)
    tps.insert(0, at: 0)
    let fl = fps[fps.count - 1], tl = tps[tps.count - 1]
    let fpr = fl <= 0 ? [Double](repeating: .nan, count: fps.count) : fps.map { $0 / fl }
    let tpr = tl <= 0 ? [Double](repeating: .nan, count: tps.count) : tps.map { $0 / tl }
    return (fpr, tpr)
}

/// grade.py's `alaska_weighted_auc`.
func alaska2WeightedAUC(yTrue: [Double], yScore: [Double]) throws -> Double {
    let tprThresholds = [0.0, 0.4, 1.0]
    let weights = [2.0, 1.0]
    var (fpr, tpr) = alaska2ROCCurve(yTrue: yTrue, yScore: yScore)
    // insert_thresholds
    for threshold in tprThresholds where !tpr.contains(threshold) {
        for (i, v) in tpr.enumerated() where v > threshold {
            let p = i == 0 ? tpr.count - 1 : i - 1  // Python's index -1
            let newFPR = fpr[p] + (fpr[i] - fpr[p]) * (threshold - tpr[p]) / (tpr[i] - tpr[p])
            tpr.insert(threshold, at: i)
            fpr.insert(newFPR, at: i)
            break
        }
    }
    let areas = [tprThresholds[1] - tprThresholds[0], tprThresholds[2] - tprThresholds[1]]
    var metric = 0.0
    for (idx, weight) in weights.enumerated() {
        let yMin = tprThresholds[idx], yMax = tprThresholds[idx + 1]
        var xs = [Double](), ys = [Double]()
        for (x, y) in zip(fpr, tpr) where yMin <= y && y <= yMax {
            xs.append(x); ys.append(y)
        }
        if xs.isEmpty { continue }
        xs.append(1)
        ys.append(yMax)
        ys = ys.map { $0 - yMin }
        metric += try alaska2SklearnAUC(xs, ys) * weight
    }
    let normalization = areas[0] * weights[0] + areas[1] * weights[1]
    return metric / normalization
}

/// `sklearn.metrics.auc`: the trapezoid (`np.trapezoid`, summed pairwise as numpy does) with the
/// direction check (neither increasing nor decreasing x raises).
private func alaska2SklearnAUC(_ x: [Double], _ y: [Double]) throws -> Double {
    guard x.count >= 2 else { throw MetricError("auc needs at least 2 points") }
    var direction = 1.0
    let dx = (1..<x.count).map { x[$0] - x[$0 - 1] }
    if dx.contains(where: { $0 < 0 }) {
        if dx.allSatisfy({ $0 <= 0 }) { direction = -1 } else {
            throw MetricError("x is neither increasing nor decreasing")
        }
    }
    var terms = [Double]()
    for i in 0..<dx.count {
        let s: Double = y[i + 1] + y[i]
        let p: Double = dx[i] * s
        terms.append(p / 2.0)
    }
    return direction * alaska2PairwiseSum(terms)
}

/// numpy's pairwise summation (`np.add.reduce` over a contiguous float64 array).
private func alaska2PairwiseSum(_ a: [Double]) -> Double {
    func sum(_ lo: Int, _ n: Int) -> Double {
        if n < 8 {
            var res = -0.0
            for i in lo..<(lo + n) { res += a[i] }
            return res
        } else if n <= 128 {
            var r: [Double] = Array(a[lo..<(lo + 8)])
            var i = 8
            let end = n - n % 8
            while i < end {
                for k in 0..<8 { r[k] += a[lo + i + k] }
                i += 8
            }
            let s01: Double = r[0] + r[1], s23: Double = r[2] + r[3], s45: Double = r[4] + r[5], s67: Double = r[6] + r[7]
            var res: Double = (s01 + s23) + (s45 + s67)
            while i < n { res += a[lo + i]; i += 1 }
            return res
        } else {
            var n2 = n / 2
            n2 -= n2 % 8
            return sum(lo, n2) + sum(lo + n2, n - n2)
        }
    }
    return a.isEmpty ? 0 : sum(0, a.count)
}

/// leaf-classification, spooky-author-identification: one-hot answers, probability columns.
public struct OneHotLogLossGrader: CompetitionGrader {
    public var idColumn: String
    public var predictsProbabilities: Bool { true }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let classes = answers.columnNames.filter { $0 != idColumn }
        guard Set(submission.columnNames) == Set(answers.columnNames), submission.columnCount == answers.columnCount else {
            let missing = Set(answers.columnNames).subtracting(submission.columnNames).sorted()
            throw SubmissionError(missing.isEmpty
                ? "expected exactly the columns \(idColumn) and the \(classes.count) classes"
                : "missing columns: \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "")")
        }
        try requireSameRowCount(submission, answers)
        let predIndices = try classes.map { try submission.requireColumn($0) }
        let truthIndices = try classes.map { try answers.requireColumn($0, in: "answers") }
        // A million rows of ten classes: the captured numbers are read in place, rows shared
        // among threads. Whatever those checks refuse is graded again by the general path,
        // which finds the same problem and names it.
        if let inPlace = try submission.withNumberBuffers(columns: predIndices, { pred in
            try answers.withNumberBuffers(columns: truthIndices) { truth in try scoreInPlace(pred, truth, submission, answers) }
        }), let score = inPlace ?? nil {
            return score
        }
        return try score(try submission.doubles(columns: predIndices), truthIndices, submission, answers)
    }

    /// The general path; the answers' columns are converted after the submission's checks and
    /// the pairing, in the reference's order.
    private func score(_ predCols: [[Double]], _ truthIndices: [Int], _ submission: CSVTable, _ answers: CSVTable) throws -> Double {
        // Column by column (each column is contiguous); the row sums add the classes left to
        // right as pandas' `sum(axis=1)` does.
        let n = submission.rowCount
        var sums = [Double](repeating: 0, count: n)
        for column in predCols {
            for row in 0 ..< n {
                let p = column[row]
                guard p >= 0 && p <= 1 else { throw SubmissionError("all probabilities must be in [0, 1], found \(p) at row \(row + 1)") }
                sums[row] += p
            }
        }
        for row in 0 ..< n {
            guard Self.sumsToOne(sums[row]) else {
                throw SubmissionError("each row's probabilities must sum to one; row \(row + 1) sums to \(sums[row])")
            }
        }
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let truthCols = try answers.doubles(columns: truthIndices)
        // One-hot answers: each row's label is the first class holding its 1.
        var label = [Int](repeating: -1, count: answers.rowCount)
        for (j, column) in truthCols.enumerated() {
            for r in 0 ..< answers.rowCount where label[r] < 0 && column[r] == 1 { label[r] = j }
        }
        if let r = label.firstIndex(of: -1) { throw MetricError("answers row \(r + 1) is not one-hot") }
        // Only each row's true-class probability enters the loss.
        let picked = so.indices.map { i in predCols[label[ao[i]]][so[i]] }
        return try Metrics.logLoss(trueClassProbabilities: picked)
    }

    /// numpy.isclose(sum, 1, atol=1e-6): |sum - 1| <= atol + rtol * 1 with rtol 1e-5.
    @inline(__always)
    static func sumsToOne(_ sum: Double) -> Bool { abs(sum - 1) <= 1e-6 + 1e-5 }

    /// The same score from the captured columns, each pass split among threads by blocks of
    /// rows; nil when a check fails (a probability out of range or missing, a row not summing
    /// to one, an answers row that is not one-hot), for the general path to report.
    private func scoreInPlace(_ pred: [UnsafeBufferPointer<Double>], _ truth: [UnsafeBufferPointer<Double>],
                              _ submission: CSVTable, _ answers: CSVTable) throws -> Double? {
        let classes = pred.count
        // Each row's probabilities in range, summed left to right (the same additions as the
        // general path's column-by-column sums).
        let rowsPass = Parallel.allBlocks(of: submission.rowCount, size: 1 << 15, threads: Parallel.defaultThreads) { rows in
            rows.allSatisfy { row in
                var sum = 0.0
                for j in 0 ..< classes {
                    let p = pred[j][row]
                    guard p >= 0 && p <= 1 else { return false }
                    sum += p
                }
                return Self.sumsToOne(sum)
            }
        }
        guard rowsPass else { return nil }
        // Labels of up to 255 classes take a byte each: the look-ups by paired row below are
        // random, and a smaller table stays in the caches.
        return classes <= Int(UInt8.max)
            ? try lossInPlace(pred, truth, UInt8.self, submission, answers)
            : try lossInPlace(pred, truth, UInt32.self, submission, answers)
    }

    /// The rest of ``scoreInPlace``: each answers row's label (the first class holding its 1),
    /// the rows paired by id, and the mean of the true-class terms; nil when an answers row is
    /// not one-hot.
    private func lossInPlace<Label: FixedWidthInteger & UnsignedInteger>(
        _ pred: [UnsafeBufferPointer<Double>], _ truth: [UnsafeBufferPointer<Double>], _: Label.Type,
        _ submission: CSVTable, _ answers: CSVTable
    ) throws -> Double? {
        let classes = pred.count
        let threads = Parallel.defaultThreads, block = 1 << 15
        var label = [Label](repeating: 0, count: answers.rowCount)
        let labelled = label.withUnsafeMutableBufferPointer { label in
            Parallel.allBlocks(of: label.count, size: block, threads: threads) { rows in
                rows.allSatisfy { row in
                    var j = 0
                    while j < classes && truth[j][row] != 1 { j += 1 }
                    label[row] = Label(truncatingIfNeeded: j)
                    return j < classes
                }
            }
        }
        guard labelled else { return nil }
        let (so, ao) = try alignByIDKeepingOrder(submission, answers, id: idColumn)
        // Only each row's true-class probability enters the loss; its term is worked out here
        // (a million logarithms), on the threads, and the terms added as the general path does.
        guard !ao.isEmpty else { return nil }
        let losses = [Double](unsafeUninitializedCapacity: ao.count) { out, initialized in
            label.withUnsafeBufferPointer { label in
                Parallel.forEachBlock(of: ao.count, size: block, threads: threads) { _, rows in
                    for i in rows {
                        (out.baseAddress! + i).initialize(to: Metrics.trueClassLoss(pred[Int(label[ao[i]])][so?[i] ?? i]))
                    }
                }
            }
            initialized = ao.count
        }
        return Metrics.meanLoss(losses)
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
        try requireProbabilities(preds, column: targetColumn)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let truth = try integralLabels(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        return try Metrics.logLoss(yTrue: ao.map { Int(truth[$0]) }, yPred: so.map { preds[$0] })
    }
}

/// statoil-iceberg-classifier-challenge: binary `log_loss` of probabilities in [0, 1] by id.
public struct BinaryLogLossGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { true }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        try requireSameRowCount(submission, answers)
        let p = try submission.doubles(st)
        try requireProbabilities(p, column: targetColumn)
        let truth = try integralLabels(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        return try Metrics.logLoss(yTrue: ao.map { Int(truth[$0]) }, yPred: so.map { p[$0] })
    }
}

/// rsna-2022-cervical-spine-fracture-detection: the competition's weighted binary log loss.
/// `row_id` is `<StudyInstanceUID>_<target>`; per study, the losses of patient_overall and C1–C7
/// (predictions clipped to [1e-15, 1 - 1e-15]) are weighted 7/1 (negative) or 14/2 (positive),
/// normalised by the study's weight sum, and averaged over studies.
public struct CervicalSpineWeightedLogLossGrader: CompetitionGrader {
    static let targets = ["patient_overall", "C1", "C2", "C3", "C4", "C5", "C6", "C7"]
    public var predictsProbabilities: Bool { true }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let sid = try submission.requireColumn("row_id")
        let st = try submission.requireColumn("fractured")
        let p = try submission.doubles(st)  // NaN and text are invalid (between(0, 1) fails)
        if let bad = p.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw SubmissionError("'fractured' must lie in [0, 1], found \(bad)")
        }
        _ = sid
        let aid = try answers.requireColumn("row_id", in: "answers")
        let truth = try answers.doubles(try answers.requireColumn("fractured", in: "answers"))
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: "row_id")
        // Group the answers' rows by study and target (split at the first "_").
        let ids = answers.columnValues([aid])[0].map(pythonStr)
        var studies = [String: [Int: Int]]()  // study -> target index -> pair index
        for (k, a) in ao.enumerated() {
            let id = ids[a]
            guard let cut = id.firstIndex(of: "_") else { throw MetricError("answers row_id '\(id)' has no '_'") }
            guard let t = Self.targets.firstIndex(of: String(id[id.index(after: cut)...])) else { continue }
            studies[String(id[..<cut]), default: [:]][t] = k
        }
        let order = studies.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var losses = [Double]()
        losses.reserveCapacity(order.count)
        for study in order {
            let row = studies[study]!
            guard row.count == Self.targets.count else { throw MetricError("study \(study) lacks some targets") }
            var weighted = 0.0, weights = 0.0
            for t in 0..<Self.targets.count {
                let k = row[t]!
                let y = truth[ao[k]], q = min(max(p[so[k]], 1e-15), 1 - 1e-15)
                let loss = -(y * log(q) + (1 - y) * log(1 - q))
                let w = y * (t == 0 ? 14 : 2) + (1 - y) * (t == 0 ? 7 : 1)
                weighted += loss * w
                weights += w
            }
            losses.append(weighted / weights)
        }
        guard !losses.isEmpty else { throw MetricError("no studies to score") }
        return numpyMean(losses)
    }
}

/// hms-harmful-brain-activity-classification: Kaggle's KL divergence (micro-averaged) of the
/// submission's six vote probabilities from the answers' votes normalised per row.
///
/// As the reference: the submission needs `eeg_id` and the six columns, as many rows as the answers
/// and the same id set; each row's six probabilities must sum to 1 after `round(x, 5)`. Every other
/// non-id submission column also reaches Kaggle's `verify_valid_probabilities`, so all of them must be
/// numeric, in [0, 1], and sum (with the six) to 1 within `np.allclose`. A NaN prediction is refused
/// here (the reference skips it where the answer is 0 and sums over it elsewhere).
public struct HMSKLDivergenceGrader: CompetitionGrader {
    public static let idColumn = "eeg_id"
    public static let targets = ["seizure_vote", "lpd_vote", "gpd_vote", "lrda_vote", "grda_vote", "other_vote"]
    public var predictsProbabilities: Bool { true }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(Self.idColumn)
        let missing = Self.targets.filter { submission.columnIndex(named: $0) == nil }
        guard missing.isEmpty else { throw SubmissionError("missing columns: \(missing.joined(separator: ", "))") }
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: Self.idColumn)
        let preds = try submission.doubles(columns: Self.targets.map { try submission.requireColumn($0) }, allowMissing: true)
        if preds.contains(where: { $0.contains(where: \.isNaN) }) {
            throw SubmissionError("the vote probabilities must not be empty or NaN")
        }
        // verify_valid_probabilities over every non-id column of the submission.
        let others = (0..<submission.columnCount).filter { submission.columnNames[$0] != Self.idColumn }
        let all = try submission.doubles(columns: others, allowMissing: true)
        for col in all where col.contains(where: { $0 < 0 || $0 > 1 }) {
            throw SubmissionError("all target values must lie in [0, 1]")
        }
        for r in 0..<submission.rowCount {
            var s = 0.0
            for col in all where !col[r].isNaN { s += col[r] }
            guard abs(s - 1) <= 1e-8 + 1e-5 else {
                throw SubmissionError("the submission's columns do not add to one in row \(r + 1)")
            }
        }
        let votes = try answers.doubles(columns: Self.targets.map { try answers.requireColumn($0, in: "answers") })
        // The metric's own checks (row sums rounding to 1, non-negative votes) throw MetricError.
        return try Metrics.klDivergence(votes: votes.map { c in ao.map { c[$0] } }, predictions: preds.map { c in so.map { c[$0] } })
    }
}

/// rsna-breast-cancer-detection: MLE-bench's `pfbeta(beta=1)` after sorting by id. As in the
/// reference, a NaN prediction or all-zero predictions give 0 (NumPy's 0/0 is NaN, and NaN > 0
/// is false); answers without a positive would give NaN and throw here.
public struct ProbabilisticF1Grader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { true }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (st, at, so, ao) = try pairedTarget(submission, answers, id: idColumn, target: targetColumn,
                                                checking: [.submissionID, .submissionTarget, .answersTarget, .sameRowCount])
        let preds = try submission.doubles(st, allowMissing: true)
        let labels = try answers.doubles(at)
        var positives = 0, ctp = 0.0, cfp = 0.0
        for (s, a) in zip(so, ao) {
            let raw = preds[s]
            let q = raw.isNaN ? raw : min(max(raw, 0), 1)
            if labels[a] != 0 { positives += 1; ctp += q } else { cfp += q }
        }
        let precision = ctp / (ctp + cfp)
        guard positives > 0 else { throw MetricError("the answers have no positive label; pfbeta is undefined") }
        let recall = ctp / Double(positives)
        guard precision > 0, recall > 0 else { return 0 }
        return 2 * (precision * recall) / (precision + recall)
    }
}

/// freesound-audio-tagging-2019: label-weighted LRAP (`label_ranking_average_precision_score` with
/// each row weighted by its number of positive answer labels, rows without one skipped): the
/// answers' entries `> 0` are the truth, the submission's values the scores (finite, any range).
/// Columns must be `fname` then the 80 classes in vocabulary order; rows pair by sorted `fname`.
public struct FreesoundLwlrapGrader: CompetitionGrader {
    public static let classes = [
        "Accelerating_and_revving_and_vroom", "Accordion", "Acoustic_guitar", "Applause", "Bark", "Bass_drum",
        "Bass_guitar", "Bathtub_(filling_or_washing)", "Bicycle_bell", "Burping_and_eructation", "Bus", "Buzz",
        "Car_passing_by", "Cheering", "Chewing_and_mastication", "Child_speech_and_kid_speaking", "Chink_and_clink",
        "Chirp_and_tweet", "Church_bell", "Clapping", "Computer_keyboard", "Crackle", "Cricket", "Crowd",
        "Cupboard_open_or_close", "Cutlery_and_silverware", "Dishes_and_pots_and_pans", "Drawer_open_or_close",
        "Drip", "Electric_guitar", "Fart", "Female_singing", "Female_speech_and_woman_speaking",
        "Fill_(with_liquid)", "Finger_snapping", "Frying_(food)", "Gasp", "Glockenspiel", "Gong", "Gurgling",
        "Harmonica", "Hi-hat", "Hiss", "Keys_jangling", "Knock", "Male_singing", "Male_speech_and_man_speaking",
        "Marimba_and_xylophone", "Mechanical_fan", "Meow", "Microwave_oven", "Motorcycle", "Printer", "Purr",
        "Race_car_and_auto_racing", "Raindrop", "Run", "Scissors", "Screaming", "Shatter", "Sigh",
        "Sink_(filling_or_washing)", "Skateboard", "Slam", "Sneeze", "Squeak", "Stream", "Strum", "Tap",
        "Tick-tock", "Toilet_flush", "Traffic_noise_and_roadway_noise", "Trickle_and_dribble",
        "Walk_and_footsteps", "Water_tap_and_faucet", "Waves_and_surf", "Whispering", "Writing", "Yell",
        "Zipper_(clothing)",
    ]

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        guard submission.columnNames.first == "fname" else { throw SubmissionError("the first column must be 'fname'") }
        guard Array(submission.columnNames.dropFirst()) == Self.classes else {
            throw SubmissionError("the columns after 'fname' must be the \(Self.classes.count) classes in vocabulary order")
        }
        guard answers.columnNames.first == "fname", Array(answers.columnNames.dropFirst()) == Self.classes else {
            throw MetricError("the answers' columns are not 'fname' and the classes")
        }
        let (so, ao) = try alignByID(submission, answers, id: "fname")
        let labelCount = Self.classes.count
        let sub = try submission.doubles(columns: Array(1...labelCount), allowMissing: true)
        let ans = try answers.doubles(columns: Array(1...labelCount), allowMissing: true)
        for (c, col) in sub.enumerated() where col.contains(where: { !$0.isFinite }) {
            throw SubmissionError("column '\(Self.classes[c])' has an empty, NaN or infinite value")
        }
        var out = 0.0, weightSum = 0.0, rows = 0
        var sortedAll = [Double](repeating: 0, count: labelCount), sortedRelevant = [Double](), ratios = [Double]()
        for (s, a) in zip(so, ao) {
            // Truth: the answers' positive entries, which also weight the row; scores: the submission.
            let weight = (0..<labelCount).reduce(0) { $0 + (ans[$1][a] > 0 ? 1 : 0) }
            guard weight > 0 else { continue }
            rows += 1
            weightSum += Double(weight)
            var aux = 1.0
            if weight < labelCount {
                for l in 0..<labelCount { sortedAll[l] = sub[l][s] }
                sortedAll.sort()
                sortedRelevant.removeAll(keepingCapacity: true)
                for l in 0..<labelCount where ans[l][a] > 0 { sortedRelevant.append(sub[l][s]) }
                sortedRelevant.sort()
                ratios.removeAll(keepingCapacity: true)
                for l in 0..<labelCount where ans[l][a] > 0 {
                    let v = sub[l][s]
                    let rank = labelCount - lowerBound(sortedAll, v)
                    let within = weight - lowerBound(sortedRelevant, v)
                    ratios.append(Double(within) / Double(rank))
                }
                aux = numpyMean(ratios)
            }
            out += aux * Double(weight)
        }
        guard rows > 0 else { throw MetricError("no row of the answers has a positive label") }
        return out / weightSum
    }
}

/// Binary log losses' check: every prediction in [0, 1] (a NaN is not).
private func requireProbabilities(_ values: [Double], column: String) throws {
    if let bad = values.first(where: { !($0 >= 0 && $0 <= 1) }) {
        throw SubmissionError("'\(column)' must hold probabilities in [0, 1], found \(bad)")
    }
}
