import Foundation

// Classification metrics: ROC AUC (binary, column-wise mean, one-vs-rest), accuracy, log loss,
// F1 / F-beta, Matthews correlation, quadratic weighted kappa, LRAP and MLE-bench's pfbeta.
//
// Conventions shared by every function here:
// - Matrices are passed as columns (`[[Double]]`, outer index = class or label column, inner
//   index = row), the way a grader parses them out of a CSV. All columns must have one length.
// - String labels compare by Unicode code points, like Python's `str`, not by Swift's
//   canonical equivalence (which would merge "é" and "e\u{301}").
// - Where the reference sums many floats, the sum is numpy's pairwise summation in numpy's
//   order, so results usually agree with scikit-learn to the last bit, not only to 1e-9.
//   ROC AUC is the exception: it is computed exactly (integer Mann–Whitney count, one
//   division), so it can differ from sklearn's float trapezoid in the last bit.
// - Invalid input (length mismatch, NaN, a single class where two are needed, ...) throws
//   `MetricError`; scikit-learn raises there too unless noted on the function.

extension Metrics {

    // MARK: ROC AUC

    /// Area under the ROC curve of binary labels against scores, as `sklearn.metrics.roc_auc_score`.
    ///
    /// `yTrue` must hold exactly two distinct values; the larger one is the positive class (as
    /// sklearn's `np.unique` + `label_binarize`). Tied scores count half (the trapezoid over
    /// distinct thresholds), computed exactly in integers via the Mann–Whitney statistic.
    /// Scores need not lie in [0, 1] but must be finite. O(n log n).
    public static func rocAUC(yTrue: [Int], yScore: [Double]) throws -> Double {
        try checkSameLength(yTrue.count, yScore.count, "yTrue", "yScore")
        try checkNonEmpty(yTrue.count)
        try checkFinite(yScore, "yScore")
        let positive = try binaryPositiveLabel(yTrue, "yTrue")
        var scratch = AUCScratch()
        return yTrue.withUnsafeBufferPointer { labels in
            yScore.withUnsafeBufferPointer { scores in
                scratch.auc(count: scores.count, score: { scores[$0] }, isPositive: { labels[$0] == positive })
            }
        }
    }

    /// Column-wise mean ROC AUC over several binary target columns, as MLE-bench graders compute it
    /// (`roc_auc_score(Y, S, average="macro")` in jigsaw-toxic-comment, or `np.mean` of per-column
    /// `roc_auc_score` in plant-pathology-2020 — the same value).
    ///
    /// `yTrue[c]` and `yScore[c]` are column `c`; every label column needs exactly two distinct
    /// values (the larger is positive). Throws if any column has a single class, as sklearn does.
    public static func rocAUCColumnMean(yTrue: [[Int]], yScore: [[Double]]) throws -> Double {
        guard !yTrue.isEmpty else { throw MetricError("no target columns") }
        try checkSameLength(yTrue.count, yScore.count, "yTrue columns", "yScore columns")
        let n = yTrue[0].count
        try checkNonEmpty(n)
        var aucs = [Double]()
        aucs.reserveCapacity(yTrue.count)
        var scratch = AUCScratch()
        for c in 0..<yTrue.count {
            guard yTrue[c].count == n, yScore[c].count == n else {
                throw MetricError("column \(c) has \(yTrue[c].count) labels and \(yScore[c].count) scores; expected \(n) rows")
            }
            try checkFinite(yScore[c], "yScore column \(c)")
            let positive: Int
            do { positive = try binaryPositiveLabel(yTrue[c], "yTrue") } catch let error as MetricError {
                throw MetricError("column \(c): \(error.message)")
            }
            let auc = yTrue[c].withUnsafeBufferPointer { labels in
                yScore[c].withUnsafeBufferPointer { scores in
                    scratch.auc(count: n, score: { scores[$0] }, isPositive: { labels[$0] == positive })
                }
            }
            aucs.append(auc)
        }
        return numpySum(aucs) / Double(aucs.count)
    }

