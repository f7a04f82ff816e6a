import Foundation
import MLETestSupport
import Testing

/// Grading reports that MLE-bench's own code reads, batch grading that survives a missing
/// competition, and validation in MLE-bench's container layout.
@Suite(.serialized, .enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"))
struct GradingInteropTests {
    let home: String
    let raw = TestSupport.sharedDirectory?.appendingPathComponent("data/kaggle-raw").path ?? ""
    init() throws { home = try TestSupport.makeTemporaryDirectory("interop") }

    func mlepkg(_ args: [String], registry: Bool = true) throws -> TestSupport.ProcessResult {
        let r = registry ? ["--registry", TestSupport.packageRoot.appendingPathComponent("registry").path] : []
        return try TestSupport.mlepkg(args + r, home: home)
    }

    func prepare(_ ids: [String]) throws {
        let b = try mlepkg(["build"] + ids + ["--raw-dir", raw, "--data-dir", "\(home)/data", "-q"])
        #expect(b.status == 0, "\(b.stderr)")
    }

    func write(_ name: String, _ text: String) throws -> String {
        let p = "\(home)/\(name)"
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// The keys MLE-bench's `CompetitionReport.from_dict` reads, read the way it reads them
    /// (`float()` on the thresholds, `None` kept for the score).
    static let fromDict = """
    import json, sys
    from datetime import datetime
    d = json.load(open(sys.argv[1]))
    for r in d.get("competition_reports", [d]):
        typed = {
            "competition_id": r["competition_id"],
            "score": float(r["score"]) if r["score"] is not None else None,
            "gold_threshold": float(r["gold_threshold"]), "silver_threshold": float(r["silver_threshold"]),
            "bronze_threshold": float(r["bronze_threshold"]), "median_threshold": float(r["median_threshold"]),
            "any_medal": bool(r["any_medal"]), "gold_medal": bool(r["gold_medal"]), "silver_medal": bool(r["silver_medal"]),
            "bronze_medal": bool(r["bronze_medal"]), "above_median": bool(r["above_median"]),
            "submission_exists": bool(r["submission_exists"]), "valid_submission": bool(r["valid_submission"]),
            "is_lower_better": bool(r["is_lower_better"]), "created_at": datetime.fromisoformat(r["created_at"]),
            "submission_path": r["submission_path"],
        }
        print(typed["competition_id"], typed["score"], typed["is_lower_better"], typed["gold_threshold"])
    """

    @Test func reportsAreReadableByMLEBenchAndSayTheDirectionWithoutABoard() throws {
        defer { TestSupport.remove(home) }
        try prepare(["spooky-author-identification", "spaceship-titanic"])
        let sample = "\(home)/data/spooky-author-identification/prepared/public/sample_submission.csv"
        let good = try mlepkg(["grade", "spooky-author-identification", sample, "--data-dir", "\(home)/data", "--json"])
        #expect(good.status == 0, "\(good.stderr)")
        let report = try JSONSerialization.jsonObject(with: good.stdoutData) as! [String: Any]
        // Log loss: lower is better, from the recipe, since there is no leaderboard.
        #expect(report["is_lower_better"] as? Bool == true)
        #expect(report["gold_threshold"] as? String == "NaN")
        #expect(report.keys.contains("leaderboard") && report["leaderboard"] is NSNull)
        let bad = try write("empty.csv", "id,EAP,HPL,MWS\n")
        let invalid = try mlepkg(["grade", "spooky-author-identification", bad, "--data-dir", "\(home)/data", "--json"])
        let inv = try JSONSerialization.jsonObject(with: invalid.stdoutData) as! [String: Any]
        #expect(inv.keys.contains("score") && inv["score"] is NSNull)
        #expect(inv["valid_submission"] as? Bool == false)
        for (name, data) in [("good", good.stdoutData), ("invalid", invalid.stdoutData)] {
            let path = "\(home)/\(name).json"
            try data.write(to: URL(fileURLWithPath: path))
            let py = try TestSupport.run("/usr/bin/env", ["python3", "-c", Self.fromDict, path])
            #expect(py.status == 0, "\(name): MLE-bench's from_dict fails: \(py.stderr)")
        }
        // A leaderboard makes medals and thresholds real numbers.
        let board = try write("lb.csv", "teamId,score\n1,0.2\n2,0.3\n3,0.4\n4,0.5\n5,0.6\n")
        let ranked = try mlepkg(["grade", "spooky-author-identification", sample, "--data-dir", "\(home)/data", "--leaderboard", board, "--json"])
        let r = try JSONSerialization.jsonObject(with: ranked.stdoutData) as! [String: Any]
        #expect(r["gold_threshold"] as? Double == 0.2)
        #expect(r["leaderboard"] as? String == board)
    }

    @Test func aBatchGradesWhatItCanAndSaysWhyForTheRest() throws {
        defer { TestSupport.remove(home) }
        try prepare(["spaceship-titanic"])
        let sample = "\(home)/data/spaceship-titanic/prepared/public/sample_submission.csv"
        let broken = try write("broken.csv", "PassengerId,Transported\n0001_01,\n")
        let batch = try write("subs.jsonl", """
        {"competition_id": "spaceship-titanic", "submission_path": "\(sample)"}
        {"competition_id": "leaf-classification", "submission_path": "\(sample)"}
        {"competition_id": "spaceship-titanic", "submission_path": "\(broken)"}

        """)
        // MLE-bench's own spelling of the batch option.
        let r = try mlepkg(["grade", "--submission", batch, "--output-dir", "\(home)/reports", "--data-dir", "\(home)/data", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
        #expect(summary["total_runs"] as? Int == 3)
        #expect(summary["total_valid_submissions"] as? Int == 1)
        #expect(r.stderr.contains("leaf-classification: \(sample): leaf-classification is not prepared"))
        #expect(r.stderr.contains("spaceship-titanic: \(broken): "))
        // Two batches in the same second keep both reports.
        let again = try mlepkg(["grade", "--batch", batch, "--output-dir", "\(home)/reports", "--data-dir", "\(home)/data"])
        #expect(again.status == 0)
        let third = try mlepkg(["grade", "--batch", batch, "--output-dir", "\(home)/reports", "--data-dir", "\(home)/data"])
        #expect(third.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(home)/reports").filter { $0.hasSuffix(".json") }
        #expect(files.count == 3, "\(files)")
        let py = try TestSupport.run("/usr/bin/env", ["python3", "-c", Self.fromDict, "\(home)/reports/\(files.sorted()[0])"])
        #expect(py.status == 0, "\(py.stderr)")
        // An output folder that is a file is named, with the reason.
        let file = try write("not-a-dir", "x")
        let f = try mlepkg(["grade", "--batch", batch, "--output-dir", file, "--data-dir", "\(home)/data"])
        #expect(f.status == 1 && f.stderr.contains("the output directory is a file"), "\(f.stderr)")
        let jobs = try mlepkg(["grade", "--batch", batch, "--output-dir", "\(home)/r2", "--data-dir", "\(home)/data", "--jobs", "0"])
        #expect(jobs.status == 64)
    }

    /// An agent's view: /home/data is the public folder itself, and there is no registry.
    @Test func validateWorksWithOnlyThePublicFolder() throws {
        defer { TestSupport.remove(home) }
        try prepare(["spaceship-titanic"])
        let pub = "\(home)/data/spaceship-titanic/prepared/public"
        let sandbox = "\(home)/sandbox-cwd"
        try FileManager.default.createDirectory(atPath: sandbox, withIntermediateDirectories: true)
        var env = ["MLEPKG_REGISTRY": "\(home)/no-registry-here"]
        env["PWD"] = sandbox
        let ok = try TestSupport.mlepkg(["validate", "spaceship-titanic", "\(pub)/sample_submission.csv", "--data-dir", pub],
                                        home: home, extraEnvironment: env)
        #expect(ok.status == 0 && ok.stdout == "valid\n", "\(ok.stdout) \(ok.stderr)")
        let bad = try write("bad.csv", "PassengerId,Transported\n0001_01,True\n")
        let no = try TestSupport.mlepkg(["validate", "spaceship-titanic", bad, "--data-dir", pub, "--json"],
                                        home: home, extraEnvironment: env)
        #expect(no.status == 1)
        let j = try JSONSerialization.jsonObject(with: no.stdoutData) as! [String: Any]
        #expect(j["valid"] as? Bool == false)
        #expect((j["reason"] as? String)?.isEmpty == false)
    }
}

/// Command-line conventions: suggestions, negative numbers, JSON everywhere, one style.
struct CommandLineConventionTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("cli-conv") }

    func mlepkg(_ args: String...) throws -> TestSupport.ProcessResult {
        try TestSupport.mlepkg(args, home: home)
    }

    @Test func mistypedCommandsGetSuggestionsAndUsageExitCodes() throws {
        defer { TestSupport.remove(home) }
        let typo = try mlepkg("biuld", "x")
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("did you mean 'build'?"), "\(typo.stderr)")
        let sub = try mlepkg("store", "ad", "x")
        #expect(sub.status == 64 && sub.stderr.contains("did you mean 'add'?"))
        #expect(try mlepkg("help", "nonexistent").status == 64)
        #expect(try mlepkg("help", "build").status == 0)
        let json = try mlepkg("biuld", "--json")
        #expect((try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])?["exit_code"] as? Int == 64)
    }

    /// On a terminal, stdout and stderr are the same screen: under `--json` the error is the
    /// JSON line alone there, while a script reading stdout still gets the text on stderr.
    @Test func jsonErrorsAreShownOnceOnATerminal() throws {
        defer { TestSupport.remove(home) }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("util-linux 'script' is needed to give mlepkg a terminal"); return
        }
        let missing = "\(home)/missing.lock"
        for args in [["verify", "--lock", missing, "--json"], ["biuld", "--json"]] {
            let line = ([TestSupport.mlepkgExecutable] + args).map { "'\($0)'" }.joined(separator: " ")
            let tty = try TestSupport.run("/usr/bin/script", ["-qec", line, "/dev/null"],
                                          environment: ["MLEPKG_HOME": home + "/store", "MLEPKG_CONFIG_DIR": home + "/config",
                                                        "HOME": home, "PATH": "/usr/bin:/bin", "TERM": "dumb"])
            #expect(tty.status != 0)
            let screen = tty.stdout.replacingOccurrences(of: "\r", with: "")
            #expect(screen.components(separatedBy: "\"exit_code\"").count == 2, "one JSON error: \(screen)")
            #expect((try? JSONSerialization.jsonObject(with: Data(screen.utf8))) != nil, "\(screen)")
            #expect(!screen.contains("error: "), "the text copy shows on the terminal too: \(screen)")
            let piped = try TestSupport.mlepkg(args, home: home)
            #expect(piped.stderr.contains("error: "), "\(piped.stderr)")
            #expect((try JSONSerialization.jsonObject(with: piped.stdoutData) as? [String: Any])?["exit_code"] != nil)
        }
    }

    @Test func negativeNumbersAreValuesNotFlags() throws {
        defer { TestSupport.remove(home) }
        let board = "\(home)/lb.csv"
        try "teamId,score\n1,-1.0\n2,-3.0\n3,-5.0\n4,-7.0\n5,-9.0\n".write(toFile: board, atomically: true, encoding: .utf8)
        let r = try mlepkg("medal", "--leaderboard", board, "--score", "-6.5", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
        #expect(j["score"] as? Double == -6.5)
        let inf = try mlepkg("medal", "--leaderboard", board, "--score", "-inf")
        #expect(inf.status == 0, "\(inf.stderr)")
        let seed = try mlepkg("split", "\(home)/x.csv", "--random-state", "-1", "-o", "\(home)/out")
        #expect(seed.status == 64 && !seed.stderr.contains("Missing value"), "\(seed.stderr)")
        let missing = try mlepkg("medal", "--leaderboard", "\(home)/none.csv", "--score", "1")
        #expect(missing.status == 1 && missing.stderr.contains("none.csv"))
        // An output folder that is a file is said so, in one line naming it.
        try "a,b\n1,2\n3,4\n5,6\n".write(toFile: "\(home)/t.csv", atomically: true, encoding: .utf8)
        try "x".write(toFile: "\(home)/a-file", atomically: true, encoding: .utf8)
        let split = try mlepkg("split", "\(home)/t.csv", "--test-size", "1", "-o", "\(home)/a-file")
        #expect(split.status == 1 && split.stderr == "error: the output directory '\(home)/a-file': Not a directory\n", "\(split.stderr)")
        let slash = try mlepkg("split", "\(home)/t.csv", "--test-size", "1", "-o", "\(home)/out/")
        #expect(slash.status == 0 && !slash.stdout.contains("//"), "\(slash.stdout)")
    }

    @Test func jsonKeysAreSnakeCaseAndErrorsAreJSON() throws {
        defer { TestSupport.remove(home) }
        let gc = try mlepkg("store", "gc", "--dry-run", "--json")
        #expect(gc.status == 0)
        let keys = (try JSONSerialization.jsonObject(with: gc.stdoutData) as! [String: Any]).keys
        #expect(keys.contains("dry_run") && !keys.contains { $0.contains(where: \.isUppercase) }, "\(keys)")
        let err = try mlepkg("store", "cat", "sha256:" + String(repeating: "0", count: 64), "--json")
        #expect(err.status != 0)
        let e = try JSONSerialization.jsonObject(with: err.stdoutData) as? [String: Any]
        #expect(e?["error"] is String, "\(err.stdout)")
        let ref = try mlepkg("store", "add", "\(home)", "--ref", "")
        #expect(ref.status == 64)
    }

    @Test func aMissingRegistrySaysWhereItLookedAndHowToPassOne() throws {
        defer { TestSupport.remove(home) }
        let r = try TestSupport.mlepkg(["recipes"], home: home, extraEnvironment: ["MLEPKG_REGISTRY": "\(home)/nowhere"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("--registry") && r.stderr.contains("MLEPKG_REGISTRY") && !r.stderr.contains(":0:"), "\(r.stderr)")
    }

    @Test func theConfigFileHoldsDataDirAndRefusesUnknownKeys() throws {
        defer { TestSupport.remove(home) }
        try FileManager.default.createDirectory(atPath: "\(home)/config", withIntermediateDirectories: true)
        try #"{"data_dir": "/nonexistent-data", "dta_dir": 1}"#.write(toFile: "\(home)/config/config.json", atomically: true, encoding: .utf8)
        let typo = try mlepkg("store", "ls")
        #expect(typo.status == 1 && typo.stderr.contains("unknown key 'dta_dir'"), "\(typo.stderr)")
        try #"{"data_dir": "\#(home)/cfg-data"}"#.write(toFile: "\(home)/config/config.json", atomically: true, encoding: .utf8)
        let v = try TestSupport.mlepkg(["validate", "spaceship-titanic", "\(home)/s.csv"], home: home,
                                       extraEnvironment: ["MLEPKG_REGISTRY": TestSupport.packageRoot.appendingPathComponent("registry").path])
        #expect(v.stderr.contains("\(home)/cfg-data/spaceship-titanic/prepared/public/sample_submission.csv"), "\(v.stderr)")
    }
}
