import Foundation
import MLETestSupport
import Testing

/// pandas + scikit-learn, as `make test` installs them (`.pydeps`) or as the system has them.
func referenceEnvironment() -> [String: String]? {
    var env = ProcessInfo.processInfo.environment
    let deps = env["MLEPKG_PYDEPS"] ?? TestSupport.packageRoot.appendingPathComponent(".pydeps").path
    env["PYTHONPATH"] = deps
    let probe = try? TestSupport.run("/usr/bin/env", ["python3", "-c", "import pandas, sklearn"], environment: env)
    return probe?.status == 0 ? env : nil
}

@Suite(.serialized) struct GradeCommandTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("grade") }

    func mlepkg(_ args: [String]) throws -> TestSupport.ProcessResult {
        try TestSupport.mlepkg(args + ["--registry", TestSupport.packageRoot.appendingPathComponent("registry").path], home: home)
    }

    /// Sample, perfect, noisy and invalid submissions for the five real competitions, graded by
    /// mlepkg and by MLE-bench's grading logic in pandas + scikit-learn (scripts/vectors/grade_real_raw_files.py).
    @Test(.enabled(if: TestSupport.sharedDirectory != nil && referenceEnvironment() != nil,
                   "needs ../shared/data/kaggle-raw and pandas + scikit-learn ('make test' installs them)"))
    func theFiveCompetitionsAreGradedExactlyAsMLEBenchGradesThem() throws {
        defer { TestSupport.remove(home) }
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let build = try mlepkg(["build", "--filter", "status=supported", "--raw-dir", raw, "--data-dir", "\(home)/data", "-q"])
        #expect(build.status == 0, "\(build.stderr)")
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/vectors/grade_real_raw_files.py").path
        let ref = try TestSupport.run("/usr/bin/env", ["python3", script, "\(home)/data", "\(home)/subs"], environment: referenceEnvironment())
        #expect(ref.status == 0, "\(ref.stderr)")
        let cases = try JSONSerialization.jsonObject(with: ref.stdoutData) as! [[String: Any]]
        #expect(cases.count == 58)
        for c in cases {
            let id = c["competition"] as! String, path = c["submission"] as! String
            let expected = c["score"] as? Double
            let r = try mlepkg(["grade", id, path, "--data-dir", "\(home)/data", "--json"])
            #expect(r.status == 0, "\(path): \(r.stderr)")
            let report = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
            let label = (path as NSString).lastPathComponent
            #expect(report["valid_submission"] as? Bool == (expected != nil), "\(label)")
            if let expected {
                let got = report["score"] as? Double ?? .nan
                #expect(abs(got - expected) <= 1e-9 * max(1, abs(expected)), "\(label): \(got) vs \(expected)")
            } else {
                #expect(r.stderr.hasPrefix("warning: invalid submission: "), "\(label): \(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1)
            }
        }
        // validate with only the public folder (as inside a sandbox) checks the structure.
        let publicDir = "\(home)/data/spaceship-titanic/prepared/public"
        let valid = try mlepkg(["validate", "spaceship-titanic", "\(home)/subs/spaceship-titanic--shuffled.csv", "--data-dir", publicDir])
        #expect(valid.stdout == "valid\n")
        let semis = try mlepkg(["validate", "spaceship-titanic", "\(home)/subs/spaceship-titanic--semicolons.csv", "--data-dir", publicDir])
        #expect(semis.status == 1)
        #expect(semis.stdout.contains("separated by ';'"))
        let dup = try mlepkg(["validate", "spaceship-titanic", "\(home)/subs/spaceship-titanic--duplicate-id.csv", "--data-dir", publicDir])
        #expect(dup.stdout.hasPrefix("invalid: duplicate id"))
    }

    /// What a careless agent writes gets one verdict from `grade` and `validate` (which, with
    /// the private answers at hand, is grading's), and it is MLE-bench's: scikit-learn's
    /// `accuracy_score` fails on a missing prediction (so the submission is invalid) and
    /// `prepare_for_accuracy_metric` ignores an extra column.
    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "needs ../shared/data/kaggle-raw"))
    func gradeAndValidateGiveOneVerdict() throws {
        defer { TestSupport.remove(home) }
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let b = try mlepkg(["build", "spaceship-titanic", "--raw-dir", raw, "--data-dir", "\(home)/data", "-q"])
        #expect(b.status == 0, "\(b.stderr)")
        let sample = try String(contentsOfFile: "\(home)/data/spaceship-titanic/prepared/public/sample_submission.csv", encoding: .utf8)
        let lines = sample.split(separator: "\n").map(String.init)
        func variant(_ name: String, header: String = lines[0], _ row: (Int, String) -> String) throws -> String {
            let path = "\(home)/\(name).csv"
            try ([header] + lines.dropFirst().enumerated().map { row($0.offset, $0.element) }).joined(separator: "\n")
                .appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        func id(_ line: String) -> String { String(line.split(separator: ",")[0]) }
        var expected: [(path: String, valid: Bool)] = []
        expected.append((try variant("every-cell-empty") { id($1) + "," }, false))
        for na in ["", "NaN", "NA", "None", "null"] {
            expected.append((try variant("one-\(na.isEmpty ? "empty" : na)") { $0 == 5 ? id($1) + "," + na : $1 }, false))
        }
        expected.append((try variant("extra-column", header: lines[0] + ",Extra") { $1 + ",1" }, true))
        expected.append((try variant("line-break-in-id") { $0 == 0 ? "\"a\nb\",True" : $1 }, false))
        for (path, valid) in expected {
            let g = try mlepkg(["grade", "spaceship-titanic", path, "--data-dir", "\(home)/data", "--json"])
            let report = try JSONSerialization.jsonObject(with: g.stdoutData) as! [String: Any]
            let v = try mlepkg(["validate", "spaceship-titanic", path, "--data-dir", "\(home)/data"])
            let name = (path as NSString).lastPathComponent
            #expect(report["valid_submission"] as? Bool == valid, "\(name): \(g.stdout)")
            #expect((v.status == 0) == valid, "\(name): \(v.stdout)")
            if !valid {
                // The same reason, on one line.
                #expect(g.stderr == "warning: invalid submission: " + v.stdout.dropFirst("invalid: ".count), "\(name)")
                #expect(v.stdout.split(separator: "\n").count == 1, "\(name): \(v.stdout)")
            }
        }
    }

    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "needs ../shared/data/kaggle-raw"))
    func batchGradingWritesMLEBenchsReportAndMedalsComeFromTheLeaderboard() throws {
        defer { TestSupport.remove(home) }
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        _ = try mlepkg(["build", "spaceship-titanic", "--raw-dir", raw, "--data-dir", "\(home)/data", "-q"])
        let sample = "\(home)/data/spaceship-titanic/prepared/public/sample_submission.csv"
        // A board on which the sample's 0.50345 sits between silver and bronze.
        let board = "score\n" + [0.9, 0.8, 0.7, 0.5, 0.45, 0.4, 0.35, 0.3, 0.2, 0.1].map { String($0) }.joined(separator: "\n") + "\n"
        try board.write(toFile: "\(home)/lb.csv", atomically: true, encoding: .utf8)
        let g = try mlepkg(["grade", "spaceship-titanic", sample, "--data-dir", "\(home)/data", "--leaderboard", "\(home)/lb.csv", "--json"])
        let report = try JSONSerialization.jsonObject(with: g.stdoutData) as! [String: Any]
        #expect(report["score"] as? Double == 0.50345)
        #expect(report["bronze_medal"] as? Bool == true)
        #expect(report["bronze_threshold"] as? Double == 0.5)
        #expect(report["median_threshold"] as? Double == 0.425)
        #expect(report["above_median"] as? Bool == true)
        for key in ["competition_id", "gold_threshold", "silver_threshold", "median_threshold", "any_medal", "gold_medal",
                    "silver_medal", "submission_exists", "valid_submission", "is_lower_better", "created_at", "submission_path"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        try FileManager.default.copyItem(atPath: "\(home)/lb.csv", toPath: "\(home)/data/spaceship-titanic/leaderboard.csv")
        let lines = [sample, "\(home)/nope.csv", sample].map { #"{"competition_id": "spaceship-titanic", "submission_path": "\#($0)"}"# }
        try (["# a comment"] + lines).joined(separator: "\n").write(toFile: "\(home)/batch.jsonl", atomically: true, encoding: .utf8)
        let b = try mlepkg(["grade", "--batch", "\(home)/batch.jsonl", "--output-dir", "\(home)/out", "--data-dir", "\(home)/data"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout.hasPrefix("graded 3 submissions: 2 valid, 2 medals (0 gold, 0 silver, 2 bronze)"))
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(home)/out")
        #expect(files.count == 1 && files[0].hasSuffix("_grading_report.json"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(home)/out/\(files[0])"))) as! [String: Any]
        #expect(summary["total_runs"] as? Int == 3)
        #expect(summary["total_runs_with_submissions"] as? Int == 2)
        #expect((summary["competition_reports"] as! [Any]).count == 3)
        // The batch report feeds `report`.
        let rep = try mlepkg(["report", "\(home)/out/\(files[0])", "--split", "dev", "--pad-missing", "--json"])
        #expect(rep.status == 0, "\(rep.stderr)")
    }

    /// A submission MLE-bench scores NaN (SciPy's Pearson r of an empty prediction) is valid,
    /// wins nothing, is written as "NaN" in the JSON report and read back by `mlepkg report`.
    @Test func aNaNScoreIsAValidSubmissionWithoutMedals() throws {
        defer { TestSupport.remove(home) }
        let id = "us-patent-phrase-to-phrase-matching"
        let inputs = TestSupport.packageRoot.appendingPathComponent("Tests/MLEGradingTests/Inputs/graders/\(id)").path
        try FileManager.default.createDirectory(atPath: "\(home)/data/\(id)/prepared/private", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(inputs)/answers.csv", toPath: "\(home)/data/\(id)/prepared/private/test.csv")
        try "teamName,score\na,0.9\nb,0.8\nc,0.7\nd,0.6\n".write(toFile: "\(home)/board.csv", atomically: true, encoding: .utf8)
        let r = try mlepkg(["grade", id, "\(inputs)/nan-score.csv", "--data-dir", "\(home)/data",
                            "--leaderboard", "\(home)/board.csv", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
        #expect(report["score"] as? String == "NaN")
        #expect(report["valid_submission"] as? Bool == true)
        #expect(report["any_medal"] as? Bool == false && report["above_median"] as? Bool == false)
        try r.stdoutData.write(to: URL(fileURLWithPath: "\(home)/report.json"))
        try "\(id)\n".write(toFile: "\(home)/split.txt", atomically: true, encoding: .utf8)
        let summary = try mlepkg(["report", "\(home)/report.json", "--split", "\(home)/split.txt", "--json"])
        #expect(summary.status == 0, "\(summary.stderr)")
        let splits = try JSONSerialization.jsonObject(with: summary.stdoutData) as! [[String: Any]]
        let metrics = splits.first?["metrics"] as? [String: [String: Double]]
        #expect(metrics?["valid_submissions_percentage"]?["mean"] == 100)
        #expect(metrics?["any_medal_percentage"]?["mean"] == 0)
    }

    /// tensorflow2-question-answering's answers are JSON lines (`private/test.jsonl`): a submission
    /// is graded against them as MLE-bench grades it, and unreadable answers make it invalid
    /// with a one-line reason rather than a failure.
    @Test func aCompetitionWhoseAnswersAreJSONLinesIsGraded() throws {
        defer { TestSupport.remove(home) }
        let id = "tensorflow2-question-answering"
        let inputs = TestSupport.packageRoot.appendingPathComponent("Tests/MLEGradingTests/Inputs/graders/\(id)").path
        let answers = "\(home)/data/\(id)/prepared/private/test.jsonl"
        try FileManager.default.createDirectory(atPath: "\(home)/data/\(id)/prepared/private", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(inputs)/answers.jsonl", toPath: answers)
        let r = try mlepkg(["grade", id, "\(inputs)/noisy.csv", "--data-dir", "\(home)/data", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
        #expect(report["score"] as? Double == 0.58333)  // scripts/vectors/grader_cases/text.py's score for this case
        #expect(report["valid_submission"] as? Bool == true)

        let bad = try mlepkg(["grade", id, "\(inputs)/three-parts.csv", "--data-dir", "\(home)/data", "--json"])
        #expect(bad.status == 0, "\(bad.stderr)")
        #expect((try JSONSerialization.jsonObject(with: bad.stdoutData) as! [String: Any])["valid_submission"] as? Bool == false)
        #expect(bad.stderr.hasPrefix("warning: invalid submission: PredictionString '1:2:3'"), "\(bad.stderr)")

        // A blank line in the answers: json.loads fails on it.
        let text = try String(contentsOfFile: answers, encoding: .utf8)
        try FileManager.default.removeItem(atPath: answers)
        try text.replacingOccurrences(of: "}\n{", with: "}\n\n{").write(toFile: answers, atomically: true, encoding: .utf8)
        let broken = try mlepkg(["grade", id, "\(inputs)/gold.csv", "--data-dir", "\(home)/data", "--json"])
        #expect(broken.status == 0, "\(broken.stderr)")
        #expect(broken.stderr.hasPrefix("warning: invalid submission: answers line 2 is not JSON"), "\(broken.stderr)")
        #expect(broken.stderr.split(separator: "\n").count == 1)
    }
}
