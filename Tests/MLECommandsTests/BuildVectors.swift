import Foundation
import MLEBasics
import MLETestSupport

/// The texts of the generated `…Vectors` (raw files, expected outputs), which scripts/vectors writes
/// under `Tests/BuildVectors/<enum>/` as the files they stand for, so that they read and diff as
/// those files. A missing one stops the tests: a vector read as empty would check nothing.
enum BuildVectors {
    static let root = TestSupport.packageRoot.appendingPathComponent("Tests/BuildVectors").path

    /// The text of the file `name` (`<enum>/<member>`).
    static func text(_ name: String) -> String {
        guard let text = try? String(contentsOfFile: "\(root)/\(name)", encoding: .utf8) else {
            fatalError("no vectors file Tests/BuildVectors/\(name): rerun its script in scripts/vectors")
        }
        return text
    }

    /// The texts of every file below the folder `name` (`<enum>/<member>`), by path below it.
    static func texts(_ name: String) -> [String: String] {
        let dir = "\(root)/\(name)"
        guard let paths = try? FileManager.default.subpathsOfDirectory(atPath: dir), !paths.isEmpty else {
            fatalError("no vectors files under Tests/BuildVectors/\(name): rerun its script in scripts/vectors")
        }
        var texts: [String: String] = [:]
        for path in paths where !FileIO.isDirectory("\(dir)/\(path)") { texts[path] = text("\(name)/\(path)") }
        return texts
    }
}
