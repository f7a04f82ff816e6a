import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: raw JSON inside nested .7z archives (unpacked where they lie), compact
/// write_json, and a zip step writing .7z archives, against the bytes MLE-bench's
/// statoil-iceberg-classifier-challenge code writes (`scripts/vectors/sevenzip_steps.py`).
@Suite(.serialized) struct SevenZipStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("sevenzip-steps") }

    static let recipe = RecipeBuild.demo("sevenzip-steps")

    /// Kaggle's layout: `train.json.7z` holding `data/processed/train.json`, likewise test.
    func build(store: String? = nil, data: String? = nil) throws -> TestSupport.ProcessResult {
        try RecipeBuild.stage(home: home, recipe: Self.recipe)
        let staging = "\(home)/staging"
        try RecipeBuild.write("\(staging)/data/processed/train.json", SevenZipStepsVectors.trainJSON)
        try RecipeBuild.write("\(staging)/data/processed/test.json", SevenZipStepsVectors.testJSON)
        try RecipeBuild.pack([("train.json.7z", "data/processed/train.json"), ("test.json.7z", "data/processed/test.json")],
                                      from: staging, into: "\(home)/raw/demo")
        return try RecipeBuild.run(home: home, data: data, store: store)
    }

    /// The members of a .7z, by name, extracted by 7-Zip.
    func members(_ archive: String) throws -> [String: Data] {
        let magic = try Data(contentsOf: URL(fileURLWithPath: archive)).prefix(6)
        #expect(magic == Data([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]), "\(archive) is not a 7z archive")
        return try RecipeBuild.members(archive, extractingInto: "\(home)/x-\((archive as NSString).lastPathComponent)")
    }

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        let expected = SevenZipStepsVectors.expected
        let csvs = ["private/test.csv", "private/sample_submission.csv"]
        let out = try RecipeBuild.expectPrepared(try build(), home: home, Dictionary(uniqueKeysWithValues: csvs.map { ($0, expected[$0]!) }))
        // py7zr.SevenZipFile(public / "train.json.7z", "w").write(…, arcname="train.json"): one member.
        for name in ["train.json", "test.json"] {
            #expect(try members("\(out)/public/\(name).7z") == [name: Data(expected["public/\(name)"]!.utf8)])
            #expect(!FileManager.default.fileExists(atPath: "\(out)/public/\(name)"), "the zipped JSON leaves the outputs")
        }
        #expect(try members("\(out)/public/sample_submission.csv.7z")
                == ["sample_submission.csv": Data(expected["private/sample_submission.csv"]!.utf8)])
    }

    @Test func a7zIsTheSameBytesFromAnotherStore() throws {
        defer { TestSupport.remove(home) }
        #expect(try build().status == 0)
        let again = try build(store: "\(home)/store2", data: "\(home)/data2")
        #expect(again.status == 0, "\(again.stderr)")
        for name in ["train.json.7z", "test.json.7z", "sample_submission.csv.7z"] {
            let first = try Digests.hashFile(at: "\(home)/data/demo/prepared/public/\(name)", .md5).hex
            let second = try Digests.hashFile(at: "\(home)/data2/demo/prepared/public/\(name)", .md5).hex
            #expect(first == second, "\(name)")
        }
    }
}
