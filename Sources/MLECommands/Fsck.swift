import ArgumentParser
import MLEStore

extension MLEPkg {
    struct Fsck: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-hash every object and report corrupt or missing ones.",
            discussion: """
            Exits with 3 when any object is corrupt or missing, naming each. Orphans (intact objects
            that an interrupted add never indexed) are listed but harmless: `mlepkg store gc` removes them.

            Examples:
              mlepkg fsck
              mlepkg fsck --json
            """
        )

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: json)
            try state.run {
                let store = state.workspace.store
                let problems = try store.fsck { done, total in
                    state.output.progress.working("fsck", done: done, total: total)
                }
                state.output.progress.clear()
                let checked = try store.objectsOnDisk().count
                if json {
                    try state.output.printJSON(FsckJSON(checked: checked, problems: problems.map {
                        FsckJSON.Problem(kind: $0.kind.rawValue, object: $0.object.description, detail: $0.detail)
                    }))
                } else {
                    for p in problems { state.output.print(p.description) }
                    let damage = problems.filter(\.isDamage).count, orphans = problems.count - damage
                    let summary = damage == 0 ? "all intact" : "\(damage) problems"
                    state.output.print("checked \(Format.count(checked, "object")): \(summary)"
                        + (orphans == 0 ? "" : " (\(orphans) orphaned, harmless; 'mlepkg store gc' removes them)"))
                }
                if problems.contains(where: \.isDamage) { throw Exit.integrity }
            }
        }
    }
}

struct FsckJSON: Encodable {
    struct Problem: Encodable {
        var kind: String
        var object: String
        var detail: String
    }
    var checked: Int
    var problems: [Problem]
}
