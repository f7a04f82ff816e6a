import Foundation
import Testing
import MLEGrading

/// One reference case of `Inputs/classification.json` (see scripts/vectors/metrics_classification.py).
/// Matrices are columns; `raises` marks inputs the reference rejects (or scores NaN).
private struct ClassificationVector: Decodable, Sendable {
    var yTrue: [Int]?
    var yTrueStr: [String]?
    var yTrueCols: [[Int]]?
    var yScore: [Double]?
    var yScoreCols: [[Double]]?
    var yPred: [Double]?
    var yPredInt: [Int]?
    var yPredStr: [String]?
    var yPredCols: [[Double]]?
    var classes: [String]?
    var labels: [Int]?
    var sampleWeight: [Double]?
    var beta: Double?
    var posLabel: Int?
    var posLabelStr: String?
    var expected: Double?
    var raises: Bool?
    var note: String?
}

private struct MissingField: Error, CustomStringConvertible {
    var name: String
    var description: String { "vector lacks field \(name)" }
}

private func need<T>(_ value: T?, _ name: String) throws -> T {
    guard let value else { throw MissingField(name: name) }
    return value
}

private func loadClassificationVectors() throws -> [String: [ClassificationVector]] {
    let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("Inputs/classification.json")
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode([String: [ClassificationVector]].self, from: Data(contentsOf: url))
}

/// Runs the Swift port of `metric` on one case.
private func score(_ metric: String, _ c: ClassificationVector) throws -> Double {
    switch metric {
    case "roc_auc":
        return try Metrics.rocAUC(yTrue: need(c.yTrue, "y_true"), yScore: need(c.yScore, "y_score"))
    case "roc_auc_column_mean":
        return try Metrics.rocAUCColumnMean(yTrue: need(c.yTrueCols, "y_true_cols"), yScore: need(c.yScoreCols, "y_score_cols"))
    case "roc_auc_ovr":
        return try Metrics.rocAUCOneVsRest(yTrue: need(c.yTrueStr, "y_true_str"), yScore: need(c.yScoreCols, "y_score_cols"),
                                           classes: c.classes)
    case "accuracy":
        return try Metrics.accuracy(yTrue: need(c.yTrueStr, "y_true_str"), yPred: need(c.yPredStr, "y_pred_str"))
    case "f1_micro":
        return try Metrics.f1Micro(yTrue: need(c.yTrueStr, "y_true_str"), yPred: need(c.yPredStr, "y_pred_str"))
    case "f1_macro":
        return try Metrics.f1Macro(yTrue: need(c.yTrueStr, "y_true_str"), yPred: need(c.yPredStr, "y_pred_str"))
    case "fbeta":
        if let posLabel = c.posLabelStr {
            return try Metrics.fBeta(yTrue: need(c.yTrueStr, "y_true_str"), yPred: need(c.yPredStr, "y_pred_str"),
                                     beta: need(c.beta, "beta"), posLabel: posLabel)
        }
        return try Metrics.fBeta(yTrue: need(c.yTrue, "y_true"), yPred: need(c.yPredInt, "y_pred_int"),
                                 beta: need(c.beta, "beta"), posLabel: need(c.posLabel, "pos_label"))
    case "mcc":
        if let yTrue = c.yTrueStr {
            return try Metrics.matthewsCorrelation(yTrue: yTrue, yPred: need(c.yPredStr, "y_pred_str"))
        }
        return try Metrics.matthewsCorrelation(yTrue: need(c.yTrue, "y_true"), yPred: need(c.yPredInt, "y_pred_int"))
    case "qwk":
        return try Metrics.quadraticWeightedKappa(yTrue: need(c.yTrue, "y_true"), yPred: need(c.yPredInt, "y_pred_int"))
    case "log_loss_multiclass":
        return try Metrics.logLoss(yTrue: need(c.yTrueStr, "y_true_str"), yPred: need(c.yPredCols, "y_pred_cols"),
                                   classes: need(c.classes, "classes"), sampleWeight: c.sampleWeight)
    case "log_loss_binary":
        return try Metrics.logLoss(yTrue: need(c.yTrue, "y_true"), yPred: need(c.yPred, "y_pred"),
                                   labels: c.labels, sampleWeight: c.sampleWeight)
    case "lrap":
        return try Metrics.labelRankingAveragePrecision(yTrue: need(c.yTrueCols, "y_true_cols"),
                                                        yScore: need(c.yScoreCols, "y_score_cols"))
    case "pfbeta":
        return try Metrics.probabilisticFBeta(labels: need(c.yTrue, "y_true"), predictions: need(c.yPred, "y_pred"),
                                              beta: need(c.beta, "beta"))
    default:
        throw MissingField(name: "metric \(metric)")
    }
}

/// Within 1e-9 relative of the reference (an expected 0 must come out exactly 0).
private func matches(_ actual: Double, _ expected: Double) -> Bool {
    actual == expected || abs(actual - expected) <= 1e-9 * abs(expected)
}

