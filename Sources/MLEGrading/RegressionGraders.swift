import Foundation
import MLETable

// Graders of predicted numbers: RMSE, MAE and RMSLE in their variants, correlations,
// log-likelihoods, angular and geodesic distances.

/// nomad2018: the mean of per-column RMSLE, rows compared in file order (MLE-bench does not sort).
public struct ColumnWiseRMSLEGrader: CompetitionGrader {
    public var targetColumns: [String]?

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

/// new-york-city-taxi-fare-prediction: `root_mean_squared_error` of the target after sorting the
/// submission and the answers by the id column *independently*. The reference never compares the
/// ids, so rows pair by position in sorted order; only the row counts must agree.
///
/// Sorting follows pandas' `sort_values`: numbers by value, text by code point, missing ids last.
/// (pandas' default quicksort is not stable, so the order among repeated submission ids may differ.)
public struct SortedPositionRMSEGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let ac = try answers.requireColumn(idColumn, in: "answers")
        let st = try submission.requireColumn(targetColumn)
        let sc = try submission.requireColumn(idColumn)
        let so = try pandasSortOrder(submission, sc)
        let ao = try pandasSortOrder(answers, ac)
        try requireSameRowCount(submission, answers)
        let preds = try submission.doubles(st), truth = try answers.doubles(at)
        return try Metrics.rootMeanSquaredError(yTrue: ao.map { truth[$0] }, yPred: so.map { preds[$0] })
    }
}

/// pandas' `sort_values` order: ``CSVTable/sortOrder(_:)`` with missing cells moved last, in file
/// order (pandas sorts the present values and appends the missing ones).
private func pandasSortOrder(_ table: CSVTable, _ column: Int) throws -> [Int] {
    let order = try table.sortOrder(column)
    let values = table.columnValues([column])[0]
    func missing(_ v: CSVTable.Value) -> Bool {
        switch v {
        case .missing: return true
        case .double(let x): return x.isNaN
        default: return false
        }
    }
    let present = order.filter { !missing(values[$0]) }
    let absent = (0..<values.count).filter { missing(values[$0]) }
    return present + absent
}

/// RMSE of the value column after sorting both by id and requiring equal id sequences; values must
/// be numeric and finite. petfinder-pawpularity-score also requires every prediction within
/// `bounds`; denoising-dirty-documents has none.
public struct BoundedRMSEGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var bounds: ClosedRange<Double>? = nil

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

/// stanford-covid-vaccine: the mean of the RMSEs of reactivity, deg_Mg_pH10 and deg_Mg_50C over
/// the rows the answers `keep`.
///
/// As the reference indexes the id-sorted submission with the answers' `keep` Series, pandas
/// aligns that mask by row label: submission row *i of the file* is kept when answers row *i of
/// the file* is. The kept rows, in id order, are paired with the kept answers in id order. (With
/// a submission in the answers' row order this is the intended pairing.)
public struct OpenVaccineMCRMSEGrader: CompetitionGrader {
    static let targets = ["reactivity", "deg_Mg_pH10", "deg_Mg_50C"]

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

/// predict-volcanic-eruptions-ingv-oe: the id sets must be equal; the answers are inner-merged
/// with the submission on the id (a repeated submission id adds rows) and scored with
/// `mean_absolute_error`, rounded to an integer (`int(round(score))`, half to even) when
/// `roundToInteger`.
public struct MergedMAEGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var roundToInteger: Bool

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let at = try answers.requireColumn(targetColumn, in: "answers")
        let ac = try answers.requireColumn(idColumn, in: "answers")
        let st = try submission.requireColumn(targetColumn)
        let sc = try submission.requireColumn(idColumn)
        let aKeys = answers.idKeys(ac), sKeys = submission.idKeys(sc)
        var subRows = [String: [Int]]()
        for (row, key) in sKeys.enumerated() { subRows[key, default: []].append(row) }
        let answerKeys = Set(aKeys)
        if let stray = subRows.keys.first(where: { !answerKeys.contains($0) || $0.hasPrefix("n:nan") || $0 == "m:" }) {
            throw SubmissionError("the submission's '\(idColumn)' values do not match the answers' (unexpected '\(stray.dropFirst(2).prefix(40))')")
        }
        if let absent = aKeys.first(where: { subRows[$0] == nil }) {
            throw SubmissionError("the submission is missing '\(idColumn)' \(absent.dropFirst(2).prefix(40))")
        }
        let preds = try submission.doubles(st), truth = try answers.doubles(at)
        var yTrue = [Double](), yPred = [Double]()
        yTrue.reserveCapacity(sKeys.count)
        yPred.reserveCapacity(sKeys.count)
        for (row, key) in aKeys.enumerated() {
            for s in subRows[key]! { yTrue.append(truth[row]); yPred.append(preds[s]) }
        }
        let mae = try Metrics.meanAbsoluteError(yTrue: yTrue, yPred: yPred)
        return roundToInteger ? mae.rounded(.toNearestOrEven) : mae
    }
}

/// ventilator-pressure-prediction: MAE by id over the rows whose answers have `u_out == 0`; the
/// other rows' predictions are not read.
public struct MaskedMAEGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String
    public var maskColumn: String

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

