import Foundation
import MLESplits

// Graders for batch G's competitions, each checked against a transcription of its MLE-bench grade.py
// (scripts/vectors/grade_batch_g.py). Conventions as in MoreGraders.swift: what the reference rejects
// with an exception throws here; where it returns NaN, so do these.

extension GraderRegistry {
    /// Graders for a batch of competitions (see MLEGrading/README.md); nil when none applies.
    static func competitionGraderG(metric: String, parameters: [String: String]) -> (any CompetitionGrader)? {
        guard let variant = parameters["variant"] else { return nil }
        switch variant {
        case "alaska2-image-steganalysis":
            return Alaska2WeightedAUCGrader(idColumn: parameters["id_column"] ?? "Id",
                                            targetColumn: parameters["target_column"] ?? "Label")
        default:
            return nil
        }
    }
}

// MARK: - alaska2-image-steganalysis

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
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        let sc = try submission.requireColumn(idColumn)
        let sl = try submission.requireColumn(targetColumn)
        _ = sc
        let ac = try answers.requireColumn(targetColumn, in: "answers")
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
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
