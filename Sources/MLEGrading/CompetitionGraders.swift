import Foundation
import MLEBasics
import MLESplits

/// Scores a submission table against the answers, as the competition's MLE-bench grader does.
///
/// Throws ``SubmissionError`` (or ``MetricError``) for what MLE-bench calls an invalid
/// submission; the caller rounds the score to five decimals as MLE-bench's `Grader` does.
public protocol CompetitionGrader: Sendable {
    func score(submission: CSVTable, answers: CSVTable) throws -> Double
    /// Whether predictions are probabilities (checked in [0, 1], rows summing to one).
    var predictsProbabilities: Bool { get }
}

public enum GraderRegistry {
    /// The grader for a recipe's `[grader]` table, or nil when it is not implemented yet.
    public static func grader(metric: String, parameters: [String: String]) -> (any CompetitionGrader)? {
        // Competition-specific graders, keyed by their recipe's `variant` parameter.
        if let g = competitionGraderB(metric: metric, parameters: parameters)
            ?? competitionGraderC(metric: metric, parameters: parameters)
            ?? competitionGraderD(metric: metric, parameters: parameters)
            ?? competitionGraderE(metric: metric, parameters: parameters)
            ?? competitionGraderF(metric: metric, parameters: parameters)
            ?? competitionGraderG(metric: metric, parameters: parameters)
            ?? competitionGraderH(metric: metric, parameters: parameters)
            ?? competitionGraderI(metric: metric, parameters: parameters) {
            return g
        }
        let id = parameters["id_column"] ?? "id"
        switch metric {
        case "accuracy":
            guard let target = parameters["target_column"] else { return nil }
            return AccuracyGrader(idColumn: id, targetColumn: target)
        case "auc-roc":
            guard let target = parameters["target_column"] else { return nil }
            return BinaryAUCGrader(idColumn: parameters["id_column"] ?? "Comment", targetColumn: target)
        case "multi-class-log-loss":
            // Only recipes that name their id column were checked against their grade.py.
            guard parameters["id_column"] != nil else { return nil }
            let classes = parameters["classes"]?.split(separator: ",").map(String.init)
            switch parameters["variant"] {
            case "dog-breed-identification"?:
                return OneHotColumnsLogLossGrader(idColumn: id, classes: classes, rowSum: .isClose)
            case "lmsys-chatbot-arena"?:
                guard let classes else { return nil }
                return OneHotColumnsLogLossGrader(idColumn: id, classes: classes, rowSum: .roundedToSixDecimals)
            case nil:
                return OneHotLogLossGrader(idColumn: id)
            default:
                return nil
            }
        case "mean-column-wise-rmsle":
            let targets = parameters["target_columns"]?.split(separator: ",").map(String.init)
            return ColumnWiseRMSLEGrader(targetColumns: targets)
        case "quadratic-weighted-kappa":
            guard let idColumn = parameters["id_column"], let target = parameters["target_column"] else { return nil }
            return QuadraticWeightedKappaGrader(idColumn: idColumn, targetColumn: target)
        case "multi-class-classification-accuracy":
            guard let target = parameters["target_column"] else { return nil }
            return ClassLabelAccuracyGrader(idColumn: id, targetColumn: target)
        case "micro-f1-score":
            guard parameters["variant"] == "space-separated-labels", let target = parameters["target_column"] else { return nil }
            return SpaceSeparatedLabelsF1Grader(idColumn: id, targetColumn: target)
        case "auroc-multi-label":
            guard let targets = parameters["target_columns"]?.split(separator: ",").map(String.init), !targets.isEmpty else { return nil }
            return ColumnMeanAUCGrader(idColumn: id, targetColumns: targets)
        case "jigsaw-unintended-bias-in-toxicity-classification-score":
            let identities = parameters["identity_columns"]?.split(separator: ",").map(String.init)
            return JigsawBiasAUCGrader(idColumn: id, identityColumns: identities ?? JigsawBiasAUCGrader.defaultIdentityColumns)
        case "root-mean-squared-error":
            guard parameters["variant"] == "new-york-city-taxi-fare-prediction", let target = parameters["target_column"] else { return nil }
            return SortedPositionRMSEGrader(idColumn: id, targetColumn: target)
        case "mean-absolute-error":
            guard let target = parameters["target_column"] else { return nil }
            return MergedMAEGrader(idColumn: id, targetColumn: target, roundToInteger: parameters["rounding"] == "integer")
        case "pearson-correlation-coefficient":
            guard let target = parameters["target_column"] else { return nil }
            return PearsonGrader(idColumn: id, targetColumn: target)
        case "jaccard-similarity":
            guard let target = parameters["target_column"] else { return nil }
            return MeanWordJaccardGrader(idColumn: id, targetColumn: target)
        case "word-level-jaccard-score":
            guard let target = parameters["target_column"] else { return nil }
            return SampleWordJaccardGrader(idColumn: id, targetColumn: target)
        default:
            return nil
        }
    }

    public static let implemented = [
        "accuracy", "auc-roc", "multi-class-log-loss", "mean-column-wise-rmsle", "quadratic-weighted-kappa",
        "multi-class-classification-accuracy", "micro-f1-score", "auroc-multi-label",
        "jigsaw-unintended-bias-in-toxicity-classification-score", "root-mean-squared-error", "mean-absolute-error",
        "pearson-correlation-coefficient", "jaccard-similarity", "word-level-jaccard-score",
    ]
}

