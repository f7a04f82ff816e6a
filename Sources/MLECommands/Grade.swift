import ArgumentParser
import Foundation
import MLEReport
import MLEWorkspace

extension MLEPkg {
    struct Grade: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Grade a submission: its score, its place on the private leaderboard, its medal.",
            discussion: """
            Prints MLE-bench's CompetitionReport. An invalid submission is reported with \
            valid_submission false and its reason on stderr; it is not an error (exit 0). The \
            leaderboard is --leaderboard, DATA_DIR/<id>/leaderboard.csv or \
            registry/<id>/leaderboard.csv; without one, medals are not computed.

            Examples:
              mlepkg grade spaceship-titanic submission.csv --data-dir ~/mle-data --json
              mlepkg grade leaf-classification sub.csv --data-dir data --leaderboard lb.csv
              mlepkg grade --batch submissions.jsonl --output-dir reports/ --data-dir data
            """
        )

        @Argument(help: "The competition id.")
        var competition: String?

        @Argument(help: "The submission CSV.")
        var submission: String?

        @Option(help: "MLE-bench's data directory (DIR/<id>/prepared/…).")
        var dataDir: String

        @Option(help: "The private leaderboard (MLE-bench's leaderboard.csv or Kaggle's download).")
        var leaderboard: String?

        @Option(help: "A JSON-lines file of {\"competition_id\", \"submission_path\"} to grade in parallel.")
        var batch: String?

        @Option(help: "Where --batch writes its grading report.")
        var outputDir: String?

        @Option(help: "Submissions to grade at once with --batch.")
        var jobs: Int?

        @Option(help: "The registry directory.")
        var registry: String?

        @OptionGroup var directionOptions: DirectionOptions

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            if batch != nil {
                if competition != nil || submission != nil { throw ValidationError("Please pass either --batch or a competition and a submission.") }
                if outputDir == nil { throw ValidationError("Please pass --output-dir with --batch.") }
            } else if competition == nil || submission == nil {
                throw ValidationError("Please pass a competition id and a submission CSV (or --batch FILE).")
            }
        }

        func run() throws {
            let state = try CommandState.make(quiet: true) { c in
                if let registry { c.registryDirectory = registry }
                if let jobs { c.jobs = max(1, jobs) }
            }
            try state.run {
                let ws = state.workspace
                // One competition: only its recipe is read (a batch may name any of them).
                let reg = try ws.loadRegistry(only: batch == nil ? competition.map { [$0] } : nil)
                let options = GradeOptions(dataDirectory: dataDir, leaderboard: leaderboard,
                                           rules: directionOptions.rules, direction: directionOptions.direction)
                if let batch, let outputDir {
                    let (path, reports) = try ws.gradeBatch(file: batch, outputDirectory: outputDir, options: options, registry: reg)
                    let s = BatchReport(reports)
                    state.output.print("graded \(s.total_runs) submissions: \(s.total_valid_submissions) valid, \(s.total_medals) medals (\(s.total_gold_medals) gold, \(s.total_silver_medals) silver, \(s.total_bronze_medals) bronze); report: \(path)")
                    return
                }
                let id = competition!, file = submission!
                let (report, reason) = try ws.gradeExplained(competition: id, submission: file, options: options, registry: reg)
                if let reason { state.output.warn("invalid submission: \(reason)") }
                if json {
                    try state.output.printJSON(report)
                } else {
                    let medal = report.gold_medal ? "gold" : report.silver_medal ? "silver" : report.bronze_medal ? "bronze" : "no medal"
                    state.output.print("\(id): score \(report.score.map { String($0) } ?? "none (invalid)")  \(medal)\(report.above_median ? ", above median" : "")")
                    if let g = report.gold_threshold {
                        state.output.print("thresholds: gold \(g)  silver \(report.silver_threshold ?? .nan)  bronze \(report.bronze_threshold ?? .nan)  median \(report.median_threshold ?? .nan)")
                    } else {
                        state.output.print("no leaderboard: medals not computed")
                    }
                }
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a submission's format using public data only; never prints a score.",
            discussion: """
            Compares the submission with the public sample submission: columns, row count, \
            unknown or duplicate ids, empty or non-numeric predictions, probabilities out of \
            range or rows not summing to one. Exit 0 when valid, 1 with the reason when not.

            Example:
              mlepkg validate spaceship-titanic submission.csv --data-dir /home/data
            """
        )

        @Argument(help: "The competition id.")
        var competition: String

        @Argument(help: "The submission CSV.")
        var submission: String

        @Option(help: "MLE-bench's data directory (DIR/<id>/prepared/public is enough).")
        var dataDir: String

        @Option(help: "The registry directory.")
        var registry: String?

        func run() throws {
            let state = try CommandState.make(quiet: true) { c in if let registry { c.registryDirectory = registry } }
            try state.run {
                let ws = state.workspace
                if let reason = try ws.validate(competition: competition, submission: submission, dataDirectory: dataDir,
                                                registry: try ws.loadRegistry(only: [competition])) {
                    state.output.print("invalid: \(reason)")
                    throw Exit.failure
                }
                state.output.print("valid")
            }
        }
    }
}
