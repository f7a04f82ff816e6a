import Foundation
import MLESplits

// Graders for batch E's competitions, each checked against a transcription of its MLE-bench grade.py
// (scripts/vectors/grade_batch_e.py). Conventions as in MoreGraders.swift: what the reference rejects
// with an exception throws here; where it returns NaN, so do these.

extension GraderRegistry {
    /// Graders for a batch of competitions (see MLEGrading/README.md); nil when none applies.
    static func competitionGraderE(metric: String, parameters: [String: String]) -> (any CompetitionGrader)? {
        guard let variant = parameters["variant"] else { return nil }
        switch variant {
        case "hms-harmful-brain-activity-classification":
            return HMSKLDivergenceGrader()
        case "hubmap-kidney-segmentation":
            return HuBMAPMeanDiceGrader()
        case "google-research-identify-contrails-reduce-global-warming":
            return ContrailsGlobalDiceGrader()
        case "mlsp-2013-birds":
            // prepare_for_auroc_metric(id_col="Id", target_col="Probability") + roc_auc_score
            return BinaryAUCGrader(idColumn: parameters["id_column"] ?? "Id", targetColumn: parameters["target_column"] ?? "Probability")
        case "icecube-neutrinos-in-deep-ice":
            return IceCubeAngularErrorGrader()
        default:
            return nil
        }
    }
}

// MARK: - hms-harmful-brain-activity-classification

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

// MARK: - RLE masks

/// RLE cells as `rle_decode` takes them: text, or an empty cell turned into "" where the reference
/// fills NaN (`fillMissing`); anything else (a number, an unfilled NaN) is not a string.
private func batchERLEColumn(_ table: CSVTable, _ name: String, _ what: String, fillMissing: Bool) throws -> [String] {
    let cells = table.columnValues([try table.requireColumn(name, in: what)])[0]
    return try cells.enumerated().map { row, cell in
        switch cell {
        case .text(let s): return s
        case .missing where fillMissing: return ""
        case .double(let x) where x.isNaN && fillMissing: return ""
        default: throw SubmissionError("'\(name)' must hold RLE text, found '\(cell.csvText)' at row \(row + 1)")
        }
    }
}

/// An integer cell as Python's `int()` reads a pandas scalar (floats truncate; NaN is refused).
private func batchEInts(_ table: CSVTable, _ name: String) throws -> [Int] {
    try table.doubles(try table.requireColumn(name, in: "answers")).map { v in
        guard v.isFinite, abs(v) < 9.0e15 else { throw MetricError("answers' '\(name)' must be finite integers") }
        return Int(v.rounded(.towardZero))
    }
}

/// hubmap-kidney-segmentation: the mean over images of the Dice coefficient of the decoded masks
/// (1 when both are empty). The submission needs `id` and `predicted` (empty cells are empty masks),
/// as many rows as the answers and the same id set; rows pair by sorted id.
public struct HuBMAPMeanDiceGrader: CompetitionGrader {
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn("id")
        _ = try submission.requireColumn("predicted")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: "id")
        let preds = try batchERLEColumn(submission, "predicted", "submission", fillMissing: true)
        let truth = try batchERLEColumn(answers, "encoding", "answers", fillMissing: false)
        let heights = try batchEInts(answers, "height_pixels"), widths = try batchEInts(answers, "width_pixels")
        // A malformed RLE string throws MetricError, as rle_decode's assertions fail.
        return try Metrics.meanDiceCoefficientRLE(
            predicted: so.map { preds[$0] }, truth: ao.map { truth[$0] },
            heights: ao.map { heights[$0] }, widths: ao.map { widths[$0] }, bothEmptyValue: 1.0)
    }
}

/// google-research-identify-contrails-reduce-global-warming: the global Dice coefficient over all
/// decoded pixels (NaN, so invalid here, when no mask has one). Cells that are exactly "-" are empty
/// masks; an empty cell is not a string, so it is invalid. The submission needs `record_id` and
/// `encoded_pixels` and as many rows as the answers; sorted ids must match the answers'.
public struct ContrailsGlobalDiceGrader: CompetitionGrader {
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        guard Set(answers.columnNames) == ["record_id", "encoded_pixels", "height", "width"] else {
            throw MetricError("the answers' columns are not record_id, encoded_pixels, height and width")
        }
        _ = try submission.requireColumn("record_id")
        _ = try submission.requireColumn("encoded_pixels")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: "record_id")
        let dash: (String) -> String = { $0 == "-" ? "" : $0 }
        let preds = try batchERLEColumn(submission, "encoded_pixels", "submission", fillMissing: false).map(dash)
        let truth = try batchERLEColumn(answers, "encoded_pixels", "answers", fillMissing: false).map(dash)
        let heights = try batchEInts(answers, "height"), widths = try batchEInts(answers, "width")
        let d = try Metrics.diceCoefficientRLE(
            predicted: so.map { preds[$0] }, truth: ao.map { truth[$0] },
            heights: ao.map { heights[$0] }, widths: ao.map { widths[$0] })
        return d   // NaN when no mask has a pixel, as the reference's 0/0
    }
}

// MARK: - icecube-neutrinos-in-deep-ice

/// icecube-neutrinos-in-deep-ice: the mean angle (radians) between the true and predicted directions,
/// `arccos` of the clipped scalar product of the unit vectors. The submission holds exactly
/// `event_id`, `azimuth` and `zenith`, the angles finite numbers (a boolean column is not a number
/// to NumPy), as many rows as the answers and the same id set; rows pair by sorted id.
public struct IceCubeAngularErrorGrader: CompetitionGrader {
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let columns: Set<String> = ["azimuth", "zenith", "event_id"]
        guard Set(submission.columnNames) == columns, submission.columnCount == 3 else {
            throw SubmissionError("the submission must have exactly the columns event_id, azimuth and zenith")
        }
        func angles(_ table: CSVTable, _ name: String, _ what: String) throws -> [Double] {
            let cells = table.columnValues([try table.requireColumn(name, in: what)])[0]
            if cells.contains(where: { if case .bool = $0 { return true }; return false }) {
                throw SubmissionError("'\(name)' must be a number")
            }
            let values = try CSVTable.numbers(cells, name: name, allowMissing: true)
            guard values.allSatisfy(\.isFinite) else { throw SubmissionError("'\(name)' must be finite, not NaN or empty") }
            return values
        }
        let azP = try angles(submission, "azimuth", "submission"), zeP = try angles(submission, "zenith", "submission")
        guard Set(answers.columnNames) == columns else { throw MetricError("the answers' columns are not event_id, azimuth and zenith") }
        let azT = try angles(answers, "azimuth", "answers"), zeT = try angles(answers, "zenith", "answers")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: "event_id")
        guard !so.isEmpty else { throw SubmissionError("no rows to score") }
        let distances = zip(so, ao).map { s, a -> Double in
            let sa1 = sin(azT[a]), ca1 = cos(azT[a]), sz1 = sin(zeT[a]), cz1 = cos(zeT[a])
            let sa2 = sin(azP[s]), ca2 = cos(azP[s]), sz2 = sin(zeP[s]), cz2 = cos(zeP[s])
            let product = sz1 * sz2 * (ca1 * ca2 + sa1 * sa2) + (cz1 * cz2)
            return abs(acos(min(max(product, -1), 1)))
        }
        return numpyMean(distances)
    }
}

// MARK: - Helpers

