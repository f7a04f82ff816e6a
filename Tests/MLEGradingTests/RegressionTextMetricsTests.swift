import Foundation
import Testing
@testable import MLEGrading

// Reference vectors from scripts/vectors/metrics_regression_text.py (scikit-learn 1.5.1, SciPy,
// NumPy 1.26.4, pandas 2.2.2, Levenshtein, and oracles that follow MLE-bench's graders).

/// A JSON value. Decoded with JSONDecoder, whose number parsing is exact (JSONSerialization's on
/// Linux can be an ulp off, which matters for the KL rounding-boundary cases).
private enum JSON: Decodable, Sendable {
    case number(Double), string(String), bool(Bool), array([JSON]), object([String: JSON]), null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode([JSON].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    subscript(key: String) -> JSON? { if case .object(let o) = self { o[key] } else { nil } }
    var array: [JSON] { if case .array(let a) = self { a } else { [] } }
    /// Numbers, and "nan" / "inf" / "-inf" strings (JSON has neither).
    var double: Double {
        switch self {
        case .number(let v): v
        case .string(let s): Double(s) ?? .nan
        default: .nan
        }
    }
    var string: String { if case .string(let s) = self { s } else { "" } }
    var description: String {
        switch self {
        case .number(let v): "\(v)"
        case .string(let s): s
        default: "\(self)"
        }
    }
}

private enum RegressionTextVectors {
    typealias Case = JSON

    /// The JSON file, found through this file's real location so the tests also run from a
    /// package that links this file by symlink.
    static let all: JSON = {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("Inputs/regression_text.json")
        guard let data = try? Data(contentsOf: url), let json = try? JSONDecoder().decode(JSON.self, from: data)
        else { return .null }
        return json
    }()

    static func cases(_ metric: String) -> [Case] { all[metric]?.array ?? [] }

    static func doubles(_ value: JSON?) -> [Double] { (value?.array ?? []).map(\.double) }
    static func columns(_ value: JSON?) -> [[Double]] { (value?.array ?? []).map(doubles) }
    static func strings(_ value: JSON?) -> [String] { (value?.array ?? []).map(\.string) }
    static func stringRows(_ value: JSON?) -> [[String]] { (value?.array ?? []).map(strings) }
    static func ints(_ value: JSON?) -> [Int] { (value?.array ?? []).map { Int($0.double) } }
    static func intRows(_ value: JSON?) -> [[Int]] { (value?.array ?? []).map(ints) }
    static func int(_ value: JSON?) -> Int { value.map { Int($0.double) } ?? -1 }

    /// Checks every case of `metric`: the value to 1e-9 relative, NaN, or a thrown MetricError.
    /// Returns how many cases passed.
    @discardableResult
    static func check(_ metric: String, sourceLocation: SourceLocation = #_sourceLocation,
                      _ compute: (Case) throws(MetricError) -> Double) -> Int {
        let cases = cases(metric)
        #expect(!cases.isEmpty, "no vectors for \(metric)", sourceLocation: sourceLocation)
        var passed = 0
        for (index, c) in cases.enumerated() {
            let result: Result<Double, MetricError>
            do { result = .success(try compute(c)) } catch { result = .failure(error) }
            switch result {
            case .failure(let error):
                let ok = c["error"] != nil
                #expect(ok, "\(metric)[\(index)] threw \(error) but the reference gives \(c["expected"]?.description ?? "NaN")",
                        sourceLocation: sourceLocation)
                if ok { passed += 1 }
            case .success(let value):
                if let why = c["error"] {
                    Issue.record("\(metric)[\(index)] returned \(value) but the reference fails: \(why.description)",
                                 sourceLocation: sourceLocation)
                } else if c["expected_nan"] != nil {
                    #expect(value.isNaN, "\(metric)[\(index)] returned \(value), expected NaN", sourceLocation: sourceLocation)
                    if value.isNaN { passed += 1 }
                } else {
                    let expected = c["expected"]?.double ?? .nan
                    let ok = value == expected || abs(value - expected) <= 1e-9 * max(abs(value), abs(expected))
                    #expect(ok, "\(metric)[\(index)] returned \(value), expected \(expected)", sourceLocation: sourceLocation)
                    if ok { passed += 1 }
                }
            }
        }
        #expect(passed == cases.count, "\(metric): \(passed) of \(cases.count) cases match", sourceLocation: sourceLocation)
        return passed
    }
}

private typealias V = RegressionTextVectors

@Suite("Regression and text metrics")
struct RegressionTextMetricsTests {

