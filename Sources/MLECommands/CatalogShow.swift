import ArgumentParser
import Foundation
import MLECatalog
import MLEGrading
import MLEMedals

extension MLEPkg {
    struct CatalogShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one competition: catalog row, recipe, complexity, grader, leaderboard and medal cut-offs.",
            discussion: """
            Examples:
              mlepkg catalog show spaceship-titanic
              mlepkg catalog show 3136 --json
            """
        )

        @Argument(help: "A recipe id, a Kaggle slug or a Kaggle competition id.", completion: Completions.competitionIDs)
        var id: String

        @OptionGroup var registry: RegistryOption

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: true, registry: registry)
            try state.run {
                let ws = state.workspace
                let reg = try ws.loadRegistry()
                let catalog = try ws.openCatalog()!
                let slug = reg.recipe(id)?.kaggleSlug ?? id
                guard let c = try catalog.competition(slug) else { throw CatalogError.unknownCompetition(id) }
                let recipe = reg.recipes.first { $0.kaggleSlug.lowercased() == c.slug.lowercased() }
                let board = try catalog.hasLeaderboards() ? try ws.catalogBoard(c.slug, registry: nil) : nil
                let cutoffs = try board.flatMap { b -> MedalResult? in b.entries.isEmpty ? nil : try Medals.rank(nil, on: b.leaderboard, direction: b.direction) }
                var report = CatalogShowReport(
                    kaggle_id: c.id, slug: c.slug, title: c.title, segment: c.segment, segment_title: c.segmentTitle,
                    enabled: c.enabledDate, deadline: c.deadlineDate, completed: (try catalog.asOf()).map { (c.deadlineDate ?? "9") < $0 },
                    kaggle_metric: c.kaggleMetric, kaggle_metric_name: c.kaggleMetricName, higher_is_better: c.higherIsBetter,
                    metric: recipe?.grader.metric ?? c.metric, recipe: recipe?.id, recipe_status: recipe?.status.name,
                    complexity: recipe?.complexity.rawValue ?? ComplexityEstimate.estimate(c), complexity_estimated: recipe == nil,
                    grader_implemented: recipe.map { GraderRegistry.grader(metric: $0.grader.metric, parameters: $0.grader.parameters) != nil }
                        ?? c.metric.map(GraderRegistry.implemented.contains) ?? false,
                    leaderboard_teams: board?.entries.count, total_teams: c.totalTeams)
                let built = try recipe.map { try ws.buildState(of: $0.id) }
                report.build_tree = built?.latestTree
                report.build = recipe.map { r in
                    if case .unsupported(let missing) = r.status { return "not buildable yet (\(missing))" }
                    guard let b = built, let tree = b.latestTree, let at = b.latestAt else { return "\(r.status.name), not built in this store" }
                    return "\(r.status.name), built in this store (tree \(tree.prefix(16))…, \(ISO8601DateFormatter().string(from: at)))"
                        + (b.builds > 1 ? ", \(b.builds) builds" : "")
                } ?? "no recipe"
                if let cutoffs {
                    report.gold_threshold = cutoffs.goldThreshold; report.silver_threshold = cutoffs.silverThreshold
                    report.bronze_threshold = cutoffs.bronzeThreshold; report.median_threshold = cutoffs.medianThreshold
                }
                if json { try state.output.printJSON(report); return }
                let mirror = Swift.Mirror(reflecting: report)
                for child in mirror.children {
                    guard let label = child.label else { continue }
                    let value = Self.plain(child.value) ?? "-"
                    state.output.print("\(label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(value)\(label == "complexity" && report.complexity_estimated ? " (estimated)" : "")")
                }
            }
        }

        /// A field's value as text: an optional's wrapped value, nil for none.
        static func plain(_ value: Any) -> String? {
            let m = Swift.Mirror(reflecting: value)
            guard m.displayStyle == .optional else { return "\(value)" }
            return m.children.first.flatMap { plain($0.value) }
        }
    }
}

struct CatalogShowReport: Encodable {
    var kaggle_id: Int64
    var slug: String
    var title: String
    var segment: String
    var segment_title: String
    var enabled: String?
    var deadline: String?
    var completed: Bool?
    var kaggle_metric: String?
    var kaggle_metric_name: String?
    var higher_is_better: Bool?
    var metric: String?
    var recipe: String?
    var recipe_status: String?
    var complexity: String
    var complexity_estimated: Bool
    var grader_implemented: Bool
    var leaderboard_teams: Int?
    var total_teams: Int64?
    var gold_threshold: Double?
    var silver_threshold: Double?
    var bronze_threshold: Double?
    var median_threshold: Double?
    /// The recipe's status and whether this store holds a build of it, in words.
    var build: String?
    /// The latest build's tree digest, when this store holds one.
    var build_tree: String?
}
