import Foundation
import MLEBasics
import MLECatalog
import MLEGrading
import MLEMedals
import MLERecipes
import MLEReport
import MLETable

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
        let (exists, score, reason) = try self.score(competition: id, submission: submission, dataDirectory: options.dataDirectory, registry: registry)
        // A board file first; without one, Meta Kaggle's (the catalog's), ranked in the recipe's
        // direction (else EvaluationAlgorithmIsMax's). With a board file, MLE-bench infers the
        // direction from it (unless told); without any board, the recipe says it, so a log-loss
        // report never claims higher is better.
        let found = try leaderboard(for: id, options: options, registry: registry)
        var report = CompetitionReport(
            competition_id: id, score: score, gold_threshold: nil, silver_threshold: nil, bronze_threshold: nil,
            median_threshold: nil, gold_medal: false, silver_medal: false, bronze_medal: false, above_median: false,
            submission_exists: exists, valid_submission: score != nil, is_lower_better: recipe.grader.lowerIsBetter ?? false,
            created_at: Self.isoNow(), submission_path: submission)
        if let found {
            try Self.place(&report, on: found.board, named: found.path, rules: options.rules, direction: options.direction)
        } else if let catalogBoard = try catalogLeaderboard(for: recipe) {
            try Self.place(&report, on: catalogBoard.leaderboard, named: "catalog:\(recipe.kaggleSlug)", rules: options.rules,
                           direction: options.direction == .inferred ? Self.direction(recipe, catalogBoard) : options.direction)
        } else if options.direction != .inferred {
            report.is_lower_better = options.direction == .lowerIsBetter
        }
        return (report, score == nil ? reason : nil)
    }

    /// A report graded without any board (by MLE-bench, or before a catalog was synced), placed
    /// on the synced catalog's board of its competition; nil when it has a board or the catalog
    /// has none for it.
    public func placedOnCatalogBoard(_ report: CompetitionReport, registry: Registry,
                                     rules: MedalRules = .mlebench) throws -> CompetitionReport? {
        guard report.hasNoLeaderboard, let recipe = registry.recipe(report.competition_id), let board = try catalogLeaderboard(for: recipe) else { return nil }
        var placed = report
        try Self.place(&placed, on: board.leaderboard, named: "catalog:\(recipe.kaggleSlug)", rules: rules,
                       direction: Self.direction(recipe, board))
        return placed
    }

    /// The medal fields of `report` from its score's place on `board`.
    static func place(_ report: inout CompetitionReport, on board: Leaderboard, named name: String,
                      rules: MedalRules, direction: ScoreDirection) throws {
        let m = try Medals.rank(report.score, on: board, rules: rules, direction: direction)
        func finite(_ d: Double) -> Double? { d.isNaN ? nil : d }
        report.gold_threshold = finite(m.goldThreshold)
        report.silver_threshold = finite(m.silverThreshold)
        report.bronze_threshold = finite(m.bronzeThreshold)
        report.median_threshold = finite(m.medianThreshold)
        report.gold_medal = m.goldMedal
        report.silver_medal = m.silverMedal
        report.bronze_medal = m.bronzeMedal
        report.any_medal = m.goldMedal || m.silverMedal || m.bronzeMedal
        report.above_median = m.aboveMedian
        report.is_lower_better = m.isLowerBetter
        report.leaderboard = name
    }

    /// A catalog board's direction: the recipe's metric says it; EvaluationAlgorithmIsMax otherwise.
    static func direction(_ recipe: Recipe, _ board: CatalogBoard) -> ScoreDirection {
        recipe.grader.lowerIsBetter == nil ? board.direction : ScoreDirection(lowerIsBetter: recipe.grader.lowerIsBetter)
    }

    /// The grader's score of a submission (rounded as MLE-bench rounds it), or why it has none:
    /// the one verdict that `grade`, `validate` and the run's validation server give.
    func score(competition id: String, submission: String, dataDirectory: String,
               registry: Registry) throws -> (exists: Bool, score: Double?, reason: String?) {
        guard let recipe = registry.recipe(id) else { throw RegistryError.unknownCompetition(id, directory: registry.directory) }
        guard let grader = GraderRegistry.grader(metric: recipe.grader.metric, parameters: recipe.grader.parameters) else {
            throw GradeError.noGrader(competition: id, metric: recipe.grader.metric)
        }
        let answersPath = "\(dataDirectory)/\(id)/prepared/\(recipe.outputs.answers ?? "private/test.csv")"
        guard FileIO.exists(answersPath) else { throw GradeError.notPrepared(competition: id, path: answersPath) }
        let exists = FileIO.exists(submission) && !FileIO.isDirectory(submission) && submission.lowercased().hasSuffix(".csv")
        guard exists else { return (false, nil, "'\(submission)' does not exist or is not a .csv file") }
        do {
            // Answers and submission are read at the same time (each read is itself parallel,
            // but only in parts).
            let limit = max(Int64(256 << 20), (FileIO.fileSize(answersPath) ?? 0) * 20)
            // Answers are a CSV table, or JSON lines for a `.jsonl` file (as MLE-bench's load_answers).
            // Graders that pair rows by id name the column in their recipe.
            let idColumn = recipe.grader.parameters["id_column"]
            let read = Parallel.map([0, 1], width: 2) { which in
                Result<GradingAnswers, any Error> {
                    which == 0
                        ? try GradingAnswers.read(path: answersPath, for: grader, joiningOn: idColumn)
                        : .table(try SubmissionReader.read(path: submission, maxBytes: limit, options: .forGrading(joiningOn: idColumn)))
                }
            }
            let answers = try read[0].get()
            guard case .table(let table) = try read[1].get() else { throw InternalError("the submission was not read as a table") }
            return (true, pythonRound5(try grader.score(submission: table, answers: answers)), nil)
        } catch let e as SubmissionError {
            return (true, nil, e.reason)
        } catch let e as MetricError {
            return (true, nil, e.message)
        }
    }

    /// Says whether a submission is valid: nil when it is, else the reason.
    ///
    /// Where the competition's private answers are at hand (a data directory that holds
    /// `<id>/prepared/private`, as the run's validation server has), the verdict is grading's
    /// own, as MLE-bench's validation server grades against its private data: `validate` and
    /// `grade` never disagree. With public data only (inside a sandbox), the submission is
    /// checked against the sample submission's columns, rows and ids.
    ///
    /// `dataDirectory` is MLE-bench's data directory (`DIR/<id>/prepared/public/…`) or, as in
    /// MLE-bench's container (`/home/data`), the public folder itself. Without the recipe (no
    /// registry inside a sandbox) the format is still checked; only the probability checks
    /// that the recipe's grader asks for are left to grading.
    public func validate(competition id: String, submission: String, dataDirectory: String, registry: Registry?) throws -> String? {
        let recipe = registry?.recipe(id)
        if let registry, recipe == nil { throw RegistryError.unknownCompetition(id, directory: registry.directory) }
        if let registry, let recipe, GraderRegistry.grader(metric: recipe.grader.metric, parameters: recipe.grader.parameters) != nil,
           FileIO.exists("\(dataDirectory)/\(id)/prepared/\(recipe.outputs.answers ?? "private/test.csv")") {
            let scored = try score(competition: id, submission: submission, dataDirectory: dataDirectory, registry: registry)
            return scored.score == nil ? scored.reason : nil
        }
        let samplePath = recipe?.outputs.sampleSubmission ?? "public/sample_submission.csv"
        let publicName = samplePath.hasPrefix("public/") ? String(samplePath.dropFirst(7)) : samplePath
        let candidates = ["\(dataDirectory)/\(id)/prepared/\(samplePath)", "\(dataDirectory)/\(publicName)",
                          "\(dataDirectory)/public/\(publicName)"]
        guard let sample = candidates.first(where: FileIO.isRegularFile) ?? candidates.first(where: FileIO.exists) else {
            throw GradeError.notPrepared(competition: id, path: candidates[0])
        }
        let probabilities = recipe.flatMap { GraderRegistry.grader(metric: $0.grader.metric, parameters: $0.grader.parameters)?.predictsProbabilities } ?? false
        do {
            let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: sample))
            let limit = max(Int64(256 << 20), (FileIO.fileSize(sample) ?? 0) * 20)
            let submitted = try SubmissionReader.read(path: submission, maxBytes: limit, options: CSVTable.Options())
            try SubmissionValidator.check(submitted, against: table, probabilities: probabilities)
            return nil
        } catch let e as SubmissionError { return e.reason }
    }

    func leaderboard(for id: String, options: GradeOptions, registry: Registry) throws -> (board: Leaderboard, path: String)? {
        let candidates = options.leaderboard.map { [$0] }
            ?? ["\(options.dataDirectory)/\(id)/leaderboard.csv", "\(registry.directory)/\(id)/leaderboard.csv"]
        for path in candidates where FileIO.exists(path) {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            return (try Leaderboard.parse(String(decoding: data, as: UTF8.self), file: path), path)
        }
        if options.leaderboard != nil { throw GradeError.noLeaderboard(competition: id, searched: candidates) }
        return nil
    }

    /// Grades MLE-bench's batch format (JSON lines of competition_id and submission_path) in
    /// parallel, and writes its aggregated grading report to `outputDirectory`.
    ///
    /// A submission that cannot be graded (its competition is not prepared, has no recipe…)
    /// is reported as not valid with its reason, as an invalid one is; the others are graded.
    public func gradeBatch(file: String, outputDirectory: String, options: GradeOptions,
                           registry: Registry) throws -> (path: String, reports: [CompetitionReport], reasons: [String?]) {
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
        if FileIO.exists(outputDirectory) && !FileIO.isDirectory(outputDirectory) {
            throw GradeError.invalidBatch(file: outputDirectory, line: 0, reason: "the output directory is a file")
        }
        let done = SharedCount(), total = jobs.count
        let results = Parallel.map(jobs, width: configuration.jobs) { job -> (CompetitionReport, String?) in
            defer { self.delegate.working("grade", done: done.add(1), total: total) }
            do {
                return try self.gradeExplained(competition: job.0, submission: job.1, options: options, registry: registry)
            } catch {
                var report = CompetitionReport.zero(job.0)
                report.submission_exists = FileIO.exists(job.1)
                report.is_lower_better = registry.recipe(job.0)?.grader.lowerIsBetter ?? false
                report.created_at = Self.isoNow()
                report.submission_path = job.1
                return (report, "\(error)")
            }
        }
        let reports = results.map(\.0)
        let summary = BatchReport(reports)
        try FileIO.makeDirectory(outputDirectory)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss-'UTC'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        // MLE-bench's name; a second batch in the same second gets a suffix, never overwrites.
        let stem = "\(outputDirectory)/\(formatter.string(from: Date()))_grading_report"
        let encoded = try ReportJSON.encoder().encode(summary)
        var path = "\(stem).json"
        var n = 1
        while try !FileIO.createExclusively(path, contents: encoded) {
            guard n < 1000 else { throw SystemError.posix(EEXIST, "create", path) }
            n += 1
            path = "\(stem)-\(n).json"
        }
        return (path, reports, results.map(\.1))
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
