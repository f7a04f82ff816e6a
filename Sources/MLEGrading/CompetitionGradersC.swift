import Foundation
import MLESplits

// Graders for a batch of competitions whose MLE-bench grade.py can be reproduced exactly with
// `Metrics.*` and small helpers (tested against scripts/vectors/grade_batch_c.py). Conventions as
// in MoreGraders.swift: what the reference rejects with an exception throws here; where it returns
// NaN, so do these.

extension GraderRegistry {
    /// Graders for a batch of competitions (see MLEGrading/README.md); nil when none applies.
    static func competitionGraderC(metric: String, parameters: [String: String]) -> (any CompetitionGrader)? {
        guard let variant = parameters["variant"] else { return nil }
        switch variant {
        // prepare_for_auroc_metric + roc_auc_score
        case "random-acts-of-pizza":
            return BinaryAUCGrader(idColumn: "request_id", targetColumn: "requester_received_pizza")
        case "rsna-miccai-brain-tumor-radiogenomic-classification":
            return BinaryAUCGrader(idColumn: "BraTS21ID", targetColumn: "MGMT_value")
        case "seti-breakthrough-listen":
            return BinaryAUCGrader(idColumn: "id", targetColumn: "target")
        case "siim-isic-melanoma-classification":
            return BinaryAUCGrader(idColumn: "image_name", targetColumn: "target")
        case "the-icml-2013-whale-challenge-right-whale-redux":
            return BinaryAUCGrader(idColumn: "clip", targetColumn: "probability")
        case "ranzcr-clip-catheter-line-classification":
            return PerColumnAUCGrader(idColumn: "StudyInstanceUID", targetColumns: RanzcrClasses.all, exactColumns: false, probabilities: true)
        case "plant-pathology-2020-fgvc7":
            return PerColumnAUCGrader(idColumn: "image_id", targetColumns: ["healthy", "multiple_diseases", "rust", "scab"],
                                      exactColumns: true, probabilities: false)
        // accuracy / F1 / MCC
        case "paddy-disease-classification":
            return ClassLabelAccuracyGrader(idColumn: "image_id", targetColumn: "label", fillMissingWithEmpty: true)
        case "tensorflow-speech-recognition-challenge":
            return ClassLabelAccuracyGrader(idColumn: "fname", targetColumn: "label")
        case "text-normalization-challenge-english-language", "text-normalization-challenge-russian-language":
            return StringifiedAccuracyGrader(idColumn: "id", targetColumn: "after")
        case "plant-seedlings-classification":
            return TextLabelMicroF1Grader(idColumn: "file", targetColumn: "species")
        case "nfl-player-contact-detection":
            return MatthewsGrader(idColumn: "contact_id", targetColumn: "contact")
        // log losses and probabilistic F1
        case "statoil-iceberg-classifier-challenge":
            return BinaryLogLossGrader(idColumn: "id", targetColumn: "is_iceberg")
        case "rsna-2022-cervical-spine-fracture-detection":
            return CervicalSpineWeightedLogLossGrader()
        case "rsna-breast-cancer-detection":
            return ProbabilisticF1Grader(idColumn: "prediction_id", targetColumn: "cancer")
        // regression
        case "petfinder-pawpularity-score":
            return BoundedRMSEGrader(idColumn: "Id", targetColumn: "Pawpularity", bounds: 1...100)
        case "ventilator-pressure-prediction":
            return MaskedMAEGrader(idColumn: "id", targetColumn: "pressure", maskColumn: "u_out")
        case "stanford-covid-vaccine":
            return OpenVaccineMCRMSEGrader()
        case "osic-pulmonary-fibrosis-progression":
            return LaplaceLogLikelihoodGrader()
        // sequences, ranking, masks
        case "multi-modal-gesture-recognition":
            return GestureEditDistanceGrader()
        case "whale-categorization-playground":
            return WhaleMAP5Grader()
        case "tgs-salt-identification-challenge":
            return SaltIoUGrader()
        default:
            return nil
        }
    }
}

