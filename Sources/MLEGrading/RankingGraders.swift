import Foundation
import MLETable

// Graders of ranked lists: mean average precision at k, and Kendall tau of orderings.

/// hotel-id-2021-fgvc8: `mean_average_precision_at_k(k=5)` after sorting by id; the id sets and
/// row counts must be equal. Both columns are `astype(str).str.split(" ")` (single spaces: "a  b"
/// holds an empty item); the answers' items form a set.
public struct SpaceListMAPGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var k: Int

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (st, at, so, ao) = try pairedTarget(submission, answers, id: idColumn, target: targetColumn,
                                                checking: [.submissionID, .submissionTarget, .answersTarget, .sameRowCount])
        let preds = astypeStr(submission.columnValues([st])[0]), truth = astypeStr(answers.columnValues([at])[0])
        func items(_ s: String) -> [String] { s.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
        return try Metrics.meanAveragePrecisionAtK(actual: ao.map { items(truth[$0]) }, predicted: so.map { items(preds[$0]) }, k: k)
    }
}

/// whale-categorization-playground: MAP@5 with the answers' `Id` as a set of " "-split labels and
/// the submission's `Id` split on single spaces (`astype(str)` first), rows sorted by Image. The
/// submission's columns must be exactly Image and Id.
public struct WhaleMAP5Grader: CompetitionGrader {

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        guard Set(submission.columnNames) == ["Image", "Id"] else {
            throw SubmissionError("expected exactly the columns Image and Id")
        }
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: "Image")
        let preds = submission.columnValues([try submission.requireColumn("Id")])[0].map(pythonStr)
        let truth = answers.columnValues([try answers.requireColumn("Id", in: "answers")])[0].map(pythonStr)
        func split(_ s: String) -> [String] { s.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
        return try Metrics.meanAveragePrecisionAtK(actual: ao.map { split(truth[$0]) }, predicted: so.map { split(preds[$0]) }, k: 5)
    }
}

/// h-and-m-personalized-fashion-recommendations: MAP@12 over the answers' customers. The submission
/// holds exactly `customer_id` and `prediction`; its ids must include every answer id, and rows of
/// other customers are dropped. Both `prediction` columns are `astype(str).split(" ")`, the answers'
/// items forming a set; rows pair by sorted id, so a repeated customer is a length mismatch.
public struct HMRecommendationsMAPGrader: CompetitionGrader {

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let id = "customer_id", target = "prediction"
        guard Set(submission.columnNames) == [id, target] else {
            throw SubmissionError("the submission must have exactly the columns '\(id)' and '\(target)'")
        }
        let sid = try submission.requireColumn(id), st = try submission.requireColumn(target)
        let aid = try answers.requireColumn(id, in: "answers"), at = try answers.requireColumn(target, in: "answers")
        let aKeys = answers.idKeys(aid), sKeys = submission.idKeys(sid)
        var answerRow = [String: Int](minimumCapacity: aKeys.count)
        for (r, k) in aKeys.enumerated() where answerRow[k] == nil { answerRow[k] = r }
        let present = Set(sKeys)
        if let absent = aKeys.first(where: { !present.contains($0) }) {
            throw SubmissionError("the submission has no row for the customer '\(absent.dropFirst(2).prefix(40))'")
        }
        let kept = sKeys.indices.filter { answerRow[sKeys[$0]] != nil }
        guard kept.count == answers.rowCount, answerRow.count == answers.rowCount else {
            throw SubmissionError("the submission has \(kept.count) rows for the answers' \(answers.rowCount) customers")
        }
        let preds = submission.columnValues([st])[0].map(pythonStr), truth = answers.columnValues([at])[0].map(pythonStr)
        func items(_ s: String) -> [String] { s.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
        return try Metrics.meanAveragePrecisionAtK(
            actual: kept.map { items(truth[answerRow[sKeys[$0]]!]) }, predicted: kept.map { items(preds[$0]) }, k: 12)
    }
}

/// AI4Code: the competition's Kendall tau over `cell_order` (`astype(str)`, space-separated cell
/// ids) after sorting by id. The id sets and row counts must be equal, and each notebook's two
/// orders the same length. As in the reference, the *submission's* order serves as the ground
/// truth and the answers' as the prediction (Kendall tau is symmetric for permutations).
public struct CellOrderKendallTauGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (st, at, so, ao) = try pairedTarget(submission, answers, id: idColumn, target: targetColumn,
                                                checking: [.sameRowCount, .submissionID, .submissionTarget, .answersTarget])
        let preds = astypeStr(submission.columnValues([st])[0]), truth = astypeStr(answers.columnValues([at])[0])
        var gt = [[String]](), pred = [[String]]()
        gt.reserveCapacity(so.count)
        pred.reserveCapacity(so.count)
        for (s, a) in zip(so, ao) {
            let g = pythonSplit(preds[s]).map(String.init), p = pythonSplit(truth[a]).map(String.init)
            guard g.count == p.count else {
                throw SubmissionError("row \(s + 1) orders \(g.count) cells; the notebook has \(p.count)")
            }
            gt.append(g)
            pred.append(p)
        }
        return try Metrics.ai4codeKendallTau(groundTruth: gt, predictions: pred)
    }
}
