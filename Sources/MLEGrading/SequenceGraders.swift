import Foundation
import MLETable

// Graders of predicted sequences (of characters or of gesture ids): edit distances.

/// billion-word-imputation (cells must be text: `Levenshtein.distance` fails on numbers and NaN) and
/// bms-molecular-translation (`astype(str)` first: NaN is "nan", numbers their repr): the mean
/// Levenshtein distance after sorting both by id and requiring equal id sequences.
public struct SortedIDLevenshteinGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var stringify: Bool

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (st, at, so, ao) = try pairedTarget(submission, answers, id: idColumn, target: targetColumn,
                                                checking: [.sameRowCount, .submissionID, .submissionTarget, .answersTarget])
        let preds: [String], truth: [String]
        if stringify {
            preds = astypeStr(submission.columnValues([st])[0])
            truth = astypeStr(answers.columnValues([at])[0])
        } else {
            preds = try strictText(submission.columnValues([st])[0], name: targetColumn)
            truth = try strictText(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        }
        return try Metrics.meanLevenshteinDistance(yTrue: ao.map { truth[$0] }, yPred: so.map { preds[$0] })
    }
}

/// multi-modal-gesture-recognition: the sum over rows (sorted by Id) of the Levenshtein distance
/// between gesture sequences (`astype(str)`, whitespace-split, `int()` each token), divided by the
/// number of gestures in the answers.
public struct GestureEditDistanceGrader: CompetitionGrader {

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        _ = try submission.requireColumn("Id")
        let st = try submission.requireColumn("Sequence")
        let at = try answers.requireColumn("Sequence", in: "answers")
        let (so, ao) = try alignByID(submission, answers, id: "Id")
        let truthText = answers.columnValues([at])[0].map(pythonStr), predText = submission.columnValues([st])[0].map(pythonStr)
        var distances = 0, gestures = 0
        for (s, a) in zip(so, ao) {
            guard let t = pythonIntTokens(truthText[a]) else { throw MetricError("answers sequence '\(truthText[a])' is not integers") }
            guard let p = pythonIntTokens(predText[s]) else {
                throw SubmissionError("sequences must be integers separated by spaces, found '\(predText[s].prefix(40))'")
            }
            distances += levenshtein(t, p)
            gestures += t.count
        }
        guard gestures > 0 else { throw MetricError("the answers hold no gestures") }
        return Double(distances) / Double(gestures)
    }

    private func levenshtein(_ a: [Int], _ b: [Int]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