enum RanzcrClasses {
    static let all = [
        "ETT - Abnormal", "ETT - Borderline", "ETT - Normal", "NGT - Abnormal", "NGT - Borderline",
        "NGT - Incompletely Imaged", "NGT - Normal", "CVC - Abnormal", "CVC - Borderline", "CVC - Normal",
        "Swan Ganz Catheter Present",
    ]
}

// MARK: - Classification

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

/// text-normalization-challenge-{english,russian}-language: `accuracy_score` after `astype(str)`
/// of both label columns (an empty cell is "nan", 1.0 is "1.0"), rows sorted by id.
public struct StringifiedAccuracyGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try answers.requireColumn(targetColumn, in: "answers")
        try requireSameRowCount(submission, answers)
        _ = try submission.requireColumn(targetColumn)
        _ = try submission.requireColumn(idColumn)
        let (preds, truth) = try alignedCells(submission, answers, id: idColumn, column: targetColumn)
        return try Metrics.accuracy(yTrue: truth.map(pythonStr), yPred: preds.map(pythonStr))
    }
}

/// plant-seedlings-classification: `f1_score(average="micro")` over labels sorted by file, passed
/// as lists. NumPy turns a list holding any text into strings (an empty cell becomes "nan", 1.5
/// "1.5"); a column without text is numeric against text answers, which scikit-learn rejects.
public struct TextLabelMicroF1Grader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        _ = try submission.requireColumn(targetColumn)
        _ = try answers.requireColumn(targetColumn, in: "answers")
        try requireSameRowCount(submission, answers)
        let (predCells, truthCells) = try alignedCells(submission, answers, id: idColumn, column: targetColumn)
        func text(_ cells: [CSVTable.Value], _ name: String) throws -> [String] {
            guard cells.contains(where: { if case .text = $0 { return true }; return false }) else {
                throw SubmissionError("column '\(name)' must hold text labels")
            }
            return cells.map(pythonStr)
        }
        let preds = try text(predCells, targetColumn)
        let truth = try text(truthCells, "answers' \(targetColumn)")
        return try Metrics.f1Micro(yTrue: truth, yPred: preds)
    }
}

/// nfl-player-contact-detection: `matthews_corrcoef` of integral labels after sorting by id.
public struct MatthewsGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let st = try submission.requireColumn(targetColumn)
        _ = try submission.requireColumn(idColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let preds = try integralLabels(submission.columnValues([st])[0], name: targetColumn)
        let truth = try integralLabels(answers.columnValues([at])[0], name: "answers' \(targetColumn)")
        guard preds.allSatisfy({ abs($0) < 1e15 }) else { throw SubmissionError("'\(targetColumn)' holds a label out of range") }
        return try Metrics.matthewsCorrelation(yTrue: ao.map { Int(truth[$0]) }, yPred: so.map { Int(preds[$0]) })
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
        if let bad = p.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw SubmissionError("'\(targetColumn)' must hold probabilities in [0, 1], found \(bad)")
        }
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

/// rsna-breast-cancer-detection: MLE-bench's `pfbeta(beta=1)` after sorting by id. As in the
/// reference, a NaN prediction or all-zero predictions give 0 (NumPy's 0/0 is NaN, and NaN > 0
/// is false); answers without a positive would give NaN and throw here.
public struct ProbabilisticF1Grader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var predictsProbabilities: Bool { true }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
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

// MARK: - Regression

/// RMSE of the value column after sorting both by id and requiring equal id sequences; values must
/// be numeric and finite. petfinder-pawpularity-score also requires every prediction within
/// `bounds`; denoising-dirty-documents has none.
public struct BoundedRMSEGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var bounds: ClosedRange<Double>? = nil
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let preds = try submission.doubles(st)
        if let bounds, let bad = preds.first(where: { !bounds.contains($0) }) {
            throw SubmissionError("'\(targetColumn)' must lie in [\(bounds.lowerBound), \(bounds.upperBound)], found \(bad)")
        }
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let truth = try answers.doubles(at)
        return try Metrics.rootMeanSquaredError(yTrue: ao.map { truth[$0] }, yPred: so.map { preds[$0] })
    }
}

