import Foundation
import MLETable

// Graders of detected objects: boxes and points matched to the truth, then F1 or mean average precision.

/// kuzushiji-recognition: the competition's F1 over characters. A predicted point (`label X Y`)
/// is a true positive when it lies strictly inside an unmatched true box (`label X Y Width
/// Height`, the box spanning X < x < X + Width, Y < y < Y + Height) with the same label; each
/// true box takes the first such point in the prediction's order. Counts are summed over pages:
/// F1 = 2·P·R / (P + R), 0 when there is no true or no predicted character, or P or R is 0.
///
/// As the reference: as many rows as the answers; `image_id` and `labels` columns; rows paired by
/// sorting on `image_id` (the ids must match). An empty cell predicts nothing; other cells must be
/// text split on single spaces (so doubled, leading or trailing spaces make empty fields) into a
/// multiple of three fields whose coordinates parse as Python floats (`nan` and `inf` included;
/// they simply match no box). A page without true characters counts each predicted one as a
/// false positive.
public struct KuzushijiF1Grader: CompetitionGrader {

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let cells = try pairedCells(submission, answers, id: "image_id", column: "labels")
        let preds = try cells.submission.enumerated().map { row, cell -> KuzushijiPage? in
            guard let text = try optionalText(cell, name: "labels", row: row) else { return nil }
            return try KuzushijiPage(text, fieldsPerItem: 3, what: "a prediction")
        }
        var tp = 0, fp = 0, fn = 0
        for (row, pred) in preds.enumerated() {
            guard let text = try optionalText(cells.answers[row], name: "answers' labels", row: row) else {
                fp += pred?.count ?? 0
                continue
            }
            guard let pred else {
                fn += text.split(separator: " ", omittingEmptySubsequences: false).count / 5
                continue
            }
            let truth = try KuzushijiPage(text, fieldsPerItem: 5, what: "the answers", invalid: MetricError.init)
            var unused = [Bool](repeating: true, count: pred.count)
            for t in 0..<truth.count {
                let x0 = truth.numbers[t][0], y0 = truth.numbers[t][1]
                let x1 = x0 + truth.numbers[t][2], y1 = y0 + truth.numbers[t][3]
                let hit = (0..<pred.count).first { p in
                    let x = pred.numbers[p][0], y = pred.numbers[p][1]
                    return x0 < x && x1 > x && y0 < y && y1 > y && unused[p] && pred.labels[p] == truth.labels[t]
                }
                if let hit { tp += 1; unused[hit] = false } else { fn += 1 }
            }
            fp += unused.filter { $0 }.count
        }
        if tp + fp == 0 || tp + fn == 0 { return 0 }
        let precision = Double(tp) / Double(tp + fp), recall = Double(tp) / Double(tp + fn)
        guard precision > 0, recall > 0 else { return 0 }
        return 2 * precision * recall / (precision + recall)
    }
}

/// One page's items: the label (as UTF-8 bytes, compared by code point) and its numbers.
private struct KuzushijiPage {
    var labels: [[UInt8]] = []
    var numbers: [[Double]] = []
    var count: Int { labels.count }

    init(_ text: String, fieldsPerItem k: Int, what: String,
         invalid: (String) -> any Error = SubmissionError.init) throws {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count % k == 0 else {
            throw invalid("\(what) has \(fields.count) space-separated fields, not a multiple of \(k): '\(text.prefix(60))'")
        }
        for i in stride(from: 0, to: fields.count, by: k) {
            labels.append(Array(fields[i].utf8))
            numbers.append(try (1..<k).map { j in try pythonNumber(fields[i + j], in: what, invalid) })
        }
    }
}