/// Pairs submission rows with answer rows by id, as MLE-bench's `prepare_for_*` helpers do by
/// sorting both on the id column and requiring equal id sequences.
///
/// With unique answer ids (every prepared competition has them) that is the same as requiring
/// the submission's ids to be a permutation of the answers', which a hash map checks in O(n);
/// ids compare as pandas compares them (numbers by value, text by characters). Boards with
/// repeated answer ids fall back to sorting.
func alignByID(_ submission: CSVTable, _ answers: CSVTable, id: String) throws -> (sub: [Int], ans: [Int]) {
    let (sub, ans) = try alignByIDKeepingOrder(submission, answers, id: id)
    return (sub ?? Array(0 ..< ans.count), ans)
}

/// ``alignByID``, with `sub` nil when it is the submission's own row order (as the join keys
/// give it), which saves a million-entry identity array.
func alignByIDKeepingOrder(_ submission: CSVTable, _ answers: CSVTable, id: String) throws -> (sub: [Int]?, ans: [Int]) {
    let sc = try submission.requireColumn(id)
    let ac = try answers.requireColumn(id, in: "answers")
    if let aKeys = answers.joinKeys(column: ac), let sKeys = submission.joinKeys(column: sc),
       let pairs = sKeys.pairing(with: aKeys) {
        return (nil, pairs)
    }
    // Repeated answer ids, ids that do not match (for the message), or columns the fast keys
    // do not cover: string keys.
    let aKeys = answers.idKeys(ac), sKeys = submission.idKeys(sc)
    var index = [String: Int](minimumCapacity: aKeys.count)
    var unique = true
    for (row, key) in aKeys.enumerated() where index.updateValue(row, forKey: key) != nil { unique = false; break }
    if unique {
        var used = [Bool](repeating: false, count: aKeys.count)
        var pairs = [Int]()
        pairs.reserveCapacity(sKeys.count)
        for key in sKeys {
            guard let row = index[key], !used[row] else {
                throw SubmissionError("the submission's '\(id)' values do not match the answers' (unexpected or repeated '\(key.dropFirst(2).prefix(40))')")
            }
            used[row] = true
            pairs.append(row)
        }
        return (nil, pairs)
    }
    let so = try submission.sortOrder(sc)
    let ao = try answers.sortOrder(ac)
    for (a, b) in zip(so, ao) where sKeys[a] != aKeys[b] {
        throw SubmissionError("the submission's '\(id)' values do not match the answers' (first difference: '\(sKeys[a].dropFirst(2).prefix(40))')")
    }
    return (so, ao)
}

/// The cells of one column of each table paired by id (``alignByID``): position `i` of both
/// arrays holds the same id's submitted and true values. Callers check columns and row counts
/// first, in their reference's order.
func alignedCells(_ submission: CSVTable, _ answers: CSVTable, id: String, column: String)
    throws -> (submitted: [CSVTable.Value], truth: [CSVTable.Value]) {
    let st = try submission.requireColumn(column)
    let at = try answers.requireColumn(column, in: "answers")
    let (so, ao) = try alignByIDKeepingOrder(submission, answers, id: id)
    let submitted = submission.columnValues([st])[0], truth = answers.columnValues([at])[0]
    return (so.map { $0.map { submitted[$0] } } ?? submitted, ao.map { truth[$0] })
}

extension CSVTable {
    /// Keys under which pandas considers two ids equal: numbers by value, text by characters.
    func idKeys(_ column: Int) -> [String] {
        columnValues([column])[0].map { cell in
            switch cell {
            case .int(let v): return "n:\(Double(v))"
            case .uint(let v): return "n:\(Double(v))"
            case .double(let v): return "n:\(v)"
            case .bool(let b): return b ? "n:1.0" : "n:0.0"
            case .missing: return "m:"
            case .text(let t): return "t:" + t
            }
        }
    }
}

/// spaceship-titanic and other accuracy competitions (`prepare_for_accuracy_metric`).
public struct AccuracyGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        let (preds, truth) = try alignedCells(submission, answers, id: idColumn, column: targetColumn)
        return try labelAccuracy(truth: truth, predictions: preds)
    }

    /// `accuracy_score` over label columns: numbers and booleans compare by value (numpy's
    /// True == 1), text by its characters; text against numbers is sklearn's "mix of label
    /// input types" error; a missing prediction never matches.
    func labelAccuracy(truth: [CSVTable.Value], predictions: [CSVTable.Value]) throws -> Double {
        func numeric(_ v: CSVTable.Value) -> Double? {
            switch v {
            case .int(let x): return Double(x)
            case .uint(let x): return Double(x)
            case .double(let x): return x
            case .bool(let b): return b ? 1 : 0
            case .missing, .text: return nil
            }
        }
        let truthText = truth.contains { if case .text = $0 { return true }; return false }
        let predText = predictions.contains { if case .text = $0 { return true }; return false }
        let predNumeric = predictions.contains { numeric($0) != nil }
        if truthText != predText || (truthText && predNumeric) {
            throw SubmissionError("'\(targetColumn)' mixes label types (text and numbers) with the answers")
        }
        var correct = 0
        for (t, p) in zip(truth, predictions) {
            switch (t, p) {
            case (.text(let a), .text(let b)): if a == b { correct += 1 }
            default: if let a = numeric(t), let b = numeric(p), a == b { correct += 1 }
            }
        }
        return Double(correct) / Double(max(1, truth.count))
    }
}

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

/// nomad2018: the mean of per-column RMSLE, rows compared in file order (MLE-bench does not sort).
public struct ColumnWiseRMSLEGrader: CompetitionGrader {
    public var targetColumns: [String]?
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let targets = targetColumns ?? answers.columnNames.filter { $0 != "id" }
        try requireSameRowCount(submission, answers)
        var total = 0.0
        for t in targets {
            let pred = try submission.doubles(try submission.requireColumn(t))
            let truth = try answers.doubles(try answers.requireColumn(t, in: "answers"))
            total += try Metrics.rootMeanSquaredLogError(yTrue: truth, yPred: pred)
        }
        return total / Double(targets.count)
    }
}
