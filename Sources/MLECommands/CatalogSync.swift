import ArgumentParser
import Foundation
import MLECatalog

extension MLEPkg {
    struct CatalogSync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Load a Meta Kaggle snapshot into the catalog.",
            discussion: """
            Each table is added to the store, then loaded; the catalog records the tables' \
            SHA-256, so syncing the same bytes again is a no-op. Without --snapshot the tables \
            are fetched from Kaggle's kaggle/meta-kaggle dataset (store, drop folders, then the \
            network). Any error leaves the previous catalog as it was.

            Examples:
              mlepkg catalog sync --snapshot ~/meta-kaggle
              mlepkg catalog sync --snapshot ~/meta-kaggle-2022 --as-of 2022-03-01
              mlepkg catalog sync --from-kaggle
            """
        )

        @Option(help: "A folder of Meta Kaggle tables (Competitions.csv, Teams.csv, …).")
        var snapshot: String?

        @Flag(help: "Fetch the tables from Kaggle's kaggle/meta-kaggle dataset.")
        var fromKaggle = false

        @Option(help: "The snapshot's date (yyyy-MM-dd): 'completed' means a deadline before it (default: the latest EnabledDate).")
        var asOf: String?

        @Flag(help: "Print JSON.")
        var json = false

        @Flag(name: .shortAndLong, help: "No progress output.")
        var quiet = false

        func validate() throws {
            if (snapshot == nil) == !fromKaggle { throw ValidationError("Please pass one of --snapshot DIR and --from-kaggle.") }
            if let asOf, KaggleVocabulary.isoDate(asOf) == nil { throw ValidationError("Please pass --as-of as yyyy-MM-dd, got '\(asOf)'.") }
        }

        func run() throws {
            let state = try CommandState.make(quiet: quiet || json)
            try state.run {
                let outcome = try state.workspace.syncCatalog(snapshot: snapshot, asOf: asOf.flatMap(KaggleVocabulary.isoDate))
                let (tables, changed, summary): ([CatalogTable], Bool, CatalogLoader.Summary?) = {
                    switch outcome {
                    case .upToDate(let t): return (t, false, nil)
                    case .loaded(let s): return (s.tables, true, s)
                    }
                }()
                if json {
                    try state.output.printJSON(SyncReport(changed: changed, as_of: try state.workspace.openCatalog()?.asOf(),
                                                          tables: tables.map { .init(name: $0.name, sha256: $0.digest, size: $0.size, rows: $0.rows) },
                                                          leaderboard_entries: summary?.leaderboardEntries))
                    return
                }
                for t in tables { state.output.print("\(t.name)  \(t.rows) rows  sha256:\(t.digest)") }
                if let summary {
                    state.output.print("catalog: \(summary.competitions) competitions, \(summary.teams) teams, \(summary.leaderboardEntries) leaderboard entries, as of \(summary.asOf ?? "unknown")")
                } else {
                    state.output.print("catalog up to date")
                }
            }
        }
    }
}

struct SyncReport: Encodable {
    struct Table: Encodable { var name: String; var sha256: String; var size: Int64; var rows: Int64 }
    var changed: Bool
    var as_of: String?
    var tables: [Table]
    var leaderboard_entries: Int?
}
