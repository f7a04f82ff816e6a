import Foundation
import MLETable

// Graders of segmentation masks (run-length encoded): IoU, Dice, Hausdorff distance, F-beta over pixels.

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

/// hubmap-kidney-segmentation: the mean over images of the Dice coefficient of the decoded masks
/// (1 when both are empty). The submission needs `id` and `predicted` (empty cells are empty masks),
/// as many rows as the answers and the same id set; rows pair by sorted id.
public struct HuBMAPMeanDiceGrader: CompetitionGrader {

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        _ = try submission.requireColumn("id")
        _ = try submission.requireColumn("predicted")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: "id")
        let preds = try rleColumn(submission, "predicted", "submission", fillMissing: true)
        let truth = try rleColumn(answers, "encoding", "answers", fillMissing: false)
        let heights = try intColumn(answers, "height_pixels"), widths = try intColumn(answers, "width_pixels")
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

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        guard Set(answers.columnNames) == ["record_id", "encoded_pixels", "height", "width"] else {
            throw MetricError("the answers' columns are not record_id, encoded_pixels, height and width")
        }
        _ = try submission.requireColumn("record_id")
        _ = try submission.requireColumn("encoded_pixels")
        try requireSameRowCount(submission, answers)
        let (so, ao) = try alignByID(submission, answers, id: "record_id")
        let dash: (String) -> String = { $0 == "-" ? "" : $0 }
        let preds = try rleColumn(submission, "encoded_pixels", "submission", fillMissing: false).map(dash)
        let truth = try rleColumn(answers, "encoded_pixels", "answers", fillMissing: false).map(dash)
        let heights = try intColumn(answers, "height"), widths = try intColumn(answers, "width")
        let d = try Metrics.diceCoefficientRLE(
            predicted: so.map { preds[$0] }, truth: ao.map { truth[$0] },
            heights: ao.map { heights[$0] }, widths: ao.map { widths[$0] })
        return d   // NaN when no mask has a pixel, as the reference's 0/0
    }
}

