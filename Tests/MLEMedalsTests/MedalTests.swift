import Foundation
import MLEMedals
import MLETestSupport
import Testing

/// One row of `../shared/data/mle-bench/medal-cases/expected.jsonl`: MLE-bench's own report.
struct MedalCase: Decodable, Sendable {
    struct Report: Decodable, Sendable {
        var gold_threshold: Double?
        var silver_threshold: Double?
        var bronze_threshold: Double?
        var median_threshold: Double?
        var gold_medal: Bool
        var silver_medal: Bool
        var bronze_medal: Bool
        var any_medal: Bool
        var above_median: Bool
        var is_lower_better: Bool
    }
    var `case`: String
    var probe: String
    var leaderboard_path: String
    var input_score: FlexibleDouble?
    var report: Report
}

/// A number, or Python's "NaN" written as a string.
struct FlexibleDouble: Decodable, Sendable {
    var value: Double
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) { value = d } else { value = Double(try c.decode(String.self)) ?? .nan }
    }
}

func loadMedalCases() -> [MedalCase] {
    guard let dir = TestSupport.sharedDirectory?.appendingPathComponent("data/mle-bench/medal-cases"),
          let text = try? String(contentsOf: dir.appendingPathComponent("expected.jsonl"), encoding: .utf8) else { return [] }
    // Python's json writes NaN as a bare token; JSONDecoder reads it as null here.
    return text.split(separator: "\n").compactMap {
        try? JSONDecoder().decode(MedalCase.self, from: Data($0.replacingOccurrences(of: ": NaN", with: ": null").utf8))
    }
}

struct MedalTests {
    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/mle-bench/medal-cases is absent"))
    func everyMedalCaseMatchesMLEBench() throws {
        let cases = loadMedalCases()
        #expect(cases.count == 396)
        let dir = TestSupport.sharedDirectory!.appendingPathComponent("data/mle-bench/medal-cases")
        var boards: [String: Leaderboard] = [:]
        for c in cases {
            let board = try boards[c.leaderboard_path] ?? Leaderboard.parse(
                String(contentsOf: dir.appendingPathComponent(c.leaderboard_path), encoding: .utf8), file: c.leaderboard_path)
            boards[c.leaderboard_path] = board
            let r = try Medals.rank(c.input_score?.value, on: board)
            let label = "\(c.case)/\(c.probe)"
            func same(_ a: Double, _ b: Double?) -> Bool { b.map { a == $0 } ?? a.isNaN }
            #expect(same(r.goldThreshold, c.report.gold_threshold), "\(label) gold threshold")
            #expect(same(r.silverThreshold, c.report.silver_threshold), "\(label) silver threshold")
            #expect(same(r.bronzeThreshold, c.report.bronze_threshold), "\(label) bronze threshold")
            #expect(same(r.medianThreshold, c.report.median_threshold), "\(label) median")
            #expect(r.goldMedal == c.report.gold_medal, "\(label) gold")
            #expect(r.silverMedal == c.report.silver_medal, "\(label) silver")
            #expect(r.bronzeMedal == c.report.bronze_medal, "\(label) bronze")
            #expect(r.anyMedal == c.report.any_medal, "\(label) any")
            #expect(r.aboveMedian == c.report.above_median, "\(label) above median")
            #expect(r.isLowerBetter == c.report.is_lower_better, "\(label) direction")
        }
    }

    @Test func bandsFollowTheTeamCount() {
        #expect(Medals.cutoffPositions(teams: 9) == (1, 1, 3))
        #expect(Medals.cutoffPositions(teams: 99) == (9, 19, 39))
        #expect(Medals.cutoffPositions(teams: 100) == (10, 20, 40))
        #expect(Medals.cutoffPositions(teams: 249) == (10, 49, 99))
        #expect(Medals.cutoffPositions(teams: 250) == (10, 50, 100))
        #expect(Medals.cutoffPositions(teams: 999) == (11, 50, 100))
        #expect(Medals.cutoffPositions(teams: 1000) == (12, 50, 100))
        #expect(Medals.cutoffPositions(teams: 5000) == (20, 250, 500))
    }

    @Test func kaggleRulesCountTheNewTeamAndRankItAfterTies() throws {
        // 10 teams, higher is better: MLE-bench's gold cut-off is position 1 (score 0.9).
        let board = Leaderboard(scores: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0])
        let tie = try Medals.rank(0.9, on: board)
        #expect(tie.goldMedal)
        let kaggleTie = try Medals.rank(0.9, on: board, rules: .kaggle)
        #expect(!kaggleTie.goldMedal)   // ranked 2nd of 11: gold is floor(1.1) = 1 team
        #expect(kaggleTie.silverMedal)  // silver: floor(2.2) = 2
        #expect(try Medals.rank(0.95, on: board, rules: .kaggle).goldMedal)
    }

    @Test func anExplicitDirectionOverridesTheInference() throws {
        let board = Leaderboard(scores: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
        #expect(try Medals.rank(0.05, on: board).goldMedal)
        let forced = try Medals.rank(0.05, on: board, direction: .higherIsBetter)
        #expect(!forced.goldMedal)
        #expect(!forced.isLowerBetter)
    }

    @Test func malformedLeaderboardsAreNamed() throws {
        #expect(throws: MedalError.leaderboard(file: "lb.csv", line: 1, reason: "no 'score' column (columns: a, b)")) {
            try Leaderboard.parse("a,b\n1,2\n", file: "lb.csv")
        }
        #expect(throws: MedalError.leaderboard(file: "lb.csv", line: 3, reason: "score 'x' is not a number")) {
            try Leaderboard.parse("score\n1\nx\n", file: "lb.csv")
        }
        #expect(try Leaderboard.parse("\u{FEFF}\"TeamName\",\"Score\"\r\n\"a, b\",0.5\r\n", file: "k.csv").scores == [0.5])
    }
}
