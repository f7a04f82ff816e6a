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
            engine gives each team with Teams.Medal and lists the differences.

            Examples:
              mlepkg catalog leaderboard spaceship-titanic -o leaderboard.csv
              mlepkg catalog leaderboard 3136 --check-medals --json
            """
        )

        @Argument(help: "A recipe id, a Kaggle slug or a Kaggle competition id.", completion: Completions.competitionIDs)
        var id: String

        @Option(name: .shortAndLong, help: "Write the board to FILE instead of standard output.")
        var output: String?

        @Flag(help: "Compare the medal engine's medals with Teams.Medal.")
        var checkMedals = false

        @OptionGroup var registry: RegistryOption

        @Flag(help: "Print JSON (with --check-medals).")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: true, registry: registry)
            try state.run {
                let ws = state.workspace
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