/// RLE cells as `rle_decode` takes them: text, or an empty cell turned into "" where the reference
/// fills NaN (`fillMissing`); anything else (a number, an unfilled NaN) is not a string.
private func rleColumn(_ table: CSVTable, _ name: String, _ what: String, fillMissing: Bool) throws -> [String] {
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
private func intColumn(_ table: CSVTable, _ name: String) throws -> [Int] {
    try table.doubles(try table.requireColumn(name, in: "answers")).map { v in
        guard v.isFinite, abs(v) < 9.0e15 else { throw MetricError("answers' '\(name)' must be finite integers") }
        return Int(v.rounded(.towardZero))
    }
}

/// uw-madison-gi-tract-image-segmentation: 0.4 × the mean Dice of the 2D masks plus 0.6 × (1 − the
/// mean normalised 3D Hausdorff distance), NaN terms left out of both means (`np.nanmean`).
///
/// As the reference, rows are paired by position, not by id: submission row i is decoded with the
/// size of answers row i and scored against it (extra rows on either side are dropped, as `zip`
/// drops them; the `class` column must exist but is not read). Dice per row is NaN when both masks
/// are empty. For the Hausdorff term each side's masks are sorted by `id` (stable), joined by OR
/// per slice id and stacked per case-day (the id before `_slice_`), and the case-days paired in
/// that order: NaN when both are empty, 0 when equal, 1 when one is empty or the prediction has
/// over ten times the true pixels, else the larger directed Hausdorff distance between the pixel
/// coordinates, each divided by the true mask's shape, over √3. Masks of one slice or case-day
/// must share a shape (NumPy cannot join them otherwise). RLE cells follow
/// `mlebench.competitions.utils.rle_decode` (an empty cell is an empty mask; numbers are invalid).
public struct UWMadisonDiceHausdorffGrader: CompetitionGrader {

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let hc = try answers.requireColumn("image_height", in: "answers")
        let wc = try answers.requireColumn("image_width", in: "answers")
        let ac = try answers.requireColumn("predicted", in: "answers")
        let aID = try answers.requireColumn("id", in: "answers")
        let sID = try submission.requireColumn("id")
        _ = try submission.requireColumn("class")
        let sc = try submission.requireColumn("predicted")
        let sizes = try answers.doubles(columns: [hc, wc])
        guard sizes.joined().allSatisfy({ $0 >= 0 && $0 < 1e9 }) else { throw MetricError("answers' image sizes must be finite and not negative") }
        let heights = sizes[0].map { Int($0) }, widths = sizes[1].map { Int($0) }
        let predicted = try Self.rles(submission.columnValues([sc])[0], invalid: SubmissionError.init)
        let truth = try Self.rles(answers.columnValues([ac])[0], invalid: MetricError.init)
        let n = min(predicted.count, truth.count)
        var dice = [Double]()
        var predictedMasks = [Mask](), trueMasks = [Mask]()
        var tokens = [Int](), runs = [Range<Int>]()
        func mask(_ rle: String, _ row: Int, invalid: (String) -> any Error) throws -> Mask {
            do {
                try RTM.decodeRLE(rle, pixels: heights[row] * widths[row], tokens: &tokens, runs: &runs)
            } catch {
                throw invalid("the RLE at row \(row + 1) is invalid: \(error)")
            }
            return Mask(height: heights[row], width: widths[row], runs: runs)
        }
        for row in 0..<n { predictedMasks.append(try mask(predicted[row], row, invalid: SubmissionError.init)) }
        for row in 0..<truth.count { trueMasks.append(try mask(truth[row], row, invalid: MetricError.init)) }
        // The masks are decoded once, above; each slice's Dice comes from their runs.
        guard n > 0 else { throw MetricError("no masks to score") }
        for i in 0..<n {
            let c = RTM.overlap(predictedMasks[i].runs, trueMasks[i].runs)
            dice.append(RTM.dice(intersection: c.shared, predicted: c.predicted, truth: c.truth, bothEmptyValue: .nan))
        }
        let predictedDays = try Self.caseDays(predictedMasks, ids: Self.ids(submission, sID, count: n))
        let trueDays = try Self.caseDays(trueMasks, ids: Self.ids(answers, aID, count: truth.count))
        let hausdorff = zip(predictedDays, trueDays).map { Self.hausdorff($0, $1) }
        let result = 0.4 * nanMean(dice) + 0.6 * (1 - nanMean(hausdorff))
        return result   // NaN with no slice or case-day holding a mask on either side, as in the reference
    }

    /// One decoded 2D mask: runs over its column-major pixels.
    struct Mask { var height: Int; var width: Int; var runs: [Range<Int>] }

    /// A case-day's slices stacked: the set pixels as (slice, row, column).
    struct Volume { var shape: (Int, Int, Int); var points: [(Int, Int, Int)] }

    /// RLE cells after `fillna("")`: text, or empty for a missing cell; anything else fails the
    /// decoder's `isinstance(str)` assertion.
    static func rles(_ cells: [CSVTable.Value], invalid: (String) -> any Error) throws -> [String] {
        try cells.enumerated().map { row, cell in
            switch cell {
            case .text(let s): return s
            case .missing: return ""
            case .double(let x) where x.isNaN: return ""
            default: throw invalid("'predicted' at row \(row + 1) is not an RLE string: '\(cell.csvText)'")
            }
        }
    }

    static func ids(_ table: CSVTable, _ column: Int, count: Int) throws -> [[UInt8]] {
        try table.columnValues([column])[0].prefix(count).enumerated().map { row, cell in
            guard case .text(let s) = cell else { throw SubmissionError("'id' at row \(row + 1) is not text") }
            return Array(s.utf8)
        }
    }

    /// `group_masks_by_day`: masks sorted by id (stable), OR-ed per slice id, stacked per case-day.
    static func caseDays(_ masks: [Mask], ids: [[UInt8]]) throws -> [Volume] {
        let order = masks.indices.sorted { ids[$0].lexicographicallyPrecedes(ids[$1]) || (ids[$0] == ids[$1] && $0 < $1) }
        let separator = Array("_slice_".utf8)
        var days = [Volume](), dayIndex = [[UInt8]: Int]()
        var k = 0
        while k < order.count {
            let id = ids[order[k]]
            var group = [Mask]()
            while k < order.count && ids[order[k]] == id { group.append(masks[order[k]]); k += 1 }
            let (h, w) = (group[0].height, group[0].width)
            guard group.allSatisfy({ $0.height == h && $0.width == w }) else {
                throw SubmissionError("the masks of slice '\(String(decoding: id, as: UTF8.self))' differ in size")
            }
            // The slice's set pixels, each once, in order: its masks' runs merged.
            var pixels = [Int]()
            for r in group.flatMap(\.runs).sorted(by: { $0.lowerBound < $1.lowerBound }) {
                pixels.append(contentsOf: max(r.lowerBound, (pixels.last ?? -1) + 1) ..< max(r.upperBound, (pixels.last ?? -1) + 1))
            }
            let day = Array(id.firstRange(of: separator).map { id[..<$0.lowerBound] } ?? id[...])
            let index: Int
            if let known = dayIndex[day] {
                index = known
            } else {
                index = days.count
                dayIndex[day] = index
                days.append(Volume(shape: (0, h, w), points: []))
            }
            guard days[index].shape.1 == h && days[index].shape.2 == w else {
                throw SubmissionError("the slices of case-day '\(String(decoding: day, as: UTF8.self))' differ in size")
            }
            let s = days[index].shape.0
            days[index].points += pixels.map { (s, $0 % h, $0 / h) }
            days[index].shape.0 += 1
        }
        return days
    }

    /// grade.py's `hausdorff_distance`.
    static func hausdorff(_ p: Volume, _ t: Volume) -> Double {
        let np = p.points.count, nt = t.points.count
        if np == 0 && nt == 0 { return .nan }
        if p.shape == t.shape && p.points.elementsEqual(t.points, by: { $0 == $1 }) { return 0 }
        if np == 0 || nt == 0 { return 1 }
        if np > 10 * nt { return 1 }
        let scale = (Double(t.shape.0), Double(t.shape.1), Double(t.shape.2))
        func normalised(_ v: Volume) -> [Point] {
            v.points.map { Point(x: Double($0.0) / scale.0, y: Double($0.1) / scale.1, z: Double($0.2) / scale.2) }
        }
        let a = normalised(t), b = normalised(p)
        return max(directedHausdorff(a, b), directedHausdorff(b, a)) / Double(3).squareRoot()
    }

    /// SciPy's `directed_hausdorff` distance: the largest distance from a point of `a` to its
    /// nearest point of `b` (squared distances summed coordinate by coordinate; a point's scan
    /// stops once it cannot raise the maximum, which leaves the result unchanged).
    /// A normalised voxel (one flat value, not an array per point: the loop below is O(N·M)).
    struct Point { var x, y, z: Double }

    static func directedHausdorff(_ a: [Point], _ b: [Point]) -> Double {
        var cmax = 0.0
        for x in a {
            var cmin = Double.infinity
            var broke = false
            for y in b {
                let d0 = x.x - y.x, d1 = x.y - y.y, d2 = x.z - y.z
                var d = 0.0
                d += d0 * d0; d += d1 * d1; d += d2 * d2
                if d < cmax { broke = true; break }
                if d < cmin { cmin = d }
            }
            if !broke && cmin != .infinity && cmin > cmax { cmax = cmin }
        }
        return cmax.squareRoot()
    }
}

