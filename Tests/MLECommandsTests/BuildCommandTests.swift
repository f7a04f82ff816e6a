import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// MLE-bench's MD5s of each prepared csv/json file, from `../shared/data/mle-bench/checksums`.
func mleBenchChecksums(_ id: String) throws -> [String: String] {
    guard let shared = TestSupport.sharedDirectory else { return [:] }
    let text = try String(contentsOf: shared.appendingPathComponent("data/mle-bench/checksums/\(id).yaml"), encoding: .utf8)
    var section = ""
    var out: [String: String] = [:]
    for line in text.split(separator: "\n") {
        if !line.hasPrefix(" "), line.hasSuffix(":") { section = String(line.dropLast()) }
        if line.hasPrefix("  "), let colon = line.firstIndex(of: ":"), section == "public" || section == "private" {
            out["\(section)/\(line[..<colon].trimmingCharacters(in: .whitespaces))"] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
    return out
}

let fiveCompetitions = [
    "spaceship-titanic", "spooky-author-identification", "leaf-classification",
    "detecting-insults-in-social-commentary", "nomad2018-predict-transparent-conductors",
]

@Suite(.serialized) struct BuildCommandTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("build") }

    func mlepkg(_ args: [String]) throws -> TestSupport.ProcessResult {
        let registry = ["--registry", TestSupport.packageRoot.appendingPathComponent("registry").path]
        return try TestSupport.mlepkg(args + (args.first == "verify" ? [] : registry), home: home)
    }

    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"),
          arguments: fiveCompetitions)
    func buildingFromRealRawFilesReproducesMLEBenchByteForByte(_ id: String) throws {
        defer { TestSupport.remove(home) }
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let r = try mlepkg(["build", id, "--raw-dir", raw, "--data-dir", "\(home)/data"])
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try mleBenchChecksums(id)
        #expect(!expected.isEmpty)
        for (path, md5) in expected {
            let file = "\(home)/data/\(id)/prepared/\(path)"
            #expect(FileManager.default.fileExists(atPath: file), "\(path) missing")
            #expect((try? Digests.hashFile(at: file, .md5).hex) == md5, "\(id)/\(path)")
        }
        // The second build is a no-op in a new process.
        let again = try mlepkg(["build", id, "--raw-dir", raw, "--data-dir", "\(home)/data"])
        #expect(again.stdout.hasPrefix("up to date \(id)"))
    }

    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"))
    func rawFilesAreFoundByContentInsideKaggleStyleArchives() throws {
        defer { TestSupport.remove(home) }
        let src = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw/spaceship-titanic").path
        // Kaggle's layout: one competition zip holding a nested train.csv.zip, under another name.
        let dir = "\(home)/raw/spaceship-titanic"
        try FileManager.default.createDirectory(atPath: "\(home)/stage", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(src)/train.csv", toPath: "\(home)/stage/renamed.csv")
        let zip = """
        import zipfile, sys
        with zipfile.ZipFile(sys.argv[2] + "/inner.csv.zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.write(sys.argv[1] + "/renamed.csv", "renamed.csv")
        with zipfile.ZipFile(sys.argv[3] + "/spaceship-titanic.zip", "w") as z:
            z.write(sys.argv[2] + "/inner.csv.zip", "inner.csv.zip")
        """
        let py = try TestSupport.run("/usr/bin/env", ["python3", "-c", zip, "\(home)/stage", "\(home)/stage", dir])
        #expect(py.status == 0, "\(py.stderr)")
        let r = try mlepkg(["build", "spaceship-titanic", "--raw-dir", "\(home)/raw", "--data-dir", "\(home)/data", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let md5 = try Digests.hashFile(at: "\(home)/data/spaceship-titanic/prepared/public/train.csv", .md5).hex
        #expect(md5 == (try mleBenchChecksums("spaceship-titanic"))["public/train.csv"])
    }

    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"))
    func lockBuildLockedAndVerifyAgree() throws {
        defer { TestSupport.remove(home) }
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let lock = "\(home)/t.lock"
        let l = try mlepkg(["lock", "spaceship-titanic", "aerial-cactus-identification", "--raw-dir", raw, "-o", lock, "-q"])
        #expect(l.status == 0, "\(l.stderr)")
        #expect(l.stdout == "wrote \(lock): 2 competitions, 1 pinned, 1 not yet pinned\n")
        let text = try String(contentsOfFile: lock, encoding: .utf8)
        #expect(text.contains("path = \"public/train.csv\"\nsize = "))
        #expect(text.contains("md5 = \"564a1614ecef9d9611cec4efdce4c412\""))
        // Locking twice gives the same bytes.
        _ = try mlepkg(["lock", "spaceship-titanic", "aerial-cactus-identification", "--raw-dir", raw, "-o", "\(lock)2", "-q"])
        #expect(try String(contentsOfFile: "\(lock)2", encoding: .utf8) == text)

        let b = try mlepkg(["build", "--locked", lock, "--raw-dir", raw, "--data-dir", "\(home)/data"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(try mlepkg(["verify", "--lock", lock, "--data-dir", "\(home)/data"]).status == 0)

        // A lock that disagrees is refused, naming the file and both hashes.
        let sha = try Digests.hashFile(at: "\(home)/data/spaceship-titanic/prepared/public/test.csv").hex
        let bad = text.replacingOccurrences(of: sha, with: String(repeating: "0", count: 64))
        try bad.write(toFile: "\(home)/bad.lock", atomically: true, encoding: .utf8)
        let refused = try mlepkg(["build", "--locked", "\(home)/bad.lock", "--raw-dir", raw])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("\(home)/bad.lock: spaceship-titanic: the sha256 of 'public/test.csv' is \(sha), the lock has \(String(repeating: "0", count: 64))"), "\(refused.stderr)")

        // verify names a file that changed on disk.
        let victim = "\(home)/data/spaceship-titanic/prepared/public/sample_submission.csv"
        unlink(victim)
        try Data("PassengerId,Transported\n".utf8).write(to: URL(fileURLWithPath: victim))
        let v = try mlepkg(["verify", "--lock", lock, "--data-dir", "\(home)/data"])
        #expect(v.status == 3)
        #expect(v.stdout.contains("spaceship-titanic: the sha256 of 'public/sample_submission.csv' is "), "\(v.stdout)")
    }

    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"))
    func descriptionsComeFromMetaKaggleNotFromTheRepository() throws {
        defer { TestSupport.remove(home) }
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        // A real Meta Kaggle snapshot (2022-03): Title, Subtitle and the evaluation columns.
        let snapshot = TestSupport.sharedDirectory!.appendingPathComponent("data/meta-kaggle/2022-03/Competitions.csv").path
        let r = try mlepkg(["build", "leaf-classification", "--raw-dir", raw, "--data-dir", "\(home)/data", "--meta-kaggle", snapshot])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: "\(home)/data/leaf-classification/prepared/public/description.md", encoding: .utf8)
        #expect(text.hasPrefix("# Leaf Classification\n"))
        #expect(text.contains("## Evaluation\n\n"))
        #expect(text.hasSuffix("Source: Meta Kaggle, Competitions.csv, competition 'leaf-classification'.\n"))
        // Newer dumps add Overview and DatasetDescription; columns are read by name.
        let newer = "Slug,Id,Overview,Title,DatasetDescription\nspooky-author-identification,7,\"Overview, with a comma\",Spooky,\"Data text\"\n"
        try newer.write(toFile: "\(home)/mk.csv", atomically: true, encoding: .utf8)
        _ = try mlepkg(["build", "spooky-author-identification", "--raw-dir", raw, "--data-dir", "\(home)/data", "--meta-kaggle", "\(home)/mk.csv"])
        let spooky = try String(contentsOfFile: "\(home)/data/spooky-author-identification/prepared/public/description.md", encoding: .utf8)
        #expect(spooky.contains("## Overview\n\nOverview, with a comma\n\n## Data\n\nData text"))
        // The other outputs are unchanged: still MLE-bench's bytes.
        let md5 = try Digests.hashFile(at: "\(home)/data/spooky-author-identification/prepared/public/train.csv", .md5).hex
        #expect(md5 == (try mleBenchChecksums("spooky-author-identification"))["public/train.csv"])
        // Without Meta Kaggle a description is still written: mlepkg's summary of the task.
        _ = try mlepkg(["build", "spaceship-titanic", "--raw-dir", raw, "--data-dir", "\(home)/data"])
        let summary = try String(contentsOfFile: "\(home)/data/spaceship-titanic/prepared/public/description.md", encoding: .utf8)
        #expect(summary.hasPrefix("# Spaceship Titanic\n"), "\(summary)")
        #expect(summary.contains("header `PassengerId,Transported`"))
        #expect(summary.contains("Metric: `accuracy` (higher is better)."))
        let missing = try mlepkg(["build", "spaceship-titanic", "--raw-dir", raw, "--meta-kaggle", "\(home)/mk.csv"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Meta Kaggle row with Slug 'spaceship-titanic'"))
    }

    @Test func unsupportedRecipesAndMissingRawFilesFailClearly() throws {
        defer { TestSupport.remove(home) }
        let u = try mlepkg(["build", "siim-covid19-detection", "--raw-dir", "\(home)/nowhere"])
        #expect(u.status == 1)
        #expect(u.stderr.hasPrefix("error: siim-covid19-detection: the recipe cannot be built yet: "))
        let m = try mlepkg(["build", "spaceship-titanic", "--raw-dir", "\(home)/nowhere"])
        #expect(m.status == 1)
        #expect(m.stderr == "error: spaceship-titanic: no raw files: '\(home)/nowhere/spaceship-titanic' does not exist (expected the competition's Kaggle archive or unpacked files there)\n")
        let f = try mlepkg(["build", "--filter", "colour=red"])
        #expect(f.status == 64)
        let list = try mlepkg(["recipes", "--filter", "status=supported,complexity=low"])
        #expect(list.stdout.split(separator: "\n").count == 4)
    }
}

struct ReadmeTests {
    @Test func theReadmeSupportTableIsGeneratedFromTheRegistry() throws {
        let home = try TestSupport.makeTemporaryDirectory("readme")
        defer { TestSupport.remove(home) }
        let table = try TestSupport.mlepkg(["recipes", "--table", "--registry",
                                            TestSupport.packageRoot.appendingPathComponent("registry").path], home: home)
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = readme.range(of: "<!-- support-table:begin -->\n")!.upperBound
        let end = readme.range(of: "<!-- support-table:end -->")!.lowerBound
        #expect(String(readme[begin..<end]) == table.stdout, "run 'make support-table'")
    }
}
