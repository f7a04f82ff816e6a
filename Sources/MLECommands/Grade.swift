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
            registry/<id>/leaderboard.csv, else the synced catalog's board of the competition \
            (Meta Kaggle's final private leaderboard, ranked in the recipe's direction); without \
            any, medals are not computed and the report's leaderboard is null.

            Examples:
              mlepkg grade spaceship-titanic submission.csv --data-dir ~/mle-data --json
              mlepkg grade leaf-classification sub.csv --data-dir data --leaderboard lb.csv
              mlepkg grade --batch submissions.jsonl --output-dir reports/ --data-dir data
            """
        )

        @Argument(help: "The competition id.", completion: Completions.competitionIDs)
        var competition: String?

        @Argument(help: "The submission CSV.")
        var submission: String?

        @Option(help: "MLE-bench's data directory (DIR/<id>/prepared/…; default: data_dir in config.json or MLEPKG_DATA_DIR).")
        var dataDir: String?

        @Option(help: "The private leaderboard (MLE-bench's leaderboard.csv or Kaggle's download).")
        var leaderboard: String?

        @Option(name: [.customLong("batch"), .customLong("submission")],
                help: "A JSON-lines file of {\"competition_id\", \"submission_path\"} to grade in parallel (MLE-bench's --submission).")
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
                if let jobs, jobs < 1 { throw ValidationError("Please pass a --jobs of at least 1.") }
            } else if competition == nil || submission == nil {
                throw ValidationError("Please pass a competition id and a submission CSV (or --batch FILE).")
            }
        }

        func run() throws {
            let state = try CommandState.make(quiet: batch == nil, json: json) { c in
                if let registry { c.registryDirectory = registry }
                if let jobs { c.jobs = jobs }
            }
            try state.run {
                let ws = state.workspace
                // One competition: only its recipe is read (a batch may name any of them).
                let reg = try ws.loadRegistry(only: batch == nil ? competition.map { [$0] } : nil)
                let options = GradeOptions(dataDirectory: try ws.dataDirectory(dataDir), leaderboard: leaderboard,
                                           rules: directionOptions.rules, direction: directionOptions.direction)
                if let batch, let outputDir {
                    let (path, reports, reasons) = try ws.gradeBatch(file: batch, outputDirectory: outputDir, options: options, registry: reg)
                    for (report, reason) in zip(reports, reasons) {
                        if let reason { state.output.warn("\(report.competition_id): \(report.submission_path): \(reason)") }
                    }
                    let s = BatchReport(reports)
                    if json {
                        try state.output.printJSON(s)
                    } else {
                        state.output.print("graded \(s.total_runs) submissions: \(s.total_valid_submissions) valid, \(s.total_medals) medals (\(s.total_gold_medals) gold, \(s.total_silver_medals) silver, \(s.total_bronze_medals) bronze); report: \(path)")
                    }
                    return
                }
                let id = competition!, file = submission!
                let (report, reason) = try ws.gradeExplained(competition: id, submission: file, options: options, registry: reg)
                if let reason { state.output.warn("invalid submission: \(reason)") }
                if json {
                    try state.output.printJSON(report)
                } else {
                    let medal = report.gold_medal ? "gold" : report.silver_medal ? "silver" : report.bronze_medal ? "bronze" : "no medal"
                    state.output.print("\(id): score \(report.score.map { Format.score($0) } ?? "none (invalid)")  \(medal)\(report.above_median ? ", above median" : "")  (\(report.is_lower_better ? "lower" : "higher") is better)")
                    if report.leaderboard != nil {
                        let t = { (d: Double?) in Format.score(d ?? .nan) }
                        state.output.print("thresholds: gold \(t(report.gold_threshold))  silver \(t(report.silver_threshold))  bronze \(t(report.bronze_threshold))  median \(t(report.median_threshold))")
                    } else {
                        state.output.print("no leaderboard: medals not computed (pass --leaderboard FILE)")
                    }
                }
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether a submission is valid; never prints a score.",
            discussion: """
            Where the data directory holds the competition's private answers (a benchmark \
            maintainer's, or the run's validation server), the verdict is grading's own: \
            validate and grade never disagree, as MLE-bench's validation server grades against \
            its private data. With public data only (an agent's /home/data), the submission is \
            compared with the public sample submission: columns, row count, unknown or duplicate \
            ids, empty or non-numeric predictions, probabilities out of range or rows not \
            summing to one. Exit 0 when valid, 1 with the reason when not.

            Examples:
              mlepkg validate spaceship-titanic submission.csv --data-dir ~/mle-data
              mlepkg validate spaceship-titanic submission.csv --data-dir /home/data
            """
        )

        @Argument(help: "The competition id.", completion: Completions.competitionIDs)
        var competition: String

        @Argument(help: "The submission CSV.")
        var submission: String

        @Option(help: "MLE-bench's data directory (DIR/<id>/prepared/public is enough), or the public folder itself (/home/data in a run).")
        var dataDir: String?

        @Option(help: "The registry directory (optional: without one, the format is checked against the sample submission alone).")
        var registry: String?

        @Flag(help: "Print JSON: {\"competition_id\", \"submission_path\", \"valid\", \"reason\"}.")
        var json = false

        func run() throws {
            let state = try CommandState.make(quiet: true, json: json) { c in if let registry { c.registryDirectory = registry } }
            try state.run {
                let ws = state.workspace
                // Inside a sandbox there is no registry: only a named one must load.
                let reg = registry == nil ? try? ws.loadRegistry(only: [competition]) : try ws.loadRegistry(only: [competition])
                let dir = try ws.dataDirectory(dataDir)
                let reason = try ws.validate(competition: competition, submission: submission, dataDirectory: dir,
                                             registry: reg.flatMap { $0.recipe(competition) == nil ? nil : $0 })
                if json {
                    try state.output.printJSON(ValidationJSON(competitionId: competition, submissionPath: submission,
                                                              valid: reason == nil, reason: reason))
                } else {
                    state.output.print(reason.map { "invalid: \(TerminalOutput.oneLine($0))" } ?? "valid")
                }
                if reason != nil { throw Exit.failure }
            }
        }
    }
}

struct ValidationJSON: Encodable {
    var competitionId: String
    var submissionPath: String
    var valid: Bool
    var reason: String?
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(competitionId, forKey: .competitionId)
        try c.encode(submissionPath, forKey: .submissionPath)
        try c.encode(valid, forKey: .valid)
        if let reason { try c.encode(reason, forKey: .reason) } else { try c.encodeNil(forKey: .reason) }
    }
    enum CodingKeys: String, CodingKey { case competitionId, submissionPath, valid, reason }
}
