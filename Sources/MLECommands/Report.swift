import ArgumentParser
import Foundation
import MLEBasics
import MLERecipes
import MLEReport
import MLEWorkspace

extension MLEPkg {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Aggregate grading reports into the numbers a paper reports.",
            discussion: """
            Per split: the percentages of attempts that submitted, were valid, beat the median, \
            won gold, silver, bronze or any medal; mean ± SEM (ddof 1) and a 95% interval across \
            seeds, seeds formed as MLE-bench's aggregation forms them; pass@k (unbiased \
            estimator). Splits: low, medium, high, all (the 75), dev, lite, or a file with one \
            competition id per line. Reports graded without a leaderboard are placed on the \
            synced catalog's board of their competition; competitions that still have none are \
            named (competitions_without_leaderboard in --json), as no medal could be won there.

            Examples:
              mlepkg report runs/*/grading_report.json --split all
              mlepkg report reports.jsonl --split low --pad-missing --json
              mlepkg report runs/*.json --split low --split medium --split high --html report.html
            """
        )

        @Argument(help: "Grading reports: MLE-bench batch reports, report objects, arrays or JSON lines.")
        var reports: [String]

        @Option(name: .customLong("split"), help: "A split to summarize (repeatable; default: all).")
        var splits: [String] = []

        @Option(help: "Use at most this many seeds.")
        var seeds: Int?

        @Flag(help: "Count missing attempts as failures instead of dropping incomplete seeds.")
        var padMissing = false

        @Option(help: "Write a self-contained HTML page here.")
        var html: String?

        @Option(help: "The registry directory (for split membership).")
        var registry: String?

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: true, json: json) { c in if let registry { c.registryDirectory = registry } }
            try state.run {
                var all: [CompetitionReport] = []
                // Files in sorted order, reports by competition id within each, as MLE-bench reads them.
                for path in reports.sorted() {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw ReportError("cannot read grading report '\(path)'")
                    }
                    all += try ReportReader.decode(data, file: path).sorted { $0.competition_id < $1.competition_id }
                }
                // Reports graded without a board get the synced catalog's, so medals need no
                // hand-made leaderboard file.
                if all.contains(where: \.hasNoLeaderboard), let reg = try? state.workspace.loadRegistry() {
                    all = try all.map { try state.workspace.placedOnCatalogBoard($0, registry: reg) ?? $0 }
                }
                let names = splits.isEmpty ? ["all"] : splits
                var summaries: [SplitSummary] = []
                var empty: [String] = []
                let reported = Set(all.map(\.competition_id))
                for name in names {
                    let ids = try competitions(in: name, state: state)
                    // A split none of whose competitions has a report is named, not fatal: the
                    // others are still reported.
                    guard ids.contains(where: reported.contains) || padMissing else {
                        empty.append(name)
                        state.output.warn("split '\(label(name))': no reports for any of its \(Format.count(ids.count, "competition"))")
                        continue
                    }
                    var members = ids
                    if !padMissing, ids.contains(where: { !reported.contains($0) }) {
                        // Seeds need every competition; without padding, summarize those that
                        // have reports and say so, rather than report nothing.
                        members = ids.filter(reported.contains)
                        state.output.warn("split '\(label(name))': \(ids.count - members.count) of its \(Format.count(ids.count, "competition")) have no reports; "
                                          + "summarizing the \(members.count) that do (--pad-missing counts the others as failures)")
                    }
                    summaries.append(try Aggregation.summarize(all, split: label(name), competitions: members,
                                                               requestedSeeds: seeds, padMissing: padMissing))
                }
                if summaries.isEmpty {
                    throw ReportError("no reports for any competition of \(empty.map { "'\(label($0))'" }.joined(separator: ", ")) (\(all.count) reports read)")
                }
                for s in summaries where !s.competitions_without_leaderboard.isEmpty {
                    state.output.warn("split '\(s.split)': no leaderboard for \(s.competitions_without_leaderboard.joined(separator: ", ")): no medal could be won there (pass --leaderboard to grade, or sync a catalog)")
                }
                if let html {
                    try FileIO.writeAtomically(Data(HTMLReport.render(summaries: summaries, reports: all, usage: usage(of: all)).utf8), to: html)
                }
                if json {
                    try state.output.printJSON(summaries)
                    return
                }
                for s in summaries {
                    state.output.print("\(s.split): \(Format.count(s.num_seeds_averaged, "seed")) × \(Format.count(s.num_competitions_per_seed, "competition"))")
                    for key in SeedMetrics.keys {
                        let m = s.metrics[key]!
                        let label = key.replacingOccurrences(of: "_percentage", with: "").replacingOccurrences(of: "_", with: " ")
                        state.output.print("  \(label.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(format: "%6.2f", m.mean)) ± \(String(format: "%.2f", m.standard_error))  (95%: \(String(format: "%.2f", m.ci_lower)) – \(String(format: "%.2f", m.ci_upper)))")
                    }
                    if !s.pass_at_k.isEmpty {
                        state.output.print("  pass@k: " + s.pass_at_k.enumerated().map { "@\($0.offset + 1) \(String(format: "%.3f", $0.element))" }.joined(separator: "  "))
                    }
                }
                if let html { state.output.print("wrote \(html)") }
            }
        }

        /// A split as the user named it: a file's name without its folder and extension.
        func label(_ split: String) -> String {
            FileIO.exists(split) ? ((split as NSString).lastPathComponent as NSString).deletingPathExtension : split
        }

        /// What each attempt used, from the record.json that `mlepkg run` writes beside an
        /// attempt's submission folder; reports of submissions graded outside a run have none.
        func usage(of reports: [CompetitionReport]) -> [HTMLReport.AttemptUsage] {
            reports.compactMap { r in
                guard !r.submission_path.isEmpty else { return nil }
                let attempt = URL(fileURLWithPath: r.submission_path).deletingLastPathComponent().deletingLastPathComponent().path
                guard let record = try? AttemptRecord.read(path: "\(attempt)/record.json") else { return nil }
                return .init(competition_id: r.competition_id, wall_seconds: record.endedAt.timeIntervalSince(record.startedAt),
                             cpu_seconds: record.usage.cpuSeconds, peak_memory_bytes: record.usage.peakMemoryBytes,
                             exit_reason: record.exitReason.rawValue)
            }
        }

        func competitions(in split: String, state: CommandState) throws -> [String] {
            if FileIO.exists(split) {
                guard let text = FileManager.default.contents(atPath: split).map({ String(decoding: $0, as: UTF8.self) }) else {
                    throw ReportError("cannot read split file '\(split)'")
                }
                return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let reg = try state.workspace.loadRegistry()
            let filter: (Recipe) -> Bool
            switch split {
            case "low", "medium", "high", "dev": filter = { $0.complexity.rawValue == split }
            case "all", "split75": filter = { $0.tags.contains("split75") }
            case "lite": filter = { $0.tags.contains("lite") }
            default: throw ReportError("unknown split '\(split)': expected low, medium, high, all, dev, lite or a file of competition ids")
            }
            return reg.recipes.filter(filter).map(\.id)
        }
    }
}
