import Foundation
import MLETestSupport
import Testing

/// End to end: the committed dogs-vs-cats-redux-kernels-edition recipe (its MD5s aside) over
/// synthetic images in a nested train.zip — a listing split, cat/dog renaming by per-kind
/// counters (`cumcount` by a kind set with `where_contains`), test images numbered from 1 and
/// answers from the file names — against MLE-bench's prepare.py (`scripts/vectors/dogs_steps.py`).
@Suite(.serialized) struct DogsStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("dogs-steps") }

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        let files = Dictionary(uniqueKeysWithValues: DogsStepsVectors.rawFiles.map { ("train/\($0)", $0) })
        let out = try CommittedRecipeBuild.build("dogs-vs-cats-redux-kernels-edition", home: home, files: files,
                                                 archives: [("train.zip", "train")])
        try CommittedRecipeBuild.expectBytes(DogsStepsVectors.expected, under: out)
        let images = try CommittedRecipeBuild.texts(under: out, ["public/train", "public/test"])
        #expect(images == DogsStepsVectors.copied)
        // mlebench.utils.compress: the folders stay, their files also zipped by relative name.
        for folder in ["public/train", "public/test"] {
            let members = try SevenZipStepsBuildTests.members("\(out)/\(folder).zip", extractingInto: "\(home)/x-\((folder as NSString).lastPathComponent)")
            #expect(Set(members.keys.map { "\(folder)/\($0)" }) == Set(images.keys.filter { $0.hasPrefix(folder + "/") }))
        }
    }
}
