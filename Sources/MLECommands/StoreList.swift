import ArgumentParser
import Foundation

extension MLEPkg {
    struct StoreList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls",
            abstract: "List the objects in the store with their kind, size and sources.",
            discussion: """
            Examples:
              mlepkg store ls
              mlepkg store ls --json | jq '.[] | select(.kind == "tree")'
            """
        )

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make()
            try state.run {
                let store = state.workspace.store
                let refs = Dictionary(grouping: try store.refs(), by: \.digest)
                var rows: [ListReport] = []
                for o in try store.allObjects() {
                    let sources = try store.sources(of: o.id).map(\.url)
                    rows.append(ListReport(object: o.id.description, kind: o.kind, size: o.size,
                                           sources: sources, refs: (refs[o.digest] ?? []).map(\.name)))
                }
                if json {
                    try state.output.printJSON(rows)
                } else {
                    for r in rows {
                        var line = "\(r.object)  \(r.kind)  \(r.size)"
                        if !r.refs.isEmpty { line += "  refs: \(r.refs.joined(separator: ", "))" }
                        if let s = r.sources.first { line += "  \(s)" }
                        state.output.print(line)
                    }
                }
            }
        }
    }
}

struct ListReport: Encodable {
    var object: String
    var kind: String
    var size: Int64
    var sources: [String]
    var refs: [String]
}