/// champs-scalar-coupling: the mean over coupling types (sorted) of `log(mean_absolute_error)`,
/// after `answers.merge(submission[["id", target]], on="id")`. The id sets must be equal; a repeated
/// submission id repeats its answer row, as the merge does. A type predicted exactly scores -inf.
public struct ChampsLogMAEGrader: CompetitionGrader {

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

/// us-patent-phrase-to-phrase-matching: `scipy.stats.pearsonr(y_true, y_pred)` after sorting by id.
///
/// A constant prediction column or an empty prediction makes SciPy return NaN, which MLE-bench
/// reports as a valid submission scored NaN; so does this grader.
public struct PearsonGrader: CompetitionGrader {
    public var idColumn: String
    public var targetColumn: String

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let (st, at, so, ao) = try pairedTarget(submission, answers, id: idColumn, target: targetColumn,
                                                checking: [.sameRowCount, .submissionID, .submissionTarget, .answersTarget])
        // An empty prediction is NaN, which makes SciPy's r NaN.
        let preds = try submission.doubles(st, allowMissing: true), truth = try answers.doubles(at)
        return try Metrics.pearsonCorrelation(ao.map { truth[$0] }, so.map { preds[$0] }, undefinedAsNaN: true)
    }
}

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

/// osic-pulmonary-fibrosis-progression: the modified Laplace log likelihood over each patient's
/// three latest weeks in the answers (rows with FVC), `Confidence` NaN counting as 0, sd clipped
/// at 70 and the error at 1000. Every submitted `Patient_Week` must exist in the answers; rows
/// pair in Patient_Week order among those present on both sides.
public struct LaplaceLogLikelihoodGrader: CompetitionGrader {

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

/// icecube-neutrinos-in-deep-ice: the mean angle (radians) between the true and predicted directions,
/// `arccos` of the clipped scalar product of the unit vectors. The submission holds exactly
/// `event_id`, `azimuth` and `zenith`, the angles finite numbers (a boolean column is not a number
/// to NumPy), as many rows as the answers and the same id set; rows pair by sorted id.
public struct IceCubeAngularErrorGrader: CompetitionGrader {

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

/// smartphone-decimeter-2022: per trip of the answers (in order of first appearance), the
/// competition notebook's `calc_score` — the mean of the 50th and 95th percentiles (numpy's linear
/// method) of the haversine distances between the trip's submission and answer rows, paired in
/// file order — then the mean over trips.
///
/// As the reference: the submission needs `tripId`, `UnixTimeMillis`, `LatitudeDegrees` and
/// `LongitudeDegrees`, as many rows as the answers, and as many rows per trip as the answers
/// (so no unknown trips); times are not compared. Coordinates must be numeric; a NaN one makes the
/// reference's score NaN and is refused here.
public struct SmartphoneHaversineGrader: CompetitionGrader {

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let names = ["tripId", "UnixTimeMillis", "LatitudeDegrees", "LongitudeDegrees"]
        let sc = try names.map { try submission.requireColumn($0) }
        let ac = try names.map { try answers.requireColumn($0, in: "answers") }
        try requireSameRowCount(submission, answers)
        let subTrips = submission.columnValues([sc[0]])[0]
        let ansTrips = answers.columnValues([ac[0]])[0]
        var order = [CSVTable.Value](), rowsOf = [CSVTable.Value: [Int]]()
        for (i, t) in ansTrips.enumerated() {
            if rowsOf[t] == nil { order.append(t) }
            rowsOf[t, default: []].append(i)
        }
        var subRowsOf = [CSVTable.Value: [Int]]()
        for (i, t) in subTrips.enumerated() {
            // `submission["tripId"] == trip_id`: group submission rows under the answers' trip they equal.
            if let key = order.first(where: { sameCell($0, t) }) { subRowsOf[key, default: []].append(i) }
        }
        var subCoords: [[Double]]? = nil
        let ansCoords = try answers.doubles(columns: [ac[2], ac[3]], allowMissing: true)
        var scores = [Double]()
        for trip in order {
            let a = rowsOf[trip]!, s = subRowsOf[trip] ?? []
            guard a.count == s.count else {
                throw SubmissionError("trip \(trip.csvText): expected \(a.count) rows, got \(s.count)")
            }
            if subCoords == nil { subCoords = try submission.doubles(columns: [sc[2], sc[3]], allowMissing: true) }
            let sub = subCoords!
            let d = zip(s, a).map { si, ai in
                haversine(lat1: sub[0][si], lng1: sub[1][si], lat2: ansCoords[0][ai], lng2: ansCoords[1][ai])
            }
            let q = [linearQuantile(d, 0.5), linearQuantile(d, 0.95)]
            scores.append(numpyMean(q))
        }
        return numpyMean(scores)   // NaN when a coordinate is empty or NaN, as in the reference
    }
}

/// The notebook's `haversine_distance` in metres, from degrees (`np.deg2rad`: x·(π/180)).
private func haversine(lat1: Double, lng1: Double, lat2: Double, lng2: Double) -> Double {
    let r = Double.pi / 180
    let la1 = lat1 * r, lo1 = lng1 * r, la2 = lat2 * r, lo2 = lng2 * r
    let dlat = la2 - la1, dlng = lo2 - lo1
    let s1 = sin(dlat / 2), s2 = sin(dlng / 2)
    let a = s1 * s1 + cos(la1) * cos(la2) * (s2 * s2)
    return 12_742_000 * asin(a.squareRoot())
}

/// `np.quantile(values, q)` with the default linear method (numpy's `_lerp`); NaN when any value is NaN.
private func linearQuantile(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    if values.contains(where: \.isNaN) { return .nan }
    let v = values.sorted(), n = Double(v.count)
    let virtual = n * q + (1 + q * (1 - 1 - 1)) - 1
    if virtual >= n - 1 { return v[v.count - 1] }
    if virtual < 0 { return v[0] }
    let below = virtual.rounded(.down)
    let t = virtual - below
    let lo = v[Int(below)], hi = v[Int(below) + 1]
    let diff = hi - lo
    return t >= 0.5 ? hi - diff * (1 - t) : lo + diff * t
}
