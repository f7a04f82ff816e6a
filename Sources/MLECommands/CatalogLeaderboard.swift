import ArgumentParser
import Foundation
import MLEBasics
import MLECatalog

extension MLEPkg {
    struct CatalogLeaderboard: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "leaderboard",
            abstract: "Write a competition's final private leaderboard in MLE-bench's leaderboard.csv format.",
            discussion: """
            The board is Teams (PrivateLeaderboardSubmissionId, PrivateLeaderboardRank, Medal) \
            joined to Submissions (PrivateScoreFullPrecision), benchmark teams and after-deadline \
            submissions left out, in rank order. --check-medals compares the medals the medal \
            engine gives each team with Teams.Medal and lists the differences. --compare puts \
            the board beside another one: 'kaggle' fetches Kaggle's leaderboard download \
            (kaggle://competitions/SLUG/leaderboard, through the store: fetched once, pinned, \
            offline afterwards), or give a leaderboard CSV (Kaggle's or MLE-bench's) or a zip of \
            one. It lists the teams on one board only, the scores that differ, and each board's \
            medal cut-offs; the exit status is 1 when the boards differ (rounding aside).

            Examples:
              mlepkg catalog leaderboard spaceship-titanic -o leaderboard.csv
              mlepkg catalog leaderboard 3136 --check-medals --json
              mlepkg catalog leaderboard spaceship-titanic --compare kaggle
              mlepkg catalog leaderboard leaf-classification --compare mle-bench/leaderboard.csv --json
            """
        )

        @Argument(help: "A recipe id, a Kaggle slug or a Kaggle competition id.", completion: Completions.competitionIDs)
        var id: String

        @Option(name: .shortAndLong, help: "Write the board to FILE instead of standard output.")
        var output: String?

        @Flag(help: "Compare the medal engine's medals with Teams.Medal.")
        var checkMedals = false

        @Option(help: ArgumentHelp("Compare with another board: 'kaggle', a leaderboard CSV or a zip of one.", valueName: "board"))
        var compare: String?

        @OptionGroup var registry: RegistryOption

        @Flag(help: "Print JSON (with --check-medals or --compare).")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: true, registry: registry)
            try state.run {
                let ws = state.workspace
                if let compare {
                    let c = try ws.compareBoard(id, with: compare, registry: try? ws.loadRegistry())
                    if json { try state.output.printJSON(c) } else { Self.printComparison(c, to: state.output) }
                    if !c.agrees { throw Exit.failure }
                    return
                }
                let board = try ws.catalogBoard(id, registry: try? ws.loadRegistry())
                if board.entries.isEmpty { state.output.warn("'\(id)' has no team on its final private leaderboard") }
                if checkMedals {
                    let differences = try board.medalDisagreements()
                    if json {
                        try state.output.printJSON(MedalCheckReport(competition: board.competition.slug, teams: board.entries.count, disagreements: differences))
                    } else {
                        state.output.print("\(board.competition.slug): \(Format.count(board.entries.count, "team")), \(differences.count) medal disagreement(s)")
                        for d in differences {
                            state.output.print("team \(d.team_id)  rank \(d.rank.map(String.init) ?? "-")  score \(d.score)  Kaggle \(Self.medal(d.kaggle_medal))  computed \(Self.medal(d.computed_medal))")
                        }
                    }
                    if output == nil { return }
                }
                let text = board.csv()
                if let output {
                    try FileIO.writeAtomically(Data(text.utf8), to: output)
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
        }

        static func printComparison(_ c: BoardComparison, to out: TerminalOutput) {
            func number(_ d: Double?) -> String { d.map { "\($0)" } ?? "-" }
            out.print("\(c.competition): the catalog's board against \(c.other)")
            out.print("            teams  gold  silver  bronze  median")
            for (label, b) in [("catalog", c.catalog), ("other", c.other_board)] {
                out.print("\(label.padding(toLength: 10, withPad: " ", startingAt: 0)) \(b.teams)  \(number(b.gold_threshold))  \(number(b.silver_threshold))  \(number(b.bronze_threshold))  \(number(b.median_threshold))")
            }
            if c.by_position_only {
                out.print("the other board has no team ids: only the cut-offs were compared")
            } else {
                out.print("\(Format.count(c.teams_in_both, "team")) on both; \(c.only_in_catalog_count) only in the catalog, \(c.only_in_other_count) only in the other; \(c.score_differences_count) score difference(s)")
                for d in c.score_differences { out.print("team \(d.team_id)  catalog \(number(d.catalog_score))  other \(number(d.other_score))") }
                if !c.only_in_catalog.isEmpty { out.print("only in the catalog: " + c.only_in_catalog.map(String.init).joined(separator: ", ")) }
                if !c.only_in_other.isEmpty { out.print("only in the other: " + c.only_in_other.map(String.init).joined(separator: ", ")) }
            }
            out.print(c.sameCutoffs ? "same medal cut-offs" : "the medal cut-offs differ")
            if !c.agrees { out.print("the boards differ") }
        }

        static func medal(_ m: Int64?) -> String {
            switch m { case 1?: return "gold"; case 2?: return "silver"; case 3?: return "bronze"; default: return "none" }
        }
    }
}

struct MedalCheckReport: Encodable {
    var competition: String
    var teams: Int
    var disagreements: [CatalogBoard.MedalDisagreement]
}
