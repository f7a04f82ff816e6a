import ArgumentParser
import MLEModel

extension MLEPkg {
    struct StoreExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Materialize a tree into a directory, hard-linking where possible.",
            discussion: """
            Hard-linked files are read-only: they share their bytes with the store.

            Example:
              mlepkg store export sha256:9a2b…07 ./prepared
            """
        )

        @Argument(help: "The tree's digest.")
        var digest: ObjectID

        @Argument(help: "The directory to create or fill.")
        var directory: String

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(json: json)
            try state.run {
                try state.workspace.store.export(digest, to: directory)
                let m = try state.workspace.store.manifest(of: digest)
                if json {
                    try state.output.printJSON(ExportJSON(tree: digest.description, directory: directory, files: m.entries.count,
                                                          bytes: m.entries.reduce(0) { $0 + $1.size }))
                } else {
                    state.output.print("exported \(Format.count(m.entries.count, "file")) (\(Format.bytes(m.entries.reduce(0) { $0 + $1.size }))) to \(directory)")
                }
            }
        }
    }
}

struct ExportJSON: Encodable {
    var tree: String
    var directory: String
    var files: Int
    var bytes: Int64
}
