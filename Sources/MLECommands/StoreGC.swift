import ArgumentParser

extension MLEPkg {
    struct StoreGC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc",
            abstract: "Remove objects that no lock or ref keeps.",
            discussion: """
            Also removes temporary files left by killed processes.

            Examples:
              mlepkg store gc --dry-run
              mlepkg store gc
            """
        )

        @Flag(help: "Only report what would be removed.")
        var dryRun = false

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make()
            try state.run {
                let r = try state.workspace.store.collectGarbage(dryRun: dryRun)
                if json {
                    try state.output.printJSON(GCReportJSON(dryRun: dryRun, removed: r.removed.map(\.description),
                                                            freedBytes: r.freedBytes, kept: r.kept,
                                                            staleTemporaryFiles: r.staleTemporaryFiles))
                    return
                }
                for id in r.removed { state.output.print("\(dryRun ? "would remove" : "removed") \(id)") }
                state.output.print("\(dryRun ? "would free" : "freed") \(Format.bytes(r.freedBytes)) in \(Format.count(r.removed.count, "object")); kept \(r.kept); \(Format.count(r.staleTemporaryFiles, "stale temporary file"))")
            }
        }
    }
}

struct GCReportJSON: Encodable {
    var dryRun: Bool
    var removed: [String]
    var freedBytes: Int64
    var kept: Int
    var staleTemporaryFiles: Int
}
