import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// Builds a recipe end to end — a committed one over synthetic raw files packed the way Kaggle
/// packs the real ones, or a test's own `demo` recipe — and checks the prepared files, for the
/// *StepsBuildTests against what MLE-bench's code writes from the same files.
enum RecipeBuild {
    /// A test's own `demo` recipe: `TestSupport.demoRecipeHeader`, then `Tests/DemoRecipes/<name>.toml`,
    /// which holds the rest (the recipes are TOML files so that they read and diff as recipes). The
    /// file's last newline is dropped. A file that cannot be read is an issue of the test that reads it.
    static func demo(_ name: String) -> String {
        let url = TestSupport.packageRoot.appendingPathComponent("Tests/DemoRecipes/\(name).toml")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("cannot read the demo recipe \(url.path)")
            return ""
        }
        return TestSupport.demoRecipeHeader + "\n\n" + (text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    /// A committed recipe without `[outputs.md5]` (those are MLE-bench's, for the real files).
    static func recipe(_ id: String) throws -> String {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("registry/\(id)/recipe.toml"), encoding: .utf8)
        var lines: [Substring] = [], inMD5 = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("[") { inMD5 = line.hasPrefix("[outputs.md5]") }
            if !inMD5 { lines.append(line) }
        }
        return lines.joined(separator: "\n")
    }

    /// Writes `files` (path → text) under `home/staging`, packs each `member` of it into
    /// `raw/<id>/<archive>` with 7-Zip (the archive's extension picks the format), builds the
    /// committed recipe with `mlepkg build` and returns the prepared folder.
    static func build(_ id: String, home: String, files: [String: String], archives: [(archive: String, member: String)]) throws -> String {
        try stage(id, home: home, recipe: try recipe(id))
        let staging = "\(home)/staging"
        for (path, text) in files { try RecipeBuild.write("\(staging)/\(path)", text) }
        try pack(archives, from: staging, into: "\(home)/raw/\(id)")
        let r = try run(id, home: home)
        #expect(r.status == 0, "\(r.stderr)")
        return prepared(id, home: home)
    }

    /// Writes `recipe` as `registry/<id>/recipe.toml` and `raw` (path → text) under `raw/<id>` in `home`.
    static func stage(_ id: String = "demo", home: String, recipe: String, raw: [String: String] = [:]) throws {
        try RecipeBuild.write("\(home)/registry/\(id)/recipe.toml", recipe)
        for (path, text) in raw { try RecipeBuild.write("\(home)/raw/\(id)/\(path)", text) }
    }

    /// Packs each `member` of `staging` into `raw/<archive>` with 7-Zip (the archive's extension picks the format).
    static func pack(_ archives: [(archive: String, member: String)], from staging: String, into raw: String) throws {
        try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
        for (archive, member) in archives {
            let type = archive.hasSuffix(".zip") ? "-tzip" : "-t7z"
            let r = try TestSupport.run("/bin/sh", ["-c", "cd \"$1\" && 7z a \(type) -bd \"$2\" \"$3\" >/dev/null", "sh", staging, "\(raw)/\(archive)", member])
            #expect(r.status == 0, "\(r.stderr)")
        }
    }

    /// Runs `mlepkg build <id>` over `home`'s raw folder and registry, into `data` (`home/data` by
    /// default), with `store` (`home` by default) as mlepkg's home.
    static func run(_ id: String = "demo", home: String, data: String? = nil, store: String? = nil) throws -> TestSupport.ProcessResult {
        try TestSupport.mlepkg(["build", id, "--raw-dir", "\(home)/raw", "--data-dir", data ?? "\(home)/data",
                                "--registry", "\(home)/registry"], home: store ?? home)
    }

    /// Stages `recipe` and `raw` (see ``stage``) and runs `mlepkg build <id>`.
    static func build(_ id: String = "demo", home: String, recipe: String, raw: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        try stage(id, home: home, recipe: recipe, raw: raw)
        return try run(id, home: home)
    }

    /// Builds the demo recipe `name` (see ``demo(_:)``), changed by `edits` (see ``edited(_:_:)``),
    /// over `raw` in a fresh home, hands `check` the build and the home, and removes the home.
    static func buildDemo(_ name: String, edits: [(old: String, new: String)] = [], raw: [String: String],
                          _ check: (TestSupport.ProcessResult, _ home: String) throws -> Void) throws {
        let home = try TestSupport.makeTemporaryDirectory(name)
        defer { TestSupport.remove(home) }
        try check(try build(home: home, recipe: edited(demo(name), edits), raw: raw), home)
    }

    /// The folder `mlepkg build <id>` prepares under `home/data`.
    static func prepared(_ id: String = "demo", home: String) -> String { "\(home)/data/\(id)/prepared" }

    /// Expects `r` to be a build that succeeded and each of `expected`'s files under its prepared
    /// folder to be the given text; returns that folder.
    @discardableResult
    static func expectPrepared(_ r: TestSupport.ProcessResult, home: String, _ expected: [String: String] = [:]) throws -> String {
        #expect(r.status == 0, "\(r.stderr)")
        let out = prepared(home: home)
        try expectBytes(expected, under: out)
        return out
    }

    /// `recipe` with each edit's `old` replaced by its `new`, in order. Each must change it: an edit
    /// that matches nothing would test the recipe unchanged.
    static func edited(_ recipe: String, _ edits: [(old: String, new: String)]) -> String {
        edits.reduce(recipe) { text, edit in
            let changed = text.replacingOccurrences(of: edit.old, with: edit.new)
            #expect(changed != text, "the recipe has no '\(edit.old)'")
            return changed
        }
    }

    /// Expects `r` to be a build that failed with an error saying each of `messages`.
    static func expectFailed(_ r: TestSupport.ProcessResult, saying messages: [String]) {
        #expect(r.status != 0)
        for message in messages { #expect(r.stderr.contains(message), "\(r.stderr)") }
    }

    /// Builds `refusal`'s change of `recipe` over its raw files (`raw` where it brings none) and
    /// expects the build to fail saying what it says.
    static func expectRefused(_ refusal: RefusedBuild, home: String, recipe: String, raw: [String: String]) throws {
        expectFailed(try build(home: home, recipe: edited(recipe, refusal.edits), raw: refusal.raw ?? raw), saying: refusal.messages)
    }

    /// Expects each file's bytes under `out` to be the given text.
    static func expectBytes(_ expected: [String: String], under out: String) throws {
        for (path, text) in expected.sorted(by: { $0.key < $1.key }) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(path)"))
            #expect(bytes == Data(text.utf8), "\(path):\n\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// Every file under `out`'s `folders`, by path, as text.
    /// The prepared files' texts, without `public/description.md` (mlepkg's own summary of the
    /// task, not one of MLE-bench's outputs; BuildCommandTests checks it).
    static func texts(under out: String, _ folders: [String]) throws -> [String: String] {
        var found: [String: String] = [:]
        for folder in folders {
            for name in try FileManager.default.subpathsOfDirectory(atPath: "\(out)/\(folder)")
            where !FileIO.isDirectory("\(out)/\(folder)/\(name)") && "\(folder)/\(name)" != "public/description.md" {
                found["\(folder)/\(name)"] = try String(contentsOfFile: "\(out)/\(folder)/\(name)", encoding: .utf8)
            }
        }
        return found
    }

    /// Writes `text` at `path`, making its folders.
    static func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The members of an archive (7z, zip), by name, extracted by 7-Zip into `dir`.
    static func members(_ archive: String, extractingInto dir: String) throws -> [String: Data] {
        let r = try TestSupport.run("/usr/bin/env", ["7z", "x", "-bd", "-y", "-o\(dir)", archive])
        #expect(r.status == 0, "\(r.stderr)")
        var out: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: dir) where !FileIO.isDirectory("\(dir)/\(name)") {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))
        }
        return out
    }
}

/// A build that a suite's `demo` recipe must refuse: the edits to the recipe, the raw files where
/// they are not the suite's, and what the error says.
struct RefusedBuild: Sendable, CustomTestStringConvertible {
    /// What is refused; it names the test case.
    let testDescription: String
    /// Replacements in the suite's recipe (see ``RecipeBuild/edited(_:_:)``).
    let edits: [(old: String, new: String)]
    /// The raw files (path → text) in place of the suite's; nil for the suite's own.
    let raw: [String: String]?
    /// What the error must say: each of these.
    let messages: [String]

    init(_ what: String, edits: [(old: String, new: String)] = [], raw: [String: String]? = nil, saying messages: String...) {
        testDescription = what
        self.edits = edits
        self.raw = raw
        self.messages = messages
    }
}
