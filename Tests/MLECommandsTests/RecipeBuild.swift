import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// Builds a recipe end to end — a committed one over synthetic raw files packed the way Kaggle
/// packs the real ones, or a test's own `demo` recipe — and checks the prepared files, for the
/// *StepsBuildTests against what MLE-bench's code writes from the same files.
enum RecipeBuild {
    /// The top of a test's own `demo` recipe, up to its `[[inputs]]`.
    static let demoHeader = """
    format = 1
    id = "demo"
    name = "Demo"
    kaggle = "demo"
    complexity = "low"
    status = "unverified"

    [source]
    url = "kaggle://competitions/demo"
    """

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

    /// The folder `mlepkg build <id>` prepares under `home/data`.
    static func prepared(_ id: String = "demo", home: String) -> String { "\(home)/data/\(id)/prepared" }

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
