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

    func members(_ archive: String) throws -> [String: Data] {
        try SevenZipStepsBuildTests.members(archive, extractingInto: "\(home)/x-\((archive as NSString).lastPathComponent)")
    }

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        var files = ["train_labels.csv": InvasiveStepsVectors.trainLabels]
        for n in InvasiveStepsVectors.names { files["train/\(n).jpg"] = "image \(n)" }
        let out = try CommittedRecipeBuild.build(Self.id, home: home, files: files,
                                                 archives: [("train_labels.csv.zip", "train_labels.csv"), ("train.7z", "train")])
        let expected = InvasiveStepsVectors.expected
        try CommittedRecipeBuild.expectBytes(expected.filter { $0.key.hasPrefix("private/") }, under: out)
        #expect(try members("\(out)/public/train_labels.csv.zip") == ["train_labels.csv": Data(expected["public/train_labels.csv"]!.utf8)])
        #expect(try members("\(out)/public/sample_submission.csv.zip")
                == ["sample_submission.csv": Data(expected["private/sample_submission.csv"]!.utf8)])
        for (name, images) in [("train", InvasiveStepsVectors.trainImages), ("test", InvasiveStepsVectors.testImages)] {
            let got = try members("\(out)/public/\(name).7z")
            #expect(got.keys.sorted() == images, "\(name).7z")
            for (image, bytes) in got { #expect(bytes == Data("image \(image.dropLast(4))".utf8)) }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: "\(out)/public").filter { $0 != "description.md" }.sorted()
        #expect(left == ["sample_submission.csv.zip", "test.7z", "train.7z", "train_labels.csv.zip"])
    }
}
