import ArgumentParser
import Foundation
import MLEWorkspace
import MLEMedals
import MLEBasics

extension MedalRules: ExpressibleByArgument {}

/// `--lower-is-better` / `--higher-is-better`, shared by `medal` and `grade`.
struct DirectionOptions: ParsableArguments {
    @Flag(help: "Lower scores are better (overrides the inference from the leaderboard).")
    var lowerIsBetter = false

    @Flag(help: "Higher scores are better (overrides the inference from the leaderboard).")
    var higherIsBetter = false

    @Option(help: "mlebench (MLE-bench's ranking, the default) or kaggle (Kaggle's progression rules).")
    var rules: MedalRules = .mlebench

    func validate() throws {
        if lowerIsBetter && higherIsBetter {
            throw ValidationError("Please pass at most one of --lower-is-better and --higher-is-better.")
        }
    }

    var direction: ScoreDirection { lowerIsBetter ? .lowerIsBetter : higherIsBetter ? .higherIsBetter : .inferred }
}

extension MLEPkg {
    struct Medal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place a score on a private leaderboard and say which medal it earns.",
            discussion: """
            Thresholds sit at 1-based positions of the board (in file order) chosen by the \
            team-count bands of Kaggle's progression table; a score equal to a threshold gets \
            that medal; above_median is strict. The direction is inferred from the board as \
            MLE-bench does unless given. With --rules kaggle the submission joins the board \
            (n + 1 teams) and ranks after equal scores.

            Examples:
              mlepkg medal --leaderboard leaderboard.csv --score 0.81234
              mlepkg medal --leaderboard lb.csv --score 0.2 --lower-is-better --json
              mlepkg medal --leaderboard kaggle-download.csv --score 0.9 --rules kaggle
              mlepkg medal --competition spaceship-titanic --score 0.81   # the catalog's board
            """
        )

        @Option(help: "MLE-bench's leaderboard.csv or Kaggle's leaderboard download.")
        var leaderboard: String?

        @Option(help: "Use this competition's board from the catalog instead (a recipe id, Kaggle slug or id).")
        var competition: String?

        // `.unconditional`: scores can be negative (`--score -6.5`), which would otherwise read as a flag.
        @Option(parsing: .unconditional, help: "The score to place (negative values and -inf/inf/nan are read as numbers).")
        var score: Double

        @OptionGroup var directionOptions: DirectionOptions

        @Flag(help: "Print JSON with MLE-bench's report field names.")
        var json = false

        func validate() throws {
            if (leaderboard == nil) == (competition == nil) { throw ValidationError("Please pass one of --leaderboard FILE and --competition ID.") }
        }

        func run() throws {
            let output = TerminalOutput(quiet: true, json: json)
            do {
                var board: Leaderboard
                var direction = directionOptions.direction
                if let competition {
                    // Meta Kaggle's board; its direction is EvaluationAlgorithmIsMax unless overridden.
                    let state = try CommandState.make(quiet: true, json: json)
                    let b = try state.workspace.catalogBoard(competition, registry: try? state.workspace.loadRegistry())
                    board = b.leaderboard
                    if direction == .inferred { direction = b.direction }
                } else {
                    let leaderboard = leaderboard!
                    let data = try FileIO.contents(of: leaderboard)
                    board = try Leaderboard.parse(String(decoding: data, as: UTF8.self), file: leaderboard)
                }
                let r = try Medals.rank(score, on: board, rules: directionOptions.rules, direction: direction)
                if json {
                    try output.printJSON(MedalJSON(score: score, r))
                } else {
                    let medal = r.goldMedal ? "gold" : r.silverMedal ? "silver" : r.bronzeMedal ? "bronze" : "no medal"
                    output.print("\(medal) (\(Format.count(board.scores.count, "team")), \(r.isLowerBetter ? "lower" : "higher") is better)")
                    output.print("thresholds: gold \(Format.score(r.goldThreshold))  silver \(Format.score(r.silverThreshold))  bronze \(Format.score(r.bronzeThreshold))  median \(Format.score(r.medianThreshold))")
                    output.print(r.aboveMedian ? "above median" : "not above median")
                }
            } catch { throw output.fail(error) }
        }
    }
}

/// MLE-bench's report fields for a medal placement.
struct MedalJSON: Encodable {
    var score: Double?
    var gold_threshold, silver_threshold, bronze_threshold, median_threshold: Double?
    var any_medal, gold_medal, silver_medal, bronze_medal, above_median, is_lower_better: Bool

    init(score: Double?, _ r: MedalResult) {
        func finite(_ d: Double) -> Double? { d.isNaN ? nil : d }
        self.score = score.flatMap(finite)
        gold_threshold = finite(r.goldThreshold)
        silver_threshold = finite(r.silverThreshold)
        bronze_threshold = finite(r.bronzeThreshold)
        median_threshold = finite(r.medianThreshold)
        any_medal = r.anyMedal
        gold_medal = r.goldMedal
        silver_medal = r.silverMedal
        bronze_medal = r.bronzeMedal
        above_median = r.aboveMedian
        is_lower_better = r.isLowerBetter
    }
}
