import Foundation

/// A private leaderboard: one score per team, in the order of the file (best first).
public struct Leaderboard: Sendable, Equatable {
    /// NaN for teams without a score.
    public var scores: [Double]

    public init(scores: [Double]) { self.scores = scores }

    /// Reads MLE-bench's `leaderboard.csv` (a `score` column) or Kaggle's leaderboard
    /// download (a `Score` column). Quoted fields are allowed; an empty score is NaN.
    public static func parse(_ text: String, file: String) throws -> Leaderboard {
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0].removeFirst() }
        guard let header = lines.first else { throw MedalError.leaderboard(file: file, line: 1, reason: "the file is empty") }
        let columns = splitCSVLine(header)
        guard let index = columns.firstIndex(where: { $0 == "score" }) ?? columns.firstIndex(where: { $0.lowercased() == "score" }) else {
            throw MedalError.leaderboard(file: file, line: 1, reason: "no 'score' column (columns: \(columns.joined(separator: ", ")))")
        }
        var scores: [Double] = []
        for (n, line) in lines.dropFirst().enumerated() {
            let fields = splitCSVLine(line)
            guard index < fields.count else {
                throw MedalError.leaderboard(file: file, line: n + 2, reason: "expected \(columns.count) fields, got \(fields.count)")
            }
            let cell = fields[index].trimmingCharacters(in: .whitespaces)
            if cell.isEmpty || cell.lowercased() == "nan" {
                scores.append(.nan)
            } else if let v = Double(cell) {
                scores.append(v)
            } else {
                throw MedalError.leaderboard(file: file, line: n + 2, reason: "score '\(cell)' is not a number")
            }
        }
        guard !scores.isEmpty else { throw MedalError.leaderboard(file: file, line: 2, reason: "no teams") }
        return Leaderboard(scores: scores)
    }

    static func splitCSVLine(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var it = Array(line).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { current.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}

public enum MedalError: Error, Sendable, Equatable, CustomStringConvertible {
    case leaderboard(file: String, line: Int, reason: String)
    case emptyLeaderboard

    public var description: String {
        switch self {
        case .leaderboard(let file, let line, let reason): return "invalid leaderboard '\(file)' at line \(line): \(reason)"
        case .emptyLeaderboard: return "the leaderboard has no teams"
        }
    }
}

/// Which medal rules to apply.
public enum MedalRules: String, Sendable, CaseIterable {
    /// MLE-bench's `Grader.rank_score`, exactly.
    case mlebench
    /// Kaggle's progression page, where MLE-bench departs from it:
    /// - the submission joins the board, so the bands and cut-offs count n + 1 teams;
    /// - it is ranked after teams with an equal score (they submitted earlier), so a tie with
    ///   the last medal position does not win that medal.
    /// Percentages are rounded down in both, as Kaggle's page says.
    case kaggle
}

/// Which way scores improve.
public enum ScoreDirection: String, Sendable {
    /// From the board, as MLE-bench does: lower is better when the first score is below the last.
    case inferred
    case lowerIsBetter
    case higherIsBetter

    /// A metric's known direction; nil leaves it to the board.
    public init(lowerIsBetter: Bool?) {
        switch lowerIsBetter {
        case true?: self = .lowerIsBetter
        case false?: self = .higherIsBetter
        case nil: self = .inferred
        }
    }
}

/// The medal a score earns, with the thresholds, in MLE-bench's report fields.
public struct MedalResult: Sendable, Equatable {
    public var goldThreshold: Double
    public var silverThreshold: Double
    public var bronzeThreshold: Double
    public var medianThreshold: Double
    public var goldMedal: Bool
    public var silverMedal: Bool
    public var bronzeMedal: Bool
    public var aboveMedian: Bool
    public var isLowerBetter: Bool
    public var anyMedal: Bool { goldMedal || silverMedal || bronzeMedal }
}

public enum Medals {
    /// MLE-bench's inference: lower is better when the first score is below the last
    /// (a NaN at either end makes the comparison false: higher is better).
    public static func isLowerBetter(_ board: Leaderboard) -> Bool {
        board.scores.first! < board.scores.last!
    }

    /// 1-based positions of the gold, silver and bronze cut-offs for `teams` teams.
    public static func cutoffPositions(teams: Int) -> (gold: Int, silver: Int, bronze: Int) {
        let n = Double(teams)
        switch teams {
        case ..<100:
            return (max(1, Int(n * 0.1)), max(1, Int(n * 0.2)), max(1, Int(n * 0.4)))
        case 100..<250:
            return (10, max(1, Int(n * 0.2)), max(1, Int(n * 0.4)))
        case 250..<1000:
            return (10 + Int(n * 0.002), 50, 100)
        default:
            return (10 + Int(n * 0.002), max(1, Int(n * 0.05)), max(1, Int(n * 0.1)))
        }
    }

    /// pandas' `Series.median()`: NaN skipped; the mean of the two middle values.
    public static func median(_ scores: [Double]) -> Double {
        let s = scores.filter { !$0.isNaN }.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Places `score` (nil: no valid submission) on `board`.
    public static func rank(_ score: Double?, on board: Leaderboard, rules: MedalRules = .mlebench,
                            direction: ScoreDirection = .inferred) throws -> MedalResult {
        guard !board.scores.isEmpty else { throw MedalError.emptyLeaderboard }
        let lower: Bool
        switch direction {
        case .inferred: lower = isLowerBetter(board)
        case .lowerIsBetter: lower = true
        case .higherIsBetter: lower = false
        }
        let scores = board.scores
        let teams = rules == .kaggle ? scores.count + 1 : scores.count
        let (g, s, b) = cutoffPositions(teams: teams)
        // Positions beyond the board (possible with few teams) take the last score, as
        // a board that short has every team within the band.
        func at(_ p: Int) -> Double { scores[min(p, scores.count) - 1] }
        var result = MedalResult(goldThreshold: at(g), silverThreshold: at(s), bronzeThreshold: at(b),
                                 medianThreshold: median(scores), goldMedal: false, silverMedal: false,
                                 bronzeMedal: false, aboveMedian: false, isLowerBetter: lower)
        // No score, or NaN (a valid submission MLE-bench scores NaN): no medal, not above the median.
        guard let score, !score.isNaN else { return result }
        func reaches(_ threshold: Double) -> Bool { lower ? score <= threshold : score >= threshold }
        switch rules {
        case .mlebench:
            result.goldMedal = reaches(result.goldThreshold)
            result.silverMedal = !result.goldMedal && reaches(result.silverThreshold)
            result.bronzeMedal = !result.goldMedal && !result.silverMedal && reaches(result.bronzeThreshold)
        case .kaggle:
            // The new team's rank: one after every team at least as good.
            let better = scores.filter { !$0.isNaN && (lower ? $0 <= score : $0 >= score) }.count
            let position = better + 1
            result.goldMedal = position <= g
            result.silverMedal = !result.goldMedal && position <= s
            result.bronzeMedal = !result.goldMedal && !result.silverMedal && position <= b
        }
        result.aboveMedian = lower ? score < result.medianThreshold : score > result.medianThreshold
        return result
    }
}
