import ArgumentParser
import MLECatalog

extension MLEPkg {
    struct Catalog: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Select competitions from a Meta Kaggle snapshot and rebuild their leaderboards.",
            discussion: """
            The catalog (MLEPKG_HOME/catalog.sqlite) is loaded from Meta Kaggle's tables \
            (Competitions, and when present the old dumps' lookup tables, Organizations, Tags, \
            CompetitionTags, Teams and Submissions), kept in the store. Filters select over \
            catalog and recipe fields in one language ('mlepkg catalog ls --fields' lists them).

            Examples:
              mlepkg catalog sync --snapshot ~/meta-kaggle
              mlepkg catalog ls --filter 'segment != community and completed and grading.local'
              mlepkg catalog funnel --json
              mlepkg catalog show spaceship-titanic
              mlepkg catalog leaderboard spaceship-titanic -o leaderboard.csv
            """,
            subcommands: [CatalogSync.self, CatalogList.self, CatalogFunnelCommand.self, CatalogShow.self, CatalogLeaderboard.self]
        )
    }
}
