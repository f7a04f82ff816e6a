import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: the committed invasive-species-monitoring recipe (its MD5s aside) over synthetic
/// raw files — train_labels.csv inside train_labels.csv.zip and train/<name>.jpg inside train.7z,
/// both unpacked where they lie — against the bytes MLE-bench's prepare.py writes
/// (`scripts/vectors/invasive_steps.py`).
@Suite(.serialized) struct InvasiveStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("invasive-steps") }

    static let id = "invasive-species-monitoring"

    /// The committed recipe without `[outputs.md5]` (those are MLE-bench's, for the real files).
    static func recipe() throws -> String {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("registry/\(id)/recipe.toml"), encoding: .utf8)
        var lines: [Substring] = [], inMD5 = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("[") { inMD5 = line.hasPrefix("[outputs.md5]") }
            if !inMD5 { lines.append(line) }
        }
        return lines.joined(separator: "\n")
    }

    func members(_ archive: String) throws -> [String: Data] {
        try SevenZipStepsBuildTests.members(archive, extractingInto: "\(home)/x-\((archive as NSString).lastPathComponent)")
    }

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        try MoreStepsBuildTests.write("\(home)/registry/\(Self.id)/recipe.toml", try Self.recipe())
        let staging = "\(home)/staging", raw = "\(home)/raw/\(Self.id)"
        try MoreStepsBuildTests.write("\(staging)/train_labels.csv", InvasiveStepsVectors.trainLabels)
        for n in InvasiveStepsVectors.names { try MoreStepsBuildTests.write("\(staging)/train/\(n).jpg", "image \(n)") }
        try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
        for (archive, member) in [("train_labels.csv.zip", "train_labels.csv"), ("train.7z", "train")] {
            let r = try TestSupport.run("/bin/sh", ["-c", "cd \"$1\" && 7z a -bd \"$2\" \"$3\" >/dev/null", "sh", staging, "\(raw)/\(archive)", member])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let r = try TestSupport.mlepkg(["build", Self.id, "--raw-dir", "\(home)/raw", "--data-dir", "\(home)/data",
                                       "--registry", "\(home)/registry"], home: home)
        #expect(r.status == 0, "\(r.stderr)")
        let out = "\(home)/data/\(Self.id)/prepared"
        let expected = InvasiveStepsVectors.expected
        for path in ["private/answers.csv", "private/sample_submission.csv"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(path)"))
            #expect(bytes == Data(expected[path]!.utf8), "\(path):\n\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(try members("\(out)/public/train_labels.csv.zip") == ["train_labels.csv": Data(expected["public/train_labels.csv"]!.utf8)])
        #expect(try members("\(out)/public/sample_submission.csv.zip")
                == ["sample_submission.csv": Data(expected["private/sample_submission.csv"]!.utf8)])
        for (name, images) in [("train", InvasiveStepsVectors.trainImages), ("test", InvasiveStepsVectors.testImages)] {
            let got = try members("\(out)/public/\(name).7z")
            #expect(got.keys.sorted() == images, "\(name).7z")
            for (image, bytes) in got { #expect(bytes == Data("image \(image.dropLast(4))".utf8)) }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: "\(out)/public").sorted()
        #expect(left == ["sample_submission.csv.zip", "test.7z", "train.7z", "train_labels.csv.zip"])
    }
}