/// ventilator-pressure-prediction: MAE by id over the rows whose answers have `u_out == 0`; the
/// other rows' predictions are not read.
public struct MaskedMAEGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var maskColumn: String
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn(idColumn)
        let st = try submission.requireColumn(targetColumn)
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: idColumn)
        let truth = try answers.doubles(try answers.requireColumn(targetColumn, in: "answers"))
        let mask = try answers.doubles(try answers.requireColumn(maskColumn, in: "answers"), allowMissing: true)
        let cells = submission.columnValues([st])[0]
        var yTrue = [Double](), yPred = [Double]()
        for (s, a) in zip(so, ao) where mask[a] == 0 {
            yTrue.append(truth[a])
            yPred.append(try numericCell(cells[s], name: targetColumn))
        }
        return try Metrics.meanAbsoluteError(yTrue: yTrue, yPred: yPred)
    }
}

/// stanford-covid-vaccine: the mean of the RMSEs of reactivity, deg_Mg_pH10 and deg_Mg_50C over
/// the rows the answers `keep`.
///
/// As the reference indexes the id-sorted submission with the answers' `keep` Series, pandas
/// aligns that mask by row label: submission row *i of the file* is kept when answers row *i of
/// the file* is. The kept rows, in id order, are paired with the kept answers in id order. (With
/// a submission in the answers' row order this is the intended pairing.)
public struct OpenVaccineMCRMSEGrader: CompetitionGrader {
    static let targets = ["reactivity", "deg_Mg_pH10", "deg_Mg_50C"]
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        let sc = try (["id_seqpos"] + Self.targets + ["deg_pH10", "deg_50C"]).map { try submission.requireColumn($0) }
        let (so, ao) = try alignByID(submission, answers, id: "id_seqpos")
        // alignByID pairs in submission order; re-sort both sides by id to get pandas' sorted frames.
        let sortedSub = try submission.sortOrder(sc[0])
        let sortedAns = try answers.sortOrder(try answers.requireColumn("id_seqpos", in: "answers"))
        _ = (so, ao)
        let keepCells = answers.columnValues([try answers.requireColumn("keep", in: "answers")])[0]
        let keep = try keepCells.map { cell -> Bool in
            switch cell {
            case .bool(let b): return b
            case .int(let v): return v != 0
            case .uint(let v): return v != 0
            default: throw MetricError("answers' keep must be boolean")
            }
        }
        let subRows = sortedSub.filter { keep[$0] }  // label alignment: file row i uses keep[i]
        let ansRows = sortedAns.filter { keep[$0] }
        var errors = [Double]()
        for (j, t) in Self.targets.enumerated() {
            let cells = submission.columnValues([sc[j + 1]])[0]
            let truth = try answers.doubles(try answers.requireColumn(t, in: "answers"))
            let pred = try subRows.map { try numericCell(cells[$0], name: t) }
            errors.append(try Metrics.rootMeanSquaredError(yTrue: ansRows.map { truth[$0] }, yPred: pred))
        }
        return numpyMean(errors)
    }
}

