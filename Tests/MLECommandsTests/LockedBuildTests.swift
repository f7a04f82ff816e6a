import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// `build --locked` and `verify` hold data to every field of a lock, and a refused build
/// leaves the data folder and the store's refs as they were.
@Suite(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"))
struct LockedBuildTests {
    let home: String
    let raw = TestSupport.sharedDirectory?.appendingPathComponent("data/kaggle-raw").path ?? ""
    init() throws { home = try TestSupport.makeTemporaryDirectory("locked") }

    func mlepkg(_ args: [String]) throws -> TestSupport.ProcessResult {
        let registry = ["--registry", TestSupport.packageRoot.appendingPathComponent("registry").path]
        let takesRegistry = ["build", "lock", "grade", "validate", "recipes"].contains(args.first ?? "")
        return try TestSupport.mlepkg(args + (takesRegistry ? registry : []), home: home)
    }

    /// A lock of spaceship-titanic built from the real raw files, as text.
    func lockText() throws -> String {
        let r = try mlepkg(["lock", "spaceship-titanic", "--raw-dir", raw, "-o", "\(home)/good.lock"])
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOfFile: "\(home)/good.lock", encoding: .utf8)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = "\(home)/\(name).lock"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Replaces the first match of a pattern (a regular expression) in the lock's text.
    func edit(_ text: String, _ pattern: String, _ replacement: String) -> String {
        guard let r = text.range(of: pattern, options: .regularExpression) else { return text }
        return text.replacingCharacters(in: r, with: replacement)
    }

    /// The lock with its first input's size changed (the hash kept).
    func editInputSize(_ text: String) -> String {
        guard let input = text.range(of: "[[competition.input]]"),
              let size = text.range(of: #"size = \d+"#, options: .regularExpression, range: input.upperBound..<text.endIndex) else { return text }
        return text.replacingCharacters(in: size, with: "size = 12")
    }

    /// Lockfiles that differ from the build in one field each: every one is refused, the
    /// message names the field, and nothing is left behind.
    @Test func everyChangedFieldIsRefusedAndNamed() throws {
        defer { TestSupport.remove(home) }
        let good = try lockText()
        let refsBefore = try mlepkg(["store", "refs", "--json"]).stdout
        let sha = "0000000000000000000000000000000000000000000000000000000000000000"
        let cases: [(name: String, text: String, message: String, status: Int32)] = [
            ("recipe", edit(good, #"recipe = "sha256:[0-9a-f]+""#, #"recipe = "sha256:\#(sha)""#), "recipe digest", 3),
            ("public", edit(good, #"public = "sha256:[0-9a-f]+""#, #"public = "sha256:\#(sha)""#), "public digest", 3),
            ("malformed", edit(good, #"public = "sha256:[0-9a-f]+""#, #"public = "sha256:zz""#), "is not a digest", 1),
            ("input-size", editInputSize(good), "the size of", 3),
            ("negative", edit(good, #"size = \d+"#, "size = -5"), "must be between 0 and", 1),
            ("huge", edit(good, #"size = \d+"#, "size = 9223372036854775807"), "must be between 0 and", 1),
            ("md5", edit(good, #"md5 = "[0-9a-f]"#, #"md5 = "f"#), "the md5 of", 3),
            ("engine", edit(good, "engine = 1", "engine = 99"), "'engine' is 99", 1),
            ("mlepkg", edit(good, #"mlepkg = "[^"]+""#, #"mlepkg = "9.9.9""#), "newer than this mlepkg", 1),
            ("duplicate", good + good[good.range(of: "[[competition]]")!.lowerBound...], "appears twice", 1),
            ("unknown", edit(good, "pinned = true", "pinned = true\ncolour = \"red\""), "unknown key 'colour'", 1),
            ("unpinned", edit(good, "pinned = true", "pinned = false"), "no competition is pinned", 1),
            ("other-id", edit(good, #"id = "spaceship-titanic""#, #"id = "not-a-competition""#), "no recipe for 'not-a-competition'", 1),
        ]
        for c in cases {
            #expect(c.text != good, "\(c.name): the edit did not apply")
            let path = try write(c.text, c.name)
            let r = try mlepkg(["build", "--locked", path, "--raw-dir", raw, "--data-dir", "\(home)/data"])
            #expect(r.status == c.status, "\(c.name): exit \(r.status): \(r.stderr)")
            #expect(r.stderr.contains(c.message), "\(c.name): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: "\(home)/data"), "\(c.name) materialized refused files")
        }
        #expect(try mlepkg(["store", "refs", "--json"]).stdout == refsBefore, "a refused build changed the refs")
        // The good lock builds, and a plain build afterwards is the same build.
        let ok = try mlepkg(["build", "--locked", "\(home)/good.lock", "--raw-dir", raw, "--data-dir", "\(home)/data"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    /// A lock's paths and ids are names inside the data folder, never a way out of it.
    @Test func lockPathsAndIdsCannotLeaveTheDataFolder() throws {
        defer { TestSupport.remove(home) }
        let good = try lockText()
        for (name, text) in [("dotdot", edit(good, #"path = "public/"#, #"path = "public/../../../../etc/"#)),
                             ("absolute", edit(good, #"path = "public/[^"]+""#, #"path = "/etc/hostname""#)),
                             ("id", edit(good, #"id = "spaceship-titanic""#, #"id = "../../etc""#))] {
            let path = try write(text, name)
            let r = try mlepkg(["verify", "--lock", path, "--data-dir", "\(home)/data"])
            #expect(r.status == 1, "\(name): \(r.stdout) \(r.stderr)")
            #expect(r.stderr.contains("\(path):"), "\(name): the error names the file: \(r.stderr)")
            #expect(!r.stdout.contains("sha256"), "\(name) printed a hash")
        }
    }

    /// verify's three states, per competition: verified, differs (which files), not materialized.
    @Test func verifyTellsVerifiedDiffersAndNotMaterialized() throws {
        defer { TestSupport.remove(home) }
        _ = try lockText()
        let lock = "\(home)/good.lock"
        let absent = try mlepkg(["verify", "--lock", lock, "--data-dir", "\(home)/data", "--json"])
        #expect(absent.status == 1)
        let a = try JSONSerialization.jsonObject(with: absent.stdoutData) as! [String: Any]
        #expect(a["not_materialized"] as? Int == 1 && a["verified"] as? Int == 0)
        #expect(!absent.stdout.contains("missing"))

        #expect(try mlepkg(["build", "--locked", lock, "--raw-dir", raw, "--data-dir", "\(home)/data"]).status == 0)
        let ok = try mlepkg(["verify", "--lock", lock, "--data-dir", "\(home)/data"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("1 verified, 0 differ, 0 not materialized"))

        // A copy edited in place, and a file that was never there.
        let train = "\(home)/data/spaceship-titanic/prepared/public/train.csv"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: train))
        try FileManager.default.removeItem(atPath: train)
        try (bytes + Data("x".utf8)).write(to: URL(fileURLWithPath: train))
        try Data("extra".utf8).write(to: URL(fileURLWithPath: "\(home)/data/spaceship-titanic/prepared/public/notes.txt"))
        let bad = try mlepkg(["verify", "--lock", lock, "--data-dir", "\(home)/data", "--json"])
        #expect(bad.status == 3)
        let b = try JSONSerialization.jsonObject(with: bad.stdoutData) as! [String: Any]
        let entry = (b["competitions"] as! [[String: Any]])[0]
        #expect(entry["state"] as? String == "differs")
        let diffs = entry["differences"] as! [[String: Any]]
        #expect(Set(diffs.map { "\($0["path"]!) \($0["field"]!)" })
                == ["public/train.csv sha256", "public/train.csv size", "public/notes.txt file"])
    }
}
