import Foundation
import MLETestSupport
import Testing

/// End to end: the committed the-icml-2013-whale-challenge-right-whale-redux recipe (its MD5s
/// aside) over synthetic clips in a nested train2.zip — fields parsed from file names
/// (`list_files` with several placeholders in a name), a split by the first two sorted dates,
/// renames by a running index and answers from the names — against MLE-bench's prepare.py
/// (`scripts/vectors/whale_redux_steps.py`).
@Suite(.serialized) struct WhaleReduxStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("whale-redux-steps") }

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        let files = Dictionary(uniqueKeysWithValues: WhaleReduxStepsVectors.rawFiles.map { ("train2/\($0)", $0) })
        let out = try CommittedRecipeBuild.build("the-icml-2013-whale-challenge-right-whale-redux", home: home, files: files,
                                                 archives: [("train2.zip", "train2")])
        try CommittedRecipeBuild.expectBytes(WhaleReduxStepsVectors.expected, under: out)
        var clips: [String: String] = [:]
        for folder in ["public/train2", "public/test2"] {
            #expect(!FileManager.default.fileExists(atPath: "\(out)/\(folder)"), "the zipped folder leaves the outputs")
            let members = try SevenZipStepsBuildTests.members("\(out)/\(folder).zip", extractingInto: "\(home)/x-\((folder as NSString).lastPathComponent)")
            for (name, bytes) in members { clips["\(folder)/\(name)"] = String(decoding: bytes, as: UTF8.self) }
        }
        #expect(clips == WhaleReduxStepsVectors.copied)
    }
}
