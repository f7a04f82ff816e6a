import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// Builds a committed recipe over synthetic raw files packed the way Kaggle packs the real ones,
/// for end-to-end tests against what MLE-bench's prepare.py writes from the same files.
enum CommittedRecipeBuild {
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
        try MoreStepsBuildTests.write("\(home)/registry/\(id)/recipe.toml", try recipe(id))
        let staging = "\(home)/staging", raw = "\(home)/raw/\(id)"
        for (path, text) in files { try MoreStepsBuildTests.write("\(staging)/\(path)", text) }
        try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
        for (archive, member) in archives {
            let type = archive.hasSuffix(".zip") ? "-tzip" : "-t7z"
            let r = try TestSupport.run("/bin/sh", ["-c", "cd \"$1\" && 7z a \(type) -bd \"$2\" \"$3\" >/dev/null", "sh", staging, "\(raw)/\(archive)", member])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let r = try TestSupport.mlepkg(["build", id, "--raw-dir", "\(home)/raw", "--data-dir", "\(home)/data",
                                       "--registry", "\(home)/registry"], home: home)
        #expect(r.status == 0, "\(r.stderr)")
        return "\(home)/data/\(id)/prepared"
    }

    /// Expects each file's bytes under `out` to be the given text.
    static func expectBytes(_ expected: [String: String], under out: String) throws {
        for (path, text) in expected {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(path)"))
            #expect(bytes == Data(text.utf8), "\(path):\n\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// Every file under `out`'s `folders`, by path, as text.
    static func texts(under out: String, _ folders: [String]) throws -> [String: String] {
        var found: [String: String] = [:]
        for folder in folders {
            for name in try FileManager.default.subpathsOfDirectory(atPath: "\(out)/\(folder)") where !FileIO.isDirectory("\(out)/\(folder)/\(name)") {
                found["\(folder)/\(name)"] = try String(contentsOfFile: "\(out)/\(folder)/\(name)", encoding: .utf8)
            }
        }
        return found
    }
}
