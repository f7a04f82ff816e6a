import Foundation
import MLETestSupport
import Testing

/// End to end: the committed champs-scalar-coupling recipe (its MD5s aside) over synthetic raw
/// files — a split over `groupby("molecule_name")` groups concatenated in `train_test_split`'s
/// order, `isin` filters of the auxiliary CSVs and the structure files of every train and test
/// molecule — against MLE-bench's prepare.py (`scripts/vectors/champs_steps.py`).
@Suite(.serialized) struct ChampsStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("champs-steps") }

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        for (path, text) in ChampsStepsVectors.rawFiles {
            try MoreStepsBuildTests.write("\(home)/raw/champs-scalar-coupling/\(path)", text)
        }
        let out = try CommittedRecipeBuild.build("champs-scalar-coupling", home: home, files: [:], archives: [])
        try CommittedRecipeBuild.expectBytes(ChampsStepsVectors.expected, under: out)
        #expect(try CommittedRecipeBuild.texts(under: out, ["public", "private"]).keys.sorted() == ChampsStepsVectors.expected.keys.sorted())
    }
}