/// siim-covid19-detection: the mean over the answers' labels (sorted) of scikit-learn's
/// `average_precision_score`, after MLE-bench's matching. Per image, predictions are sorted by
/// confidence, highest first (Python's stable sort, re-run for every label); each prediction of the
/// label takes the unmatched true box of that label with the highest IoU above 0.5 (the first on
/// ties) and gives (1, confidence), else (0, confidence); each unmatched true box gives (1, 0);
/// an image with neither gives (0, 0). IoU is (xmin, ymin, xmax, ymax) boxes with Python's
/// `max`/`min` and 0 when the union is not positive.
///
/// As the reference: as many rows as the answers; `id` and `PredictionString` columns; rows paired
/// by sorting on `id`. Every cell must be text (an empty cell is NaN: invalid), split on
/// whitespace into groups of six (`label confidence xmin ymin xmax ymax`, numbers as Python
/// floats). Labels the answers never use are ignored; a label whose pairs are all positives fails
/// the reference's assertion, and a NaN or infinite confidence of a scored label fails
/// scikit-learn's finiteness check (both invalid).
public struct SIIMCovidMAPGrader: CompetitionGrader {

    struct Box { var label: [UInt8]; var confidence: Double; var corners: [Double] }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let cells = try pairedCells(submission, answers, id: "id", column: "PredictionString")
        var preds = try cells.submission.enumerated().map { try Self.boxes($1, row: $0, invalid: SubmissionError.init) }
        let truth = try cells.answers.enumerated().map { try Self.boxes($1, row: $0, invalid: MetricError.init) }
        let labels = Set(truth.flatMap { $0.map(\.label) }).sorted { $0.lexicographicallyPrecedes($1) }
        var aps = [Double]()
        for label in labels {
            var yTrue = [Int](), yScore = [Double]()
            for (i, gts) in truth.enumerated() {
                preds[i] = pythonSortedDescending(preds[i]) { $0.confidence }
                let boxes = gts.filter { $0.label == label }.map(\.corners)
                var matched = [Bool](repeating: false, count: boxes.count)
                let before = yTrue.count
                for p in preds[i] where p.label == label {
                    var best = 0.0, bestIndex = -1
                    for (g, box) in boxes.enumerated() where !matched[g] {
                        let iou = Self.iou(p.corners, box)
                        if iou > best && iou > 0.5 { best = iou; bestIndex = g }
                    }
                    if bestIndex >= 0 { matched[bestIndex] = true }
                    yTrue.append(bestIndex >= 0 ? 1 : 0)
                    yScore.append(p.confidence)
                }
                for m in matched where !m { yTrue.append(1); yScore.append(0) }
                if yTrue.count == before { yTrue.append(0); yScore.append(0) }
            }
            guard yTrue.contains(0) else {
                throw SubmissionError("every pair of label '\(String(decoding: label, as: UTF8.self))' is a positive, so its AP is undefined")
            }
            guard yScore.allSatisfy(\.isFinite) else {
                throw SubmissionError("a confidence of label '\(String(decoding: label, as: UTF8.self))' is NaN or infinite")
            }
            aps.append(binaryAveragePrecision(yTrue: yTrue, yScore: yScore))
        }
        return aps.isEmpty ? 0 : numpyMean(aps)
    }

    /// `parse_prediction_string`: text split on whitespace into groups of six.
    static func boxes(_ cell: CSVTable.Value, row: Int, invalid: (String) -> any Error) throws -> [Box] {
        guard case .text(let text) = cell else {
            throw invalid("'PredictionString' at row \(row + 1) is \(cell.csvText.isEmpty ? "empty" : "not text")")
        }
        let tokens = pythonSplit(text)
        guard tokens.count % 6 == 0 else {
            throw invalid("'PredictionString' at row \(row + 1) has \(tokens.count) fields, not groups of six")
        }
        return try stride(from: 0, to: tokens.count, by: 6).map { i in
            let numbers = try tokens[(i + 1)..<(i + 6)].map { try pythonNumber($0, in: "'PredictionString' at row \(row + 1)", invalid) }
            return Box(label: Array(tokens[i].utf8), confidence: numbers[0], corners: Array(numbers[1...]))
        }
    }

    /// grade.py's `calculate_iou`, with Python's `max(a, b)` (a unless b > a) and `min`.
    static func iou(_ a: [Double], _ b: [Double]) -> Double {
        func pyMax(_ x: Double, _ y: Double) -> Double { y > x ? y : x }
        func pyMin(_ x: Double, _ y: Double) -> Double { y < x ? y : x }
        let width = pyMax(0, pyMin(a[2], b[2]) - pyMax(a[0], b[0]))
        let height = pyMax(0, pyMin(a[3], b[3]) - pyMax(a[1], b[1]))
        let inter = width * height
        let union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
        return union > 0 ? inter / union : 0
    }
}

