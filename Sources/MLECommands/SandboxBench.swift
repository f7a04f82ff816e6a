import ArgumentParser
import Foundation
import MLEWorkspace

extension MLEPkg {
    struct SandboxBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sandbox-bench",
            abstract: "Measure the sandbox's start-and-teardown time against a plain process start.",
            discussion: """
            Runs /bin/true COUNT times plainly, in a bare sandbox (namespaces and cgroup) and in \
            an attempt's sandbox (plus the validation server and proxy listeners); prints medians. \
            Used by 'make bench'.

            Example:
              mlepkg sandbox-bench --count 50 --json
            """,
            shouldDisplay: false
        )

        @Option(help: "Runs of each kind.")
        var count = 50

        @Option(help: "A scratch folder.")
        var scratch = NSTemporaryDirectory() + "mlepkg-sandbox-bench"

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: true)
            try state.run {
                let m = try state.workspace.measureSandboxOverhead(count: max(1, count), scratch: scratch)
                try? FileManager.default.removeItem(atPath: scratch)
                if json { try state.output.printJSON(m); return }
                state.output.print(String(format: "plain start: %.2f ms   sandbox: %.2f ms (+%.2f ms)   attempt sandbox with listeners: %.2f ms (+%.2f ms)   median of %d, %@",
                                          m.plain * 1e3, m.sandbox * 1e3, (m.sandbox - m.plain) * 1e3, m.attempt * 1e3, (m.attempt - m.plain) * 1e3, m.count, m.enforcement.rawValue))
            }
        }
    }
}