/// Checks every vector of `metric`; returns how many matched.
@discardableResult
private func checkVectors(_ metric: String) throws -> Int {
    let cases = try #require(try loadClassificationVectors()[metric], "no vectors for \(metric)")
    #expect(!cases.isEmpty)
    var passed = 0
    for (i, c) in cases.enumerated() {
        let label = "\(metric)[\(i)] \(c.note ?? "")"
        if c.raises == true {
            #expect(throws: MetricError.self, "\(label) should throw") { _ = try score(metric, c) }
            do { _ = try score(metric, c) } catch is MetricError { passed += 1 } catch {}
        } else {
            let expected = try #require(c.expected, "\(label) has no expected value")
            do {
                let actual = try score(metric, c)
                #expect(matches(actual, expected), "\(label): got \(actual), sklearn \(expected)")
                if matches(actual, expected) { passed += 1 }
            } catch {
                Issue.record("\(label) threw \(error); sklearn gives \(expected)")
            }
        }
    }
    #expect(passed == cases.count, "\(metric): \(passed) of \(cases.count) vectors match")
    return passed
}

@Suite("Classification metrics match scikit-learn and MLE-bench")
struct ClassificationMetricsTests {
    @Test("Binary ROC AUC matches roc_auc_score, ties included")
    func rocAUCVectors() throws { try checkVectors("roc_auc") }

    @Test("Column-wise mean ROC AUC matches MLE-bench's multi-target graders")
    func rocAUCColumnMeanVectors() throws { try checkVectors("roc_auc_column_mean") }

    @Test("One-vs-rest macro ROC AUC matches roc_auc_score(multi_class='ovr')")
    func rocAUCOneVsRestVectors() throws { try checkVectors("roc_auc_ovr") }

    @Test("Accuracy matches accuracy_score over string labels")
    func accuracyVectors() throws { try checkVectors("accuracy") }

    @Test("Micro F1 matches f1_score(average='micro')")
    func f1MicroVectors() throws { try checkVectors("f1_micro") }

    @Test("Macro F1 matches f1_score(average='macro')")
    func f1MacroVectors() throws { try checkVectors("f1_macro") }

    @Test("Binary F-beta matches fbeta_score, zero division included")
    func fBetaVectors() throws { try checkVectors("fbeta") }

    @Test("Matthews correlation matches matthews_corrcoef")
    func mccVectors() throws { try checkVectors("mcc") }

    @Test("Quadratic weighted kappa matches cohen_kappa_score(weights='quadratic')")
    func qwkVectors() throws { try checkVectors("qwk") }

    @Test("Multi-class log loss matches log_loss with labels and sample weights")
    func logLossMulticlassVectors() throws { try checkVectors("log_loss_multiclass") }

    @Test("Binary log loss matches log_loss, clipping at machine epsilon")
    func logLossBinaryVectors() throws { try checkVectors("log_loss_binary") }

    @Test("LRAP matches label_ranking_average_precision_score")
    func lrapVectors() throws { try checkVectors("lrap") }

    @Test("Probabilistic F-beta matches MLE-bench's pfbeta")
    func pfbetaVectors() throws { try checkVectors("pfbeta") }

