import ArgumentParser
import Foundation
import MLELockfile

extension MLEPkg {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed between two lockfiles (two benchmark versions).",
            discussion: """
            Lists competitions added or removed and, for those in both, changed recipes and \
            trees and every input or output file added, removed or with other content. Exits 0 \
            when the locks pin the same data, 1 when they differ.

            Examples:
              mlepkg diff lockfiles/mle-bench-lite.lock new.lock
              mlepkg diff old.lock new.lock --json
            """
        )

        @Argument(help: "The older lockfile.")
        var old: String

        @Argument(help: "The newer lockfile.")
        var new: String

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: true)
            try state.run {
                let diff = LockfileDiff(from: try LockfileFormat.read(path: old), to: try LockfileFormat.read(path: new))
                if json {
                    try state.output.printJSON(diff)
                } else {
                    for (k, v) in diff.versions.sorted(by: { $0.key < $1.key }) { state.output.print("~ \(k) \(v[0]) -> \(v[1])") }
                    for id in diff.added { state.output.print("+ \(id)") }
                    for id in diff.removed { state.output.print("- \(id)") }
                    for c in diff.changed {
                        state.output.print("~ \(c.id)")
                        for (k, v) in c.fields.sorted(by: { $0.key < $1.key }) { state.output.print("    \(k): \(v[0]) -> \(v[1])") }
                        for f in c.files {
                            let sign = f.kind == .added ? "+" : f.kind == .removed ? "-" : "~"
                            state.output.print("    \(sign) \(f.role) \(f.path)  \(f.old ?? "") -> \(f.new ?? "")")
                        }
                    }
                    state.output.print("\(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed, \(diff.unchanged) unchanged")
                }
                if !diff.isEmpty { throw Exit.failure }
            }
        }
    }
}
