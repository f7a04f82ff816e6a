import ArgumentParser
import Foundation
import MLEBasics
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

        @Flag(name: .shortAndLong, help: "Print the digests alone, one per line (the default when stdout is not a terminal).")
        var quiet = false

        func validate() throws {
            if ref != nil && paths.count != 1 {
                throw ValidationError("Please pass exactly one path with --ref.")
            }
            if let ref, ref.isEmpty || ref.contains(where: { $0.isNewline || $0.isWhitespace }) {
                throw ValidationError("Please pass a --ref name without spaces (e.g. 'my-data/v1').")
            }
        }

        func run() throws {
            let state = try CommandState.make(json: json)
            // `H=$(mlepkg store add f)` gets the digest alone, ready for `store cat $H`.
            let digestOnly = quiet || !FileIO.isTerminal(1)
            try state.run {
                var results: [AddReport] = []
                for path in paths {
                    let r = try state.workspace.add(path: path, ref: ref)
                    results.append(AddReport(path: r.path, object: r.object.description, kind: r.kind.rawValue, size: r.size, files: r.files))
                    if !json { state.output.print(digestOnly ? "\(r.object)" : "\(r.object)  \(r.path)") }
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