    @Test("Non-finite scores and probabilities are rejected")
    func nonFiniteInputsThrow() {
        #expect(throws: MetricError.self) { try Metrics.rocAUC(yTrue: [0, 1], yScore: [0.1, .nan]) }
        #expect(throws: MetricError.self) { try Metrics.rocAUC(yTrue: [0, 1], yScore: [0.1, .infinity]) }
        #expect(throws: MetricError.self) {
            try Metrics.rocAUCColumnMean(yTrue: [[0, 1]], yScore: [[.nan, 0.2]])
        }
        #expect(throws: MetricError.self) {
            try Metrics.rocAUCOneVsRest(yTrue: ["a", "b", "c"], yScore: [[1, 0, 0], [0, 1, 0], [0, 0, .nan]])
        }
        #expect(throws: MetricError.self) {
            try Metrics.logLoss(yTrue: ["a", "b"], yPred: [[0.5, .nan], [0.5, 0.5]], classes: ["a", "b"])
        }
        #expect(throws: MetricError.self) { try Metrics.logLoss(yTrue: [0, 1], yPred: [0.5, .nan]) }
        #expect(throws: MetricError.self) {
            try Metrics.logLoss(yTrue: [0, 1], yPred: [0.5, 0.5], sampleWeight: [1, .nan])
        }
        #expect(throws: MetricError.self) {
            try Metrics.labelRankingAveragePrecision(yTrue: [[1, 0], [0, 1]], yScore: [[0.1, .nan], [0.2, 0.3]])
        }
        #expect(throws: MetricError.self) { try Metrics.probabilisticFBeta(labels: [1, 0], predictions: [.nan, 0.5]) }
    }

    @Test("Mismatched lengths, empty inputs and bad parameters are rejected")
    func malformedInputsThrow() {
        #expect(throws: MetricError.self) { try Metrics.rocAUC(yTrue: [0, 1, 1], yScore: [0.1, 0.2]) }
        #expect(throws: MetricError.self) { try Metrics.rocAUC(yTrue: [], yScore: []) }
        #expect(throws: MetricError.self) {
            try Metrics.rocAUCColumnMean(yTrue: [[0, 1], [0, 1, 1]], yScore: [[0.1, 0.2], [0.1, 0.2, 0.3]])
        }
        #expect(throws: MetricError.self) { try Metrics.rocAUCColumnMean(yTrue: [], yScore: []) }
        #expect(throws: MetricError.self) {
            try Metrics.rocAUCOneVsRest(yTrue: ["a", "b", "c"], yScore: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                                        classes: ["a", "b", "b"])
        }
        #expect(throws: MetricError.self) { try Metrics.accuracy(yTrue: [], yPred: []) }
        #expect(throws: MetricError.self) { try Metrics.f1Macro(yTrue: ["a"], yPred: ["a", "b"]) }
        #expect(throws: MetricError.self) { try Metrics.fBeta(yTrue: [0, 1], yPred: [0, 1], beta: -1) }
        #expect(throws: MetricError.self) { try Metrics.fBeta(yTrue: [0, 1], yPred: [0, 1], beta: .nan) }
        #expect(throws: MetricError.self) { try Metrics.matthewsCorrelation(yTrue: [1, 2], yPred: [1]) }
        #expect(throws: MetricError.self) { try Metrics.quadraticWeightedKappa(yTrue: [], yPred: []) }
        // A label outside the classes: sklearn silently scores the row 0; the port refuses.
        #expect(throws: MetricError.self) {
            try Metrics.logLoss(yTrue: ["a", "z"], yPred: [[0.5, 0.5], [0.5, 0.5]], classes: ["a", "b"])
        }
        #expect(throws: MetricError.self) { try Metrics.logLoss(yTrue: [0, 1, 5], yPred: [0.5, 0.5, 0.5], labels: [0, 1]) }
        #expect(throws: MetricError.self) {
            try Metrics.logLoss(yTrue: ["a", "b"], yPred: [[0.5, 0.5], [0.5, 0.5]], classes: ["a", "b"], sampleWeight: [1])
        }
        #expect(throws: MetricError.self) {
            try Metrics.labelRankingAveragePrecision(yTrue: [[1, 0]], yScore: [[0.1, 0.2], [0.3, 0.4]])
        }
        #expect(throws: MetricError.self) { try Metrics.probabilisticFBeta(labels: [1, 0, 1], predictions: [0.5, 0.5]) }
    }

    @Test("Metrics scale to large inputs", .timeLimit(.minutes(1)))
    func largeInputs() throws {
        // A seeded LCG: 200,000 rows is enough to expose a quadratic loop even in a debug build.
        let n = 200_000
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let labels = (0..<n).map { _ in next() < 0.3 ? 1 : 0 }
        let scores = labels.map { Double($0) * 0.2 + (next() * 1000).rounded() / 1000 }
        let auc = try Metrics.rocAUC(yTrue: labels, yScore: scores)
        #expect(auc > 0.5 && auc < 1)
        let names = ["alpha", "beta", "gamma", "delta"]
        let yTrue = (0..<n).map { _ in names[Int(next() * 4)] }
        let yPred = yTrue.map { next() < 0.6 ? $0 : names[Int(next() * 4)] }
        let accuracy = try Metrics.accuracy(yTrue: yTrue, yPred: yPred)
        #expect(try Metrics.f1Micro(yTrue: yTrue, yPred: yPred) == accuracy)
        #expect(try Metrics.f1Macro(yTrue: yTrue, yPred: yPred) > 0.5)
        #expect(try Metrics.matthewsCorrelation(yTrue: yTrue, yPred: yPred) > 0.4)
        let probabilities = (0..<4).map { j in yTrue.map { $0 == names[j] ? 0.7 : 0.1 } }
        #expect(try Metrics.logLoss(yTrue: yPred, yPred: probabilities, classes: names) > 0)
        #expect(try Metrics.rocAUCOneVsRest(yTrue: yPred, yScore: probabilities, classes: names) > 0.5)
        #expect(try Metrics.quadraticWeightedKappa(yTrue: labels, yPred: labels.map { next() < 0.8 ? $0 : 1 - $0 }) > 0)
        #expect(try Metrics.labelRankingAveragePrecision(yTrue: [labels, labels.map { 1 - $0 }],
                                                         yScore: [scores, scores.map { 1 - $0 }]) > 0.5)
        #expect(try Metrics.probabilisticFBeta(labels: labels, predictions: scores) > 0)
    }
}
