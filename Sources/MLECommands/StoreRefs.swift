import ArgumentParser
import MLEStore

extension MLEPkg {
    struct StoreRefs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refs",
            abstract: "List the refs that keep objects alive through gc.",
            discussion: """
            Example:
              mlepkg store refs --json
            """
        )

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make()
            try state.run {
                let refs = try state.workspace.store.refs()
                if json {
                    try state.output.printJSON(refs.map { RefJSON(name: $0.name, object: "sha256:\($0.digest)", kind: $0.kind) })
                } else {
                    for r in refs { state.output.print("sha256:\(r.digest)  \(r.kind)  \(r.name)") }
                }
            }
        }
    }

    struct StoreUnref: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unref",
            abstract: "Remove a ref, so that gc may collect what only it kept.",
            discussion: """
            Example:
              mlepkg store unref my-data && mlepkg store gc
            """
        )

        @Argument(help: "The ref's name.")
        var name: String

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(json: json)
            try state.run {
                guard try state.workspace.store.removeRef(name) else {
                    throw CommandError("no ref named '\(name)' (see 'mlepkg store refs')")
                }
                if json { try state.output.printJSON(["removed": name]) } else { state.output.print("removed ref \(name)") }
            }
        }
    }
}

struct RefJSON: Encodable {
    var name: String
    var object: String
    var kind: String
}