/// `list.sort(key=key, reverse=True)` as CPython 3.11 runs it: the list is reversed, stably
/// sorted ascending with `<`, and reversed again. For lists under 64 items that sort is CPython's
/// run detection plus binary insertion, reproduced here so that NaN keys (which compare false
/// both ways) leave the other items where CPython leaves them; longer lists use a stable sort
/// (the same order unless a key is NaN).
func pythonSortedDescending<T>(_ items: [T], key: (T) -> Double) -> [T] {
    var a = Array(items.reversed())
    let keys = a.map(key)
    var k = keys
    let n = a.count
    if n < 2 { return items }
    if n >= 64 {
        return stableOrder(n) { keys[$0] < keys[$1] }.map { a[$0] }.reversed()
    }
    // count_run: a strictly descending prefix is reversed in place.
    var run = 2
    if k[1] < k[0] {
        while run < n && k[run] < k[run - 1] { run += 1 }
        a[0..<run].reverse()
        k[0..<run].reverse()
    } else {
        while run < n && !(k[run] < k[run - 1]) { run += 1 }
    }
    // binarysort from the end of the run.
    for start in run..<n {
        let pivot = a[start], pk = k[start]
        var l = 0, r = start
        while l < r {
            let p = l + (r - l) / 2
            if pk < k[p] { r = p } else { l = p + 1 }
        }
        a.remove(at: start); a.insert(pivot, at: l)
        k.remove(at: start); k.insert(pk, at: l)
    }
    return a.reversed()
}

/// vinbigdata-chest-xray-abnormalities-detection: pycocotools' `COCOeval` bbox AP at IoU 0.4
/// (`stats[0]`: area "all", 100 detections per image and class), as MLE-bench builds its input.
///
/// The reference's quirks are kept: images are numbered by first appearance in the answers,
/// annotations and predictions get ids counted from 0 (and COCOeval takes id 0 for "no match", so
/// a match with the first true box or by the first prediction is not recorded as one), and boxes are
/// handed over as `[x_min, y_min, x_max, y_max]` where COCO reads `[x, y, width, height]` (IoU on
/// those boxes; areas from the real corners, with negative areas outside the "all" range).
/// Per image and class: detections sorted by score (stable; NaN last), the top 100 kept, greedily
/// matched to the best unmatched true box with IoU ≥ 0.4 (the last on ties); per class the
/// detections of all images sorted again, precision made monotone, sampled at the 101 recall
/// thresholds; the mean over classes with true boxes, or -1 when none.
///
/// As the reference: `image_id` and `PredictionString` columns; the set of image ids must equal the
/// answers' (rows may repeat or come in any order). Each cell must be text split on single
/// spaces into groups of six Python floats (`class score x_min y_min x_max y_max`); the class is
/// `int()` of its number (NaN and infinity invalid). Classes the answers lack are ignored.
public struct VinBigDataCOCOGrader: CompetitionGrader {

