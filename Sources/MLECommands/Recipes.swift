import ArgumentParser
import Foundation
import MLEGrading
import MLERecipes

extension MLEPkg {
    struct Recipes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, check and tabulate the competition recipes in the registry.",
            discussion: """
            --filter takes the selection language of 'build', 'lock', 'run' and 'catalog ls': \
            recipe fields and, once a catalog was synced, Meta Kaggle's (list them with \
            'mlepkg catalog ls --fields'). 'complexity=low,tag=lite' keeps working: the comma is \
            'and', '=' is '=='.

            Examples:
              mlepkg recipes --filter complexity=low,tag=lite
              mlepkg recipes --check
              mlepkg recipes --table > support.md
              mlepkg recipes --filter 'status == supported or status == checked' --json
              mlepkg recipes --filter 'grading.local and not complexity.estimated' 
            """
        )

        @OptionGroup var registry: RegistryOption

        @Option(help: "Select recipes, e.g. 'complexity=low,tag=lite'.")
        var filter: String?

        @Flag(help: "Only check that every recipe parses; print a count.")
        var check = false

        @Flag(help: "Print the support table (Markdown).")
        var table = false

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            try validateFilter(filter)
        }

        func run() throws {
            let state = try CommandState.make(registry: registry)
            try state.run {
                let reg = try Registry.load(directory: state.workspace.configuration.registryDirectory)
                let recipes = try state.workspace.selectRecipes(reg, ids: [], filter: filter)
                if check {
                    state.output.print("\(reg.recipes.count) recipes parse: " + Recipe.Status.names.map { s in
                        "\(reg.recipes.filter { $0.status.name == s }.count) \(s)"
                    }.joined(separator: ", "))
                } else if table {
                    state.output.print(SupportTable.markdown(recipes))
                } else if json {
                    try state.output.printJSON(recipes.map(RecipeJSON.init))
                } else {
                    for r in recipes {
                        state.output.print("\(r.id)  \(r.complexity.rawValue)  \(r.status.name)  \(r.grader.metric)  [\(r.tags.joined(separator: ","))]")
                    }
                }
            }
        }
    }
}

struct RecipeJSON: Encodable {
    var id, name, kaggle, complexity, status, metric: String
    var tags: [String]
    var missing: String?
    /// With `checked`: the check its outputs passed.
    var checkedBy: String?
    enum CodingKeys: String, CodingKey { case id, name, kaggle, complexity, status, metric, tags, missing, checkedBy = "checked_by" }
    init(_ r: Recipe) {
        id = r.id; name = r.name; kaggle = r.kaggleSlug; complexity = r.complexity.rawValue
        status = r.status.name; metric = r.grader.metric; tags = r.tags
        if case .unsupported(let m) = r.status { missing = m }
        if case .checked(let check) = r.status { checkedBy = check }
    }
}

/// The README's support table, generated from the registry.
enum SupportTable {
    static func markdown(_ recipes: [Recipe]) -> String {
        var lines = ["| competition | complexity | tags | build | grader | grading | missing |", "|---|---|---|---|---|---|---|"]
        for r in recipes {
            var missing = ""
            if case .unsupported(let m) = r.status { missing = m }
            let grading = GraderRegistry.grader(metric: r.grader.metric, parameters: r.grader.parameters) != nil ? "yes" : "not yet"
            lines.append("| \(r.id) | \(r.complexity.rawValue) | \(r.tags.joined(separator: ", ")) | \(r.status.name) | \(r.grader.metric) | \(grading) | \(missing) |")
        }
        return lines.joined(separator: "\n")
    }
}
