import ArgumentParser
import Foundation
import MLEWorkspace

extension MLEPkg {
    struct StoreAdd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add files or directories to the store and print their digests.",
            discussion: """
            A file gives a blob digest, a directory a tree digest.

            Examples:
              mlepkg store add train.csv
              mlepkg store add prepared/ --ref spaceship-titanic/prepared --json
            """
        )

        @Argument(help: "Files or directories to add.")
        var paths: [String]

        @Option(help: "Keep the object through 'store gc' under this name (one path only).")
        var ref: String?

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            if ref != nil && paths.count != 1 {
                throw ValidationError("Please pass exactly one path with --ref.")
            }
        }

        func run() throws {
            let state = try CommandState.make()
            try state.run {
                var results: [AddReport] = []
                for path in paths {
                    let r = try state.workspace.add(path: path, ref: ref)
                    results.append(AddReport(path: r.path, object: r.object.description, kind: r.kind.rawValue, size: r.size, files: r.files))
                    if !json { state.output.print("\(r.object)  \(r.path)") }
                }
                if json { try state.output.printJSON(results) }
            }
        }
    }
}

struct AddReport: Encodable {
    var path: String
    var object: String
    var kind: String
    var size: Int64
    var files: Int
}