    struct Annotation { var id: Int; var category: Double; var box: [Double]; var area: Double; var score = 0.0 }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let names = ["class_id", "x_min", "y_min", "x_max", "y_max"]
        let aCols = try names.map { try answers.requireColumn($0, in: "answers") }
        let aID = try answers.requireColumn("image_id", in: "answers")
        let sc = try submission.requireColumn("PredictionString")
        let sID = try submission.requireColumn("image_id")
        let answerKeys = answers.idKeys(aID), submissionKeys = submission.idKeys(sID)
        guard Set(answerKeys) == Set(submissionKeys) else {
            throw SubmissionError("the set of 'image_id' values must equal the answers' image ids")
        }
        var imageIndex = [String: Int]()
        for key in answerKeys where imageIndex[key] == nil { imageIndex[key] = imageIndex.count }
        let a = try answers.doubles(columns: aCols)
        var truth = answerKeys.indices.map { row in
            let box = [a[1][row], a[2][row], a[3][row], a[4][row]]
            return Annotation(id: row, category: a[0][row], box: box, area: (box[2] - box[0]) * (box[3] - box[1]))
        }
        // Ids follow the images' order, then the rows' (the reference loops over images).
        let truthImage = answerKeys.map { imageIndex[$0]! }
        let truthOrder = truth.indices.sorted { (truthImage[$0], $0) < (truthImage[$1], $1) }
        for (id, i) in truthOrder.enumerated() { truth[i].id = id }
        var detections = [Annotation](), detectionImage = [Int]()
        for (row, cell) in submission.columnValues([sc])[0].enumerated() {
            guard case .text(let text) = cell else {
                throw SubmissionError("'PredictionString' at row \(row + 1) is \(cell.csvText.isEmpty ? "empty" : "not text")")
            }
            let numbers = try text.split(separator: " ", omittingEmptySubsequences: false).map {
                try pythonNumber($0, in: "'PredictionString' at row \(row + 1)", SubmissionError.init)
            }
            guard numbers.count % 6 == 0 else {
                throw SubmissionError("'PredictionString' at row \(row + 1) has \(numbers.count) numbers, not groups of six")
            }
            for i in stride(from: 0, to: numbers.count, by: 6) {
                guard numbers[i].isFinite else { throw SubmissionError("a class id at row \(row + 1) is \(numbers[i])") }
                let box = Array(numbers[(i + 2)..<(i + 6)])
                detections.append(Annotation(id: detections.count, category: numbers[i].rounded(.towardZero), box: box,
                                             area: (box[2] - box[0]) * (box[3] - box[1]), score: numbers[i + 1]))
                detectionImage.append(imageIndex[submissionKeys[row]]!)
            }
        }
        return Self.averagePrecision(truth: truth, truthImage: truthImage, detections: detections,
                                     detectionImage: detectionImage, imageCount: imageIndex.count)
    }

    /// COCOeval's evaluate, accumulate and `stats[0]` for one IoU threshold (0.4).
    static func averagePrecision(truth: [Annotation], truthImage: [Int], detections: [Annotation],
                                 detectionImage: [Int], imageCount: Int) -> Double {
        let categories = Set(truth.map(\.category)).sorted()
        let threshold = 0.4, maxDetections = 100
        func outsideAll(_ area: Double) -> Bool { area < 0 || area > 1e10 }
        // Per (image, class), annotations in the order COCO's index lists them.
        var gts = [Int: [Int: [Annotation]]](), dts = [Int: [Int: [Annotation]]]()
        let catIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        for (i, t) in truth.enumerated() { gts[truthImage[i], default: [:]][catIndex[t.category]!, default: []].append(t) }
        for (i, d) in detections.enumerated() {
            guard let c = catIndex[d.category] else { continue }
            dts[detectionImage[i], default: [:]][c, default: []].append(d)
        }
        var sampled = [[Double]]()  // per class with true boxes: precision at the 101 recall thresholds
        for c in categories.indices {
            var scores = [Double](), matched = [Bool](), ignored = [Bool](), trueCount = 0
            for image in 0..<imageCount {
                let g0 = gts[image]?[c] ?? [], d0 = dts[image]?[c] ?? []
                if g0.isEmpty && d0.isEmpty { continue }
                let gtIgnore0 = g0.map { outsideAll($0.area) }
                let gOrder = stableOrder(g0.count) { (gtIgnore0[$0] ? 1 : 0) < (gtIgnore0[$1] ? 1 : 0) }
                let g = gOrder.map { g0[$0] }, gtIgnore = gOrder.map { gtIgnore0[$0] }
                let d = Array(stableOrder(d0.count) { descendingNaNLast(d0[$0].score, d0[$1].score) }
                    .prefix(maxDetections).map { d0[$0] })
                var gtMatch = [Int](repeating: 0, count: g.count)
                var dtMatch = [Int](repeating: 0, count: d.count), dtIgnore = [Bool](repeating: false, count: d.count)
                if !g.isEmpty && !d.isEmpty {
                    for (di, det) in d.enumerated() {
                        var best = min(threshold, 1 - 1e-10), m = -1
                        for (gi, gt) in g.enumerated() {
                            if gtMatch[gi] > 0 { continue }
                            if m > -1 && !gtIgnore[m] && gtIgnore[gi] { break }
                            let iou = boxIoU(det.box, gt.box)
                            if iou < best { continue }
                            best = iou; m = gi
                        }
                        if m == -1 { continue }
                        dtIgnore[di] = gtIgnore[m]
                        dtMatch[di] = g[m].id
                        gtMatch[m] = det.id
                    }
                }
                for (di, det) in d.enumerated() where dtMatch[di] == 0 && outsideAll(det.area) { dtIgnore[di] = true }
                scores += d.map(\.score)
                matched += dtMatch.map { $0 != 0 }
                ignored += dtIgnore
                trueCount += gtIgnore.filter { !$0 }.count
            }
            guard trueCount > 0 else { continue }
            let order = stableOrder(scores.count) { descendingNaNLast(scores[$0], scores[$1]) }
            var recall = [Double](), precision = [Double]()
            var tp = 0.0, fp = 0.0
            for i in order {  // ignored detections are neither, yet count as points of the curve
                if matched[i] && !ignored[i] { tp += 1 }
                if !matched[i] && !ignored[i] { fp += 1 }
                recall.append(tp / Double(trueCount))
                precision.append(tp / (fp + tp + 2.220446049250313e-16))
            }
            if precision.count > 1 {
                for i in stride(from: precision.count - 1, to: 0, by: -1) where precision[i] > precision[i - 1] {
                    precision[i - 1] = precision[i]
                }
            }
            sampled.append((0...100).map { r in
                let level = r == 100 ? 1.0 : Double(r) * 0.01
                let p = lowerBound(recall, level)
                return p < precision.count ? precision[p] : 0
            })
        }
        guard !sampled.isEmpty else { return -1 }
        // np.mean over precision[t, r, k] in C order: recall threshold major, class minor.
        let k = sampled.count
        return numpyPairwiseSum(101 * k) { sampled[$0 % k][$0 / k] } / Double(101 * k)
    }

    /// pycocotools' `bbIou` for boxes read as [x, y, width, height] (C's fmin/fmax, 0 without overlap).
    static func boxIoU(_ d: [Double], _ g: [Double]) -> Double {
        let w = Double.minimum(d[2] + d[0], g[2] + g[0]) - Double.maximum(d[0], g[0])
        if w <= 0 { return 0 }
        let h = Double.minimum(d[3] + d[1], g[3] + g[1]) - Double.maximum(d[1], g[1])
        if h <= 0 { return 0 }
        let i = w * h
        return i / (d[2] * d[3] + g[2] * g[3] - i)
    }
}

