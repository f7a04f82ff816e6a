import Foundation
import MLETable

// What a competition grader is, and how graders pair a submission's rows with the answers'.
//
// Each grader reproduces one MLE-bench grade.py (its doc comment names the competitions): the
// checks (columns, row counts, id alignment, label types) follow that grade.py in its order, so a
// submission fails with the same problem. Where the reference fails with an exception (which
// MLE-bench's `Grader` turns into an invalid submission) a grader throws; where it returns NaN
// (SciPy's `pearsonr` of a constant column, say) it returns NaN too: MLE-bench reports such a
// submission valid, scored NaN, and winning nothing.

/// Scores a submission table against the answers, as the competition's MLE-bench grader does.
///
/// Throws ``SubmissionError`` (or ``MetricError``) for what MLE-bench calls an invalid
/// submission; the caller rounds the score to five decimals as MLE-bench's `Grader` does.
public protocol CompetitionGrader: Sendable {
    func score(submission: CSVTable, answers: CSVTable) throws -> Double
    /// Whether predictions are probabilities (checked in [0, 1], rows summing to one).
    var predictsProbabilities: Bool { get }
}

extension CompetitionGrader {
    /// Most graders score labels or numbers.
    public var predictsProbabilities: Bool { false }
}

/// Pairs submission rows with answer rows by id, as MLE-bench's `prepare_for_*` helpers do by
/// sorting both on the id column and requiring equal id sequences.
///
/// With unique answer ids (every prepared competition has them) that is the same as requiring
/// the submission's ids to be a permutation of the answers', which a hash map checks in O(n);
/// ids compare as pandas compares them (numbers by value, text by characters). Boards with
/// repeated answer ids fall back to sorting.
func alignByID(_ submission: CSVTable, _ answers: CSVTable, id: String) throws -> (sub: [Int], ans: [Int]) {
    let (sub, ans) = try alignByIDKeepingOrder(submission, answers, id: id)
    return (sub ?? Array(0 ..< ans.count), ans)
}

/// ``alignByID``, with `sub` nil when it is the submission's own row order (as the join keys
/// give it), which saves a million-entry identity array.
func alignByIDKeepingOrder(_ submission: CSVTable, _ answers: CSVTable, id: String) throws -> (sub: [Int]?, ans: [Int]) {
    let sc = try submission.requireColumn(id)
    let ac = try answers.requireColumn(id, in: "answers")
    if let aKeys = answers.joinKeys(column: ac), let sKeys = submission.joinKeys(column: sc),
       let pairs = sKeys.pairing(with: aKeys) {
        return (nil, pairs)
    }
    // Repeated answer ids, ids that do not match (for the message), or columns the fast keys
    // do not cover: string keys.
    let aKeys = answers.idKeys(ac), sKeys = submission.idKeys(sc)
    var index = [String: Int](minimumCapacity: aKeys.count)
    var unique = true
    for (row, key) in aKeys.enumerated() where index.updateValue(row, forKey: key) != nil { unique = false; break }
    if unique {
        var used = [Bool](repeating: false, count: aKeys.count)
        var pairs = [Int]()
        pairs.reserveCapacity(sKeys.count)
        for key in sKeys {
            guard let row = index[key], !used[row] else {
                throw SubmissionError("the submission's '\(id)' values do not match the answers' (unexpected or repeated '\(key.dropFirst(2).prefix(40))')")
            }
            used[row] = true
            pairs.append(row)
        }
        return (nil, pairs)
    }
    let so = try submission.sortOrder(sc)
    let ao = try answers.sortOrder(ac)
    for (a, b) in zip(so, ao) where sKeys[a] != aKeys[b] {
        throw SubmissionError("the submission's '\(id)' values do not match the answers' (first difference: '\(sKeys[a].dropFirst(2).prefix(40))')")
    }
    return (so, ao)
}

/// The cells of one column of each table paired by id (``alignByID``), after the `checks` in
/// their order: position `i` of both arrays holds the same id's submitted and true values.
func alignedCells(_ submission: CSVTable, _ answers: CSVTable, id: String, column: String, checking checks: [PreambleCheck] = [])
    throws -> (submitted: [CSVTable.Value], truth: [CSVTable.Value]) {
    try check(checks, submission, answers, id: id, target: column)
    let st = try submission.requireColumn(column)
    let at = try answers.requireColumn(column, in: "answers")
    let (so, ao) = try alignByIDKeepingOrder(submission, answers, id: id)
    let submitted = submission.columnValues([st])[0], truth = answers.columnValues([at])[0]
    return (so.map { $0.map { submitted[$0] } } ?? submitted, ao.map { truth[$0] })
}

/// The common preamble: as many rows as the answers, the id and `column` in the submission, rows
/// paired by id (as sorting both on it does); the column's cells of both, in paired order.
func pairedCells(_ submission: CSVTable, _ answers: CSVTable, id: String, column: String) throws
    -> (submission: [CSVTable.Value], answers: [CSVTable.Value]) {
    let cells = try alignedCells(submission, answers, id: id, column: column, checking: [.sameRowCount, .submissionID])
    return (cells.submitted, cells.truth)
}

extension CSVTable {
    /// Keys under which pandas considers two ids equal: numbers by value, text by characters.
    func idKeys(_ column: Int) -> [String] {
        columnValues([column])[0].map { cell in
            switch cell {
            case .int(let v): return "n:\(Double(v))"
            case .uint(let v): return "n:\(Double(v))"
            case .double(let v): return "n:\(v)"
            case .bool(let b): return b ? "n:1.0" : "n:0.0"
            case .missing: return "m:"
            case .text(let t): return "t:" + t
            }
        }
    }
}

/// The checks graders make before scoring a target column, named so that each grader can list
/// them in its reference's order (a submission then fails with the same problem first).
enum PreambleCheck { case sameRowCount, submissionID, submissionTarget, answersTarget, answersID }

/// The target column's index in the submission and in the answers and the rows paired by id
/// (``alignByID``), after the `checks` in their order.
func pairedTarget(_ submission: CSVTable, _ answers: CSVTable, id: String, target: String, checking checks: [PreambleCheck])
    throws -> (submission: Int, answers: Int, so: [Int], ao: [Int]) {
    try check(checks, submission, answers, id: id, target: target)
    let (so, ao) = try alignByID(submission, answers, id: id)
    return (try submission.requireColumn(target), try answers.requireColumn(target, in: "answers"), so, ao)
}

/// Runs `checks` in their order.
func check(_ checks: [PreambleCheck], _ submission: CSVTable, _ answers: CSVTable, id: String, target: String) throws {
    for c in checks {
        switch c {
        case .sameRowCount: try requireSameRowCount(submission, answers)
        case .submissionID: _ = try submission.requireColumn(id)
        case .submissionTarget: _ = try submission.requireColumn(target)
        case .answersTarget: _ = try answers.requireColumn(target, in: "answers")
        case .answersID: _ = try answers.requireColumn(id, in: "answers")
        }
    }
}