    /// Macro-averaged one-vs-rest ROC AUC of a multi-class probability matrix, as
    /// `roc_auc_score(y_true, P, multi_class="ovr", average="macro", labels=classes)`.
    ///
    /// `yScore[j]` is the probability column of `classes[j]`; when `classes` is nil it is the
    /// code-point-sorted unique labels of `yTrue` (sklearn's default order). Needs at least three
    /// classes, every class present in `yTrue`, and rows summing to 1 within `np.allclose`
    /// (rtol 1e-5, atol 1e-8), all as sklearn. Unlike sklearn, `classes` may be in any order
    /// (sklearn insists on sorted): the score is the same up to the order of the final mean.
    public static func rocAUCOneVsRest(yTrue: [String], yScore: [[Double]], classes: [String]? = nil) throws -> Double {
        let n = yTrue.count
        try checkNonEmpty(n)
        let classList: [String]
        let codes: [Int]
        if let classes {
            let index = try classIndex(classes)
            classList = classes
            codes = try yTrue.map { label in
                guard let code = index[CodePointKey(label)] else {
                    throw MetricError("yTrue contains \(quoted(label)), which is not among the classes")
                }
                return code
            }
        } else {
            let encoded = encodeStrings([yTrue])
            classList = encoded.classes
            codes = encoded.codes[0]
        }
        let k = classList.count
        guard yScore.count == k else {
            throw MetricError("\(k) classes but \(yScore.count) score columns")
        }
        guard k >= 3 else {
            throw MetricError("one-vs-rest ROC AUC needs at least three classes, got \(k); use rocAUC for two")
        }
        for j in 0..<k {
            guard yScore[j].count == n else {
                throw MetricError("score column \(j) has \(yScore[j].count) rows; expected \(n)")
            }
            try checkFinite(yScore[j], "yScore column \(j)")
        }
        // sklearn: np.allclose(1, y_score.sum(axis=1)).
        var row = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for j in 0..<k { row[j] = yScore[j][i] }
            let sum = numpySum(row)
            guard abs(1 - sum) <= 1e-8 + 1e-5 * abs(sum) else {
                throw MetricError("row \(i) of the scores sums to \(sum), not 1; one-vs-rest ROC AUC needs probabilities")
            }
        }
        var present = [Bool](repeating: false, count: k)
        for code in codes { present[code] = true }
        if let missing = present.firstIndex(of: false) {
            throw MetricError("class \(quoted(classList[missing])) never occurs in yTrue; its ROC AUC is undefined")
        }
        var aucs = [Double]()
        aucs.reserveCapacity(k)
        var scratch = AUCScratch()
        codes.withUnsafeBufferPointer { labels in
            for j in 0..<k {
                let auc = yScore[j].withUnsafeBufferPointer { scores in
                    scratch.auc(count: n, score: { scores[$0] }, isPositive: { labels[$0] == j })
                }
                aucs.append(auc)
            }
        }
        return numpySum(aucs) / Double(k)
    }

    // MARK: Accuracy

    /// Fraction of rows whose predicted label equals the true label, as `sklearn.metrics.accuracy_score`.
    ///
    /// Labels compare by code points (Python `==` on `str`).
    public static func accuracy(yTrue: [String], yPred: [String]) throws -> Double {
        try checkSameLength(yTrue.count, yPred.count, "yTrue", "yPred")
        try checkNonEmpty(yTrue.count)
        var correct = 0
        for i in 0..<yTrue.count where codePointsEqual(yTrue[i], yPred[i]) { correct += 1 }
        return Double(correct) / Double(yTrue.count)
    }

    // MARK: Log loss

    /// Multi-class log loss of a probability matrix, as `sklearn.metrics.log_loss(y_true, P,
    /// labels=classes, sample_weight=...)` in scikit-learn 1.5.1.
    ///
    /// `yPred[j]` is the probability column of `classes[j]`. Each probability is clipped to
    /// [eps, 1 - eps] with eps = `Double.ulpOfOne` (float64 machine epsilon). Why no row
    /// renormalization: scikit-learn 1.5 only *warns* when rows do not sum to one (older releases
    /// divided by the row sum), so an unnormalized row is scored as given. Rows are averaged with
    /// `np.average` (weighted when `sampleWeight` is given; a zero weight sum throws).
    /// A label outside `classes` throws (sklearn would silently score that row as 0).
    public static func logLoss(yTrue: [String], yPred: [[Double]], classes: [String],
                               sampleWeight: [Double]? = nil) throws -> Double {
        let n = yTrue.count
        try checkNonEmpty(n)
        let index = try classIndex(classes)
        guard classes.count >= 2 else {
            throw MetricError("log loss needs at least two classes, got \(classes.count)")
        }
        guard yPred.count == classes.count else {
            throw MetricError("\(classes.count) classes but \(yPred.count) probability columns")
        }
        for j in 0..<yPred.count {
            guard yPred[j].count == n else {
                throw MetricError("probability column \(j) has \(yPred[j].count) rows; expected \(n)")
            }
            try checkFinite(yPred[j], "yPred column \(j)")
        }
        if let sampleWeight { try checkWeights(sampleWeight, n) }
        // Each row's probability of its true class is all that enters the loss.
        let picked = try yTrue.indices.map { i -> Double in
            guard let j = index[CodePointKey(yTrue[i])] else {
                throw MetricError("yTrue contains \(quoted(yTrue[i])), which is not among the classes")
            }
            return yPred[j][i]
        }
        var losses = picked.map(trueClassLoss)
        return try numpyAverage(&losses, weights: sampleWeight)
    }

    /// Multi-class log loss from each row's predicted probability of its true class: the mean
    /// of -log(clip(p, eps, 1 - eps)), as sklearn computes it (the other classes' probabilities
    /// do not enter the loss; callers check them).
    public static func logLoss(trueClassProbabilities p: [Double], sampleWeight: [Double]? = nil) throws -> Double {
        try checkNonEmpty(p.count)
        try checkFinite(p, "yPred")
        if let sampleWeight { try checkWeights(sampleWeight, p.count) }
        var losses = p.map(trueClassLoss)
        return try numpyAverage(&losses, weights: sampleWeight)
    }

    /// One row's term of ``logLoss(trueClassProbabilities:sampleWeight:)``: -log(clip(p, eps, 1 - eps)).
    @inline(__always)
    static func trueClassLoss(_ p: Double) -> Double { -log(clipProbability(p)) }

    /// The mean of losses as numpy's `average` adds them (pairwise), for callers that worked
    /// out each row's ``trueClassLoss(_:)`` themselves (finite probabilities, at least one).
    static func meanLoss(_ losses: [Double]) -> Double { numpySum(losses) / Double(losses.count) }

    /// Binary log loss of positive-class probabilities, as `sklearn.metrics.log_loss(y_true, p,
    /// labels=labels, sample_weight=...)` in scikit-learn 1.5.1.
    ///
    /// `yPred[i]` is the probability of the larger of the two labels. The two labels are
    /// `labels` when given (use it when `yTrue` holds one class only), else the distinct values of
    /// `yTrue`, which must then be exactly two. Both columns `1 - p` and `p` are clipped to
    /// [eps, 1 - eps] with eps = float64 machine epsilon, as sklearn does; no renormalization.
    public static func logLoss(yTrue: [Int], yPred: [Double], labels: [Int]? = nil,
                               sampleWeight: [Double]? = nil) throws -> Double {
        let n = yTrue.count
        try checkSameLength(n, yPred.count, "yTrue", "yPred")
        try checkNonEmpty(n)
        try checkFinite(yPred, "yPred")
        if let sampleWeight { try checkWeights(sampleWeight, n) }
        let distinct = distinctValues([labels ?? yTrue], atMost: 3)
        guard distinct.count == 2 else {
            if distinct.count < 2 {
                throw MetricError(labels == nil
                    ? "yTrue contains only one label (\(distinct.first.map(String.init) ?? "none")); pass both labels"
                    : "labels must contain two distinct values, got \(distinct)")
            }
            throw MetricError("binary log loss needs two labels, got more (\(distinct) ...); use the multi-class form")
        }
        let negative = distinct[0], positive = distinct[1]
        var losses = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let label = yTrue[i]
            if label == positive {
                losses[i] = -log(clipProbability(yPred[i]))
            } else if label == negative {
                losses[i] = -log(clipProbability(1 - yPred[i]))
            } else {
                throw MetricError("yTrue contains \(label), which is not among the labels \(distinct)")
            }
        }
        return try numpyAverage(&losses, weights: sampleWeight)
    }

    // MARK: F1 and F-beta

    /// Micro-averaged F1 over string labels, as `f1_score(y_true, y_pred, average="micro")`.
    ///
    /// For single-label data this is 2·TP / (2·n), i.e. accuracy, computed the way sklearn does.
    public static func f1Micro(yTrue: [String], yPred: [String]) throws -> Double {
        let counts = try labelCounts(yTrue, yPred)
        let tp = counts.truePositives.reduce(0, +)
        let predicted = counts.predicted.reduce(0, +)
        let actual = counts.actual.reduce(0, +)
        return fScore(tp: tp, predicted: predicted, actual: actual, beta: 1)
    }

    /// Macro-averaged F1 over string labels, as `f1_score(y_true, y_pred, average="macro")`.
    ///
    /// Averages the per-label F1 over every label seen in either column (sorted by code point);
    /// a label that is never predicted scores 0 (sklearn's default `zero_division="warn"`).
    public static func f1Macro(yTrue: [String], yPred: [String]) throws -> Double {
        let counts = try labelCounts(yTrue, yPred)
        var scores = [Double]()
        scores.reserveCapacity(counts.truePositives.count)
        for c in 0..<counts.truePositives.count {
            scores.append(fScore(tp: counts.truePositives[c], predicted: counts.predicted[c],
                                 actual: counts.actual[c], beta: 1))
        }
        return numpySum(scores) / Double(scores.count)
    }

    /// Binary F-beta score of `posLabel`, as `fbeta_score(y_true, y_pred, beta=beta, pos_label=posLabel)`.
    ///
    /// At most two distinct labels may occur across both columns, and when two do, `posLabel`
    /// must be one of them (sklearn raises otherwise). `beta == 0` gives precision and
    /// `beta == .infinity` recall, as sklearn; an undefined score (no positives predicted nor
    /// present) is 0, sklearn's `zero_division="warn"` default.
    public static func fBeta(yTrue: [Int], yPred: [Int], beta: Double, posLabel: Int = 1) throws -> Double {
        try checkSameLength(yTrue.count, yPred.count, "yTrue", "yPred")
        try checkNonEmpty(yTrue.count)
        let present = distinctValues([yTrue, yPred], atMost: 3)
        try checkBinaryPositive(present.count, containsPositive: present.contains(posLabel), "\(posLabel)", "\(present)")
        var tp = 0, predicted = 0, actual = 0
        for i in 0..<yTrue.count {
            let isTrue = yTrue[i] == posLabel, isPred = yPred[i] == posLabel
            if isTrue { actual += 1 }
            if isPred { predicted += 1; if isTrue { tp += 1 } }
        }
        return try fBetaScore(tp: tp, predicted: predicted, actual: actual, beta: beta)
    }

    /// Binary F-beta score of `posLabel` over string labels; see `fBeta(yTrue:yPred:beta:posLabel:)`.
    public static func fBeta(yTrue: [String], yPred: [String], beta: Double, posLabel: String) throws -> Double {
        let encoded = try encodeStringPair(yTrue, yPred)
        let pos = encoded.classes.firstIndex { codePointsEqual($0, posLabel) }
        try checkBinaryPositive(encoded.classes.count, containsPositive: pos != nil, quoted(posLabel),
                                "\(encoded.classes.map(quoted))")
        var tp = 0, predicted = 0, actual = 0
        let p = pos ?? -1
        for i in 0..<yTrue.count {
            let isTrue = encoded.codes[0][i] == p, isPred = encoded.codes[1][i] == p
            if isTrue { actual += 1 }
            if isPred { predicted += 1; if isTrue { tp += 1 } }
        }
        return try fBetaScore(tp: tp, predicted: predicted, actual: actual, beta: beta)
    }

    // MARK: Matthews correlation coefficient

    /// Matthews correlation coefficient (multi-class R_K) of string labels, as
    /// `sklearn.metrics.matthews_corrcoef`; 0 when either column is constant, as sklearn.
    public static func matthewsCorrelation(yTrue: [String], yPred: [String]) throws -> Double {
        let encoded = try encodeStringPair(yTrue, yPred)
        return mcc(encoded.codes[0], encoded.codes[1], classCount: encoded.classes.count)
    }

    /// Matthews correlation coefficient of integer labels; see `matthewsCorrelation(yTrue:yPred:)`.
    public static func matthewsCorrelation(yTrue: [Int], yPred: [Int]) throws -> Double {
        try checkSameLength(yTrue.count, yPred.count, "yTrue", "yPred")
        try checkNonEmpty(yTrue.count)
        let encoded = encodeInts(yTrue, yPred)
        return mcc(encoded.codes[0], encoded.codes[1], classCount: encoded.classes.count)
    }

    // MARK: Quadratic weighted kappa

    /// Quadratic weighted Cohen's kappa, as `cohen_kappa_score(yTrue, yPred, weights="quadratic")`.
    ///
    /// Why label values do not matter, only their order: sklearn weights disagreement by the
    /// squared distance between the *indices* of the labels in the sorted union of both columns,
    /// so labels {0, 2, 7} weigh like {0, 1, 2}. Throws when only one label occurs (sklearn
    /// returns NaN there). With up to 1024 distinct labels the sums run in numpy's order; beyond,
    /// the expected-disagreement sum uses an O(k) moment formula (agrees to ~1e-15).
    public static func quadraticWeightedKappa(yTrue: [Int], yPred: [Int]) throws -> Double {
        try checkSameLength(yTrue.count, yPred.count, "yTrue", "yPred")
        try checkNonEmpty(yTrue.count)
        let encoded = encodeInts(yTrue, yPred)
        let k = encoded.classes.count
        guard k >= 2 else {
            throw MetricError("quadratic weighted kappa needs at least two distinct labels, got only \(encoded.classes[0])")
        }
        let a = encoded.codes[0], b = encoded.codes[1]
        let n = a.count
        // sum0 = column sums of the confusion matrix (yPred counts), sum1 = row sums (yTrue counts).
        var sum0 = [Int](repeating: 0, count: k), sum1 = [Int](repeating: 0, count: k)
        for i in 0..<n { sum1[a[i]] += 1; sum0[b[i]] += 1 }
        let total = Double(n)
        let observed: Double, expected: Double
        if k <= 1024 {
            var confusion = [Int](repeating: 0, count: k * k)
            for i in 0..<n { confusion[a[i] * k + b[i]] += 1 }
            var weightedObserved = 0
            var weightedExpected = [Double](repeating: 0, count: k * k)
            for i in 0..<k {
                for j in 0..<k {
                    let w = (i - j) * (i - j)
                    weightedObserved += w * confusion[i * k + j]
                    // np.outer(sum0, sum1) / np.sum(sum0), times the integer weight.
                    weightedExpected[i * k + j] = Double(w) * (Double(sum0[i] * sum1[j]) / total)
                }
            }
            observed = Double(weightedObserved)
            expected = numpySum(weightedExpected)
        } else {
            var disagreement = 0.0
            for i in 0..<n { let d = Double(a[i] - b[i]); disagreement += d * d }
            observed = disagreement
            // sum_ij (i-j)^2 s0_i s1_j / N = N * [(mean0 - mean1)^2 + var0 + var1], all terms >= 0.
            func moments(_ s: [Int]) -> (mean: Double, variance: Double) {
                var mean = 0.0
                for (i, c) in s.enumerated() { mean += Double(i) * Double(c) }
                mean /= total
                var variance = 0.0
                for (i, c) in s.enumerated() { let d = Double(i) - mean; variance += d * d * Double(c) }
                return (mean, variance / total)
            }
            let m0 = moments(sum0), m1 = moments(sum1)
            let dm = m0.mean - m1.mean
            expected = total * (dm * dm + m0.variance + m1.variance)
        }
        return 1 - observed / expected
    }

    // MARK: Label ranking average precision

    /// Label ranking average precision, as `sklearn.metrics.label_ranking_average_precision_score`.
    ///
    /// `yTrue[l]` / `yScore[l]` are label column `l`; a nonzero `yTrue` entry marks a relevant
    /// label and `yTrue` may hold at most two distinct values (sklearn's multilabel-indicator
    /// check). Rows with no relevant label, or only relevant labels, score 1. Ties rank at their
    /// maximum, as sklearn's `rankdata(..., "max")`. O(n · L log L) with no per-row allocation.
    public static func labelRankingAveragePrecision(yTrue: [[Int]], yScore: [[Double]]) throws -> Double {
        let labelCount = yTrue.count
        guard labelCount > 0 else { throw MetricError("no label columns") }
        try checkSameLength(labelCount, yScore.count, "yTrue columns", "yScore columns")
        let n = yTrue[0].count
        try checkNonEmpty(n)
        for l in 0..<labelCount {
            guard yTrue[l].count == n, yScore[l].count == n else {
                throw MetricError("label column \(l) has \(yTrue[l].count) labels and \(yScore[l].count) scores; expected \(n) rows")
            }
            try checkFinite(yScore[l], "yScore column \(l)")
        }
        let distinct = distinctValues(yTrue, atMost: 3)
        guard distinct.count <= 2 else {
            throw MetricError("yTrue must be a label indicator matrix with at most two distinct values, found \(distinct)")
        }
        var scores = [Double](repeating: 0, count: labelCount)     // the row, in column order
        var sortedAll = [Double](repeating: 0, count: labelCount)  // the row, ascending
        var sortedRelevant = [Double]()                            // relevant scores, ascending
        var ratios = [Double]()
        sortedRelevant.reserveCapacity(labelCount)
        ratios.reserveCapacity(labelCount)
        var out = 0.0
        for i in 0..<n {
            sortedRelevant.removeAll(keepingCapacity: true)
            for l in 0..<labelCount {
                let s = yScore[l][i]
                scores[l] = s
                sortedAll[l] = s
                if yTrue[l][i] != 0 { sortedRelevant.append(s) }
            }
            let relevant = sortedRelevant.count
            if relevant == 0 || relevant == labelCount {
                out += 1.0
                continue
            }
            sortedAll.sort()
            sortedRelevant.sort()
            ratios.removeAll(keepingCapacity: true)
            for l in 0..<labelCount where yTrue[l][i] != 0 {
                let s = scores[l]
                // rank = #{scores >= s} among all labels; L = the same among relevant labels.
                let rank = labelCount - lowerBound(sortedAll, s)
                let within = relevant - lowerBound(sortedRelevant, s)
                ratios.append(Double(within) / Double(rank))
            }
            out += numpySum(ratios) / Double(relevant)
        }
        return out / Double(n)
    }

    // MARK: Probabilistic F-beta (MLE-bench rsna-breast-cancer-detection)

    /// Probabilistic F-beta, as `pfbeta` in MLE-bench's rsna-breast-cancer-detection grader.
    ///
    /// Predictions are clipped to [0, 1] and summed in row order into probabilistic TP / FP
    /// counts; nonzero labels are positive. Throws where the grader divides by zero (all clipped
    /// predictions 0, or no positive label); returns 0 when precision or recall is 0.
    public static func probabilisticFBeta(labels: [Int], predictions: [Double], beta: Double = 1) throws -> Double {
        try checkSameLength(labels.count, predictions.count, "labels", "predictions")
        try checkNonEmpty(labels.count)
        guard !beta.isNaN else { throw MetricError("beta is NaN") }
        var positives = 0
        var ctp = 0.0, cfp = 0.0
        for i in 0..<labels.count {
            let raw = predictions[i]
            guard !raw.isNaN else { throw MetricError("predictions contain NaN at row \(i)") }
            let p = Swift.min(Swift.max(raw, 0), 1)
            if labels[i] != 0 { positives += 1; ctp += p } else { cfp += p }
        }
        guard ctp + cfp != 0 else { throw MetricError("all predictions are 0; probabilistic precision is undefined") }
        guard positives > 0 else { throw MetricError("labels contain no positive; probabilistic recall is undefined") }
        let betaSquared = beta * beta
        let precision = ctp / (ctp + cfp)
        let recall = ctp / Double(positives)
        guard precision > 0, recall > 0 else { return 0 }
        return (1 + betaSquared) * (precision * recall) / (betaSquared * precision + recall)
    }
}

