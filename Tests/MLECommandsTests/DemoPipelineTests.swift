import Foundation
import MLETestSupport
import Testing

/// What `make demo` needs beyond mlepkg: bubblewrap and root for the sandboxed runs, numpy
/// (`make pydeps`) for the generator's Meta Kaggle snapshot.
enum DemoSetup {
    static var pythonPath: String {
        ProcessInfo.processInfo.environment["MLEPKG_PYDEPS"] ?? TestSupport.packageRoot.appendingPathComponent(".pydeps").path
    }
    static let numpy: Bool = {
        var env = ProcessInfo.processInfo.environment
        env["PYTHONPATH"] = pythonPath
        return (try? TestSupport.run("/usr/bin/env", ["python3", "-c", "import numpy"], environment: env))?.status == 0
    }()
    static let usable = RunSetup.bwrap != nil && getuid() == 0 && numpy
    static let competitions = ["demo-authors", "demo-churn", "demo-house-prices", "demo-signals"]
}

/// scripts/demo.sh, smaller (a quarter of the rows, one seed), with the debug binary: the
/// baseline agent's grades are the sample submission's, the learner beats it everywhere, the
/// lock verifies, and the store that pulled the lock from the mirror builds the same bytes.
@Suite struct DemoPipelineTests {
    @Test(.enabled(if: DemoSetup.usable, "needs bubblewrap and root (make test installs bwrap) and numpy ('make pydeps')"))
    func theDemoPipelineGradesReproducesAndTheLearnerBeatsTheBaseline() throws {
        let dir = try TestSupport.makeTemporaryDirectory("demo")
        defer { TestSupport.remove(dir) }
        var env = ProcessInfo.processInfo.environment
        env["MLEPKG_DEMO_DIR"] = dir
        env["MLEPKG_DEMO_SCALE"] = "0.25"
        env["MLEPKG_DEMO_SEEDS"] = "1"
        env["MLEPKG_PYDEPS"] = DemoSetup.pythonPath
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/demo.sh").path
        let demo = try TestSupport.run("/bin/bash", [script, TestSupport.mlepkgExecutable], environment: env)
        try #require(demo.status == 0, "\(demo.stdout.suffix(3000))\n\(demo.stderr.suffix(3000))")
        #expect(demo.stdout.contains("[12/12]") && demo.stdout.contains("report.html"))
        #expect(demo.stdout.contains("with a recipe           4"), "the funnel keeps the four demo competitions")

        // The page names splits as the user named them (a file's name, not its path) and shows
        // the cut-offs and what the attempts used.
        let html = try String(contentsOfFile: "\(dir)/report.html", encoding: .utf8)
        #expect(html.contains("<td>tabular</td>") && html.contains("<td>text</td>") && !html.contains("splits/"))
        #expect(html.contains("medal cut-offs") && html.contains("<td>demo-signals</td><td>higher</td>"))
        #expect(html.contains("Time and memory used") && html.contains("exited ×1"))

        let registry = TestSupport.packageRoot.appendingPathComponent("examples/demo-registry").path
        func report(_ path: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        }
        for id in DemoSetup.competitions {
            let sample = "\(dir)/data/\(id)/prepared/public/sample_submission.csv"
            let graded = try TestSupport.mlepkg(["grade", id, sample, "--data-dir", "\(dir)/data", "--registry", registry, "--json"], home: dir)
            try #require(graded.status == 0, "\(graded.stderr)")
            let sampleReport = try JSONSerialization.jsonObject(with: graded.stdoutData) as! [String: Any]
            let baseline = try report("\(dir)/runs/baseline/\(id)_0/grading_report.json")
            let learner = try report("\(dir)/runs/learner/\(id)_0/grading_report.json")
            let sampleScore = try #require(sampleReport["score"] as? Double)
            #expect(baseline["score"] as? Double == sampleScore, "\(id): the baseline submits the sample")
            // Medals come from the catalog's board of the generated Meta Kaggle snapshot.
            #expect(baseline["leaderboard"] as? String == "catalog:\(id)")
            #expect(learner["valid_submission"] as? Bool == true, "\(id): \(learner)")
            let learned = try #require(learner["score"] as? Double, "\(id): the learner has no score")
            let lowerIsBetter = try #require(learner["is_lower_better"] as? Bool)
            #expect(lowerIsBetter ? learned < sampleScore : learned > sampleScore, "\(id): learner \(learned), baseline \(sampleScore)")
            #expect(learner["above_median"] as? Bool == true, "\(id): the learner beats the median of its board")
        }

        let verified = try TestSupport.mlepkg(["verify", "--lock", "\(dir)/demo.lock", "--data-dir", "\(dir)/data"], home: dir)
        #expect(verified.status == 0 && verified.stdout.contains("4 verified, 0 differ"), "\(verified.stdout)\(verified.stderr)")

        // The second store (pulled from the mirror) builds what the lock pins, offline.
        let second = ["MLEPKG_HOME": "\(dir)/store2", "MLEPKG_CONFIG_DIR": "\(dir)/config2", "MLEPKG_OFFLINE": "1"]
        let rebuilt = try TestSupport.mlepkg(["build", "--locked", "\(dir)/demo.lock", "--registry", registry,
                                              "--data-dir", "\(dir)/data3", "--json"], home: dir, extraEnvironment: second)
        try #require(rebuilt.status == 0, "\(rebuilt.stderr)")
        let built = try #require((try JSONSerialization.jsonObject(with: rebuilt.stdoutData) as? [String: Any])?["built"] as? [[String: Any]])
        let lock = try String(contentsOfFile: "\(dir)/demo.lock", encoding: .utf8)
        #expect(built.count == 4)
        for b in built {
            for side in ["public", "private"] {
                let digest = try #require(b[side] as? String)
                #expect(lock.contains("\(side) = \"\(digest)\""), "\(b["id"] ?? "?"): \(side) \(digest) is not the lock's")
            }
            for output in b["outputs"] as? [[String: Any]] ?? [] {
                #expect(lock.contains("sha256 = \"\(output["sha256"] as? String ?? "-")\""), "\(output)")
            }
        }
        let files = FileManager.default.enumerator(atPath: "\(dir)/data")!.compactMap { $0 as? String }
            .filter { !FileManager.default.isDirectory("\(dir)/data/\($0)") }
        #expect(files.count > 100)
        for f in files {
            #expect(FileManager.default.contents(atPath: "\(dir)/data/\(f)") == FileManager.default.contents(atPath: "\(dir)/data3/\(f)"), "\(f) differs")
        }
    }
}

extension FileManager {
    fileprivate func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }
}
