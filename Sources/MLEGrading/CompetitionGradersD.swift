import Foundation
import MLESplits

// Graders for batch D's competitions, each checked against a transcription of its MLE-bench grade.py
// (scripts/vectors/grade_batch_d.py). Conventions as in MoreGraders.swift: what the reference rejects
// with an exception throws here; where it returns NaN, so do these.

extension GraderRegistry {
    /// Graders for a batch of competitions (see MLEGrading/README.md); nil when none applies.
    static func competitionGraderD(metric: String, parameters: [String: String]) -> (any CompetitionGrader)? {
        guard let variant = parameters["variant"] else { return nil }
        switch variant {
        case "jigsaw-toxic-comment-classification-challenge":
            return JigsawToxicAUCGrader()
        case "google-quest-challenge":
            return QuestSpearmanGrader()
        case "h-and-m-personalized-fashion-recommendations":
            return HMRecommendationsMAPGrader()
        case "freesound-audio-tagging-2019":
            return FreesoundLwlrapGrader()
        case "champs-scalar-coupling":
            return ChampsLogMAEGrader()
        default:
            return nil
        }
    }
}

// MARK: - jigsaw-toxic-comment-classification-challenge

/// jigsaw-toxic-comment-classification-challenge: `roc_auc_score(average="macro")` after
/// `set_index("id").sort_index()` on both, dropping the rows whose answers are marked -1.
///
/// As the reference, columns pair by position: every non-id submission column is a score column,
/// matched to the answers' non-id column at the same place (more score columns than answer columns
/// is the reference's IndexError). Rows pair by id; the submission's ids must be a permutation of
/// the answers' (the reference's boolean indexer fails on ids it does not know).
public struct JigsawToxicAUCGrader: CompetitionGrader {
    public static let classes = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
    public var predictsProbabilities: Bool { false }

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

// MARK: - google-quest-challenge

/// google-quest-challenge: the mean over the 30 target columns of `spearmanr(sub[col], ans[col])`
/// after sorting both by `qa_id`. As the reference, the ids are never compared: rows pair by their
/// sorted position. The submission needs `qa_id`, all 30 targets and nothing else, and as many rows.
public struct QuestSpearmanGrader: CompetitionGrader {
    public static let classes = [
        "question_asker_intent_understanding", "question_body_critical", "question_conversational",
        "question_expect_short_answer", "question_fact_seeking", "question_has_commonly_accepted_answer",
        "question_interestingness_others", "question_interestingness_self", "question_multi_intent",
        "question_not_really_a_question", "question_opinion_seeking", "question_type_choice",
        "question_type_compare", "question_type_consequence", "question_type_definition",
        "question_type_entity", "question_type_instructions", "question_type_procedure",
        "question_type_reason_explanation", "question_type_spelling", "question_well_written",
        "answer_helpful", "answer_level_of_information", "answer_plausible", "answer_relevance",
        "answer_satisfaction", "answer_type_instructions", "answer_type_procedure",
        "answer_type_reason_explanation", "answer_well_written",
    ]
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let id = "qa_id"
        let sid = try submission.requireColumn(id)
        let missing = Self.classes.filter { submission.columnIndex(named: $0) == nil }
        guard missing.isEmpty else { throw SubmissionError("missing columns: \(missing.prefix(5).joined(separator: ", "))") }
        guard submission.columnCount == Self.classes.count + 1 else {
            throw SubmissionError("the submission has \(submission.columnCount - 1) target columns, expected \(Self.classes.count)")
        }
        try requireSameRowCount(submission, answers)
        let aid = try answers.requireColumn(id, in: "answers")
        let so = try submission.sortOrder(sid), ao = try answers.sortOrder(aid)
        let preds = try submission.doubles(columns: Self.classes.map { try submission.requireColumn($0) }, allowMissing: true)
        let truth = try answers.doubles(columns: Self.classes.map { try answers.requireColumn($0, in: "answers") }, allowMissing: true)
        var rhos = [Double]()
        for c in Self.classes.indices {
            // SciPy's NaN for a constant or NaN column makes the mean NaN, as in the reference.
            rhos.append(try Metrics.spearmanCorrelation(so.map { preds[c][$0] }, ao.map { truth[c][$0] }, undefinedAsNaN: true))
        }
        return numpyMean(rhos)
    }
}

// MARK: - h-and-m-personalized-fashion-recommendations

/// h-and-m-personalized-fashion-recommendations: MAP@12 over the answers' customers. The submission
/// holds exactly `customer_id` and `prediction`; its ids must include every answer id, and rows of
/// other customers are dropped. Both `prediction` columns are `astype(str).split(" ")`, the answers'
/// items forming a set; rows pair by sorted id, so a repeated customer is a length mismatch.
public struct HMRecommendationsMAPGrader: CompetitionGrader {
    public var predictsProbabilities: Bool { false }

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

// MARK: - freesound-audio-tagging-2019

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
    public var predictsProbabilities: Bool { false }

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

// MARK: - champs-scalar-coupling

/// champs-scalar-coupling: the mean over coupling types (sorted) of `log(mean_absolute_error)`,
/// after `answers.merge(submission[["id", target]], on="id")`. The id sets must be equal; a repeated
/// submission id repeats its answer row, as the merge does. A type predicted exactly scores -inf.
public struct ChampsLogMAEGrader: CompetitionGrader {
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let id = "id", target = "scalar_coupling_constant"
        let st = try submission.requireColumn(target), sid = try submission.requireColumn(id)
        let aid = try answers.requireColumn(id, in: "answers"), at = try answers.requireColumn(target, in: "answers")
        let ty = try answers.requireColumn("type", in: "answers")
        let aKeys = answers.idKeys(aid), sKeys = submission.idKeys(sid)
        var subRows = [String: [Int]]()
        for (r, k) in sKeys.enumerated() { subRows[k, default: []].append(r) }
        guard Set(aKeys) == Set(subRows.keys) else {
            throw SubmissionError("the submission's ids differ from the answers' ids")
        }
        let preds = try submission.doubles(st, allowMissing: true), truth = try answers.doubles(at, allowMissing: true)
        let types = answers.columnValues([ty])[0], typeKeys = answers.idKeys(ty)
        var groups = [String: (key: CSVTable.Value, t: [Double], p: [Double])]()
        for (a, k) in aKeys.enumerated() {
            let typeKey = typeKeys[a]
            for s in subRows[k] ?? [] {
                groups[typeKey, default: (types[a], [], [])].t.append(truth[a])
                groups[typeKey, default: (types[a], [], [])].p.append(preds[s])
            }
        }
        // groupby sorts its keys: numbers by value, text by code point.
        let ordered = try groups.values.sorted { x, y in
            switch (x.key, y.key) {
            case (.text(let a), .text(let b)): return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
            case (.text, _), (_, .text): throw SubmissionError("the answers' types mix text and numbers")
            default: return try CSVTable.numbers([x.key, y.key], name: "type", allowMissing: true).withUnsafeBufferPointer { $0[0] < $0[1] }
            }
        }
        var logs = [Double]()
        for g in ordered {
            guard g.p.allSatisfy(\.isFinite) else { throw SubmissionError("'\(target)' has an empty, NaN or infinite value") }
            logs.append(log(try Metrics.meanAbsoluteError(yTrue: g.t, yPred: g.p)))
        }
        guard !logs.isEmpty else { throw SubmissionError("no rows to score") }
        return numpyMean(logs)
    }
}