/// `np.argsort(-x, kind="mergesort")` order: larger first, NaN last.
private func descendingNaNLast(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN { return false }
    if b.isNaN { return true }
    return -a < -b
}

/// Indices sorted stably by `less`.
private func stableOrder(_ n: Int, by less: (Int, Int) -> Bool) -> [Int] {
    (0..<n).sorted { less($0, $1) || (!less($1, $0) && $0 < $1) }
}

/// 3d-object-detection-for-autonomous-vehicles: Lyft's 3D mAP (`mAP_evaluation.py`, as MLE-bench
/// vendors it), averaged over samples and the IoU thresholds 0.5, 0.55, …, 0.95.
///
/// Per sample (rows paired by sorting on `Id`) and threshold, each class of the sample's true
/// boxes (sorted) scores 0 without predictions, else the AP of its predictions sorted by
/// confidence (Python's stable sort): each takes the true box of highest IoU (the first on ties)
/// if that IoU is above the threshold and the box is still free, else counts as a false positive;
/// AP is the area under the precision envelope at the recall steps. A sample's mAP is the mean
/// over its classes; the score the mean of all (sample, threshold) mAPs. IoU is 3D: the overlap of
/// the ground rectangles (corners from the yaw via pyquaternion's rotation matrix, clipped as
/// convex polygons) times the height overlap, over the union of the volumes, clipped to [0, 1].
///
/// As the reference: as many rows as the answers; `Id` and `PredictionString` columns; an empty
/// cell predicts nothing; text is split on single spaces into groups of nine (`confidence x y z
/// width length height yaw class`, numbers as Python floats). The boxes of a scored class (one the
/// sample's answers have) must have no NaN, positive sizes and a finite yaw; others are never read.
public struct Lyft3DMAPGrader: CompetitionGrader {

