import Foundation
import MLEBasics
import MLEGrading
import MLEMedals
import MLERecipes
import MLEReport
import MLESplits

/// Where graded data and leaderboards are found, and how medals are decided.
public struct GradeOptions: Sendable {
    /// MLE-bench's data directory: `<dir>/<id>/prepared/{public,private}`.
    public var dataDirectory: String
    public var leaderboard: String?
    public var rules: MedalRules
    public var direction: ScoreDirection

    public init(dataDirectory: String, leaderboard: String? = nil, rules: MedalRules = .mlebench,
                direction: ScoreDirection = .inferred) {
        self.dataDirectory = dataDirectory
        self.leaderboard = leaderboard
        self.rules = rules
        self.direction = direction
    }
}

public enum GradeError: Error, Sendable, CustomStringConvertible {
    case notPrepared(competition: String, path: String)
    case noGrader(competition: String, metric: String)
    case noLeaderboard(competition: String, searched: [String])
    case invalidBatch(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .notPrepared(let c, let p):
            return "\(c) is not prepared: '\(p)' is missing; run 'mlepkg build \(c) --data-dir …' first"
        case .noGrader(let c, let m):
            return "\(c): grader '\(m)' is not implemented yet (see the support table)"
        case .noLeaderboard(let c, let searched):
            return "\(c): no leaderboard found (looked in \(searched.map { "'\($0)'" }.joined(separator: ", "))); pass --leaderboard"
        case .invalidBatch(let f, let l, let r):
            return "invalid batch file '\(f)' at line \(l): \(r)"
        }
    }
}

extension Workspace {
    /// Grades one submission into MLE-bench's `CompetitionReport`.
    public func grade(competition id: String, submission: String, options: GradeOptions, registry: Registry) throws -> CompetitionReport {
        try gradeExplained(competition: id, submission: submission, options: options, registry: registry).report
    }

    /// Grades one submission and says why it is invalid when it is.
    public func gradeExplained(competition id: String, submission: String, options: GradeOptions,
                               registry: Registry) throws -> (report: CompetitionReport, invalidReason: String?) {
        guard let recipe = registry.recipe(id) else { throw RegistryError.unknownCompetition(id, directory: registry.directory) }
        guard let grader = GraderRegistry.grader(metric: recipe.grader.metric, parameters: recipe.grader.parameters) else {
            throw GradeError.noGrader(competition: id, metric: recipe.grader.metric)
        }
        let answersPath = "\(options.dataDirectory)/\(id)/prepared/\(recipe.outputs.answers ?? "private/test.csv")"
        guard FileIO.exists(answersPath) else { throw GradeError.notPrepared(competition: id, path: answersPath) }
        let board = try leaderboard(for: id, options: options, registry: registry)

        let exists = FileIO.exists(submission) && !FileIO.isDirectory(submission) && submission.lowercased().hasSuffix(".csv")
        var score: Double?
        var reason: String? = exists ? nil : "'\(submission)' does not exist or is not a .csv file"
        if exists {
            do {
                // Answers and submission are read at the same time (each read is itself parallel,
                // but only in parts).
                let limit = max(Int64(256 << 20), (FileIO.fileSize(answersPath) ?? 0) * 20)
                // Answers are a CSV table, or JSON lines for a `.jsonl` file (as MLE-bench's load_answers).
                // Graders that pair rows by id name the column in their recipe.
                let id = recipe.grader.parameters["id_column"]
                let read = Parallel.map([0, 1], width: 2) { which in
                    Result<GradingAnswers, any Error> {
                        which == 0
                            ? try GradingAnswers.read(path: answersPath, for: grader, joiningOn: id)
                            : .table(try SubmissionReader.read(path: submission, maxBytes: limit, options: .forGrading(joiningOn: id)))
                    }
                }
                let answers = try read[0].get()
                guard case .table(let table) = try read[1].get() else { throw InternalError("the submission was not read as a table") }
                score = pythonRound5(try grader.score(submission: table, answers: answers))
            } catch let e as SubmissionError {
                reason = e.reason
            } catch let e as MetricError {
                reason = e.message
            }
        }
        // Without a board file, Meta Kaggle's (the catalog's), ranked in EvaluationAlgorithmIsMax's direction.
        let catalogBoard = try board == nil ? self.catalogLeaderboard(for: recipe) : nil
        let medal = try (board ?? catalogBoard?.leaderboard).map {
            try Medals.rank(score, on: $0, rules: options.rules,
                            direction: options.direction == .inferred ? catalogBoard?.direction ?? .inferred : options.direction)
        }
        func finite(_ d: Double?) -> Double? { d.flatMap { $0.isNaN ? nil : $0 } }
        let report = CompetitionReport(
            competition_id: id, score: score,
            gold_threshold: finite(medal?.goldThreshold), silver_threshold: finite(medal?.silverThreshold),
            bronze_threshold: finite(medal?.bronzeThreshold), median_threshold: finite(medal?.medianThreshold),
            gold_medal: medal?.goldMedal ?? false, silver_medal: medal?.silverMedal ?? false,
            bronze_medal: medal?.bronzeMedal ?? false, above_median: medal?.aboveMedian ?? false,
            submission_exists: exists, valid_submission: score != nil,
            is_lower_better: medal?.isLowerBetter ?? false, created_at: Self.isoNow(), submission_path: submission)
        return (report, score == nil ? reason : nil)
    }

