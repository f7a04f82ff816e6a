import ArgumentParser
import Foundation
import MLECatalog

extension MLEPkg {
    struct CatalogList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls",
            abstract: "List the catalog's competitions that a filter selects.",
            discussion: """
            Filters combine fields with and, or, not and parentheses; 'complexity=low,tag=lite' \
            (a comma is 'and') still works. --fields lists every field and what it means.

            Examples:
              mlepkg catalog ls --filter 'segment != community and completed and grading.local and split.same_distribution and submission.csv'
              mlepkg catalog ls --filter 'complexity == low and recipe' --json
              mlepkg catalog ls --filter 'recipe and tag == lite' --access
              mlepkg catalog ls --fields
            """
        )

        @Option(help: "A selection expression over catalog and recipe fields.")
        var filter: String?

        @Flag(help: "Ask Kaggle whether the rules of each listed competition with a recipe were accepted.")
        var access = false

        @Flag(help: "List the filter fields and their meaning.")
        var fields = false

        @OptionGroup var registry: RegistryOption

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            try validateFilter(filter)
        }

        func run() throws {
            if fields {
                for f in SelectionFilter.fields { print("\(f.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(f.meaning)") }
                return
            }
            let state = try CommandState.make(quiet: true, registry: registry)
            try state.run {
                let ws = state.workspace
                let catalog = try ws.openCatalog()
                let expression = try filter.map { try SelectionFilter(parsing: $0) }
                let rows = try ws.selectionSubjects(registry: ws.loadRegistry(), catalog: catalog)
                    .filter { $0.competition != nil && (expression?.matches($0.subject) ?? true) }
                if let filter, rows.isEmpty { state.output.warn("the filter '\(filter)' matches no competition") }
                let items = rows.map { r in
                    CatalogListItem(id: r.subject.id, kaggle_id: r.competition!.id, slug: r.competition!.slug, title: r.competition!.title,
                                    segment: r.competition!.segment, deadline: r.competition!.deadlineDate,
                                    kaggle_metric: r.competition!.kaggleMetric, metric: r.competition!.metric ?? r.recipe?.grader.metric,
                                    recipe: r.recipe?.id)
                }
                if access {
                    let problems = try ws.checkAccess(rows.compactMap(\.recipe))
                    if json { try state.output.printJSON(problems); return }
                    for p in problems { state.output.print("\(p.competition)  rules not accepted: \(p.rules_url)") }
                    if problems.isEmpty { state.output.print("the rules of all \(rows.compactMap(\.recipe).count) competitions with a recipe are accepted") }
                    return
                }
                if json { try state.output.printJSON(items); return }
                for i in items {
                    state.output.print("\(i.slug)  \(i.segment)  \(i.deadline?.prefix(10) ?? "-")  \(i.kaggle_metric ?? "-")\(i.recipe.map { "  recipe \($0)" } ?? "")")
                }
            }
        }
    }
}

struct CatalogListItem: Encodable {
    var id: String
    var kaggle_id: Int64
    var slug: String
    var title: String
    var segment: String
    var deadline: String?
    var kaggle_metric: String?
    var metric: String?
    var recipe: String?
}
