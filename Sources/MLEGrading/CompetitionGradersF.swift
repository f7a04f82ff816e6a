import Foundation
import MLESplits

// Graders for batch F's competitions, each checked against a transcription of its MLE-bench grade.py
// (scripts/vectors/grade_batch_f.py). Conventions as in MoreGraders.swift: what the reference rejects
// with an exception throws here; where it returns NaN, so do these.

extension GraderRegistry {
    /// Graders for a batch of competitions (see MLEGrading/README.md); nil when none applies.
    static func competitionGraderF(metric: String, parameters: [String: String]) -> (any CompetitionGrader)? {
        guard let variant = parameters["variant"] else { return nil }
        switch variant {
        case "vesuvius-challenge-ink-detection":
            return VesuviusF05Grader()
        case "smartphone-decimeter-2022":
            return SmartphoneHaversineGrader()
        default:
            return nil
        }
    }
}

// MARK: - vesuvius-challenge-ink-detection

/// vesuvius-challenge-ink-detection: the mean over rows of scikit-learn's `fbeta_score(beta=0.5)` of
/// the decoded masks (both empty: 0, sklearn's `zero_division` default).
///
/// As the reference: as many rows as the answers; rows are paired in file order (no sorting) and
/// each pair's `Id` must be equal; the submission must have exactly the columns `Id` and
/// `Predicted`; every `Predicted` cell must be a string (an empty cell is NaN: invalid) holding a
/// valid RLE mask (an even number of values; row-major here, but only pixel counts matter, which the order does not change).
public struct VesuviusF05Grader: CompetitionGrader {
    public var predictsProbabilities: Bool { false }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        guard submission.columnCount == 2, Set(submission.columnNames) == ["Id", "Predicted"] else {
            throw SubmissionError("expected exactly the columns Id and Predicted")
        }
        let sid = try submission.requireColumn("Id"), sp = try submission.requireColumn("Predicted")
        let aid = try answers.requireColumn("Id", in: "answers"), ap = try answers.requireColumn("Predicted", in: "answers")
        let aw = try answers.requireColumn("width", in: "answers"), ah = try answers.requireColumn("height", in: "answers")
        let subCells = submission.columnValues([sid, sp]), ansCells = answers.columnValues([aid, ap])
        let preds = try batchFObjectStrings(subCells[1], what: "submission")
        let truth = try batchFObjectStrings(ansCells[1], what: "answers")
        let dims = try answers.doubles(columns: [aw, ah])
        var scores = [Double]()
        scores.reserveCapacity(preds.count)
        for i in 0..<preds.count {
            guard batchFSameCell(subCells[0][i], ansCells[0][i]) else {
                throw SubmissionError("row \(i + 1): Id '\(subCells[0][i].csvText)' does not match the answers' '\(ansCells[0][i].csvText)'")
            }
            guard let p = preds[i] else { throw SubmissionError("row \(i + 1): 'Predicted' must be a string") }
            guard let t = truth[i] else { throw MetricError("answers row \(i + 1): 'Predicted' must be a string") }
            let w = Int(dims[0][i]), h = Int(dims[1][i])
            let pixels = w * h
            let full = pixels > 0 ? "1 \(pixels)" : ""
            func count(_ rle: String) throws -> Int {
                // Dice against the full mask is 2P / (P + N): recover P exactly.
                let d = try Metrics.diceCoefficientRLE(predicted: [rle], truth: [full], heights: [w], widths: [h], bothEmptyValue: 0)
                return Int((d * Double(pixels) / (2 - d)).rounded())
            }
            // An odd token count leaves starts and lengths of different sizes: numpy cannot add them.
            guard p.split(whereSeparator: { $0.isWhitespace }).count % 2 == 0 else {
                throw SubmissionError("row \(i + 1): the RLE mask has an odd number of values")
            }
            let pc: Int
            do { pc = try count(p) } catch let e as MetricError { throw SubmissionError("bad RLE mask: \(e.message)") }
            let tc = try count(t)
            var inter = 0
            if pc > 0 && tc > 0 {
                let d = try Metrics.diceCoefficientRLE(predicted: [p], truth: [t], heights: [w], widths: [h])
                inter = Int((d * Double(pc + tc) / 2).rounded())
            }
            // fbeta_score: (1 + β²)·tp / (β²·(tp + fn) + (tp + fp)); a zero denominator gives 0.
            let denom = 0.25 * Double(tc) + Double(pc)
            scores.append(denom == 0 ? 0 : 1.25 * Double(inter) / denom)
        }
        guard !scores.isEmpty else { throw MetricError("no images to score") }
        return numpyMean(scores)
    }
}

/// The cells of an object column as pandas reads them: when any cell is text the column is text and
/// numbers keep their text; missing cells (and all-numeric columns) are not strings (nil).
private func batchFObjectStrings(_ cells: [CSVTable.Value], what: String) throws -> [String?] {
    let textual = cells.contains { if case .text = $0 { return true }; return false }
    return cells.map { cell in
        switch cell {
        case .text(let s): return s
        case .missing: return nil
        case .double(let x) where x.isNaN: return nil
        default: return textual ? cell.csvText : nil
        }
    }
}

/// Python's `==` of two cells as pandas holds them (numbers by value, text by content).
private func batchFSameCell(_ a: CSVTable.Value, _ b: CSVTable.Value) -> Bool {
    func number(_ v: CSVTable.Value) -> Double? {
        switch v {
        case .int(let x): return Double(x)
        case .uint(let x): return Double(x)
        case .double(let x): return x
        case .bool(let x): return x ? 1 : 0
        default: return nil
        }
    }
    if case .text(let x) = a, case .text(let y) = b { return x == y }
    if let x = number(a), let y = number(b) { return x == y }
    return false
}

// MARK: - smartphone-decimeter-2022

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
    public var predictsProbabilities: Bool { false }

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
            if let key = order.first(where: { batchFSameCell($0, t) }) { subRowsOf[key, default: []].append(i) }
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
                batchFHaversine(lat1: sub[0][si], lng1: sub[1][si], lat2: ansCoords[0][ai], lng2: ansCoords[1][ai])
            }
            let q = [batchFQuantile(d, 0.5), batchFQuantile(d, 0.95)]
            scores.append(numpyMean(q))
        }
        return numpyMean(scores)   // NaN when a coordinate is empty or NaN, as in the reference
    }
}

/// The notebook's `haversine_distance` in metres, from degrees (`np.deg2rad`: x·(π/180)).
private func batchFHaversine(lat1: Double, lng1: Double, lat2: Double, lng2: Double) -> Double {
    let r = Double.pi / 180
    let la1 = lat1 * r, lo1 = lng1 * r, la2 = lat2 * r, lo2 = lng2 * r
    let dlat = la2 - la1, dlng = lo2 - lo1
    let s1 = sin(dlat / 2), s2 = sin(dlng / 2)
    let a = s1 * s1 + cos(la1) * cos(la2) * (s2 * s2)
    return 12_742_000 * asin(a.squareRoot())
}

/// `np.quantile(values, q)` with the default linear method (numpy's `_lerp`); NaN when any value is NaN.
private func batchFQuantile(_ values: [Double], _ q: Double) -> Double {
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