    @Test("The reference vectors load, with every metric present")
    func vectorsLoad() {
        let metrics = ["rmse", "mae", "rmsle", "mcrmse", "mcrmsle", "pearson", "spearman", "ai4code_kendall_tau",
                       "levenshtein", "jaccard", "map_at_k", "map_at_k_int", "dice_global", "dice_mean", "kl_divergence"]
        for metric in metrics { #expect(!V.cases(metric).isEmpty, "missing \(metric)") }
        // JSON numbers must come back as the exact doubles Python wrote (the KL boundary cases need it).
        let probe = try? JSONDecoder().decode(JSON.self, from: Data("[0.9999950000000001, 1e-300, 0.1]".utf8))
        #expect(V.doubles(probe) == [0.9999950000000001, 1e-300, 0.1])
    }

    @Test("RMSE, MAE and RMSLE match scikit-learn")
    func regression() {
        V.check("rmse") { c throws(MetricError) in
            try Metrics.rootMeanSquaredError(yTrue: V.doubles(c["y_true"]), yPred: V.doubles(c["y_pred"]))
        }
        V.check("mae") { c throws(MetricError) in
            try Metrics.meanAbsoluteError(yTrue: V.doubles(c["y_true"]), yPred: V.doubles(c["y_pred"]))
        }
        V.check("rmsle") { c throws(MetricError) in
            try Metrics.rootMeanSquaredLogError(yTrue: V.doubles(c["y_true"]), yPred: V.doubles(c["y_pred"]))
        }
    }

    @Test("Column-wise RMSE and RMSLE match scikit-learn's uniform average over outputs")
    func columnwise() {
        V.check("mcrmse") { c throws(MetricError) in
            try Metrics.meanColumnwiseRootMeanSquaredError(yTrue: V.columns(c["y_true"]), yPred: V.columns(c["y_pred"]))
        }
        V.check("mcrmsle") { c throws(MetricError) in
            try Metrics.meanColumnwiseRootMeanSquaredLogError(yTrue: V.columns(c["y_true"]), yPred: V.columns(c["y_pred"]))
        }
    }

    @Test("Pearson and Spearman correlations match SciPy, ties included")
    func correlation() {
        V.check("pearson") { c throws(MetricError) in
            try Metrics.pearsonCorrelation(V.doubles(c["x"]), V.doubles(c["y"]))
        }
        V.check("spearman") { c throws(MetricError) in
            try Metrics.spearmanCorrelation(V.doubles(c["x"]), V.doubles(c["y"]))
        }
    }

    @Test("AI4Code's Kendall tau matches MLE-bench's grader")
    func kendallTau() {
        V.check("ai4code_kendall_tau") { c throws(MetricError) in
            try Metrics.ai4codeKendallTau(groundTruth: V.stringRows(c["ground_truth"]),
                                          predictions: V.stringRows(c["predictions"]))
        }
    }

    @Test("Mean Levenshtein distance matches the Levenshtein package")
    func levenshtein() {
        V.check("levenshtein") { c throws(MetricError) in
            try Metrics.meanLevenshteinDistance(yTrue: V.strings(c["y_true"]), yPred: V.strings(c["y_pred"]))
        }
    }

    @Test("Word Jaccard matches tweet-sentiment-extraction's grader, Unicode case rules included")
    func jaccard() {
        V.check("jaccard") { c throws(MetricError) in
            try Metrics.meanWordJaccard(predictions: V.strings(c["predictions"]), answers: V.strings(c["answers"]))
        }
    }

    @Test("MAP@k matches mlebench.metrics for string and integer items")
    func mapAtK() {
        V.check("map_at_k") { c throws(MetricError) in
            try Metrics.meanAveragePrecisionAtK(actual: V.stringRows(c["actual"]), predicted: V.stringRows(c["predicted"]),
                                                k: V.int(c["k"]))
        }
        V.check("map_at_k_int") { c throws(MetricError) in
            try Metrics.meanAveragePrecisionAtK(actual: V.intRows(c["actual"]), predicted: V.intRows(c["predicted"]),
                                                k: V.int(c["k"]))
        }
    }

    @Test("Dice over RLE masks matches MLE-bench's rle_decode and dice_coefficient")
    func dice() {
        V.check("dice_global") { c throws(MetricError) in
            try Metrics.diceCoefficientRLE(predicted: V.strings(c["predicted"]), truth: V.strings(c["truth"]),
                                           heights: V.ints(c["heights"]), widths: V.ints(c["widths"]))
        }
        V.check("dice_mean") { c throws(MetricError) in
            try Metrics.meanDiceCoefficientRLE(predicted: V.strings(c["predicted"]), truth: V.strings(c["truth"]),
                                               heights: V.ints(c["heights"]), widths: V.ints(c["widths"]))
        }
    }

    @Test("KL divergence matches the hms grader, clipping and row normalisation included")
    func klDivergence() {
        V.check("kl_divergence") { c throws(MetricError) in
            try Metrics.klDivergence(votes: V.columns(c["votes"]), predictions: V.columns(c["predictions"]))
        }
    }

    @Test("Invalid inputs throw a MetricError")
    func invalidInputs() {
        #expect(throws: MetricError.self) { try Metrics.rootMeanSquaredError(yTrue: [1, 2], yPred: [1]) }
        #expect(throws: MetricError.self) { try Metrics.meanAbsoluteError(yTrue: [.nan], yPred: [1]) }
        #expect(throws: MetricError.self) { try Metrics.rootMeanSquaredLogError(yTrue: [1, -1], yPred: [1, 1]) }
        #expect(throws: MetricError.self) { try Metrics.meanColumnwiseRootMeanSquaredError(yTrue: [], yPred: []) }
        #expect(throws: MetricError.self) { try Metrics.pearsonCorrelation([1, 1, 1], [1, 2, 3]) }
        #expect(throws: MetricError.self) { try Metrics.spearmanCorrelation([1, .nan], [1, 2]) }
        #expect(throws: MetricError.self) { try Metrics.ai4codeKendallTau(groundTruth: [["a", "b"]], predictions: [["a", "c"]]) }
        #expect(throws: MetricError.self) { try Metrics.meanLevenshteinDistance(yTrue: [], yPred: []) }
        #expect(throws: MetricError.self) { try Metrics.wordJaccard(" ", "") }
        #expect(throws: MetricError.self) { try Metrics.meanAveragePrecisionAtK(actual: [["a"]], predicted: [["a"]], k: 0) }
        #expect(throws: MetricError.self) {
            try Metrics.diceCoefficientRLE(predicted: ["1 2 2 2"], truth: [""], heights: [3], widths: [3])
        }
        #expect(throws: MetricError.self) {
            try Metrics.meanDiceCoefficientRLE(predicted: ["1 99999999999999999999"], truth: [""], heights: [3], widths: [3])
        }
        // NaN predictions throw here; the reference would quietly drop them from the row sums.
        #expect(throws: MetricError.self) {
            try Metrics.klDivergence(votes: [[1], [1], [0]], predictions: [[0.5], [0.5], [.nan]])
        }
    }

    @Test("Strings are compared by code points, as Python compares str")
    func codePoints() throws {
        #expect(Metrics.levenshteinDistance("é", "e\u{301}") == 2)
        #expect(try Metrics.wordJaccard("é", "e\u{301}") == 0)
        #expect(try Metrics.wordJaccard("ΟΔΟΣ", "οδος") == 1)  // final sigma
        #expect(try Metrics.wordJaccard("İ", "i\u{307}") == 1)  // full lowercase mapping
        #expect(try Metrics.meanAveragePrecisionAtK(actual: [["é"]], predicted: [["e\u{301}"]], k: 1) == 0)
    }

    @Test("Levenshtein agrees with the quadratic recurrence on seeded random strings")
    func levenshteinAgainstDP() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [Character] = ["a", "b", "c", "é", "😀"]
        func randomString() -> String {
            String((0..<next(200)).map { _ in alphabet[next(alphabet.count)] })
        }
        func reference(_ a: String, _ b: String) -> Int {
            let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
            var row = Array(0...y.count)
            for i in 1...max(x.count, 1) where !x.isEmpty {
                var diagonal = row[0]
                row[0] = i
                for j in 1...max(y.count, 1) where !y.isEmpty {
                    let up = row[j]
                    row[j] = min(up + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1))
                    diagonal = up
                }
            }
            return row[y.count]
        }
        for _ in 0..<150 {
            let a = randomString(), b = next(3) == 0 ? a + randomString() : randomString()
            #expect(Metrics.levenshteinDistance(a, b) == reference(a, b), "\(a) vs \(b)")
        }
    }

    @Test("Large inputs are scored without quadratic work", .timeLimit(.minutes(1)))
    func largeInputs() throws {
        let n = 200_000
        let t = (0..<n).map { Double($0 % 997) }, p = (0..<n).map { Double(($0 * 7) % 991) }
        #expect(try Metrics.rootMeanSquaredError(yTrue: t, yPred: p) > 0)
        #expect(try Metrics.spearmanCorrelation(t, p).isFinite)
        let cells = (0..<n).map { "c\($0)" }
        #expect(try Metrics.ai4codeKendallTau(groundTruth: [cells], predictions: [cells.reversed()]) == -1)
        let long = String(repeating: "InChI=1S/C10H16N2O2/c1-7(2)", count: 40)
        let rows = 2_000
        let d = try Metrics.meanLevenshteinDistance(yTrue: Array(repeating: long, count: rows),
                                                    yPred: Array(repeating: String(long.reversed()), count: rows))
        #expect(d > 0)
    }
}