    /// Checks a submission against public data only (the sample submission): what an agent
    /// may call during a run. Returns nil when valid, else the reason.
    public func validate(competition id: String, submission: String, dataDirectory: String, registry: Registry) throws -> String? {
        guard let recipe = registry.recipe(id) else { throw RegistryError.unknownCompetition(id, directory: registry.directory) }
        let samplePath = "\(dataDirectory)/\(id)/prepared/\(recipe.outputs.sampleSubmission ?? "public/sample_submission.csv")"
        guard FileIO.exists(samplePath) else { throw GradeError.notPrepared(competition: id, path: samplePath) }
        let probabilities = GraderRegistry.grader(metric: recipe.grader.metric, parameters: recipe.grader.parameters)?.predictsProbabilities ?? false
        do {
            let sample = try CSVTable.read(contentsOf: URL(fileURLWithPath: samplePath))
            let limit = max(Int64(256 << 20), (FileIO.fileSize(samplePath) ?? 0) * 20)
            let table = try SubmissionReader.read(path: submission, maxBytes: limit, options: CSVTable.Options())
            try SubmissionValidator.check(table, against: sample, probabilities: probabilities)
            return nil
        } catch let e as SubmissionError { return e.reason }
    }

    func leaderboard(for id: String, options: GradeOptions, registry: Registry) throws -> Leaderboard? {
        let candidates = options.leaderboard.map { [$0] }
            ?? ["\(options.dataDirectory)/\(id)/leaderboard.csv", "\(registry.directory)/\(id)/leaderboard.csv"]
        for path in candidates where FileIO.exists(path) {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            return try Leaderboard.parse(String(decoding: data, as: UTF8.self), file: path)
        }
        if options.leaderboard != nil { throw GradeError.noLeaderboard(competition: id, searched: candidates) }
        return nil
    }

    /// Grades MLE-bench's batch format (JSON lines of competition_id and submission_path) in
    /// parallel, and writes its aggregated grading report to `outputDirectory`.
    public func gradeBatch(file: String, outputDirectory: String, options: GradeOptions, registry: Registry) throws -> (path: String, reports: [CompetitionReport]) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw GradeError.invalidBatch(file: file, line: 0, reason: "cannot read the file")
        }
        var jobs: [(String, String)] = []
        for (n, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = obj["competition_id"] as? String, let path = obj["submission_path"] as? String else {
                throw GradeError.invalidBatch(file: file, line: n + 1, reason: "expected {\"competition_id\": …, \"submission_path\": …}")
            }
            jobs.append((id, path))
        }
        let results = Parallel.map(jobs, width: configuration.jobs) { job in
            Result { try self.grade(competition: job.0, submission: job.1, options: options, registry: registry) }
        }
        let reports = try results.map { try $0.get() }
        let summary = BatchReport(reports)
        try FileIO.makeDirectory(outputDirectory)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss-'UTC'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let path = "\(outputDirectory)/\(formatter.string(from: Date()))_grading_report.json"
        try FileIO.writeAtomically(try ReportJSON.encoder().encode(summary), to: path)
        return (path, reports)
    }

    static func isoNow() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }
}

/// MLE-bench's aggregated grading report.
public struct BatchReport: Encodable, Sendable {
    public var total_runs: Int
    public var total_runs_with_submissions: Int
    public var total_valid_submissions: Int
    public var total_medals: Int
    public var total_gold_medals: Int
    public var total_silver_medals: Int
    public var total_bronze_medals: Int
    public var total_above_median: Int
    public var competition_reports: [CompetitionReport]

    public init(_ reports: [CompetitionReport]) {
        total_runs = reports.count
        total_runs_with_submissions = reports.filter(\.submission_exists).count
        total_valid_submissions = reports.filter(\.valid_submission).count
        total_gold_medals = reports.filter(\.gold_medal).count
        total_silver_medals = reports.filter(\.silver_medal).count
        total_bronze_medals = reports.filter(\.bronze_medal).count
        total_medals = total_gold_medals + total_silver_medals + total_bronze_medals
        total_above_median = reports.filter(\.above_median).count
        competition_reports = reports
    }
}