/// osic-pulmonary-fibrosis-progression: the modified Laplace log likelihood over each patient's
/// three latest weeks in the answers (rows with FVC), `Confidence` NaN counting as 0, sd clipped
/// at 70 and the error at 1000. Every submitted `Patient_Week` must exist in the answers; rows
/// pair in Patient_Week order among those present on both sides.
public struct LaplaceLogLikelihoodGrader: CompetitionGrader {
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let sid = try submission.requireColumn("Patient_Week")
        let sf = try submission.requireColumn("FVC")
        let sconf = try submission.requireColumn("Confidence")
        let aid = try answers.requireColumn("Patient_Week", in: "answers")
        let afvc = try answers.doubles(try answers.requireColumn("FVC", in: "answers"), allowMissing: true)
        let apat = answers.columnValues([try answers.requireColumn("Patient", in: "answers")])[0].map(pythonStr)
        let aKeys = answers.idKeys(aid), sKeys = submission.idKeys(sid)
        let known = Set(aKeys)
        if let stray = sKeys.first(where: { !known.contains($0) }) {
            throw SubmissionError("Patient_Week \(stray.dropFirst(2).prefix(40)) is not in the answers")
        }
        for c in [sf, sconf] where submission.columnType(at: c) == .object {
            throw SubmissionError("column '\(submission.columnNames[c])' must be numeric")
        }
        let fvc = try submission.doubles(sf, allowMissing: true)
        let conf = try submission.doubles(sconf, allowMissing: true).map { $0.isNaN ? 0 : $0 }
        // The answers' three latest weeks per patient (weeks are unique within a patient).
        let aText = answers.columnValues([aid])[0].map(pythonStr)
        var byPatient = [String: [(week: Int, row: Int)]]()
        for r in 0..<answers.rowCount where !afvc[r].isNaN {
            guard let last = aText[r].split(separator: "_", omittingEmptySubsequences: false).last,
                  let week = Int(last.trimmingCharacters(in: .whitespaces)) else {
                throw MetricError("answers Patient_Week '\(aText[r])' has no week number")
            }
            byPatient[apat[r], default: []].append((week, r))
        }
        var scored = Set<String>()
        var answerRows = [Int]()
        for (_, weeks) in byPatient {
            for w in weeks.sorted(by: { $0.week < $1.week }).suffix(3) { answerRows.append(w.row); scored.insert(aKeys[w.row]) }
        }
        let subRows = (0..<submission.rowCount).filter { scored.contains(sKeys[$0]) }
        let present = Set(subRows.map { sKeys[$0] })
        let truthRows = answerRows.filter { present.contains(aKeys[$0]) }
        func sorted(_ rows: [Int], _ table: CSVTable, _ column: Int) throws -> [Int] {
            let order = try table.sortOrder(column)
            let keep = Set(rows)
            return order.filter { keep.contains($0) }
        }
        let t = try sorted(truthRows, answers, aid), s = try sorted(subRows, submission, sid)
        guard t.count == s.count || t.count == 1 || s.count == 1 else {
            throw SubmissionError("repeated Patient_Week rows do not pair with the answers")
        }
        let n = max(t.count, s.count)
        guard n > 0, !t.isEmpty, !s.isEmpty else { throw MetricError("no rows to score") }
        var metric = [Double]()
        metric.reserveCapacity(n)
        let sqrt2 = 2.0.squareRoot()
        for i in 0..<n {
            let a = t[t.count == 1 ? 0 : i], b = s[s.count == 1 ? 0 : i]
            let sd = max(conf[b], 70)  // np.maximum propagates NaN; conf has none
            let delta = min(abs(afvc[a] - fvc[b]), 1000)
            // A NaN FVC makes the mean NaN, as in the reference.
            metric.append(-sqrt2 * delta / sd - log(sqrt2 * sd))
        }
        return numpyMean(metric)
    }
}

// MARK: - Sequences, ranking, masks