// MARK: - Helpers (file-private: other metric files share this module)

/// A string hashed and compared by its UTF-8 bytes, i.e. by code points like Python's `str`.
private struct CodePointKey: Hashable {
    let value: String
    init(_ value: String) { self.value = value }
    static func == (a: CodePointKey, b: CodePointKey) -> Bool { codePointsEqual(a.value, b.value) }
    func hash(into hasher: inout Hasher) {
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil { Array(value.utf8).withUnsafeBytes { hasher.combine(bytes: $0) } }
    }
}

private func codePointsEqual(_ a: String, _ b: String) -> Bool {
    let fast = a.utf8.withContiguousStorageIfAvailable { pa in
        b.utf8.withContiguousStorageIfAvailable { pb in
            pa.count == pb.count && (pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0)
        }
    }
    if let fast, let result = fast { return result }
    return a.utf8.elementsEqual(b.utf8)
}

/// UTF-8 byte order, which is code-point order (Python's / numpy's string sort).
private func codePointsLess(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

private func quoted(_ s: String) -> String { "\"\(s)\"" }

/// Maps labels of several columns to dense codes 0..<k over their union, in sorted label order.
private func encode<T, K: Hashable>(_ columns: [[T]], key: (T) -> K, less: (T, T) -> Bool) -> (codes: [[Int]], classes: [T]) {
    var firstSeen = [K: Int]()
    var uniques = [T]()
    var codes = [[Int]]()
    for column in columns {
        var out = [Int](repeating: 0, count: column.count)
        for (i, value) in column.enumerated() {
            let k = key(value)
            if let code = firstSeen[k] { out[i] = code } else {
                firstSeen[k] = uniques.count
                out[i] = uniques.count
                uniques.append(value)
            }
        }
        codes.append(out)
    }
    let order = uniques.indices.sorted { less(uniques[$0], uniques[$1]) }
    var remap = [Int](repeating: 0, count: uniques.count)
    for (sortedIndex, original) in order.enumerated() { remap[original] = sortedIndex }
    for c in codes.indices { codes[c].withUnsafeMutableBufferPointer { buf in for i in buf.indices { buf[i] = remap[buf[i]] } } }
    return (codes, order.map { uniques[$0] })
}

private func encodeStrings(_ columns: [[String]]) -> (codes: [[Int]], classes: [String]) {
    encode(columns, key: CodePointKey.init, less: codePointsLess)
}

private func encodeInts(_ a: [Int], _ b: [Int]) -> (codes: [[Int]], classes: [Int]) {
    encode([a, b], key: { $0 }, less: <)
}

private func encodeStringPair(_ yTrue: [String], _ yPred: [String]) throws -> (codes: [[Int]], classes: [String]) {
    try checkSameLength(yTrue.count, yPred.count, "yTrue", "yPred")
    try checkNonEmpty(yTrue.count)
    return encodeStrings([yTrue, yPred])
}

/// Index of each class name; throws on duplicates.
private func classIndex(_ classes: [String]) throws -> [CodePointKey: Int] {
    var index = [CodePointKey: Int]()
    for (j, name) in classes.enumerated() {
        guard index.updateValue(j, forKey: CodePointKey(name)) == nil else {
            throw MetricError("class \(quoted(name)) is listed twice")
        }
    }
    return index
}

/// `np.sum` / `np.add.reduce` over a contiguous float64 array.
private func numpySum(_ values: [Double]) -> Double {
    values.withUnsafeBufferPointer { buf in
        buf.isEmpty ? 0 : numpyPairwiseSum(buf.count) { buf[$0] }
    }
}

/// `np.average(values, weights=weights)`; overwrites `values` with the weighted terms.
private func numpyAverage(_ values: inout [Double], weights: [Double]?) throws -> Double {
    guard let weights else { return numpySum(values) / Double(values.count) }
    let scale = numpySum(weights)
    guard scale != 0 else { throw MetricError("sample weights sum to zero") }
    for i in values.indices { values[i] *= weights[i] }
    return numpySum(values) / scale
}

/// np.clip(p, eps, 1 - eps) with eps = np.finfo(np.float64).eps.
private func clipProbability(_ p: Double) -> Double {
    let eps = Double.ulpOfOne
    return Swift.min(Swift.max(p, eps), 1 - eps)
}

private func checkSameLength(_ a: Int, _ b: Int, _ nameA: String, _ nameB: String) throws {
    guard a == b else { throw MetricError("\(nameA) has \(a) entries but \(nameB) has \(b)") }
}

private func checkNonEmpty(_ n: Int) throws {
    guard n > 0 else { throw MetricError("no rows to score") }
}

private func checkFinite(_ values: [Double], _ name: String) throws {
    for (i, v) in values.enumerated() where !v.isFinite {
        throw MetricError("\(name) contains \(v) at row \(i); values must be finite")
    }
}

private func checkWeights(_ weights: [Double], _ n: Int) throws {
    try checkSameLength(weights.count, n, "sampleWeight", "yTrue")
    try checkFinite(weights, "sampleWeight")
}

/// The positive class of a binary label column: the larger of exactly two distinct values.
private func binaryPositiveLabel(_ labels: [Int], _ name: String) throws -> Int {
    let distinct = distinctValues([labels], atMost: 3)
    guard distinct.count <= 2 else {
        throw MetricError("\(name) has more than two classes (\(distinct) ...); binary ROC AUC needs two")
    }
    guard distinct.count == 2 else { throw MetricError("only one class (\(distinct[0])) present in \(name); ROC AUC is undefined") }
    return distinct[1]
}

/// The sorted distinct values of the columns, stopping once `limit` are found: a linear scan
/// with no hashing, for the "is this binary?" checks.
private func distinctValues(_ columns: [[Int]], atMost limit: Int) -> [Int] {
    var seen = [Int]()
    seen.reserveCapacity(limit)
    outer: for column in columns {
        for v in column where !seen.contains(v) {
            seen.append(v)
            if seen.count == limit { break outer }
        }
    }
    return seen.sorted()
}

/// Reusable buffers for binary AUC: scores split by class, then sorted.
private struct AUCScratch {
    var positives = [Double]()
    var negatives = [Double]()

    /// Mann–Whitney AUC of the scores of rows `0 ..< count`, split by label.
    mutating func auc(count: Int, score: (Int) -> Double, isPositive: (Int) -> Bool) -> Double {
        positives.removeAll(keepingCapacity: true)
        negatives.removeAll(keepingCapacity: true)
        positives.reserveCapacity(count)
        negatives.reserveCapacity(count)
        for i in 0..<count {
            if isPositive(i) { positives.append(score(i)) } else { negatives.append(score(i)) }
        }
        return Metrics.rocAUC(positiveScores: &positives, negativeScores: &negatives)
    }
}

extension Metrics {
    /// Binary ROC AUC from the scores of the positive and of the negative rows (both non-empty,
    /// no NaN), which are sorted in place: the Mann–Whitney statistic, (pairs ranked right + half
    /// the tied pairs) / (P · N), counted exactly in integers. The same value as ``rocAUC(yTrue:yScore:)``.
    static func rocAUC(positiveScores positives: inout [Double], negativeScores negatives: inout [Double]) -> Double {
        RadixSort.sort(&positives, &negatives)
        var twiceU = 0  // 2 · (#neg below each positive) + #neg tied with it, summed over positives
        positives.withUnsafeBufferPointer { pos in
            negatives.withUnsafeBufferPointer { neg in
                var i = 0, below = 0
                while i < pos.count {
                    let v = pos[i]
                    var end = i + 1
                    while end < pos.count && pos[end] == v { end += 1 }
                    while below < neg.count && neg[below] < v { below += 1 }
                    var tiedEnd = below
                    while tiedEnd < neg.count && neg[tiedEnd] == v { tiedEnd += 1 }
                    twiceU += (end - i) * (2 * below + (tiedEnd - below))
                    i = end
                }
            }
        }
        return Double(twiceU) / (2 * Double(positives.count) * Double(negatives.count))
    }
}

/// Per-label TP, predicted and actual counts over the sorted union of labels.
private func labelCounts(_ yTrue: [String], _ yPred: [String]) throws -> (truePositives: [Int], predicted: [Int], actual: [Int]) {
    let encoded = try encodeStringPair(yTrue, yPred)
    let k = encoded.classes.count
    var tp = [Int](repeating: 0, count: k), predicted = tp, actual = tp
    let a = encoded.codes[0], b = encoded.codes[1]
    for i in 0..<a.count {
        actual[a[i]] += 1
        predicted[b[i]] += 1
        if a[i] == b[i] { tp[a[i]] += 1 }
    }
    return (tp, predicted, actual)
}

/// sklearn's F-beta from counts: (1 + β²)·tp / (β²·actual + predicted), 0 when the denominator is 0.
private func fScore(tp: Int, predicted: Int, actual: Int, beta: Double) -> Double {
    let beta2 = beta * beta
    let denominator = beta2 * Double(actual) + Double(predicted)
    return denominator == 0 ? 0 : (1 + beta2) * Double(tp) / denominator
}

private func fBetaScore(tp: Int, predicted: Int, actual: Int, beta: Double) throws -> Double {
    guard beta >= 0 else { throw MetricError("beta must be >= 0, got \(beta)") }
    if beta == .infinity { return actual == 0 ? 0 : Double(tp) / Double(actual) }
    if beta == 0 { return predicted == 0 ? 0 : Double(tp) / Double(predicted) }
    return fScore(tp: tp, predicted: predicted, actual: actual, beta: beta)
}

private func checkBinaryPositive(_ labelCount: Int, containsPositive: Bool, _ pos: String, _ present: String) throws {
    guard labelCount <= 2 else {
        throw MetricError("labels \(present) are multiclass; binary F-beta needs at most two")
    }
    guard containsPositive || labelCount < 2 else {
        throw MetricError("posLabel \(pos) is not a valid label; it should be one of \(present)")
    }
}

/// sklearn's matthews_corrcoef from dense codes, with its float64 operation order.
private func mcc(_ a: [Int], _ b: [Int], classCount k: Int) -> Double {
    var tSum = [Double](repeating: 0, count: k), pSum = tSum
    var correct = 0
    for i in 0..<a.count {
        tSum[a[i]] += 1
        pSum[b[i]] += 1
        if a[i] == b[i] { correct += 1 }
    }
    let samples = Double(a.count)
    var dotTP = 0.0, dotPP = 0.0, dotTT = 0.0  // exact: integer-valued and far below 2^53
    for c in 0..<k {
        dotTP += tSum[c] * pSum[c]
        dotPP += pSum[c] * pSum[c]
        dotTT += tSum[c] * tSum[c]
    }
    let covYtYp = Double(correct) * samples - dotTP
    let covYpYp = samples * samples - dotPP
    let covYtYt = samples * samples - dotTT
    if covYpYp * covYtYt == 0 { return 0 }
    return covYtYp / (covYtYt * covYpYp).squareRoot()
}

/// Index of the first element not less than `value` in an ascending array
/// (`np.searchsorted(sorted, value, side="left")`).
func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// scikit-learn's `_binary_clf_curve`: at each distinct score, highest first, the cumulative
/// true and false positives.
func binaryClfCurve(isPositive: [Bool], yScore: [Double]) -> (tps: [Double], fps: [Double]) {
    let n = yScore.count
    // Descending scores (a stable argsort reversed; order within ties does not change the
    // cumulative counts at the end of each tie group).
    let order = (0..<n).sorted { a, b in yScore[a] > yScore[b] || (yScore[a] == yScore[b] && a > b) }
    var tps = [Double](), fps = [Double]()
    var tp = 0.0
    for k in 0..<n {
        if isPositive[order[k]] { tp += 1 }
        // np.diff(y_score) != 0, plus the last index.
        if k == n - 1 || yScore[order[k + 1]] - yScore[order[k]] != 0 {
            tps.append(tp)
            fps.append(Double(1 + k) - tp)
        }
    }
    return (tps, fps)
}

/// scikit-learn 1.5.1's `average_precision_score` for binary labels (1 positive) with finite scores
/// and at least one positive: `precision_recall_curve` at each distinct score, highest first, then
/// `-np.sum(np.diff(recall) * precision[:-1])` over the reversed curve closed by (recall 0,
/// precision 1).
func binaryAveragePrecision(yTrue: [Int], yScore: [Double]) -> Double {
    let (tps, fps) = binaryClfCurve(isPositive: yTrue.map { $0 == 1 }, yScore: yScore)
    let total = tps[tps.count - 1]
    // Reversed curve: lowest threshold first, then the closing point.
    let precision = zip(tps, fps).reversed().map { $0 / ($0 + $1) } + [1]
    let recall = tps.reversed().map { $0 / total } + [0]
    return -numpyPairwiseSum(precision.count - 1) { (recall[$0 + 1] - recall[$0]) * precision[$0] }
}
