import ArgumentParser
import Foundation
import MLECatalog
import MLEWorkspace

extension MLEPkg {
    struct CatalogFunnelCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "funnel",
            abstract: "Show the paper's selection funnel for the synced snapshot.",
            discussion: """
            Stages: all → completed → non-community → locally gradable → with a recipe → \
            selected (by --filter; default 'split.same_distribution and submission.csv'), with \
            counts per segment and per Kaggle metric at each stage.

            Examples:
              mlepkg catalog funnel
              mlepkg catalog funnel --filter 'complexity == low' --json
            """
        )

        @Option(help: "The last stage's selection expression.")
        var filter: String?

        @OptionGroup var registry: RegistryOption

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            try validateFilter(filter)
        }

        func run() throws {
            let state = try CommandState.make(quiet: true, registry: registry)
            try state.run {
                let funnel = try state.workspace.catalogFunnel(registry: state.workspace.loadRegistry(), filter: filter)
                if json { try state.output.printJSON(funnel); return }
                state.output.print("as of \(funnel.as_of ?? "unknown")")
                for s in funnel.stages {
                    let segments = s.by_segment.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                        .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    let metrics = s.by_metric.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                        .prefix(6).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    state.output.print("\(s.name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(String(s.count).leftPadded(6))   \(segments)")
                    if !metrics.isEmpty { state.output.print("\(String(repeating: " ", count: 28))metrics: \(metrics)\(s.by_metric.count > 6 ? ", …" : "")") }
                }
            }
        }
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