    static let thresholds = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]

    struct Box {
        var name: [UInt8]
        var score: Double
        var numbers: [Double]  // x, y, z, width, length, height, yaw
    }

    /// A box as `Box3D` builds it: its ground rectangle, vertical extent and volume.
    struct Solid {
        var corners: [(Double, Double)]
        var minZ: Double, maxZ: Double, volume: Double

        init(_ b: Box, invalid: (String) -> any Error) throws {
            let n = b.numbers
            let (x, y, z, width, length, height) = (n[0], n[1], n[2], n[3], n[4], n[5])
            // Quaternion(axis=[0, 0, 1], radians=yaw) = (cos, 0, 0, sin) of yaw / 2.
            let w = cos(n[6] / 2), k = sin(n[6] / 2)
            guard !n[0..<6].contains(where: \.isNaN), !w.isNaN, !k.isNaN else {
                throw invalid("a box of class '\(String(decoding: b.name, as: UTF8.self))' has a NaN or infinite value")
            }
            guard width > 0, length > 0, height > 0 else {
                throw invalid("a box of class '\(String(decoding: b.name, as: UTF8.self))' has a size that is not positive")
            }
            // pyquaternion's rotation matrix, entries (0, 0) and (1, 0), for a unit quaternion.
            let c = w * w - k * k, s = k * w + w * k
            let (l2, w2) = (length / 2, width / 2)
            let points = [(x + l2 * c + w2 * s, y + l2 * s - w2 * c), (x + l2 * c - w2 * s, y + l2 * s + w2 * c),
                          (x - l2 * c - w2 * s, y - l2 * s + w2 * c), (x - l2 * c + w2 * s, y - l2 * s - w2 * c)]
            func orthogonal(_ a: Int, _ b: Int, _ c: Int) -> Bool {
                let (p, q, r) = (points[a], points[b], points[c])
                return abs((q.0 - p.0) * (r.0 - p.0) + (q.1 - p.1) * (r.1 - p.1)) <= 1e-8
            }
            guard orthogonal(0, 1, 3), orthogonal(1, 0, 2), orthogonal(2, 1, 3), orthogonal(3, 0, 2) else {
                throw invalid("a box's corners are not orthogonal in floating point (coordinates too large)")
            }
            corners = points
            minZ = z - height / 2
            maxZ = z + height / 2
            volume = width * length * height
        }

        /// `Box3D.get_iou`.
        func iou(_ other: Solid) -> Double {
            let low = other.minZ > minZ ? other.minZ : minZ, high = other.maxZ < maxZ ? other.maxZ : maxZ
            let h = high - low > 0 ? high - low : 0
            let intersection = h * convexIntersectionArea(corners, other.corners)
            let ratio = intersection / (volume + other.volume - intersection)
            return ratio.isNaN ? ratio : Swift.min(Swift.max(ratio, 0), 1)
        }
    }

    public func score(submission: CSVTable, answers: CSVTable) throws -> Double {
        let cells = try pairedCells(submission, answers, id: "Id", column: "PredictionString")
        let preds = try cells.submission.enumerated().map { row, cell -> [Box] in
            switch cell {
            case .missing: return []
            case .double(let v) where v.isNaN: return []
            case .text(let text): return try Self.boxes(text, row: row, invalid: SubmissionError.init)
            default: throw SubmissionError("'PredictionString' at row \(row + 1) is not text: '\(cell.csvText)'")
            }
        }
        let truth = try cells.answers.enumerated().map { row, cell -> [Box] in
            guard case .text(let text) = cell else { throw MetricError("answers' 'PredictionString' at row \(row + 1) is not text") }
            return try Self.boxes(text, row: row, invalid: MetricError.init)
        }
        var maps = [Double]()
        for (gts, dts) in zip(truth, preds) {
            let classes = Set(gts.map(\.name)).sorted { $0.lexicographicallyPrecedes($1) }
            // Per scored class: the true boxes, the predictions in confidence order, their IoUs.
            var perClass = [(gtCount: Int, ious: [[Double]])?]()
            for name in classes {
                let mine = dts.filter { $0.name == name }
                guard !mine.isEmpty else { perClass.append(nil); continue }
                let gtSolids = try gts.filter { $0.name == name }.map { try Solid($0, invalid: MetricError.init) }
                let sorted = pythonSortedDescending(mine) { $0.score }
                let ious = try sorted.map { p in
                    let solid = try Solid(p, invalid: SubmissionError.init)
                    return gtSolids.map { solid.iou($0) }
                }
                perClass.append((gtSolids.count, ious))
            }
            for threshold in Self.thresholds {
                let aps = perClass.map { c in c.map { Self.averagePrecision(gtCount: $0.gtCount, ious: $0.ious, threshold: threshold) } ?? 0 }
                maps.append(numpyMean(aps))
            }
        }
        let result = numpyMean(maps)
        return result   // NaN when a sample of the answers has no boxes, as in the reference
    }

    /// `parse_row`: nothing for blank text, else groups of nine fields split on single spaces.
    static func boxes(_ text: String, row: Int, invalid: (String) -> any Error) throws -> [Box] {
        if text.unicodeScalars.allSatisfy({ isPythonSpace($0.value) }) { return [] }
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count % 9 == 0 else {
            throw invalid("'PredictionString' at row \(row + 1) has \(fields.count) fields, not groups of nine")
        }
        return try stride(from: 0, to: fields.count, by: 9).map { i in
            let numbers = try fields[i..<(i + 8)].map { try pythonNumber($0, in: "'PredictionString' at row \(row + 1)", invalid) }
            return Box(name: Array(fields[i + 8].utf8), score: numbers[0], numbers: Array(numbers[1...]))
        }
    }

    /// `recall_precision` and `get_ap` for one class of one sample.
    static func averagePrecision(gtCount: Int, ious: [[Double]], threshold: Double) -> Double {
        var checked = [Bool](repeating: false, count: gtCount)
        var recalls = [0.0], precisions = [0.0]
        var tp = 0.0, fp = 0.0
        for overlaps in ious {
            // np.max and np.argmax: NaN wins, else the first largest.
            var best = 0
            for j in overlaps.indices.dropFirst() where !overlaps[best].isNaN && (overlaps[j].isNaN || overlaps[j] > overlaps[best]) {
                best = j
            }
            if overlaps[best] > threshold && !checked[best] {
                tp += 1
                checked[best] = true
            } else {
                fp += 1
            }
            recalls.append(tp / Double(gtCount))
            precisions.append(tp / Swift.max(tp + fp, Double.ulpOfOne))
        }
        recalls.append(1)
        precisions.append(0)
        for i in stride(from: precisions.count - 1, to: 0, by: -1) {
            precisions[i - 1] = Swift.max(precisions[i - 1], precisions[i])
        }
        let steps = (0..<(recalls.count - 1)).filter { recalls[$0 + 1] != recalls[$0] }
        return numpyPairwiseSum(steps.count) { (recalls[steps[$0] + 1] - recalls[steps[$0]]) * precisions[steps[$0] + 1] }
    }
}