/// `np.nanmean` of a float64 array: the pairwise sum with NaN as 0, over the count of the others.
private func nanMean(_ values: [Double]) -> Double {
    let count = values.filter { !$0.isNaN }.count
    return numpyPairwiseSum(values.count) { values[$0].isNaN ? 0 : values[$0] } / Double(count)
}

/// vesuvius-challenge-ink-detection: the mean over rows of scikit-learn's `fbeta_score(beta=0.5)` of
/// the decoded masks (both empty: 0, sklearn's `zero_division` default).
///
/// As the reference: as many rows as the answers; rows are paired in file order (no sorting) and
/// each pair's `Id` must be equal; the submission must have exactly the columns `Id` and
/// `Predicted`; every `Predicted` cell must be a string (an empty cell is NaN: invalid) holding a
/// valid RLE mask (an even number of values; row-major here, but only pixel counts matter, which the order does not change).
public struct VesuviusF05Grader: CompetitionGrader {

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        try requireSameRowCount(submission, answers)
        guard submission.columnCount == 2, Set(submission.columnNames) == ["Id", "Predicted"] else {
            throw SubmissionError("expected exactly the columns Id and Predicted")
        }
        let sid = try submission.requireColumn("Id"), sp = try submission.requireColumn("Predicted")
        let aid = try answers.requireColumn("Id", in: "answers"), ap = try answers.requireColumn("Predicted", in: "answers")
        let aw = try answers.requireColumn("width", in: "answers"), ah = try answers.requireColumn("height", in: "answers")
        let subCells = submission.columnValues([sid, sp]), ansCells = answers.columnValues([aid, ap])
        let preds = try objectStrings(subCells[1], what: "submission")
        let truth = try objectStrings(ansCells[1], what: "answers")
        let dims = try answers.doubles(columns: [aw, ah])
        var scores = [Double]()
        scores.reserveCapacity(preds.count)
        for i in 0..<preds.count {
            guard sameCell(subCells[0][i], ansCells[0][i]) else {
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
private func objectStrings(_ cells: [CSVTable.Value], what: String) throws -> [String?] {
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
