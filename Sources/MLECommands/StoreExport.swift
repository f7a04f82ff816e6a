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

        func run() throws {
            let state = try CommandState.make()
            try state.run {
                try state.workspace.store.export(digest, to: directory)
                let m = try state.workspace.store.manifest(of: digest)
                state.output.print("exported \(m.entries.count) files to \(directory)")
            }
        }
    }
}