/// The area shared by two convex quadrilaterals (either orientation): the first clipped by each
/// edge of the second (Sutherland–Hodgman), then the shoelace formula.
func convexIntersectionArea(_ subject: [(Double, Double)], _ clip: [(Double, Double)]) -> Double {
    func signedArea(_ p: [(Double, Double)]) -> Double {
        var a = 0.0
        for i in p.indices {
            let (x0, y0) = p[i], (x1, y1) = p[(i + 1) % p.count]
            a += x0 * y1 - x1 * y0
        }
        return a / 2
    }
    let orientation: Double = signedArea(clip) < 0 ? -1 : 1
    var polygon = subject
    for e in clip.indices {
        guard !polygon.isEmpty else { break }
        let a = clip[e], b = clip[(e + 1) % clip.count]
        func side(_ p: (Double, Double)) -> Double { orientation * ((b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0)) }
        var output = [(Double, Double)]()
        for i in polygon.indices {
            let p = polygon[i], q = polygon[(i + 1) % polygon.count]
            let sp = side(p), sq = side(q)
            if sp >= 0 { output.append(p) }
            if (sp >= 0) != (sq >= 0) {
                let t = sp / (sp - sq)
                output.append((p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)))
            }
        }
        polygon = output
    }
    return polygon.count < 3 ? 0 : abs(signedArea(polygon))
}