/// multi-modal-gesture-recognition: the sum over rows (sorted by Id) of the Levenshtein distance
/// between gesture sequences (`astype(str)`, whitespace-split, `int()` each token), divided by the
/// number of gestures in the answers.
public struct GestureEditDistanceGrader: CompetitionGrader {
    public var predictsProbabilities: Bool { false }

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

/// whale-categorization-playground: MAP@5 with the answers' `Id` as a set of " "-split labels and
/// the submission's `Id` split on single spaces (`astype(str)` first), rows sorted by Image. The
/// submission's columns must be exactly Image and Id.
public struct WhaleMAP5Grader: CompetitionGrader {
    public var predictsProbabilities: Bool { false }

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

/// tgs-salt-identification-challenge: the mean over images (sorted by id) of the competition's
/// IoU-threshold precision on 101×101 RLE masks.
///
/// The reference compares binary masks through 2-bin histograms: an empty truth scores 1 when the
/// prediction is empty too, else 0; otherwise, as NumPy bins a constant array into its upper bin,
/// an empty prediction covers the whole image. The image scores the fraction of the thresholds
/// 0.5, 0.55, …, 0.95 (NumPy's `arange` values) that its IoU exceeds. Cells must be text after
/// `fillna("")` (a numeric or boolean column is invalid); RLE rules are `rle_decode`'s.
public struct SaltIoUGrader: CompetitionGrader {
    static let thresholds = [0.5, 0.55, 0.6000000000000001, 0.6500000000000001, 0.7000000000000002, 0.7500000000000002,
                             0.8000000000000003, 0.8500000000000003, 0.9000000000000004, 0.9500000000000004]
    static let side = 101
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        guard Set(submission.columnNames) == ["id", "rle_mask"], submission.columnCount == 2 else {
            throw SubmissionError("expected exactly the columns id and rle_mask")
        }
        try requireSameRowCount(submission, answers)
        func textColumn(_ table: CSVTable, _ name: String, _ what: String) throws -> [String] {
            let cells = table.columnValues([try table.requireColumn(name, in: what)])[0]
            return try cells.map { cell in
                switch cell {
                case .text(let s): return s
                case .missing: return ""
                case .double(let x) where x.isNaN: return ""
                default: throw SubmissionError("every \(what) cell must be text, found '\(cell.csvText)' in '\(name)'")
                }
            }
        }
        _ = try textColumn(submission, "id", "submission")
        let preds = try textColumn(submission, "rle_mask", "submission")
        let truth = try textColumn(answers, "rle_mask", "answers")
        let (so, ao) = try alignByID(submission, answers, id: "id")
        let pixels = Self.side * Self.side
        let full = "1 \(pixels)"
        func count(_ rle: String) throws -> Int {
            // Dice against the full mask is 2P / (P + N): recover P exactly (N is small).
            let d = try Metrics.diceCoefficientRLE(predicted: [rle], truth: [full], heights: [Self.side], widths: [Self.side])
            return Int((d * Double(pixels) / (2 - d)).rounded())
        }
        var scores = [Double]()
        scores.reserveCapacity(so.count)
        for (s, a) in zip(so, ao) {
            let pc: Int
            do { pc = try count(preds[s]) } catch let e as MetricError { throw SubmissionError("bad RLE mask: \(e.message)") }
            let tc = try count(truth[a])
            if tc == 0 { scores.append(pc == 0 ? 1 : 0); continue }
            let inter: Int
            if pc == 0 {
                inter = 0
            } else {
                let d = try Metrics.diceCoefficientRLE(predicted: [preds[s]], truth: [truth[a]], heights: [Self.side], widths: [Self.side])
                inter = Int((d * Double(pc + tc) / 2).rounded())
            }
            // An empty prediction falls in the upper histogram bin: the whole image.
            let (p2, i2) = pc == 0 ? (pixels, tc) : (pc, inter)
            let iou = Double(i2) / Double(tc + p2 - i2)
            var hits = 0
            for t in Self.thresholds where iou > t { hits += 1 }
            scores.append(Double(hits) / 10)
        }
        guard !scores.isEmpty else { throw MetricError("no images to score") }
        return numpyMean(scores)
    }
}

// MARK: - Helpers

/// Python's `str(value)` of a cell as pandas holds it (`astype(str)`): a missing cell is "nan".
func pythonStr(_ v: CSVTable.Value) -> String {
    switch v {
    case .missing: return "nan"
    case .double(let x): return x.isNaN ? "nan" : (x.isInfinite ? (x > 0 ? "inf" : "-inf") : PythonFloat.repr(x))
    default: return v.csvText
    }
}

/// A numeric cell as `check_array` converts it: numbers, booleans, or text that parses as a float.
private func numericCell(_ cell: CSVTable.Value, name: String) throws -> Double {
    switch cell {
    case .int(let v): return Double(v)
    case .uint(let v): return Double(v)
    case .double(let v):
        guard v.isFinite else { throw SubmissionError("column '\(name)' has a NaN or infinite value") }
        return v
    case .bool(let b): return b ? 1 : 0
    case .missing: throw SubmissionError("column '\(name)' has an empty value")
    case .text(let s):
        guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw SubmissionError("column '\(name)' must be numeric, found '\(s.prefix(40))'")
        }
        return v
    }
}

/// `list(map(int, s.split()))`; nil when a token is not a Python integer literal or is beyond
/// 64 bits.
private func pythonIntTokens(_ s: String) -> [Int]? {
    var out = [Int]()
    for token in pythonSplit(s) {
        guard let v = pythonInt(token)?.value else { return nil }
        out.append(v)
    }
    return out
}

