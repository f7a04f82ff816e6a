import Foundation
import MLEMedals

/// A competition's final private leaderboard rebuilt from Meta Kaggle, and what can be said
/// of it: MLE-bench's `leaderboard.csv`, and the medals the medal engine gives each team
/// compared with the ones Kaggle awarded (Teams.Medal).
public struct CatalogBoard: Sendable, Equatable {
    public var competition: CatalogCompetition
    /// In PrivateLeaderboardRank order, benchmark teams and after-deadline submissions left out.
    public var entries: [LeaderboardEntry]

    public init(competition: CatalogCompetition, entries: [LeaderboardEntry]) {
        self.competition = competition
        self.entries = entries
    }

    /// MLE-bench's `leaderboard.csv`: one row per team in rank order.
    ///
    /// Columns as in the boards MLE-bench ships: `scoreNullable,teamId,hasTeamName,
    /// submissionDate,score,hasScore`; the score is Kaggle's full-precision text.
    public func csv() -> String {
        var out = "scoreNullable,teamId,hasTeamName,submissionDate,score,hasScore\n"
        out.reserveCapacity(entries.count * 64)
        for e in entries {
            let date = e.submissionDate.map { $0.replacingOccurrences(of: "T", with: " ") } ?? ""
            let has = e.score != nil
            out += "\(e.scoreText),\(e.teamId),\(e.teamName.isEmpty ? "False" : "True"),\(date),\(e.scoreText),\(has ? "True" : "False")\n"
        }
        return out
    }

    /// The board as the medal engine reads it.
    public var leaderboard: Leaderboard { Leaderboard(scores: entries.map { $0.score ?? .nan }) }

    /// The direction from `EvaluationAlgorithmIsMax`, never guessed from the scores.
    public var direction: ScoreDirection { ScoreDirection(lowerIsBetter: competition.higherIsBetter.map { !$0 }) }

    public struct MedalDisagreement: Sendable, Equatable, Codable {
        public var team_id: Int64
        public var rank: Int64?
        public var score: String
        /// 1 gold, 2 silver, 3 bronze, nil none.
        public var kaggle_medal: Int64?
        public var computed_medal: Int64?
    }

    /// Teams whose medal from the medal engine (MLE-bench's rules, each team's own score placed
    /// on the board) differs from Teams.Medal.
    public func medalDisagreements() throws -> [MedalDisagreement] {
        guard !entries.isEmpty else { return [] }
        let board = leaderboard
        var out: [MedalDisagreement] = []
        for e in entries {
            let r = try Medals.rank(e.score, on: board, rules: .mlebench, direction: direction)
            let computed: Int64? = r.goldMedal ? 1 : r.silverMedal ? 2 : r.bronzeMedal ? 3 : nil
            if computed != e.medal {
                out.append(MedalDisagreement(team_id: e.teamId, rank: e.rank, score: e.scoreText, kaggle_medal: e.medal, computed_medal: computed))
            }
        }
        return out
    }
}
