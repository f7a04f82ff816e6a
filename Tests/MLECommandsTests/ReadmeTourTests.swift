import Foundation
import MLETestSupport
import Testing

/// The README's tour, line by line, as a new user runs it: the release binary on PATH, a
/// folder outside the repository, a fresh home (so a fresh store and no configuration), and
/// the real raw files of ../shared as `~/kaggle-raw`.
struct ReadmeTourTests {
    static let releaseBinary = TestSupport.packageRoot.appendingPathComponent(".build/release/mlepkg").path

    /// The tour's command lines, with whether each is marked as needing Kaggle or the network.
    static func tourLines() throws -> [(line: String, needsKaggle: Bool)] {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let tour = readme.range(of: "## A short tour"),
              let open = readme.range(of: "```sh\n", range: tour.upperBound..<readme.endIndex),
              let close = readme.range(of: "\n```", range: open.upperBound..<readme.endIndex) else { return [] }
        return readme[open.upperBound..<close.lowerBound].split(separator: "\n").compactMap { raw in
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            let marked = line.contains("# needs Kaggle") || line.contains("# needs network")
            let command = line.range(of: "   #").map { String(line[..<$0.lowerBound]) } ?? line
            return (command.trimmingCharacters(in: .whitespaces), marked)
        }
    }

    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"),
          .enabled(if: FileManager.default.isExecutableFile(atPath: releaseBinary),
                   "no release binary: 'make test' builds it (swift build -c release --static-swift-stdlib)"))
    func everyLineOfTheTourRunsAsWritten() throws {
        let home = try TestSupport.makeTemporaryDirectory("tour")
        defer { TestSupport.remove(home) }
        let lines = try Self.tourLines()
        #expect(lines.count >= 20, "the tour has \(lines.count) lines")
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        try FileManager.default.createDirectory(atPath: "\(home)/kaggle-raw", withIntermediateDirectories: true)
        for id in ["spaceship-titanic", "spooky-author-identification"] {
            try FileManager.default.createSymbolicLink(atPath: "\(home)/kaggle-raw/\(id)", withDestinationPath: "\(raw)/\(id)")
        }
        try FileManager.default.createSymbolicLink(atPath: "\(home)/meta-kaggle",
            withDestinationPath: TestSupport.sharedDirectory!.appendingPathComponent("data/meta-kaggle/2022-03").path)
        let work = "\(home)/work", bin = "\(home)/bin"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(bin)/mlepkg", withDestinationPath: Self.releaseBinary)

        // The files the tour assumes, made once the first build has prepared the data.
        let fixtures = """
        cp ~/mle-data/spaceship-titanic/prepared/public/sample_submission.csv submission.csv
        printf 'teamId,score\\n1,0.83\\n2,0.82\\n3,0.81\\n4,0.80\\n5,0.79\\n6,0.5\\n' > leaderboard.csv
        printf '{"competition_id": "spaceship-titanic", "submission_path": "%s/submission.csv"}\\n{"competition_id": "spooky-author-identification", "submission_path": "%s"}\\n' \
          "$PWD" ~/mle-data/spooky-author-identification/prepared/public/sample_submission.csv > submissions.jsonl
        """
        var script = "cd \(work)\n"
        var fixturesPlaced = false
        for (n, l) in lines.enumerated() {
            if !fixturesPlaced && (l.line.contains("submission") || l.line.contains("leaderboard.csv")) {
                script += fixtures + "\n"
                fixturesPlaced = true
            }
            script += "{ \(l.line) ; } > \(home)/out.\(n) 2> \(home)/err.\(n); echo $? > \(home)/rc.\(n)\n"
        }
        var env = ProcessInfo.processInfo.environment
        for k in env.keys where k.hasPrefix("MLEPKG_") || k.hasPrefix("KAGGLE_") || k.hasPrefix("XDG_") { env[k] = nil }
        env["HOME"] = home
        env["PATH"] = "\(bin):" + (env["PATH"] ?? "/usr/bin:/bin")
        let run = try TestSupport.run("/bin/bash", ["-c", script], environment: env, directory: work)
        #expect(run.status == 0, "\(run.stderr)")
        for (n, l) in lines.enumerated() {
            let rc = (try? String(contentsOfFile: "\(home)/rc.\(n)", encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            let err = (try? String(contentsOfFile: "\(home)/err.\(n)", encoding: .utf8)) ?? ""
            if l.needsKaggle {
                // Without Kaggle: a clear error and the 'source unavailable' code, never a crash.
                #expect(rc == 4, "\(l.line): exit \(rc.map(String.init) ?? "?"): \(err)")
                #expect(err.contains("Kaggle"), "\(l.line): \(err)")
            } else {
                #expect(rc == 0, "\(l.line): exit \(rc.map(String.init) ?? "?"): \(err)")
            }
        }
        // What the tour promised is there.
        #expect(FileManager.default.fileExists(atPath: "\(work)/report.html"))
        #expect(FileManager.default.fileExists(atPath: "\(work)/exported/public/train.csv"))
        #expect(FileManager.default.fileExists(atPath: "\(home)/.local/share/mlepkg/index.sqlite"), "the store is at the XDG default")
    }
}
